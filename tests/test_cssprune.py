"""Unit tests of the stylesheet pruner, and what it leaves in the built site."""
from __future__ import annotations

import re

from kumppanuus.cssprune import Usage, parse, prune, serialize, strip_comments


def usage(html: str = "", js: str = "") -> Usage:
    u = Usage()
    u.add_html(html)
    if js:
        u.add_script(js)
    return u


def test_rules_for_unused_classes_go_and_used_ones_stay():
    css = ".md-nav{color:red}.md-annotation{color:blue}a{x:y}.md-nav .md-tooltip,.md-nav a{z:1}"
    out = prune(css, usage('<nav class="md-nav other">'))
    assert ".md-nav{color:red}" in out and "a{x:y}" in out
    assert "md-annotation" not in out
    assert ".md-nav a{z:1}" in out and "md-tooltip" not in out, "only the unused selector of a list goes"


def test_classes_added_by_the_handbooks_scripts_count_as_used():
    css = ".md-nav__link--active{color:red}.kp-search-more{margin:0}.unused{x:y}"
    out = prune(css, usage(js='a.classList.add("md-nav__link--active"); el("button", "kp-search-more")'))
    assert "md-nav__link--active" in out and "kp-search-more" in out and "unused" not in out


def test_classes_inside_is_not_and_attribute_selectors_are_not_required():
    css = ".a:not(.gone){x:1}.a :is(.gone,.b){y:2}[class~=gone] .a{z:3}"
    assert prune(css, usage('<p class="a">')) == css


def test_empty_media_blocks_unused_keyframes_and_unread_properties_go():
    css = ("@media screen{.gone{x:1}}@media print{.a{animation:spin 1s}}@keyframes spin{0%{x:0}}"
           "@keyframes fade{0%{x:0}}:root{--used:1;--unused:url(\"data:image/svg+xml;<svg>{}</svg>\");"
           "--chain:var(--deep);--deep:2}.a{color:var(--used)}")
    out = prune(css, usage('<p class="a">'))
    assert "@media screen" not in out and "@media print{.a{animation:spin 1s}}" in out
    assert "@keyframes spin" in out and "@keyframes fade" not in out
    assert "--used:1" in out and "--unused" not in out
    assert "--chain" not in out and "--deep" not in out, "a property read only by an unread one is unread too"


def test_palette_colours_no_page_sets_are_dropped():
    css = "[data-md-color-primary=indigo]{a:1}[data-md-color-primary=red]{a:2}[data-md-color-scheme=slate]{b:1}"
    out = prune(css, usage('<body data-md-color-primary="indigo"><input data-md-color-scheme="slate">'))
    assert out == "[data-md-color-primary=indigo]{a:1}[data-md-color-scheme=slate]{b:1}"


def test_strings_and_comments_with_braces_survive_a_round_trip():
    css = '/* a { comment } */.a{content:"} {";background:url(\'x{y}\')}@charset "UTF-8";'
    assert serialize(parse(strip_comments(css))) == '.a{content:"} {";background:url(\'x{y}\')}@charset "UTF-8";'


def test_the_built_site_ships_only_used_css_and_no_material_bundle(site_dir):
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(sheets) == 1, sheets
    css = sheets[0].read_text(encoding="utf-8")
    assert ".md-typeset .admonition" in css and ".md-nav__link" in css, "styles the pages use must stay"
    for unused in (".md-annotation", ".md-version", ".md-tag", ".tabbed-set", "--md-code-select-icon"):
        assert unused not in css, f"{unused} is not used by any page"
    assert len(css) < 80_000, f"Material's stylesheet is 140 KB before pruning; now {len(css)} bytes"
    assert not (site_dir / "assets" / "javascripts").exists(), "Material's script bundle is not shipped"
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert f'assets/stylesheets/{sheets[0].name}' in home
    assert not re.search(r'<script src="[^"]*bundle', home)
