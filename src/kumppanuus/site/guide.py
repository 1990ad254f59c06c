"""The whole guide as one printable page per language (<lang>/opas/), assembled after the build.

docs/<lang>/opas.md is a normal page with a placeholder; once every language is built, the articles of
the guide's pages (navigation order, cases after the cases overview) are copied into it. Heading levels
go down one step, and every id gets the page's prefix ("rakentaminen--vaihe-1-3") so that ids stay
unique; links between guide pages become links inside the document. Scripts, the filter form and
per-page footers are left out.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..core.pages import CHANGES_PAGE, EASY_PAGE, TEMPLATES_DIR, WHOLE_GUIDE_PAGE
from ..core.text import page_url

PLACEHOLDER = '<div id="kp-whole-guide"></div>'
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SKIP_PAGES = (WHOLE_GUIDE_PAGE, CHANGES_PAGE, EASY_PAGE)
SKIP_PREFIXES = (TEMPLATES_DIR,)
DROP = [
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r'<p class="kp-print-footer">.*?</p>', re.S),
    re.compile(r'<div class="kp-copy-status"[^>]*></div>'),
    re.compile(r'<aside class="md-source-file">.*?</aside>', re.S),
    re.compile(r'<form class="kp-filters".*?</form>', re.S),
    re.compile(r'<div class="kp-filters".*?</fieldset>\s*</div>', re.S),
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
]
HEADING = re.compile(r"<(/?)h([1-6])\b")
ID_ATTR = re.compile(r'\b(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"')
HREF = re.compile(r'\bhref="([^"]*)"')


def slug_of(src: str) -> str:
    return (page_url(src).strip("/") or "etusivu").replace("/", "-")


def page_anchor(src: str) -> str:
    """The id of a page's first heading in the whole guide ('opas-rakentaminen'); distinct from the
    page's own ids (prefixed 'rakentaminen--') and from the guide page's ids ('lahteet')."""
    return "opas-" + slug_of(src)


def guide_pages(nav_sources: list[str], case_sources: list[str]) -> list[str]:
    """Guide pages in reading order: the navigation's pages, the cases right after the cases overview."""
    out = []
    for src in nav_sources:
        if src in SKIP_PAGES or src.startswith(SKIP_PREFIXES):
            continue
        out.append(src)
        if src == "tapaukset/index.md":
            out.extend(case_sources)
    return out


def _rewrite(fragment: str, src: str, lang_root: str, inside: dict[str, str]) -> str:
    """Prefix ids; turn links to guide pages into in-document links, others into links from opas/."""
    prefix = slug_of(src) + "--"
    here = lang_root + page_url(src)

    def ids(m):
        values = " ".join(prefix + v for v in m.group(2).split())
        return f'{m.group(1)}="{values}"'

    def href(m):
        value = htmllib.unescape(m.group(1))
        if not value or re.match(r"^[a-z]+:", value):
            return m.group(0)
        if value.startswith("#"):
            return f'href="#{prefix}{value[1:]}"'
        parts = urlsplit(value)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here.rstrip("/") + "/x"), parts.path))
        target = target.rstrip("/") + "/" if not target.endswith((".html", ".js", ".css", ".svg", ".png")) else target
        target = target.lstrip("./")
        if target in inside:
            slug = inside[target][len("opas-"):]
            anchor = f"{slug}--{parts.fragment}" if parts.fragment else inside[target]
            return f'href="#{htmllib.escape(anchor)}"'
        rel = posixpath.relpath("/" + target, "/" + lang_root + "opas/")
        rel = rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")
        return f'href="{htmllib.escape(rel + ("#" + parts.fragment if parts.fragment else ""))}"'

    fragment = ID_ATTR.sub(ids, fragment)
    return HREF.sub(href, fragment)


def assemble(site: Path, lang_prefix: str, sources: list[str], toc_label: str) -> str | None:
    """Fill <lang>/opas/index.html. Returns None if the page does not exist in this build."""
    shell_path = site / lang_prefix / "opas" / "index.html"
    if not shell_path.exists():
        return None
    inside = {lang_prefix + page_url(s): page_anchor(s) for s in sources}
    toc, parts = [], []
    for src in sources:
        built = site / lang_prefix / page_url(src) / "index.html"
        m = ARTICLE.search(built.read_text(encoding="utf-8")) if built.exists() else None
        if not m:
            continue
        body = m.group(1)
        for pattern in DROP:
            body = pattern.sub("", body)
        body = HEADING.sub(lambda h: f"<{h.group(1)}h{min(int(h.group(2)) + 1, 6)}", body)
        body = _rewrite(body, src, lang_prefix, inside)
        title = re.search(r"<h2[^>]*>(.*?)</h2>", body, re.S)
        name = re.sub(r"<[^>]+>", "", title.group(1)).strip() if title else src
        # the page's own first heading carries the page's anchor
        body = re.sub(r'<h2 id="[^"]*"', f'<h2 id="{page_anchor(src)}"', body, count=1)
        depth = " kp-guide-toc--case" if src.startswith("tapaukset/") and src != "tapaukset/index.md" else ""
        toc.append(f'<li class="{depth.strip()}"><a href="#{page_anchor(src)}">{name}</a></li>' if depth
                   else f'<li><a href="#{page_anchor(src)}">{name}</a></li>')
        parts.append(f'<section class="kp-guide-page">{body}</section>')
    content = (f'<nav class="kp-guide-toc" aria-labelledby="sisallys"><h2 id="sisallys">{htmllib.escape(toc_label)}</h2>'
               f'<ol>{"".join(toc)}</ol></nav>' + "".join(parts))
    shell = shell_path.read_text(encoding="utf-8")
    if PLACEHOLDER not in shell:
        raise RuntimeError(f"{shell_path}: the placeholder {PLACEHOLDER} is missing from opas.md")
    shell_path.write_text(shell.replace(PLACEHOLDER, content), encoding="utf-8")
    return content
