"""Ship only the CSS the handbook uses.

Material's stylesheet (140 KB, 23 KB gzip) styles every extension and plugin Material supports;
the handbook uses a fraction. After the build, every page's class names are known (collected from
the pages as they are written), so rules whose selectors need a class that no page and no script
uses can go, as can custom properties nobody reads (among them the admonition and icon SVGs of
unused extensions) and colour palettes the site does not use.

The rules are conservative: a selector is dropped only when a class outside any ``:is()``,
``:not()``, ``:where()`` or attribute selector is unused, or when it asks for a palette colour
(``[data-md-color-primary=red]``) that no page sets. Class names that scripts add at run time count
as used: every identifier in the handbook's scripts (assets/*.js) is taken as a possible class.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
COLOR_ATTR = re.compile(r'(data-md-color-[a-z]+)="([^"]*)"')
IDENT = re.compile(r"[A-Za-z_][\w-]*")
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
COLOR_IN_SELECTOR = re.compile(r"\[(data-md-color-[a-z]+)=\"?([\w-]+)\"?\]")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")


@dataclass
class Usage:
    """What the built pages use: class names and data-md-color-* attribute values."""
    classes: set[str] = field(default_factory=set)
    colors: set[tuple[str, str]] = field(default_factory=set)
    text: list[str] = field(default_factory=list)  # scripts and inline styles: var() and identifiers

    def add_html(self, html: str) -> None:
        for value in CLASS_ATTR.findall(html):
            self.classes.update(value.split())
        self.colors.update(COLOR_ATTR.findall(html))

    def add_script(self, js: str) -> None:
        self.classes.update(IDENT.findall(js))
        self.text.append(js)


# -- a small CSS reader: enough for minified stylesheets (strings, comments, nesting of at-rules) ---

@dataclass
class Node:
    prelude: str            # selector list or at-rule prelude
    body: str | None = None  # declarations (style rules, @font-face, @page, @keyframes as raw text)
    children: list["Node"] | None = None  # grouping at-rules (@media, @supports)
    statement: bool = False  # "@charset ...;" and other at-rules without a block


def _skip_string(css: str, i: int) -> int:
    quote = css[i]
    i += 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _block_end(css: str, i: int) -> int:
    """Index just after the '}' matching the '{' at css[i]."""
    depth = 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced braces in stylesheet")


def strip_comments(css: str) -> str:
    out, i, start = [], 0, 0
    while i < len(css):
        if css[i] in "\"'":
            i = _skip_string(css, i)
        elif css.startswith("/*", i):
            out.append(css[start:i])
            end = css.find("*/", i + 2)
            i = start = len(css) if end < 0 else end + 2
        else:
            i += 1
    out.append(css[start:])
    return "".join(out)


def parse(css: str) -> list[Node]:
    """Parse a stylesheet without comments (see :func:`strip_comments`)."""
    nodes: list[Node] = []
    i, start = 0, 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
        elif c == ";" and css[start:i].strip().startswith("@"):
            nodes.append(Node(css[start:i].strip(), statement=True))
            i += 1
            start = i
        elif c == "{":
            prelude = css[start:i].strip()
            end = _block_end(css, i)
            inner = css[i + 1:end - 1]
            if prelude.startswith(GROUPING_AT_RULES):
                nodes.append(Node(prelude, children=parse(inner)))
            else:
                nodes.append(Node(prelude, body=inner))
            i = start = end
        elif c == "}":
            raise ValueError("unbalanced braces in stylesheet")
        else:
            i += 1
    return nodes


def serialize(nodes: list[Node]) -> str:
    out = []
    for n in nodes:
        if n.statement:
            out.append(n.prelude + ";")
        elif n.children is not None:
            inner = serialize(n.children)
            if inner:
                out.append(f"{n.prelude}{{{inner}}}")
        else:
            out.append(f"{n.prelude}{{{n.body}}}")
    return "".join(out)


def split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside strings, parentheses and brackets."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _outside_groups(selector: str) -> str:
    """The selector without anything in parentheses or brackets (those parts are not required)."""
    out, depth = [], 0
    for c in selector:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def selector_used(selector: str, usage: Usage) -> bool:
    if any(cls not in usage.classes for cls in CLASS_IN_SELECTOR.findall(_outside_groups(selector))):
        return False
    return all(pair in usage.colors for pair in COLOR_IN_SELECTOR.findall(selector))


def _prune_rules(nodes: list[Node], usage: Usage) -> list[Node]:
    kept = []
    for n in nodes:
        if n.children is not None:
            children = _prune_rules(n.children, usage)
            if children:
                kept.append(Node(n.prelude, children=children))
        elif n.statement or n.prelude.startswith("@"):
            kept.append(n)
        else:
            selectors = [s for s in split_top(n.prelude, ",") if selector_used(s.strip(), usage)]
            if selectors:
                kept.append(Node(",".join(selectors), body=n.body))
    return kept


def _walk(nodes: list[Node]):
    for n in nodes:
        if n.children is not None:
            yield from _walk(n.children)
        else:
            yield n


def _prune_properties(nodes: list[Node], usage: Usage) -> bool:
    """Drop custom property declarations that nothing reads; True if anything changed."""
    read = set(VAR_USE.findall("".join(n.body or "" for n in _walk(nodes))))
    for text in usage.text:
        read.update(VAR_USE.findall(text))
        read.update(re.findall(r"--[\w-]+", text))  # scripts may set or read properties by name
    changed = False
    for n in _walk(nodes):
        if n.body is None or n.prelude.startswith("@keyframes"):
            continue
        decls = split_top(n.body, ";")
        keep = [d for d in decls if not (d.strip().startswith("--") and d.split(":", 1)[0].strip() not in read)]
        if len(keep) != len(decls):
            n.body = ";".join(keep)
            changed = True
    return changed


def _prune_keyframes(nodes: list[Node]) -> list[Node]:
    text = "".join(n.body or "" for n in _walk(nodes) if not n.prelude.startswith("@keyframes"))
    out = []
    for n in nodes:
        if n.children is not None:
            n = Node(n.prelude, children=_prune_keyframes(n.children))
        elif n.prelude.startswith("@keyframes") and n.prelude.split()[-1] not in text:
            continue
        out.append(n)
    return out


def _drop_empty(nodes: list[Node]) -> list[Node]:
    out = []
    for n in nodes:
        if n.children is not None:
            children = _drop_empty(n.children)
            if children:
                out.append(Node(n.prelude, children=children))
        elif n.statement or n.body is None or n.body.strip(" ;"):
            out.append(n)
    return out


def prune(css: str, usage: Usage) -> str:
    nodes = _prune_rules(parse(strip_comments(css)), usage)
    for _ in range(3):  # a property read only by a dropped property is unread too
        if not _prune_properties(nodes, usage):
            break
    return serialize(_drop_empty(_prune_keyframes(nodes)))


def prune_site(site: Path, usage: Usage, patterns: tuple[str, ...] = ("assets/stylesheets/main.*.min.css",
                                                                       "assets/stylesheets/palette.*.min.css")
               ) -> dict[str, tuple[int, int]]:
    """Prune Material's stylesheets in a built site, give each a new content-hashed name and point every
    page at it. Returns {old name: (bytes before, bytes after)}."""
    for js in sorted((site / "assets").glob("*.js")):  # the handbook's own scripts (Material's are not loaded)
        usage.add_script(js.read_text(encoding="utf-8"))
    renames: dict[str, str] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for pattern in patterns:
        for path in site.glob(pattern):
            before = path.read_text(encoding="utf-8")
            after = prune(before, usage)
            stem = path.name.split(".")[0]
            digest = hashlib.sha256(after.encode("utf-8")).hexdigest()[:8]
            new = path.with_name(f"{stem}.{digest}.min.css")
            path.unlink()
            path.with_name(path.name + ".map").unlink(missing_ok=True)  # maps describe the unpruned file
            new.write_text(after, encoding="utf-8")
            renames[f"assets/stylesheets/{path.name}"] = f"assets/stylesheets/{new.name}"
            sizes[path.name] = (len(before.encode()), len(after.encode()))
    if renames:
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            new_text = text
            for old, new in renames.items():
                new_text = new_text.replace(old, new)
            if new_text != text:
                page.write_text(new_text, encoding="utf-8")
    return sizes
