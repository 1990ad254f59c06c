"""The small adapter between mkdocs (hooks, macros) and the package.

Only this module knows mkdocs' objects; the rest of the package works on plain data.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from . import DEFAULT_LANGUAGE, LANGUAGES
from .content import Content, get_content
from .errors import DataError
from .generate import write_case_pages
from .parity import source_hash
from .render import (Ctx, esc, finnish_url, glossary_abbr, label_permalinks, label_task_lists, md,
                     sources_section)

log = logging.getLogger("mkdocs.hooks.handbook")
ROOT = Path(__file__).resolve().parents[2]


def root_of(config) -> Path:
    return Path(config.config_file_path).resolve().parent if config.config_file_path else ROOT


def current_language(config) -> str:
    plugin = config.plugins.get("i18n")
    lang = getattr(plugin, "current_language", None) if plugin else None
    return lang or DEFAULT_LANGUAGE


def page_path(page) -> str:
    """A page's path relative to its language folder: 'sv/tapaukset/index.md' -> 'tapaukset/index.md'."""
    src = page.file.src_uri
    first, _, rest = src.partition("/")
    return rest if first in LANGUAGES and rest else src


def site_key(config) -> str:
    """The site folder, as the key of what this module keeps per build (a test may build several sites)."""
    return str(Path(config.site_dir).resolve())


_BUILD: dict[str, Content] = {}
_USAGE: dict[str, "Usage"] = {}  # class names the pages use, per site folder (see kumppanuus.cssprune)
_WRITTEN: dict[str, tuple] = {}


def content_or_abort(config, refresh: bool = False) -> Content:
    """The content of this build. Checked against file versions once per language build (in on_config),
    not once per page: with a thousand cases, a per-page check would make the build quadratic."""
    from mkdocs.exceptions import Abort

    key = str(root_of(config))
    if refresh or key not in _BUILD:
        try:
            _BUILD[key] = get_content(root_of(config))
        except DataError as err:
            _BUILD.pop(key, None)
            raise Abort("\n" + err.report()) from None
    return _BUILD[key]


def ctx_for(config, page=None) -> Ctx:
    return Ctx(content_or_abort(config), current_language(config), page_path(page) if page else "index.md",
               repo=config.extra.get("source_repository", ""))


# -- hook events -----------------------------------------------------------------------------

def on_config(config) -> None:
    content = content_or_abort(config, refresh=True)
    _DATES.pop(str(root_of(config)), None)  # read the git history again (make serve: new commits)
    lang = current_language(config)
    if lang == DEFAULT_LANGUAGE:  # the outer build: Swedish and English are built inside it, later
        from .cssprune import Usage
        _USAGE[site_key(config)] = Usage()
        drop_search_copies(config)  # a new build: new copies (a failed build may have left some)
        search_copies(config)
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = content.labels["ui.permalink"][lang]
    # every language build needs the pages of all languages on disk: write them once per content version
    if _WRITTEN.get(config.docs_dir) != content.stamp:
        write_case_pages(content, Path(config.docs_dir), repo=config.extra.get("source_repository", ""))
        _WRITTEN[config.docs_dir] = content.stamp
    # Navigation section titles come from data/labels.yaml ("nav:<Finnish title>"), one source for every language.
    plugin = config.plugins.get("i18n")
    if plugin is not None:
        for lang_cfg in plugin.config.languages:
            translations = {key[4:]: value[lang_cfg.locale] for key, value in content.labels.items()
                            if key.startswith("nav:") and lang_cfg.locale in value}
            lang_cfg.nav_translations = translations


def on_files(config) -> None:
    """The default language's build has just cleaned the site folder: start the other languages' builds
    alongside it when the machine allows (kumppanuus.parallel)."""
    from . import parallel

    plugin = config.plugins.get("i18n")
    if plugin is None or plugin.building or current_language(config) != DEFAULT_LANGUAGE or not parallel.enabled():
        return
    parallel.start(config, plugin, [lang for lang in plugin.build_languages if lang != DEFAULT_LANGUAGE], _USAGE,
                   before_wait=lambda: finish_language(config, DEFAULT_LANGUAGE))


def on_build_error() -> None:
    from . import parallel

    parallel.wait_all(stop=True)
    drop_search_copies()


