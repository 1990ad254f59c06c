"""Rendering the structured content as Markdown/HTML for one language.

Everything that comes from YAML is data: it passes through :func:`esc` (HTML) or :func:`md`
(Markdown text) and is never evaluated as Jinja, Markdown syntax or HTML.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from . import DEFAULT_LANGUAGE
from .content import Content

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")          # inline syntax, attr_list and Jinja braces
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-:=]|\d+[.)])")  # block syntax at the start of a line


def esc(text: object) -> str:
    """Escape for HTML text and attributes; braces too, so no template engine can ever see an expression."""
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def md(text: object) -> str:
    """Escape for Markdown inline text: HTML-escaped and every Markdown/Jinja-special character neutralised."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    escaped = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", escaped)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), escaped)


@dataclass(frozen=True)
class Ctx:
    """Where a piece of output goes: the language and the page (path relative to the language folder)."""

    content: Content
    lang: str
    page: str = "index.md"
    repo: str = ""  # base URL of the repository's files, for "edit this case" links

    # -- words ---------------------------------------------------------------------------
    def label(self, key: str, **fmt: object) -> str:
        try:
            value = self.content.labels[key][self.lang]
        except KeyError as exc:
            raise KeyError(f"label {key!r} is missing from data/labels.yaml") from exc
        return value.format(**fmt) if fmt else value

    def text(self, value: dict | None) -> tuple[str, bool]:
        """(text in this language, True if it fell back to Finnish)."""
        if not value:
            return "", False
        if self.lang in value:
            return value[self.lang], False
        return value[DEFAULT_LANGUAGE], True

    def _marked(self, value: dict | None, convert) -> str:
        text, fell_back = self.text(value)
        if fell_back:
            return (f'<span lang="fi">{convert(text)}</span> '
                    f'<span class="kp-fallback">({esc(self.label("notice.fallback_marker"))})</span>')
        return convert(text)

    def h(self, value: dict | None) -> str:
        """HTML for a language map; a Finnish fallback is marked with lang="fi" and a visible marker."""
        return self._marked(value, esc)

    def m(self, value: dict | None) -> str:
        """Markdown for a language map, like :meth:`h`."""
        return self._marked(value, md)

    # -- links ---------------------------------------------------------------------------
    def md_link(self, target: str, anchor: str = "") -> str:
        """A relative link to another page's Markdown source (mkdocs validates and rewrites it)."""
        rel = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def asset(self, path: str) -> str:
        """Relative URL from this page to a shared file at the site root (e.g. 'assets/cases.js').

        Shared assets are built once, at the root; Swedish and English pages live one level
        deeper (/sv/, /en/), so they climb one directory more.
        """
        depth = page_url(self.page).count("/") + (self.lang != DEFAULT_LANGUAGE)
        return "../" * depth + path

    def url(self, target: str, anchor: str = "") -> str:
        """A relative URL for raw HTML (directory URLs), from this page to ``target`` (a .md path)."""
        rel = posixpath.relpath(page_url(target) or ".", page_url(self.page) or ".")
        if rel == ".":
            rel = "./"
        elif not rel.endswith("/"):
            rel += "/"
        return rel + (f"#{anchor}" if anchor else "")


