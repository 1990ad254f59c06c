"""The search index: Pagefind, one index per language, and the words the search box needs beside it.

Pagefind splits the index by ``<html lang>``, so a Finnish page downloads only the Finnish index.
Its Snowball stemmer handles many Finnish case endings but not consonant gradation
(pöytä/pöydän) nor compound parts (pöytä in kumppanuuspöytä). Before a Finnish page is indexed,
every section therefore gets an index-only list of the base forms and compound parts of its words,
from Voikko. The list goes only into the copy handed to Pagefind, never into the published HTML, and
carries a mark (⁂ after each word) so that the search box can cut it out of result excerpts.

Beside the index the build writes, per language, what the search box (docs/assets/search.js) needs to
read a query as people type it:

- ``pagefind/kp-words/<lang>.json``: the stop words and synonym groups of data/search.yaml (compared
  without diacritics), the number of pages, the chunks of the word list below, and what the results say
  when nothing is found (the entry points and the glossary, with their titles from the built pages);
- ``pagefind/kp-words/<lang>/<two letters>.json``: the words of the index that begin with those two
  letters (compared without diacritics), and for Finnish each inflected form's base form. The search box
  looks a query word up here: a word the index does not have is not searched (Pagefind would otherwise
  match whatever index word is its longest prefix, even "s"), and "pöydän" is also searched as "pöytä".
"""
from __future__ import annotations

import bisect
import html as htmllib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..core.pages import TEMPLATES_DIR, WHOLE_GUIDE_PAGE

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADING = re.compile(r"(<h[1-6][^>]*>)", re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
SUBHEADING = re.compile(r"<h[2-6][^>]*>(.*?)</h[2-6]>", re.S)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
SKIP_DIRS = ("assets/", "pagefind/", "search/")
# Marks an index-only word. Pagefind's tokenizer treats it as punctuation, so "pöytä⁂" is indexed as
# "pöytä"; the search box removes every word carrying it from result excerpts.
MARK = "\u2042"
# A worksheet page that is a document of its own (an invitation, an agenda: core/kit.py document_template)
# is indexed; the other worksheets repeat the pages they are printed from.
DOCUMENT = re.compile(r'class="kp-doc[\s"]')
# Blocks that list every case (the routes to decisions, the roles, the cases overview table and map) are
# left out of the index: the case pages themselves are indexed, and with 1,000 cases these blocks made a
# page match every case's words and its result download 11 KB gzip.
CASE_LISTS = ("kp-routes", "kp-roles-table", "kp-cases", "kp-map", "kp-filters")
_BLOCK = re.compile(r'<(div|table|figure|form)\b[^>]*\bclass="(?:[^"]*\s)?(?:' + "|".join(CASE_LISTS)
                    + r')(?:\s[^"]*)?"[^>]*>')
WORDS_DIR = "kp-words"
# Finnish endings are longer than Swedish and English ones: how many letters a word may lose at its end and
# still count as found by Pagefind's stemming (the search box uses the same numbers, docs/assets/search.js)
STEM_CUT = {"fi": 2, "sv": 1, "en": 1}


class SearchError(RuntimeError):
    pass


# the combining marks that NFD splits off Latin letters (ä = a + U+0308)
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def text_of(html_text: str) -> str:
    """The text of an HTML fragment: tags become spaces, character references are resolved."""
    return htmllib.unescape(TAG.sub(" ", html_text))


def fold(text: str) -> str:
    """Lower case without diacritics: 'Pöydän' -> 'poydan' (the search box folds query words the same way)."""
    return COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))


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
    def analyze(self, word: str) -> tuple[dict, ...]:
        """Voikko's analyses of a word, once per word (base forms, compound parts and lemmas all read them)."""
        return tuple(self.voikko.analyze(word))

    @lru_cache(maxsize=None)
    def forms(self, word: str) -> tuple[str, ...]:
        out: list[str] = []
        for analysis in self.analyze(word)[:2]:
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
            analyses = self.analyze(surface) if surface != base else ()
            parts.append((analyses[0].get("BASEFORM") if analyses else base).lower())
        return parts

    @lru_cache(maxsize=None)
    def lemma(self, word: str) -> str | None:
        analyses = self.analyze(word)
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
    """One expander per process: its word cache serves the page copies and the word lists alike."""
    return FinnishExpander()


