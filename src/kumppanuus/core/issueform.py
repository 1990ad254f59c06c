"""A new case from the web: the GitHub issue form, and the converter from a submitted form to a case file.

- :func:`form_text` builds ``.github/ISSUE_TEMPLATE/uusi-tapaus.yml`` from cases/schema.json (fields,
  required fields, the options of every enum), data/labels.yaml (the Finnish option labels) and the ids of
  data/steps.yaml, data/antipatterns.yaml and data/bibliography.yaml. ``kumppanuus issue-form`` writes it;
  a test keeps the committed form equal to what the command generates.
- :func:`convert` reads an issue body as GitHub renders a submitted form (``### Label`` sections,
  ``_No response_`` for an empty optional field, ``- [X] option`` for ticked checkboxes, the selected options
  of a multi-select dropdown separated by ", "), builds the case in the template's shape and validates it
  with the same schema and cross checks as ``make validate``. :func:`write` writes it (and, for a source
  that is not in the bibliography yet, its entry in data/bibliography.yaml) only when nothing is wrong.

Submitted text is data: it is parsed as plain text, checked, and written with ``yaml.safe_dump`` as plain
strings. Nothing here executes, evaluates or templates it.
"""
from __future__ import annotations

import datetime
import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .contacts import EMAIL, PHONE
from .errors import Problem, finnish
from .load import load_schema, validate
from .newcase import PLACEHOLDER, SLUG

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "uusi-tapaus.yml"
LABEL = "uusi-tapaus"          # the label the form sets; .github/workflows/new-case.yml runs on it
NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty
MAX_BODY = 100_000             # an issue body is at most 65,536 characters on GitHub
#: the Finnish text that stands in for a Finnish translation when the form was filled in Swedish or English
FINNISH_NEEDED = f"{PLACEHOLDER}: suomennos puuttuu / Finnish translation needed"

# Contact details (core.contacts, the same patterns as the site's source check) and markup in submitted text.
MARKUP = [
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "mallipohjan koodi ({{ }}, {% %} tai {# #})",
     "template code ({{ }}, {% %} or {# #})"),
    # a tag as a browser reads one (no space after "<": "alle < 10 ja yli > 5" is text), a comment, or the
    # start of a script, style or frame element however it is written
    (re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--|<\s*/?\s*(?:script|style|iframe|object|embed|svg)\b",
                re.I), "HTML-merkinnät (<…>)", "HTML markup (<…>)"),
    (re.compile(r"\b(?:javascript|vbscript)\s*:", re.I), "skriptiosoite (javascript:)",
     "script address (javascript:)"),
]

LANG_NAMES = {"fi": "suomi", "sv": "ruotsi", "en": "englanti"}
LANG_OPTIONS = tuple((lang, f"{LANG_NAMES[lang]} ({lang})") for lang in LANGUAGES)


class IssueFormError(ValueError):
    """The repository cannot be read (a missing label, schema or data file): not the submitter's fault."""


# -- the form's fields ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Element:
    """One element of the issue form. ``path`` says where the answer goes in the case (for messages)."""

    id: str
    type: str                    # markdown | input | textarea | dropdown | checkboxes
    label: str = ""              # Finnish; GitHub writes it as the "### Label" heading of the answer
    help: str = ""               # English
    path: str = ""
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()   # (value, text shown)
    multiple: bool = False
    placeholder: str = ""
    value: str = ""              # markdown text
    must_tick: bool = False      # checkboxes whose every option must be ticked
    default: int | None = None   # dropdown: the option chosen at first


def _option(label: str, value: str) -> str:
    return f"{label} ({value})"


def _middle(text: str, limit: int = 90) -> str:
    """A long title shortened in the middle, so that titles that differ only at the end stay apart."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words, head, tail = text.split(), [], []
    while words and len(" ".join(head + [words[0]])) <= limit // 2:
        head.append(words.pop(0))
    while words and len(" ".join([words[-1]] + tail)) <= limit // 2:
        tail.insert(0, words.pop())
    return " ".join(head) + " … " + " ".join(tail)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Repo:
    """What the form and the converter read from the repository."""

    root: Path
    schema: dict
    labels: dict
    steps: list[dict]
    antipatterns: list[dict]
    bibliography: list[dict]
    bib_kinds: list[str]
    cases: set[str]
    data: dict = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> "Repo":
        from .content import Content
        from .errors import DataError

        root = Path(root)
        try:
            content = Content.load(root)
        except DataError as err:
            raise IssueFormError("the repository's own data has problems (run `make validate`):\n" + err.report()) from err
        schema = load_schema(str(root / "cases" / "schema.json"))
        bib_schema = load_schema(str(root / "data" / "bibliography.schema.json"))
        kinds = bib_schema["properties"]["entries"]["items"]["properties"]["kind"]["enum"]
        return cls(root=root, schema=schema, labels=content.labels,
                   steps=[s for ph in content.data["steps"]["phases"] for s in ph["steps"]],
                   antipatterns=list(content.data["antipatterns"]["items"]),
                   bibliography=list(content.data["bibliography"]["entries"]), bib_kinds=list(kinds),
                   cases={p.stem for p in (root / "cases").glob("*.y*ml")}, data=content.data)

    @property
    def roles(self) -> list[str]:
        return list(self.prop("roles")["items"]["properties"]["role"]["enum"])

    def label(self, key: str) -> str:
        try:
            return self.labels[key][DEFAULT_LANGUAGE]
        except KeyError:
            raise IssueFormError(f"data/labels.yaml has no label {key!r}: add it (fi, sv, en), then run "
                                 f"`kumppanuus issue-form`") from None

    def prop(self, path: str) -> dict:
        node = self.schema
        for part in path.split("."):
            node = node["properties"][part]
        return node

    def enum(self, path: str) -> list[str]:
        node = self.prop(path)
        return list(node["enum"] if "enum" in node else node["items"]["enum"])

    def enum_options(self, path: str, prefix: str) -> tuple[tuple[str, str], ...]:
        return tuple((v, _option(self.label(f"{prefix}.{v}"), v)) for v in self.enum(path))


def _per_value_help(description: str) -> dict[str, str]:
    """'host = host organisation; lead = ...' -> {'host': 'host organisation', ...}"""
    out = {}
    for part in description.rstrip(".").split("; "):
        if " = " in part:
            key, text = part.split(" = ", 1)
            out[key.strip()] = text.strip()
    return out


INTRO = """\
**Uusi tapaus käsikirjaan.** Kerro kumppanuuspöydästä, josta on julkaistu lähde: raportti, opas, \
artikkeli, kunnan päätös tai virallinen verkkosivu. Jokaisen tiedon pitää löytyä lähteestä. Kirjoita omin \
sanoin. Jätä tyhjäksi kohdat, joista lähde ei kerro. Ohje: CONTRIBUTING.md.

