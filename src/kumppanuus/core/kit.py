"""The kit for starting a table (issue 17): printable templates, method cards, decision routes, roles.

Everything is rendered from data (data/templates.yaml, data/steps.yaml, cases/*.yaml) as HTML for one
language; text from YAML always passes through esc() (``ctx.h``). The output of each macro is one raw HTML
block without blank lines, so that it can stand in a page's Markdown.

- :func:`document_template` — one template as a printable document (one or two A4 pages).
- :func:`method_card` / :func:`method_cards` — a step's method card; every card, several per A4 page.
- :func:`decision_routes` — each case's route from table to decision, as a table and as small SVG flows.
- :func:`case_roles` — how the cases staffed the roles, and their group sizes.
"""
from __future__ import annotations

import re

from .cases import not_stated, status_html
from .content import agenda_total
from .pages import SOURCES_PAGE, STEPS_PAGE
from .render import short_reference
from .text import Ctx, case_src, esc

# -- printable templates ------------------------------------------------------------------------

_BLANK = re.compile(r"_{4,}")
STATUS_COLOURS = ("green", "yellow", "red")


def _blanks(ctx: Ctx, html: str) -> str:
    """A blank to fill (``________`` in the data) as a line to write on, named for screen readers."""
    hidden = f'<span class="kp-sr">{esc(ctx.label("tpl.blank"))}</span>'
    return _BLANK.sub(lambda m: f'<span class="kp-doc-blank kp-doc-blank--{"short" if len(m.group(0)) < 8 else "long"}">'
                               f'{hidden}</span>', html)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _doc_table(ctx: Ctx, section: dict, name: str) -> str:
    """A table with column headings and empty rows to fill in, and the traffic-light legend if asked for."""
    head = "".join(f'<th scope="col">{ctx.h(c)}</th>' for c in section["columns"])
    row = "<tr>" + "<td></td>" * len(section["columns"]) + "</tr>"
    out = [f'<div class="kp-table-wrap" tabindex="0" role="region" aria-label="{esc(name)}">'
           f'<table class="kp-doc-table kp-doc-cols-{len(section["columns"])}"><caption class="kp-sr">{esc(name)}</caption>'
           f'<thead><tr>{head}</tr></thead><tbody>{row * section["rows"]}</tbody></table></div>']
    if section.get("status_legend"):
        items = "".join(f'<li><span class="kp-doc-swatch kp-doc-swatch--{c}" aria-hidden="true"></span>'
                        f'{esc(ctx.label("tpl.status." + c))}</li>' for c in STATUS_COLOURS)
        out.append(f'<ul class="kp-doc-legend">{items}</ul>'
                   f'<p class="kp-doc-note">{esc(ctx.label("tpl.status.note"))}</p>')
    return "".join(out)


def _doc_agenda(ctx: Ctx, section: dict, name: str) -> str:
    """A timed agenda: minutes, item and who leads it, and the total."""
    unit = esc(ctx.label("tpl.minutes"))
    head = "".join(f'<th scope="col">{esc(ctx.label("tpl.col." + k))}</th>' for k in ("time", "item", "who"))
    rows = "".join(f'<tr><td class="kp-doc-min">{item["minutes"]:d} {unit}</td><td>{ctx.h(item["item"])}</td>'
                   f'<td>{ctx.h(item["who"])}</td></tr>' for item in section["agenda"])
    total = (f'<tfoot><tr><td class="kp-doc-min">{agenda_total(section):d} {unit}</td>'
             f'<td colspan="2">{esc(ctx.label("tpl.total"))}</td></tr></tfoot>')
    return (f'<div class="kp-table-wrap" tabindex="0" role="region" aria-label="{esc(name)}">'
            f'<table class="kp-doc-table kp-doc-agenda"><caption class="kp-sr">{esc(name)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>{total}</table></div>')


def _doc_section(ctx: Ctx, section: dict, title: str) -> str:
    kind = section["kind"]
    heading = ctx.h(section["heading"]) if section.get("heading") else ""
    name = ctx.text(section["heading"])[0] if section.get("heading") else title
    out = [f'<section class="kp-doc-part kp-doc-part--{kind}{" kp-doc-newpage" if section.get("new_page") else ""}">']
    if heading:
        out.append(f'<h3 class="kp-doc-h">{heading}</h3>')
    if kind == "text":
        out.append(f'<p class="kp-doc-text">{_blanks(ctx, ctx.h(section["text"]))}</p>')
    elif kind == "fields":
        out.append('<div class="kp-doc-fields">' + "".join(
            f'<p class="kp-doc-field"><span class="kp-doc-label">{ctx.h(i)}</span>'
            f'<span class="kp-doc-line" aria-hidden="true"></span></p>' for i in section["items"]) + "</div>")
    elif kind == "list":
        out.append('<ul class="kp-doc-list">' + "".join(f"<li>{_blanks(ctx, ctx.h(i))}</li>"
                                                        for i in section["items"]) + "</ul>")
    elif kind == "checklist":
        out.append('<ul class="kp-ws-list kp-doc-check">' + "".join(
            f'<li><span class="kp-ws-box" aria-hidden="true"></span><span>{_blanks(ctx, ctx.h(i))}</span></li>'
            for i in section["items"]) + "</ul>")
    elif kind == "table":
        out.append(_doc_table(ctx, section, name))
    elif kind == "timed":
        out.append(_doc_agenda(ctx, section, name))
    else:  # the schema allows no other kind; a new kind needs its renderer here
        raise ValueError(f"template section kind {kind!r} has no renderer")
    out.append("</section>")
    return "".join(out)


