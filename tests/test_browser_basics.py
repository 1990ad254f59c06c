"""Real-browser tests of the basics: home pages load clean, the language switcher keeps the page."""
from __future__ import annotations

import pytest

from conftest import LANGS, PREFIX

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_loads_clean(open_page, lang):
    page, rec = open_page(PREFIX[lang])
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() >= 1
    rec.assert_clean()


@pytest.mark.parametrize("start,target", [("fi", "sv"), ("sv", "en"), ("en", "fi")])
def test_language_switcher_goes_to_same_page(open_page, server, start, target):
    page, _ = open_page(PREFIX[start] + "rakentaminen/")
    page.locator(".md-header [aria-label] .md-select").first.hover()
    link = page.locator(f'a.md-select__link[hreflang="{target}"]').first
    link.click()
    page.wait_for_load_state("load")
    assert page.url == server + PREFIX[target] + "rakentaminen/"
    assert page.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize("lang,query,expected", [
    ("fi", "muistilista", "muistilista/"),
    ("sv", "minneslista", "sv/muistilista/"),
    ("en", "memo list", "en/muistilista/"),
])
def test_search_works_with_the_keyboard_only(open_page, server, lang, query, expected):
    """'/' focuses the search box, typing shows results, arrow keys pick one and Enter opens it."""
    page, rec = open_page(PREFIX[lang] + "kumppanuus/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')"), "'/' did not focus search"
    page.keyboard.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href') || ''")
    assert focused, "ArrowDown did not move focus to a result"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: u.split("#")[0].split("?")[0] == server + expected, timeout=10000)
    rec.assert_clean()


@pytest.mark.parametrize("start,target", [("fi", "sv"), ("en", "fi")])
def test_language_switcher_works_with_the_keyboard_only(open_page, server, start, target):
    """Tab reaches the language button, the language links follow it in tab order, Enter switches."""
    page, rec = open_page(PREFIX[start] + "rakentaminen/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.getAttribute('hreflang') === '{target}'"
                         " && document.activeElement.classList.contains('md-select__link')"):
            break
    else:
        pytest.fail(f"the {target} language link cannot be reached with Tab")
    assert page.locator(f'a.md-select__link[hreflang="{target}"]').first.is_visible(), \
        "the focused language link is not visible"
    page.keyboard.press("Enter")
    page.wait_for_url(server + PREFIX[target] + "rakentaminen/", timeout=10000)
    assert page.locator("html").get_attribute("lang") == target
    rec.assert_clean()


def test_light_dark_switch_follows_the_system_and_remembers_a_choice(open_page):
    """Material's bundle is not shipped: handbook.js picks the palette from the system setting, the
    switch changes it, and the choice survives a reload."""
    page, rec = open_page("rakentaminen/", color_scheme="dark")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.documentElement.classList.contains('js')")
    toggle = page.locator("[data-md-component=palette] label:not([hidden])")
    assert toggle.count() == 1, "exactly one visible switch"
    toggle.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    rec.assert_clean()


def test_back_to_top_and_current_section_follow_scrolling(open_page):
    page, rec = open_page("rakentaminen/", viewport={"width": 1400, "height": 800})
    top = page.locator(".md-top")
    assert top.get_attribute("hidden") is not None
    page.locator("#vaihe-2-1").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.mouse.wheel(0, -200)
    page.wait_for_function("!document.querySelector('.md-top').hidden")
    active = page.locator(".md-sidebar--secondary .md-nav__link--active")
    assert active.count() == 1 and active.get_attribute("href").startswith("#vaihe-"), active.all_text_contents()
    top.click()
    page.wait_for_function("window.scrollY === 0")
    rec.assert_clean()


def test_menu_sections_open_with_enter_and_n_goes_to_the_next_page(open_page, server):
    """Keyboard behaviour Material's script used to provide: Enter on a menu section opens it (and says
    so with aria-expanded); n opens the next page of the handbook."""
    page, rec = open_page("rakentaminen/", viewport={"width": 390, "height": 800})
    page.locator("[data-kp-menu]").click()  # the menu button that replaces Material's label (issue 20)
    page.keyboard.press("Enter")  # the menu opens at this page's section; its focused title goes back a level
    label = page.locator("#__nav_2_label")
    label.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__nav_2').checked")
    assert page.locator('[aria-labelledby="__nav_2_label"]').get_attribute("aria-expanded") == "true"
    page.locator("label.md-overlay").click(position={"x": 380, "y": 400})
    page.locator("body").focus()
    next_href = page.evaluate("document.querySelector('link[rel=next]').href")
    page.keyboard.press("n")
    page.wait_for_url(next_href)
    rec.assert_clean()