**Henkilötiedot.** Tämä issue on julkinen. Älä kirjoita lomakkeeseen puhelinnumeroita, \
sähköpostiosoitteita tai yksityishenkilöiden nimiä. Kerro tehtävä ja organisaatio, esimerkiksi \
”kaupungin kyläasiamies”. Lomake ei hyväksy tekstiä, jossa on puhelinnumero tai sähköpostiosoite.

**Mitä sitten tapahtuu.** Lomakkeesta tehdään automaattisesti pull request. Automaattiset tarkistukset \
ajetaan, ja joku muu kuin sinä tarkistaa tiedot lähteestä. Käännökset tehdään myöhemmin. Jos lomakkeessa \
on korjattavaa, saat siitä tähän kommentin: korjaa kohdat muokkaamalla issueta.

*In English.* This issue is public: no phone numbers, e-mail addresses or names of private people; give \
roles and organisations instead. Every fact must be in the published source you cite; leave a field empty \
when the source says nothing about it. The form becomes a pull request automatically; CI checks it, and \
someone other than you checks the facts against the source. The labels are in Finnish, the help texts in \
English; write the texts in Finnish, Swedish or English."""

ROLES_NOTE = """\
**Roolit.** Kuka tekee mitä pöydässä, vain sen verran kuin lähde kertoo. Tehtävä tai organisaatio, ei \
yksityishenkilön nimeä. Yksi rivi kutakin tekijää kohden (esimerkiksi yksi rivi kutakin pöytää kohden).

*Roles:* who does what at the table, only as far as the source says; posts and organisations, never \
private people. One line per holder (e.g. one line per table). Leave the others empty."""

PITFALL_RULE = ("Tick a pitfall only when the source says so. A case \"shows\" a pitfall only when its source "
                "reports that very problem in the case, and \"avoids\" it only when the source says the case did "
                "the opposite, on purpose or with a reported result. A general good practice, a tip, a plan not "
                "yet carried out or your own inference is not enough.")

SOURCE_NOTE = """\
**Lähde.** Valitse lähde käsikirjan lähdeluettelosta tai kerro uuden lähteen tiedot (nimi, vuosi, \
julkaisija, laji, osoite). Tilanne ja sen vuosi luetaan tästä lähteestä.

*Source:* pick the source from the handbook's list, or give a new one (title, year, publisher, kind, \
address): not both. The status above is taken to be what this source says."""