def drop_case_lists(body: str) -> str:
    """The article without the blocks of CASE_LISTS (each removed with everything inside it)."""
    while m := _BLOCK.search(body):
        tag, depth, pos = m.group(1), 1, m.end()
        for t in re.finditer(rf"<(/?){tag}\b[^>]*>", body[pos:]):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                body = body[:m.start()] + body[pos + t.end():]
                break
        else:  # unbalanced: leave the rest as it is
            return body
    return body


def with_base_forms(body: str, expander: FinnishExpander) -> str:
    """A Finnish article with the base forms and compound parts of its words as index-only words: a
    heading's inside the heading (so that they weigh as much as the heading: "Kumppanuuspöydän
    rakentaminen" is also found as "kumppanuuspöytä"), a section's in a paragraph at its end."""
    def marked(text: str) -> str:
        words = expander.expand(text_of(text))
        return " ".join(f"{w}{MARK}" for w in words.split())

    out = []
    for piece in HEADING.split(body):
        if HEADING.fullmatch(piece):
            out.append(piece)
            continue
        inner, close, rest = piece.partition("</h") if out and HEADING.fullmatch(out[-1]) else ("", "", piece)
        if close:
            forms = marked(inner)
            out.append(f"{inner} {htmllib.escape(forms)}{close}" if forms else inner + close)
        forms = marked(rest)
        out.append(f"{rest}<p>{htmllib.escape(forms)}</p>" if forms else rest)
    return "".join(out)


def heading_texts(body: str) -> list[str]:
    """The texts of an article's headings below its title."""
    return [" ".join(text_of(h).split()) for h in SUBHEADING.findall(body)]


def common_headings(pages: list[tuple[str, str]]) -> frozenset[str]:
    """Headings that several pages share ("Lähteet", a case page's "Tulokset"): they say nothing of a page."""
    counts: dict[str, int] = {}
    for _url, page_html in pages:
        m = ARTICLE.search(page_html)
        for text in set(heading_texts(HEADERLINK.sub("", m.group(1)) if m else "")):
            counts[text] = counts.get(text, 0) + 1
    return frozenset(text for text, n in counts.items() if n > 2)


def indexable_html(page_html: str, lang: str, expander: FinnishExpander | None,
                   common: frozenset[str] = frozenset()) -> str | None:
    """The copy of a page that Pagefind indexes: the article only, without permalink signs and the blocks
    that list every case, and for Finnish with each section's base forms appended as index-only text.
    Its headings, but the ``common`` ones, are also a field of their own (see below)."""
    m = ARTICLE.search(page_html)
    if not m:
        return None
    body = drop_case_lists(HEADERLINK.sub("", m.group(1)))
    own = [h for h in heading_texts(body) if h not in common]
    if lang == DEFAULT_LANGUAGE and expander is not None:
        body = with_base_forms(body, expander)
        own = [f"{h} {expander.expand(h)}" for h in own]
    # The headings as a field of their own: the search box counts a query word found in a heading
    # (Pagefind's matchedMetaFields) as it counts one in the title, whatever the length of the page.
    headings = " · ".join(own)
    if headings:
        body = f'<div data-pagefind-meta="headings:{htmllib.escape(headings)}"></div>' + body
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
    from ..core.text import lang_prefix as prefix, page_url

    pages = []
    base = site / prefix(lang) if lang else site
    for path in sorted(base.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(SKIP_DIRS) or rel.endswith(page_url(WHOLE_GUIDE_PAGE) + "index.html"):
            continue  # the whole guide repeats the other pages: results point at those pages
        if lang == DEFAULT_LANGUAGE and rel.split("/")[0] in LANGUAGES:
            continue  # the other languages' folders inside the default language's root
        page_html = path.read_text(encoding="utf-8")
        if TEMPLATES_DIR in rel and not rel.endswith(TEMPLATES_DIR + "index.html") and not DOCUMENT.search(page_html):
            continue  # a worksheet printed from another page: results point at that page
        pages.append(("/" + rel[: -len("index.html")], page_html))
    return pages


def write_copies(site: Path, lang: str, docs: Path, expander: FinnishExpander | None = None) -> int:
    """Write the index-only copies of one language's pages under ``docs`` (what Pagefind will index),
    right after that language is built. ``expander`` adds Finnish base forms (None: Pagefind's own
    stemming only). Returns the number of pages."""
    expander = expander if lang == DEFAULT_LANGUAGE else None
    count = 0
    pages = collect(site, lang)
    common = common_headings(pages)
    for url, page_html in pages:
        doc = indexable_html(page_html, page_language(page_html), expander, common)
        if doc is None:
            continue
        target = docs / url.lstrip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc, encoding="utf-8")
        count += 1
    return count


