"""The search index: Pagefind, one index per language, with Finnish lemmas and compound parts.

Pagefind splits the index by ``<html lang>``, so a Finnish page downloads only the Finnish index.
Its Snowball stemmer handles many Finnish case endings but not consonant gradation
(pöytä/pöydän) nor compound parts (pöytä in kumppanuuspöytä). Before a Finnish page is indexed,
every section therefore gets an index-only list of the base forms and compound parts of its words,
from Voikko. The list goes only into the copy handed to Pagefind, never into the published HTML, and
carries a mark (⁂ after each word) so that the search box can cut it out of result excerpts.
"""
from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .. import DEFAULT_LANGUAGE

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADING = re.compile(r"(<h[1-6][^>]*>)", re.S)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
SKIP_DIRS = ("assets/", "pagefind/", "search/")
# Marks an index-only word. Pagefind's tokenizer treats it as punctuation, so "pöytä⁂" is indexed as
# "pöytä"; the search box removes every word carrying it from result excerpts.
MARK = "\u2042"


class SearchError(RuntimeError):
    pass


def _voikko():
    try:
        import libvoikko  # noqa: F401
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")  # Debian's python3-libvoikko
    try:
        import libvoikko
        return libvoikko.Voikko("fi")
    except Exception as exc:  # missing library or dictionary
        raise SearchError(
            "Finnish search needs Voikko: install the Debian packages voikko-fi and python3-libvoikko "
            f"(make test installs them when run as root). Cause: {exc}") from exc


class FinnishExpander:
    """Base forms and compound parts of Finnish words, cached per word."""

    def __init__(self):
        self.voikko = _voikko()

    @lru_cache(maxsize=None)
    def forms(self, word: str) -> tuple[str, ...]:
        out: list[str] = []
        for analysis in self.voikko.analyze(word)[:2]:
            base = analysis.get("BASEFORM")
            if base:
                out.append(base.lower())
            out.extend(self._compound_parts(analysis.get("WORDBASES", "")))
        low = word.lower()
        # A base form the word begins with (pöytää -> pöytä) adds nothing: Pagefind's stemmer and prefix
        # matching already join them. Leaving it out keeps the index and result downloads smaller.
        return tuple(dict.fromkeys(f for f in out if f and f != low and not low.startswith(f)))

    def _compound_parts(self, wordbases: str) -> list[str]:
        # "+kumppanuus(kumppanuus)+pöytä(pöytä)" -> parts; a part whose base starts with "+" is a
        # derivational suffix and belongs to the part before it ("+osa(osa)+llisu(+nen)+us(+us)").
        groups: list[list[str]] = []
        for surface, base in re.findall(r"\+([^+(]*)\(([^)]*)\)", wordbases):
            if base.startswith("+") and groups:
                groups[-1][0] += surface
            else:
                groups.append([surface, base])
        if len(groups) < 2:
            return []
        parts = []
        for surface, base in groups:
            if len(surface) < 3:
                continue
            analyses = self.voikko.analyze(surface) if surface != base else []
            parts.append((analyses[0].get("BASEFORM") if analyses else base).lower())
        return parts

    @lru_cache(maxsize=None)
    def lemma(self, word: str) -> str | None:
        analyses = self.voikko.analyze(word)
        base = analyses[0].get("BASEFORM") if analyses else None
        return base.lower() if base and base.lower() != word.lower() else None

    def expand(self, text: str) -> str:
        extra: list[str] = []
        for word in WORD.findall(text):
            if len(word) > 2:
                extra.extend(self.forms(word))
        return " ".join(dict.fromkeys(extra))


@lru_cache(maxsize=1)
def finnish_expander() -> FinnishExpander:
    """One expander per process: its word cache serves the page copies and the lemma table alike."""
    return FinnishExpander()


def indexable_html(page_html: str, lang: str, expander: FinnishExpander | None) -> str | None:
    """The copy of a page that Pagefind indexes: the article only, without permalink signs, and for
    Finnish with each section's base forms appended as index-only text."""
    m = ARTICLE.search(page_html)
    if not m:
        return None
    body = HEADERLINK.sub("", m.group(1))
    if lang == DEFAULT_LANGUAGE and expander is not None:
        pieces = HEADING.split(body)
        out = []
        for piece in pieces:
            out.append(piece)
            if not HEADING.fullmatch(piece):
                words = expander.expand(htmllib.unescape(TAG.sub(" ", piece)))
                if words:
                    marked = " ".join(f"{w}{MARK}" for w in words.split())
                    out.append(f"<p>{htmllib.escape(marked)}</p>")
        body = "".join(out)
    desc = DESCRIPTION.search(page_html)
    if desc:  # shown in a result when the matching passage is made of index-only words
        body = f'<div data-pagefind-meta="description:{desc.group(1)}"></div>' + body
    head_end = page_html.find("<body")
    head = page_html[:head_end] if head_end > 0 else f'<html lang="{lang}"><head></head>'
    return f'{head}<body><main><article data-pagefind-body>{body}</article></main></body></html>'