def elements(repo: Repo) -> list[Element]:
    """The form, top to bottom."""
    s = repo.schema["properties"]
    lab = repo.label
    roles_help = _per_value_help(repo.prop("roles")["items"]["properties"]["role"]["description"])
    dp_help = {k: v["description"] for k, v in s["decision_path"]["properties"].items()}
    out = [
        Element("ohje", "markdown", value=INTRO),
        Element("kieli", "dropdown", "Tekstien kieli", path="language", required=True, options=LANG_OPTIONS, default=0,
                help="The language you write the texts in. Finnish is the handbook's source language: a case "
                     "written in Swedish or English becomes a draft pull request that needs a Finnish "
                     "translation before it can be published."),
        Element("tunniste", "input", "Tunniste (slug)", path="slug", required=True, placeholder="kuopio-alueraadit",
                help="Permanent identifier: the file name and the page's address (/tapaukset/<slug>/). Lowercase "
                     "a–z, digits and single hyphens (ä → a, ö → o, å → a), at most 60 characters. It must not be "
                     "in use by another case."),
        Element("nimi", "input", "Tapauksen nimi",
                path="name", required=True, placeholder="Kuopion alueraadit",
                help="The case's name as shown in headings and tables, usually the municipality or area."),
        Element("laji", "dropdown", lab("case.kind"), path="kind", required=True,
                options=repo.enum_options("kind", "kind"), help=s["kind"]["description"]),
        Element("kunnat", "textarea", "Kunta tai kunnat", path="place.municipalities", required=True,
                placeholder="Kuopio",
                help="The municipality or municipalities, in their official Finnish names, one per line."),
        Element("maakunta", "input", lab("case.region"), path="place.region", required=True, placeholder="Pohjois-Savo",
                help="The region (maakunta), e.g. Pohjois-Savo, Etelä-Savo, Lappi."),
        Element("lat", "input", "Leveysaste (lat)", path="place.coordinates.lat", required=True, placeholder="62.89",
                help="Latitude of the town centre in decimal degrees (WGS84), 59.5–70.1. Most map services show "
                     "a place's coordinates when you right-click it."),
        Element("lon", "input", "Pituusaste (lon)", path="place.coordinates.lon", required=True, placeholder="27.68",
                help="Longitude of the town centre in decimal degrees (WGS84), 19.0–31.6."),
        Element("aloitettu", "input", "Aloitusvuosi", path="started", placeholder="2016",
                help="The year the table (or the first table) began meeting, as the source states it, as four "
                     "digits. Leave empty if the source does not say, or if the table had not started yet when "
                     "the source was written (then the status is 'planned')."),
        Element("tilanne", "dropdown", "Tilanne lähteen mukaan", path="status.value", required=True,
                options=repo.enum_options("status.value", "status"),
                help="The status as the source states it, in the source's year: not what you know today. "
                     + repo.prop("status.value")["description"] + " A newer status needs a newer source."),
        Element("tilanne-vuosi", "input", "Tilanteen vuosi", path="status.as_of", placeholder="2018",
                help="The year the status holds for: the year of the source that states it (not the year you "
                     "read it), e.g. 2018. Required unless the status is 'ei tiedossa (unknown)'; not later than "
                     "the source's year."),
        Element("teemat", "dropdown", lab("case.themes"), path="themes", required=True, multiple=True,
                options=repo.enum_options("themes", "theme"),
                help="One or more themes that the source supports."),
        Element("osallistujat", "dropdown", lab("case.participants"), path="participants", required=True,
                multiple=True, options=repo.enum_options("participants", "participant"),
                help="Only the groups the source says are at the table, not groups it merely allows."),
        Element("aloitteentekija", "textarea", lab("case.initiator"), path="initiator",
                help=s["initiator"]["description"] + " Optional."),
        Element("poytia", "input", lab("case.tables"), path="tables", placeholder="5",
                help="Number of tables as of the source, a whole number. Leave empty if the source does not say."),
        Element("ryhmakoko", "input", "Osallistujia kokouksessa", path="group_size",
                placeholder="Keskimäärin 10–20 henkeä.",
                help="How many people usually take part in a meeting, as the source gives it. Leave empty if "
                     "the source does not say."),
        Element("kokoontuminen", "textarea", lab("case.meets"), path="meets",
                help=s["meets"]["description"] + " Leave empty if the source does not say."),
        Element("vetaja", "input", lab("case.led_by"), path="led_by",
                placeholder="Kaupungin elinkeinotoimi; puheenjohtaja vuodeksi kerrallaan.",
                help="One short line on who hosts and leads the table, for the overview table. The details go "
                     "under the roles below."),
        Element("roolit-ohje", "markdown", value=ROLES_NOTE),
    ]
    for role in repo.roles:
        out.append(Element(f"rooli-{role}", "textarea", f"Rooli: {_option(lab('role.' + role), role)}",
                           path=f"roles:{role}", help=f"{roles_help.get(role, role)[:1].upper()}"
                           f"{roles_help.get(role, role)[1:]}. Who holds this role, as the source says "
                           f"(how chosen, for how long, if it says). One line per holder."))
    for key in s["decision_path"]["properties"]:
        out.append(Element(f"paatokset-{key}", "textarea", f"{lab('case.decision_path')}: {lab('dp.' + key)}",
                           path=f"decision_path.{key}",
                           help=dp_help[key] + " Only what the source describes; never guess a route."))
    out += [
        Element("lyhyesti", "textarea", "Lyhyesti (tiivistelmä)", path="summary", required=True,
                help="The case's 'In brief': 3–5 short plain-language sentences, at most 600 characters. Say "
                     "what the table is, where, since when according to which source (e.g. 'according to the "
                     "2018 guide'), and the main lesson for someone building a table."),
        Element("kuvaus", "textarea", lab("case.story"), path="body", required=True,
                help="The story in your own words and order; separate paragraphs with an empty line. Lead with "
                     "what a reader building a table can learn, then tell the story briefly. Quote people only "
                     "exactly, in quotation marks, with the speaker's name."),
        Element("tulokset", "textarea", lab("case.outcomes"), path="outcomes",
                help="Results the source reports, one per line, dated where the source dates them."),
        Element("haasteet", "textarea", lab("case.challenges"), path="challenges",
                help="Challenges the source reports, one per line."),
        Element("vinkit", "textarea", lab("case.tips"), path="tips",
                help="The developers' own advice as the source gives it, in your own words, one per line."),
        Element("askeleet", "dropdown", lab("case.steps"), path="steps", required=True, multiple=True,
                options=tuple((st["id"], _option(f"{st['number']} {st['title']['fi']}", st["id"]))
                              for st in repo.steps),
                help="The building steps the case illustrates. Pick a step only when the case text shows it "
                     "(the guide has no step 2.2)."),
        Element("karikot-nayttaa", "checkboxes", lab("case.ap_shows"), path="antipatterns.shows",
                options=tuple((a["id"], _option(a["title"]["fi"], a["id"])) for a in repo.antipatterns),
                help=PITFALL_RULE),
        Element("karikot-valttaa", "checkboxes", lab("case.ap_avoids"), path="antipatterns.avoids",
                options=tuple((a["id"], _option(a["title"]["fi"], a["id"])) for a in repo.antipatterns),
                help=PITFALL_RULE),
        Element("karikot-lahde", "textarea", "Karikkomerkintöjen lähdevirkkeet", path="pitfall evidence",
                help="Required when you tick a pitfall: for every tick, the sentence in the source that supports "
                     "it and its page. It goes into the pull request for the reviewer, not onto the page."),
        Element("lahde-ohje", "markdown", value=SOURCE_NOTE),
        Element("lahde", "dropdown", "Lähde käsikirjan lähdeluettelosta", path="sources[0].key",
                options=tuple((e["key"], _option(f"{_middle(e['title'])}, {e['year']}", e["key"]))
                              for e in repo.bibliography if e["role"] != "cited"),
                help="If the source is already in the handbook's bibliography, pick it here and leave the new "
                     "source's fields empty. (Publications the handbook knows only as cited by its sources are "
                     "not offered: a case's source must be one that a reviewer can open at the pages given.)"),
        Element("lahde-nimi", "input", "Uusi lähde: nimi", path="new source.title",
                help="Title exactly as published. Only for a source that is not in the list above."),
        Element("lahde-tekijat", "textarea", "Uusi lähde: tekijät", path="new source.authors",
                help="Authors as 'Surname, Given name', one per line. Leave empty for an organisation's "
                     "publication."),
        Element("lahde-vuosi", "input", "Uusi lähde: julkaisuvuosi", path="new source.year", placeholder="2024",
                help="Year of publication, four digits."),
        Element("lahde-julkaisija", "input", "Uusi lähde: julkaisija", path="new source.publisher",
                placeholder="Kuopion kaupunki", help="Publisher or organisation."),
        Element("lahde-laji", "dropdown", "Uusi lähde: julkaisun laji", path="new source.kind",
                options=tuple((k, _option(lab("bibkind." + k), k)) for k in repo.bib_kinds),
                help="Kind of publication."),
        Element("lahde-osoite", "input", "Uusi lähde: verkko-osoite", path="new source.url",
                placeholder="https://www.kuopio.fi/...",
                help="Public address (https://) of the publication or of the organisation's page about it; no "
                     "personal pages."),
        Element("lahde-kohta", "input", "Kohta lähteessä", path="sources[0].loc", required=True,
                placeholder="luku 3 (s. 12–14)",
                help="Chapter, section and pages where the facts are, so that a reviewer can find them."),
        Element("vahvistukset", "checkboxes", "Vahvistukset", path="confirmations", must_tick=True,
                options=(
                    ("facts", "Jokainen tieto löytyy mainitusta lähteestä; en ole keksinyt tai päätellyt mitään. "
                              "/ Every fact is in the cited source; nothing is invented or inferred."),
                    ("contacts", "Lomakkeessa ei ole puhelinnumeroita, sähköpostiosoitteita eikä yksityishenkilöiden "
                                 "nimiä. / No phone numbers, e-mail addresses or names of private people."),
                    ("own-words", "Kirjoitin omin sanoin; lainaukset ovat sanatarkkoja, lainausmerkeissä ja "
                                  "lähteineen. / Written in my own words; quotations are exact, marked and "
                                  "attributed."),
                    ("licence", "Teksti julkaistaan käsikirjassa CC BY 4.0 -lisenssillä. / The text is published "
                                "in the handbook under CC BY 4.0."),
                ),
                help="All four are needed."),
    ]
    return out


