"""Search in a real browser: the site's own search box, per language, with queries as people type them.

Pagefind builds one index per language; Finnish sections also carry index-only base forms and
compound parts (Voikko). The search box (docs/assets/search.js) leaves out stop words, looks each word
up in the index's word list (and a Finnish word's base form), adds the synonyms of data/search.yaml, and
ranks pages by the query words they match, title and headings first. The question suite is
tests/search_questions.yaml; `make bench` measures the same share of it. Every language asks all its
queries on ONE browser page (a page per query would make this file slow).
"""
from __future__ import annotations

import json
import time
import unicodedata
from urllib.parse import urlparse

import pytest
import yaml

from conftest import PREFIX, ROOT
from kumppanuus.bench import answered, ask, is_search_download, search_questions
from kumppanuus.site import search as sitesearch

# (language, query, pages of which one must be among the first three results, what the query exercises).
# A word on nearly every page (pöytä, bordet, tables) names the pages with it in their title: any of them.
QUERIES = [
    ("fi", "pöydän", ("paatoksenteko/", "selkokieli/", "rakentaminen/"), "genitive with consonant gradation (pöytä)"),
    ("fi", "kumppanuuspöytiin", ("tapaukset/", "muistilista/", "rakentaminen/", "kaksi-nakokulmaa/"),
     "illative plural of a compound"),
    ("fi", "pöytä", ("selkokieli/", "paatoksenteko/", "rakentaminen/"), "compound part: pöytä in kumppanuuspöytä"),
    ("fi", "kumppanuus", ("kumppanuus/",), "compound part: kumppanuus in kumppanuuspöytä"),
    ("fi", "sopimuksen", ("tutkimus/",), "genitive (sopimus)"),
    ("fi", "kokouksiin", ("epaonnistuminen/",), "illative plural (kokous): '5. Tehkää kokouksista tiedotustilaisuuksia'"),
    ("fi", "yhteistuotannon", ("tutkimus/",), "genitive with gradation, form not in the content (yhteistuotanto)"),
    ("fi", "omistajuutta", ("epaonnistuminen/",), "partitive, form not in the content (omistajuus)"),
    ("fi", "kokemusasiantuntijoita", ("kokemusasiantuntijat/",), "partitive plural"),
    ("fi", "muistilistan", ("muistilista/",), "genitive"),
    ("fi", "yhteisövaikuttavuuden", ("osallisuuden-johtaminen/",), "genitive of a glossary term"),
    ("fi", "Orivedellä", ("tapaukset/orivesi/",), "adessive of a place name with gradation"),
    ("fi", "säännön", ("tyopohjat/hallintosaanto/", "tyopohjat/pelisaannot/"), "genitive with gradation (sääntö)"),
    ("sv", "bordet", ("paatoksenteko/", "tyopohjat/pelisaannot/", "selkokieli/", "aloittaminen/"), "definite singular"),
    ("sv", "minneslistan", ("muistilista/",), "definite singular"),
    ("sv", "erfarenhetsexperterna", ("kokemusasiantuntijat/",), "definite plural"),
    ("sv", "nätverket", ("kumppanuus/",), "definite singular"),
    ("sv", "samproduktionen", ("tutkimus/",), "definite singular"),
    ("sv", "fallgroparna", ("epaonnistuminen/",), "definite plural"),
    ("sv", "tillgänglighetsutlåtande", ("saavutettavuus/",), "compound"),
    ("sv", "Orivesi", ("tapaukset/orivesi/",), "case page"),
    ("sv", "ordlistan", ("sanasto/",), "definite singular"),
    ("sv", "kollektiv effekt", ("osallisuuden-johtaminen/",), "two-word glossary term"),
    ("sv", "byarna", ("tapaukset/orivesi/",), "definite plural (by)"),
    ("en", "tables", ("selkokieli/", "paatoksenteko/", "rakentaminen/", "tyopohjat/pelisaannot/"), "plural"),
    ("en", "experience experts", ("kokemusasiantuntijat/",), "plural, two words"),
    ("en", "networks", ("kumppanuus/",), "plural"),
    ("en", "pitfalls", ("epaonnistuminen/",), "plural"),
    ("en", "checklist", ("muistilista/",), "the checklist (once 'memo list')"),
    ("en", "co-production", ("tutkimus/",), "hyphenated glossary term"),
    ("en", "accessibility statement", ("saavutettavuus/",), "two words"),
    ("en", "glossary", ("sanasto/",), "page title"),
    ("en", "collective impact", ("osallisuuden-johtaminen/",), "glossary term"),
    ("en", "villages", ("tapaukset/orivesi/", "tapaukset/pieksamaki/"), "plural, case pages"),
    ("en", "hallmarks", ("kumppanuus/",), "plural heading word"),
]
QUESTIONS = search_questions(ROOT)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def run_query(page, query: str) -> list[str]:
    """Type the query a key at a time, as a reader does (each key starts a search that the next replaces)."""
    return ask(page, query, timeout=15000, delay=10)


