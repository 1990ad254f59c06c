"""One word per concept in each language (issue 16): the handbook's texts, hand-written and data, use the
glossary's terms and the agreed words, not the ones they replaced."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

# (language, pattern of a word or phrase that must not be used, what to write instead)
FORBIDDEN = [
    ("fi", r"\bvaihe\w*\s+\d\.\d", "askel (askel 1.3): 'vaihe' is only for the three phases"),
    ("fi", r"\baskel\w*\s+[1-3](?![.,]\d)\b", "vaihe (vaihe 2): 'askel' is only for the numbered steps"),
    ("fi", r"\bkosketta\w*", "koskea ('concerns')"),
    ("fi", r"\bTuurnasin\b|\bTuurnaksin\b", "Tuurnaksen (the genitive of Tuurnas)"),
    ("fi", r"\besimie\w*", "esihenkilö"),
    ("sv", r"\bförm[aä]n\w*", "chef, chefer"),
    ("sv", r"\bverkst[aä]d\w*", "workshop"),
    ("sv", r"\bfas\w*\s+\d\.\d", "steg (steg 1.3): 'fas' is only for the three phases"),
    ("en", r"\bmemo list", "checklist"),
    ("en", r"\bco-?operation\b", "collaboration (the glossary's term)"),
    ("en", r"\bexperience experts?\b", "expert(s) by experience"),
    ("en", r"\bphase\s+\d\.\d", "step (step 1.3): 'phase' is only for the three phases"),
    # today's name only where the text says it is today's (the merger of 2019); "of Technology" is another university
    ("en", r"(?<!today's )\bTampere University\b(?! of Technology)", "the University of Tampere (its name in 2016-2017)"),
    ("fi", r"\bvirkalasit\b", "the source's own words (”lasit päässä”) in an exact quotation"),
]
# data files whose texts are not the handbook's prose: search words and synonyms list what people type,
# including the words the handbook avoids; change notes quote what was corrected
SKIP_DATA = {"search.yaml", "changes.yaml"}


def texts() -> list[tuple[str, str, str]]:
    """(where, language, text) of every hand-written page and every text of the data and case files."""
    out = []
    for lang in ("fi", "sv", "en"):
        for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
            out.append((str(path.relative_to(ROOT)), lang, path.read_text(encoding="utf-8")))

    def walk(value, where):
        if isinstance(value, dict):
            if "fi" in value and set(value) <= {"fi", "sv", "en"} and all(isinstance(v, str) for v in value.values()):
                out.extend((where, lang, text) for lang, text in value.items())
                return
            for key, v in value.items():
                if key != "match":  # the glossary's inflected forms of a term
                    walk(v, f"{where}.{key}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    for path in sorted([*(ROOT / "data").glob("*.yaml"), *(ROOT / "cases").glob("*.yaml")]):
        if path.name not in SKIP_DATA:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))
    return out


def test_the_texts_use_the_agreed_words():
    problems = []
    for where, lang, text in texts():
        for rule_lang, pattern, instead in FORBIDDEN:
            if rule_lang == lang:
                for m in re.finditer(pattern, text, re.I):
                    problems.append(f"{where} [{lang}]: {m.group(0)!r} -> {instead}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang,text", [
    ("fi", "Vaiheessa 2.1 pidetään työpaja."), ("fi", "Askeleessa 2 arvioidaan."), ("sv", "Förmännen kallas."),
    ("en", "See the memo list."), ("en", "Cooperation with the parish."), ("en", "Tuurnas (Tampere University)"),
])
def test_the_rules_catch_the_old_words(lang, text):
    assert any(rule_lang == lang and re.search(pattern, text, re.I) for rule_lang, pattern, _ in FORBIDDEN), text


def test_the_rules_cover_many_texts():
    found = texts()
    assert len({where for where, _, _ in found}) > 60 and {lang for _, lang, _ in found} == {"fi", "sv", "en"}
