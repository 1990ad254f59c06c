"""Unit tests of the renderers: escaping, relative links, fallbacks to Finnish."""
from __future__ import annotations

import copy

import pytest

from kumppanuus.core.content import Content
from kumppanuus.core.cases import case_markdown
from kumppanuus.core.text import Ctx, any_fallback, esc, md, page_url

from conftest import ROOT


@pytest.fixture(scope="module")
def content():
    return Content.load(ROOT)


def test_markdown_escaping_neutralises_syntax():
    out = md("**bold** [x](y) <b>{{ 7*7 }}</b> `code` _em_ {#id}")
    assert not any(s in out for s in ("**", "[", "<b>", "{{", "`", "_em_", "{#"))
    for block in ("# heading", "- item", "1. item", "> quote", ": definition"):
        assert not md(block).startswith(block[:2]), block
    assert esc('"><script>') == "&quot;&gt;&lt;script&gt;"


@pytest.mark.parametrize("src,url", [("index.md", ""), ("tapaukset/index.md", "tapaukset/"),
                                     ("tapaukset/pieksamaki.md", "tapaukset/pieksamaki/"), ("sanasto.md", "sanasto/")])
def test_page_url(src, url):
    assert page_url(src) == url


def test_relative_urls_between_pages(content):
    ctx = Ctx(content, "sv", "tapaukset/index.md")
    assert ctx.url("tapaukset/pieksamaki.md") == "pieksamaki/"
    assert ctx.url("lahteet.md", "jaakkola2018") == "../lahteet/#jaakkola2018"
    assert ctx.md_link("rakentaminen.md", "vaihe-1-1") == "../rakentaminen.md#vaihe-1-1"
    assert Ctx(content, "fi", "index.md").url("index.md") == "./"
    # shared assets live once at the site root: /sv/tapaukset/ climbs two levels, /tapaukset/ one
    assert ctx.asset("assets/cases.js") == "../../assets/cases.js"
    assert Ctx(content, "fi", "tapaukset/index.md").asset("assets/cases.js") == "../assets/cases.js"


def to_html(page_markdown: str) -> tuple[str, str]:
    """(HTML, table of contents) of a generated page as mkdocs converts it: front matter off, the
    Markdown extensions of mkdocs.yml that matter here on."""
    import markdown

    body = page_markdown.split("\n---\n", 1)[1]
    converter = markdown.Markdown(extensions=["attr_list", "admonition", "md_in_html", "toc"])
    return converter.convert(body), converter.toc_tokens


def test_missing_translation_falls_back_to_finnish_with_a_visible_marker(content):
    case = copy.deepcopy(content.cases[0])
    case["summary"] = {"fi": "Vain suomeksi."}
    case["body"] = [{"fi": "Vain suomeksi."}]
    assert any_fallback(case, "sv") and not any_fallback(case, "fi")
    ctx = Ctx(content, "sv", f"tapaukset/{case['slug']}.md")
    page = case_markdown(ctx, case)
    assert "untranslated_fields: true" in page
    html, _ = to_html(page)
    assert '<span lang="fi">Vain suomeksi.</span>' in html
    assert "(på finska)" in html
    assert content.labels["notice.fields.title"]["sv"] in html
    assert content.labels["notice.fields.title"]["sv"] not in case_markdown(ctx, content.cases[0])


def test_case_page_has_the_headings_anchors_and_links_mkdocs_checks(content):
    """A generated case page is Markdown: headings with stable ids in the table of contents, and links
    to other pages' sources (.md#anchor), which mkdocs resolves and checks like any page's."""
    case = content.case_by_slug["pieksamaki"]
    page = case_markdown(Ctx(content, "fi", "tapaukset/pieksamaki.md"), case)
    assert "](../rakentaminen.md#vaihe-1-1)" in page and "](index.md)" in page
    for ap in case["antipatterns"].get("shows", []) + case["antipatterns"].get("avoids", []):
        assert f"](../epaonnistuminen.md#{ap})" in page
    html, toc = to_html(page)
    [h1] = toc
    assert (h1["level"], h1["id"], h1["name"]) == (1, "pieksamaki", "Pieksämäki")
    sections = [t["id"] for t in h1["children"]]
    assert sections[0] == "kuvaus" and sections[-2:] == ["yhteydet", "lahteet"]
    links = next(t for t in h1["children"] if t["id"] == "yhteydet")
    assert [t["id"] for t in links["children"]][0] == "vaiheet"
    assert 'id="kp-card-title"' in html and 'class="kp-case-meta"' in html
    assert '<h2 id="kuvaus">' in html


def test_case_page_ids_stay_unique_when_a_case_name_matches_a_section(content):
    case = copy.deepcopy(content.case_by_slug["pieksamaki"])
    case["name"] = {"fi": "Kuvaus", "sv": "Kuvaus", "en": "Kuvaus"}
    _, toc = to_html(case_markdown(Ctx(content, "fi", "tapaukset/pieksamaki.md"), case))
    ids = [toc[0]["id"]] + [t["id"] for t in toc[0]["children"]]
    assert len(ids) == len(set(ids)) and "kuvaus" in ids, ids


