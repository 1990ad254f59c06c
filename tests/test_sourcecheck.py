"""The handbook's own source check (kumppanuus.site.sourcecheck): copied runs and contact details, with
the sources present only as hashes (data/source-fingerprints.txt)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kumppanuus.site.sourcecheck import WORDS, Fingerprints, check_site, make_fingerprints

from conftest import ROOT

SOURCE = ("Kumppanuuspöydän väki on pöydässä tasavertainen ja tittelit jätetään narikkaan ennen kokousta. "
          "Lisätietoja antaa Maija Meikäläinen, puh. 040 123 4567, maija.meikalainen@example.com.")


def site_with(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    (site / "sivu").mkdir(parents=True)
    (site / "sivu" / "index.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    return site


def fingerprints(tmp_path: Path) -> Fingerprints:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_lahde.txt").write_text(SOURCE, encoding="utf-8")
    text = make_fingerprints(seeds)
    assert "tasavertainen" not in text and "Meikäläinen" not in text, "hashes only, never the source's text"
    path = tmp_path / "fp.txt"
    path.write_text(text, encoding="utf-8")
    return Fingerprints.read(path)


def findings(tmp_path, body, allowed=(), public=()):
    return check_site(site_with(tmp_path, body), fingerprints(tmp_path), list(allowed), list(public))[1]


def test_a_copied_run_of_eight_words_is_found_and_seven_are_not(tmp_path):
    eight = "pöydässä tasavertainen ja tittelit jätetään narikkaan ennen kokousta"
    assert len(eight.split()) == WORDS
    [found] = findings(tmp_path, f"<p>Meillä kaikki ovat {eight.capitalize()} aina.</p>")
    assert found.kind == "copied" and found.text == eight and found.page == "sivu/index.html"
    seven = " ".join(eight.split()[:7])
    assert findings(tmp_path / "b", f"<p>{seven} muuten.</p>") == []


def test_quotations_block_boundaries_and_allowed_titles_are_not_copies(tmp_path):
    eight = "pöydässä tasavertainen ja tittelit jätetään narikkaan ennen kokousta"
    assert findings(tmp_path, f"<blockquote><p>{eight}</p></blockquote><q>{eight}</q>") == []
    split = "<li>pöydässä tasavertainen ja tittelit</li><li>jätetään narikkaan ennen kokousta</li>"
    assert findings(tmp_path / "b", f"<ul>{split}</ul>") == []
    assert findings(tmp_path / "c", f"<p>{eight}</p>", allowed=[f"Opas: {eight}"]) == []


def test_contact_details_are_found_even_when_rewritten(tmp_path):
    kinds = [(f.kind, f.text) for f in findings(tmp_path, "<p>Soita 040 123 4567 tai maija.meikalainen@example.com</p>")]
    assert ("contact", "040 123 4567") in kinds and ("contact", "maija.meikalainen@example.com") in kinds
    other = findings(tmp_path / "b", "<p>Kysy: palaute@kunta.example.fi tai 09 123 4567.</p>")
    assert {f.text for f in other} == {"palaute@kunta.example.fi", "09 123 4567"}, "any address is flagged"
    assert findings(tmp_path / "c", "<p>Kysy: palaute@kunta.example.fi</p>", public=["palaute@kunta.example.fi"]) == []
    assert findings(tmp_path / "d", "<p>Laki 410/2015, 22 §, vuodet 2003 ja 2007, 27.11.2026</p>") == []


def test_the_built_site_passes_the_check(site_dir):
    proc = subprocess.run([sys.executable, "-m", "kumppanuus.cli", "--root", str(ROOT), "source-check",
                           "--site", str(site_dir)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
    assert ", 0 copied runs of >= 8 words, 0 contact details" in proc.stdout


def test_the_fingerprints_cover_the_sources():
    """With the editors' source folder beside the repository (as in CI) the committed fingerprints must be
    exactly what the sources give today; without it, the file must still cover five documents."""
    path = ROOT / "data" / "source-fingerprints.txt"
    text = path.read_text(encoding="utf-8")
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        assert text == make_fingerprints(seeds), "run: kumppanuus source-fingerprints --seeds ../shared/seeds"
    assert "of the 5 source documents" in text
    fp = Fingerprints.read(path)
    assert len(fp.shingles) > 5000 and len(fp.contacts) >= 5
