"""What a reader sees of the structured content: tables with the right rows, steps, anti-patterns, sources."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kumppanuus.core.content import Content
from kumppanuus.core.parity import split_front_matter

from conftest import LANGS, PREFIX, ROOT

EXEMPT_FROM_SOURCES = {"lahteet.md", "tietoa.md", "saavutettavuus.md", "muutokset.md", "koko-opas.md"}
STEP_IDS = ["vaihe-1-1", "vaihe-1-2", "vaihe-1-3", "vaihe-1-4", "vaihe-1-5",
            "vaihe-2-1", "vaihe-2-3", "vaihe-2-4", "vaihe-2-5", "vaihe-3-1"]
ANTIPATTERN_IDS = ["vallan-kaappaaminen", "tavoitteet-puuttuvat", "arvokeskustelu-unohtuu", "suljetut-kokoukset",
                   "tiedotustilaisuudet", "luottamus-sivuutetaan", "omistajuus-unohtuu", "paattajat-eivat-sitoudu",
                   "hallinto-ei-muutu"]


@pytest.fixture(scope="module")
def content():
    return Content.load(ROOT)


class Article(HTMLParser):
    """Collects ids, h2 ids in order, and table rows of the article."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.h2: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table = None
        self._row = None
        self._cell = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "h2" and a.get("id"):
            self.h2.append(a["id"])
        if tag == "table":
            self._table = a.get("class", "")
            self.tables[self._table] = []
        if tag == "tr" and self._table is not None:
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        self.text.append(data)


def article(site: Path, lang: str, url: str) -> Article:
    html = (site / PREFIX[lang] / url / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<article"): html.index("</article>")]
    p = Article()
    p.feed(body)
    return p


@pytest.mark.parametrize("lang", LANGS)
def test_forms_table_compares_three_forms_dimension_by_dimension(site_dir, content, lang):
    forms = content.data["forms"]
    table = article(site_dir, lang, "kumppanuus/").tables["kp-table kp-forms"]
    header, rows = table[0], table[1:]
    assert header[1:] == [f["name"].get(lang, f["name"]["fi"]) for f in forms["forms"]]
    assert [r[0] for r in rows] == [d["name"].get(lang, d["name"]["fi"]) for d in forms["dimensions"]]
    assert all(len(r) == 1 + len(forms["forms"]) for r in rows)
    assert len(forms["forms"]) == 3 and len(rows) >= 4


def test_hallmarks_are_thirteen(site_dir, content):
    assert len(content.data["hallmarks"]["items"]) == 13
    ids = article(site_dir, "fi", "kumppanuus/").ids
    assert sum(1 for i in ids if i.startswith("tunnuspiirre-")) == 13


@pytest.mark.parametrize("lang", LANGS)
def test_steps_page_keeps_the_guides_numbering_without_2_2(site_dir, lang):
    page = article(site_dir, lang, "rakentaminen/")
    assert [i for i in page.ids if re.fullmatch(r"vaihe-\d-\d", i)] == STEP_IDS
    assert "vaihe-2-2" not in page.ids
    assert "2.2" in " ".join(page.text), "the page must say that the guide has no step 2.2"


@pytest.mark.parametrize("lang", LANGS)
def test_antipatterns_have_their_own_anchors(site_dir, lang):
    page = article(site_dir, lang, "epaonnistuminen/")
    assert [i for i in page.ids if i in ANTIPATTERN_IDS] == ANTIPATTERN_IDS


@pytest.mark.parametrize("lang", LANGS)
def test_cases_table_lists_every_case(site_dir, content, lang):
    table = article(site_dir, lang, "tapaukset/").tables["kp-table kp-cases"]
    names = [r[0] for r in table[1:]]
    assert names == [c["name"].get(lang, c["name"]["fi"]) for c in content.cases]
    assert len(names) >= 6


def test_every_content_page_ends_with_its_sources(site_dir, content):
    bib = content.bibliography
    problems = []
    for lang in LANGS:
        for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
            rel = path.relative_to(ROOT / "docs" / lang).as_posix()
            meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
            if rel in EXEMPT_FROM_SOURCES or rel.startswith("tyopohjat/"):
                continue
            if not meta.get("sources"):
                problems.append(f"docs/{lang}/{rel}: no sources in front matter")
                continue
            for s in meta["sources"]:
                if s.get("key") not in bib:
                    problems.append(f"docs/{lang}/{rel}: unknown citation key {s.get('key')!r}")
            url = rel[:-3].removesuffix("index") + ("/" if not rel.endswith("index.md") else "")
            page = article(site_dir, lang, url)
            if not page.h2 or page.h2[-1] != "lahteet":
                problems.append(f"/{PREFIX[lang]}{url}: does not end with the Sources section (h2 ids: {page.h2[-3:]})")
    assert not problems, "\n".join(problems)


def test_sources_page_lists_every_bibliography_entry(site_dir, content):
    ids = set(article(site_dir, "fi", "lahteet/").ids)
    assert {e["key"] for e in content.data["bibliography"]["entries"]} <= ids


def test_glossary_terms_are_consistent_across_languages(content):
    """Where a page uses a Finnish glossary term, its sv and en versions use the agreed sv/en term."""
    problems = []
    for path in sorted((ROOT / "docs" / "fi").rglob("*.md")):
        rel = path.relative_to(ROOT / "docs" / "fi").as_posix()
        # the glossary page lists every term anyway; the easy-language pages use everyday words on purpose
        if rel in ("sanasto.md", "selkokieli.md"):
            continue
        fi_text = path.read_text(encoding="utf-8").lower()
        for term in content.data["glossary"]["terms"]:
            forms_fi = [term["term"]["fi"]] + term.get("match", {}).get("fi", [])
            if not any(re.search(r"(?<!\w)" + re.escape(f.lower()), fi_text) for f in forms_fi):
                continue
            for lang in ("sv", "en"):
                other = ROOT / "docs" / lang / rel
                text = other.read_text(encoding="utf-8").lower() if other.exists() else ""
                forms = [term["term"][lang]] + term.get("match", {}).get(lang, [])
                if not any(f.lower() in text for f in forms):
                    problems.append(f"docs/{lang}/{rel}: uses '{term['term']['fi']}' in Finnish but not '{term['term'][lang]}'")
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_a_new_case_needs_one_yaml_file_and_appears_everywhere(variant_site):
    """One YAML file added to a copy of the repository (conftest.variant_site): the case shows up everywhere."""
    _, out = variant_site
    for lang, name in (("fi", "Uusikunta"), ("sv", "Nykommun"), ("en", "Newtown")):
        assert (out / PREFIX[lang] / "tapaukset" / "uusikunta" / "index.html").exists()
        overview = (out / PREFIX[lang] / "tapaukset" / "index.html").read_text(encoding="utf-8")
        assert 'id="tapaus-uusikunta"' in overview                       # table row
        assert 'data-slug="uusikunta"' in overview                       # map marker
        assert '<option value="youth">' in overview                      # filter option
        assert 'value="Lappi"' in overview                               # region filter
        steps = (out / PREFIX[lang] / "rakentaminen" / "index.html").read_text(encoding="utf-8")
        assert "tapaukset/uusikunta/" in steps and name in steps
        aps = (out / PREFIX[lang] / "epaonnistuminen" / "index.html").read_text(encoding="utf-8")
        assert "tapaukset/uusikunta/" in aps