def page_language(page_html: str) -> str:
    m = re.search(r'<html[^>]*\slang="([a-z-]+)"', page_html)
    return m.group(1) if m else DEFAULT_LANGUAGE


def collect(site: Path, lang: str | None = None) -> list[tuple[str, str]]:
    """(url, html) of every content page of the built site, or of one language's pages."""
    from .. import LANGUAGES

    from ..core.text import lang_prefix as prefix

    pages = []
    base = site / prefix(lang) if lang else site
    for path in sorted(base.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(SKIP_DIRS) or rel.endswith("opas/index.html") or \
                ("tyopohjat/" in rel and not rel.endswith("tyopohjat/index.html")):
            continue  # the whole guide and the worksheets repeat other pages: results point at those pages
        if lang == DEFAULT_LANGUAGE and rel.split("/")[0] in LANGUAGES:
            continue  # the other languages' folders inside the default language's root
        pages.append(("/" + rel[: -len("index.html")], path.read_text(encoding="utf-8")))
    return pages


def write_copies(site: Path, lang: str, docs: Path, expander: FinnishExpander | None = None) -> int:
    """Write the index-only copies of one language's pages under ``docs`` (what Pagefind will index),
    right after that language is built. ``expander`` adds Finnish base forms (None: Pagefind's own
    stemming only). Returns the number of pages."""
    expander = expander if lang == DEFAULT_LANGUAGE else None
    count = 0
    for url, page_html in collect(site, lang):
        doc = indexable_html(page_html, page_language(page_html), expander)
        if doc is None:
            continue
        target = docs / url.lstrip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc, encoding="utf-8")
        count += 1
    return count


def run_pagefind(site: Path, docs: Path, during=None, expander: FinnishExpander | None = None) -> None:
    """Index the copies in ``docs`` into site/pagefind/ with the Pagefind binary, once for all languages
    (measured: 0.6 s for the whole site, against 6 s through Pagefind's per-file Python service).
    While Pagefind runs, the Finnish lemma table is written (when there is an ``expander``) and
    ``during()`` (other post-build work) runs: the machine has two cores."""
    out = site / "pagefind"
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="kp-lemmas-") as tmp:
        lemmas = Path(tmp)
        proc = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(docs), "--output-path", str(out),
                                 "--silent"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            write_lemma_map(lemmas, expander, collect(site, DEFAULT_LANGUAGE) if expander else [])
            if during is not None:
                during()
        finally:
            stdout, stderr = proc.communicate()
        if proc.returncode != 0 or not (out / "pagefind.js").exists():
            raise SearchError(f"pagefind failed (exit {proc.returncode}): {(stderr or stdout).strip()[:2000]}")
        shutil.move(str(lemmas / "kp-lemmas"), str(out / "kp-lemmas"))
    # the handbook uses only pagefind.js and its index; Pagefind's ready-made UIs are not shipped
    for extra in out.glob("pagefind-*ui.*"):
        extra.unlink()
    (out / "pagefind-highlight.js").unlink(missing_ok=True)


def write_lemma_map(out: Path, expander: FinnishExpander, pages: list[tuple[str, str]]) -> None:
    """pagefind/kp-lemmas/fi/<first two letters>.json: {"f": {form in the content: base form},
    "l": [base forms and compound parts in the content]}.

    The search box looks up each query word here and also searches for its base form, which the
    index holds for every section (consonant gradation: 'yhteistuotannon' -> 'yhteistuotanto').
    A form that is not in the content is matched to the base form it shares the longest beginning
    with, when only an ending separates them ('omistajuutta' -> 'omistajuus').
    Split by the first two letters so that a query downloads a few hundred bytes, not the whole map.
    """
    forms: dict[str, dict[str, str]] = {}
    bases: dict[str, set[str]] = {}
    for _url, page_html in pages:
        if page_language(page_html) != DEFAULT_LANGUAGE:
            continue
        m = ARTICLE.search(page_html)
        for word in set(WORD.findall(htmllib.unescape(TAG.sub(" ", m.group(1) if m else "")).lower())):
            if len(word) <= 3:
                continue
            if base := expander.lemma(word):
                forms.setdefault(word[:2], {})[word] = base
            for base in expander.forms(word) + (word,):
                if len(base) > 3:
                    bases.setdefault(base[:2], set()).add(base)
    target = out / "kp-lemmas" / DEFAULT_LANGUAGE
    target.mkdir(parents=True, exist_ok=True)
    for prefix in set(forms) | set(bases):
        chunk = {"f": forms.get(prefix, {}), "l": sorted(bases.get(prefix, ()))}
        (target / f"{prefix}.json").write_text(json.dumps(chunk, ensure_ascii=False, sort_keys=True,
                                                          separators=(",", ":")), encoding="utf-8")


def copies_per_language(docs: Path) -> dict[str, int]:
    """How many pages of each language :func:`write_copies` left under ``docs``."""
    from .. import LANGUAGES

    counts = dict.fromkeys(LANGUAGES, 0)
    for path in docs.rglob("index.html"):
        top = path.relative_to(docs).parts[0]
        counts[top if top in LANGUAGES and top != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE] += 1
    return counts
