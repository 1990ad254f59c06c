"""Quality gates over EVERY page of the built site (all languages, generated case pages, 404 pages).

- axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark palettes: 0 violations
- 0 requests to any host other than the local server, 0 failed requests, 0 console or page errors
- the first Tab reaches a skip link that leads into the content
- what axe cannot see (tests/a11y_checks.js; each check proven against broken pages in test_accessibility.py):
  reflow at 320 px, 200 % zoom, text spacing, visible and unobscured focus (light and dark), target size,
  the page without CSS
- every internal link with a fragment points at an element id that exists on the target page
- the Nu HTML checker finds no error except the listed ones that come from Material's own markup

Pages are discovered from site/, never from a hand-written list.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from crawl import AXE_DISABLED, crawl, discover

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors the Nu HTML checker reports in markup that Material for MkDocs itself generates (base.html and the
# navigation partials), with the reason we keep them. Anything else fails the test, so the list cannot grow
# unnoticed. Each entry: regular expression over the message -> reason.
VNU_MATERIAL_ERRORS = {
    r"^Attribute “autocomplete” is only allowed when the input type is":
        "Material's hidden drawer/search toggles are <input type=checkbox autocomplete=off>; browsers ignore it.",
    r"^Bad value “” for attribute “tabindex” on element “label”":
        "Material's nav section labels render tabindex=\"\" when a section is not focusable; browsers ignore it.",
    r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control":
        "Material's nav section labels point at visually hidden checkbox toggles (its CSS-only menu pattern).",
}


@pytest.fixture(scope="module")
def crawl_results(site_dir, server):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs npm ci) or `npm ci`.")
    paths = discover(site_dir)
    started = time.monotonic()
    results = crawl(server, paths, str(AXE), CHROMIUM, CHROMIUM_ARGS)
    print(f"\ncrawled {len(paths)} pages x 2 palettes in {time.monotonic() - started:.1f} s")
    return paths, results


def _report(results, attr) -> list[str]:
    out = []
    for r in results:
        value = getattr(r, attr)
        if value:
            out.append(f"/{r.path} [{r.scheme}]: {json.dumps(value, ensure_ascii=False)[:1500]}")
    return out


def test_every_page_was_crawled(crawl_results, site_dir):
    paths, results = crawl_results
    hand_written = [p for p in (ROOT / "docs" / "fi").rglob("*.md")
                    if "\ngenerated_from:" not in p.read_text(encoding="utf-8")[:600]]
    md_pages = len(hand_written) + len(list((ROOT / "cases").glob("*.yaml")))
    # every Finnish source page plus every case, in three languages, plus the 404 pages
    assert len(paths) >= 3 * md_pages, (len(paths), md_pages)
    assert {"", "sv/", "en/", "tapaukset/pieksamaki/", "en/tapaukset/jappila/", "404.html"} <= set(paths)
    errors = [f"/{r.path} [{r.scheme}]: {r.error}" for r in results if r.error]
    assert not errors, "\n".join(errors)


def test_no_axe_violations_in_light_and_dark(crawl_results):
    _, results = crawl_results
    problems = _report(results, "violations")
    assert not problems, f"{len(problems)} page views with axe violations:\n" + "\n".join(problems[:40])


def test_axe_rules_are_not_disabled_without_reason():
    assert all(reason.strip() for reason in AXE_DISABLED.values())
    statement = (ROOT / "docs" / "fi" / "saavutettavuus.md").read_text(encoding="utf-8")
    for rule in AXE_DISABLED:
        assert rule in statement, f"disabled axe rule {rule} must be explained in the accessibility statement"


def test_no_request_leaves_the_local_server(crawl_results):
    problems = _report(crawl_results[1], "third_party")
    assert not problems, "\n".join(problems)


def test_no_failed_requests(crawl_results):
    problems = _report(crawl_results[1], "failed")
    assert not problems, "\n".join(problems)


def test_no_console_or_page_errors(crawl_results):
    problems = _report(crawl_results[1], "console_errors") + _report(crawl_results[1], "page_errors")
    assert not problems, "\n".join(problems)


def test_first_tab_reaches_a_skip_link_into_the_content(crawl_results):
    bad = [f"/{r.path}: {r.skip_link}" for r in crawl_results[1]
           if r.scheme == "light" and not (r.skip_link or {}).get("ok")]
    assert not bad, "\n".join(bad)


# ---------------------------------------------------------------------------------------------
# What axe cannot see (issue 20), from the same page loads as axe
# ---------------------------------------------------------------------------------------------

def _check_report(results, check: str, schemes=("light",)) -> list[str]:
    missing = [f"/{r.path} [{r.scheme}]" for r in results
               if r.scheme in schemes and not r.error and check not in r.checks]
    assert not missing, f"the {check} check did not run on: {missing[:10]}"
    return [f"/{r.path} [{r.scheme}]: " + "\n    ".join(r.checks[check][:6])
            for r in results if r.scheme in schemes and r.checks.get(check)]


def test_no_page_scrolls_sideways_or_cuts_off_text_at_320_px(crawl_results):
    """WCAG 1.4.10 Reflow: at 320 CSS px nothing scrolls sideways or sticks out or is cut off; a wide
    table may scroll inside its own region, which a keyboard reaches (tabindex=0) and which has a name."""
    problems = _check_report(crawl_results[1], "reflow")
    assert not problems, f"{len(problems)} pages fail at 320 px:\n" + "\n".join(problems[:30])


def test_200_percent_zoom_keeps_all_content_and_the_navigation(crawl_results):
    """WCAG 1.4.4 and 1.4.10 at 200 % zoom of a 1280 px window (640 CSS px): no sideways scroll, the
    content's text is the same as at full width, and Tab and Enter reach the site navigation."""
    problems = _check_report(crawl_results[1], "zoom")
    assert not problems, f"{len(problems)} pages fail at 200 % zoom:\n" + "\n".join(problems[:30])


