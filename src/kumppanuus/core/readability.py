"""How hard a plain-language text is to read: well-known surface measures, one per language.

- Finnish: mean sentence length in words, and the share of long words (13 letters or more). Finnish
  builds long compounds; Selkokeskus's guidance asks for short sentences and short, common words.
  No single formula is established for Finnish; these two measures are the ones Finnish readability
  work uses most (e.g. Wiio, O. A. 1968. *Ymmärrettävyys, luettavuus, kiinnostavuus*), and they are
  what an editor can act on.
- Swedish: LIX (Björnsson, C.-H. 1968. *Läsbarhet*. Stockholm: Liber): words per sentence plus the
  percentage of words longer than six letters. Below 30 very easy, 30–40 easy, 40–50 medium.
- English: Flesch Reading Ease (Flesch, R. 1948. A new readability yardstick. *Journal of Applied
  Psychology* 32(3), 221–233): 206.835 − 1.015 × words/sentence − 84.6 × syllables/word. 60–70 plain
  English, 70–80 fairly easy. Syllables are counted from Pyphen's US English hyphenation patterns (closer
  to spoken syllables than the British ones), without rounding.

These measures see only the surface of a text; they tell an editor when a summary or an easy-language
page has grown harder, not that it is good. THRESHOLDS holds the limits the tests apply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .pages import EASY_PAGE

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")

#: limits per kind of text and language: fi (max words per sentence, max % of long words),
#: sv max LIX, en min Flesch Reading Ease
THRESHOLDS = {
    "summary": {"fi": (12.0, 15.0), "sv": 45.0, "en": 55.0},
    "easy": {"fi": (10.0, 10.0), "sv": 35.0, "en": 70.0},
}
LONG_FI = 13  # letters: a long word in Finnish (a compound, as a rule)
LONG_SV = 6   # LIX counts words of more than six letters


#: abbreviations whose full stop does not end a sentence (fi, sv, en)
ABBREVIATIONS = {"c", "ca", "esim", "ym", "mm", "ks", "vrt", "s", "n", "nro", "t.ex", "bl.a", "m.fl", "s.k", "kl",
                 "e.g", "i.e", "etc", "p", "pp", "no", "art", "ed", "eds"}
_LAST_WORD = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")


def sentences(text: str) -> list[str]:
    """Sentences of a text: split after . ! ? … and at blank lines (each block, heading or list item ends one),
    but not after an abbreviation such as "c." or "esim."."""
    out: list[str] = []
    for piece in SENTENCE_END.split(text):
        if out and (m := _LAST_WORD.search(out[-1].rstrip())) and m.group(1).lower() in ABBREVIATIONS:
            out[-1] = f"{out[-1].rstrip()} {piece}"
        else:
            out.append(piece)
    return [s for s in out if WORD.search(s)]


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")  # its patterns split more syllables than en_GB's (table: 2, not 1)


def syllables(word: str) -> int:
    return len(_hyphenator().positions(word.lower())) + 1


@dataclass(frozen=True)
class Figures:
    lang: str
    words: int
    sentences: int
    words_per_sentence: float
    long_word_share: float  # percent: fi >= 13 letters, sv > 6 letters
    score: float            # fi: words per sentence; sv: LIX; en: Flesch Reading Ease

    def describe(self) -> str:
        if self.lang == "fi":
            return (f"{self.words_per_sentence:.1f} words/sentence, {self.long_word_share:.1f} % words of "
                    f"{LONG_FI}+ letters ({self.words} words)")
        if self.lang == "sv":
            return f"LIX {self.score:.0f} ({self.words_per_sentence:.1f} words/sentence, {self.words} words)"
        return f"Flesch Reading Ease {self.score:.0f} ({self.words_per_sentence:.1f} words/sentence, {self.words} words)"


def measure(text: str, lang: str) -> Figures:
    ws, ss = words(text), sentences(text)
    n_w, n_s = max(1, len(ws)), max(1, len(ss))
    per_sentence = n_w / n_s
    if lang == "fi":
        share = 100 * sum(len(w.replace("-", "")) >= LONG_FI for w in ws) / n_w
        return Figures(lang, len(ws), len(ss), per_sentence, share, per_sentence)
    if lang == "sv":
        share = 100 * sum(len(w) > LONG_SV for w in ws) / n_w
        return Figures(lang, len(ws), len(ss), per_sentence, share, per_sentence + share)
    per_word = sum(syllables(w) for w in ws) / n_w
    return Figures(lang, len(ws), len(ss), per_sentence, 0.0, 206.835 - 1.015 * per_sentence - 84.6 * per_word)


SUMMARY_SENTENCES = (3, 5)


def problems(figures: Figures, kind: str) -> list[str]:
    """What is over the limit for this kind of text ('summary' or 'easy'), in words an editor can act on."""
    out = []
    low, high = SUMMARY_SENTENCES
    if kind == "summary" and not low <= figures.sentences <= high:
        out.append(f"{figures.sentences} sentences (a summary has {low} to {high})")
    limit = THRESHOLDS[kind][figures.lang]
    if figures.lang == "fi":
        per_sentence, share = limit
        if figures.words_per_sentence > per_sentence:
            out.append(f"{figures.words_per_sentence:.1f} words per sentence (at most {per_sentence:g}): "
                       "split long sentences")
        if figures.long_word_share > share:
            out.append(f"{figures.long_word_share:.1f} % long words (at most {share:g} %): "
                       "use shorter words or open up compounds")
    elif figures.lang == "sv" and figures.score > limit:
        out.append(f"LIX {figures.score:.0f} (at most {limit:g}): shorter sentences and words")
    elif figures.lang == "en" and figures.score < limit:
        out.append(f"Flesch Reading Ease {figures.score:.0f} (at least {limit:g}): shorter sentences and words")
    return out


def markdown_text(page: str) -> str:
    """The readable text of a Markdown page: no front matter, attribute lists, link targets or markup."""
    page = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    page = re.sub(r"\{[#:][^}]*\}", "", page)                 # {#anchor}, {: .class }
    page = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", page)     # links and images: their text
    # a heading or a list item is a block of its own (and so ends a sentence); paragraphs wrap over lines
    page = re.sub(r"^\s{0,3}(#+|[-*+]|\d+\.|>)\s*", "\n", page, flags=re.M)
    return re.sub(r"[*_`]", "", page)


def report(content, docs) -> list[tuple[str, str, str, Figures, list[str]]]:
    """(what, kind, language, figures, problems) for every summary (data/summaries.yaml and each case's)
    and for the easy-language page in each language."""
    from pathlib import Path

    rows = []
    texts = [(f"data/summaries.yaml: pages.{page}", text) for page, text in content.data["summaries"]["pages"].items()]
    texts += [(f"cases/{case['slug']}.yaml: summary", case["summary"]) for case in content.cases]
    for where, text in texts:
        for lang, value in text.items():
            figures = measure(value, lang)
            rows.append((where, "summary", lang, figures, problems(figures, "summary")))
    for lang in ("fi", "sv", "en"):
        path = Path(docs) / lang / EASY_PAGE
        if path.exists():
            figures = measure(markdown_text(path.read_text(encoding="utf-8")), lang)
            rows.append((f"docs/{lang}/{EASY_PAGE}", "easy", lang, figures, problems(figures, "easy")))
    return rows
