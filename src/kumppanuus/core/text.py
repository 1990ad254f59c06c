"""The words and links of one page: escaping, the page context (language, page), URLs between pages.

Everything that comes from YAML is data: it passes through :func:`esc` (HTML) or :func:`md`
(Markdown text) and is never evaluated as Jinja, Markdown syntax or HTML.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .content import Content
from .pages import CASE_DIR

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")          # inline syntax, attr_list and Jinja braces
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-:=]|\d+[.)])")  # block syntax at the start of a line


def esc(text: object) -> str:
    """Escape for HTML text and attributes; braces too, so no template engine can ever see an expression."""
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def md(text: object) -> str:
    """Escape for Markdown inline text: HTML-escaped and every Markdown/Jinja-special character neutralised."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    escaped = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", escaped)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), escaped)


_QUOTED = re.compile(r"[”“]([^”“<>]+)”")


def quotations(escaped: str) -> str:
    """Mark quotations in an escaped text (”…” in Finnish and Swedish, “…” in English) as <q>: a reader's
    browser shows the language's quotation marks, and a source check knows it is an attributed quotation."""
    return _QUOTED.sub(r"<q>\1</q>", escaped)


@dataclass(frozen=True)
class Ctx:
    """Where a piece of output goes: the language and the page (path relative to the language folder)."""

    content: Content
    lang: str
    page: str = "index.md"
    repo: str = ""  # base URL of the repository's files, for "edit this case" links

    # -- words ---------------------------------------------------------------------------
    def label(self, key: str, **fmt: object) -> str:
        try:
            value = self.content.labels[key][self.lang]
        except KeyError as exc:
            raise KeyError(f"label {key!r} is missing from data/labels.yaml") from exc
        return value.format(**fmt) if fmt else value

    def text(self, value: dict | None) -> tuple[str, bool]:
        """(text in this language, True if it fell back to Finnish)."""
        if not value:
            return "", False
        if self.lang in value:
            return value[self.lang], False
        return value[DEFAULT_LANGUAGE], True

    def _marked(self, value: dict | None, convert) -> str:
        text, fell_back = self.text(value)
        if fell_back:
            return (f'<span lang="fi">{quotations(convert(text))}</span> '
                    f'<span class="kp-fallback">({esc(self.label("notice.fallback_marker"))})</span>')
        return quotations(convert(text))

    def h(self, value: dict | None) -> str:
        """HTML for a language map; a Finnish fallback is marked with lang="fi" and a visible marker."""
        return self._marked(value, esc)

    def m(self, value: dict | None) -> str:
        """Markdown for a language map, like :meth:`h`."""
        return self._marked(value, md)

    # -- links ---------------------------------------------------------------------------
    def md_link(self, target: str, anchor: str = "") -> str:
        """A relative link to another page's Markdown source (mkdocs validates and rewrites it)."""
        rel = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def asset(self, path: str) -> str:
        """Relative URL from this page to a shared file at the site root (e.g. 'assets/cases.js').

        Shared assets are built once, at the root; Swedish and English pages live one level
        deeper (/sv/, /en/), so they climb one directory more.
        """
        depth = page_url(self.page).count("/") + (self.lang != DEFAULT_LANGUAGE)
        return "../" * depth + path

    def url(self, target: str, anchor: str = "") -> str:
        """A relative URL for raw HTML (directory URLs), from this page to ``target`` (a .md path)."""
        return relative_url(page_url(self.page), page_url(target)) + (f"#{anchor}" if anchor else "")

    def language_menu(self, names: dict[str, str]) -> list[dict[str, str]]:
        """The language menu of this page: the same page in every language (every page exists in each,
        at the same path), as {lang, name, link} with links relative to this page."""
        here = lang_prefix(self.lang) + page_url(self.page)
        return [{"lang": lang, "name": names.get(lang, lang),
                 "link": relative_url(here, lang_prefix(lang) + page_url(self.page))} for lang in LANGUAGES]


def lang_prefix(lang: str) -> str:
    """The folder of a language under the site root: '' for the default language, 'sv/' for Swedish."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def relative_url(here: str, there: str) -> str:
    """Relative link between two directory URLs under the site root ('sv/a/' -> 'b/' gives '../../b/')."""
    rel = posixpath.relpath(there.rstrip("/") or ".", here.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


def page_url(src: str) -> str:
    """Directory URL of a page source path: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def case_src(slug: str) -> str:
    return f"{CASE_DIR}/{slug}.md"



def finnish_url(ctx: Ctx, src: str) -> str:
    """Relative link from a page of ctx.lang to the Finnish version of ``src`` (Finnish lives at the root)."""
    up = "../" * (page_url(ctx.page).count("/") + (1 if ctx.lang != DEFAULT_LANGUAGE else 0))
    return (up or "./") + page_url(src)



def any_fallback(value: object, lang: str) -> bool:
    """True if any language map inside ``value`` lacks ``lang``."""
    if isinstance(value, dict):
        if "fi" in value and set(value) <= {"fi", "sv", "en"} and all(isinstance(v, str) for v in value.values()):
            return lang not in value
        return any(any_fallback(v, lang) for v in value.values())
    if isinstance(value, list):
        return any(any_fallback(v, lang) for v in value)
    return False

