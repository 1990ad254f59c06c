"""What the built site ships of Material's stylesheets (PurgeCSS, kumppanuus.site.css) and scripts."""
from __future__ import annotations

import re

from conftest import ROOT


def test_the_built_site_ships_only_used_css_and_no_material_bundle(site_dir):
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(sheets) == 1, sheets
    css = sheets[0].read_text(encoding="utf-8")
    assert ".md-typeset .admonition" in css and ".md-nav__link" in css, "styles the pages use must stay"
    for unused in (".md-annotation", ".md-version", ".md-tag", ".tabbed-set"):
        assert unused not in css, f"{unused} is not used by any page"
    assert len(css) < 80_000, f"Material's stylesheet is 140 KB before purging; now {len(css)} bytes"
    assert not (site_dir / "assets" / "javascripts").exists(), "Material's script bundle is not shipped"
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert f'assets/stylesheets/{sheets[0].name}' in home
    assert not re.search(r'<script src="[^"]*bundle', home)


def test_the_dark_palette_and_classes_added_by_scripts_survive(site_dir):
    """Rules the pages only need once a script has run: the dark palette (the light/dark switch copies its
    data-md-color-scheme) and the classes handbook.js adds (the current section, the "link copied" note)."""
    css = "".join(p.read_text(encoding="utf-8") for p in (site_dir / "assets" / "stylesheets").glob("*.css"))
    assert "[data-md-color-scheme=slate]" in css
    assert "--md-hue:" in css, "the dark palette's colours are computed from --md-hue (main.css)"
    assert ".md-nav__link--active" in css
    assert ".md-search-result__link" in css


def test_purgecss_is_pinned_and_configured():
    import json

    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["purgecss"] == "8.0.0"
    config = (ROOT / "purgecss.config.js").read_text(encoding="utf-8")
    assert "variables: false" in config and "safelist" in config, "custom properties cross the two stylesheets"