# -- the form as YAML ---------------------------------------------------------------------------------

FORM_HEADER = """\
# GENERATED by `kumppanuus issue-form` from cases/schema.json, data/labels.yaml, data/steps.yaml,
# data/antipatterns.yaml and data/bibliography.yaml. Do not edit by hand: change those files and run
# `kumppanuus issue-form` (tests/test_issue_form.py fails while this file is out of date).
# The answers are turned into cases/<slug>.yaml by `kumppanuus case-from-issue` in .github/workflows/new-case.yml.
"""


def form_dict(repo: Repo) -> dict:
    body = []
    for el in elements(repo):
        if el.type == "markdown":
            body.append({"type": "markdown", "attributes": {"value": el.value}})
            continue
        attrs: dict[str, Any] = {"label": el.label, "description": el.help}
        if el.placeholder:
            attrs["placeholder"] = el.placeholder
        if el.type == "dropdown":
            attrs["multiple"] = el.multiple
            attrs["options"] = [text for _, text in el.options]
            if el.default is not None:
                attrs["default"] = el.default
        if el.type == "checkboxes":
            attrs["options"] = [{"label": text, "required": el.must_tick} for _, text in el.options]
        item = {"type": el.type, "id": el.id, "attributes": attrs}
        if el.type != "checkboxes":
            item["validations"] = {"required": el.required}
        body.append(item)
    return {
        "name": "Uusi tapaus / New case",
        "description": "Kerro kumppanuuspöydästä, josta on julkaistu lähde. / Describe a partnership table "
                       "that a published source reports on.",
        "title": "Uusi tapaus: ",
        "labels": [LABEL],
        "body": body,
    }