def merge_usage(found: dict) -> None:
    """Add the class names a language build in another process found (kumppanuus.parallel)."""
    from .cssprune import Usage

    for site, usage in found.items():
        into = _USAGE.setdefault(site, Usage())
        into.classes |= usage.classes
        into.colors |= usage.colors
        into.text.extend(usage.text)


def on_page_markdown(markdown: str, page, config, files) -> str:
    ctx = ctx_for(config, page)
    meta = page.meta or {}
    if meta.get("case") and meta.get("generated_from"):
        render_case_without_markdown(ctx, page, config, files)
        return markdown
    parts = []
    notice = translation_notice(ctx, page, config)
    if notice:
        parts.append(notice)
    parts.append(markdown)
    if meta.get("sources"):
        parts.append(sources_section(ctx, meta["sources"]))
    return "\n\n".join(parts) + "\n"


def render_case_without_markdown(ctx: Ctx, page, config, files) -> None:
    """Give a generated case page its HTML straight from the case data (kumppanuus.render.case_html)
    instead of through Python-Markdown, which was 40 % of a build with a thousand cases.

    mkdocs has no event for replacing the conversion, so this page's ``render`` is replaced; the
    replacement fills in what ``Page.render`` would: content, table of contents, title, the ids on the
    page and the links to other pages' anchors, so that mkdocs still checks every link and anchor
    (a missing target is the same warning, and a strict build fails on it)."""
    import types

    from mkdocs.structure.toc import get_toc

    from .render import case_html

    case = ctx.content.case_by_slug.get(page.meta["case"])
    if case is None:  # the generated pages are rewritten from cases/ in on_config: only a stale file gets here
        from mkdocs.exceptions import Abort
        raise Abort(f"{page.file.src_uri}: there is no case {page.meta['case']!r} in cases/ (delete the file)")

    def render(self, config, files) -> None:
        folder = self.file.src_uri.partition("/")[0]  # the language folder: links are relative to it
        anchors: dict = {}
        found = vars(files).setdefault("_kp_found", {})  # the same few targets from every case page

        def link(target: str, anchor: str) -> str:
            path = f"{folder}/{target}" if folder in LANGUAGES else target
            if path not in found:
                found[path] = files.get_file_from_path(path)
            target_file = found[path]
            if target_file is None:
                log.warning("Doc file '%s' contains a link '%s', but the target is not found among documentation "
                            "files.", self.file.src_uri, ctx.md_link(target, anchor))
                return ctx.md_link(target, anchor)
            if anchor and anchor not in anchors.get(target_file, {}):
                anchors.setdefault(target_file, {})[anchor] = ctx.md_link(target, anchor)
            return target_file.url_relative_to(self.file) + (f"#{anchor}" if anchor else "")

        built = case_html(ctx, case, config.mdx_configs["toc"]["permalink_title"], link)
        self.content = built.html
        self.toc = get_toc(built.toc)
        self._title_from_render = built.title
        self.present_anchor_ids = built.ids
        self.links_to_anchors = anchors

    page.render = types.MethodType(render, page)


def translation_notice(ctx: Ctx, page, config) -> str:
    if ctx.lang == DEFAULT_LANGUAGE or (page.meta or {}).get("generated_from"):
        return ""
    src_lang = page.file.src_uri.partition("/")[0]
    fi_file = Path(config.docs_dir) / DEFAULT_LANGUAGE / ctx.page
    # raw HTML: the Finnish page is not part of this language's build, so mkdocs cannot resolve a .md link
    link = f'<a href="{finnish_url(ctx, ctx.page)}" hreflang="fi">{esc(ctx.label("notice.finnish_page"))}</a>'
    if src_lang == DEFAULT_LANGUAGE:
        kind = "untranslated"
    elif fi_file.exists() and str((page.meta or {}).get("translation_of")) != source_hash(
            fi_file.read_text(encoding="utf-8")):
        kind = "outdated"
    else:
        return ""
    return (f'!!! warning "{esc(ctx.label(f"notice.{kind}.title"))}"\n'
            f'    {md(ctx.label(f"notice.{kind}.text"))} {link}\n')


