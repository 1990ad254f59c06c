"""`make new-case SLUG=...`: a new case file from the commented template (case_template.yaml)."""
from __future__ import annotations

import re
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEMPLATE = Path(__file__).with_name("case_template.yaml")
PLACEHOLDER = "TODO"


class NewCaseError(ValueError):
    pass


def new_case(root: Path, slug: str) -> Path:
    if not slug:
        raise NewCaseError("give the case a slug, e.g. `make new-case SLUG=kuopio-alueraadit` "
                           "/ anna tapaukselle tunniste, esim. `make new-case SLUG=kuopio-alueraadit`")
    if not SLUG.fullmatch(slug):
        raise NewCaseError(f"{slug!r} is not a valid slug: use lowercase a–z, digits and single hyphens "
                           f"(ä→a, ö→o, å→a), e.g. kuopio-alueraadit / tunnisteessa saa olla vain pieniä "
                           f"kirjaimia a–z, numeroita ja yksittäisiä väliviivoja")
    target = root / "cases" / f"{slug}.yaml"
    if target.exists():
        raise NewCaseError(f"cases/{slug}.yaml already exists: edit it, or choose another slug "
                           f"/ tiedosto cases/{slug}.yaml on jo olemassa")
    target.write_text(TEMPLATE.read_text(encoding="utf-8").replace("{slug}", slug), encoding="utf-8")
    return target


def placeholders(data: object, path: str = "") -> list[str]:
    """Fields whose value still starts with the template's TODO text."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += placeholders(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += placeholders(value, f"{path}[{i}]")
    elif isinstance(data, str) and data.startswith(PLACEHOLDER):
        found.append(path)
    return found