class _FormDumper(yaml.SafeDumper):
    """yaml.SafeDumper that writes multi-line strings as literal blocks (|), so the form reads as written."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_FormDumper.add_representer(str, _str)


def form_text(root: Path) -> str:
    return FORM_HEADER + yaml.dump(form_dict(Repo.load(root)), Dumper=_FormDumper, allow_unicode=True,
                                   sort_keys=False, width=100, default_flow_style=False)


# -- reading a submitted form -------------------------------------------------------------------------

@dataclass(frozen=True)
class FormProblem:
    """One thing to fix in the submission, in Finnish and English."""

    label: str
    field: str
    fi: str
    en: str

    def line(self) -> str:
        where = f"{self.label} ({self.field})" if self.label else self.field
        return f"{where}: {self.fi} / {self.en}"


def parse_body(body: str, els: list[Element]) -> tuple[dict[str, str], list[FormProblem]]:
    """The answers of a rendered issue form by element id ('' for a missing or empty answer)."""
    by_label = {el.label: el for el in els if el.type != "markdown"}
    answers: dict[str, list[str]] = {}
    problems = []
    current: str | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = re.match(r"^###\s+(.+?)\s*$", line)
        if m and m.group(1) in by_label:
            el = by_label[m.group(1)]
            if el.id in answers:
                problems.append(FormProblem(el.label, el.path, "kohta on lomakkeessa kahdesti: poista toinen",
                                            "this section appears twice: remove one"))
            current = el.id
            answers[current] = []
            continue
        if current is not None:
            answers[current].append(line)
    out = {}
    for el in els:
        if el.type == "markdown":
            continue
        text = "\n".join(answers.get(el.id, [])).strip()
        out[el.id] = "" if text == NO_RESPONSE else text
    return out, problems


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def suggest_slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", _fold(name)))[:60].strip("-")


def _lines(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:[-*•]\s+)", "", line).strip()
        if line:
            out.append(" ".join(line.split()))
    return out


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _one(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """Turns the answers into case values, collecting problems instead of stopping at the first."""

    def __init__(self, repo: Repo, answers: dict[str, str], els: list[Element], today: datetime.date):
        self.repo, self.answers, self.today = repo, answers, today
        self.els = {el.id: el for el in els}
        self.problems: list[FormProblem] = []
        self.flagged: set[str] = set()   # case paths already reported, so validation does not repeat them

    def problem(self, el_id: str, fi: str, en: str) -> None:
        el = self.els[el_id]
        self.problems.append(FormProblem(el.label, el.path.split(":")[0], fi, en))
        self.flagged.add(el.path.split(":")[0])
        if el_id.startswith("lahde"):   # the source: the case's sources and its status' source
            self.flagged |= {"sources", "status.source"}

    def raw(self, el_id: str) -> str:
        value = self.answers.get(el_id, "")
        if not value and self.els[el_id].required:
            self.problem(el_id, "pakollinen kenttä puuttuu", "this field is required")
        return value

    def options(self, el_id: str) -> list[str]:
        """Values of the chosen options (dropdowns: one, or several separated by ", "; checkboxes: - [X])."""
        el = self.els[el_id]
        text = self.raw(el_id)
        if not text:
            return []
        if el.type == "checkboxes":
            picked = [m.group(1).strip() for m in re.finditer(r"^\s*[-*]\s*\[[xX]\]\s*(.+)$", text, re.M)]
        elif el.multiple:
            picked = [p.strip() for p in re.split(r"(?<=\)),\s*|\n", text) if p.strip()]
        else:
            picked = [_one(text)]
        values = []
        known = {}
        for value, shown in el.options:
            for key in (shown, value, shown.rsplit(" (", 1)[0]):
                known[_fold(key)] = value
        for item in picked:
            value = known.get(_fold(item))
            if value is None:
                m = re.search(r"\(([^()]+)\)\s*$", item)
                value = known.get(_fold(m.group(1))) if m else None
            if value is None:
                shown = _short(item.replace("`", "'"), 60)
                allowed = ", ".join(v for v, _ in el.options) if len(el.options) <= 12 else \
                    "one of the options of the form"
                self.problem(el_id, f"tuntematon vaihtoehto ”{shown}” (sallitut: {allowed})",
                             f"unknown option \"{shown}\" (expected: {allowed})")
            elif value not in values:
                values.append(value)
        if not el.multiple and el.type == "dropdown" and len(values) > 1:
            self.problem(el_id, "valitse yksi vaihtoehto", "choose one option")
        return values

    def year(self, el_id: str, low: int) -> int | None:
        text = _one(self.raw(el_id))
        if not text:
            return None
        if not re.fullmatch(r"\d{4}", text) or not low <= int(text) <= self.today.year:
            self.problem(el_id, f"kirjoita vuosi neljällä numerolla väliltä {low}–{self.today.year}, esim. 2016",
                         f"write the year as four digits between {low} and {self.today.year}, e.g. 2016")
            return None
        return int(text)

    def number(self, el_id: str, low: float, high: float) -> float | None:
        text = _one(self.raw(el_id)).replace(",", ".").rstrip("°").strip()
        if not text:
            return None
        if not re.fullmatch(r"\d{1,3}(?:\.\d+)?", text) or not low <= float(text) <= high:
            self.problem(el_id, f"kirjoita desimaaliasteina väliltä {low}–{high}, esim. {(low + high) / 2:.2f}",
                         f"write decimal degrees between {low} and {high}, e.g. {(low + high) / 2:.2f}")
            return None
        return float(text)

    def whole(self, el_id: str, low: int, high: int) -> int | None:
        text = _one(self.raw(el_id))
        if not text:
            return None
        if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
            self.problem(el_id, f"kirjoita kokonaisluku väliltä {low}–{high}", f"write a whole number from {low} to {high}")
            return None
        return int(text)


def check_text(text: str) -> list[tuple[str, str]]:
    """(Finnish, English) descriptions of what a submitted text must not contain."""
    found = []
    if EMAIL.search(text):
        found.append(("poista sähköpostiosoite: kerro tehtävä ja organisaatio, ei yhteystietoja",
                      "remove the e-mail address: give the role and organisation, no contact details"))
    if PHONE.search(text):
        found.append(("poista puhelinnumero: kerro tehtävä ja organisaatio, ei yhteystietoja",
                      "remove the phone number: give the role and organisation, no contact details"))
    for pattern, fi, en in MARKUP:
        if pattern.search(text):
            found.append((f"poista {fi}: kirjoita pelkkää tekstiä", f"remove the {en}: plain text only"))
    return found


# -- building the case ---------------------------------------------------------------------------------

@dataclass
class Result:
    ok: bool
    problems: list[FormProblem]
    slug: str = ""
    language: str = DEFAULT_LANGUAGE
    case: dict = field(default_factory=dict)
    case_text: str = ""
    bib_entry: dict | None = None
    finnish_needed: list[str] = field(default_factory=list)   # fields whose Finnish text is the placeholder
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    pitfall_evidence: str = ""

    def report_lines(self) -> list[str]:
        return [p.line() for p in self.problems]


def _bib_key(repo: Repo, authors: list[str], slug: str, year: int | None) -> str:
    base = suggest_slug(authors[0].split(",")[0]) if authors else slug
    base = f"{base}{year or ''}"
    taken = {e["key"] for e in repo.bibliography}
    if base not in taken:
        return base
    for letter in "bcdefghijklmnopqrstuvwxyz":
        if base + letter not in taken:
            return base + letter
    return base + "-uusi"


def convert(root: Path, body: str, today: datetime.date | None = None, repo: Repo | None = None) -> Result:
    """Build and check the case of a submitted form. Nothing is written (see :func:`write`)."""
    root = Path(root)
    repo = repo or Repo.load(root)
    today = today or datetime.date.today()
    els = elements(repo)
    answers, problems = parse_body(body, els)
    r = _Reader(repo, answers, els, today)
    r.problems += problems

    # what no text field may contain
    for el in els:
        if el.type in ("input", "textarea") and answers.get(el.id):
            for fi, en in check_text(answers[el.id]):
                r.problem(el.id, fi, en)

    language = (r.options("kieli") or [DEFAULT_LANGUAGE])[0]
    placeholder_paths: list[str] = []

    def text(value: str, path: str) -> dict[str, str]:
        if language == DEFAULT_LANGUAGE:
            return {language: value}
        placeholder_paths.append(path)
        return {DEFAULT_LANGUAGE: FINNISH_NEEDED, language: value}

    case: dict[str, Any] = {}

    slug = _one(r.raw("tunniste"))
    if slug:
        if not SLUG.fullmatch(slug) or len(slug) > 60:
            hint = suggest_slug(slug) or "kuopio-alueraadit"
            r.problem("tunniste", f"”{_short(slug, 40)}” ei kelpaa: vain pienet kirjaimet a–z, numerot ja yksittäiset "
                                  f"väliviivat, enintään 60 merkkiä, esim. {hint}",
                      f"\"{_short(slug, 40)}\" is not a valid slug: lowercase a–z, digits and single hyphens, at "
                      f"most 60 characters, e.g. {hint}")
        elif slug in repo.cases:
            r.problem("tunniste", f"tunniste {slug} on jo käytössä (cases/{slug}.yaml): valitse toinen",
                      f"the slug {slug} is already taken (cases/{slug}.yaml): choose another one")
        case["slug"] = slug
    kind = r.options("laji")
    if kind:
        case["kind"] = kind[0]
    name = _one(r.raw("nimi"))
    if name:
        case["name"] = text(name, "name")

    place: dict[str, Any] = {}
    municipalities = _lines(r.raw("kunnat"))
    for m in municipalities:
        if len(m) > 80:
            r.problem("kunnat", "kunnan nimi on liian pitkä (enintään 80 merkkiä)",
                      "a municipality's name is too long (at most 80 characters)")
    if municipalities:
        place["municipalities"] = list(dict.fromkeys(municipalities))
    region = _one(r.raw("maakunta"))
    if region:
        place["region"] = text(region, "place.region")
    lat, lon = r.number("lat", 59.5, 70.1), r.number("lon", 19.0, 31.6)
    if lat is not None and lon is not None:
        place["coordinates"] = {"lat": lat, "lon": lon}
    if place:
        case["place"] = place

    started = r.year("aloitettu", 1950)
    if started is not None:
        case["started"] = started

    # the source first: the status is taken from it
    source_key, bib_entry = _source(r, repo, slug)
    status_value = r.options("tilanne")
    if status_value:
        status: dict[str, Any] = {"value": status_value[0]}
        as_of = r.year("tilanne-vuosi", 1950)
        if status_value[0] != "unknown":
            if as_of is None and not answers.get("tilanne-vuosi"):
                r.problem("tilanne-vuosi", "kerro vuosi, jota tilanne koskee (lähteen vuosi)",
                          "give the year the status holds for (the source's year)")
            if as_of is not None:
                status["as_of"] = as_of
            if source_key:
                status["source"] = source_key
        case["status"] = status

    for el_id, key in (("teemat", "themes"), ("osallistujat", "participants")):
        values = r.options(el_id)
        if values:
            case[key] = values

    initiator = _one(r.raw("aloitteentekija"))
    if initiator:
        case["initiator"] = text(initiator, "initiator")
    tables = r.whole("poytia", 1, 1000)
    if tables is not None:
        case["tables"] = tables
    for el_id, key in (("ryhmakoko", "group_size"), ("kokoontuminen", "meets"), ("vetaja", "led_by")):
        value = _one(r.raw(el_id))
        if value:
            case[key] = text(value, key)

    roles = []
    for role in repo.roles:
        for line in _lines(r.raw(f"rooli-{role}")):
            roles.append({"role": role, "who": text(line, f"roles[{len(roles)}].who")})
    if roles:
        case["roles"] = roles
    decision = {}
    for key in repo.prop("decision_path")["properties"]:
        value = _one(r.raw(f"paatokset-{key}"))
        if value:
            decision[key] = text(value, f"decision_path.{key}")
    if decision:
        case["decision_path"] = decision

    summary = _one(r.raw("lyhyesti"))
    if summary:
        limit = repo.prop("summary")["properties"][language]["maxLength"]
        if len(summary) > limit:
            r.problem("lyhyesti", f"teksti on {len(summary)} merkkiä: lyhennä enintään {limit} merkkiin",
                      f"the text is {len(summary)} characters long: shorten it to at most {limit}")
        case["summary"] = text(summary, "summary")
    paragraphs = _paragraphs(r.raw("kuvaus"))
    if paragraphs:
        case["body"] = [text(p, f"body[{i}]") for i, p in enumerate(paragraphs)]
    for el_id, key in (("tulokset", "outcomes"), ("haasteet", "challenges"), ("vinkit", "tips")):
        items = _lines(r.raw(el_id))
        if items:
            case[key] = [text(item, f"{key}[{i}]") for i, item in enumerate(items)]

    steps = r.options("askeleet")
    if steps:
        case["steps"] = steps
    shows, avoids = r.options("karikot-nayttaa"), r.options("karikot-valttaa")
    both = sorted(set(shows) & set(avoids))
    if both:
        r.problem("karikot-valttaa", f"sama karikko ei voi sekä näkyä että vältetty: {', '.join(both)}",
                  f"a pitfall cannot be both shown and avoided: {', '.join(both)}")
    evidence = r.answers.get("karikot-lahde", "")
    if (shows or avoids) and not evidence:
        r.problem("karikot-lahde", "kerro jokaisen karikkomerkinnän lähdevirke ja sivu",
                  "give the source sentence and page behind every pitfall you ticked")
    case["antipatterns"] = {"shows": shows, "avoids": avoids}

    loc = _one(r.raw("lahde-kohta"))
    if source_key:
        entry = {"key": source_key}
        if loc:
            entry["loc"] = text(loc, "sources[0].loc")
        case["sources"] = [entry]

    ticked = r.options("vahvistukset")
    missing = [text_ for value, text_ in r.els["vahvistukset"].options if value not in ticked]
    if missing:
        r.problem("vahvistukset", "rastita kaikki vahvistukset", "tick every confirmation")

    result = Result(ok=False, problems=r.problems, slug=slug, language=language, case=case, bib_entry=bib_entry,
                    pitfall_evidence=evidence)
    result.case_text = case_yaml(case)
    result.problems += _validate(repo, els, result, r.flagged, placeholder_paths)
    result.finnish_needed = placeholder_paths
    result.ok = not result.problems
    if result.ok:
        from .parity import untranslated_texts

        result.untranslated = {k: v for k, v in untranslated_texts(case).items() if v}
    return result


def _source(r: _Reader, repo: Repo, slug: str) -> tuple[str, dict | None]:
    """The key of the case's source, and a new bibliography entry when the source is not listed yet."""
    existing = r.options("lahde")
    new = {k: r.answers.get(f"lahde-{k}", "") for k in ("nimi", "tekijat", "vuosi", "julkaisija", "laji", "osoite")}
    if existing and any(new.values()):
        r.problem("lahde-nimi", "valitse lähde luettelosta tai kerro uusi lähde, ei molempia",
                  "pick a source from the list or give a new one, not both")
        return existing[0], None
    if existing:
        return existing[0], None
    if not any(new.values()):
        r.problem("lahde", "lähde puuttuu: valitse se luettelosta tai kerro uuden lähteen tiedot",
                  "the source is missing: pick it from the list or give the new source's details")
        return "", None
    title = _one(new["nimi"])
    if not title:
        r.problem("lahde-nimi", "kerro uuden lähteen nimi", "give the new source's title")
    year = r.year("lahde-vuosi", 1900)
    if year is None and not new["vuosi"]:
        r.problem("lahde-vuosi", "kerro uuden lähteen julkaisuvuosi", "give the new source's year of publication")
    kind = r.options("lahde-laji")
    if not kind:
        r.problem("lahde-laji", "valitse uuden lähteen laji", "choose the kind of the new source")
    url = _one(new["osoite"])
    if url and not re.fullmatch(r"https://[^\s<>\"'`]+", url):
        r.problem("lahde-osoite", "osoitteen pitää alkaa https:// eikä siinä saa olla välilyöntejä",
                  "the address must start with https:// and have no spaces")
        url = ""
    publisher = _one(new["julkaisija"])
    if not publisher and not url:
        r.problem("lahde-julkaisija", "kerro julkaisija tai verkko-osoite, jotta lähteen voi tarkistaa",
                  "give the publisher or the address, so that the source can be checked")
    authors = _lines(new["tekijat"])
    key = _bib_key(repo, authors, slug or "lahde", year)
    entry: dict[str, Any] = {"key": key, "kind": kind[0] if kind else "report"}
    if authors:
        entry["authors"] = authors
    entry["year"] = year or 0
    entry["title"] = title
    if publisher:
        entry["publisher"] = publisher
    if url:
        entry["url"] = url
    entry["role"] = "source"
    return key, entry