def page_url(src: str) -> str:
    """Directory URL of a page source path: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


CASE_DIR = "tapaukset"
STEPS_PAGE = "rakentaminen.md"
ANTIPATTERNS_PAGE = "epaonnistuminen.md"
SOURCES_PAGE = "lahteet.md"
GLOSSARY_PAGE = "sanasto.md"


def case_src(slug: str) -> str:
    return f"{CASE_DIR}/{slug}.md"


# ---------------------------------------------------------------------------------------------
# Comparison of forms, hallmarks, memo list
# ---------------------------------------------------------------------------------------------

def forms_table(ctx: Ctx) -> str:
    data = ctx.content.data["forms"]
    forms = data["forms"]
    head = "".join(f'<th scope="col">{ctx.h(f["name"])}</th>' for f in forms)
    rows = []
    for dim in data["dimensions"]:
        cells = []
        for f in forms:
            value = dim["values"].get(f["id"])
            if value is None:
                cells.append(f'<td class="kp-empty">{esc(ctx.label("forms.not_specified"))}</td>')
            else:
                cells.append(f"<td>{ctx.h(value)}</td>")
        rows.append(f'<tr id="muoto-{esc(dim["id"])}"><th scope="row">{ctx.h(dim["name"])}</th>{"".join(cells)}</tr>')
    return (
        '<div class="kp-table-wrap" tabindex="0" role="region" aria-labelledby="kp-forms-caption">'
        '<table class="kp-table kp-forms">'
        f'<caption id="kp-forms-caption">{esc(ctx.label("forms.caption"))}</caption>'
        f'<thead><tr><th scope="col">{esc(ctx.label("forms.dimension"))}</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def hallmarks_list(ctx: Ctx) -> str:
    items = ctx.content.data["hallmarks"]["items"]
    lis = "".join(f'<li id="tunnuspiirre-{esc(i["id"])}">{ctx.h(i["text"])}</li>' for i in items)
    return f'<ol class="kp-hallmarks" aria-label="{esc(ctx.label("hallmarks.caption"))}">{lis}</ol>'


def memo_list(ctx: Ctx) -> str:
    items = ctx.content.data["memo"]["items"]
    lines = []
    for item in items:
        note = f" — {ctx.m(item['note'])}" if item.get("note") else ""
        lines.append(f"- [ ] {ctx.m(item['text'])}{note}")
    return "\n".join(lines) + "\n"


def changes_list(ctx: Ctx) -> str:
    """The change notes of data/changes.yaml, newest first, with links to the page or case changed."""
    import datetime

    from babel.dates import format_date

    lines = []
    for entry in ctx.content.data["changes"]["changes"]:
        day = datetime.date.fromisoformat(entry["date"])
        shown = format_date(day, format="d MMMM y", locale="en_GB") if ctx.lang == "en" else f"{day.day}.{day.month}.{day.year}"
        target = case_src(entry["case"]) if entry.get("case") else entry.get("page")
        link = f" ([{esc(ctx.label('changes.see'))}]({ctx.md_link(target)}))" if target else ""
        lines.append(f'- <time datetime="{entry["date"]}">{shown}</time> — '
                     f"**{esc(ctx.label('changes.' + entry['kind']))}:** {ctx.m(entry['note'])}{link}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Steps and anti-patterns (Markdown with explicit heading ids, so they appear in the TOC)
# ---------------------------------------------------------------------------------------------

def _case_link_items(ctx: Ctx, kind: str, ident: str) -> list[str]:
    out = []
    for case, rel in ctx.content.cases_linking(kind, ident):
        name, _ = ctx.text(case["name"])
        rel_label = "" if rel == "illustrates" else f" ({md(ctx.label('case.' + rel))})"
        out.append(f"[{md(name)}]({ctx.md_link(case_src(case['slug']))}){rel_label}")
    return out


def case_links(ctx: Ctx, kind: str, ident: str) -> str:
    items = _case_link_items(ctx, kind, ident)
    if not items:
        key = "steps.no_cases" if kind == "step" else "ap.no_cases"
        return f"*{md(ctx.label(key))}*\n"
    return "\n".join(f"- {i}" for i in items) + "\n"


def steps_checklist(ctx: Ctx, heading_level: int = 2) -> str:
    data = ctx.content.data["steps"]
    h2, h3 = "#" * heading_level, "#" * (heading_level + 1)
    out = []
    for phase in data["phases"]:
        out.append(f"{h2} {md(ctx.label('steps.phase'))} {md(phase['number'])}: {ctx.m(phase['title'])} {{#{phase['id']}}}\n")
        if phase.get("intro"):
            out.append(ctx.m(phase["intro"]) + "\n")
        numbers = [s["number"] for s in phase["steps"]]
        for step in phase["steps"]:
            out.append(f"{h3} {md(step['number'])} {ctx.m(step['title'])} {{#{step['id']}}}\n")
            out.append(f"**{md(ctx.label('steps.todo'))}**\n")
            out.append("\n".join(f"- [ ] {ctx.m(t)}" for t in step["todo"]) + "\n")
            if step.get("questions"):
                out.append(f"**{md(ctx.label('steps.questions'))}**\n")
                out.append("\n".join(f"- [ ] {ctx.m(q)}" for q in step["questions"]) + "\n")
            if step.get("important"):
                out.append(f'!!! warning "{esc(ctx.label("steps.important"))}"\n    {ctx.m(step["important"])}\n')
            out.append(f"**{md(ctx.label('steps.cases'))}**\n")
            out.append(case_links(ctx, "step", step["id"]))
        if phase["id"] == "vaihe-2" and "2.2" not in numbers and data.get("missing_step_note"):
            out.append(f'!!! note ""\n    {ctx.m(data["missing_step_note"])}\n')
    return "\n".join(out)


def antipatterns(ctx: Ctx, heading_level: int = 2) -> str:
    data = ctx.content.data["antipatterns"]
    steps = {s["id"]: s for ph in ctx.content.data["steps"]["phases"] for s in ph["steps"]}
    h2 = "#" * heading_level
    out = []
    for n, ap in enumerate(data["items"], 1):
        out.append(f"{h2} {n}. {ctx.m(ap['title'])} {{#{ap['id']}}}\n")
        out.append(f"**{md(ctx.label('ap.what_goes_wrong'))}:** {ctx.m(ap['what_goes_wrong'])}\n")
        out.append(f"**{md(ctx.label('ap.warning_signs'))}**\n")
        out.append("\n".join(f"- [ ] {ctx.m(s)}" for s in ap["warning_signs"]) + "\n")
        out.append(f"**{md(ctx.label('ap.instead'))}**\n")
        out.append("\n".join(f"- {ctx.m(s)}" for s in ap["instead"]) + "\n")
        if ap.get("steps"):
            links = ", ".join(
                f"[{md(steps[s]['number'])} {ctx.m(steps[s]['title'])}]({ctx.md_link(STEPS_PAGE, s)})" for s in ap["steps"])
            out.append(f"**{md(ctx.label('ap.steps'))}:** {links}\n")
        out.append(f"**{md(ctx.label('ap.cases'))}**\n")
        out.append(case_links(ctx, "antipattern", ap["id"]))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Glossary and bibliography
# ---------------------------------------------------------------------------------------------

def glossary_table(ctx: Ctx) -> str:
    terms = sorted(ctx.content.data["glossary"]["terms"], key=lambda t: ctx.text(t["term"])[0].lower())
    order = [ctx.lang] + [lang for lang in ("fi", "sv", "en") if lang != ctx.lang]
    head = "".join(f'<th scope="col">{esc(ctx.label("glossary.col." + lang))}</th>' for lang in order[1:])
    rows = []
    for t in terms:
        others = "".join(f'<td lang="{lang}">{esc(t["term"].get(lang, ""))}</td>' for lang in order[1:])
        rows.append(
            f'<tr id="{esc(t["id"])}"><th scope="row">{ctx.h(t["term"])}</th>{others}'
            f'<td>{ctx.h(t["definition"])}</td></tr>')
    return (
        '<div class="kp-table-wrap" tabindex="0" role="region" aria-labelledby="kp-glossary-caption">'
        '<table class="kp-table kp-glossary">'
        f'<caption id="kp-glossary-caption">{esc(ctx.label("glossary.caption"))}</caption>'
        f'<thead><tr><th scope="col">{esc(ctx.label("glossary.col.term"))}</th>{head}'
        f'<th scope="col">{esc(ctx.label("glossary.col.definition"))}</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>')


def format_reference(ctx: Ctx, entry: dict) -> str:
    """One bibliography entry as HTML: Authors (year). Title. Series. Publisher, place."""
    authors = "; ".join(esc(a) for a in entry.get("authors", []))
    year = esc(entry.get("year", ""))
    if entry.get("approximate"):
        year = f"{esc(ctx.label('bib.approximate'))} {year}"
    parts = [f"{authors} ({year})." if authors else f"({year})."]
    parts.append(f"<cite>{esc(entry['title'])}</cite>.")
    for key in ("series", "publisher", "place"):
        if entry.get(key):
            parts.append(f"{esc(entry[key])}.")
    if entry.get("url"):
        parts.append(f'<a href="{esc(entry["url"])}" rel="noopener">{esc(entry["url"])}</a>')
    if entry.get("note"):
        parts.append(f'<span class="kp-bib-note">{ctx.h(entry["note"])}</span>')
    return " ".join(parts)


def bibliography(ctx: Ctx) -> str:
    entries = ctx.content.data["bibliography"]["entries"]
    out = []
    for role in ("source", "cited", "further"):
        group = [e for e in entries if e.get("role", "cited") == role]
        if not group:
            continue
        out.append(f'<h2 id="lahteet-{role}">{esc(ctx.label("bib.role." + role))}</h2>')
        group.sort(key=lambda e: (e.get("authors") or [e["title"]])[0].lower())
        lis = "".join(f'<li id="{esc(e["key"])}">{format_reference(ctx, e)}</li>' for e in group)
        out.append(f'<ul class="kp-bibliography">{lis}</ul>')
    return "\n".join(out)


def sources_section(ctx: Ctx, sources: list[dict]) -> str:
    """The "Sources" section appended to every content page (Markdown), from front matter or case data."""
    lines = [f"## {md(ctx.label('sources.heading'))} {{#lahteet}}\n", *source_paragraphs(ctx, sources)]
    return "\n".join(lines) + "\n"


def source_paragraphs(ctx: Ctx, sources: list[dict], href=None) -> list[str]:
    """One ``<p class="kp-source">`` per source: the reference, where in it, and a link to the bibliography."""
    bib = ctx.content.bibliography
    href = href or (lambda target, anchor: esc(ctx.url(target, anchor)))
    out = []
    for src in sources:
        entry = bib[src["key"]]
        loc = src.get("loc")
        if isinstance(loc, dict):
            loc = ctx.text(loc)[0]
        ref = format_reference(ctx, {k: v for k, v in entry.items() if k not in ("note", "url")})
        more = f" — {esc(loc)}" if loc else ""
        via = ""
        if src.get("via") and src["via"] in bib:
            via = f" ({esc(ctx.label('sources.via'))} {esc(bib[src['via']]['title'])})"
        link = f' <a class="kp-bib-link" href="{href(SOURCES_PAGE, entry["key"])}">↗</a>'
        out.append(f'<p class="kp-source">{ref}{via}{more}{link}</p>')
    return out


# ---------------------------------------------------------------------------------------------
# Cases: overview table, filters, map, and the generated page per case
# ---------------------------------------------------------------------------------------------

def _vocab(ctx: Ctx, prefix: str, ids: list[str]) -> str:
    return ", ".join(esc(ctx.label(f"{prefix}.{i}")) for i in ids)


def cases_table(ctx: Ctx) -> str:
    rows = []
    for c in ctx.content.cases:
        name, _ = ctx.text(c["name"])
        region, _ = ctx.text(c["place"]["region"])
        attrs = (f'data-themes="{esc(" ".join(c["themes"]))}" '
                 f'data-participants="{esc(" ".join(c["participants"]))}" '
                 f'data-region="{esc(c["place"]["region"]["fi"])}"')
        led = ctx.h(c["led_by"]) if c.get("led_by") else esc(ctx.label("case.unknown"))
        rows.append(
            f'<tr id="tapaus-{esc(c["slug"])}" {attrs}>'
            f'<th scope="row"><a href="{ctx.url(case_src(c["slug"]))}">{esc(name)}</a></th>'
            f'<td>{esc(", ".join(c["place"]["municipalities"]))} ({esc(region)})</td>'
            f'<td>{esc(c.get("started", ctx.label("case.unknown")))}</td>'
            f'<td>{_vocab(ctx, "theme", c["themes"])}</td>'
            f'<td>{_vocab(ctx, "participant", c["participants"])}</td>'
            f'<td>{esc(c.get("tables", ctx.label("case.unknown")))}</td>'
            f"<td>{led}</td></tr>")
    cols = ["name", "place", "started", "themes", "participants", "tables", "led_by"]
    head = "".join(f'<th scope="col">{esc(ctx.label("cases.col." + k))}</th>' for k in cols)
    return (
        '<div class="kp-table-wrap" tabindex="0" role="region" aria-labelledby="kp-cases-caption">'
        '<table class="kp-table kp-cases" id="kp-cases">'
        f'<caption id="kp-cases-caption">{esc(ctx.label("cases.caption"))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def cases_filters(ctx: Ctx) -> str:
    """Filter controls. The table is complete without JavaScript; the controls only hide rows."""
    cases = ctx.content.cases
    themes = sorted({t for c in cases for t in c["themes"]}, key=lambda t: ctx.label("theme." + t))
    parts = sorted({p for c in cases for p in c["participants"]}, key=lambda p: ctx.label("participant." + p))
    regions = sorted({c["place"]["region"]["fi"]: c["place"]["region"] for c in cases}.items(),
                     key=lambda kv: ctx.text(kv[1])[0])

    def select(name: str, label_key: str, options: list[tuple[str, str]]) -> str:
        opts = f'<option value="">{esc(ctx.label("filter.all"))}</option>' + "".join(
            f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return (f'<label class="kp-filter"><span>{esc(ctx.label(label_key))}</span>'
                f'<select name="{name}" data-filter="{name}">{opts}</select></label>')

    return (
        f'<form class="kp-filters" data-kp-filters hidden data-count-template="{esc(ctx.label("filter.count"))}">'
        f'<fieldset><legend>{esc(ctx.label("filter.legend"))}</legend>'
        + select("themes", "filter.theme", [(t, ctx.label("theme." + t)) for t in themes])
        + select("region", "filter.region", [(k, ctx.text(v)[0]) for k, v in regions])
        + select("participants", "filter.participant", [(p, ctx.label("participant." + p)) for p in parts])
        + f'<button type="reset" class="md-button">{esc(ctx.label("filter.reset"))}</button>'
        f'</fieldset><p class="kp-filter-count" aria-live="polite"></p></form>'
        f'<noscript><p>{esc(ctx.label("filter.nojs"))}</p></noscript>'
        # only this page needs the script, so it is not in every page's extra_javascript
        f'<script src="{ctx.asset("assets/cases.js")}" defer></script>')


def cases_map(ctx: Ctx) -> str:
    from .geo import finland_map_svg

    return finland_map_svg(ctx)


def case_page(ctx: Ctx, case: dict) -> str:
    """The source file of one generated case page: front matter only. mkdocs needs a page file to put
    the case in its navigation, link checks and sitemap; the page body is :func:`case_html`, rendered
    straight to HTML (kumppanuus.mkdocs_glue), because everything in it is escaped data, so Python-Markdown
    would only cost time (measured: 40 % of a build with a thousand cases)."""
    import json

    name, _ = ctx.text(case["name"])
    summary, _ = ctx.text(case["summary"])
    meta = {  # Material prints title and description into the HTML head unescaped: escape them here
        "title": esc(name),
        "description": esc(summary),
        "case": case["slug"],
        "generated_from": f"cases/{case['slug']}.yaml",
        "sources": [{"key": s["key"], "loc": ctx.text(s.get("loc"))[0]} for s in case["sources"]],
    }
    if any_fallback(case, ctx.lang):
        meta["untranslated_fields"] = True
    return "\n".join(["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()), "---", "",
                      f"<!-- GENERATED from cases/{case['slug']}.yaml at build time. Do not edit: edit the YAML file. -->",
                      ""])


@dataclass
class PageHtml:
    """A page rendered without Markdown: its HTML and what mkdocs would have learnt from converting it."""

    html: str
    title: str
    toc: list[dict]                 # nested tokens as Python-Markdown's toc extension makes them
    ids: set[str]                   # every id on the page (for links to anchors on it)
    links: list[tuple[str, str]]    # (target page source, anchor) of every internal link


class _HtmlDoc:
    """Collects the blocks of a page written as HTML: headings get ids, permalinks and TOC entries as
    the toc extension gives them; internal links go through ``link`` (mkdocs resolves and checks them)."""

    def __init__(self, ctx: Ctx, permalink_title: str, link=None):
        self.ctx, self.permalink = ctx, esc(permalink_title)
        self.link_fn = link or (lambda target, anchor: ctx.url(target, anchor))
        self.parts: list[str] = []
        self.tokens: list[dict] = []
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.title = ""

    def heading(self, level: int, text: str, ident: str = "") -> None:
        from markdown.extensions.toc import slugify, unique

        ident = unique(ident or slugify(html.unescape(text), "-"), self.ids)
        self.ids.add(ident)
        body = esc(text)
        self.title = self.title or text
        self.parts.append(f'<h{level} id="{ident}">{body}<a class="headerlink" href="#{ident}" '
                          f'title="{self.permalink}">&para;</a></h{level}>')
        self.tokens.append({"level": level, "id": ident, "name": body, "html": body, "children": []})

    def href(self, target: str, anchor: str = "") -> str:
        self.links.append((target, anchor))
        return esc(self.link_fn(target, anchor))

    def add(self, block: str) -> None:
        self.parts.append(block)
        self.ids.update(re.findall(r'\sid="([^"]+)"', block))

    def items(self, lis: list[str]) -> None:
        self.parts.append("<ul>\n" + "\n".join(f"<li>{x}</li>" for x in lis) + "\n</ul>")

    def done(self) -> PageHtml:
        from markdown.extensions.toc import nest_toc_tokens

        return PageHtml("\n".join(self.parts) + "\n", self.title, nest_toc_tokens(self.tokens), self.ids,
                        self.links)


def case_html(ctx: Ctx, case: dict, permalink_title: str = "", link=None) -> PageHtml:
    """The body of a case page as HTML: card, story, outcomes, challenges, tips, links into the guide and
    sources. Every text is escaped data. ``link(target, anchor)`` makes internal hrefs (default: ctx.url)."""
    doc = _HtmlDoc(ctx, permalink_title or ctx.label("ui.permalink"), link)
    name, _ = ctx.text(case["name"])
    doc.add(f"<!-- GENERATED from cases/{esc(case['slug'])}.yaml at build time. Do not edit: edit the YAML file. -->")
    doc.heading(1, name)
    if any_fallback(case, ctx.lang):
        doc.add(f'<div class="admonition info">\n<p class="admonition-title">{esc(ctx.label("notice.fields.title"))}</p>\n'
                f'<p>{esc(ctx.label("notice.fields.text"))} <a href="{finnish_url(ctx, case_src(case["slug"]))}" '
                f'hreflang="fi">{esc(ctx.label("notice.finnish_page"))}</a></p>\n</div>')
    doc.add(case_card(ctx, case))
    doc.heading(2, ctx.label("case.story"), "kuvaus")
    doc.add("\n".join(f"<p>{ctx.h(p)}</p>" for p in case["body"]))
    for key, anchor in (("outcomes", "tulokset"), ("challenges", "haasteet"), ("tips", "vinkit")):
        if case.get(key):
            doc.heading(2, ctx.label("case." + key), anchor)
            doc.items([ctx.h(x) for x in case[key]])
    doc.heading(2, ctx.label("case.guide_links"), "yhteydet")
    steps = {s["id"]: s for ph in ctx.content.data["steps"]["phases"] for s in ph["steps"]}
    doc.heading(3, ctx.label("case.steps"), "vaiheet")
    doc.items([f'<a href="{doc.href(STEPS_PAGE, s)}">{esc(steps[s]["number"])} {ctx.h(steps[s]["title"])}</a>'
               for s in case["steps"]])
    aps = {a["id"]: a for a in ctx.content.data["antipatterns"]["items"]}
    for rel, anchor in (("shows", "karikot-nakyvat"), ("avoids", "karikot-valtetty")):
        ids = case.get("antipatterns", {}).get(rel, [])
        if ids:
            doc.heading(3, ctx.label("case.ap_" + rel), anchor)
            doc.items([f'<a href="{doc.href(ANTIPATTERNS_PAGE, a)}">{ctx.h(aps[a]["title"])}</a>' for a in ids])
    edit = (f' · <a href="{esc(ctx.repo)}cases/{esc(case["slug"])}.yaml">{esc(ctx.label("case.edit"))}</a>'
            if ctx.repo else "")
    doc.add(f'<p class="kp-case-meta">{esc(ctx.label("case.last_verified"))}: '
            f'<time datetime="{esc(case["last_verified"])}">{esc(case["last_verified"])}</time>{edit} · '
            f'<a href="{doc.href(CASE_DIR + "/index.md")}">{esc(ctx.label("case.all_cases"))}</a></p>')
    doc.heading(2, ctx.label("sources.heading"), "lahteet")
    doc.add("\n".join(source_paragraphs(ctx, [{"key": s["key"], "loc": s.get("loc")} for s in case["sources"]],
                                         doc.href)))
    return doc.done()


def finnish_url(ctx: Ctx, src: str) -> str:
    """Relative link from a page of ctx.lang to the Finnish version of ``src`` (Finnish lives at the root)."""
    up = "../" * (page_url(ctx.page).count("/") + (1 if ctx.lang != DEFAULT_LANGUAGE else 0))
    return (up or "./") + page_url(src)


def case_card(ctx: Ctx, case: dict) -> str:
    rows = []

    def row(label_key: str, value_html: str) -> None:
        rows.append(f"<dt>{esc(ctx.label(label_key))}</dt><dd>{value_html}</dd>")

    region, _ = ctx.text(case["place"]["region"])
    row("case.where", f'{esc(", ".join(case["place"]["municipalities"]))} ({esc(region)})')
    row("case.started", esc(case.get("started", ctx.label("case.unknown"))))
    row("case.status", esc(ctx.label("status." + case["status"])))
    row("case.kind", esc(ctx.label("kind." + case["kind"])))
    row("case.themes", _vocab(ctx, "theme", case["themes"]))
    row("case.participants", _vocab(ctx, "participant", case["participants"]))
    if case.get("tables") is not None:
        row("case.tables", esc(case["tables"]))
    for key in ("initiator", "led_by", "meets", "decision_path"):
        if case.get(key):
            row("case." + key, ctx.h(case[key]))
    row("case.achieved", ctx.h(case["summary"]))
    return (f'<section class="kp-card" aria-labelledby="kp-card-title">'
            f'<h2 id="kp-card-title">{esc(ctx.label("case.summary"))}</h2>'
            f'<dl>{"".join(rows)}</dl></section>')


def any_fallback(value: object, lang: str) -> bool:
    """True if any language map inside ``value`` lacks ``lang``."""
    if isinstance(value, dict):
        if "fi" in value and set(value) <= {"fi", "sv", "en"} and all(isinstance(v, str) for v in value.values()):
            return lang not in value
        return any(any_fallback(v, lang) for v in value.values())
    if isinstance(value, list):
        return any(any_fallback(v, lang) for v in value)
    return False


def _glossary_terms(ctx: Ctx) -> dict[str, str]:
    """{term as it appears in the text of this language: its definition} from data/glossary.yaml."""
    out: dict[str, str] = {}
    for t in ctx.content.data["glossary"]["terms"]:
        definition = " ".join(ctx.text(t["definition"])[0].split())
        for w in [t["term"].get(ctx.lang)] + list(t.get("match", {}).get(ctx.lang, [])):
            if w:
                out.setdefault(w, definition)
    return out


_GLOSSARY_CACHE: dict[tuple, tuple[re.Pattern | None, dict[str, str]]] = {}
_HTML_PARTS = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_NO_ABBR_INSIDE = {"code", "pre", "script", "style", "abbr", "textarea", "svg", "title"}


def glossary_abbr(ctx: Ctx, html_text: str) -> str:
    """Mark glossary terms in a page's HTML with ``<abbr title="definition">`` so that they explain
    themselves on hover, as the abbr extension would. Done here, on the HTML, in one pass with one
    pattern: the extension needs its definitions appended to every page's Markdown, which cost
    1.6 ms per page (5 s of a build with a thousand cases). Only text is touched, never tags or
    attributes, and not inside code, existing abbreviations or SVG."""
    key = (id(ctx.content), ctx.content.stamp, ctx.lang)
    if key not in _GLOSSARY_CACHE:
        terms = {html.escape(w, quote=False): esc(d) for w, d in _glossary_terms(ctx).items()}
        alternatives = "|".join(re.escape(w) for w in sorted(terms, key=len, reverse=True))
        _GLOSSARY_CACHE[key] = (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if terms else None, terms)
    pattern, titles = _GLOSSARY_CACHE[key]
    if pattern is None:
        return html_text
    parts = _HTML_PARTS.split(html_text)
    inside = 0
    for i, part in enumerate(parts):
        if i % 2:
            m = _TAG_NAME.match(part)
            if m and m.group(2).lower() in _NO_ABBR_INSIDE and not part.endswith("/>"):
                inside = max(0, inside + (-1 if m.group(1) else 1))
        elif inside == 0 and part.strip():
            parts[i] = pattern.sub(lambda t: f'<abbr title="{titles[t.group(0)]}">{t.group(0)}</abbr>', part)
    return "".join(parts)


_TASK_ITEM = re.compile(
    r'<li class="task-list-item"><input type="checkbox" disabled\s*/?>\s*((?:(?!<li[\s>]|</li>).)*)</li>', re.S)


def label_task_lists(html_text: str) -> str:
    """Turn pymdownx.tasklist's bare, disabled checkboxes into ones a working group can tick.

    The tasklist extension renders ``<input type="checkbox" disabled/> text``: the box has no label
    (axe rule "label") and cannot be ticked. Wrap box and text in a ``<label>`` so the text names
    the box and clicking the text ticks it.
    """
    return _TASK_ITEM.sub(
        r'<li class="task-list-item"><label class="kp-task"><input type="checkbox"> <span>\1</span></label></li>',
        html_text)


_PERMALINK = re.compile(r'(<h([1-6]) id="([^"]+)"[^>]*>)(.*?)<a class="headerlink" href="#\3" title="([^"]+)">&para;</a>', re.S)


def label_permalinks(html_text: str) -> str:
    """Give every heading's permalink a spoken name ("Link to this section: Goals") instead of "¶"."""
    def named(m: re.Match) -> str:
        heading = html.unescape(re.sub(r"<[^>]+>", "", m.group(4))).strip()
        label = esc(f"{html.unescape(m.group(5))}: {heading}")
        return (f'{m.group(1)}{m.group(4)}<a class="headerlink" href="#{m.group(3)}" title="{m.group(5)}" '
                f'aria-label="{label}">&para;</a>')
    return _PERMALINK.sub(named, html_text)