class _SharedBytecode:
    """Compiled theme templates shared by the three language builds of one process: each nested build
    has its own Jinja environment and would otherwise compile Material's ~50 templates again
    (measured: 0.5 s of a 3.5 s build). Jinja checks each template's source checksum before reuse."""

    def __init__(self):
        import jinja2

        class Cache(jinja2.BytecodeCache):
            store: dict[str, bytes] = {}

            def load_bytecode(self, bucket):
                if bucket.key in self.store:
                    bucket.bytecode_from_string(self.store[bucket.key])

            def dump_bytecode(self, bucket):
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = Cache()


_TEMPLATES = _SharedBytecode()


def on_env(env, config) -> None:
    """Words the theme partials need on every page, 404 included, in the language being built;
    compiled templates shared between the language builds."""
    env.bytecode_cache = _TEMPLATES.cache
    content = content_or_abort(config)
    env.globals["kp_search_more"] = content.labels["search.more"][current_language(config)]


def on_serve(server, config, builder) -> None:
    root = root_of(config)
    for sub in ("cases", "data", "src/kumppanuus"):
        server.watch(str(root / sub))


# -- macros ----------------------------------------------------------------------------------

def register_macros(env) -> None:
    """Register the package's render functions as macros. Each knows the page's language itself."""
    from . import render

    def ctx() -> Ctx:
        return ctx_for(env.conf, env.page)

    env.macro(lambda: render.forms_table(ctx()), "forms_table")
    env.macro(lambda: render.hallmarks_list(ctx()), "hallmarks_list")
    env.macro(lambda: render.steps_checklist(ctx()), "steps_checklist")
    env.macro(lambda: render.memo_list(ctx()), "memo_list")
    env.macro(lambda: render.changes_list(ctx()), "changes_list")
    env.macro(lambda kind: render.worksheet(ctx(), kind), "worksheet")
    env.macro(lambda: render.antipatterns(ctx()), "antipatterns")
    env.macro(lambda: render.glossary_table(ctx()), "glossary_table")
    env.macro(lambda: render.bibliography(ctx()), "bibliography")
    env.macro(lambda: render.cases_table(ctx()), "cases_table")
    env.macro(lambda: render.cases_filters(ctx()), "cases_filters")
    env.macro(lambda: render.cases_map(ctx()), "cases_map")
    env.macro(lambda kind, ident: render.case_links(ctx(), kind, ident), "case_links")


_DATES: dict[str, dict[str, str]] = {}


def commit_dates(config) -> dict[str, str]:
    """{repository path: ISO date of its last commit}, read once per build (kumppanuus.dates)."""
    from .dates import last_commit_dates

    root = root_of(config)
    if str(root) not in _DATES:
        _DATES[str(root)] = last_commit_dates(root)
    return _DATES[str(root)]


def docs_in_repo(config) -> str:
    """The docs folder as a repository path ('docs'), or '' when it lies outside the repository."""
    root, docs = root_of(config), Path(config.docs_dir).resolve()
    return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else ""


def page_date(config, page) -> str:
    """ISO date of the page's last change: its Markdown file's, or for a generated case page its YAML
    file's; the build date when git has no record of it."""
    import datetime

    source = (page.meta or {}).get("generated_from")
    if not source:
        docs = docs_in_repo(config)
        source = f"{docs}/{page.file.src_uri}" if docs else ""
    return commit_dates(config).get(source) or datetime.date.today().isoformat()


def on_page_context(context, page, config) -> None:
    """Make the language switcher's links relative (static-i18n gives home pages absolute '/sv/' links,
    which break when the site is served from a sub-path, e.g. a project page or a USB stick).

    A generated case page is not in git: its "last updated" date is that of its YAML file.
    Also gives the templates the page's print footer and the "link copied" message."""
    from .dates import updated_html
    from .render import print_footer

    ctx = ctx_for(config, page)
    meta = page.meta or {}
    sources = meta.get("sources") or []
    if meta.get("case"):
        case = ctx.content.case_by_slug.get(meta["case"])
        sources = case.get("sources", []) if case else []
    context["kp_ui"] = {"copied": ctx.label("ui.copied"), "updated": ctx.label("print.updated"),
                        "footer": print_footer(ctx, page.canonical_url or page.url, sources)}
    page.meta["git_revision_date_localized"] = updated_html(page_date(config, page), ctx.lang)
    for alt in language_menu(config):
        link = alt.get("link") or ""
        if link.startswith("/"):
            alt["link"] = link.lstrip("/") or "./"


