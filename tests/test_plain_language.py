"""Plain language (issue 21): the "in brief" block on every guide and case page, the easy-language pages
linked from every page, and the readability of both against the limits of kumppanuus.core.readability."""
from __future__ import annotations

import copy
import re
import shutil

import pytest
import yaml

from kumppanuus.core.content import Content, summary_pages
from kumppanuus.core.errors import DataError
from kumppanuus.core.readability import THRESHOLDS, measure, problems, report

from conftest import LANGS, PREFIX, ROOT

HEADING = {"fi": "Lyhyesti", "sv": "I korthet", "en": "In brief"}
EASY = {"fi": "Selkokieli", "sv": "Lätt svenska", "en": "Easy English"}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def url_of(src: str) -> str:
    stem = src[:-3]
    return "" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def pages_with_summary() -> list[str]:
    cases = [f"tapaukset/{p.stem}.md" for p in sorted((ROOT / "cases").glob("*.yaml"))]
    return summary_pages(ROOT) + cases


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_and_case_page_starts_with_its_summary(site_dir, lang):
    """Right under the page's title: the block with its heading in the page's language and its text (3-5
    sentences: checked on the data by the readability report)."""
    pages = pages_with_summary()
    assert len(pages) >= 25
    problems_ = []
    for src in pages:
        html = (site_dir / PREFIX[lang] / url_of(src) / "index.html").read_text(encoding="utf-8")
        article = ARTICLE.search(html).group(1)
        m = re.search(r'<h1[^>]*>.*?</h1>\s*(<section class="kp-summary"[^>]*>.*?</section>)', article, re.S)
        if not m:
            problems_.append(f"/{PREFIX[lang]}{url_of(src)}: no summary block right after the title")
            continue
        block = m.group(1)
        if f">{HEADING[lang]}</h2>" not in block or "<p>" not in block:
            problems_.append(f"/{PREFIX[lang]}{url_of(src)}: {block[:200]}")
    assert not problems_, "\n".join(problems_)


def test_the_summaries_come_from_the_data(site_dir):
    import html

    summaries = yaml.safe_load((ROOT / "data" / "summaries.yaml").read_text(encoding="utf-8"))["pages"]
    case = yaml.safe_load((ROOT / "cases" / "orivesi.yaml").read_text(encoding="utf-8"))
    for lang in LANGS:
        page = html.unescape((site_dir / PREFIX[lang] / "rakentaminen" / "index.html").read_text(encoding="utf-8"))
        assert summaries["rakentaminen.md"][lang].split(".")[0] in page
        case_page = (site_dir / PREFIX[lang] / "tapaukset" / "orivesi" / "index.html").read_text(encoding="utf-8")
        assert case["summary"][lang].split(".")[0] in html.unescape(case_page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_whole_handbook_page_carries_the_summaries(site_dir, lang):
    html = (site_dir / PREFIX[lang] / "opas" / "index.html").read_text(encoding="utf-8")
    blocks = html.count('<section class="kp-summary"')
    in_guide = [p for p in pages_with_summary() if p not in ("tyopohjat/index.md", "muutokset.md")]
    assert blocks >= len(in_guide) - 1, (blocks, len(in_guide))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_the_easy_language_page_in_its_language(site_dir, lang):
    missing = []
    for path in sorted((site_dir / PREFIX[lang]).rglob("index.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(("assets/", "pagefind/")) or (lang == "fi" and rel.split("/")[0] in ("sv", "en")):
            continue
        html = path.read_text(encoding="utf-8")
        if '<meta name="kp-redirect"' in html:
            continue
        m = re.search(r'<a class="kp-easy" href="([^"]+)"[^>]*>([^<]+)</a>', html)
        if not m or m.group(2).strip() != EASY[lang]:
            missing.append(rel)
            continue
        target = (path.parent / m.group(1)).resolve() / "index.html"
        if target != (site_dir / PREFIX[lang] / "selkokieli" / "index.html").resolve():
            missing.append(f"{rel} -> {m.group(1)}")
    assert not missing, missing[:20]


def test_easy_language_pages_exist_with_their_titles_and_reading_layout(site_dir):
    titles = {"fi": "Kumppanuuspöytä selkokielellä", "sv": "Partnerskapsbord på lätt svenska",
              "en": "The partnership table in easy English"}
    for lang in LANGS:
        html = (site_dir / PREFIX[lang] / "selkokieli" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and titles[lang] in html
        assert 'class="kp-easy-page"' in html


def test_every_summary_and_easy_page_is_within_the_readability_limits(capsys):
    rows = report(Content.load(ROOT), ROOT / "docs")
    lines = [f"{where} [{lang}, {kind}]: {figures.describe()}" for where, kind, lang, figures, _ in rows]
    with capsys.disabled():  # the figures of every page, for the editor reading the test output
        print("\nreadability:\n  " + "\n  ".join(lines))
    too_hard = [f"{where} [{lang}]: {'; '.join(p)}" for where, _, lang, _, p in rows if p]
    assert not too_hard, "\n".join(too_hard)
    assert {(kind, lang) for _, kind, lang, _, _ in rows} == {(k, lang) for k in ("summary", "easy") for lang in LANGS}


@pytest.mark.parametrize("lang,hard", [
    ("fi", "Kumppanuuspöytätyöskentelyn vakiinnuttamiseksi hallintosääntöön kirjattavat osallisuusmenettelyt "
           "edellyttävät kuntaorganisaation toimialarajat ylittävää yhteistoimintakulttuurin uudistamista."),
    ("sv", "Partnerskapsbordsverksamhetens etablering förutsätter förvaltningsövergripande samverkansstrukturer "
           "och organisationskulturella förändringsprocesser i kommunorganisationen."),
    ("en", "Institutionalisation of participatory deliberative mechanisms necessitates organisational "
           "transformation encompassing interdepartmental collaboration infrastructures."),
])
def test_the_measures_catch_a_hard_text(lang, hard):
    assert problems(measure(hard, lang), "summary"), measure(hard, lang)
    easy = {"fi": "Pöytä on paikka. Siellä kunta ja asukkaat puhuvat. Kaikki voivat tulla.",
            "sv": "Bordet är en plats. Där pratar kommunen och invånarna. Alla får komma.",
            "en": "The table is a place. The town and the people talk there. Anyone can come."}[lang]
    assert not problems(measure(easy, lang), "easy")
    assert set(THRESHOLDS["summary"]) == set(LANGS)


@pytest.fixture
def data_copy(tmp_path):
    for folder in ("data", "cases", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def _problems(root) -> list[str]:
    with pytest.raises(DataError) as err:
        Content.load(root)
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize("change,field,words", [
    ("missing", "pages.kumppanuus.md", "missing: the page has no summary"),
    ("empty", "pages.kumppanuus.md.sv", "is empty"),
    ("too long", "pages.kumppanuus.md.en", "too long"),
])
def test_a_missing_empty_or_too_long_summary_fails_validation_with_file_and_field(data_copy, change, field, words):
    path = data_copy / "data" / "summaries.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = copy.deepcopy(data["pages"]["kumppanuus.md"])
    if change == "missing":
        del data["pages"]["kumppanuus.md"]
    elif change == "empty":
        data["pages"]["kumppanuus.md"] = {**entry, "sv": ""}
    else:
        data["pages"]["kumppanuus.md"] = {**entry, "en": entry["en"] + " More." * 100}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    lines = _problems(data_copy)
    assert any(line.startswith(f"data/summaries.yaml: {field}") and words in line for line in lines), lines