def run_pagefind(site: Path, docs: Path, expander: FinnishExpander | None = None,
                 words: dict | None = None, labels: dict | None = None) -> None:
    """Index the copies in ``docs`` into site/pagefind/ with the Pagefind binary, once for all languages
    (measured: 0.6 s for the whole site, against 6 s through Pagefind's per-file Python service).
    While Pagefind runs, the search box's word lists are written (:func:`write_words`: ``words`` is
    data/search.yaml, ``labels`` data/labels.yaml; Finnish base forms when there is an ``expander``)."""
    out = site / "pagefind"
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="kp-words-") as tmp:
        lists = Path(tmp)
        proc = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(docs), "--output-path", str(out),
                                 "--silent"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            write_words(lists, docs, expander, words, labels)
        finally:
            stdout, stderr = proc.communicate()
        if proc.returncode != 0 or not (out / "pagefind.js").exists():
            raise SearchError(f"pagefind failed (exit {proc.returncode}): {(stderr or stdout).strip()[:2000]}")
        shutil.move(str(lists / WORDS_DIR), str(out / WORDS_DIR))
    # the handbook uses only pagefind.js and its index; Pagefind's ready-made UIs are not shipped
    for extra in out.glob("pagefind-*ui.*"):
        extra.unlink()
    (out / "pagefind-highlight.js").unlink(missing_ok=True)


def copies_of(docs: Path, lang: str) -> list[Path]:
    """The index-only copies of one language's pages under ``docs``."""
    if lang == DEFAULT_LANGUAGE:
        return sorted(p for p in docs.rglob("index.html") if p.relative_to(docs).parts[0] not in LANGUAGES)
    return sorted((docs / lang).rglob("index.html"))


MARKED_WORD = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)(" + MARK + ")?", re.U)


def page_words(copy_html: str) -> tuple[list[str], list[str]]:
    """The words of a copy: (visible words, index-only words), in lower case."""
    visible, extra = [], []
    for word, mark in MARKED_WORD.findall(text_of(copy_html.split("<body", 1)[-1]).lower()):
        (extra if mark else visible).append(word)
    return visible, extra


