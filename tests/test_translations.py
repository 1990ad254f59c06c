"""Translations: notices when a translation is missing or behind, and language switching that keeps the section."""
from __future__ import annotations

import pytest

from conftest import PREFIX


@pytest.mark.build
def test_outdated_and_missing_translations_say_so_in_the_readers_language(variant_site):
    """In the variant copy (conftest.variant_site) docs/fi/muistilista.md changed after its translation and
    docs/en/kaksi-nakokulmaa.md is missing."""
    _, site = variant_site
    sv = (site / "sv" / "muistilista" / "index.html").read_text(encoding="utf-8")
    assert "Översättningen är inte uppdaterad" in sv
    assert 'href="../../muistilista/" hreflang="fi"' in sv
    en_outdated = (site / "en" / "muistilista" / "index.html").read_text(encoding="utf-8")
    assert "This translation is out of date" in en_outdated
    en_missing = (site / "en" / "kaksi-nakokulmaa" / "index.html").read_text(encoding="utf-8")
    assert "This page has not been translated yet" in en_missing
    assert 'href="../../kaksi-nakokulmaa/" hreflang="fi"' in en_missing
    fi = (site / "muistilista" / "index.html").read_text(encoding="utf-8")
    assert "Käännös on jäljessä" not in fi


def test_current_translations_show_no_notice(site_dir):
    for lang in ("sv", "en"):
        html = (site_dir / PREFIX[lang] / "rakentaminen" / "index.html").read_text(encoding="utf-8")
        assert "Översättningen är inte uppdaterad" not in html and "Sidan är ännu inte översatt" not in html
        assert "This translation is out of date" not in html and "This page has not been translated yet" not in html


@pytest.mark.browser
def test_switching_language_on_a_deep_link_keeps_the_section(open_page, server):
    page, _ = open_page("rakentaminen/#vaihe-1-3")
    page.locator(".md-header .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="sv"]').first.click()
    page.wait_for_load_state("load")
    assert page.url == server + "sv/rakentaminen/#vaihe-1-3"
    assert page.locator("#vaihe-1-3").count() == 1
    assert page.evaluate("document.getElementById('vaihe-1-3').getBoundingClientRect().top") < 300
