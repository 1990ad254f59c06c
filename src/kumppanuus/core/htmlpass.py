"""Passes over a page's finished HTML: glossary links, tickable checklists, spoken permalink names."""
from __future__ import annotations

import html
import re

from .pages import GLOSSARY_PAGE
from .text import Ctx, esc

def _glossary_terms(ctx: Ctx) -> dict[str, tuple[str, str, bool]]:
    """{term as it appears in the text of this language: (term id, definition, definition fell back to
    Finnish)} from data/glossary.yaml."""
    out: dict[str, tuple[str, str, bool]] = {}
    for t in ctx.content.data["glossary"]["terms"]:
        text, fell_back = ctx.text(t["definition"])
        definition = " ".join(text.split())
        for w in [t["term"].get(ctx.lang)] + list(t.get("match", {}).get(ctx.lang, [])):
            if w:
                out.setdefault(w, (t["id"], definition, fell_back))
    return out


_GLOSSARY_CACHE: dict[tuple, tuple[re.Pattern | None, dict[str, tuple[str, str, bool]]]] = {}
_HTML_PARTS = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# No glossary link inside these: code and scripts, links and controls (no link inside a link or a
# checkbox's label), headings (a heading names its section, it does not explain it), SVG, and an
# author's own <abbr>.
_NO_TERM_INSIDE = {"code", "pre", "kbd", "samp", "script", "style", "template", "noscript", "abbr", "textarea",
                   "svg", "math", "title", "a", "button", "label", "select", "option", "summary",
                   "h1", "h2", "h3", "h4", "h5", "h6"}


def glossary_links(ctx: Ctx, html_text: str) -> str:
    """Link the first use of each glossary term on a page to its entry on the glossary page, described by
    its definition, so that a keyboard, touch or screen-reader user can open the explanation too
    (WCAG 2.1.1 and 1.4.13; an ``<abbr title>`` shows it to mouse users only)::

        <span class="kp-term"><a class="kp-term__link" href="../sanasto/#kumppanuuspoyta"
          aria-describedby="kp-term-kumppanuuspoyta">kumppanuuspöytä</a><span class="kp-term__tip"
          id="kp-term-kumppanuuspoyta" role="tooltip" hidden data-pagefind-ignore>definition</span></span>

    Without JavaScript the link leads to the glossary and a screen reader reads the (hidden) definition
    as the link's description; docs/assets/handbook.js also shows it beside the term on hover and
    keyboard focus, and Escape hides it. Only the first use of a term is linked (every use would fill
    the page with links and tab stops), and never inside headings, links, controls or code; the glossary
    page itself gets none. Definitions are data: escaped. One pattern, one pass over the page's text
    (never tags or attributes)."""
    if ctx.page == GLOSSARY_PAGE:
        return html_text
    key = (id(ctx.content), ctx.content.stamp, ctx.lang)
    if key not in _GLOSSARY_CACHE:
        terms = {html.escape(w, quote=False): v for w, v in _glossary_terms(ctx).items()}
        alternatives = "|".join(re.escape(w) for w in sorted(terms, key=len, reverse=True))
        _GLOSSARY_CACHE[key] = (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if terms else None, terms)
    pattern, terms = _GLOSSARY_CACHE[key]
    if pattern is None:
        return html_text
    done: set[str] = set()

    def link(m: re.Match) -> str:
        term_id, definition, fell_back = terms[m.group(0)]
        if term_id in done:
            return m.group(0)
        done.add(term_id)
        tip_id = f"kp-term-{esc(term_id)}"
        lang = ' lang="fi"' if fell_back else ""
        return (f'<span class="kp-term"><a class="kp-term__link" href="{esc(ctx.url(GLOSSARY_PAGE, term_id))}" '
                f'aria-describedby="{tip_id}">{m.group(0)}</a><span class="kp-term__tip" id="{tip_id}" '
                f'role="tooltip"{lang} hidden data-pagefind-ignore>{esc(definition)}</span></span>')

    parts = _HTML_PARTS.split(html_text)
    inside = 0
    for i, part in enumerate(parts):
        if i % 2:
            m = _TAG_NAME.match(part)
            if m and m.group(2).lower() in _NO_TERM_INSIDE and not part.endswith("/>"):
                inside = max(0, inside + (-1 if m.group(1) else 1))
        elif inside == 0 and part.strip():
            parts[i] = pattern.sub(link, part)
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

