"""Rendering the structured content (comparison, steps, pitfalls, glossary, sources; worksheets are in
worksheets.py, the starting kit in kit.py)
as Markdown/HTML for one language. Text from YAML always passes through esc() or md()."""
from __future__ import annotations

from .pages import ANTIPATTERNS_PAGE, BEFORE_YOU_START_PAGE, SOURCES_PAGE, STEPS_PAGE
from .text import Ctx, case_src, esc, md

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


def indicator_source(ctx: Ctx, source: dict | None) -> str:
    """Where an evaluation indicator comes from ("lähde: Jaakkola 2018, luku IV (s. 14)"), or that it is the
    handbook's own synthesis."""
    if not source:
        return f"*{md(ctx.label('steps.indicator_own'))}*"
    ref = f"[{md(short_reference(ctx, source['key']))}]({ctx.md_link(SOURCES_PAGE, source['key'])})"
    if source.get("via"):
        ref += f" ({md(ctx.label('sources.via'))} {md(short_reference(ctx, source['via']))})"
    loc = ctx.text(source["loc"])[0] if isinstance(source.get("loc"), dict) else source.get("loc")
    return f"{md(ctx.label('steps.indicator_source'))}: {ref}" + (f", {md(loc)}" if loc else "")


def steps_checklist(ctx: Ctx, heading_level: int = 2, method_card=None) -> str:
    """The building steps: per phase its steps with tasks, the guide's questions and lists, evaluation
    indicators, the method card (``method_card(ctx, step)``, HTML) and the cases; the phase's gap note (the
    guide has no step 2.2) right after the step it follows."""
    data = ctx.content.data["steps"]
    h2, h3 = "#" * heading_level, "#" * (heading_level + 1)
    out = []
    for phase in data["phases"]:
        out.append(f"{h2} {md(ctx.label('steps.phase'))} {md(phase['number'])}: {ctx.m(phase['title'])} {{#{phase['id']}}}\n")
        if phase.get("intro"):
            out.append(ctx.m(phase["intro"]) + "\n")
        gap = phase.get("gap_note")
        for step in phase["steps"]:
            out.append(f"{h3} {md(step['number'])} {ctx.m(step['title'])} {{#{step['id']}}}\n")
            if step is data["phases"][0]["steps"][0]:
                out.append(f"[{md(ctx.label('steps.before_you_start'))}]({ctx.md_link(BEFORE_YOU_START_PAGE)})\n")
            out.append(f"**{md(ctx.label('steps.todo'))}**\n")
            out.append("\n".join(f"- [ ] {ctx.m(t)}" for t in step["todo"]) + "\n")
            if step.get("recipients"):
                out.append(f"**{md(ctx.label('steps.recipients'))}**\n")
                out.append("\n".join(f"- {ctx.m(r)}" for r in step["recipients"]) + "\n")
            if step.get("questions"):
                out.append(f"**{md(ctx.label('steps.questions'))}**\n")
                out.append("\n".join(f"- [ ] {ctx.m(q)}" for q in step["questions"]) + "\n")
            if step.get("important"):
                out.append(f'!!! warning "{esc(ctx.label("steps.important"))}"\n    {ctx.m(step["important"])}\n')
            if step.get("indicators"):
                out.append(f"**{md(ctx.label('steps.indicators'))}**\n")
                if step.get("indicators_note"):
                    out.append(ctx.m(step["indicators_note"]) + "\n")
                out.append("\n".join(f"- {ctx.m(i['text'])} ({indicator_source(ctx, i.get('source'))})"
                                      for i in step["indicators"]) + "\n")
            card = method_card(ctx, step) if method_card else ""
            if card:
                out.append(card + "\n")
            out.append(f"**{md(ctx.label('steps.cases'))}**\n")
            out.append(case_links(ctx, "step", step["id"]))
            if gap and gap["after"] == step["id"]:
                out.append(f'!!! note ""\n    {ctx.m(gap["text"])}\n')
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
    for role in ("source", "cited", "law", "further"):
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



def short_reference(ctx: Ctx, key: str) -> str:
    """'Jaakkola 2018' for a bibliography key: family names of the authors and the year; an act by its title
    ('Kuntalaki (410/2015)'), another publication without authors by its title and year ('Erätauko 2018')."""
    entry = ctx.content.bibliography.get(key, {})
    if not entry:
        return key
    if not entry.get("authors"):
        return entry["title"] if entry.get("kind") == "act" else f"{entry['title']} {entry.get('year', '')}".strip()
    names = [a.split(",")[0].strip() for a in entry["authors"]]
    who = names[0] + (" ym." if ctx.lang == "fi" else " m.fl." if ctx.lang == "sv" else " et al.") \
        if len(names) > 2 else " & ".join(names)
    return f"{who} {entry.get('year', '')}".strip()


def print_footer(ctx: Ctx, url: str, sources: list[dict], case_source: bool = False) -> str:
    """The footer a printed page carries: the handbook, the page's address, and its sources."""
    refs = "; ".join(short_reference(ctx, s["key"]) for s in sources if s.get("key"))
    parts = [f"<strong>{esc(ctx.label('print.handbook'))}</strong>", f"{esc(ctx.label('print.url'))}: {esc(url)}"]
    if refs:
        parts.append(f"{esc(ctx.label('print.sources'))}: {esc(refs)}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# Notices and fixed page words
# ---------------------------------------------------------------------------------------------

def translation_notice(ctx: Ctx, kind: str, finnish_link: str) -> str:
    """The notice at the top of a page shown in Finnish ('untranslated') or translated from an older
    Finnish text ('outdated'), as a Markdown admonition with a link to the Finnish page (raw HTML: the
    Finnish page is not part of this language's build, so mkdocs cannot resolve a .md link to it)."""
    link = f'<a href="{esc(finnish_link)}" hreflang="fi">{esc(ctx.label("notice.finnish_page"))}</a>'
    return (f'!!! warning "{esc(ctx.label(f"notice.{kind}.title"))}"\n'
            f'    {md(ctx.label(f"notice.{kind}.text"))} {link}\n')


NOTFOUND_WORDS = ("title", "text", "search", "search_button", "home", "pages")


def notfound_words(ctx: Ctx) -> dict[str, str]:
    """What the 404 page says, in the language of its build."""
    return {key: ctx.label(f"notfound.{key}") for key in NOTFOUND_WORDS}


SUMMARY_ID = "lyhyesti"


def summary_block(ctx: Ctx, text: dict) -> str:
    """The "in brief" block at the top of a page (raw HTML, escaped): 3–5 short plain-language sentences
    from data/summaries.yaml, or a case's summary."""
    return (f'<section class="kp-summary" aria-labelledby="{SUMMARY_ID}">\n'
            f'<h2 id="{SUMMARY_ID}" class="kp-summary__title">{esc(ctx.label("summary.heading"))}</h2>\n'
            f"<p>{ctx.h(text)}</p>\n</section>\n")


def with_summary(markdown: str, block: str) -> str:
    """The page's Markdown with ``block`` right after its first top-level heading (or at the start)."""
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", block] + lines[i + 1:])
    return block + "\n" + markdown