def _source_items(ctx: Ctx, sources: list[dict]) -> str:
    """What a template draws on: short references linking to the bibliography entry, with the place."""
    items = []
    for src in sources:  # every key is in the bibliography: make validate checks it (core.content.check_data)
        ref = f'<a href="{esc(ctx.url(SOURCES_PAGE, src["key"]))}">{esc(short_reference(ctx, src["key"]))}</a>'
        via = f' ({esc(ctx.label("sources.via"))} {esc(short_reference(ctx, src["via"]))})' if src.get("via") else ""
        items.append(f"<li>{ref}{via}: {ctx.h(src['loc'])}</li>")
    return '<ul class="kp-doc-sources">' + "".join(items) + "</ul>"


def document_template(ctx: Ctx, template_id: str) -> str:
    """One template of data/templates.yaml as a printable document: title, purpose, its parts in order, and
    a footer saying which sources it draws on and what the handbook added."""
    templates = {t["id"]: t for t in ctx.content.data["templates"]["templates"]}
    if template_id not in templates:
        raise ValueError(f"unknown template {template_id!r}: one of {', '.join(templates)} (data/templates.yaml)")
    tpl = templates[template_id]
    title = ctx.text(tpl["title"])[0]
    out = [f'<div class="kp-doc kp-doc--{esc(template_id)}">',
           f'<h2 class="kp-doc-title">{ctx.h(tpl["title"])}</h2>',
           f'<p class="kp-doc-purpose"><strong>{esc(ctx.label("tpl.purpose"))}:</strong> {ctx.h(tpl["purpose"])}</p>']
    out += [_doc_section(ctx, s, title) for s in tpl["sections"]]
    out.append(f'<div class="kp-doc-footer"><p><strong>{esc(ctx.label("tpl.sources"))}:</strong></p>'
               f'{_source_items(ctx, tpl["sources"])}'
               f'<p><strong>{esc(ctx.label("tpl.own"))}:</strong> {ctx.h(tpl["own_addition"])}</p></div>')
    out.append("</div>")
    return "\n".join(out)


# -- method cards -------------------------------------------------------------------------------

def _card_list(ctx: Ctx, key: str, items: list) -> str:
    return (f'<div class="kp-mcard-part"><p class="kp-mcard-label">{esc(ctx.label(key))}</p>'
            '<ul>' + "".join(f"<li>{ctx.h(i)}</li>" for i in items) + "</ul></div>")


def _card_body(ctx: Ctx, card: dict) -> str:
    facts = "".join(f'<div><dt>{esc(ctx.label("card." + k))}</dt><dd>{ctx.h(card[k])}</dd></div>'
                    for k in ("time", "who"))
    return (f'<dl class="kp-mcard-facts">{facts}</dl>'
            f'<div class="kp-mcard-parts">{_card_list(ctx, "card.prepare", card["prepare"])}'
            f'{_card_list(ctx, "card.output", card["output"])}</div>'
            f'{_card_list(ctx, "card.discuss", card["discuss"])}')


def method_card(ctx: Ctx, step: dict) -> str:
    """A step's method card for the steps page (under the step's heading): time needed, who takes part,
    what to prepare, what comes out, what to discuss. Empty if the step has no card."""
    card = step.get("card")
    if not card:
        return ""
    return (f'<div class="kp-mcard kp-mcard--inline"><p class="kp-mcard-kicker">{esc(ctx.label("steps.card"))}</p>'
            f'{_card_body(ctx, card)}</div>')


