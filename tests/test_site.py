"""Build tests over the built site: every page in all three languages, right lang, working switcher."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import LANGS, PREFIX, ROOT, page_paths

THIRD_PARTY = re.compile(r"fonts\.googleapis|fonts\.gstatic|api\.github\.com|cdn\.jsdelivr|unpkg\.com|cdnjs|googletagmanager")


def hand_written(lang: str = "fi") -> list[str]:
    base = ROOT / "docs" / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def url_of(src: str) -> str:
    stem = src[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


class Lang(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.switch: dict[str, str] = {}
        self.hreflang: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and a.get("hreflang") and "md-select__link" in (a.get("class") or ""):
            self.switch[a["hreflang"]] = a.get("href")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.hreflang[a["hreflang"]] = a.get("href")


def parse(path: Path) -> Lang:
    p = Lang()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_page_exists_in_every_language(site_dir):
    missing = []
    for src in hand_written():
        for lang in LANGS:
            if not (site_dir / PREFIX[lang] / url_of(src) / "index.html").exists():
                missing.append(f"/{PREFIX[lang]}{url_of(src)}")
    assert not missing, f"pages missing from the built site: {missing}"
    assert len(hand_written()) >= 10


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_is_right(site_dir, lang):
    wrong = []
    for rel in page_paths(site_dir, lang):
        got = parse(site_dir / PREFIX[lang] / rel / "index.html").lang
        if got != lang:
            wrong.append((rel, got))
    assert not wrong, f"pages of /{PREFIX[lang]} with a wrong <html lang>: {wrong}"


def test_language_switcher_points_to_the_same_page(site_dir):
    for src in hand_written():
        for lang in LANGS:
            page = site_dir / PREFIX[lang] / url_of(src) / "index.html"
            links = parse(page).switch
            assert set(links) == set(LANGS), f"{page}: switcher has {sorted(links)}"
            for other in LANGS:
                target = (page.parent / links[other]).resolve() if not links[other].startswith("/") else None
                expected = (site_dir / PREFIX[other] / url_of(src)).resolve()
                assert target == expected, f"{page}: switcher link to {other} is {links[other]}, expected {expected}"


def test_no_third_party_references_in_html(site_dir):
    offenders = []
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        m = THIRD_PARTY.search(text)
        if m:
            offenders.append((path.relative_to(site_dir).as_posix(), m.group(0)))
    assert not offenders, f"HTML refers to third-party hosts: {offenders[:10]}"


def test_every_page_names_its_three_language_versions_in_head(site_dir):
    """<link rel="alternate" hreflang> for fi, sv and en on every page, each the absolute address of the
    same page in that language, which exists in the built site."""
    base = "https://kumppanuuspoyta.example.org/"
    problems, checked = [], 0
    for lang in LANGS:
        for rel in page_paths(site_dir, lang):
            page = site_dir / PREFIX[lang] / rel / "index.html"
            alternates = parse(page).hreflang
            if set(alternates) != set(LANGS):
                problems.append(f"/{PREFIX[lang]}{rel}: hreflang {sorted(alternates)}")
                continue
            for alt, href in alternates.items():
                checked += 1
                if href != f"{base}{PREFIX[alt]}{rel}":
                    problems.append(f"/{PREFIX[lang]}{rel}: {alt} -> {href}")
                elif not (site_dir / PREFIX[alt] / rel / "index.html").exists():
                    problems.append(f"/{PREFIX[lang]}{rel}: {alt} -> {href} does not exist")
    assert checked >= 3 * 3 * 20, checked
    assert not problems, "\n".join(problems[:20])


def test_sitemap_lists_every_page_with_existing_language_alternates(site_dir):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site_dir / "sitemap.xml")
    base = None
    locs = set()
    problems = []
    for url in tree.getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        base = base or loc[: loc.index("/", loc.index("://") + 3) + 1]
        locs.add(loc)
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        if set(alternates) != set(LANGS):
            problems.append(f"{loc}: alternates {sorted(alternates)}")
        for href in [loc, *alternates.values()]:
            rel = href[len(base):]
            if not (site_dir / rel / "index.html").exists():
                problems.append(f"{loc}: {href} does not exist in the site")
    for lang in LANGS:
        for rel in page_paths(site_dir, lang):
            if f"{base}{PREFIX[lang]}{rel}" not in locs and not rel.startswith("404"):
                problems.append(f"/{PREFIX[lang]}{rel} is missing from sitemap.xml")
    assert not problems, "\n".join(problems[:20])


NOT_FOUND_TITLES = {"fi": "Sivua ei löydy", "sv": "Sidan hittades inte", "en": "Page not found"}


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_404_page(site_dir, lang):
    """static-i18n would leave only the last-built language's 404 at the root; each language gets its own."""
    page = site_dir / PREFIX[lang] / "404.html"
    assert page.exists(), f"{page} missing"
    html = page.read_text(encoding="utf-8")
    parser = Lang()
    parser.feed(html)
    assert parser.lang == lang
    assert f'<h1 id="sivua-ei-loydy">{NOT_FOUND_TITLES[lang]}</h1>' in html
    home = "/" + PREFIX[lang]
    assert f'action="{home}"' in html and f'<a href="{home}">' in html, "search box and home link must stay in the language"
    assert 'class="md-skip"' in html
    menu = re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html)
    assert menu == [("/", "fi"), ("/sv/", "sv"), ("/en/", "en")], "the language menu of a 404 leads to the homes"


