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


def test_hreflang_alternates_exist(site_dir):
    broken = []
    for lang in LANGS:
        for rel in page_paths(site_dir, lang):
            page = site_dir / PREFIX[lang] / rel / "index.html"
            for alt_lang, href in parse(page).hreflang.items():
                assert "://" not in href and not href.startswith("/"), f"{page}: alternate {href} is not relative"
                target = (page.parent / href.split("#")[0]).resolve()
                if not (target / "index.html").exists():
                    broken.append((lang, rel, alt_lang, href))
    assert not broken, f"hreflang alternates pointing to missing pages: {broken[:10]}"


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


def _build(repo: Path, out: Path, jobs: str | None) -> "subprocess.CompletedProcess":
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KP_BUILD_JOBS", None)
    if jobs:
        env["KP_BUILD_JOBS"] = jobs
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=repo, env=env,
                          capture_output=True, text=True)


def test_languages_built_in_parallel_give_the_same_site_as_one_after_another(tmp_path):
    """On a multi-core machine Swedish and English are built in processes of their own (kumppanuus.parallel);
    the site must be byte for byte the one a serial build makes (Pagefind's entry file lists its languages in
    no fixed order, so it is compared as data)."""
    import json
    import os

    if (os.cpu_count() or 1) < 2:
        pytest.fail("this machine has one core: the parallel build cannot be compared (CI has two)")
    par, ser = _build(ROOT, tmp_path / "par", None), _build(ROOT, tmp_path / "ser", "1")
    assert par.returncode == 0 and ser.returncode == 0, (par.stderr + ser.stderr)[-3000:]
    assert "in parallel" in par.stderr and "in parallel" not in ser.stderr
    files = {p.relative_to(tmp_path / "par").as_posix() for p in (tmp_path / "par").rglob("*") if p.is_file()}
    assert files == {p.relative_to(tmp_path / "ser").as_posix() for p in (tmp_path / "ser").rglob("*") if p.is_file()}
    assert "sv/tapaukset/pieksamaki/index.html" in files and "en/404.html" in files
    different = []
    for rel in sorted(files):
        a, b = (tmp_path / "par" / rel).read_bytes(), (tmp_path / "ser" / rel).read_bytes()
        if rel.endswith("pagefind-entry.json"):
            a, b = json.loads(a), json.loads(b)
        if a != b:
            different.append(rel)
    assert not different, different[:20]


def test_a_failing_language_build_fails_the_whole_build_with_its_language(tmp_path):
    """A broken link only on a Swedish page: the Swedish build (in its own process) fails, and so does the
    build, naming the language and the page, without a traceback."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", "site", "node_modules", ".git", "bench",
                                                               "__pycache__", ".pytest_cache", "pdf", "build"))
    page = repo / "docs" / "sv" / "muistilista.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[trasig](finns-inte.md)\n", encoding="utf-8")
    proc = _build(repo, tmp_path / "out", None)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "sv/muistilista.md" in output and "finns-inte.md" in output
    assert "'sv' build failed" in output, output[-2000:]
    assert "Traceback" not in output
