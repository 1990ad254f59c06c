"""`make new-case`: the template guides an editor, fails clearly while TODOs remain, validates when filled."""
from __future__ import annotations


import pytest
import yaml

from conftest import ROOT, cli




def test_new_case_fails_with_clear_messages_until_filled_then_validates(repo):
    made = cli(repo, "new-case", "kuopio-alueraadit")
    assert made.returncode == 0, made.stderr
    path = repo / "cases" / "kuopio-alueraadit.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    assert "slug: kuopio-alueraadit" in text

    unfilled = cli(repo, "validate")
    assert unfilled.returncode == 1
    out = unfilled.stdout + unfilled.stderr
    assert "cases/kuopio-alueraadit.yaml: name.fi: still has the template's TODO text" in out
    assert "FI: cases/kuopio-alueraadit.yaml: summary.fi: sisältää yhä mallipohjan TODO-tekstin" in out
    assert "Traceback" not in out

    # the editor replaces every TODO with a fact; the template presets none (status, year, source are TODO)
    template = yaml.safe_load(text)
    assert all(str(template["status"][k]).startswith("TODO") for k in ("value", "as_of", "source"))
    assert str(template["started"]).startswith("TODO")
    FACTS = {template["started"]: 2016, template["status"]["value"]: "active",
             template["status"]["as_of"]: 2018, template["status"]["source"]: "jaakkola2018"}
    def fill(value):
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, str) and value.startswith("TODO: "):
            return FACTS.get(value, value[len("TODO: "):])
        return value

    data = fill(yaml.safe_load(text))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    filled = cli(repo, "validate")
    assert filled.returncode == 0, filled.stdout + filled.stderr


@pytest.mark.parametrize("slug,why", [("Kuopio", "not a valid slug"), ("kuopio--x", "not a valid slug"),
                                      ("orivesi", "already exists"), ("", "give the case a slug")])
def test_new_case_refuses_bad_or_existing_slugs(repo, slug, why):
    before = sorted(p.name for p in (repo / "cases").iterdir())
    result = cli(repo, "new-case", slug)
    assert result.returncode == 2
    assert why in result.stderr
    assert sorted(p.name for p in (repo / "cases").iterdir()) == before
