"""What the plugin does at each mkdocs event: reading mkdocs' objects (config, page, template context)
and handing plain values to the core and site layers, which hold the rules."""
from __future__ import annotations

import datetime
import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..core.pages import EASY_PAGE

log = logging.getLogger("mkdocs.plugins.kumppanuus")


# -- pages ------------------------------------------------------------------------------------

def page_path(page) -> str:
    """A page's path inside its language folder: 'sv/tapaukset/index.md' -> 'tapaukset/index.md'."""
    first, _, rest = page.file.src_uri.partition("/")
    return rest if first in LANGUAGES and rest else page.file.src_uri


def file_language(page) -> str:
    """The language folder the page was read from (a page missing in Swedish is read from fi/)."""
    first = page.file.src_uri.partition("/")[0]
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def root_of(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def commit_dates(config) -> dict[str, str]:
    """{repository path: date of its last commit}, from one `git log` per build (kumppanuus.site.dates)."""
    from ..site.dates import last_commit_dates

    return last_commit_dates(root_of(config))


def docs_in_repo(config) -> str:
    """The docs folder as a repository path ('docs'), or '' when it lies outside the repository."""
    root, docs = root_of(config), Path(config.docs_dir).resolve()
    return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else ""


def macros(plugin) -> dict:
    """The macros pages may call (registered with mkdocs-macros' public register_macros). Each renders
    for the page being converted, in its language (plugin.ctx())."""
    from ..core import cases, kit, render, worksheets

    ctx = plugin.ctx
    return {
        "document_template": lambda template_id: kit.document_template(ctx(), template_id),
        "method_cards": lambda: kit.method_cards(ctx()),
        "decision_routes": lambda: kit.decision_routes(ctx()),
        "case_roles": lambda: kit.case_roles(ctx()),
        "forms_table": lambda: render.forms_table(ctx()),
        "hallmarks_list": lambda: render.hallmarks_list(ctx()),
        "steps_checklist": lambda: render.steps_checklist(ctx(), method_card=kit.method_card),
        "memo_list": lambda: render.memo_list(ctx()),
        "changes_list": lambda: render.changes_list(ctx()),
        "worksheet": lambda kind: worksheets.worksheet(ctx(), kind),
        "antipatterns": lambda: render.antipatterns(ctx()),
        "glossary_table": lambda: render.glossary_table(ctx()),
        "bibliography": lambda: render.bibliography(ctx()),
        "cases_table": lambda: cases.cases_table(ctx()),
        "cases_filters": lambda: cases.cases_filters(ctx()),
        "cases_map": lambda: cases.cases_map(ctx()),
        "case_links": lambda kind, ident: render.case_links(ctx(), kind, ident),
    }


def page_markdown(plugin, markdown: str, page, config) -> str:
    """The "in brief" block under the title, a notice on a translation that is missing or behind, and the
    page's sources at the end."""
    from ..core.parity import translation_state
    from ..core.render import sources_section, summary_block, translation_notice, with_summary
    from ..core.text import finnish_url

    ctx = plugin.ctx(page)
    meta = page.meta or {}
    case = plugin.content.case_by_slug.get(meta.get("case")) if meta.get("generated_from") else None
    summary = case["summary"] if case else plugin.content.data["summaries"]["pages"].get(ctx.page)
    if summary:
        markdown = with_summary(markdown, summary_block(ctx, summary))
    parts = []
    kind = translation_state(Path(config.docs_dir), ctx.lang, ctx.page, file_language(page), meta)
    if kind:
        parts.append(translation_notice(ctx, kind, finnish_url(ctx, ctx.page)))
    parts.append(markdown)
    if meta.get("sources") and not meta.get("generated_from"):  # a case page lists its sources itself
        parts.append(sources_section(ctx, meta["sources"]))
    return "\n\n".join(parts) + "\n"


def page_content(ctx, html: str) -> str:
    from ..core.htmlpass import glossary_links, label_permalinks, label_task_lists

    return glossary_links(ctx, label_permalinks(label_task_lists(html)))


class _SharedBytecode:
    """Compiled theme templates shared by the three language builds of one process: each nested build
    has its own Jinja environment and would otherwise compile Material's ~50 templates again
    (measured: 0.5 s of a 3.5 s build). Jinja checks each template's source checksum before reuse."""

    def __init__(self):
        import jinja2

        store: dict[str, bytes] = {}

        class Cache(jinja2.BytecodeCache):
            def load_bytecode(self, bucket):
                if bucket.key in store:
                    bucket.bytecode_from_string(store[bucket.key])

            def dump_bytecode(self, bucket):
                store[bucket.key] = bucket.bytecode_to_string()

        self.cache = Cache()


_TEMPLATES = _SharedBytecode()


def template_env(plugin, env) -> None:
    """Words the theme partials need on every page, 404 included; compiled templates shared."""
    env.bytecode_cache = _TEMPLATES.cache
    env.globals["kp_search_more"] = plugin.content.labels["search.more"][plugin.lang]


def language_names(config) -> dict[str, str]:
    """Each language's name in itself, from the language menu Material is configured with."""
    return {alt["lang"]: alt["name"] for alt in config.extra.get("alternate") or [] if "lang" in alt}


def page_date(plugin, config, page) -> str:
    """ISO date of the page's last change: its Markdown file's, or for a generated case page its YAML
    file's; the build date when git has no record of it."""
    source = (page.meta or {}).get("generated_from")
    if not source:
        docs = docs_in_repo(config)
        source = f"{docs}/{page.file.src_uri}" if docs else ""
    return plugin.build.dates.get(source) or datetime.date.today().isoformat()


def page_context(plugin, context, page, config) -> None:
    """The language menu and hreflang alternates (the same page in every language), the print footer,
    the "link copied" message and the "last updated" date."""
    from ..core.render import print_footer
    from ..core.text import lang_prefix, page_url
    from ..site.dates import updated_html

    ctx = plugin.ctx(page)
    meta = page.meta or {}
    sources = meta.get("sources") or []
    context["kp_ui"] = {"copied": ctx.label("ui.copied"), "updated": ctx.label("print.updated"),
                        "footer": print_footer(ctx, page.canonical_url or page.url, sources)}
    context["kp_alternates"] = ctx.language_menu(language_names(config))
    context["kp_easy"] = easy_link(ctx, ctx.url(EASY_PAGE))
    base = (config.site_url or "/").rstrip("/") + "/"
    context["kp_hreflang"] = [{"lang": lang, "href": base + lang_prefix(lang) + page_url(ctx.page)}
                              for lang in LANGUAGES]
    page.meta["git_revision_date_localized"] = updated_html(page_date(plugin, config, page), ctx.lang)
    plugin.build.pages.setdefault(ctx.lang, []).append((ctx.page, meta.get("generated_from") or ""))


def language_root(config, lang: str) -> str:
    """Absolute URL path of a language's home, e.g. '/' or '/sv/' (a 404 page is served at any path)."""
    from urllib.parse import urlsplit

    from ..core.text import lang_prefix

    return urlsplit(config.site_url or "/").path.rstrip("/") + "/" + lang_prefix(lang)


def easy_link(ctx, href: str) -> dict[str, str]:
    """The header's link to the easy-language page (overrides/partials/header.html)."""
    return {"href": href, "label": ctx.label("ui.easy"), "title": ctx.label("ui.easy_title")}


def notfound_context(plugin, context, config) -> None:
    """The 404 page's words in the language being built; its language menu leads to each home page."""
    from ..core.render import notfound_words
    from ..core.text import page_url

    ctx = plugin.ctx(None)
    context["kp_notfound"] = {**notfound_words(ctx), "root": language_root(config, ctx.lang), "lang": ctx.lang}
    names = language_names(config)
    context["kp_alternates"] = [{"lang": lang, "name": names.get(lang, lang), "link": language_root(config, lang)}
                                for lang in LANGUAGES]
    context["kp_easy"] = easy_link(ctx, language_root(config, ctx.lang) + page_url(EASY_PAGE))
    context["kp_hreflang"] = []


# -- after a language, after the site ---------------------------------------------------------

def finnish_expander(plugin):
    """Voikko's base forms for the Finnish search index, or None where it is optional and missing."""
    from ..site.search import SearchError, finnish_expander

    try:
        return finnish_expander()
    except SearchError as exc:
        if plugin.config.finnish_lemmas == "required" and not plugin.serving:
            raise Abort(f"search index: {exc}") from None
        log.warning("search: Finnish base forms are left out (Pagefind's own stemming only). %s", exc)
        return None


def nav_sources(items) -> list[str]:
    """The page paths of the navigation configuration, in order."""
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(nav_sources(value) if isinstance(value, list) else [value])
    return out


def finish_language(plugin, config, lang: str) -> None:
    """What one language needs once its pages are written: its whole-guide page and the copies of its
    pages that Pagefind will index."""
    from ..core.text import case_src, lang_prefix
    from ..site.guide import assemble, guide_pages
    from ..site.search import SearchError, write_copies

    site = Path(config.site_dir)
    sources = guide_pages(nav_sources(config["nav"]), [case_src(c["slug"]) for c in plugin.content.cases])
    assemble(site, lang_prefix(lang), sources, plugin.content.labels["guide.toc"][lang])
    if not plugin.config.search:
        return
    if lang == DEFAULT_LANGUAGE:
        plugin.build.expander = finnish_expander(plugin)
    try:
        write_copies(site, lang, plugin.build.copies, plugin.build.expander)
    except SearchError as exc:
        raise Abort(f"search index: {exc}") from None


def finish_site(plugin, config) -> None:
    """Once every language is built: redirect pages, sitemap, stylesheets and the search index."""
    import shutil

    from ..site.search import SearchError, copies_per_language, run_pagefind

    site = Path(config.site_dir)
    missing = [f"{code}/" for code in LANGUAGES[1:] if not (site / code / "index.html").exists()]
    if missing:
        raise Abort(f"kumppanuus: the languages {missing} were not built before the {DEFAULT_LANGUAGE} post_build")
    write_redirect_pages(plugin, site)
    write_sitemap(plugin, config, site)
    # Material's script bundle, lunr and the search worker are not loaded by any page (overrides/main.html)
    shutil.rmtree(site / "assets" / "javascripts", ignore_errors=True)

    def index() -> None:  # the search index, while PurgeCSS works on the stylesheets (two processes, two cores)
        if not plugin.config.search:
            return
        counts = copies_per_language(plugin.build.copies)
        if not any(counts.values()):
            raise Abort(f"search index: no pages to index in {site}")
        try:
            run_pagefind(site, plugin.build.copies, expander=plugin.build.expander,
                         words=plugin.content.data.get("search"), labels=plugin.content.labels)
        except SearchError as exc:
            raise Abort(f"search index: {exc}") from None
        log.info("search index: %s", ", ".join(f"{k} {v} pages" for k, v in sorted(counts.items())))

    purge_stylesheets(plugin, config, site, during=index)


def write_redirect_pages(plugin, site: Path) -> None:
    from ..site.urls import write_redirects

    titles = {lang: plugin.content.labels["redirect.title"][lang] for lang in LANGUAGES}
    try:
        written = write_redirects(site, plugin.content.data["redirects"]["redirects"], titles)
    except ValueError as exc:
        raise Abort(str(exc)) from None
    if written:
        log.info("redirects: %d pages", len(written))


def write_sitemap(plugin, config, site: Path) -> None:
    """sitemap.xml from the default language's pages (every page exists in every language at the same
    address), with each language version's last change date."""
    from ..core.text import page_url
    from ..site.urls import write_sitemap as write

    dates, docs = plugin.build.dates, docs_in_repo(config)
    today = datetime.date.today().isoformat()
    pages = []
    for rel, generated in plugin.build.pages.get(DEFAULT_LANGUAGE, []):
        pages.append((page_url(rel), {lang: dates.get(generated or f"{docs}/{lang}/{rel}")
                                      or dates.get(f"{docs}/{DEFAULT_LANGUAGE}/{rel}") or today
                                      for lang in LANGUAGES}))
    write(site, config.site_url or "/", sorted(pages, key=lambda page: page[0]))


def purge_stylesheets(plugin, config, site: Path, during=None) -> None:
    """Material's stylesheets without the rules no page uses (PurgeCSS), the handbook's own stylesheet and
    scripts minified (kumppanuus.site.css); ``during()`` runs while PurgeCSS does. Not under `make serve`."""
    from ..site.css import CssError, minify, purge

    mode = plugin.config.purge_css
    if mode == "never" or (mode == "build" and plugin.serving):
        if during is not None:
            during()
        return
    try:
        sizes = purge(root_of(config), site, during=during)
        sizes.update(minify(site))
    except CssError as exc:
        raise Abort(f"stylesheets: {exc}") from None
    log.info("stylesheets: %s", ", ".join(f"{name} {a // 1024} -> {b // 1024} KB" for name, (a, b) in sizes.items()))
