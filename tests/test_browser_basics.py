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
