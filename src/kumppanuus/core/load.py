"""Reading YAML safely and validating it against closed JSON Schemas.

Every problem is collected as a :class:`Problem` with file and field, so an editor sees all
of them at once. Nothing here raises a bare exception for bad input.
"""
from __future__ import annotations

import datetime
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import Problem

try:  # the C loader is ~10x faster; fall back to the pure-Python one where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_BYTES = 512 * 1024  # a case file is a few kilobytes; anything this large is a mistake
ALLOWED_TAGS = {
    None,
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


def _rel(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _plain(value: Any) -> Any:
    """Dates become ISO strings, so that JSON Schema (format: date) sees what the editor wrote."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def read_yaml(path: Path, root: Path | None = None) -> tuple[Any, list[Problem]]:
    """Read one YAML file. Returns (data, problems); data is None when the file is unusable.

    Refuses, before anything is constructed: non-UTF-8 bytes, oversized files, anchors and
    aliases (no alias bombs), and any explicit tag (no ``!!python/object``).
    """
    name = _rel(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, "", f"cannot read the file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(name, "", f"the file is {len(raw)} bytes, too large", f"at most {MAX_BYTES} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, "", f"the file is not UTF-8 text (byte {exc.start})", "save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                return None, [Problem(name, f"line {mark.line + 1}", "YAML anchors and aliases (&, *) are not allowed",
                                      "write each value out in full")]
            tag = getattr(event, "tag", None)
            if tag not in ALLOWED_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
                mark = event.start_mark
                return None, [Problem(name, f"line {mark.line + 1}", f"YAML tag {tag!r} is not allowed",
                                      "plain values without tags")]
        data = _plain(yaml.load(text, Loader=_Loader))  # noqa: S506 - safe loader; tags, aliases checked above
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(name, where, f"YAML syntax error: {problem}", "valid YAML (check indentation and quotes)")]
    return data, []


@lru_cache(maxsize=None)
def load_schema(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _field(error: jsonschema.ValidationError) -> str:
    parts = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else (("." if parts else "") + str(p)))
    return "".join(parts) or "(top level)"


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, str]:
    """Turn a jsonschema error into (field, what is wrong, what is expected), in plain words."""
    field = _field(error)
    v = error.validator
    s = error.validator_value
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return field, f"unknown field(s): {', '.join(extra)}", f"only these fields: {allowed}"
    if v == "required":
        missing = [k for k in s if k not in error.instance]
        return field, f"missing required field(s): {', '.join(missing)}", "add the field(s)"
    if v == "type":
        return field, f"has the wrong type ({type(error.instance).__name__}: {error.instance!r:.60})", f"{s}"
    if v == "enum":
        return field, f"{error.instance!r} is not one of the allowed values", ", ".join(map(str, s))
    if v == "pattern":
        return field, f"{error.instance!r} does not have the right form", f"matching {s}"
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return field, f"{error.instance!r} is out of range", f"{v} {s}"
    if v == "minLength":
        return field, "is empty", "a non-empty text"
    if v == "maxLength":
        return field, f"is too long ({len(error.instance)} characters)", f"at most {s} characters"
    if v in ("minItems", "minProperties"):
        return field, "is empty", f"at least {s} item(s)"
    if v == "uniqueItems":
        return field, "has the same item twice", "each item once"
    if v == "format":
        return field, f"{error.instance!r} is not a valid {s}", f"a {s} such as 2024-05-31" if s == "date" else s
    return field, error.message, ""


@lru_cache(maxsize=None)
def _registry(folder: str):
    """Schemas of one folder, so that a schema may refer to another by file name ("forms.schema.json#/$defs/text")."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for p in sorted(Path(folder).glob("*.json")):
        if p.name.endswith("schema.json"):
            resources.append((p.name, Resource.from_contents(load_schema(str(p)), default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def _validator(schema_path: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(schema_path), format_checker=jsonschema.FormatChecker(),
                                           registry=_registry(str(Path(schema_path).parent)))


def validate(data: Any, schema_path: Path, name: str) -> list[Problem]:
    validator = _validator(str(schema_path))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        # for oneOf/anyOf, report the most specific sub-error
        best = jsonschema.exceptions.best_match([error]) if error.context else error
        field, what, expected = _describe(best)
        if best.schema is False:  # a field forbidden here ("properties": {"text": false}); jsonschema loses its name
            field, what, expected = _forbidden(data, best, field)
        problems.append(Problem(name, field, what, expected))
    return problems


def _forbidden(data: Any, error: jsonschema.ValidationError, field: str) -> tuple[str, str, str]:
    parent = data
    for step in error.absolute_path:
        parent = parent[step]
    keys = [k for k, v in parent.items() if v == error.instance] if isinstance(parent, dict) else []
    if len(keys) != 1:
        return field, "has a field that is not allowed here", "only the fields this kind of item takes"
    return (f"{field}.{keys[0]}" if error.absolute_path else keys[0],
            f"the field {keys[0]} is not allowed here", "only the fields this kind of item takes (see the schema)")


def load_file(path: Path, schema_path: Path, root: Path | None = None) -> tuple[Any, list[Problem]]:
    """Read and validate. Data is returned even when it has schema problems (None only when unreadable),
    so that further checks can report their problems in the same run."""
    data, problems = read_yaml(path, root)
    if problems:
        return None, problems
    return data, validate(data, schema_path, _rel(path, root))


def load_files(paths: list[Path], schema_path: Path, root: Path | None = None) -> list[tuple[Any, list[Problem]]]:
    """:func:`load_file` for many files, in order."""
    return [load_file(p, schema_path, root) for p in paths]