def language_menu(config) -> list[dict]:
    """The entries of the language menu as the template reads them: static-i18n sets the attribute
    ``config.extra.alternate`` per page; the configured mapping item is the fallback."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def language_root(config, lang: str) -> str:
    """Absolute URL path of a language's home, e.g. '/' or '/sv/' (static templates use absolute URLs)."""
    from urllib.parse import urlsplit
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return base if lang == DEFAULT_LANGUAGE else f"{base}{lang}/"


def on_template_context(context, template_name: str, config) -> None:
    """Give the 404 template its words in the language being built."""
    if template_name != "404.html":
        return
    content = content_or_abort(config)
    lang = current_language(config)
    context["kp_notfound"] = {key: content.labels[f"notfound.{key}"][lang]
                              for key in ("title", "text", "search", "search_button", "home", "pages")}
    context["kp_notfound"]["root"] = language_root(config, lang)
    context["kp_notfound"]["lang"] = lang
    # The language menu of a 404 page leads to each language's home. static-i18n leaves the alternates of
    # the last page built before it in the configuration (in a Swedish build: a Finnish page's).
    for alt in language_menu(config):
        if alt.get("lang") in LANGUAGES:
            alt["link"] = language_root(config, alt["lang"])


def on_post_template(output: str, template_name: str, config) -> str:
    """static-i18n writes every language's 404.html to the site root, the last language winning.
    Write Swedish and English to /sv/404.html and /en/404.html instead; the root keeps the Finnish one."""
    lang = current_language(config)
    if template_name == "404.html":
        usage_of(config).add_html(output)
    if template_name != "404.html" or lang == DEFAULT_LANGUAGE:
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # mkdocs skips writing an empty template: the root 404.html stays Finnish


def usage_of(config):
    from .cssprune import Usage
    return _USAGE.setdefault(site_key(config), Usage())


def on_post_page(output: str, config) -> str:
    usage_of(config).add_html(output)
    return output


def on_page_content(html_text: str, page, config) -> str:
    return glossary_abbr(ctx_for(config, page), label_permalinks(label_task_lists(html_text)))


def on_post_build(config) -> None:
    """After one language is built: its whole guide page and its search copies (finish_language).
    After all three: redirect pages, sitemap, the search index, pruned stylesheets.

    static-i18n builds Swedish and English inside the Finnish build's post_build, with its
    ``building`` flag set (or kumppanuus.parallel builds them in processes of their own); this hook
    runs after that plugin (event priority in hooks/handbook.py), so the call with the flag down is
    the outer one, when all pages exist.
    """
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        finish_language(config, current_language(config))
        return
    from mkdocs.exceptions import Abort

    from .search import SearchError, copies_per_language, run_pagefind

    finish_language(config, DEFAULT_LANGUAGE)
    site = Path(config.site_dir)
    missing = [f"{code}/" for code in LANGUAGES[1:] if not (site / code / "index.html").exists()]
    if missing:
        raise Abort(f"search index: languages {missing} were not built before the Finnish post_build hook")
    write_redirect_pages(config, site)

    def meanwhile() -> None:  # while Pagefind indexes its own copies of the pages: none of this is searched
        write_sitemap(config, site, plugin)
        prune_stylesheets(config, site)

    copies = search_copies(config)
    try:
        counts = copies_per_language(copies)
        if not any(counts.values()):
            raise Abort(f"search index: no pages to index in {site}")
        run_pagefind(site, copies, during=meanwhile)
    except SearchError as exc:
        raise Abort(f"search index: {exc}") from None
    finally:
        drop_search_copies(config)
    log.info("search index: %s", ", ".join(f"{k} {v} pages" for k, v in sorted(counts.items())))


_COPIES: dict[str, tuple[Path, int]] = {}  # site folder -> (temporary folder of search copies, process that made it)
_FINISHED: set[tuple[str, str]] = set()