def method_cards(ctx: Ctx) -> str:
    """Every step's method card, printable several to an A4 page, each titled with the step's number and
    title linking to the step; the note on what the cards are, once, above them."""
    data = ctx.content.data["steps"]
    cards = []
    for phase in data["phases"]:
        for step in phase["steps"]:
            if not step.get("card"):
                continue
            link = esc(ctx.url(STEPS_PAGE, step["id"]))
            cards.append(
                f'<div class="kp-mcard">'
                f'<p class="kp-mcard-kicker">{esc(ctx.label("steps.phase"))} {esc(phase["number"])}: '
                f'{ctx.h(phase["title"])}</p>'
                f'<h2 class="kp-mcard-title"><a href="{link}">{esc(step["number"])} {ctx.h(step["title"])}</a></h2>'
                f'{_card_body(ctx, step["card"])}</div>')
    return (f'<div class="kp-mcards-wrap"><p class="kp-mcards-note">{ctx.h(data["cards_note"])}</p>\n'
            f'<div class="kp-mcards">{"".join(cards)}</div></div>')


# -- routes from table to decision -------------------------------------------------------------

ROUTE_PARTS = ("carrier", "decides", "feedback")
FLOW_WIDTH, BOX_X, BOX_W, LINE_H, CHARS = 320, 8, 272, 16, 34
MAX_LINES = 4


