"""Writing the generated case pages into docs/<lang>/tapaukset/ at build time.

The files are git-ignored and rewritten only when their text changes (so live reload does not
loop); pages of cases that no longer exist are removed. Validation has already passed when
this runs, so a bad case never leaves a half-written set of pages behind.
"""
from __future__ import annotations

from pathlib import Path

from . import LANGUAGES
from .content import Content
from .parity import is_generated
from .render import CASE_DIR, Ctx, case_page, case_src


def write_case_pages(content: Content, docs: Path, repo: str = "") -> list[Path]:
    """Write every case page for every language; return the files that changed."""
    changed = []
    wanted = set()
    for lang in LANGUAGES:
        for case in content.cases:
            rel = case_src(case["slug"])
            path = docs / lang / rel
            wanted.add(path.resolve())
            text = case_page(Ctx(content, lang, rel, repo=repo), case)
            try:
                if path.read_text(encoding="utf-8") == text:
                    continue
            except OSError:
                pass
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
        for old in (docs / lang / CASE_DIR).glob("*.md"):
            if old.resolve() not in wanted and is_generated(old):
                old.unlink()
                changed.append(old)
    return changed
