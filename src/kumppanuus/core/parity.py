"""Translation parity: which pages and data entries are missing or older than the Finnish source.

A translated page records the hash of the Finnish text it was translated from in its front
matter (``translation_of: <hash>``), in the spirit of FastAPI's translation tooling. When the
Finnish page changes, its hash changes, and the translation is reported (and shown) as outdated.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import DEFAULT_LANGUAGE, LANGUAGES

_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = yaml.safe_load(m.group(1)) or {}
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def source_hash(text: str) -> str:
    """Hash of a Finnish page's body (front matter excluded, whitespace normalised)."""
    _, body = split_front_matter(text)
    norm = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:12]


def hand_written_pages(docs: Path, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Hand-written pages of a language (generated case pages excluded), as paths relative to docs/<lang>/."""
    base = docs / lang
    out = []
    for p in sorted(base.rglob("*.md")):
        rel = p.relative_to(base).as_posix()
        if is_generated(p):
            continue
        out.append(rel)
    return out


def is_generated(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8")[:600]
    except OSError:
        return False
    return "\ngenerated_from:" in head


@dataclass
class Report:
    missing: dict[str, list[str]] = field(default_factory=dict)
    outdated: dict[str, list[str]] = field(default_factory=dict)
    unstamped: dict[str, list[str]] = field(default_factory=dict)
    data_missing: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.missing.values())

    def lines(self) -> list[str]:
        out = []
        for lang in LANGUAGES[1:]:
            out.append(f"{lang}: {len(self.missing.get(lang, []))} missing, "
                       f"{len(self.outdated.get(lang, []))} outdated, "
                       f"{len(self.unstamped.get(lang, []))} without translation_of, "
                       f"{len(self.data_missing.get(lang, []))} data texts untranslated")
            for kind, items in (("missing", self.missing), ("outdated", self.outdated),
                                ("no translation_of", self.unstamped), ("untranslated data", self.data_missing)):
                for item in items.get(lang, []):
                    out.append(f"  {kind}: {item}")
        return out


def check_pages(docs: Path) -> Report:
    report = Report()
    for lang in LANGUAGES[1:]:
        report.missing[lang] = []
        report.outdated[lang] = []
        report.unstamped[lang] = []
    for rel in hand_written_pages(docs):
        fi_hash = source_hash((docs / DEFAULT_LANGUAGE / rel).read_text(encoding="utf-8"))
        for lang in LANGUAGES[1:]:
            path = docs / lang / rel
            if not path.exists():
                report.missing[lang].append(f"docs/{lang}/{rel}")
                continue
            meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
            stamp = meta.get("translation_of")
            if not stamp:
                report.unstamped[lang].append(f"docs/{lang}/{rel}")
            elif str(stamp) != fi_hash:
                report.outdated[lang].append(f"docs/{lang}/{rel}")
    for lang in LANGUAGES[1:]:
        for p in sorted((docs / lang).rglob("*.md")):
            rel = p.relative_to(docs / lang).as_posix()
            if not is_generated(p) and not (docs / DEFAULT_LANGUAGE / rel).exists():
                report.missing.setdefault(DEFAULT_LANGUAGE, []).append(f"docs/{DEFAULT_LANGUAGE}/{rel}")
    return report


def translation_state(docs: Path, lang: str, rel: str, file_lang: str, meta: dict) -> str | None:
    """How a page of language ``lang`` stands against its Finnish source: 'untranslated' when the build
    shows the Finnish file (``file_lang`` is the folder the page was read from), 'outdated' when its
    ``translation_of`` is not the hash of today's Finnish text, otherwise None."""
    if lang == DEFAULT_LANGUAGE or meta.get("generated_from"):
        return None
    if file_lang == DEFAULT_LANGUAGE:
        return "untranslated"
    fi_file = docs / DEFAULT_LANGUAGE / rel
    if fi_file.exists() and str(meta.get("translation_of")) != source_hash(fi_file.read_text(encoding="utf-8")):
        return "outdated"
    return None


def untranslated_texts(value: Any, path: str = "") -> dict[str, list[str]]:
    """Paths of language maps inside ``value`` that lack sv or en."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGUAGES[1:]}

    def walk(v: Any, p: str) -> None:
        if isinstance(v, dict):
            if "fi" in v and set(v) <= set(LANGUAGES) and all(isinstance(x, str) for x in v.values()):
                for lang in LANGUAGES[1:]:
                    if lang not in v:
                        out[lang].append(p or "(top)")
                return
            for k, x in v.items():
                walk(x, f"{p}.{k}" if p else str(k))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, f"{p}[{i}]")

    walk(value, path)
    return out


def check(root: Path) -> Report:
    """Pages under docs/ and every text of data/*.yaml and cases/*.yaml."""
    from .content import get_content

    report = check_pages(root / "docs")
    content = get_content(root)
    sources: list[tuple[str, Any]] = [(f"data/{k}.yaml", v) for k, v in content.data.items() if not k.startswith("_")]
    sources += [(f"cases/{c['slug']}.yaml", c) for c in content.cases]
    for name, value in sources:
        for lang, paths in untranslated_texts(value).items():
            report.data_missing.setdefault(lang, []).extend(f"{name}: {p}" for p in paths)
    return report


def stamp(docs: Path, only_missing: bool = True, files: list[str] | None = None) -> list[str]:
    """Write ``translation_of`` into translations that have none (or, with only_missing=False, all).

    ``files`` (paths like 'docs/sv/rakentaminen.md') limits the stamp to translations you have just
    brought up to date; they are restamped even if they already had a stamp.
    """
    changed = []
    wanted = {Path(f).as_posix().split("docs/", 1)[-1] for f in files} if files else None
    for rel in hand_written_pages(docs):
        if wanted is not None and not any(f"{lang}/{rel}" in wanted for lang in LANGUAGES[1:]):
            continue
        fi_hash = source_hash((docs / DEFAULT_LANGUAGE / rel).read_text(encoding="utf-8"))
        for lang in LANGUAGES[1:]:
            path = docs / lang / rel
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            meta, body = split_front_matter(text)
            if wanted is not None and f"{lang}/{rel}" not in wanted:
                continue
            if only_missing and wanted is None and meta.get("translation_of"):
                continue
            if str(meta.get("translation_of")) == fi_hash:
                continue
            m = _FRONT.match(text)
            if m:
                front = re.sub(r"^translation_of:.*\n?", "", m.group(1) + "\n", flags=re.M).rstrip("\n")
                text = f"---\n{front}\ntranslation_of: {fi_hash}\n---\n" + text[m.end():]
            else:
                text = f"---\ntranslation_of: {fi_hash}\n---\n\n" + text
            path.write_text(text, encoding="utf-8")
            changed.append(f"docs/{lang}/{rel}")
    return changed
