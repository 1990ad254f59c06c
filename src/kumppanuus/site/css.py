"""Material's stylesheets without the rules the built pages never use, by PurgeCSS.

Material's main stylesheet (140 KB, 23 KB gzip) styles every extension and plugin the theme supports;
the handbook uses a fraction. PurgeCSS (pinned in package.json, configured in purgecss.config.js)
reads every built page and the handbook's scripts and keeps the rules whose selectors they can match,
the custom properties some kept rule reads, and the keyframes in use. Measured on the first view of
the home, case and steps pages: see bench/BASELINE.md.

The handbook's own stylesheet and scripts (site/assets/*.css, *.js) are written for editors, with
comments; after the build they are minified in place (rcssmin, rjsmin), which halves what a first view
downloads for them. The stylesheets and scripts keep their names: no page needs to be rewritten.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONFIG = "purgecss.config.js"
CLI = Path("node_modules") / "purgecss" / "bin" / "purgecss.js"


class CssError(RuntimeError):
    pass


def stylesheets(site: Path) -> list[Path]:
    return sorted((site / "assets" / "stylesheets").glob("*.min.css"))


def own_assets(site: Path) -> list[Path]:
    """The handbook's own stylesheets and scripts in the built site (docs/assets/, copied as they are)."""
    assets = site / "assets"
    return sorted([*assets.glob("*.css"), *assets.glob("*.js")])


def minify(site: Path) -> dict[str, tuple[int, int]]:
    """Minify the handbook's own stylesheets and scripts in ``site`` in place; {file name: (before, after)}."""
    import rcssmin
    import rjsmin

    sizes = {}
    for path in own_assets(site):
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)
        path.write_text(small, encoding="utf-8")
        sizes[path.name] = (len(text.encode("utf-8")), len(small.encode("utf-8")))
    return sizes


def purge(root: Path, site: Path, during=None) -> dict[str, tuple[int, int]]:
    """Purge Material's stylesheets in ``site`` in place; returns {file name: (bytes before, after)}.
    ``during()`` runs while PurgeCSS does (other post-build work: the machine has two cores)."""
    cli, config = root / CLI, root / CONFIG
    node = shutil.which("node")
    if node is None or not cli.exists():
        raise CssError(f"PurgeCSS is not installed ({CLI} under {root}): run `make node-deps` (npm ci)")
    sheets = stylesheets(site)
    if not sheets:
        if during is not None:
            during()
        return {}
    content = [str(site / "**" / "*.html"), str(site / "assets" / "*.js")]
    with tempfile.TemporaryDirectory(prefix="kp-css-") as out:
        proc = subprocess.Popen([node, str(cli), "--config", str(config), "--css", *map(str, sheets),
                                 "--content", *content, "--output", out],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root)
        try:
            if during is not None:
                during()
        finally:
            stdout, stderr = proc.communicate(timeout=300)
        if proc.returncode != 0:
            raise CssError(f"purgecss failed (exit {proc.returncode}): {(stderr or stdout).strip()[:2000]}")
        sizes = {}
        for sheet in sheets:
            purged = Path(out) / sheet.name
            if not purged.exists():
                raise CssError(f"purgecss wrote no {sheet.name}")
            before = sheet.stat().st_size
            shutil.copyfile(purged, sheet)
            sizes[sheet.name] = (before, sheet.stat().st_size)
            sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)  # maps the unpurged file
    return sizes
