"""Links that trainers share must keep working.

- urls.txt (repository root) is the registry of published addresses: every page and every heading
  anchor, in all three languages, one per line ("/sv/rakentaminen/#vaihe-1-3"). `make urls` adds
  what the current build publishes; nothing is ever removed automatically.
- data/redirects.yaml declares moved pages ("from" -> "to", paths under docs/<lang>/). The build
  writes a small redirect page at each old address in every language; it keeps the #anchor.
- check() fails for a registered address that no longer resolves and has no redirect.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import Path

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..core.text import lang_prefix as prefix, page_url

REGISTRY = "urls.txt"
HEADING_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
ANY_ID = re.compile(r'\bid="([^"]+)"')
SKIP = ("assets/", "pagefind/", "search/")
REDIRECT_MARK = '<meta name="kp-redirect"'


def published(site: Path) -> list[str]:
    """Every page address and heading anchor of the built site (redirect pages and the assembled whole
    guide's internal anchors excluded)."""
    out = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(SKIP):
            continue
        text = path.read_text(encoding="utf-8")
        if REDIRECT_MARK in text:
            continue
        url = "/" + rel[: -len("index.html")]
        out.append(url)
        if not url.endswith("/opas/"):
            out.extend(f"{url}#{i}" for i in dict.fromkeys(HEADING_ID.findall(text)))
    return out


def read_registry(root: Path) -> list[str]:
    path = root / REGISTRY
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def update_registry(root: Path, site: Path) -> int:
    """Add the build's addresses to urls.txt. Returns how many were new."""
    old = read_registry(root)
    new = [u for u in published(site) if u not in set(old)]
    lines = sorted(set(old) | set(new))
    header = ("# Published addresses of the handbook: pages and heading anchors, all languages.\n"
              "# Grows with `make urls`; never delete a line. A moved page needs a redirect in data/redirects.yaml.\n")
    (root / REGISTRY).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(new)


def redirect_map(redirects: list[dict]) -> dict[str, str]:
    """{old url under a language root: new url} from data/redirects.yaml entries."""
    return {page_url(r["from"]): page_url(r["to"]) for r in redirects}


def _ids(site: Path, url: str, cache: dict) -> set[str] | None:
    if url not in cache:
        path = site / url.lstrip("/") / "index.html"
        text = path.read_text(encoding="utf-8") if path.exists() else None
        cache[url] = None if text is None or REDIRECT_MARK in text else set(ANY_ID.findall(text))
    return cache[url]


def check(root: Path, site: Path, redirects: list[dict]) -> list[str]:
    """Problems: registered addresses that no longer resolve (neither directly nor through a redirect)."""
    moved = redirect_map(redirects)
    cache: dict = {}
    problems = []
    for entry in read_registry(root):
        url, _, anchor = entry.partition("#")
        ids = _ids(site, url, cache)
        target = url
        if ids is None:
            lang = next((l for l in LANGUAGES[1:] if url.startswith(f"/{l}/")), DEFAULT_LANGUAGE)
            inner = url[len("/" + prefix(lang)):]
            if inner in moved:
                target = "/" + prefix(lang) + moved[inner]
                ids = _ids(site, target, cache)
                if ids is None:
                    problems.append(f"{entry}: redirected to {target}, which does not exist")
                    continue
            else:
                problems.append(f"{entry}: the page no longer exists and data/redirects.yaml has no redirect for it "
                                f"(add {{from: {inner.rstrip('/') or 'index'}.md, to: <new page>.md}})")
                continue
        if anchor and anchor not in ids:
            problems.append(f"{entry}: the anchor #{anchor} is gone from {target} (keep the heading id {{#{anchor}}})")
    return problems


def redirect_page(lang: str, old_url: str, new_url: str, title: str) -> str:
    """A small page at the old address that forwards to the new one and keeps the #anchor."""
    rel = posixpath.relpath("/" + new_url, "/" + old_url)
    rel = (rel + "/") if new_url.endswith("/") and not rel.endswith("/") else rel
    href = htmllib.escape(rel)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n{REDIRECT_MARK} content="{href}">\n'
            f'<title>{htmllib.escape(title)}</title>\n<meta http-equiv="refresh" content="0; url={href}">\n'
            f'<meta name="robots" content="noindex">\n</head>\n<body>\n'
            f'<p><a href="{href}">{htmllib.escape(title)}</a></p>\n'
            f'<script>location.replace({href!r} + location.hash);</script>\n</body>\n</html>\n')


def write_redirects(site: Path, redirects: list[dict], titles: dict[str, str]) -> list[Path]:
    written = []
    for old, new in redirect_map(redirects).items():
        for lang in LANGUAGES:
            old_url = prefix(lang) + old
            target = site / old_url / "index.html"
            if target.exists() and REDIRECT_MARK not in target.read_text(encoding="utf-8"):
                raise ValueError(f"data/redirects.yaml: {old} still exists as a page; a redirect cannot replace it")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(redirect_page(lang, old_url, prefix(lang) + new, titles[lang]), encoding="utf-8")
            written.append(target)
    return written


def sitemap_xml(site_url: str, pages: list[tuple[str, dict[str, str]]]) -> str:
    """sitemap.xml: every page in every language, each with its last change date and its three
    language versions as hreflang alternates. ``pages`` is (address under the language root,
    {language: ISO date}); every page exists in every language at the same address."""
    base = site_url.rstrip("/") + "/"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in LANGUAGES:
        for rel, dates in pages:
            out.append(f"    <url>\n        <loc>{htmllib.escape(base + prefix(lang) + rel)}</loc>")
            if dates.get(lang):
                out.append(f"        <lastmod>{htmllib.escape(dates[lang])}</lastmod>")
            out += [f'        <xhtml:link rel="alternate" hreflang="{alt}" '
                    f'href="{htmllib.escape(base + prefix(alt) + rel)}"/>' for alt in LANGUAGES]
            out.append("    </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def write_sitemap(site: Path, site_url: str, pages: list[tuple[str, dict[str, str]]]) -> None:
    """Write sitemap.xml and sitemap.xml.gz once every language is built, with each language version's
    own date of last change (static-i18n's sitemap gives every language the same date)."""
    import gzip

    text = sitemap_xml(site_url, pages).encode("utf-8")
    (site / "sitemap.xml").write_bytes(text)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))
