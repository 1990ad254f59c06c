"""Printable worksheets (tyopohjat/): the building steps, the checklist (memo) and the pitfalls self-check,
rendered from the same data as the web pages. Each fits one or two A4 pages (tests/test_trainers.py prints
them with Chromium). Text from YAML always passes through esc() (via ctx.h)."""
from __future__ import annotations

from .text import Ctx, esc


def _ws_lines(n: int) -> str:
    return '<span class="kp-ws-lines" aria-hidden="true">' + '<span class="kp-ws-line"></span>' * n + "</span>"


def _ws_items(ctx: Ctx, texts: list, cls: str = "kp-ws-list") -> str:
    return f'<ul class="{cls}">' + "".join(
        f'<li><span class="kp-ws-box" aria-hidden="true"></span>{ctx.h(t)}</li>' for t in texts) + "</ul>"


def _ws_header(ctx: Ctx) -> str:
    fields = "".join(f'<span class="kp-ws-field">{esc(ctx.label(k))}: <span class="kp-ws-blank"></span></span>'
                     for k in ("ws.table", "ws.date", "ws.people"))
    return f'<p class="kp-ws-fields">{fields}</p>'


def _ws_tasks(ctx: Ctx, todo: list) -> str:
    """A step's tasks as a table: a box to tick, the task, and empty cells for who does it and by when."""
    head = (f'<thead><tr><th scope="col">{esc(ctx.label("steps.todo"))}</th>'
            f'<th scope="col">{esc(ctx.label("ws.who"))}</th>'
            f'<th scope="col">{esc(ctx.label("ws.by_when"))}</th></tr></thead>')
    rows = "".join(f'<tr><td><span class="kp-ws-box" aria-hidden="true"></span>{ctx.h(t)}</td><td></td><td></td></tr>'
                   for t in todo)
    return f'<table class="kp-ws-tasks">{head}<tbody>{rows}</tbody></table>'


def _ws_sub(ctx: Ctx, key: str) -> str:
    return f'<p class="kp-ws-sub">{esc(ctx.label(key))}</p>'


def _ws_step(ctx: Ctx, step: dict) -> str:
    """One building step: tasks with who and by when, the guide's lists and questions, the method card's
    questions to discuss, and a line for notes."""
    out = [f'<section class="kp-ws-item kp-ws-step"><h3>{esc(step["number"])} {ctx.h(step["title"])}</h3>',
           _ws_tasks(ctx, step["todo"])]
    if step.get("recipients"):
        out += [_ws_sub(ctx, "steps.recipients"),
                '<ul class="kp-ws-inline">' + "".join(f"<li>{ctx.h(r)}</li>" for r in step["recipients"]) + "</ul>"]
    if step.get("questions"):
        out += [_ws_sub(ctx, "steps.questions"), _ws_items(ctx, step["questions"], "kp-ws-list kp-ws-cols")]
    discuss = (step.get("card") or {}).get("discuss")
    if discuss:
        out += [_ws_sub(ctx, "ws.discuss"),
                '<ul class="kp-ws-discuss">' + "".join(f"<li>{ctx.h(q)}</li>" for q in discuss) + "</ul>"]
    out += [f'<p class="kp-ws-notes kp-ws-noteline">{esc(ctx.label("ws.step_notes"))}'
            '<span class="kp-ws-fill" aria-hidden="true"></span></p></section>']
    return "".join(out)


def worksheet(ctx: Ctx, kind: str) -> str:
    """A worksheet: 'steps' (building steps), 'memo' (the checklist) or 'antipatterns' (pitfalls self-check)."""
    out = ['<div class="kp-worksheet kp-ws-' + esc(kind) + '">', _ws_header(ctx)]
    if kind == "steps":
        for phase in ctx.content.data["steps"]["phases"]:
            out.append(f'<h2 class="kp-ws-phase">{esc(ctx.label("steps.phase"))} {esc(phase["number"])}: '
                       f'{ctx.h(phase["title"])}</h2>')
            gap = phase.get("gap_note")
            for step in phase["steps"]:
                out.append(_ws_step(ctx, step))
                if gap and gap["after"] == step["id"]:
                    out.append(f'<p class="kp-ws-small kp-ws-gap">{ctx.h(gap["text"])}</p>')
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