def write_words(out: Path, docs: Path, expander: FinnishExpander | None, words: dict | None,
                labels: dict | None) -> None:
    """pagefind/kp-words/<lang>/<two letters>.json, {"l": [the index's words that begin with those letters,
    compared without diacritics], "f": {Finnish form in the content: its base form}}, and
    pagefind/kp-words/<lang>.json (:func:`settings`), for every language.

    The search box looks up each query word: a word that no index word begins with is not searched, and a
    Finnish word is also searched as its base form, which the index holds for every section (consonant
    gradation: 'yhteistuotannon' -> 'yhteistuotanto'). A form that is not in the content is matched to the
    base form it shares the longest beginning with, when only an ending separates them ('omistajuutta' ->
    'omistajuus'). Split by the first two letters so that a query word downloads a few hundred bytes, not
    the whole list; the list of chunks is in <lang>.json, so that no query asks for a missing file.
    """
    from ..core.text import lang_prefix

    for lang in LANGUAGES:
        texts: list[str] = []
        titles: dict[str, str] = {}
        shown: set[str] = set()
        hidden: set[str] = set()
        pages = copies_of(docs, lang)
        for path in pages:
            doc = path.read_text(encoding="utf-8")
            visible, extra = page_words(doc)
            texts.append(" ".join(visible))
            shown.update(visible)
            hidden.update(extra)
            url = path.parent.relative_to(docs / lang_prefix(lang)).as_posix()
            h1 = H1.search(doc)
            if h1:
                title = text_of(h1.group(1)).split()
                titles["" if url == "." else url + "/"] = " ".join(w for w in title if MARK not in w)
        folded_word = {word: fold(word) for word in shown | hidden}
        forms: dict[str, dict[str, str]] = {}  # keyed like vocab: every shown word is in it
        vocab: dict[str, set[str]] = {}
        for word, key in folded_word.items():
            vocab.setdefault(key[:2], set()).add(word)
        if lang == DEFAULT_LANGUAGE and expander is not None:
            for word in shown:
                if len(word) > 3 and (base := expander.lemma(word)):
                    forms.setdefault(folded_word[word][:2], {})[word] = base
        target = out / WORDS_DIR / lang
        target.mkdir(parents=True, exist_ok=True)
        for key in vocab:
            chunk = {"l": sorted(vocab[key])}
            if forms.get(key):
                chunk["f"] = forms[key]
            (target / f"{key}.json").write_text(json.dumps(chunk, ensure_ascii=False, sort_keys=True,
                                                          separators=(",", ":")), encoding="utf-8")
        folded = sorted(set(folded_word.values()))
        data = settings(lang, words, labels, sorted(vocab), len(pages), titles, folded,
                        fold(" \n".join(texts)))
        (out / WORDS_DIR / f"{lang}.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                                      encoding="utf-8")


def findable(member: str, lang: str, vocab: list[str], text: str) -> bool:
    """Whether searching a synonym finds anything: a word when an index word begins with it (less the
    letters Pagefind's stemmer may take off its end), a phrase when its words follow each other somewhere.
    ``vocab`` is sorted, so that a beginning is found by bisection."""
    words = fold(member).split()
    if len(words) > 1:  # (a pattern that starts with its first word is fast on a long text)
        found = re.finditer(r"\w*\s+".join(map(re.escape, words)) + r"(?!\w)", text)
        return any(m.start() == 0 or not text[m.start() - 1].isalnum() for m in found)
    word = words[0]
    start = word[:max(3, len(word) - STEM_CUT[lang])]
    i = bisect.bisect_left(vocab, start)
    return i < len(vocab) and vocab[i].startswith(start)


def settings(lang: str, words: dict | None, labels: dict | None, chunks: list[str], pages: int,
             titles: dict[str, str], vocab: list[str], text: str) -> dict:
    """What the search box of one language reads when the reader first focuses it (kp-words/<lang>.json):
    ``stop`` words and ``syn`` groups (every word ``w`` without diacritics, and ``s`` the words worth
    searching: those the index has), ``pages`` (how many), ``chunks`` (the word lists there are), and for
    a search that finds nothing the ``entry`` points and the ``glossary`` ({"t": title, "u": address under
    the language's root}) and the ``words`` to say it with."""
    from ..core.text import lang_prefix, page_url

    lang_words = ((words or {}).get("languages") or {}).get(lang) or {}
    out = {"lang": lang, "root": lang_prefix(lang), "pages": pages, "chunks": chunks,
           "stop": sorted({fold(w) for w in lang_words.get("stop_words", [])}),
           "syn": [{"w": [fold(m) for m in group], "s": [m for m in group if findable(m, lang, vocab, text)]}
                   for group in lang_words.get("synonyms", [])]}
    if words:
        def link(src: str) -> dict:
            url = page_url(src)
            return {"t": titles.get(url, url), "u": url}

        out["entry"] = [link(src) for src in words["entry_points"]]
        out["glossary"] = link(words["glossary"])
    if labels:
        out["words"] = {key: labels[f"search.{key}"][lang] for key in ("nothing", "glossary", "elsewhere")
                        if f"search.{key}" in labels}
        out["words"]["langs"] = {other: labels[f"search.in.{other}"][lang] for other in LANGUAGES
                                 if f"search.in.{other}" in labels}
    return out


def copies_per_language(docs: Path) -> dict[str, int]:
    """How many pages of each language :func:`write_copies` left under ``docs``."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for path in docs.rglob("index.html"):
        top = path.relative_to(docs).parts[0]
        counts[top if top in LANGUAGES and top != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE] += 1
    return counts