def case_yaml(case: dict, issue: int | None = None) -> str:
    head = "# yaml-language-server: $schema=schema.json\n"
    if issue:
        head += f"# Lähetetty verkkolomakkeella, issue #{issue}. / Sent with the web form, issue #{issue}.\n"
    return head + yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def _label_for(field_path: str, els: list[Element]) -> str:
    best = ""
    label = ""
    plain = re.sub(r"\[\d+\]", "", field_path)
    for el in els:
        path = el.path.split(":")[0]
        if path and (plain == path or plain.startswith(path + ".")) and len(path) > len(best):
            best, label = path, el.label
    if not label and plain.startswith("roles"):
        label = "Roolit"
    return label


def _validate(repo: Repo, els: list[Element], result: Result, flagged: set[str], placeholder_paths: list[str]) -> list[FormProblem]:
    """Every problem the schema and the content checks of `make validate` find in the built case
    (``els``: the form's elements, from :func:`elements`)."""
    from .content import load_cases

    data = dict(repo.data)
    out: list[Problem] = []
    if result.bib_entry is not None:
        entry = result.bib_entry
        if not any(x.startswith("new source") for x in flagged):
            out += validate({"entries": [entry]}, repo.root / "data" / "bibliography.schema.json",
                            "data/bibliography.yaml")
        data["bibliography"] = {**data["bibliography"], "entries": [*data["bibliography"]["entries"], entry]}
    with tempfile.TemporaryDirectory() as tmp:
        name = result.slug if result.slug and SLUG.fullmatch(result.slug) else "uusi-tapaus"
        path = Path(tmp) / f"{name}.yaml"
        path.write_text(result.case_text, encoding="utf-8")
        _, problems = load_cases(repo.root, data, case_dir=Path(tmp))
    declared = set(placeholder_paths)
    for p in problems:
        field_ = p.field
        if p.message == "still has the template's TODO text" and field_.rsplit(".", 1)[0] in declared:
            continue   # the Finnish text of a case written in Swedish or English: declared, not a problem
        if p.message.startswith("slug ") and "does not match the file name" in p.message:
            continue   # reported as a bad slug already
        plain = re.sub(r"\[\d+\]", "", field_)
        missing = re.match(r"missing required field\(s\): (.*)$", p.message)
        if missing:
            fields = [f.strip() for f in missing.group(1).split(",")]
            prefix = "" if field_ == "(top level)" else plain + "."
            if all(prefix + f in flagged or any((prefix + f).startswith(x + ".") or x.startswith(prefix + f + ".")
                                                for x in flagged) for f in fields):
                continue
        elif any(plain == x or plain.startswith(x + ".") for x in flagged):
            continue
        out.append(p)
    lines = []
    for p in out:
        label = _label_for(p.field, els)
        fi = finnish(p.message) + (f" (odotetaan: {finnish(p.expected)})" if p.expected else "")
        en = p.message + (f" (expected: {p.expected})" if p.expected else "")
        where = f"{p.file}: {p.field}" if p.file.startswith("data/") else p.field
        lines.append(FormProblem(label, where, fi, en))
    return lines