LAST_UPDATE = {"fi": "Viimeisin päivitys", "sv": "Senast uppdaterad", "en": "Last update"}
MONTH_WORD = {"fi": "kuuta", "sv": "", "en": ""}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["rakentaminen/", "tapaukset/orivesi/"])
def test_pages_and_cases_show_a_localised_last_updated_date(site_dir, lang, page):
    html = (site_dir / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
    m = re.search(r'title="' + LAST_UPDATE[lang] + r'">.*?git-revision-date-localized-plugin-date"[^>]*>(?:<time datetime="[\d-]+">)?([^<]+)<',
                  html, re.S)
    assert m, f"no last-updated date on /{PREFIX[lang]}{page}"
    date = m.group(1)
    assert re.search(r"\b20\d\d\b", date) and MONTH_WORD[lang] in date, date


@pytest.mark.parametrize("lang", LANGS)
def test_changes_page_lists_every_change_note_with_links(site_dir, lang):
    import yaml

    changes = yaml.safe_load((ROOT / "data" / "changes.yaml").read_text(encoding="utf-8"))["changes"]
    html = (site_dir / PREFIX[lang] / "muutokset" / "index.html").read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    notes = re.findall(r"<li><time datetime=", article)
    assert len(notes) == len(changes)
    for entry in changes:
        assert entry["note"][lang].split()[0] in html
        if entry.get("case"):
            assert f'href="../tapaukset/{entry["case"]}/"' in html


@pytest.mark.build
def test_a_broken_link_on_a_swedish_page_fails_the_whole_build(tmp_path):
    """A broken link only on a Swedish page: the strict build fails, naming the page and the link,
    without a traceback."""
    from variants import build, copy_repo

    repo = copy_repo(tmp_path / "repo")
    page = repo / "docs" / "sv" / "muistilista.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[trasig](finns-inte.md)\n", encoding="utf-8")
    proc = build(repo, tmp_path / "out")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "sv/muistilista.md" in output and "finns-inte.md" in output, output[-2000:]
    assert "Traceback" not in output


@pytest.mark.build
def test_a_broken_anchor_or_link_on_a_case_page_fails_the_build(tmp_path):
    """Case pages are generated, yet mkdocs checks their links like any page's: with the building steps
    gone from the steps page, a case's link to #vaihe-1-1 is a broken anchor; with the cases overview
    gone, its link back to the overview is a broken link. The strict build fails on both."""
    from variants import build, copy_repo

    repo = copy_repo(tmp_path / "repo")
    for lang in ("fi", "sv", "en"):
        steps = repo / "docs" / lang / "rakentaminen.md"
        steps.write_text(steps.read_text(encoding="utf-8").replace("{{ steps_checklist() }}", ""), encoding="utf-8")
    proc = build(repo, tmp_path / "out")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"tapaukset/[a-z-]+\.md.*rakentaminen\.md#vaihe-\d-\d", output), output[-3000:]
    assert "Traceback" not in output

    repo = copy_repo(tmp_path / "repo2")
    for lang in ("fi", "sv", "en"):
        (repo / "docs" / lang / "tapaukset" / "index.md").unlink()
    proc = build(repo, tmp_path / "out2")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"tapaukset/[a-z-]+\.md.*index\.md", output), output[-3000:]
