"""Cases: the overview table, its filters, the map, and the generated page of each case."""
from __future__ import annotations

from .pages import ANTIPATTERNS_PAGE, CASE_DIR, SOURCES_PAGE, STEPS_PAGE
from .render import source_paragraphs
from .text import Ctx, any_fallback, case_src, esc, finnish_url, md

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
        rows.append(
            f'<tr id="tapaus-{esc(c["slug"])}" {attrs}>'
            f'<th scope="row"><a href="{ctx.url(case_src(c["slug"]))}">{esc(name)}</a></th>'
            f'<td>{esc(", ".join(c["place"]["municipalities"]))} ({esc(region)})</td>'
            f'<td>{esc(c["started"]) if "started" in c else not_stated(ctx)}</td>'
            f'<td>{status_html(ctx, c)}</td>'
            f'<td>{_vocab(ctx, "theme", c["themes"])}</td>'
            f'<td>{_vocab(ctx, "participant", c["participants"])}</td>'
            f'<td>{esc(c["tables"]) if "tables" in c else not_stated(ctx)}</td></tr>')
    cols = ["name", "place", "started", "status", "themes", "participants", "tables"]
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



def case_markdown(ctx: Ctx, case: dict) -> str:
    """The Markdown source of one generated case page (front matter and body), written from the case data.

    The plugin adds it to the build as a generated file (no file in docs/), so mkdocs converts it, builds
    its table of contents and checks every link and anchor on it like on any other page. Every text is
    escaped data (:func:`md`, :func:`esc`): nothing from YAML is ever read as Markdown, HTML or Jinja."""
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
    out = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()), "---", "",
           f"<!-- GENERATED from cases/{esc(case['slug'])}.yaml at build time. Do not edit: edit the YAML file. -->", "",
           f"# {md(name)}", ""]
    if any_fallback(case, ctx.lang):
        out += [f'!!! info "{esc(ctx.label("notice.fields.title"))}"',
                f'    {md(ctx.label("notice.fields.text"))} <a href="{finnish_url(ctx, case_src(case["slug"]))}" '
                f'hreflang="fi">{esc(ctx.label("notice.finnish_page"))}</a>', ""]
    out += [case_card(ctx, case), ""]

    def heading(level: int, label_key: str, anchor: str) -> None:
        out.extend([f"{'#' * level} {md(ctx.label(label_key))} {{#{anchor}}}", ""])

    def items(lines: list[str]) -> None:
        out.extend([*(f"- {line}" for line in lines), ""])

    heading(2, "case.story", "kuvaus")
    for paragraph in case["body"]:
        out.extend([ctx.m(paragraph), ""])
    for key, anchor in (("outcomes", "tulokset"), ("challenges", "haasteet"), ("tips", "vinkit")):
        if case.get(key):
            heading(2, "case." + key, anchor)
            items([ctx.m(x) for x in case[key]])
    heading(2, "case.guide_links", "yhteydet")
    steps = {s["id"]: s for ph in ctx.content.data["steps"]["phases"] for s in ph["steps"]}
    heading(3, "case.steps", "vaiheet")
    items([f"[{md(steps[s]['number'])} {ctx.m(steps[s]['title'])}]({ctx.md_link(STEPS_PAGE, s)})"
           for s in case["steps"]])
    aps = {a["id"]: a for a in ctx.content.data["antipatterns"]["items"]}
    # both headings always: their anchors are published (urls.txt), and "none" is what the source supports
    for rel, anchor in (("shows", "karikot-nakyvat"), ("avoids", "karikot-valtetty")):
        ids = case.get("antipatterns", {}).get(rel, [])
        heading(3, "case.ap_" + rel, anchor)
        if ids:
            items([f"[{ctx.m(aps[a]['title'])}]({ctx.md_link(ANTIPATTERNS_PAGE, a)})" for a in ids])
        else:
            out.extend([f"*{md(ctx.label('case.ap_none'))}*", ""])
    edit = (f'<a href="{esc(ctx.repo)}cases/{esc(case["slug"])}.yaml">{esc(ctx.label("case.edit"))}</a> · '
            if ctx.repo else "")
    out += [f'{edit}[{md(ctx.label("case.all_cases"))}]({ctx.md_link(CASE_DIR + "/index.md")})',
            "{: .kp-case-meta }", ""]
    heading(2, "sources.heading", "lahteet")
    out += source_paragraphs(ctx, [{"key": s["key"], "loc": s.get("loc")} for s in case["sources"]])
    return "\n".join(out) + "\n"


def status_html(ctx: Ctx, case: dict, href=None) -> str:
    """The case's status as its source states it, with the year and the source: "active in 2018, according
    to Jaakkola 2018" (the reference linking to the bibliography), or "unknown"."""
    from .render import short_reference

    status = case["status"]
    word = ctx.label("status." + status["value"])
    if status["value"] == "unknown" or "source" not in status:
        return esc(word)
    href = href or (lambda target, anchor: esc(ctx.url(target, anchor)))
    ref = (f'<a href="{href(SOURCES_PAGE, status["source"])}">'
           f'{esc(short_reference(ctx, status["source"]))}</a>')
    return esc(ctx.label("case.status_as_of", status=word, year=status["as_of"], source="\x00")).replace("\x00", ref)


def not_stated(ctx: Ctx) -> str:
    return f'<span class="kp-not-stated">{esc(ctx.label("case.not_stated"))}</span>'


def decision_path_html(ctx: Ctx, case: dict) -> str:
    """The case's route from table to decisions as a short definition list (every part the source gives)."""
    path = case.get("decision_path") or {}
    rows = [f"<dt>{esc(ctx.label('dp.' + key))}</dt><dd>{ctx.h(path[key])}</dd>"
            for key in ("carrier", "decides", "feedback", "note") if path.get(key)]
    return f'<dl class="kp-route">{"".join(rows)}</dl>' if rows else not_stated(ctx)


def roles_html(ctx: Ctx, case: dict) -> str:
    roles = case.get("roles") or []
    rows = [f"<dt>{esc(ctx.label('role.' + r['role']))}</dt><dd>{ctx.h(r['who'])}</dd>" for r in roles]
    return f'<dl class="kp-roles">{"".join(rows)}</dl>' if rows else not_stated(ctx)


def case_card(ctx: Ctx, case: dict) -> str:
    rows = []

    def row(label_key: str, value_html: str) -> None:
        rows.append(f"<dt>{esc(ctx.label(label_key))}</dt><dd>{value_html}</dd>")

    region, _ = ctx.text(case["place"]["region"])
    row("case.where", f'{esc(", ".join(case["place"]["municipalities"]))} ({esc(region)})')
    row("case.started", esc(case["started"]) if "started" in case else not_stated(ctx))
    row("case.status", status_html(ctx, case))
    row("case.kind", esc(ctx.label("kind." + case["kind"])))
    row("case.themes", _vocab(ctx, "theme", case["themes"]))
    row("case.participants", _vocab(ctx, "participant", case["participants"]))
    if case.get("tables") is not None:
        row("case.tables", esc(case["tables"]))
    if case.get("group_size"):
        row("case.group_size", ctx.h(case["group_size"]))
    for key in ("initiator", "led_by", "meets"):
        if case.get(key):
            row("case." + key, ctx.h(case[key]))
    if case.get("roles"):
        row("case.roles", roles_html(ctx, case))
    row("case.decision_path", decision_path_html(ctx, case))
    return (f'<section class="kp-card" aria-labelledby="kp-card-title">'
            f'<h2 id="kp-card-title">{esc(ctx.label("case.summary"))}</h2>'
            f'<dl>{"".join(rows)}</dl></section>')
