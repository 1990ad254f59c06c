"""The handbook as a mkdocs plugin: the only part of the package that imports mkdocs.

Registered as the ``kumppanuus`` entry point (pyproject.toml) and configured in mkdocs.yml. It wires
events to the core layer (data, rendering) and the site layer (search, whole guide, sitemap, …); the
rules themselves live there.

mkdocs-static-i18n builds the languages one after another in one process: Finnish first, then Swedish
and English as nested builds inside the Finnish build's ``post_build`` event. Every event here
therefore runs once per language; the language being built is the one static-i18n has set as the
theme language in ``on_config`` (this plugin's ``on_config`` runs after it). What belongs to the whole
three-language build (temporary search copies, the page list for the sitemap) lives in :class:`Build`,
made when the Finnish build starts and finished when its ``post_build`` ends.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..core.content import Content, get_content
from ..core.errors import DataError
from ..core.text import Ctx, lang_prefix, page_url
from . import events

log = logging.getLogger("mkdocs.plugins.kumppanuus")


class HandbookConfig(Config):
    """Options under ``plugins: - kumppanuus:`` in mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    #: base URL of the repository's files, for the "edit this case" link ("" = no link)
    source_repository = opt.Type(str, default="")
    #: build the Pagefind search index at the end of the build
    search = opt.Type(bool, default=True)
    #: Finnish base forms in the search index need Voikko: "required" stops a build without it,
    #: "optional" warns once and lets Pagefind's own stemming do (always optional under `mkdocs serve`)
    finnish_lemmas = opt.Choice(("required", "optional"), default="required")
    #: remove unused rules from Material's stylesheets with PurgeCSS (node_modules): "build" = not under
    #: `mkdocs serve`, "always", or "never"
    purge_css = opt.Choice(("build", "always", "never"), default="build")


@dataclass
class Build:
    """What one three-language build collects: made by the default language's on_config."""

    copies: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kp-search-")))
    languages: list[str] = field(default_factory=list)     # the language builds under way, outermost first
    pages: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang -> [(page path, generated_from)]
    dates: dict[str, str] = field(default_factory=dict)    # repository path -> last commit date
    expander: object = None                                # Finnish base forms for search (None: none)

    def drop(self) -> None:
        shutil.rmtree(self.copies, ignore_errors=True)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.build: Build | None = None
        self.content: Content | None = None
        self.page = None            # the page whose Markdown is being rendered (for the macros)

    # -- state --------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.build.languages[-1] if self.build and self.build.languages else DEFAULT_LANGUAGE

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def ctx(self, page=None) -> Ctx:
        """The rendering context of a page (or of the page being rendered)."""
        page = page or self.page
        return Ctx(self.content, self.lang, events.page_path(page) if page else "index.md",
                   repo=self.config.source_repository)

    # -- events -------------------------------------------------------------------------------
    def on_startup(self, *, command, dirty) -> None:
        self.command = command  # the plugin lives as long as `mkdocs serve` does

    @event_priority(-110)  # after static-i18n, which sets the language of this build
    def on_config(self, config):
        if not self.config.enabled:
            return config
        lang = config.theme["language"]
        if lang not in LANGUAGES:
            raise Abort(f"kumppanuus: the theme language {lang!r} is none of {', '.join(LANGUAGES)}")
        if lang == DEFAULT_LANGUAGE:  # a new build: the other languages are built inside this one
            if self.build is not None:
                self.build.drop()
            self.build = Build()
            self.build.dates = events.commit_dates(config)
        self.build.languages.append(lang)
        root = Path(config.config_file_path).resolve().parent
        try:
            self.content = get_content(root)
        except DataError as err:
            raise Abort("\n" + err.report()) from None
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = self.content.labels["ui.permalink"][lang]
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.register_macros(events.macros(self))
        return config

    @event_priority(-110)  # after static-i18n, which chooses the files of this language
    def on_files(self, files: Files, config) -> Files:
        """Every case page of this language, generated from cases/*.yaml (nothing is written to docs/)."""
        if not self.config.enabled:
            return files
        from ..core.cases import case_markdown
        from ..core.text import case_src

        lang = self.lang
        for case in self.content.cases:
            rel = case_src(case["slug"])
            file = File.generated(config, f"{lang}/{rel}", content=case_markdown(Ctx(
                self.content, lang, rel, repo=self.config.source_repository), case),
                inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = f"{lang_prefix(lang)}{page_url(rel)}index.html"
            files.append(file)
        return files

    @event_priority(100)  # before the macros plugin renders the page
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not self.config.enabled:
            return markdown
        self.page = page
        return events.page_markdown(self, markdown, page, config)

    def on_page_content(self, html: str, page, config, files) -> str:
        if not self.config.enabled:
            return html
        return events.page_content(self.ctx(page), html)

    def on_env(self, env, config, files):
        if self.config.enabled:
            events.template_env(self, env)
        return env

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled:
            events.page_context(self, context, page, config)
        return context

    def on_template_context(self, context, template_name: str, config):
        if self.config.enabled and template_name == "404.html":
            events.notfound_context(self, context, config)
        return context

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """static-i18n writes every language's 404.html to the site root, the last one winning. Write the
        Swedish and English ones to /sv/404.html and /en/404.html; the root keeps the Finnish one."""
        if not self.config.enabled or template_name != "404.html" or self.lang == DEFAULT_LANGUAGE:
            return output
        target = Path(config.site_dir) / self.lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return ""  # mkdocs skips writing an empty template

    @event_priority(-110)  # after static-i18n's post_build, in which the other languages are built
    def on_post_build(self, config) -> None:
        if not self.config.enabled or self.build is None:
            return
        lang = self.build.languages.pop()
        events.finish_language(self, config, lang)
        if self.build.languages:
            return  # a nested language build: the default language's post_build finishes the site
        try:
            events.finish_site(self, config)
        finally:
            self.build.drop()
            self.build = None

    def on_build_error(self, error) -> None:
        if self.build is not None:
            self.build.drop()
            self.build = None

    def on_shutdown(self) -> None:
        self.on_build_error(None)

    def on_serve(self, server, config, builder):
        root = Path(config.config_file_path).resolve().parent
        for sub in ("cases", "data", "src/kumppanuus"):
            if (root / sub).exists():
                server.watch(str(root / sub))
        return server
