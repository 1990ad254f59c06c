"""Crawl every page of the built site in Chromium and record what a reader's browser would see.

For each page (discovered from site/, all languages, generated case pages and 404 pages included),
one browser context opens the page offline, records every request, console message and page error,
runs axe-core with the WCAG A/AA rules and checks that the first Tab reaches a skip link that leads into
the content. The system palette then turns dark in the same page load (the site's script follows it, as
for a reader whose device switches at dusk): axe runs its colour rules again (the markup is the same, only
colours change) and the focus indicators are checked in dark.
One load for both palettes halves the crawl's page loads; each palette still gets its own result.

In the same page load it then checks what axe cannot see (tests/a11y_checks.js, issue 20):
- focus: every element in the Tab order shows keyboard focus, and is not hidden under the sticky header
  when focused just under the top edge (light; dark: the indicator's contrast only)
- targets: pointer targets are 24 x 24 px or spaced, at 1280 and 320 px
- zoom: at 640 px (200 % zoom of a 1280 px window) nothing scrolls sideways, the content's text is the
  same as at full width, and the keyboard reaches the site navigation (Tab, Enter on the menu button)
- reflow: at 320 px nothing scrolls sideways or is cut off, and a region that scrolls is focusable and named
- spacing: with the reader's own text spacing (WCAG 1.4.12) no text is cut off, at 320 and 1280 px
- nocss (at 320 px): without CSS the skip link, then the main heading, come before the long lists of links,
  within two screens, headings appear in source order, and nothing shown with CSS is missing without it
The window changes size twice per page (1280 -> 640 -> 320) and the page is left without CSS.

Pages run concurrently on one browser (asyncio, a few tabs at a time), in a thread of its own so it
does not disturb the synchronous Playwright fixtures of the other tests.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Rules we disable, each with its reason (also listed in the accessibility statement). Keep empty if possible.
AXE_DISABLED: dict[str, str] = {}

# axe over the whole page: [runOnly type ('tag' or 'rule'), its values, rules to disable]
RUN_AXE = """async ([type, values, disabled]) => {
  const rules = {};
  for (const r of disabled) rules[r] = {enabled: false};
  const r = await axe.run(document, {runOnly: {type, values}, rules, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""

# In the dark palette the markup is the same, only colours change: axe runs the rules that read colours.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]

PALETTE_SHOWN = """([scheme, md]) => matchMedia('(prefers-color-scheme: ' + scheme + ')').matches
  && (!document.body.hasAttribute('data-md-color-scheme') || document.body.getAttribute('data-md-color-scheme') === md)"""

SKIP_LINK = """() => {
  const a = document.activeElement;
  if (!a || a.tagName !== 'A') return {ok: false, why: 'first Tab focused ' + (a ? a.tagName + '.' + a.className : 'nothing')};
  const href = a.getAttribute('href') || '';
  if (!href.startsWith('#')) return {ok: false, why: 'first focusable link is not a skip link: ' + href};
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!target) return {ok: false, why: 'skip link target ' + href + ' does not exist'};
  if (!target.closest('.md-content, main, [role=main]')) return {ok: false, why: 'skip link target ' + href + ' is outside the content'};
  return {ok: true, why: href};
}"""


CHECKS_JS = Path(__file__).with_name("a11y_checks.js")
# Window sizes: the crawl's default (axe, focus, targets), 200 % zoom of a 1280 px window, and 320 px reflow.
FULL = {"width": 1280, "height": 720}
ZOOM = {"width": 640, "height": 360}
NARROW = {"width": 320, "height": 640}
# the reader's own text spacing on, what it cuts off or pushes sideways, and off again
SPACED = """() => { kpA11y.setTextSpacing(true);
  try { return [...kpA11y.clippedText(), ...kpA11y.reflow()]; } finally { kpA11y.setTextSpacing(false); } }"""


@dataclass
class PageResult:
    path: str
    scheme: str
    violations: list = field(default_factory=list)
    third_party: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    skip_link: dict | None = None
    checks: dict = field(default_factory=dict)  # check name -> problems (tests/a11y_checks.js)
    error: str | None = None


def discover(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ('' is the home page)."""
    out = []
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/", "pagefind/")) or "/assets/" in rel:
            continue
        if p.name == "index.html":
            if '<meta name="kp-redirect"' in p.read_text(encoding="utf-8")[:400]:
                continue  # a moved page's forwarding stub (tested in test_trainers.py)
            out.append(rel[: -len("index.html")])
        elif p.name == "404.html":
            out.append(rel)
    return out


async def _audit(browser, base: str, path: str, axe_path: str, sem: asyncio.Semaphore) -> list[PageResult]:
    """One page load serves both palettes: light first (axe, skip link), then the system palette turns dark
    as a reader's operating system would at dusk (the site's own script follows it), axe and the focus
    indicators run again, and the palette goes back to light for the checks that do not depend on colour.
    Requests, console messages and errors go to the palette that was showing when they happened."""
    light, dark = PageResult(path, "light"), PageResult(path, "dark")
    now = [light]
    async with sem:
        ctx = await browser.new_context(color_scheme="light", viewport=FULL)
        try:
            host = urlparse(base)

            async def route(r):
                u = urlparse(r.request.url)
                if u.scheme in ("data", "blob") or (u.hostname, u.port) == (host.hostname, host.port):
                    await r.continue_()
                else:
                    now[0].third_party.append(r.request.url)
                    await r.abort()

            await ctx.route("**/*", route)
            page = await ctx.new_page()
            page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                    and urlparse(r.url).hostname == host.hostname and now[0].failed.append(f"{r.url} ({r.failure})"))
            page.on("response", lambda r: r.status >= 400 and now[0].failed.append(f"{r.url} (HTTP {r.status})"))
            page.on("console", lambda m: m.type == "error" and now[0].console_errors.append(m.text))
            page.on("pageerror", lambda e: now[0].page_errors.append(str(e)))
            await page.goto(base + path, wait_until="load")
            await page.wait_for_load_state("networkidle")
            await page.add_script_tag(path=axe_path)
            light.violations = await page.evaluate(RUN_AXE, ["tag", AXE_TAGS, list(AXE_DISABLED)])
            await page.keyboard.press("Tab")  # from here on, focus is keyboard focus (:focus-visible)
            light.skip_link = await page.evaluate(SKIP_LINK)
            await page.add_script_tag(path=str(CHECKS_JS))
            await page.evaluate("kpA11y.freeze(true)")
            now[0] = dark
            await _palette(page, "dark", "slate")
            dark.violations = await page.evaluate(RUN_AXE, ["rule", AXE_COLOUR_RULES, list(AXE_DISABLED)])
            dark.checks = {"focus": await page.evaluate("kpA11y.focus({obscured: false})")}
            await _palette(page, "light", "default")
            now[0] = light
            light.checks = await beyond_axe(page)
        except Exception as exc:  # reported by the tests, never swallowed
            now[0].error = f"{type(exc).__name__}: {exc}"
            if now[0] is light and not dark.checks:
                dark.error = "not checked: the light palette failed first"
        finally:
            await ctx.close()
    return [light, dark]


async def _palette(page, scheme: str, material_scheme: str) -> None:
    """Switch the system palette and wait until the page shows it: on a Material page, until the site's
    script has set the body's colour scheme (fails the page if it never does)."""
    await page.emulate_media(color_scheme=scheme)
    await page.wait_for_function(PALETTE_SHOWN, arg=[scheme, material_scheme], timeout=5000)


async def beyond_axe(page) -> dict[str, list[str]]:
    """What axe cannot see, in the light palette, on an open page with tests/a11y_checks.js loaded and frozen
    whose focus is already keyboard focus (one Tab pressed). Leaves the page without CSS: call it last."""
    out: dict[str, list[str]] = {}
    # 1280 px: focus and targets, then the reader's text spacing
    out["focus"] = await page.evaluate("kpA11y.focus()")
    out["targets"] = [f"at 1280 px: {p}" for p in await page.evaluate("kpA11y.targets()")]
    full_text = await page.evaluate("kpA11y.contentText()")
    spacing = [f"at 1280 px: {p}" for p in await page.evaluate(SPACED)]
    # 640 px: 200 % zoom
    await page.set_viewport_size(ZOOM)
    zoom = await page.evaluate("kpA11y.reflow()")
    if await page.evaluate("kpA11y.contentText()") != full_text:
        zoom.append("the content's text at 640 px differs from its text at 1280 px (something is hidden)")
    zoom += await _keyboard_reaches_navigation(page)
    out["zoom"] = zoom
    # 320 px: reflow, targets, text spacing, and last the page without CSS
    await page.set_viewport_size(NARROW)
    out["reflow"] = await page.evaluate("[...kpA11y.reflow(), ...kpA11y.clippedText()]")
    out["targets"] += [f"at 320 px: {p}" for p in await page.evaluate("kpA11y.targets()")]
    out["spacing"] = spacing + [f"at 320 px: {p}" for p in await page.evaluate(SPACED)]
    out["nocss"] = await page.evaluate("kpA11y.withoutCss()")
    return out


async def _keyboard_reaches_navigation(page, presses: int = 12) -> list[str]:
    """At 640 px the site navigation is on screen, or Tab reaches a button that opens it (aria-expanded,
    aria-controls), Enter opens it and focus lands on a visible link in it. No Tab stop on the way is
    invisible."""
    state = await page.evaluate("kpA11y.navigation()")
    if not state["links"] or state["shown"]:
        return []
    await page.evaluate("kpA11y.focusStart()")
    for _ in range(presses):
        await page.keyboard.press("Tab")
        state = await page.evaluate("kpA11y.navigation()")
        if not state["focusSeen"]:
            return [f"at 640 px Tab lands on something that is not on screen: {state['focused']}"]
        if state["focusInNav"]:
            return []
        if state["opensNav"]:
            await page.keyboard.press("Enter")
            opened = await page.evaluate("kpA11y.navigation()")
            if not opened["shown"]:
                return [f"at 640 px Enter on {state['focused']} does not show the navigation"]
            if not opened["focusInNav"]:
                await page.keyboard.press("Tab")
                opened = await page.evaluate("kpA11y.navigation()")
            problems = []
            if not (opened["focusInNav"] and opened["focusSeen"]):
                problems.append(f"at 640 px the opened navigation is not reached with Tab (focus on {opened['focused']})")
            # the next few Tab stops in the open navigation are on screen and not under anything
            for _ in range(4):
                if problems or not opened["focusInNav"]:
                    break
                if not opened["focusSeen"] or opened["focusCovered"]:
                    problems.append(f"at 640 px Tab in the open navigation lands on something hidden: {opened['focused']}")
                await page.keyboard.press("Tab")
                opened = await page.evaluate("kpA11y.navigation()")
            await page.keyboard.press("Escape")
            return problems
    return [f"at 640 px the site navigation ({state['links']} links) is hidden and {presses} presses of Tab "
            "reach no button that opens it"]


async def _crawl(base: str, paths: list[str], axe_path: str, executable: str, args: list[str],
                 concurrency: int) -> list[PageResult]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=args, headless=True)
        sem = asyncio.Semaphore(concurrency)
        jobs = [_audit(browser, base, p, axe_path, sem) for p in paths]
        results = await asyncio.gather(*jobs)
        await browser.close()
    return [r for pair in results for r in pair]


def crawl(base: str, paths: list[str], axe_path: str, executable: str, args: list[str],
          concurrency: int = 4) -> list[PageResult]:
    from kumppanuus.site.pdf import in_thread

    return in_thread(lambda: asyncio.run(_crawl(base, paths, axe_path, executable, args, concurrency)))