def test_labels_exist_for_every_vocabulary_term(content):
    schema = __import__("json").loads((ROOT / "cases" / "schema.json").read_text(encoding="utf-8"))
    for term in schema["properties"]["themes"]["items"]["enum"]:
        assert f"theme.{term}" in content.labels
    for term in schema["properties"]["participants"]["items"]["enum"]:
        assert f"participant.{term}" in content.labels
    for term in schema["properties"]["status"]["properties"]["value"]["enum"]:
        assert f"status.{term}" in content.labels
    for term in schema["properties"]["roles"]["items"]["properties"]["role"]["enum"]:
        assert f"role.{term}" in content.labels
    for key in schema["properties"]["decision_path"]["properties"]:
        assert f"dp.{key}" in content.labels
    for term in schema["properties"]["kind"]["enum"]:
        assert f"kind.{term}" in content.labels


def test_checklist_boxes_get_their_text_as_label():
    from kumppanuus.core.htmlpass import label_task_lists
    html = ('<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled/> '
            'Sovi <a href="#x">tavoitteet</a></li>\n<li>tavallinen</li></ul>')
    out = label_task_lists(html)
    assert ('<li class="task-list-item"><label class="kp-task"><input type="checkbox"> '
            '<span>Sovi <a href="#x">tavoitteet</a></span></label></li>') in out
    assert "disabled" not in out and "<li>tavallinen</li>" in out


def test_glossary_terms_link_to_the_glossary_with_their_definition_but_tags_and_code_are_untouched(content):
    """The first use of a term becomes a link to its glossary entry, described by its (hidden) definition;
    later uses stay plain; nothing inside code, headings, links, labels or attributes is touched."""
    from kumppanuus.core.htmlpass import glossary_links
    from kumppanuus.core.text import Ctx

    ctx = Ctx(content, "fi", "tapaukset/index.md")
    term = next(t for t in content.data["glossary"]["terms"] if t["term"]["fi"].isalpha())
    word = term["term"]["fi"]
    html_in = (f'<h2 id="h">{word}</h2><p><code>{word}</code></p><a href="#x" title="{word}">{word}</a>'
               f'<label class="kp-task"><input type="checkbox"> <span>{word}</span></label>'
               f'<p>Tässä on {word}.</p><p>Ja taas {word}.</p><p>{word}x ei ole termi</p>')
    out = glossary_links(ctx, html_in)
    assert out.count('class="kp-term"') == 1, out
    tip_id = f"kp-term-{term['id']}"
    assert (f'<p>Tässä on <span class="kp-term"><a class="kp-term__link" href="../sanasto/#{term["id"]}" '
            f'aria-describedby="{tip_id}">{word}</a><span class="kp-term__tip" id="{tip_id}" role="tooltip" hidden '
            f'data-pagefind-ignore>') in out, out
    assert f"<p>Ja taas {word}.</p>" in out  # only the first use
    assert f'<h2 id="h">{word}</h2>' in out and f"<code>{word}</code>" in out
    assert f'<a href="#x" title="{word}">{word}</a>' in out and f"<span>{word}</span></label>" in out
    definition = out.split(f'id="{tip_id}"', 1)[1].split(">", 1)[1].split("</span>", 1)[0]
    assert definition and "<" not in definition


def test_glossary_page_itself_gets_no_term_links(content):
    from kumppanuus.core.htmlpass import glossary_links
    from kumppanuus.core.text import Ctx

    word = content.data["glossary"]["terms"][0]["term"]["fi"]
    assert glossary_links(Ctx(content, "fi", "sanasto.md"), f"<p>{word}</p>") == f"<p>{word}</p>"


def test_glossary_definitions_are_escaped_and_a_finnish_fallback_is_marked(content):
    import copy

    from kumppanuus.core.htmlpass import glossary_links
    from kumppanuus.core.text import Ctx

    evil = copy.deepcopy(content)
    evil.data["glossary"]["terms"] = [{"id": 'p"x', "term": {"fi": "pöytä", "sv": "bord"},
                                       "definition": {"fi": 'a "b" <script>x</script>'}}]
    out = glossary_links(Ctx(evil, "fi", "index.md"), "<p>pöytä</p>")
    assert out == ('<p><span class="kp-term"><a class="kp-term__link" href="sanasto/#p&quot;x" '
                   'aria-describedby="kp-term-p&quot;x">pöytä</a><span class="kp-term__tip" id="kp-term-p&quot;x" '
                   'role="tooltip" hidden data-pagefind-ignore>a &quot;b&quot; &lt;script&gt;x&lt;/script&gt;'
                   '</span></span></p>'), out
    sv = glossary_links(Ctx(evil, "sv", "index.md"), "<p>bord</p>")
    assert 'role="tooltip" lang="fi" hidden' in sv, sv