# -- writing ------------------------------------------------------------------------------------------

def bibliography_addition(entry: dict, slug: str, issue: int | None) -> str:
    dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    where = f"issue #{issue}" if issue else "the web form"
    lines = [f"  # --- From {where}: the source of cases/{slug}.yaml. Check it, and add a note. ---"]
    lines += ["  " + line for line in dumped.splitlines()]
    return "\n".join(lines) + "\n"


def write(root: Path, result: Result, issue: int | None = None) -> list[str]:
    """Write the case (and the new source's bibliography entry). Returns the written paths, relative to root."""
    if not result.ok:
        raise ValueError("refusing to write a case that has problems")
    root = Path(root)
    written = []
    bib_path = root / "data" / "bibliography.yaml"
    new_bib = None
    if result.bib_entry is not None:
        old = bib_path.read_text(encoding="utf-8")
        new_bib = old + ("" if old.endswith("\n") else "\n") + bibliography_addition(result.bib_entry, result.slug, issue)
        before, after = yaml.safe_load(old)["entries"], yaml.safe_load(new_bib)["entries"]
        if after != [*before, result.bib_entry]:
            raise IssueFormError("data/bibliography.yaml does not end with its entries list: add the source by hand")
    target = root / "cases" / f"{result.slug}.yaml"
    with target.open("x", encoding="utf-8") as fh:   # never overwrite a case
        fh.write(case_yaml(result.case, issue))
    written.append(f"cases/{result.slug}.yaml")
    if new_bib is not None:
        bib_path.write_text(new_bib, encoding="utf-8")
        written.append("data/bibliography.yaml")
    return written


# -- texts for the pull request and the issue ---------------------------------------------------------

def _fence(text: str) -> str:
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks}text\n{text}\n{ticks}"


