"""Files an editor or a CI service relies on: the workflow, the contributing guides, citation and licences."""
from __future__ import annotations

import yaml

from conftest import ROOT


def test_workflow_tests_pull_requests_and_deploys_main():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key "on" as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    jobs = wf["jobs"]
    assert set(jobs) == {"test", "deploy"}
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"])
    assert any(step.get("with", {}).get("fetch-depth") == 0 for step in jobs["test"]["steps"]), \
        "dates come from git history: the checkout needs the full history"
    assert jobs["deploy"]["needs"] == "test" and "refs/heads/main" in jobs["deploy"]["if"]
    assert any("deploy-pages" in step.get("uses", "") for step in jobs["deploy"]["steps"])


def test_contributing_guides_cover_the_editor_workflow_in_both_languages():
    for name in ("CONTRIBUTING.md", "CONTRIBUTING.en.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for must in ("make new-case SLUG=", "make validate", "make serve", "make parity-stamp", "data/changes.yaml",
                     "redhat.vscode-yaml", "data/bibliography.yaml", "status.as_of", "status.source", "`value`",
                     "Uusi tapaus / New case", "uusi-tapaus/<", "Closes #", "savonlinna.yaml"):
            assert must in text, f"{name} does not mention {must}"
        assert "last_verified" not in text, f"{name} still describes last_verified, which the schema no longer has"
        # the web route first, then the Git route
        assert text.index("Uusi tapaus / New case") < text.index("make new-case SLUG=")
    assert "puhelinnumero" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "phone numbers" in (ROOT / "CONTRIBUTING.en.md").read_text(encoding="utf-8")
    # the rule for tagging a pitfall, word for word
    assert ("Tapaus ”näyttää” karikon vain, jos sen lähde kertoo juuri tästä ongelmasta tapauksessa, ja ”välttää” "
            "karikon vain, jos lähde kertoo tapauksen toimineen päinvastoin – tarkoituksella tai näkyvin tuloksin."
            ) in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert ('A case "shows" a pitfall only when its source reports that very problem in the case, and "avoids" it '
            "only when the source says the case did the opposite, on purpose or with a reported result."
            ) in (ROOT / "CONTRIBUTING.en.md").read_text(encoding="utf-8")
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 6


def test_citation_and_licences():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"].startswith("Kumppanuuspöytä")
    assert set(cff["license"]) == {"CC-BY-4.0", "MIT"}
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0" in (ROOT / "LICENSE-content").read_text(encoding="utf-8")


def test_case_files_and_template_point_editors_at_the_schema():
    files = [*sorted((ROOT / "cases").glob("*.yaml")), ROOT / "src" / "kumppanuus" / "core" / "case_template.yaml"]
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json"), path