def test_text_spacing_loses_no_text(crawl_results):
    """WCAG 1.4.12: line height 1.5, paragraph spacing 2 em, letter spacing 0.12 em, word spacing 0.16 em
    cut off no text and push nothing sideways, at 320 and 1280 px."""
    problems = _check_report(crawl_results[1], "spacing")
    assert not problems, f"{len(problems)} pages lose text with the reader's text spacing:\n" + "\n".join(problems[:30])


def test_focus_is_visible_and_not_hidden_behind_the_header(crawl_results):
    """WCAG 2.4.7 and 2.4.11: every element in the Tab order shows keyboard focus (an outline with at least
    3:1 contrast, a shadow, a border or a background change) in the light and the dark palette, and is
    not hidden under the sticky header when it gets focus just under the top edge of the window."""
    problems = _check_report(crawl_results[1], "focus", ("light", "dark"))
    assert not problems, f"{len(problems)} page views with focus problems:\n" + "\n".join(problems[:30])


def test_targets_are_at_least_24_px_or_spaced(crawl_results):
    """WCAG 2.5.8: every pointer target is 24 x 24 px, or a 24 px circle on it touches no other target;
    links inside a line of text are exempt. At 1280 and 320 px."""
    problems = _check_report(crawl_results[1], "targets")
    assert not problems, f"{len(problems)} pages with small targets:\n" + "\n".join(problems[:30])


def test_pages_work_without_css(crawl_results):
    """Without any author CSS: the skip link first, then the main heading within two screens and before
    any list of more than ten links; headings on screen in source order; nothing shown with CSS is
    missing without it (WCAG 1.3.2)."""
    problems = _check_report(crawl_results[1], "nocss")
    assert not problems, f"{len(problems)} pages fail without CSS:\n" + "\n".join(problems[:30])


# ---------------------------------------------------------------------------------------------
# Links and anchors over the built HTML
# ---------------------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _target_file(site: Path, page: Path, href: str) -> Path | None:
    base = "http://local/" + page.relative_to(site).as_posix()
    url = urlparse(urljoin(base, href))
    if url.netloc != "local":
        return None
    target = site / unquote(url.path).lstrip("/")
    if url.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_every_internal_link_and_fragment_resolves(site_dir):
    pages = [p for p in site_dir.rglob("*.html") if "/assets/" not in p.as_posix()]
    parsed = {p: _parse(p) for p in pages}
    problems, checked = [], 0
    for page, links in parsed.items():
        for href in links.hrefs:
            if href.startswith(("mailto:", "tel:", "javascript:", "data:")) or re.match(r"^[a-z]+://", href):
                continue
            target = _target_file(site_dir, page, href)
            if target is None:
                continue
            rel = page.relative_to(site_dir).as_posix()
            if not target.exists():
                problems.append(f"{rel}: {href} -> missing {target.relative_to(site_dir)}")
                continue
            frag = unquote(urlparse(href).fragment)
            if frag and target.suffix == ".html":
                checked += 1
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if frag not in ids:
                    problems.append(f"{rel}: {href} -> no id {frag!r} on {target.relative_to(site_dir)}")
    assert checked > 100, f"only {checked} fragment links found: is the site complete?"
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


# ---------------------------------------------------------------------------------------------
# HTML validity (Nu HTML checker)
# ---------------------------------------------------------------------------------------------

def test_html_is_valid_except_listed_material_markup(site_dir):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test` (it runs npm ci) or `npm ci`.")
    if not shutil.which("java"):
        pytest.fail("java is missing: run `make test` (it installs default-jre-headless) or `apt-get install default-jre-headless`.")
    proc = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only",
                           str(site_dir)], capture_output=True, text=True)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    assert messages or proc.returncode == 0, proc.stderr[-2000:]
    unexpected = [m for m in messages
                  if not any(re.search(rx, m.get("message", "")) for rx in VNU_MATERIAL_ERRORS)]
    report = [f"{m.get('url', '').split(str(site_dir))[-1]}:{m.get('lastLine')}: {m.get('message')} "
              f"[{m.get('extract', '').strip()[:120]}]" for m in unexpected]
    assert not report, f"{len(report)} HTML errors not from Material:\n" + "\n".join(report[:40])