# -- the question suite and the single words, one browser page per language -------------------------

def test_the_suite_asks_enough_questions_of_every_kind():
    for lang in PREFIX:
        questions = QUESTIONS[lang]
        assert len(questions) >= 20, lang
        assert sum(1 for q in questions if len(q["q"].split()) > 1) >= 20, f"{lang}: multi-word questions"
        about = {q["about"] for q in questions}
        for topic in ("starting", "inviting", "roles", "decisions", "law", "pitfalls", "case", "evaluation",
                      "templates", "research", "without diacritics"):
            assert topic in about, f"{lang}: no question about {topic}"
        assert {q["who"] for q in questions} >= {"official", "trainer", "resident"}, lang
        assert sum(1 for q in QUERIES if q[0] == lang) >= 10, lang


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(PREFIX))
def test_questions_and_words_find_their_page_in_the_first_three(open_page, lang, capsys):
    """Every question of the suite, and every single word, on one page of the language: the expected page is
    among the first three results, and no result is of another language. Prints the share answered."""
    page, rec = open_page(PREFIX[lang] + "tietoa/")
    start = time.perf_counter()
    missed, foreign = answered(page, lang, QUESTIONS[lang])
    words = [(q, expected, why) for code, q, expected, why in QUERIES if code == lang]
    missed_words = []
    for query, expected, why in words:
        paths = [urlparse(h).path for h in ask(page, query)]
        if not any("/" + PREFIX[lang] + e in paths[:3] for e in expected):
            missed_words.append(f"{query!r} ({why}): expected one of {expected} in the first three, got {paths[:5]}")
    n = len(QUESTIONS[lang])
    with capsys.disabled():
        print(f"\n[search] {lang}: {n - len(missed)}/{n} questions answered in the first three "
              f"({round(100 * (n - len(missed)) / n)} %), {len(words) - len(missed_words)}/{len(words)} single "
              f"words, {len(words) + n} queries in {time.perf_counter() - start:.1f} s")
    assert not missed, "questions whose page was not in the first three:\n" + "\n".join(
        f"{m['q']!r}: expected {m['page']}, got {m['got']}" for m in missed)
    assert not missed_words, "\n".join(missed_words)
    assert not foreign, f"results from another language for {foreign}"
    rec.assert_clean()


