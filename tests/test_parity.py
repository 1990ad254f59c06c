"""The translation parity check, on small fixtures, and on the real repository."""
from __future__ import annotations

from pathlib import Path

import pytest

from kumppanuus.core.parity import check_pages, source_hash, stamp, untranslated_texts

from conftest import ROOT


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def docs(tmp_path):
    d = tmp_path / "docs"
    write(d / "fi" / "a.md", "---\ntitle: A\n---\n# A\n\nSuomeksi.\n")
    write(d / "fi" / "sub" / "b.md", "# B\n\nToinen.\n")
    write(d / "sv" / "a.md", "# A\n\nPå svenska.\n")
    write(d / "en" / "a.md", "# A\n\nIn English.\n")
    write(d / "en" / "sub" / "b.md", "# B\n\nAnother.\n")
    return d


def test_missing_page_is_reported_and_fails(docs):
    report = check_pages(docs)
    assert report.missing["sv"] == ["docs/sv/sub/b.md"]
    assert report.missing["en"] == []
    assert not report.ok


def test_stamped_translation_is_current_until_finnish_changes(docs):
    write(docs / "sv" / "sub" / "b.md", "# B\n\nEn annan.\n")
    assert sorted(stamp(docs)) == ["docs/en/a.md", "docs/en/sub/b.md", "docs/sv/a.md", "docs/sv/sub/b.md"]
    report = check_pages(docs)
    assert report.ok and not any(report.outdated.values()) and not any(report.unstamped.values())
    write(docs / "fi" / "a.md", "---\ntitle: A\n---\n# A\n\nSuomeksi, nyt pidempänä.\n")
    report = check_pages(docs)
    assert report.outdated == {"sv": ["docs/sv/a.md"], "en": ["docs/en/a.md"]}
    # the translator updates the Swedish page and stamps only that file; English stays outdated
    assert stamp(docs, files=["docs/sv/a.md"]) == ["docs/sv/a.md"]
    assert check_pages(docs).outdated == {"sv": [], "en": ["docs/en/a.md"]}


def test_front_matter_and_trailing_spaces_do_not_change_the_hash():
    assert source_hash("---\ntitle: X\n---\n# A  \n\ntext\n") == source_hash("---\ntitle: Y\n---\n# A\n\ntext\n\n")
    assert source_hash("# A\n\ntext\n") != source_hash("# A\n\ntext changed\n")


def test_translation_without_finnish_source_is_reported(docs):
    write(docs / "sv" / "extra.md", "# Extra\n")
    report = check_pages(docs)
    assert "docs/fi/extra.md" in report.missing.get("fi", [])


def test_untranslated_data_texts_are_listed():
    data = {"items": [{"id": "a", "text": {"fi": "x", "sv": "y"}}, {"id": "b", "text": {"fi": "z", "sv": "q", "en": "w"}}]}
    assert untranslated_texts(data) == {"sv": [], "en": ["items[0].text"]}


def test_repository_translations_are_complete_and_current():
    """The handbook itself: 0 missing and 0 outdated pages, 0 untranslated data texts, in sv and en."""
    from kumppanuus.core.parity import check

    report = check(ROOT)
    problems = [line for line in report.lines() if line.startswith("  ")]
    assert report.ok and not problems, "\n".join(report.lines())
