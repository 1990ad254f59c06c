"""A bad case file stops the build with file, field and reason — never a traceback, never a half-built site."""
from __future__ import annotations

import copy
import datetime
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from kumppanuus.core.content import Content, load_cases
from kumppanuus.core.errors import DataError

from conftest import ROOT

GOOD = {
    "slug": "testikunta",
    "kind": "practical-example",
    "name": {"fi": "Testikunta", "sv": "Testkommun", "en": "Test municipality"},
    "place": {"municipalities": ["Testikunta"], "region": {"fi": "Pirkanmaa", "sv": "Birkaland", "en": "Pirkanmaa"},
              "coordinates": {"lat": 61.5, "lon": 23.8}},
    "started": 2015,
    "status": {"value": "active", "as_of": 2018, "source": "jaakkola2018"},
    "themes": ["villages"],
    "participants": ["residents", "municipal-officials"],
    "summary": {"fi": "Lyhyt kuvaus.", "sv": "Kort beskrivning.", "en": "A short description."},
    "body": [{"fi": "Kappale.", "sv": "Stycke.", "en": "A paragraph."}],
    "steps": ["vaihe-1-1"],
    "antipatterns": {"shows": [], "avoids": ["vallan-kaappaaminen"]},
    "sources": [{"key": "jaakkola2018", "loc": {"fi": "luku IV", "sv": "kapitel IV", "en": "chapter IV"}}],
}


@pytest.fixture(scope="module")
def data():
    return Content.load(ROOT).data


def problems_for(tmp_path: Path, data, files: dict[str, str | bytes]) -> list:
    for name, text in files.items():
        p = tmp_path / name
        p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    _, problems = load_cases(ROOT, data, case_dir=tmp_path, today=datetime.date(2026, 11, 24))
    return problems


def dump(case: dict) -> str:
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


def mutate(**changes) -> str:
    case = copy.deepcopy(GOOD)
    for dotted, value in changes.items():
        keys = dotted.split("__")
        target = case
        for k in keys[:-1]:
            target = target[int(k)] if isinstance(target, list) else target[k]
        if value is DELETE:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return dump(case)


DELETE = object()


def test_good_case_is_valid(tmp_path, data):
    assert problems_for(tmp_path, data, {"testikunta.yaml": dump(GOOD)}) == []


BAD = [
    # (description, file content, field expected in the message, words expected in the message)
    ("yaml syntax error", "slug: testikunta\nname: {fi: [unclosed\n", "line", "YAML syntax error"),
    ("wrong type", mutate(started="vuonna 2015"), "started", "wrong type"),
    ("unknown field", mutate(mayor="Matti"), "(top level)", "unknown field(s): mayor"),
    ("missing required", mutate(summary=DELETE), "(top level)", "missing required field(s): summary"),
    ("slug not matching file name", mutate(slug="toinen"), "slug", "does not match the file name"),
    ("unknown theme", mutate(themes=["space-travel"]), "themes[0]", "not one of the allowed values"),
    ("unknown participant", mutate(participants=["aliens"]), "participants[0]", "not one of the allowed values"),
    ("unknown step", mutate(steps=["vaihe-2-2"]), "steps[0]", "unknown building step 'vaihe-2-2'"),
    ("unknown anti-pattern", mutate(antipatterns={"shows": ["olematon"], "avoids": []}), "antipatterns.shows[0]",
     "unknown anti-pattern"),
    ("unknown citation key", mutate(sources=[{"key": "nobody2020"}]), "sources[0].key", "unknown citation key"),
    ("coordinates outside Finland", mutate(place__coordinates={"lat": 48.85, "lon": 2.35}), "place.coordinates.lat",
     "out of range"),
    # a status is as of a year and says which source states it; a newer status needs a newer source
    ("status newer than its source", mutate(status={"value": "active", "as_of": 2025, "source": "jaakkola2018"}),
     "status.as_of", "later than its source jaakkola2018 (2018)"),
    ("status from a source the case does not cite",
     mutate(status={"value": "active", "as_of": 2017, "source": "tuurnas2017a"}), "status.source",
     "not among this case's sources"),
    ("status without year and source", mutate(status={"value": "active"}), "status", "missing required field(s)"),
    ("bare status of the old kind", mutate(status="active"), "status", "wrong type"),
    ("check date of the old kind", mutate(last_verified="2026-11-24"), "(top level)", "unknown field(s): last_verified"),
    ("empty language map", mutate(summary={}), "summary", "missing required field(s): fi"),
    ("empty text", mutate(name={"fi": ""}), "name.fi", "is empty"),
    ("unknown language", mutate(name={"fi": "Testi", "de": "Test"}), "name", "unknown field(s): de"),
    ("non-UTF-8 file", "slug: testikunta\nname: {fi: P\xe4\xe4}\n".encode("latin-1"), "(file)", "not UTF-8"),
    ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "line", "anchors and aliases"),
    ("python object tag", "slug: !!python/object/apply:os.system ['echo owned']\n", "line", "tag"),
    ("custom tag", "slug: !include other.yaml\n", "line", "tag"),
    ("bad slug form", mutate(slug="Testi Kunta"), "slug", "does not have the right form"),
    ("negative tables", mutate(tables=-3), "tables", "out of range"),
    ("unknown status", mutate(status={"value": "maybe"}), "status.value", "not one of the allowed values"),
    ("list instead of map", "- slug: testikunta\n", "(top level)", "wrong type"),
    ("empty file", "", "(top level)", "wrong type"),
]