def search_copies(config) -> Path:
    """The temporary folder where every language build leaves its pages' search copies. Made by the
    default language's build before the others start, so that builds in other processes share it."""
    import os
    import tempfile

    key = site_key(config)
    if key not in _COPIES:
        _COPIES[key] = (Path(tempfile.mkdtemp(prefix="kp-search-")), os.getpid())
    return _COPIES[key][0]


def drop_search_copies(config=None) -> None:
    """Remove the search copies of this site (of every site: after a failed build), in the process that
    made them only: a language build in another process must not remove what the others share."""
    import os

    keys = [site_key(config)] if config is not None else list(_COPIES)
    for key in keys:
        if key in _COPIES and _COPIES[key][1] == os.getpid():
            shutil.rmtree(_COPIES.pop(key)[0], ignore_errors=True)
        for done in [d for d in _FINISHED if d[0] == key]:
            _FINISHED.discard(done)


def finish_language(config, lang: str) -> None:
    """What one language needs once its pages are written: its whole guide page, and the copies of its
    pages that Pagefind indexes. Runs in the process that built the language, so languages built in
    parallel finish in parallel."""
    from .search import SearchError, write_copies

    key = (site_key(config), lang)
    if key in _FINISHED:
        return
    _FINISHED.add(key)
    site = Path(config.site_dir)
    assemble_whole_guide(config, site, [lang])
    try:
        write_copies(site, lang, search_copies(config))
    except SearchError as exc:
        from mkdocs.exceptions import Abort
        raise Abort(f"search index: {exc}") from None


def write_sitemap(config, site: Path, plugin) -> None:
    """sitemap.xml from the default language's pages (every page exists in every language at the same
    address), with each language version's last change date (kumppanuus.urls.write_sitemap)."""
    import datetime

    from .urls import write_sitemap as write

    dates, docs = commit_dates(config), docs_in_repo(config)
    today = datetime.date.today().isoformat()
    pages = []
    files = plugin.i18n_files_per_language.get(DEFAULT_LANGUAGE, []) if plugin is not None else []
    for file in files:
        if file.page is None or file.page.is_link:
            continue
        rel = page_path(file.page)
        generated = (file.page.meta or {}).get("generated_from")
        pages.append((file.url if file.url != "./" else "",
                      {lang: dates.get(generated or f"{docs}/{lang}/{rel}") or dates.get(f"{docs}/fi/{rel}") or today
                       for lang in LANGUAGES}))
    write(site, config.site_url or "/", sorted(pages))


def prune_stylesheets(config, site: Path) -> None:
    """Ship only the parts of Material's stylesheets that the pages use (kumppanuus.cssprune)."""
    from .cssprune import prune_site

    usage = usage_of(config)
    for extra in [*site.glob("**/opas/index.html"), *site.glob("**/404.html")]:
        usage.add_html(extra.read_text(encoding="utf-8"))  # assembled or written outside on_post_page
    sizes = prune_site(site, usage)
    # Material's script bundle, lunr and the search worker are not loaded by any page (overrides/main.html)
    shutil.rmtree(site / "assets" / "javascripts", ignore_errors=True)
    log.info("stylesheets: %s", ", ".join(f"{name} {a // 1024} -> {b // 1024} KB" for name, (a, b) in sizes.items()))


def _nav_sources(items) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(_nav_sources(value) if isinstance(value, list) else [value])
    return out


def assemble_whole_guide(config, site: Path, languages=LANGUAGES) -> None:
    """Fill /opas/, /sv/opas/ and /en/opas/ with the whole guide (see kumppanuus.guide)."""
    from .guide import assemble, guide_pages
    from .render import case_src
    from .urls import prefix

    content = content_or_abort(config)
    sources = guide_pages(_nav_sources(config["nav"]), [case_src(c["slug"]) for c in content.cases])
    for lang in languages:
        assemble(site, prefix(lang), sources, content.labels["guide.toc"][lang])


def write_redirect_pages(config, site: Path) -> None:
    from mkdocs.exceptions import Abort

    from .urls import write_redirects

    content = content_or_abort(config)
    titles = {lang: content.labels["redirect.title"][lang] for lang in LANGUAGES}
    try:
        written = write_redirects(site, content.data["redirects"]["redirects"], titles)
    except ValueError as exc:
        raise Abort(str(exc)) from None
    if written:
        log.info("redirects: %d pages", len(written))
