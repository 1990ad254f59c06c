"""The handbook's structured content: every data file and case, loaded, validated and cross-checked.

``Content.load(root)`` is the single entry point. It raises :class:`DataError` listing every
problem (file, field, what is wrong, what is expected) and never returns half-valid content.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import LANGUAGES
from .errors import DataError, Problem
from .load import load_file, load_files
from .newcase import placeholders
from .pages import EASY_PAGE, TEMPLATES_DIR, WHOLE_GUIDE_PAGE

#: the data files under data/, each validated by data/<name>.schema.json
DATA_FILES = ("labels", "bibliography", "glossary", "forms", "hallmarks", "steps", "memo", "antipatterns", "changes", "redirects",
              "sourcecheck", "templates", "summaries", "search")
#: hand-written pages (paths under docs/<lang>/) that need no "in brief" summary: the whole handbook on one
#: page (it shows every page's), the easy-language page (it is itself the plain version) and single printouts
SUMMARY_EXEMPT = (WHOLE_GUIDE_PAGE, EASY_PAGE)
SUMMARY_EXEMPT_FOLDERS = (TEMPLATES_DIR,)


@dataclass
class Content:
    root: Path
    data: dict[str, Any]
    cases: list[dict[str, Any]]
    stamp: tuple = field(default=(), repr=False)

    # -- lookups -------------------------------------------------------------------------
    @property
    def labels(self) -> dict[str, dict[str, str]]:
        return self.data["labels"]

    @cached_property
    def case_by_slug(self) -> dict[str, dict[str, Any]]:
        return {c["slug"]: c for c in self.cases}

    @property
    def bibliography(self) -> dict[str, dict]:
        return {e["key"]: e for e in self.data["bibliography"]["entries"]}

    @property
    def step_ids(self) -> list[str]:
        return [s["id"] for ph in self.data["steps"]["phases"] for s in ph["steps"]]

    @property
    def antipattern_ids(self) -> list[str]:
        return [a["id"] for a in self.data["antipatterns"]["items"]]

    def cases_linking(self, kind: str, ident: str) -> list[tuple[dict, str]]:
        """Cases that link to a step (kind 'step') or an anti-pattern (kind 'antipattern').

        Returns (case, relation) pairs; relation is 'illustrates', 'shows' or 'avoids'.
        """
        out = []
        for case in self.cases:
            if kind == "step" and ident in case.get("steps", []):
                out.append((case, "illustrates"))
            elif kind == "antipattern":
                ap = case.get("antipatterns", {})
                for rel in ("shows", "avoids"):
                    if ident in ap.get(rel, []):
                        out.append((case, rel))
        return out

    # -- loading -------------------------------------------------------------------------
    @staticmethod
    def files(root: Path) -> list[Path]:
        root = Path(root)
        paths = [root / "data" / f"{n}.yaml" for n in DATA_FILES]
        paths += [root / "data" / f"{n}.schema.json" for n in DATA_FILES]
        paths += sorted((root / "cases").glob("*.yaml")) + [root / "cases" / "schema.json"]
        return paths

    @classmethod
    def stamp_of(cls, root: Path) -> tuple:
        out = []
        for p in cls.files(root):
            try:
                st = os.stat(p)
                out.append((str(p), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(p), None, None))
        return tuple(out)

    @classmethod
    def load(cls, root: Path, today: datetime.date | None = None) -> "Content":
        root = Path(root)
        problems: list[Problem] = []
        data: dict[str, Any] = {}
        for name in DATA_FILES:
            path = root / "data" / f"{name}.yaml"
            if not path.exists():
                problems.append(Problem(f"data/{name}.yaml", "", "the file is missing", "the data file in data/"))
                continue
            value, probs = load_file(path, root / "data" / f"{name}.schema.json", root)
            problems += probs
            if value is not None and not probs:
                data[name] = value
        cases, probs = load_cases(root, data, today=today)
        problems += probs
        problems += check_data(data)
        problems += check_summaries(root, data)
        if problems:
            raise DataError(problems)
        return cls(root=root, data=data, cases=cases, stamp=cls.stamp_of(root))


def load_cases(root: Path, data: dict[str, Any], case_dir: Path | None = None,
               today: datetime.date | None = None) -> tuple[list[dict], list[Problem]]:
    """Load and check every cases/*.yaml. Cross-references are checked against ``data`` when present."""
    case_dir = case_dir or (root / "cases")
    schema = root / "cases" / "schema.json"
    today = today or datetime.date.today()
    problems: list[Problem] = []
    cases: list[dict] = []
    seen: dict[str, str] = {}
    steps = {s["id"] for ph in data["steps"]["phases"] for s in ph["steps"]} if "steps" in data else None
    aps = {a["id"] for a in data["antipatterns"]["items"]} if "antipatterns" in data else None
    bib = {e["key"]: e for e in data["bibliography"]["entries"]} if "bibliography" in data else None
    paths = sorted(case_dir.glob("*.yaml")) + sorted(case_dir.glob("*.yml"))
    for path, (case, probs) in zip(paths, load_files(paths, schema, root)):
        if isinstance(case, dict):  # a field still holding the template's TODO is reported once, as such
            todo = placeholders(case)
            probs = [p for p in probs if not any(p.field == t or p.field.startswith((t + ".", t + "[")) for t in todo)]
        problems += probs
        if not isinstance(case, dict):
            continue
        name = f"cases/{path.name}" if path.parent.resolve() == (root / "cases").resolve() else path.as_posix()
        problems += _cross_check_case(case, path, name, seen, today, steps, aps, bib)
        if not probs:
            cases.append(case)
    cases.sort(key=lambda c: c["name"]["fi"].lower())
    return cases, problems


def _check_status(case: dict, name: str, bib: dict | None) -> list[Problem]:
    """A status is as of a year, and says which source says so: a source the case cites, from that year or
    later. A newer status needs a newer source."""
    status = case.get("status")
    if not isinstance(status, dict) or not isinstance(status.get("source"), str):
        return []
    key, as_of = status["source"], status.get("as_of")
    cited = [s.get("key") for s in case.get("sources", []) if isinstance(s, dict)]
    problems = []
    if key not in cited:
        problems.append(Problem(name, "status.source", f"{key!r} is not among this case's sources",
                                "the key of a source listed under sources"))
    if bib is not None and key not in bib:
        problems.append(Problem(name, "status.source", f"unknown citation key {key!r}", "a key of data/bibliography.yaml"))
    elif bib is not None and isinstance(as_of, int) and as_of > bib[key]["year"]:
        problems.append(Problem(name, "status.as_of", f"{as_of} is later than its source {key} ({bib[key]['year']})",
                                "the year of the source that states the status; a newer status needs a newer source"))
    return problems


def _cross_check_case(case: dict, path: Path, name: str, seen: dict, today: datetime.date,
                      steps: set | None, aps: set | None, bib: dict | None) -> list[Problem]:
    """Checks beyond the schema. Defensive: the case may also have schema problems, reported separately."""
    problems = [Problem(name, field, "still has the template's TODO text",
                        "the fact from the source, or delete the field if it is optional")
                for field in placeholders(case)]
    slug = case.get("slug")
    if path.suffix != ".yaml":
        problems.append(Problem(name, "", "case files must end in .yaml", f"{path.stem}.yaml"))
    if isinstance(slug, str):
        if slug != path.stem:
            problems.append(Problem(name, "slug", f"slug {slug!r} does not match the file name",
                                    f"slug: {path.stem} (or rename the file to {slug}.yaml)"))
        if slug in seen:
            problems.append(Problem(name, "slug", f"duplicate slug {slug!r}, also used by {seen[slug]}",
                                    "a slug used by one case only"))
        seen.setdefault(slug, name)
    problems += _check_status(case, name, bib)
    if steps is not None and isinstance(case.get("steps"), list):
        for i, sid in enumerate(case["steps"]):
            if isinstance(sid, str) and sid not in steps:
                problems.append(Problem(name, f"steps[{i}]", f"unknown building step {sid!r}",
                                        "one of " + ", ".join(sorted(steps))))
    if aps is not None and isinstance(case.get("antipatterns"), dict):
        for rel, ids in case["antipatterns"].items():
            for i, aid in enumerate(ids if isinstance(ids, list) else []):
                if isinstance(aid, str) and aid not in aps:
                    problems.append(Problem(name, f"antipatterns.{rel}[{i}]", f"unknown anti-pattern {aid!r}",
                                            "one of " + ", ".join(sorted(aps))))
    if bib is not None and isinstance(case.get("sources"), list):
        for i, src in enumerate(case["sources"]):
            key = src.get("key") if isinstance(src, dict) else None
            if isinstance(key, str) and key not in bib:
                problems.append(Problem(name, f"sources[{i}].key", f"unknown citation key {key!r}",
                                        "a key of data/bibliography.yaml"))
    return problems


def check_data(data: dict[str, Any]) -> list[Problem]:
    """Cross-file checks of the data files (keys that must resolve, ids that must be unique)."""
    problems: list[Problem] = []
    bib = {e["key"] for e in data["bibliography"]["entries"]} if "bibliography" in data else None

    def unique(name: str, items: list[dict], key: str, where: str) -> None:
        seen = set()
        for i, item in enumerate(items):
            if item[key] in seen:
                problems.append(Problem(f"data/{name}.yaml", f"{where}[{i}].{key}", f"duplicate {key} {item[key]!r}",
                                        "each id once"))
            seen.add(item[key])

    def cited(name: str, where: str, source: dict | None) -> None:
        for k in ("key", "via"):
            if bib is not None and source and source.get(k) and source[k] not in bib:
                problems.append(Problem(f"data/{name}.yaml", f"{where}.{k}", f"unknown citation key {source[k]!r}",
                                        "a key of data/bibliography.yaml"))

    if "bibliography" in data:
        unique("bibliography", data["bibliography"]["entries"], "key", "entries")
    if "glossary" in data:
        unique("glossary", data["glossary"]["terms"], "id", "terms")
        if bib is not None:
            for i, t in enumerate(data["glossary"]["terms"]):
                if t.get("source") and t["source"] not in bib:
                    problems.append(Problem("data/glossary.yaml", f"terms[{i}].source",
                                            f"unknown citation key {t['source']!r}", "a key of data/bibliography.yaml"))
    if "antipatterns" in data:
        unique("antipatterns", data["antipatterns"]["items"], "id", "items")
    if "steps" in data:
        all_steps = [s for ph in data["steps"]["phases"] for s in ph["steps"]]
        unique("steps", all_steps, "id", "steps")
        for p, phase in enumerate(data["steps"]["phases"]):
            for i, step in enumerate(phase["steps"]):
                for j, indicator in enumerate(step.get("indicators", [])):
                    cited("steps", f"phases[{p}].steps[{i}].indicators[{j}].source", indicator.get("source"))
        ids = {s["id"] for s in all_steps}
        if "antipatterns" in data:
            for i, a in enumerate(data["antipatterns"]["items"]):
                for j, sid in enumerate(a.get("steps", [])):
                    if sid not in ids:
                        problems.append(Problem("data/antipatterns.yaml", f"items[{i}].steps[{j}]",
                                                f"unknown building step {sid!r}", "an id of data/steps.yaml"))
    for name in ("forms", "hallmarks", "steps", "memo", "antipatterns"):
        src = data.get(name, {}).get("source") if isinstance(data.get(name), dict) else None
        if bib is not None and src:
            for k in ("key", "via"):
                if src.get(k) and src[k] not in bib:
                    problems.append(Problem(f"data/{name}.yaml", f"source.{k}", f"unknown citation key {src[k]!r}",
                                            "a key of data/bibliography.yaml"))
    if "forms" in data:
        form_ids = [f["id"] for f in data["forms"]["forms"]]
        for i, dim in enumerate(data["forms"]["dimensions"]):
            if set(dim["values"]) != set(form_ids):
                problems.append(Problem("data/forms.yaml", f"dimensions[{i}].values",
                                        "must give a value (or null) for every form", ", ".join(form_ids)))
    if "templates" in data:
        for i, tpl in enumerate(data["templates"]["templates"]):
            for j, source in enumerate(tpl.get("sources", [])):
                cited("templates", f"templates[{i}].sources[{j}]", source)
            for j, section in enumerate(tpl["sections"]):
                if section["kind"] == "timed":
                    total = agenda_total(section)
                    if total != section["total_minutes"]:
                        problems.append(Problem("data/templates.yaml", f"templates[{i}].sections[{j}].agenda",
                                                f"the agenda adds up to {total} minutes, not {section['total_minutes']}",
                                                "minutes that add up to total_minutes"))
        unique("templates", data["templates"]["templates"], "id", "templates")
    if "labels" in data:
        for key, value in data["labels"].items():
            missing = [lang for lang in LANGUAGES if lang not in value]
            if missing:
                problems.append(Problem("data/labels.yaml", key, f"no label in {', '.join(missing)}",
                                        "a label in fi, sv and en"))
    return problems


def agenda_total(section: dict) -> int:
    """The minutes of a timed template section added up (they must make its total_minutes)."""
    return sum(item["minutes"] for item in section["agenda"])


def summary_pages(root: Path) -> list[str]:
    """The hand-written pages that need an "in brief" summary: every page of docs/fi/ but the exempt ones."""
    base = Path(root) / "docs" / "fi"
    pages = sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))

    def needs(page: str) -> bool:
        if page in SUMMARY_EXEMPT:
            return False
        return not page.startswith(SUMMARY_EXEMPT_FOLDERS) or page.endswith("/index.md")

    return [p for p in pages if needs(p)]


def check_summaries(root: Path, data: dict[str, Any]) -> list[Problem]:
    """Every page that needs one has its summary in data/summaries.yaml, and every summary is of a page."""
    if "summaries" not in data:
        return []
    have = data["summaries"]["pages"]
    wanted = summary_pages(root)
    problems = [Problem("data/summaries.yaml", f"pages.{page}", "missing: the page has no summary",
                        "3–5 short sentences in fi, sv and en") for page in wanted if page not in have]
    problems += [Problem("data/summaries.yaml", f"pages.{page}", f"there is no page docs/fi/{page}",
                         "a page of docs/fi/ (or remove the summary)") for page in have if page not in wanted]
    return problems


_CACHE: dict[str, Content] = {}


def get_content(root: Path) -> Content:
    """Load once per set of file versions (the three language builds share one load)."""
    key = str(Path(root).resolve())
    stamp = Content.stamp_of(Path(root))
    cached = _CACHE.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached
    content = Content.load(Path(root))
    _CACHE[key] = content
    return content
