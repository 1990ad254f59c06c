"""Crawl every page of the built site in Chromium and record what a reader's browser would see.

For each page (discovered from site/, all languages, generated case pages and 404 pages included)
and each palette (light, dark), one browser context opens the page offline, records every request,
console message and page error, runs axe-core with the WCAG A/AA rules, and (light palette only)
checks that the first Tab reaches a skip link that leads into the content.

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

RUN_AXE = """async ([tags, disabled]) => {
  const rules = {};
  for (const r of disabled) rules[r] = {enabled: false};
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""

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


async def _audit(browser, base: str, path: str, scheme: str, axe_path: str, sem: asyncio.Semaphore) -> PageResult:
    res = PageResult(path, scheme)
    async with sem:
        ctx = await browser.new_context(color_scheme=scheme)
        try:
            host = urlparse(base)

            async def route(r):
                u = urlparse(r.request.url)
                if u.scheme in ("data", "blob") or (u.hostname, u.port) == (host.hostname, host.port):
                    await r.continue_()
                else:
                    res.third_party.append(r.request.url)
                    await r.abort()

            await ctx.route("**/*", route)
            page = await ctx.new_page()
            page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                    and urlparse(r.url).hostname == host.hostname and res.failed.append(f"{r.url} ({r.failure})"))
            page.on("response", lambda r: r.status >= 400 and res.failed.append(f"{r.url} (HTTP {r.status})"))
            page.on("console", lambda m: m.type == "error" and res.console_errors.append(m.text))
            page.on("pageerror", lambda e: res.page_errors.append(str(e)))
            await page.goto(base + path, wait_until="load")
            await page.wait_for_load_state("networkidle")
            await page.add_script_tag(path=axe_path)
            res.violations = await page.evaluate(RUN_AXE, [AXE_TAGS, list(AXE_DISABLED)])
            if scheme == "light":
                await page.keyboard.press("Tab")
                res.skip_link = await page.evaluate(SKIP_LINK)
        except Exception as exc:  # reported by the tests, never swallowed
            res.error = f"{type(exc).__name__}: {exc}"
        finally:
            await ctx.close()
    return res


async def _crawl(base: str, paths: list[str], axe_path: str, executable: str, args: list[str],
                 concurrency: int) -> list[PageResult]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=args, headless=True)
        sem = asyncio.Semaphore(concurrency)
        jobs = [_audit(browser, base, p, s, axe_path, sem) for p in paths for s in ("light", "dark")]
        results = await asyncio.gather(*jobs)
        await browser.close()
    return list(results)


def crawl(base: str, paths: list[str], axe_path: str, executable: str, args: list[str],
          concurrency: int = 4) -> list[PageResult]:
    from kumppanuus.site.pdf import in_thread

    return in_thread(lambda: asyncio.run(_crawl(base, paths, axe_path, executable, args, concurrency)))