@pytest.mark.parametrize("desc,text,field,words", BAD, ids=[b[0] for b in BAD])
def test_bad_case_is_reported_with_file_field_and_reason(tmp_path, data, desc, text, field, words):
    problems = problems_for(tmp_path, data, {"testikunta.yaml": text})
    assert problems, f"{desc}: no problem reported"
    lines = [str(p) for p in problems]
    assert any(p.file.endswith("testikunta.yaml") for p in problems), lines
    assert any(field in p.field or (field == "(file)" and p.field == "") for p in problems), lines
    assert any(words in str(p) for p in problems), lines


def test_duplicate_slug_is_reported(tmp_path, data):
    problems = problems_for(tmp_path, data, {"testikunta.yaml": dump(GOOD), "kopio.yaml": dump(GOOD)})
    assert any("duplicate slug 'testikunta'" in str(p) for p in problems), problems
    assert any(p.file.endswith("kopio.yaml") and p.field == "slug" for p in problems), problems


def test_all_problems_of_a_file_are_reported_at_once(tmp_path, data):
    text = mutate(started="x", status={"value": "maybe"}, themes=["nope"], steps=["vaihe-9-9"])
    problems = problems_for(tmp_path, data, {"testikunta.yaml": text})
    fields = {p.field for p in problems}
    assert {"started", "status.value", "themes[0]"} <= fields, fields


def test_alias_bomb_is_refused_quickly(tmp_path, data):
    levels = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, 12):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    start = time.perf_counter()
    problems = problems_for(tmp_path, data, {"testikunta.yaml": "\n".join(levels) + "\n"})
    assert time.perf_counter() - start < 2.0
    assert any("aliases" in str(p) for p in problems)


def test_yaml_text_is_never_evaluated(tmp_path, data):
    """Jinja, HTML and Markdown in a YAML text appear literally on the rendered page."""
    from kumppanuus.core.cases import case_markdown
    from kumppanuus.core.text import Ctx
    from test_render import to_html

    content = Content.load(ROOT)
    case = copy.deepcopy(GOOD)
    case["summary"] = {"fi": "{{ 7*7 }} {% include 'x' %} <script>alert(1)</script> **lihava** [linkki](http://x)"}
    case["body"] = [{"fi": "<b>ei lihava</b> {#ei-id} ## ei otsikko"}]
    page = case_markdown(Ctx(content, "fi", "tapaukset/testikunta.md"), case)
    body, toc = to_html(page)
    for text in (page, body):
        assert "<script>" not in text and "{{" not in text and "{%" not in text and "<b>" not in text
    assert "&lt;script&gt;" in page and "&#123;&#123; 7*7 &#125;&#125;" in page
    assert "<strong>" not in body and 'href="http://x"' not in body, "Markdown in YAML stays text"
    assert "&lt;b&gt;ei lihava&lt;/b&gt;" in body and 'id="ei-id"' not in body
    assert [t["id"] for t in toc[0]["children"]][0] == "kuvaus", "no heading from YAML text"


@pytest.mark.build
def test_build_fails_cleanly_on_a_bad_case(tmp_path):
    """The real build with a bad case: non-zero exit, file and field in the output, no traceback, no site."""
    import shutil

    from variants import build, copy_repo

    repo = copy_repo(tmp_path / "repo")
    (repo / "cases" / "rikki.yaml").write_text(
        mutate(slug="rikki", themes=["nope"], status={"value": "active", "as_of": 2030, "source": "jaakkola2018"}),
        encoding="utf-8")
    out = tmp_path / "out"
    proc = build(repo, out)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "cases/rikki.yaml: themes[0]" in output, output[-2000:]
    assert "cases/rikki.yaml: status.as_of" in output
    assert "Traceback" not in output
    assert not (out / "index.html").exists()
