"""For trainers: links keep working (registry, redirects), copy link, print, worksheets, the whole guide as PDF."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import LANGS, PREFIX, ROOT
from kumppanuus.core.content import get_content
from kumppanuus.site.pdf import page_count, print_pages, serve
from kumppanuus.site.urls import check, published, read_registry

IGNORE = shutil.ignore_patterns(".venv", "site", "node_modules", ".git", "bench", "__pycache__", ".pytest_cache", "pdf")


# -- stable addresses ----------------------------------------------------------------------------

def test_every_registered_address_still_resolves(site_dir):
    problems = check(ROOT, site_dir, get_content(ROOT).data["redirects"]["redirects"])
    assert not problems, "\n".join(problems[:30])


def test_registry_knows_every_page_and_heading_of_this_build(site_dir):
    missing = sorted(set(published(site_dir)) - set(read_registry(ROOT)))
    assert not missing, f"run `make urls` to register new addresses: {missing[:20]}"


def test_every_heading_in_the_sources_has_an_explicit_id():
    bad = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if "\ngenerated_from:" in path.read_text(encoding="utf-8")[:600]:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^#{1,3} ", line) and not re.search(r"\{#[a-z0-9-]+\}\s*$", line):
                bad.append(f"{path.relative_to(ROOT)}: {line}")
    assert not bad, "\n".join(bad)


def test_a_removed_page_without_redirect_is_reported(tmp_path, site_dir):
    (tmp_path / "urls.txt").write_text("/sv/poistettu-sivu/#tavoitteet\n/rakentaminen/#ei-tallaista\n", encoding="utf-8")
    problems = check(tmp_path, site_dir, [])
    assert any(p.startswith("/sv/poistettu-sivu/#tavoitteet: the page no longer exists") and "data/redirects.yaml" in p
               for p in problems), problems
    assert any(p.startswith("/rakentaminen/#ei-tallaista: the anchor #ei-tallaista is gone") for p in problems), problems


@pytest.fixture(scope="module")
def moved_site(variant_site):
    """The variant copy (conftest.variant_site), in which 'muistio.md' (an old address) moved to 'muistilista.md'."""
    return variant_site


@pytest.mark.build
def test_registry_accepts_a_moved_page_with_a_redirect(moved_site):
    repo, out = moved_site
    redirects = yaml.safe_load((repo / "data" / "redirects.yaml").read_text(encoding="utf-8"))["redirects"]
    assert check(repo, out, redirects) == []
    assert check(repo, out, []) != [], "without the redirect the old address must be reported"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_old_address_leads_to_the_new_page_and_keeps_the_anchor(browser, moved_site, lang):
    _, out = moved_site
    srv, base = serve(out)
    try:
        page = browser.new_page()
        page.goto(f"{base}{PREFIX[lang]}muistio/#muistilista")
        page.wait_for_url(f"{base}{PREFIX[lang]}muistilista/#muistilista", timeout=10000)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("#muistilista").count() == 1
        page.close()
    finally:
        srv.shutdown()


# -- copy link -----------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang,message", [("fi", "Linkki kopioitu"), ("sv", "Länken har kopierats"),
                                          ("en", "Link copied")])
def test_heading_link_copies_the_full_address_with_the_keyboard(open_page, server, lang, message):
    page, rec = open_page(PREFIX[lang] + "rakentaminen/", permissions=["clipboard-read", "clipboard-write"])
    link = page.locator('a.headerlink[href="#vaihe-1-3"]')
    assert link.is_visible()
    assert link.get_attribute("aria-label").endswith("1.3 " + link.evaluate(
        "a => a.parentElement.textContent.replace('¶', '').trim().replace(/^1\\.3 /, '')"))
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.kp-copy-status').textContent.length > 0")
    assert message in page.locator(".kp-copy-status").text_content()
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}{PREFIX[lang]}rakentaminen/#vaihe-1-3"
    rec.assert_clean()


# -- print ---------------------------------------------------------------------------------------

@pytest.mark.browser
def test_print_layout_hides_site_chrome_and_shows_addresses_and_footer(open_page, server):
    page, rec = open_page("kumppanuus/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none", selector
    after = page.evaluate("""() => {
        const a = document.querySelector('.md-content a[data-print-href]');
        return a ? getComputedStyle(a, '::after').content : '';
    }""")
    assert server in after, after
    footer = page.locator(".kp-print-footer")
    assert footer.is_visible()
    assert "kumppanuus/" in footer.text_content() and "Jaakkola 2018" in footer.text_content()
    rec.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_worksheets_fit_one_or_two_a4_pages(site_dir, tmp_path, lang):
    jobs = [(f"{PREFIX[lang]}tyopohjat/{name}/", tmp_path / f"{name}.pdf") for name in ("rakentaminen", "muistilista", "karikot")]
    print_pages(site_dir, jobs)
    pages = {p.stem: page_count(p) for _, p in jobs}
    assert pages["muistilista"] == 1, pages
    # the steps worksheet: tasks with who and by when, the guide's questions and the questions to discuss
    assert pages["rakentaminen"] <= 3 and pages["karikot"] <= 2, pages


TITLES = {"fi": ("Koko käsikirja yhdellä sivulla", "Sisällys"), "sv": ("Hela handboken på en sida", "Innehåll"),
          "en": ("The whole handbook on one page", "Contents")}


@pytest.mark.browser
def test_make_pdf_prints_the_whole_guide_with_a_table_of_contents(site_dir, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kumppanuus.site.pdf", "--site", str(site_dir), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    content = get_content(ROOT)
    for lang in LANGS:
        pdf = tmp_path / f"kumppanuuspoyta-{lang}.pdf"
        assert page_count(pdf) >= 20
        first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
        title, toc = TITLES[lang]
        assert title in first and toc in first
        everything = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for case in content.cases:  # cases are part of the guide
            assert case["name"][lang] in everything
        png = tmp_path / f"first-{lang}"
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(png)], check=True)
        assert list(tmp_path.glob(f"first-{lang}*.png"))


def test_sitemap_lists_each_page_in_each_language_with_its_alternates_and_date():
    from kumppanuus.site.urls import sitemap_xml

    text = sitemap_xml("https://x.example/kp/", [("", {"fi": "2026-01-02", "sv": "2026-01-03", "en": "2026-01-04"}),
                                               ("tapaukset/a&b/", {"fi": "2026-02-01"})])
    assert text.count("<url>") == 6
    assert "<loc>https://x.example/kp/sv/</loc>\n        <lastmod>2026-01-03</lastmod>" in text
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://x.example/kp/en/tapaukset/a&amp;b/"/>' in text
    assert "<loc>https://x.example/kp/en/tapaukset/a&amp;b/</loc>\n        <xhtml:link" in text  # no date: no lastmod
    import xml.etree.ElementTree as ET
    ET.fromstring(text)
