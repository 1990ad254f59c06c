"""The kit for starting a table (issue 17): printable templates, method cards, the steps worksheet, routes from
table to decision and the roles in the cases — rendered from the data in fi, sv and en, escaped, printable.

Unit tests render the macros straight from the repository's data; the browser tests print the built pages
with Chromium (as tests/test_trainers.py does) and the build test reads the shared variant copy."""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import LANGS, PREFIX, ROOT, VARIANT_DECIDES
from kumppanuus.core import kit
from kumppanuus.core.content import Content
from kumppanuus.core.errors import DataError
from kumppanuus.core.text import Ctx, esc
from kumppanuus.core.worksheets import worksheet


@pytest.fixture(scope="module")
def content():
    return Content.load(ROOT)


def tree(html: str) -> ET.Element:
    """The macros write well-formed markup (every element closed, only numeric or XML entities), so that a
    test can read it as XML."""
    return ET.fromstring(f"<root>{html}</root>")


def text_of(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def flat(text: str) -> str:
    """Text without any whitespace: a PDF's line breaks fall anywhere, even inside a long word in a narrow cell."""
    return re.sub(r"\s+", "", text)


def templates(content) -> list[dict]:
    return content.data["templates"]["templates"]


def steps(content) -> list[dict]:
    return [s for ph in content.data["steps"]["phases"] for s in ph["steps"]]


# -- printable templates: every part by kind, sources and the handbook's own addition ---------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_template_renders_every_part_in_each_language(content, lang):
    for tpl in templates(content):
        ctx = Ctx(content, lang, tpl["page"])
        root = tree(kit.document_template(ctx, tpl["id"]))
        words = text_of(root)
        assert root.find(".//h2").text == tpl["title"][lang]
        assert tpl["purpose"][lang] in words
        parts = root.findall(".//section")
        assert len(parts) == len(tpl["sections"]), tpl["id"]
        for part, section in zip(parts, tpl["sections"]):
            said = text_of(part)
            if section.get("heading"):
                assert part.find("h3") is not None and section["heading"][lang] in said
            if section["kind"] == "text":  # blanks become lines, read aloud as "to be filled in"
                assert "____" not in said
                for piece in re.split(r"_{4,}", section["text"][lang]):
                    assert " ".join(piece.split()) in said, piece
                blanks = part.findall(".//span[@class]")
                assert sum("kp-doc-blank" in b.get("class") for b in blanks) == len(re.findall(r"_{4,}", section["text"][lang]))
            elif section["kind"] in ("fields", "list", "checklist"):
                for item in section["items"]:
                    assert item[lang] in said
                if section["kind"] == "checklist":
                    assert len(part.findall(".//li/span[@class='kp-ws-box']")) == len(section["items"])
                if section["kind"] == "fields":
                    assert len(part.findall(".//span[@class='kp-doc-line']")) == len(section["items"])
            elif section["kind"] == "table":
                table = part.find(".//table")
                assert [text_of(th) for th in table.findall("thead/tr/th")] == [c[lang] for c in section["columns"]]
                body = table.findall("tbody/tr")
                assert len(body) == section["rows"] and all(text_of(r) == "" for r in body)
                assert part.find(".//div[@role='region']").get("tabindex") == "0"
                legend = part.find(".//ul[@class='kp-doc-legend']")
                if section.get("status_legend"):
                    labels = [ctx.label(f"tpl.status.{c}") for c in ("green", "yellow", "red")]
                    assert [text_of(li) for li in legend.findall("li")] == labels
                    assert [li.find("span").get("class").split("--")[-1] for li in legend.findall("li")] == \
                        ["green", "yellow", "red"]  # in words and in colour
                    assert ctx.label("tpl.status.note") in said
                else:
                    assert legend is None
            elif section["kind"] == "timed":
                rows = part.findall(".//tbody/tr")
                assert [" ".join(text_of(td) for td in r) for r in rows] == [
                    f"{a['minutes']} {ctx.label('tpl.minutes')} {a['item'][lang]} {a['who'][lang]}" for a in section["agenda"]]
        footer = root.find(".//div[@class='kp-doc-footer']")
        said = text_of(footer)
        assert ctx.label("tpl.sources") in said and ctx.label("tpl.own") in said
        assert tpl["own_addition"][lang] in said
        links = [a.get("href") for a in footer.iter("a")]
        assert links == [f"../../lahteet/#{s['key']}" for s in tpl["sources"]]
        for src in tpl["sources"]:
            assert src["loc"][lang] in said
            assert src["key"] in content.bibliography, f"{tpl['id']}: {src['key']} is not in data/bibliography.yaml"


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_workshop_agenda_adds_up_to_two_hours(content, lang):
    agenda = next(t for t in templates(content) if t["id"] == "agenda")
    timed = [s for s in agenda["sections"] if s["kind"] == "timed"]
    assert len(timed) == 1
    assert timed[0]["total_minutes"] == 120
    assert sum(a["minutes"] for a in timed[0]["agenda"]) == 120
    root = tree(kit.document_template(Ctx(content, lang, agenda["page"]), "agenda"))
    total = " ".join(text_of(td) for td in root.find(".//tfoot/tr"))
    assert total == f"120 {Ctx(content, lang).label('tpl.minutes')} {Ctx(content, lang).label('tpl.total')}"


def test_template_text_is_escaped_and_never_evaluated(content):
    evil = copy.deepcopy(content)
    tpl = evil.data["templates"]["templates"][0]
    tpl["title"]["fi"] = "<script>alert(1)</script> {{ 7*7 }}"
    tpl["sections"][0] = {"kind": "text", "text": {"fi": '<img src=x onerror=alert(1)> ________ {% if 1 %}x{% endif %}',
                                                   "sv": "x", "en": "x"}}
    out = kit.document_template(Ctx(evil, "fi", tpl["page"]), tpl["id"])
    assert "<script>" not in out and "<img" not in out
    assert "{{" not in out and "{%" not in out
    assert "&lt;script&gt;" in out and "&#123;&#123; 7*7 &#125;&#125;" in out
    tree(out)  # still well-formed


def test_an_unknown_template_is_refused_with_the_known_ids(content):
    with pytest.raises(ValueError, match="unknown template 'kutsu'.*invitation"):
        kit.document_template(Ctx(content, "fi", "tyopohjat/kutsu.md"), "kutsu")


def test_every_template_page_calls_its_template_in_every_language(content):
    for tpl in templates(content):
        for lang in LANGS:
            page = (ROOT / "docs" / lang / tpl["page"]).read_text(encoding="utf-8")
            assert f'document_template("{tpl["id"]}")' in page, (lang, tpl["page"])


# -- method cards -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_method_cards_show_every_step_linking_to_it_with_the_note_once(content, lang):
    ctx = Ctx(content, lang, "tyopohjat/menetelmakortit.md")
    html = kit.method_cards(ctx)
    root = tree(html)
    assert text_of(root).count(content.data["steps"]["cards_note"][lang]) == 1
    cards = root.findall(".//div[@class='kp-mcard']")
    assert len(cards) == len(steps(content))
    for card, step in zip(cards, steps(content)):
        link = card.find("h2/a")
        assert link.get("href") == f"../../rakentaminen/#{step['id']}"
        assert text_of(link) == f"{step['number']} {step['title'][lang]}"
        said = text_of(card)
        data = step["card"]
        for key in ("time", "who"):
            assert ctx.label(f"card.{key}") in said and data[key][lang] in said
        for key in ("prepare", "output", "discuss"):
            assert ctx.label(f"card.{key}") in said
            for item in data[key]:
                assert item[lang] in said


def test_a_steps_own_card_is_shown_on_the_steps_page(content):
    from kumppanuus.core.render import steps_checklist

    ctx = Ctx(content, "en", "rakentaminen.md")
    page = steps_checklist(ctx, method_card=kit.method_card)
    assert page.count('<div class="kp-mcard kp-mcard--inline">') == len(steps(content))
    for step in steps(content):
        after = page.split(f"{{#{step['id']}}}", 1)[1]
        assert esc(step["card"]["time"]["en"]) in after.split("{#vaihe-", 1)[0], step["id"]
    for line in kit.method_card(ctx, steps(content)[0]).splitlines():
        assert line.strip(), "a blank line would end the raw HTML block inside the Markdown"


# -- the steps worksheet ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_steps_worksheet_has_questions_who_and_by_when_and_the_gap_note_after_2_1(content, lang):
    ctx = Ctx(content, lang, "tyopohjat/rakentaminen.md")
    html = worksheet(ctx, "steps")
    root = tree(html)
    items = root.findall(".//section")
    assert len(items) == len(steps(content))
    for item, step in zip(items, steps(content)):
        said = text_of(item)
        assert text_of(item.find("h3")) == f"{step['number']} {step['title'][lang]}"
        heads = [text_of(th) for th in item.findall(".//thead/tr/th")]
        assert heads == [ctx.label("steps.todo"), ctx.label("ws.who"), ctx.label("ws.by_when")]
        rows = item.findall(".//tbody/tr")
        assert [text_of(r) for r in rows] == [t[lang] for t in step["todo"]]  # who and by when left empty
        assert ctx.label("ws.discuss") in said
        for q in step["card"]["discuss"]:
            assert q[lang] in said
        for q in step.get("questions", []):
            assert q[lang] in said
        for r in step.get("recipients", []):
            assert r[lang] in said
    assert sum(bool(s.get("questions")) for s in steps(content)) == 1  # the guide's ten questions: step 2.1
    assert any(s.get("recipients") for s in steps(content))  # the guide's list: step 1.4
    gap = next(ph["gap_note"] for ph in content.data["steps"]["phases"] if ph.get("gap_note"))
    assert gap["after"] == "vaihe-2-1"
    where = html.index(esc(gap["text"][lang]))
    assert html.index(">2.1 ") < where < html.index(">2.3 ")


# -- routes from table to decision ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_decision_routes_table_shows_each_case_route_or_that_the_source_is_silent(content, lang):
    ctx = Ctx(content, lang, "paatoksenteko.md")
    root = tree(kit.decision_routes(ctx))
    region = root.find(".//div[@role='region']")
    assert region.get("tabindex") == "0" and region.get("aria-labelledby") == "kp-routes-caption"
    rows = root.findall(".//table/tbody/tr")
    assert len(rows) == len(content.cases)
    silent = ctx.label("case.not_stated")
    for row, case in zip(rows, content.cases):
        head = row.find("th")
        assert text_of(head.find("a")) == case["name"][lang]
        status = case["status"]
        assert ctx.label(f"status.{status['value']}") in text_of(head) and str(status.get("as_of", "")) in text_of(head)
        cells = [text_of(td) for td in row.findall("td")]
        tables = case.get("tables")
        assert cells[0] == (silent if tables is None else ctx.label("route.table_one") if tables == 1
                            else ctx.label("route.tables", n=tables))
        path = case.get("decision_path") or {}
        for cell, key in zip(cells[1:], ("carrier", "decides", "feedback")):
            assert cell == (" ".join(path[key][lang].split()) if key in path else silent), (case["slug"], key)


def flow_text(svg: ET.Element) -> str:
    """The words drawn in a diagram, each line of a label joined by a space."""
    return " ".join(" ".join(s.strip() for s in t.itertext()) for t in svg.iter("text"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_route_is_drawn_as_an_svg_with_a_text_alternative(content, lang):
    ctx = Ctx(content, lang, "paatoksenteko.md")
    html = kit.decision_routes(ctx)
    root = tree(html)
    figures = root.findall(".//figure")
    assert len(figures) == len(content.cases)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    for fig, case in zip(figures, content.cases):
        svg = fig.find("svg")
        assert svg.get("role") == "img" and svg.get("width") == "100%" and svg.get("viewBox", "").startswith("0 0 ")
        labelled = svg.get("aria-labelledby").split()
        title, desc = svg.find("title"), svg.find("desc")
        assert labelled == [title.get("id"), desc.get("id")]
        assert case["name"][lang] in title.text
        path = case.get("decision_path") or {}
        for key in ("carrier", "decides", "feedback", "note"):  # the full text, where the drawing has short labels
            if key in path:
                assert " ".join(path[key][lang].split()).rstrip(".") in desc.text, (case["slug"], key)
        drawn = flow_text(svg)
        for key in ("carrier", "decides", "feedback"):
            assert ctx.label(f"dp.{key}")[:1].upper() + ctx.label(f"dp.{key}")[1:] in drawn
            if key not in path:
                assert ctx.label("case.not_stated") in drawn
        # drawn in the text colour, whatever the palette: no colour is written into the drawing
        assert not re.search(r'(fill|stroke)="(?!none)', ET.tostring(svg, encoding="unicode"))
        if path.get("note"):
            assert " ".join(path["note"][lang].split()) in text_of(fig.find("figcaption"))


def test_long_route_texts_become_short_labels_in_the_drawing():
    lines = kit.short_label("Ensimmäinen lause on aika pitkä ja jatkuu vielä hetken ennen loppua. Toinen lause jää pois.")
    assert 1 <= len(lines) <= kit.MAX_LINES and all(len(line) <= kit.CHARS for line in lines)
    assert lines[-1].endswith("…") and "Toinen" not in " ".join(lines)
    assert kit.short_label("Lyhyt teksti.") == ["Lyhyt teksti."]
    long_word = kit.short_label("a" * 80)
    assert all(len(line) <= kit.CHARS for line in long_word)


# -- roles in the cases ---------------------------------------------------------------------------------

def test_the_roles_are_those_of_the_case_schema():
    schema = json.loads((ROOT / "cases" / "schema.json").read_text(encoding="utf-8"))
    assert list(kit.ROLES) == schema["properties"]["roles"]["items"]["properties"]["role"]["enum"]


@pytest.mark.parametrize("lang", LANGS)
def test_case_roles_shows_each_cases_roles_and_group_size_from_its_yaml(content, lang):
    ctx = Ctx(content, lang, "aloittaminen.md")
    root = tree(kit.case_roles(ctx))
    region = root.find("div")
    assert region.get("class") == "kp-table-wrap" and region.get("role") == "region" and region.get("tabindex") == "0"
    assert region.get("aria-labelledby") == root.find(".//caption").get("id")
    heads = [text_of(th) for th in root.findall(".//thead/tr/th")]
    assert len(heads) == 2 + len(kit.ROLES) and heads[-1] == ctx.label("case.group_size")
    silent = ctx.label("case.not_stated")
    rows = root.findall(".//tbody/tr")
    assert len(rows) == len(content.cases)
    for row, case in zip(rows, content.cases):
        assert text_of(row.find("th/a")) == case["name"][lang]
        cells = row.findall("td")
        for cell, role in zip(cells, kit.ROLES):
            who = [" ".join(r["who"][lang].split()) for r in case.get("roles") or [] if r["role"] == role]
            if len(who) > 1:
                assert [text_of(li) for li in cell.findall(".//li")] == who
            elif who:
                assert text_of(cell) == who[0]
            else:
                assert text_of(cell) == silent, (case["slug"], role)
        size = case.get("group_size")
        assert text_of(cells[-1]) == (" ".join(size[lang].split()) if size else silent)
    assert any(c.get("group_size") for c in content.cases), "at least one case gives its group size"


# -- validation: a broken template or card is reported with file, field and reason --------------------------

@pytest.fixture
def repo_copy(tmp_path):
    """What Content.load reads: data/, cases/ and the Finnish pages (the summaries are checked against them)."""
    for folder in ("data", "cases"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "docs" / "fi", tmp_path / "docs" / "fi")
    return tmp_path


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def first_of_kind(data: dict, kind: str) -> tuple[int, int, dict]:
    for i, tpl in enumerate(data["templates"]):
        for j, section in enumerate(tpl["sections"]):
            if section["kind"] == kind:
                return i, j, section
    raise AssertionError(kind)


BROKEN = [
    # (what is broken, change to data/templates.yaml or data/steps.yaml, file, field, words of the reason)
    ("unknown section kind", "templates",
     lambda d: first_of_kind(d, "list")[2].update(kind="poem"), "kind", "'poem' is not one of the allowed values"),
    ("a table without rows", "templates",
     lambda d: first_of_kind(d, "table")[2].update(rows=0), "rows", "0 is out of range"),
    ("a table with a text", "templates",
     lambda d: first_of_kind(d, "table")[2].update(text={"fi": "x", "sv": "x", "en": "x"}), ".text",
     "the field text is not allowed here"),
    ("the agenda does not add up", "templates",
     lambda d: first_of_kind(d, "timed")[2]["agenda"][0].update(minutes=15), "agenda", "adds up to 125 minutes, not 120"),
    ("a template title missing in Swedish", "templates",
     lambda d: d["templates"][0]["title"].pop("sv"), "templates[0].title", "missing required field(s): sv"),
    ("a method card without its time", "steps",
     lambda d: d["phases"][0]["steps"][0]["card"].pop("time"), "phases[0].steps[0].card", "missing required field(s): time"),
    ("a method card with five things to prepare", "steps",
     lambda d: d["phases"][0]["steps"][0]["card"]["prepare"].extend(
         [{"fi": f"x{i}", "sv": "x", "en": "x"} for i in range(4)]), "phases[0].steps[0].card.prepare", "too long"),
]


@pytest.mark.parametrize("what,name,change,field,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_template_or_card_is_reported_with_file_field_and_reason(repo_copy, what, name, change, field, words):
    edit_yaml(repo_copy / "data" / f"{name}.yaml", change)
    with pytest.raises(DataError) as err:
        Content.load(repo_copy)
    problems = [p for p in err.value.problems if p.file == f"data/{name}.yaml"]
    assert problems, err.value.report()
    assert any(field in p.field and words in f"{p.message} {p.expected}" for p in problems), \
        "\n".join(map(str, problems))


def test_make_validate_names_the_file_field_and_reason(repo_copy):
    edit_yaml(repo_copy / "data" / "templates.yaml", lambda d: first_of_kind(d, "table")[2].update(rows=0))
    proc = subprocess.run([sys.executable, "-m", "kumppanuus.cli", "--root", str(repo_copy), "validate"],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert re.search(r"data/templates\.yaml: templates\[\d+\]\.sections\[\d+\]\.rows: 0 is out of range", out), out
    assert "Traceback" not in out


def test_the_labels_file_has_each_key_once():
    """Several people add labels at once; YAML would silently keep only the last of two equal keys."""
    root = yaml.compose((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    keys = [k.value for k, _ in root.value]
    assert not {k for k in keys if keys.count(k) > 1}


# -- printed: page budgets, nothing cut, link addresses on paper (Chromium, as tests/test_trainers.py) ------

#: most A4 pages each printout may take: a template one or two; the invitation two (page 1 is the invitation
#: itself, page 2 the organiser's checklist); the ten method cards four to a page
PRINT_BUDGET = {"kutsu": 2, "pelisaannot": 2, "asialista": 2, "muistio": 2, "hallintosaanto": 2, "itsearviointi": 2,
                "menetelmakortit": 3}


def pdf_pages(pdf: Path) -> list[str]:
    from kumppanuus.site.pdf import page_count

    """The text of each page in the order it was laid out (-raw keeps a table cell's lines together)."""
    return [subprocess.run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for i in range(1, page_count(pdf) + 1)]


def template_words(tpl: dict, lang: str) -> list[str]:
    """Every text of a template that must be on paper."""
    out = [tpl["title"][lang], tpl["purpose"][lang], tpl["own_addition"][lang]] + [s["loc"][lang] for s in tpl["sources"]]
    for section in tpl["sections"]:
        out += [section["heading"][lang]] if section.get("heading") else []
        out += re.split(r"_{4,}", section["text"][lang]) if section["kind"] == "text" else []
        out += [i[lang] for i in section.get("items", []) + section.get("columns", [])]
        out += [x[lang] for a in section.get("agenda", []) for x in (a["item"], a["who"])]
    return [w for w in out if w.strip()]


def on_page(pages: list[str], words: str) -> list[int]:
    return [i for i, page in enumerate(pages, 1) if flat(words) in flat(page)]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_templates_and_method_cards_print_within_their_page_budget_with_nothing_cut(site_dir, tmp_path, content, lang):
    from kumppanuus.site.pdf import print_pages

    names = {Path(t["page"]).stem: t for t in templates(content)}
    assert set(names) | {"menetelmakortit"} == set(PRINT_BUDGET)
    jobs = [(f"{PREFIX[lang]}tyopohjat/{name}/", tmp_path / f"{name}.pdf") for name in PRINT_BUDGET]
    print_pages(site_dir, jobs)
    address = re.compile(r"\(http://127\.0\.0\.1:\d+/" + re.escape(PREFIX[lang]))
    for (_, pdf), name in zip(jobs, PRINT_BUDGET):
        pages = pdf_pages(pdf)
        assert 1 <= len(pages) <= PRINT_BUDGET[name], f"{lang} {name}: {len(pages)} pages"
        paper = flat("".join(pages))
        assert address.search(paper), f"{name}: link addresses are not printed"
        if name == "menetelmakortit":
            assert flat(content.data["steps"]["cards_note"][lang]) in paper
            for step in steps(content):  # a card is never split between two pages
                title = on_page(pages, f"{step['number']} {step['title'][lang]}")
                last = on_page(pages, step["card"]["discuss"][-1][lang])
                assert len(title) == 1 and title == last, f"{lang}: card {step['number']} is cut: pages {title} {last}"
                assert flat(f"{step['card']['time'][lang]}") in paper
            continue
        tpl = names[name]
        missing = [w for w in template_words(tpl, lang) if flat(w) not in paper]
        assert not missing, f"{lang} {name}: not on paper: {missing}"
        for src in tpl["sources"]:
            assert re.search(address.pattern + r"lahteet/#" + re.escape(src["key"]) + r"\)", paper), src["key"]
        for section in tpl["sections"]:  # a part is never split between two pages
            if section.get("heading") and section.get("items"):
                first, last = on_page(pages, section["heading"][lang]), on_page(pages, section["items"][-1][lang])
                assert first and last and last[0] in first, f"{lang} {name}: {section['heading'][lang]} is cut"
        if name == "kutsu":  # page 1 is the invitation itself, the organiser's checklist is on page 2
            organiser = next(s for s in tpl["sections"] if s.get("new_page"))
            assert on_page(pages, organiser["heading"][lang]) == [2]
            assert on_page(pages, tpl["title"][lang])[0] == 1


A4_PRINT_WIDTH = round((210 - 2 * 16) / 25.4 * 96)  # the print stylesheet's A4 page less its margins, in CSS px


@pytest.mark.browser
@pytest.mark.parametrize("path", ["tyopohjat/muistio/", "tyopohjat/asialista/", "tyopohjat/menetelmakortit/",
                                  "sv/tyopohjat/rakentaminen/", "en/paatoksenteko/", "aloittaminen/"])
def test_nothing_is_wider_than_the_printed_page(open_page, path):
    page, _ = open_page(path, viewport={"width": A4_PRINT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    wide = page.evaluate("""() => {
        const box = document.querySelector('.md-content__inner').getBoundingClientRect();
        return [...document.querySelectorAll('.kp-doc *, .kp-mcards *, .kp-worksheet *, .kp-flow-figs *, .kp-routes-table *, .kp-roles-table *')]
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > box.right + 1)
            .map(e => e.tagName + '.' + (typeof e.className === 'string' ? e.className : e.className.baseVal))
            .slice(0, 5);
    }""")
    assert wide == [], wide


# -- in the browser: the route diagrams' text alternative, palettes, a 320 px screen --------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_route_diagrams_have_a_text_alternative_and_follow_the_palette(open_page, content, scheme):
    page, _ = open_page("en/paatoksenteko/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    for case in content.cases:
        img = page.get_by_role("img", name=re.compile(re.escape(case["name"]["en"]) + ": the route"))
        assert img.count() == 1, case["slug"]
    colours = page.evaluate("""() => {
        const svg = document.querySelector('svg.kp-flow');
        const text = getComputedStyle(svg.querySelector('text')).fill;
        const box = getComputedStyle(svg.querySelector('rect')).stroke;
        return {text, box, colour: getComputedStyle(document.querySelector('.md-typeset')).color,
                background: getComputedStyle(document.body).backgroundColor};
    }""")
    assert colours["text"] == colours["colour"] == colours["box"], colours  # drawn in the text colour
    assert colours["text"] != colours["background"], colours


@pytest.mark.browser
def test_routes_roles_and_cards_reflow_on_a_320_px_screen(open_page, content):
    for path, region in (("paatoksenteko/", "#kp-routes-caption"), ("aloittaminen/", "#kp-roles-caption"),
                         ("rakentaminen/", "")):
        page, _ = open_page(path, viewport={"width": 320, "height": 640})
        wide = page.evaluate("""() => [...document.querySelectorAll(
                '.md-content .kp-flow-figs, .md-content .kp-flow-figs *, .md-content .kp-mcard *, .md-content .kp-table-wrap')]
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > 320.5)
            .map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 30))""")
        assert wide == [], (path, wide)  # nothing of the page scrolls sideways: only a wide table inside its region
        assert page.locator("svg.kp-flow").count() == (len(content.cases) if path == "paatoksenteko/" else 0)
        if not region:
            continue
        wrap = page.locator(f".kp-table-wrap[aria-labelledby='{region[1:]}']")
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # the wide table scrolls in its own region
        wrap.focus()
        assert wrap.evaluate("e => e === document.activeElement")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=wrap.element_handle())


# -- the diagrams are drawn from the cases' YAML (the shared variant copy changes a route) -------------------

def savonlinna_flow(site: Path, lang: str) -> str:
    html = (site / PREFIX[lang] / "paatoksenteko" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="kp-flow"[^>]*aria-labelledby="kp-flow-savonlinna-t[^"]*".*?</svg>', html, re.S)
    assert svg, "no diagram for Savonlinna"
    drawn = " ".join(re.sub(r"<[^>]+>", " ", m) for m in re.findall(r"<text\b.*?</text>", svg.group(0), re.S))
    return " ".join(drawn.split())


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_route_diagram_follows_a_changed_decision_path(variant_site, site_dir, content, lang):
    _, out = variant_site
    import html as htmllib

    old = content.case_by_slug["savonlinna"]["decision_path"]["decides"][lang]
    new_drawn = htmllib.unescape(savonlinna_flow(out, lang))
    old_drawn = htmllib.unescape(savonlinna_flow(site_dir, lang))
    assert VARIANT_DECIDES[lang] in new_drawn
    assert VARIANT_DECIDES[lang] not in old_drawn
    assert " ".join(kit.short_label(old)) in old_drawn and " ".join(kit.short_label(old)) not in new_drawn


def test_case_and_card_texts_are_escaped_and_a_missing_translation_is_read_as_finnish(content):
    evil = copy.deepcopy(content)
    case = next(c for c in evil.cases if c["slug"] == "savonlinna")
    case["decision_path"]["decides"] = {"fi": "<script>alert(1)</script> {{ 7*7 }} päättää."}  # no sv, no en
    case["roles"][0]["who"]["sv"] = '<img src=x onerror="alert(1)">'
    evil.data["steps"]["phases"][0]["steps"][0]["card"]["time"]["sv"] = "<b>{% raw %}</b>"
    ctx = Ctx(evil, "sv", "paatoksenteko.md")
    for out in (kit.decision_routes(ctx), kit.case_roles(ctx), kit.method_cards(ctx),
                kit.method_card(ctx, evil.data["steps"]["phases"][0]["steps"][0])):
        assert "<script" not in out and "<img" not in out and "<b>" not in out
        assert "{{" not in out and "{%" not in out
        tree(out)
    routes = tree(kit.decision_routes(ctx))
    svg = next(f.find("svg") for f in routes.iter("figure") if "savonlinna" in f.find("svg").get("aria-labelledby"))
    finnish = [t for t in svg.iter("text") if t.get("lang") == "fi"]
    assert len(finnish) == 1 and "päättää" in "".join(finnish[0].itertext())
    cell = [td for td in routes.iter("td") if "päättää" in text_of(td)]
    assert cell and cell[0].find(".//span[@lang='fi']") is not None  # marked in the table too
