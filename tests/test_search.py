"""Search in a real browser: the site's own search box, per language, with Finnish inflection.

Pagefind builds one index per language; Finnish sections also carry index-only base forms and
compound parts (Voikko), and the search box maps query words to base forms. Pagefind has no typo
tolerance, so no typo queries are tested.
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import PREFIX

pytestmark = pytest.mark.browser

# (language, query, page expected among the first three results, what the query exercises)
QUERIES = [
    ("fi", "pöydän", "tapaukset/orivesi/", "genitive with consonant gradation (pöytä)"),
    ("fi", "kumppanuuspöytiin", "kaksi-nakokulmaa/", "illative plural of a compound"),
    ("fi", "pöytä", "rakentaminen/", "compound part: pöytä in kumppanuuspöytä"),
    ("fi", "kumppanuus", "kumppanuus/", "compound part: kumppanuus in kumppanuuspöytä"),
    ("fi", "sopimuksen", "tutkimus/", "genitive (sopimus)"),
    ("fi", "kokouksiin", "tapaukset/savonlinna/", "illative plural (kokous)"),
    ("fi", "yhteistuotannon", "tutkimus/", "genitive with gradation, form not in the content (yhteistuotanto)"),
    ("fi", "omistajuutta", "epaonnistuminen/", "partitive, form not in the content (omistajuus)"),
    ("fi", "kokemusasiantuntijoita", "kokemusasiantuntijat/", "partitive plural"),
    ("fi", "muistilistan", "muistilista/", "genitive"),
    ("fi", "yhteisövaikuttavuuden", "osallisuuden-johtaminen/", "genitive of a glossary term"),
    ("fi", "Orivedellä", "tapaukset/orivesi/", "adessive of a place name with gradation"),
    ("fi", "säännön", "tapaukset/savonlinna/", "genitive with gradation (sääntö)"),
    ("sv", "bordet", "rakentaminen/", "definite singular"),
    ("sv", "minneslistan", "muistilista/", "definite singular"),
    ("sv", "erfarenhetsexperterna", "kokemusasiantuntijat/", "definite plural"),
    ("sv", "nätverket", "kumppanuus/", "definite singular"),
    ("sv", "samproduktionen", "tutkimus/", "definite singular"),
    ("sv", "fallgroparna", "epaonnistuminen/", "definite plural"),
    ("sv", "tillgänglighetsutlåtande", "saavutettavuus/", "compound"),
    ("sv", "Orivesi", "tapaukset/orivesi/", "case page"),
    ("sv", "ordlistan", "sanasto/", "definite singular"),
    ("sv", "kollektiv effekt", "osallisuuden-johtaminen/", "two-word glossary term"),
    ("sv", "byarna", "tapaukset/orivesi/", "definite plural (by)"),
    ("en", "tables", "kaksi-nakokulmaa/", "plural"),
    ("en", "experience experts", "kokemusasiantuntijat/", "plural, two words"),
    ("en", "networks", "kumppanuus/", "plural"),
    ("en", "pitfalls", "epaonnistuminen/", "plural"),
    ("en", "memo list", "muistilista/", "two words"),
    ("en", "co-production", "tutkimus/", "hyphenated glossary term"),
    ("en", "accessibility statement", "saavutettavuus/", "two words"),
    ("en", "glossary", "sanasto/", "page title"),
    ("en", "collective impact", "osallisuuden-johtaminen/", "glossary term"),
    ("en", "villages", "tapaukset/orivesi/", "plural, case page"),
    ("en", "hallmarks", "kumppanuus/", "plural heading word"),
]


def run_query(page, query: str) -> list[str]:
    box = page.locator("#kp-search-input")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill("")
    box.type(query, delay=10)
    page.wait_for_function("q => document.getElementById('kp-search-list').getAttribute('data-query') === q",
                           arg=query, timeout=15000)
    return page.eval_on_selector_all("#kp-search-list a", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("lang,query,expected,why", QUERIES, ids=[f"{q[0]}-{q[1]}" for q in QUERIES])
def test_search_finds_the_page(open_page, lang, query, expected, why):
    page, rec = open_page(PREFIX[lang] + "tietoa/")
    hrefs = run_query(page, query)
    paths = [urlparse(h).path for h in hrefs]
    want = "/" + PREFIX[lang] + expected
    assert want in paths[:3], f"{query!r} ({why}): expected {want} in the first three, got {paths[:5]}"
    others = [p for p in paths if (lang == "fi" and p.startswith(("/sv/", "/en/")))
              or (lang != "fi" and not p.startswith(f"/{lang}/"))]
    assert not others, f"results from another language: {others}"
    rec.assert_clean()


def test_languages_have_enough_queries():
    for lang in PREFIX:
        assert sum(1 for q in QUERIES if q[0] == lang) >= 10, lang


@pytest.mark.parametrize("lang", list(PREFIX))
def test_search_loads_only_its_own_language_and_only_when_used(open_page, lang):
    page, rec = open_page(PREFIX[lang] + "kumppanuus/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in rec.requests if "/pagefind/" in u], "the search index must not load before the reader searches"
    run_query(page, {"fi": "kumppanuus", "sv": "partnerskap", "en": "partnership"}[lang])
    fetched = [u for u in rec.requests if "/pagefind/" in u]
    assert any(f"pagefind.{lang}_" in u for u in fetched), fetched
    foreign = [u for u in fetched for other in PREFIX if other != lang
               and (f"pagefind.{other}_" in u or f"wasm.{other}." in u or f"/kp-lemmas/{other}/" in u)]
    assert not foreign, f"a {lang} page downloaded another language's index: {foreign}"
    rec.assert_clean()


def test_result_links_to_the_heading_where_the_match_is(open_page, server):
    page, rec = open_page("tietoa/")
    hrefs = run_query(page, "tunnuspiirteet")
    assert hrefs[0].endswith("/kumppanuus/#tunnuspiirteet"), hrefs[:3]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(server + "kumppanuus/#tunnuspiirteet")
    assert page.locator("#tunnuspiirteet").count() == 1
    rec.assert_clean()


@pytest.mark.parametrize("lang,query,expected", [("fi", "muistilistan", "muistilista/"),
                                                 ("sv", "ordlistan", "sanasto/"), ("en", "glossary", "sanasto/")])
def test_404_page_search_box_searches_its_language(open_page, server, lang, query, expected):
    page, rec = open_page(PREFIX[lang] + "404.html")
    page.fill("#kp-notfound-q", query)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: urlparse(u).path == "/" + PREFIX[lang] and "q=" in u)
    page.locator("#kp-search-list a").first.wait_for(timeout=15000)
    hrefs = page.eval_on_selector_all("#kp-search-list a", "els => els.map(e => e.getAttribute('href'))")
    assert any(urlparse(h).path == "/" + PREFIX[lang] + expected for h in hrefs[:3]), hrefs[:5]
    rec.assert_clean()
