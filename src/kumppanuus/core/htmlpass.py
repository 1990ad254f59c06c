"""Passes over a page's finished HTML: glossary terms, tickable checklists, spoken permalink names."""
from __future__ import annotations

import html
import re

from .text import Ctx, esc

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