def short_label(text: str, width: int = CHARS, lines: int = MAX_LINES) -> list[str]:
    """A text as at most ``lines`` lines of about ``width`` characters for a small diagram: its first
    sentence, wrapped at spaces, with an ellipsis where it had to be cut (the full text is in the table and
    in the diagram's description)."""
    text = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", text, maxsplit=1)[0]
    words, out, line = first.split(" "), [], ""
    for word in words:
        while len(word) > width:  # a word longer than a line: cut it
            if line:
                out.append(line)
                line = ""
            out.append(word[: width - 1] + "-")
            word = word[width - 1:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    cut = len(out) > lines or first != text
    out = out[:lines]
    if cut:
        last = out[-1]
        out[-1] = (last if len(last) < width else last[: width - 1].rstrip()).rstrip(".,;:") + "…"
    return out


def _tables_text(ctx: Ctx, case: dict) -> str:
    n = case.get("tables")
    if n is None:
        return ""
    return ctx.label("route.table_one") if n == 1 else ctx.label("route.tables", n=n)


def _flow_svg(ctx: Ctx, case: dict, ident: str) -> str:
    """The route as a small vertical flow: table -> who carries -> who decides -> how the table hears back
    (an arrow back to the table). Drawn in currentColor, so it follows the light and dark palettes and prints
    black; scales to the width of its box (viewBox, width 100%)."""
    path = case.get("decision_path") or {}
    name = ctx.text(case["name"])[0]
    tables = _tables_text(ctx, case)
    nodes = [("route.col.table", f"{name}: {tables}" if tables else name, True, False)]
    for key in ROUTE_PARTS:
        text, finnish = ctx.text(path.get(key)) if path.get(key) else ("", False)
        nodes.append((f"dp.{key}", text or ctx.label("case.not_stated"), bool(text), finnish))
    parts, y, boxes = [], 8, []
    for key, text, known, finnish in nodes:
        lines = short_label(text)
        height = 10 + LINE_H + LINE_H * len(lines) + 4
        cls = "kp-flow-node" + ("" if known else " kp-flow-node--missing")
        spans = "".join(f'<tspan x="{BOX_X + 10}" dy="{LINE_H}">{esc(line)}</tspan>' for line in lines)
        lang = ' lang="fi"' if finnish else ""  # not yet translated: shown in Finnish, read as Finnish
        parts.append(
            f'<g class="{cls}"><rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{height}" rx="6"/>'
            f'<text class="kp-flow-label" x="{BOX_X + 10}" y="{y + 20}">{esc(_cap(ctx.label(key)))}</text>'
            f'<text class="kp-flow-text" x="{BOX_X + 10}" y="{y + 20}"{lang}>{spans}</text></g>')
        boxes.append((y, height))
        y += height + 26
    centre = BOX_X + BOX_W / 2
    for (y1, h1), (y2, _) in zip(boxes, boxes[1:]):  # arrows down between the boxes
        parts.append(f'<path class="kp-flow-arrow" d="M{centre} {y1 + h1 + 2} V{y2 - 4}"/>'
                     f'<path class="kp-flow-head" d="M{centre - 5} {y2 - 10} L{centre} {y2 - 2} L{centre + 5} {y2 - 10} Z"/>')
    (ty, th), (fy, fh) = boxes[0], boxes[-1]
    right, lane = BOX_X + BOX_W, FLOW_WIDTH - 12
    parts.append(f'<path class="kp-flow-arrow" d="M{right + 2} {fy + fh / 2} H{lane} V{ty + th / 2} H{right + 10}"/>'
                 f'<path class="kp-flow-head" d="M{right + 10} {ty + th / 2 - 5} L{right + 2} {ty + th / 2} '
                 f'L{right + 10} {ty + th / 2 + 5} Z"/>')
    height = y - 26 + 8
    told = [(k, t) for k, t, _, _ in nodes] + ([("dp.note", ctx.text(path["note"])[0])] if path.get("note") else [])
    desc = " ".join(f"{_cap(ctx.label(k))}: {t.strip()}" + ("" if t.strip().endswith((".", "!", "?")) else ".")
                    for k, t in told)
    title = ctx.label("route.title", case=name)
    return (f'<svg class="kp-flow" viewBox="0 0 {FLOW_WIDTH} {height:g}" width="100%" role="img" '
            f'aria-labelledby="{ident}-t {ident}-d">'
            f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
            f'{"".join(parts)}</svg>')


def decision_routes(ctx: Ctx) -> str:
    """For every case: its route from table to decision side by side in a table (the case's status as of
    its year; "not stated in the source" where the source is silent), then each drawn as a small flow with
    the source's other remarks on the route (``decision_path.note``) under it."""
    head = "".join(f'<th scope="col">{esc(ctx.label(k))}</th>'
                   for k in ("cases.col.name", "route.col.table", "dp.carrier", "dp.decides", "dp.feedback"))
    rows, figures = [], []
    for case in ctx.content.cases:
        path = case.get("decision_path") or {}
        name = ctx.text(case["name"])[0]
        link = esc(ctx.url(case_src(case["slug"])))
        cells = [f'<td>{esc(_tables_text(ctx, case)) or not_stated(ctx)}</td>']
        cells += [f"<td>{ctx.h(path[k])}</td>" if path.get(k) else f"<td>{not_stated(ctx)}</td>"
                  for k in ROUTE_PARTS]
        rows.append(f'<tr><th scope="row"><a href="{link}">{esc(name)}</a>'
                    f'<span class="kp-routes-status">{status_html(ctx, case)}</span></th>{"".join(cells)}</tr>')
        ident = f"kp-flow-{esc(case['slug'])}"
        note = (f'<span class="kp-flow-note"><strong>{esc(ctx.label("dp.note"))}:</strong> {ctx.h(path["note"])}</span>'
                if path.get("note") else "")
        figures.append(f'<figure class="kp-flow-fig">{_flow_svg(ctx, case, ident)}'
                       f'<figcaption><a href="{link}">{esc(name)}</a>: {status_html(ctx, case)}{note}</figcaption></figure>')
    table = ('<div class="kp-table-wrap" tabindex="0" role="region" aria-labelledby="kp-routes-caption">'
             '<table class="kp-table kp-routes-table">'
             f'<caption id="kp-routes-caption">{esc(ctx.label("route.caption"))}</caption>'
             f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    return f'<div class="kp-routes">{table}\n<div class="kp-flow-figs">{"".join(figures)}</div></div>'


# -- roles in the cases -------------------------------------------------------------------------

#: the roles of cases/schema.json (roles[].role), in its order (tests/test_kit.py keeps them in step)
ROLES = ("host", "lead", "facilitator", "chair", "secretary", "standing-expert", "convener", "agenda", "minutes")


def case_roles(ctx: Ctx) -> str:
    """How the cases staffed each role, and their group sizes, as cases/*.yaml give them (``roles``,
    ``group_size``); "not stated in the source" where a case names no one. Wide: it scrolls inside its own
    labelled, keyboard-focusable region."""
    head = f'<th scope="col">{esc(ctx.label("cases.col.name"))}</th>' + "".join(
        f'<th scope="col">{esc(_cap(ctx.label("role." + r)))}</th>' for r in ROLES) + \
        f'<th scope="col">{esc(ctx.label("case.group_size"))}</th>'
    rows = []
    for case in ctx.content.cases:
        name = ctx.text(case["name"])[0]
        cells = []
        for role in ROLES:  # data-label: the column's name, which the print stylesheet writes before each cell
            who = [r["who"] for r in case.get("roles") or [] if r["role"] == role]
            label = f' data-label="{esc(_cap(ctx.label("role." + role)))}"'
            if not who:
                cells.append(f"<td{label}>{not_stated(ctx)}</td>")
            elif len(who) == 1:
                cells.append(f"<td{label}>{ctx.h(who[0])}</td>")
            else:
                cells.append(f"<td{label}><ul>" + "".join(f"<li>{ctx.h(w)}</li>" for w in who) + "</ul></td>")
        size = ctx.h(case["group_size"]) if case.get("group_size") else not_stated(ctx)
        rows.append(f'<tr><th scope="row"><a href="{esc(ctx.url(case_src(case["slug"])))}">{esc(name)}</a>'
                    f'<span class="kp-routes-status">{status_html(ctx, case)}</span></th>'
                    f'{"".join(cells)}<td data-label="{esc(ctx.label("case.group_size"))}">{size}</td></tr>')
    return ('<div class="kp-table-wrap" tabindex="0" role="region" aria-labelledby="kp-roles-caption">'
            '<table class="kp-table kp-roles-table">'
            f'<caption id="kp-roles-caption">{esc(ctx.label("roles.caption"))}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
