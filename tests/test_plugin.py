"""The handbook as a mkdocs plugin: registered by entry point, typed options, and what it does when the
Finnish base forms (Voikko) are missing: stop a build, warn under `mkdocs serve` or when optional."""
from __future__ import annotations

import importlib.metadata
import logging

import pytest
from mkdocs.exceptions import Abort

from kumppanuus.plugin import HandbookPlugin, events
from kumppanuus.site import search

from conftest import ROOT


def test_the_plugin_is_registered_and_configured_in_mkdocs_yml():
    [entry] = [e for e in importlib.metadata.entry_points(group="mkdocs.plugins") if e.name == "kumppanuus"]
    assert entry.load() is HandbookPlugin
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - kumppanuus:\n" in config and "\nhooks:" not in config and not (ROOT / "hooks").exists()


def test_options_are_typed_and_checked():
    for option, bad in (("search", "yes please"), ("finnish_lemmas", "sometimes"), ("purge_css", "daily"),
                        ("enabled", "no")):
        errors, _ = HandbookPlugin().load_config({option: bad})
        assert [name for name, _ in errors] == [option], errors
    plugin = HandbookPlugin()
    errors, _ = plugin.load_config({})
    assert not errors
    assert (plugin.config.enabled, plugin.config.search, plugin.config.finnish_lemmas, plugin.config.purge_css) == \
        (True, True, "required", "build")


@pytest.fixture
def no_voikko(monkeypatch):
    def missing():
        raise search.SearchError("Finnish search needs Voikko: install voikko-fi and python3-libvoikko")
    monkeypatch.setattr(search, "finnish_expander", missing)


def plugin_for(command: str, lemmas: str = "required") -> HandbookPlugin:
    plugin = HandbookPlugin()
    plugin.load_config({"finnish_lemmas": lemmas})
    plugin.on_startup(command=command, dirty=False)
    return plugin


def test_a_build_without_voikko_stops_with_one_clear_line(no_voikko):
    with pytest.raises(Abort) as err:
        events.finnish_expander(plugin_for("build"))
    assert "voikko-fi" in str(err.value) and "\n" not in str(err.value).strip()


@pytest.mark.parametrize("command,lemmas", [("serve", "required"), ("build", "optional")])
def test_a_preview_or_an_optional_setting_warns_and_goes_on(no_voikko, caplog, command, lemmas):
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.kumppanuus"):
        assert events.finnish_expander(plugin_for(command, lemmas)) is None
    assert any("Pagefind's own stemming" in r.getMessage() for r in caplog.records)
