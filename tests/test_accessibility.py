"""Accessibility beyond axe (issue 20): every check the crawl runs on every built page can fail, and the
glossary terms open for keyboard, touch and screen-reader users.

The checks (tests/a11y_checks.js, driven by crawl.beyond_axe) run in tests/test_quality_gates.py over the
whole site. Here a small site is written into a temporary folder: one page that passes every check and, for
each check, pages that break it the way a real page could. The crawl itself (crawl.crawl: the same code, the
same page loads, light and dark) runs over them, and each test asserts that its check passes on the good
page and fails, saying why, on its broken pages. A check that cannot fail would fail here.
"""
from __future__ import annotations

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from crawl import crawl
from kumppanuus.site.pdf import serve

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{name}</title>
<style>
html {{ scroll-padding-top: 4rem; }}
body {{ margin: 0; font: 16px/1.5 sans-serif; color: #222; background: #fff; }}
.skip {{ position: absolute; left: -999px; }}
.skip:focus {{ left: 8px; top: 8px; z-index: 3; background: #fff; color: #224; padding: 4px; }}
header {{ position: sticky; top: 0; z-index: 2; background: #224; color: #fff; padding: 0 16px; min-height: 3rem;
  display: flex; flex-wrap: wrap; align-items: center; gap: 0 24px; }}
header a {{ color: #fff; }}
header ul {{ display: flex; flex-wrap: wrap; gap: 0 24px; list-style: none; margin: 0; padding: 0; }}
header a, main nav a {{ display: inline-block; padding: 4px 0; }}
main {{ display: block; padding: 0 16px 2rem; max-width: 40rem; }}
a {{ color: #1a4fd6; }}
a:focus-visible, button:focus-visible, [tabindex]:focus-visible {{ outline: 3px solid #1a4fd6; outline-offset: 2px; }}
header a:focus-visible {{ outline-color: #fff; }}
@media (prefers-color-scheme: dark) {{
  body {{ background: #111; color: #eee; }}
  main a {{ color: #8cf; }}
  a:focus-visible, button:focus-visible, [tabindex]:focus-visible {{ outline-color: #8cf; }}
  header a:focus-visible {{ outline-color: #fff; }}
}}
{css}
</style></head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>{header}<strong>Fixture site</strong>
<nav aria-label="Site"><ul><li><a href="good.html">Home</a></li><li><a href="good.html#b">Part B</a></li>
<li><a href="good.html#c">Part C</a></li></ul></nav></header>
{before}
<main id="main">
<h1>{name}</h1>
<p>A sentence with an <a href="good.html#b">inline link</a> in it, which need not be 24 pixels tall.</p>
{html}
<h2 id="b">Part B</h2>
{paragraphs}
<h2 id="c">Part C</h2>
<p>The end, with <a href="good.html#c">one more link</a>.</p>
</main>
</body>
</html>
"""

LONG_NAV = ('<nav aria-label="Everything" class="big"><ul>'
            + "".join(f'<li><a href="good.html#p{i}">Page {i}</a></li>' for i in range(12)) + "</ul></nav>")

# name -> what differs from the good page. Each breaks one thing a real page could break.
BROKEN = {
    "good": {},
    # 1.4.10 at 320 px
    "reflow-wide": {"html": '<div style="width: 600px; border: 1px solid">A box 600 px wide.</div>'},
    "reflow-region": {"html": '<div style="overflow-x: auto"><table style="width: 600px"><tr><td>A wide table '
                              'in a scrolling box that a keyboard cannot reach.</td></tr></table></div>'},
    # 1.4.4 / 1.4.10 at 200 % zoom (640 px)
    "zoom-hidden": {"css": "@media (max-width: 700px) { .more { display: none; } }",
                    "html": '<p class="more">This paragraph is not shown in a narrow window.</p>'},
    "zoom-nav": {"css": "@media (max-width: 700px) { .big { display: none; } #menu:checked ~ .big { display: block; } }",
                 "before": f'<input type="checkbox" id="menu" hidden><label for="menu">Menu</label>{LONG_NAV}'},
    "zoom-menu": {"css": "@media (max-width: 700px) { .big { display: none; } .big.open { display: block; } "
                         ".big.open li:nth-child(2) a { position: relative; left: -2000px; } }",
                  "before": '<button type="button" aria-expanded="false" aria-controls="everything" onclick="'
                            "var n = document.getElementById('everything'); n.classList.toggle('open'); "
                            "this.setAttribute('aria-expanded', n.classList.contains('open')); "
                            "n.querySelector('a').focus();\">Menu</button>"
                            + LONG_NAV.replace('class="big"', 'class="big" id="everything"')},
    # 1.4.12 text spacing
    "spacing": {"css": ".box { width: 12em; height: 2.6em; line-height: 1.2; overflow: hidden; white-space: nowrap; }",
                "html": '<p class="box">The first line<br>and the second</p>'},
    # 2.4.7 focus visible, light and dark
    "focus": {"css": "main a:focus, main a:focus-visible { outline: none; }"},
    "focus-dark": {"css": "@media (prefers-color-scheme: dark) { main a:focus-visible { outline-color: #1c1c1c; } }"},
    # 1.4.3 contrast broken only in the dark palette: the crawl switches palettes within one page load
    "contrast-dark": {"css": "@media (prefers-color-scheme: dark) { main p { color: #333; } }"},
    # 2.4.11 focus not obscured
    "obscured": {"css": "html { scroll-padding-top: 0; }"},
    # 2.5.8 target size
    "targets": {"css": ".tiny { width: 14px; height: 14px; padding: 0; margin: 0; font-size: 8px; }",
                "html": '<p><button class="tiny" type="button" aria-label="Smaller">-</button>'
                        '<button class="tiny" type="button" aria-label="Larger">+</button></p>'},
    # without CSS
    "nocss-order": {"css": "body { display: flex; flex-direction: column; } .big { order: 2; }", "before": LONG_NAV},
    "nocss-icons": {"css": "header svg { width: 24px; height: 24px; }",
                    "header": '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 2h20v20H2z"/></svg>' * 6},
    "nocss-hidden": {"css": ".note[hidden] { display: block; }", "html": '<p class="note" hidden>A note shown only by CSS.</p>'},
    "nocss-headings": {"css": "main { display: flex; flex-direction: column; } #late { order: -1; }",
                       "html": '<h2 id="early">Shown second</h2><p>Text.</p><h2 id="late">Shown first</h2>'},
}


def _write_site(folder) -> list[str]:
    paragraphs = "\n".join(f'<p id="p{i}">Paragraph {i} with <a href="good.html#p{i}">a link</a> in the middle '
                           f'of its text, so that the page is long enough to scroll.</p>' for i in range(30))
    for name, parts in BROKEN.items():
        fields = {"name": name, "css": "", "html": "", "before": "", "header": "", "paragraphs": paragraphs, **parts}
        (folder / f"{name}.html").write_text(PAGE.format(**fields), encoding="utf-8")
    return [f"{name}.html" for name in BROKEN]


@pytest.fixture(scope="module")
def fixture_results(tmp_path_factory):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs npm ci) or `npm ci`.")
    folder = tmp_path_factory.mktemp("a11y-fixture")
    paths = _write_site(folder)
    httpd, base = serve(folder)
    try:
        results = crawl(base, paths, str(AXE), CHROMIUM, CHROMIUM_ARGS)
    finally:
        httpd.shutdown()
    out = {(r.path[: -len(".html")], r.scheme): r for r in results}
    errors = [f"{k}: {r.error}" for k, r in out.items() if r.error]
    assert not errors, errors
    return out


def _problems(results, page: str, check: str, scheme: str = "light") -> list[str]:
    r = results[(page, scheme)]
    assert check in r.checks, f"the {check} check did not run on {page} [{scheme}]"
    return r.checks[check]


def test_the_good_fixture_page_passes_every_check(fixture_results):
    """Otherwise a broken page could fail for the wrong reason."""
    for scheme in ("light", "dark"):
        failing = {k: v for k, v in fixture_results[("good", scheme)].checks.items() if v}
        assert not failing, (scheme, failing)


@pytest.mark.parametrize("page,check,scheme,expected", [
    ("reflow-wide", "reflow", "light", "scrolls sideways"),
    ("reflow-wide", "reflow", "light", "sticks out"),
    ("reflow-region", "reflow", "light", "cannot be reached with the keyboard"),
    ("zoom-hidden", "zoom", "light", "differs from its text at 1280 px"),
    ("zoom-nav", "zoom", "light", "reach no button that opens it"),
    ("zoom-menu", "zoom", "light", "Tab in the open navigation lands on something hidden"),
    ("spacing", "spacing", "light", "text cut off"),
    ("focus", "focus", "light", "focus not visible"),
    ("focus", "focus", "dark", "focus not visible"),
    ("focus-dark", "focus", "dark", "contrast"),
    ("obscured", "focus", "light", "hidden behind"),
    ("targets", "targets", "light", "too close"),
    ("nocss-order", "nocss", "light", "list of 12 links comes before the main heading"),
    ("nocss-icons", "nocss", "light", "more than two screens"),
    ("nocss-hidden", "nocss", "light", "missing without it"),
    ("nocss-headings", "nocss", "light", "heading shown above the one before it"),
])
def test_each_check_fails_on_a_page_that_breaks_it(fixture_results, page, check, scheme, expected):
    problems = _problems(fixture_results, page, check, scheme)
    assert any(expected in p for p in problems), f"{page} [{scheme}] should fail {check} with {expected!r}: {problems}"
    assert not _problems(fixture_results, "good", check, scheme)


def test_a_broken_page_fails_only_where_it_is_broken(fixture_results):
    """The focus colour broken only in the dark palette passes in the light one; the spacing box that
    clips only with the reader's spacing passes at 320 px without it."""
    assert not _problems(fixture_results, "focus-dark", "focus", "light")
    assert not _problems(fixture_results, "spacing", "reflow")


def test_axe_sees_a_contrast_fault_that_only_the_dark_palette_has(fixture_results):
    """The crawl loads each page once and turns the system palette dark in place; axe must see the change."""
    dark = {v["id"] for v in fixture_results[("contrast-dark", "dark")].violations}
    light = {v["id"] for v in fixture_results[("contrast-dark", "light")].violations}
    assert "color-contrast" in dark and "color-contrast" not in light, (light, dark)
    assert not fixture_results[("good", "dark")].violations and not fixture_results[("good", "light")].violations


# ---------------------------------------------------------------------------------------------
# Glossary terms on the built site: keyboard, pointer, touch, screen reader, no JavaScript
# ---------------------------------------------------------------------------------------------

TERM_PAGE = "kumppanuus/"


def _first_term(page):
    term = page.locator(".md-content .kp-term").first
    link = term.locator("a.kp-term__link")
    tip = term.locator(".kp-term__tip")
    return term, link, tip


def test_glossary_term_opens_on_keyboard_focus_and_closes_with_escape(open_page, server):
    page, rec = open_page(TERM_PAGE)
    term, link, tip = _first_term(page)
    assert tip.is_hidden()
    described = page.evaluate("""() => {
      const a = document.querySelector('.md-content .kp-term__link');
      const tip = document.getElementById(a.getAttribute('aria-describedby'));
      return {tip: tip && tip.textContent.trim(), href: a.getAttribute('href')};
    }""")
    assert described["tip"] and "sanasto/#" in described["href"], described
    page.keyboard.press("Tab")
    link.focus()
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == described["tip"]
    box, tbox = link.bounding_box(), tip.bounding_box()
    assert tbox["y"] >= box["y"] + box["height"] - 2, "the definition does not cover the term"
    assert tbox["x"] >= 0 and tbox["x"] + tbox["width"] <= page.viewport_size["width"]
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('kp-term__link')"), "Escape must not move focus"
    page.keyboard.press("Tab")
    assert tip.is_hidden()
    page.keyboard.press("Shift+Tab")
    tip.wait_for(state="visible")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: "/sanasto/" in u)
    assert page.url.split("#")[1] == described["href"].split("#")[1]
    rec.assert_clean()


def test_glossary_term_stays_while_the_pointer_moves_onto_its_definition(open_page):
    page, rec = open_page(TERM_PAGE)
    term, link, tip = _first_term(page)
    link.scroll_into_view_if_needed()
    link.hover()
    tip.wait_for(state="visible")
    box, tbox = link.bounding_box(), tip.bounding_box()
    x = box["x"] + min(box["width"], tbox["width"]) / 2
    page.mouse.move(x, tbox["y"] + 3, steps=4)  # straight down onto the definition
    page.mouse.move(tbox["x"] + tbox["width"] - 3, tbox["y"] + tbox["height"] - 3, steps=6)  # and across it
    page.wait_for_timeout(500)
    assert tip.is_visible(), "the definition vanished when the pointer moved onto it (WCAG 1.4.13 hoverable)"
    page.mouse.move(5, page.viewport_size["height"] - 5, steps=4)
    tip.wait_for(state="hidden")
    rec.assert_clean()


def test_glossary_term_works_by_touch_and_in_dark_mode(open_page):
    page, rec = open_page(TERM_PAGE, has_touch=True, is_mobile=True, viewport={"width": 360, "height": 740},
                          color_scheme="dark")
    term, link, tip = _first_term(page)
    href = link.get_attribute("href")
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_url(lambda u: "/sanasto/" in u)
    assert page.url.endswith(href.split("/")[-1]), (page.url, href)
    row = page.locator(f"tr[id='{href.split('#')[1]}']")
    assert row.is_visible() and row.evaluate("r => r.matches(':target')")
    rec.assert_clean()


def test_glossary_definition_has_contrast_when_shown_in_both_palettes(open_page):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`.")
    for scheme in ("light", "dark"):
        page, rec = open_page(TERM_PAGE, color_scheme=scheme)
        term, link, tip = _first_term(page)
        page.keyboard.press("Tab")
        link.focus()
        tip.wait_for(state="visible")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run('.md-content', {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']}})).violations.map(v => v.id + ': ' +
            v.nodes.map(n => n.target.join(' ')).join(', '))""")
        assert not violations, (scheme, violations)


def test_glossary_term_without_javascript_is_a_link_to_the_glossary(browser, server):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(server + TERM_PAGE)
        link = page.locator(".md-content a.kp-term__link").first
        assert page.locator(".md-content .kp-term__tip").first.is_hidden()
        href = link.get_attribute("href")
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(lambda u: "/sanasto/" in u)
        assert page.locator(f"tr[id='{href.split('#')[1]}']").is_visible()
    finally:
        ctx.close()


def test_menu_button_opens_the_navigation_with_the_keyboard(open_page):
    """At narrow widths the navigation is in a drawer: a real button opens it (Enter), says so
    (aria-expanded), moves focus into it, and Escape closes it and returns focus to the button."""
    page, rec = open_page("rakentaminen/", viewport={"width": 640, "height": 720})
    button = page.locator("[data-kp-menu]")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.locator("label.md-header__button[for=__drawer]").is_hidden()
    assert not page.locator("#kp-drawer a.md-nav__link").first.is_visible()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-kp-menu')"):
            break
    else:
        pytest.fail("Tab does not reach the menu button")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    in_drawer = "document.getElementById('kp-drawer').contains(document.activeElement)"
    assert page.evaluate(in_drawer)
    # the drawer opens at the page's section; its title goes back to the top level, where another section
    # opens with Enter, and focus follows each level shown
    title = page.locator("#kp-drawer label.md-nav__title[for='__nav_3']")
    assert page.evaluate("document.activeElement.matches(\"label.md-nav__title[for='__nav_3']\")"), \
        page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert title.is_visible()
    page.keyboard.press("Enter")  # back to the top level: focus on the section just left
    assert page.evaluate("document.activeElement.id") == "__nav_3_label"
    page.keyboard.press("Shift+Tab")  # the section before it, Perusteet
    assert page.evaluate("document.activeElement.id") == "__nav_2_label"
    assert page.locator("#__nav_2_label").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__nav_2').checked")
    assert page.evaluate("document.activeElement.matches(\"label.md-nav__title[for='__nav_2']\")")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and page.evaluate(in_drawer), first
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-kp-menu')")
    rec.assert_clean()