def short_reference(ctx: Ctx, key: str) -> str:
    """'Jaakkola 2018' for a bibliography key: family names of the authors and the year."""
    entry = ctx.content.bibliography.get(key, {})
    names = [a.split(",")[0].strip() for a in entry.get("authors", [])]
    who = names[0] + (" ym." if ctx.lang == "fi" else " m.fl." if ctx.lang == "sv" else " et al.") \
        if len(names) > 2 else " & ".join(names)
    return f"{who} {entry.get('year', '')}".strip() or key


def print_footer(ctx: Ctx, url: str, sources: list[dict], case_source: bool = False) -> str:
    """The footer a printed page carries: the handbook, the page's address, and its sources."""
    refs = "; ".join(short_reference(ctx, s["key"]) for s in sources if s.get("key"))
    parts = [f"<strong>{esc(ctx.label('print.handbook'))}</strong>", f"{esc(ctx.label('print.url'))}: {esc(url)}"]
    if refs:
        parts.append(f"{esc(ctx.label('print.sources'))}: {esc(refs)}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# Printable worksheets (one or two A4 pages each), from the same data as the web pages
# ---------------------------------------------------------------------------------------------

def _ws_lines(n: int) -> str:
    return '<span class="kp-ws-lines" aria-hidden="true">' + '<span class="kp-ws-line"></span>' * n + "</span>"


def _ws_items(ctx: Ctx, texts: list) -> str:
    return '<ul class="kp-ws-list">' + "".join(
        f'<li><span class="kp-ws-box" aria-hidden="true"></span>{ctx.h(t)}</li>' for t in texts) + "</ul>"


def _ws_header(ctx: Ctx) -> str:
    fields = "".join(f'<span class="kp-ws-field">{esc(ctx.label(k))}: <span class="kp-ws-blank"></span></span>'
                     for k in ("ws.table", "ws.date", "ws.people"))
    return f'<p class="kp-ws-fields">{fields}</p>'


def worksheet(ctx: Ctx, kind: str) -> str:
    """A worksheet: 'steps' (building steps), 'memo' (memo list) or 'antipatterns' (self-check)."""
    out = ['<div class="kp-worksheet kp-ws-' + esc(kind) + '">', _ws_header(ctx)]
    if kind == "steps":
        for phase in ctx.content.data["steps"]["phases"]:
            out.append(f'<h2 class="kp-ws-phase">{esc(ctx.label("steps.phase"))} {esc(phase["number"])}: '
                       f'{ctx.h(phase["title"])}</h2>')
            for step in phase["steps"]:
                out.append(f'<section class="kp-ws-item"><h3>{esc(step["number"])} {ctx.h(step["title"])}</h3>'
                           f'{_ws_items(ctx, step["todo"])}'
                           f'<p class="kp-ws-notes">{esc(ctx.label("ws.notes"))}</p>{_ws_lines(1)}</section>')
        note = ctx.content.data["steps"].get("missing_step_note")
        if note:
            out.append(f'<p class="kp-ws-small">{ctx.h(note)}</p>')
    elif kind == "memo":
        for item in ctx.content.data["memo"]["items"]:
            out.append(f'<section class="kp-ws-item">{_ws_items(ctx, [item["text"]])}'
                       f'<p class="kp-ws-notes">{esc(ctx.label("ws.how_we_do"))}</p>{_ws_lines(2)}</section>')
    elif kind == "antipatterns":
        for n, ap in enumerate(ctx.content.data["antipatterns"]["items"], 1):
            out.append(f'<section class="kp-ws-item"><h2 class="kp-ws-h">{n}. {ctx.h(ap["title"])}</h2>'
                       f'{_ws_items(ctx, ap["warning_signs"])}'
                       f'<p class="kp-ws-notes">{esc(ctx.label("ws.what_we_do"))}</p>{_ws_lines(1)}</section>')
    else:
        raise ValueError(f"unknown worksheet {kind!r}: steps, memo or antipatterns")
    out.append("</div>")
    return "\n".join(out)