def pr_body(result: Result, files: list[str], issue: int | None, author: str = "") -> str:
    lang = result.language
    by = f" (@{author})" if author and re.fullmatch(r"[A-Za-z0-9-]{1,39}", author) else ""
    lines = [
        f"Closes #{issue}" if issue else "",
        "",
        f"Uusi tapaus verkkolomakkeelta{by}. / A new case from the web form{by}.",
        "",
        "Tiedostot / Files: " + ", ".join(f"`{f}`" for f in files),
        "",
        "**Tarkistus ennen yhdistämistä / Review before merging**",
        "",
        "- [ ] Tarkistaja on joku muu kuin lomakkeen lähettäjä ja vertaa jokaisen tiedon lähteeseen, sen "
        "kohtaan, jonka `sources[].loc` nimeää. / A reviewer other than the author checks every fact against "
        "the source, at the place `sources[].loc` names.",
        "- [ ] Tilanne (`status`) on se, minkä lähde kertoo, lähteen vuonna. / The status is what the source "
        "says, as of its year.",
        "- [ ] Jokaisella karikkomerkinnällä on lähteessä virke, joka näkyy alla. / Every pitfall tag rests on "
        "a sentence in the source, given below.",
        "- [ ] Ei yhteystietoja eikä yksityishenkilöiden nimiä; teksti on omin sanoin. / No contact details or "
        "private people's names; the text is in the author's own words.",
        "- [ ] Merkintä tiedostoon `data/changes.yaml` (kind: new-case). / A change note in `data/changes.yaml`.",
    ]
    if result.bib_entry is not None:
        lines.append("- [ ] Uusi lähde `data/bibliography.yaml`-tiedostossa: tarkista nimi, vuosi ja osoite, "
                     "ja lisää lyhyt `note`. / The new source in `data/bibliography.yaml`: check its title, year "
                     "and address, and add a short `note`.")
    if result.finnish_needed:
        lines += ["", f"**Suomennos puuttuu / Finnish needed.** Lomake täytettiin kielellä {lang}. Suomi on "
                      "käsikirjan lähdekieli, joten jokaiseen tekstiin tarvitaan suomenkielinen teksti ennen "
                      f"yhdistämistä: {len(result.finnish_needed)} kohtaa, merkitty `{FINNISH_NEEDED}`. "
                      f"`make validate` ja CI hylkäävät tiedoston siihen asti. / The form was filled in {lang}. "
                      "Finnish is the handbook's source language: every text needs its Finnish version "
                      "before merging (marked as above); until then `make validate` and CI refuse the file."]
    missing = {k: v for k, v in result.untranslated.items() if k != DEFAULT_LANGUAGE and v}
    if missing:
        counts = ", ".join(f"{k}: {len(v)}" for k, v in missing.items())
        lines += ["", f"**Käännökset / Translations.** Puuttuvat tekstit ({counts}) näkyvät sivulla suomeksi, "
                      f"kunnes ne käännetään; `make parity` luettelee ne. / The missing texts ({counts}) show in "
                      f"Finnish with a notice until translated; `make parity` lists them."]
    if result.pitfall_evidence:
        lines += ["", "**Karikkomerkintöjen lähdevirkkeet (lähettäjän antamat) / Source sentences behind the "
                      "pitfall tags (as submitted):**", "", _fence(result.pitfall_evidence)]
    return "\n".join(lines).lstrip("\n") + "\n"


def refusal_comment(result: Result) -> str:
    n = len(result.problems)
    return (f"Lomakkeesta ei voitu tehdä tapaustiedostoa: {n} korjattavaa kohtaa. Korjaa ne muokkaamalla "
            f"tätä issueta (Edit), niin tarkistus ajetaan uudelleen. Ohje: CONTRIBUTING.md.\n\n"
            f"The form could not be turned into a case file: {n} thing(s) to fix. Edit this issue to fix them; "
            f"the check then runs again. See CONTRIBUTING.en.md.\n\n"
            + _fence("\n".join(f"- {line}" for line in result.report_lines())) + "\n")


def report_json(result: Result, files: list[str]) -> str:
    return json.dumps({
        "ok": result.ok, "slug": result.slug, "language": result.language, "files": files,
        "draft": bool(result.finnish_needed), "finnish_needed": result.finnish_needed,
        "untranslated": result.untranslated, "problems": result.report_lines(),
    }, ensure_ascii=False, indent=2) + "\n"


# -- the other way round: a case as a filled-in form (the worked example, tests) -----------------------

def answers_from_case(repo: Repo, case: dict, lang: str = DEFAULT_LANGUAGE, evidence: str = "") -> dict[str, Any]:
    """The answers that would produce ``case`` (texts in ``lang``): the worked example of CONTRIBUTING.
    ``evidence`` is the answer on the source sentences behind the pitfall tags (not kept in the case)."""
    els = {el.id: el for el in elements(repo)}

    def shown(el_id: str, value: str) -> str:
        return dict(els[el_id].options)[value]

    def t(value: dict | None) -> str:
        return value.get(lang, "") if value else ""

    a: dict[str, Any] = {
        "kieli": shown("kieli", lang), "tunniste": case["slug"], "nimi": t(case["name"]),
        "laji": shown("laji", case["kind"]), "kunnat": "\n".join(case["place"]["municipalities"]),
        "maakunta": t(case["place"]["region"]), "lat": str(case["place"]["coordinates"]["lat"]),
        "lon": str(case["place"]["coordinates"]["lon"]), "aloitettu": str(case.get("started", "")),
        "tilanne": shown("tilanne", case["status"]["value"]), "tilanne-vuosi": str(case["status"].get("as_of", "")),
        "teemat": ", ".join(shown("teemat", v) for v in case["themes"]),
        "osallistujat": ", ".join(shown("osallistujat", v) for v in case["participants"]),
        "aloitteentekija": t(case.get("initiator")), "poytia": str(case.get("tables", "")),
        "ryhmakoko": t(case.get("group_size")), "kokoontuminen": t(case.get("meets")), "vetaja": t(case.get("led_by")),
        "lyhyesti": t(case["summary"]), "kuvaus": "\n\n".join(t(p) for p in case["body"]),
        "tulokset": "\n".join(t(x) for x in case.get("outcomes", [])),
        "haasteet": "\n".join(t(x) for x in case.get("challenges", [])),
        "vinkit": "\n".join(t(x) for x in case.get("tips", [])),
        "askeleet": ", ".join(shown("askeleet", v) for v in case["steps"]),
        "karikot-nayttaa": [shown("karikot-nayttaa", v) for v in case.get("antipatterns", {}).get("shows", [])],
        "karikot-valttaa": [shown("karikot-valttaa", v) for v in case.get("antipatterns", {}).get("avoids", [])],
        "karikot-lahde": evidence,
        "lahde": shown("lahde", case["sources"][0]["key"]), "lahde-kohta": t(case["sources"][0].get("loc")),
        "vahvistukset": [text for _, text in els["vahvistukset"].options],
    }
    for role in repo.roles:
        a[f"rooli-{role}"] = "\n".join(t(r["who"]) for r in case.get("roles", []) if r["role"] == role)
    for key in repo.prop("decision_path")["properties"]:
        a[f"paatokset-{key}"] = t(case.get("decision_path", {}).get(key))
    return a


def render_body(repo: Repo, answers: dict[str, Any]) -> str:
    """An issue body as GitHub writes it for a submitted form with these answers."""
    parts = []
    for el in elements(repo):
        if el.type == "markdown":
            continue
        value = answers.get(el.id, "")
        if el.type == "checkboxes":
            ticked = set(value or [])
            text = "\n".join(f"- [{'X' if shown in ticked else ' '}] {shown}" for _, shown in el.options)
        else:
            text = str(value).strip() or NO_RESPONSE
        parts.append(f"### {el.label}\n\n{text}")
    return "\n\n".join(parts) + "\n"