# -- what the box downloads, and when ---------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", list(PREFIX))
def test_search_loads_only_its_own_language_and_only_when_used(open_page, lang):
    page, rec = open_page(PREFIX[lang] + "kumppanuus/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in rec.requests if is_search_download(u)], \
        "neither the search box's script nor the index may load before the reader searches"
    run_query(page, {"fi": "kumppanuus", "sv": "partnerskap", "en": "partnership"}[lang])
    fetched = [u for u in rec.requests if is_search_download(u)]
    assert any(u.endswith("/assets/search.js") for u in fetched), fetched
    assert any(f"pagefind.{lang}_" in u for u in fetched), fetched
    assert any(f"/kp-words/{lang}.json" in u for u in fetched), fetched
    foreign = [u for u in fetched for other in PREFIX if other != lang
               and (f"pagefind.{other}_" in u or f"wasm.{other}." in u or f"/kp-words/{other}" in u)]
    assert not foreign, f"a {lang} page downloaded another language's index: {foreign}"
    rec.assert_clean()


# -- when nothing is found ----------------------------------------------------------------------------

NOTHING = {  # a query no page has, the first two entry points' titles; a query only another language has
    "fi": ("kvanttifysiikka", ["Ennen kuin aloitat", "Kumppanuuspöydän rakentaminen askel askeleelta"],
           ("hallmarks", "en", "/en/kumppanuus/", "englanniksi")),
    "sv": ("kvantfysik", ["Innan du börjar", "Att bygga ett partnerskapsbord steg för steg"],
           ("hallmarks", "en", "/en/kumppanuus/", "på engelska")),
    "en": ("quantum chromodynamics", ["Before you start", "Building a partnership table step by step"],
           ("kehittämisrakenne", "fi", "/kaksi-nakokulmaa/", "in Finnish")),
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(PREFIX))
def test_nothing_found_says_so_offers_the_entry_points_and_pages_in_other_languages(open_page, lang):
    """A query no page has: the results say so in the page's language and offer the three entry points and
    the glossary. A query that only another language's page has: that page too, marked with its language."""
    query, entry, (elsewhere, other, expected, name) = NOTHING[lang]
    page, rec = open_page(PREFIX[lang] + "tietoa/")
    assert run_query(page, query) == [], "no result for a word no page has"
    box = page.locator("[data-kp-search]")
    assert page.locator("#kp-search-meta").inner_text() == box.get_attribute("data-none")
    help_block = page.locator(".kp-search-help")
    labels = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
    assert labels["search.nothing"][lang] in help_block.inner_text()
    links = help_block.locator("a").evaluate_all("els => els.map(e => [e.textContent, e.getAttribute('href')])")
    paths = [urlparse(h).path for _, h in links]
    prefix = "/" + PREFIX[lang]
    assert paths[:3] == [prefix + "aloittaminen/", prefix + "rakentaminen/", prefix + "tapaukset/"], links
    assert [t for t, _ in links[:2]] == entry
    assert paths[3:] == [prefix + "sanasto/"], f"the glossary, and nothing from another language: {links}"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == entry[0], "arrow keys reach the offered pages"

    assert run_query(page, elsewhere) == []
    assert name in help_block.inner_text(), help_block.inner_text()
    found = help_block.locator(f"a[hreflang='{other}']").evaluate_all(
        "els => els.map(e => [e.getAttribute('href'), e.getAttribute('lang')])")
    assert found and all(code == other for _, code in found), found
    assert expected in [urlparse(h).path for h, _ in found], found
    rec.assert_clean()


@pytest.mark.browser
def test_words_the_index_lacks_fetch_no_missing_file_and_results_show_no_index_only_words(open_page, server):
    """A query word whose first two letters begin no word of the index is not looked up (no 404, no console
    error), and the other words still answer. Finnish base forms are in the index only: a result's title,
    section and excerpt never show them. A result links to the heading where the match is."""
    page, rec = open_page("tietoa/")
    hrefs = run_query(page, "xylofoni qzx kumppanuus")
    assert any(urlparse(h).path == "/kumppanuus/" for h in hrefs[:3]), hrefs[:5]
    words = [u for u in rec.requests if "/kp-words/fi/" in u]
    assert words and not [u for u in words if "/xy." in u or "/qz." in u], words

    run_query(page, "kumppanuuspöydän rakentaminen")
    shown = page.locator("#kp-search-list").inner_text()
    assert "\u2042" not in shown and "Kumppanuuspöydän rakentaminen askel askeleelta" in shown, shown

    hrefs = run_query(page, "tunnuspiirteet")
    assert hrefs[0].endswith("/kumppanuus/#tunnuspiirteet"), hrefs[:3]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(server + "kumppanuus/#tunnuspiirteet")
    assert page.locator("#tunnuspiirteet").count() == 1
    rec.assert_clean()


# -- other behaviour of the box ---------------------------------------------------------------------

@pytest.mark.browser
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


# -- the words of data/search.yaml ------------------------------------------------------------------

def test_a_word_is_in_one_synonym_group_at_most_and_never_also_a_stop_word():
    words = yaml.safe_load((ROOT / "data" / "search.yaml").read_text(encoding="utf-8"))
    for lang, data in words["languages"].items():
        stops = {fold(w) for w in data["stop_words"]}
        seen: dict[str, list] = {}
        for group in data["synonyms"]:
            for word in group:
                assert fold(word) not in stops, f"{lang}: {word!r} is a stop word and a synonym"
                assert fold(word) not in seen, f"{lang}: {word!r} is in {seen.get(fold(word))} and {group}"
                seen[fold(word)] = group


def test_a_synonym_is_a_one_line_change(site_dir):
    """One more line in data/search.yaml is one more group in what the search box reads, searched when the
    index has the word; the built site carries every group of the file."""
    text = (ROOT / "data" / "search.yaml").read_text(encoding="utf-8")
    marker = "  fi:\n    stop_words:"
    assert text.count("    synonyms:\n") == 3 and marker in text
    fi_synonyms = text.index("    synonyms:\n", text.index(marker)) + len("    synonyms:\n")
    changed = text[:fi_synonyms] + "      - [tuolirinki, kumppanuuspöytä]\n" + text[fi_synonyms:]
    assert len(changed.splitlines()) == len(text.splitlines()) + 1
    vocab = sorted({"kumppanuuspoyta", "kumppanuuspoydan", "rinki"})  # the index's words, without diacritics, sorted
    groups = sitesearch.settings("fi", yaml.safe_load(changed), None, [], 1, {}, vocab, "")["syn"]
    assert {"w": ["tuolirinki", "kumppanuuspoyta"], "s": ["kumppanuuspöytä"]} in groups
    built = {lang: json.loads((site_dir / "pagefind" / "kp-words" / f"{lang}.json").read_text(encoding="utf-8"))
             for lang in PREFIX}
    words = yaml.safe_load(text)
    for lang in PREFIX:
        assert [g["w"] for g in built[lang]["syn"]] == \
            [[fold(w) for w in group] for group in words["languages"][lang]["synonyms"]], lang
        assert set(built[lang]["stop"]) == {fold(w) for w in words["languages"][lang]["stop_words"]}, lang
        assert built[lang]["pages"] > 20 and built[lang]["chunks"], lang


def test_the_word_lists_are_split_by_two_letters_without_diacritics(site_dir):
    base = site_dir / "pagefind" / "kp-words"
    for lang in PREFIX:
        chunks = json.loads((base / f"{lang}.json").read_text(encoding="utf-8"))["chunks"]
        assert sorted(p.stem for p in (base / lang).glob("*.json")) == chunks, lang
        assert all(fold(c) == c for c in chunks), lang
    po = json.loads((base / "fi" / "po.json").read_text(encoding="utf-8"))
    assert "pöytä" in po["l"] and po["f"]["pöydän"] == "pöytä", "Finnish forms carry their base form"


def test_case_lists_are_left_out_of_the_indexed_copy():
    body = ('<h1>T</h1><p>keep</p><div class="kp-routes"><div class="kp-table-wrap"><table class="kp-table '
            'kp-routes-table"><tr><td>Orivesi</td></tr></table></div><div class="kp-flow-figs"><figure>x</figure>'
            '</div></div><p>after</p><div class="kp-table-wrap"><table class="kp-table kp-roles-table"><tr><td>'
            'r</td></tr></table></div><p>end</p>')
    assert sitesearch.drop_case_lists(body) == '<h1>T</h1><p>keep</p><p>after</p><div class="kp-table-wrap"></div><p>end</p>'


def test_word_lists_without_voikko_and_the_entry_points_titles(tmp_path):
    """Without Voikko (`make serve` may lack it) the Finnish word list has the index's words but no base
    forms, and the search box works on it like on the Swedish and English lists. The titles offered when
    nothing is found are the pages' headings, without index-only words."""
    docs = tmp_path / "docs"
    pages = {"aloittaminen": "Ennen kuin aloitat", "rakentaminen": "Rakentaminen", "tapaukset": "Tapaukset",
             "sanasto": "Sanasto", "sv/aloittaminen": "Innan du börjar", "en/aloittaminen": "Before you start"}
    for url, title in pages.items():
        (docs / url).mkdir(parents=True)
        (docs / url / "index.html").write_text(
            f'<html lang="x"><head></head><body><article data-pagefind-body><h1>{title} aloittaa\u2042</h1>'
            f"<p>Pöydän {title}</p></article></body></html>", encoding="utf-8")
    words = yaml.safe_load((ROOT / "data" / "search.yaml").read_text(encoding="utf-8"))
    labels = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
    sitesearch.write_words(tmp_path / "out", docs, None, words, labels)
    base = tmp_path / "out" / "kp-words"
    po = json.loads((base / "fi" / "po.json").read_text(encoding="utf-8"))
    assert po == {"l": ["pöydän"]}, po
    fi = json.loads((base / "fi.json").read_text(encoding="utf-8"))
    assert fi["pages"] == 4 and "po" in fi["chunks"] and "al" in fi["chunks"]
    assert fi["entry"][0] == {"t": "Ennen kuin aloitat", "u": "aloittaminen/"}
    assert fi["glossary"] == {"t": "Sanasto", "u": "sanasto/"}
    assert fi["words"]["nothing"] == labels["search.nothing"]["fi"] and fi["words"]["langs"]["en"] == "englanniksi"
    sv = json.loads((base / "sv.json").read_text(encoding="utf-8"))
    assert sv["root"] == "sv/" and sv["pages"] == 1 and sv["entry"][0] == {"t": "Innan du börjar", "u": "aloittaminen/"}
