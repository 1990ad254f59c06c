"""Printing with the Chromium the tests already use: worksheets and the whole guide as A4 PDFs.

`make pdf` writes pdf/kumppanuuspoyta-<lang>.pdf from the built site's whole-guide pages
(<lang>/opas/). Playwright's page.pdf() prints with the site's own print stylesheet.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from .. import LANGUAGES

def find_chromium() -> str:
    """The browser to print and test with: $CHROMIUM if set (the Makefile sets it), else the first one
    installed (Debian's package installs chromium, Ubuntu's chromium-browser)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return "/usr/bin/chromium"


CHROMIUM = find_chromium()
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PREFIX = {"fi": "", "sv": "sv/", "en": "en/"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}/"


def print_pages(site: Path, jobs: list[tuple[str, Path]]) -> list[Path]:
    """Print each site path (e.g. 'sv/opas/') to its PDF file, A4, with the print stylesheet.

    Runs in a thread of its own, so that callers that already drive a browser (tests) are not disturbed.
    """
    return in_thread(_print_pages, site, jobs)


def in_thread(func, *args):
    """Run func(*args) in a thread of its own and return its result (or raise its exception).

    Playwright's sync API refuses to start inside a running event loop or a second time in the same
    thread; a fresh thread keeps callers (pytest fixtures that already drive a browser) undisturbed."""
    box: dict = {}

    def run():
        try:
            box["out"] = func(*args)
        except BaseException as exc:  # re-raised in the caller's thread
            box["err"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "err" in box:
        raise box["err"]
    return box["out"]


def _print_pages(site: Path, jobs: list[tuple[str, Path]]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Chromium (make test installs it as root) or set CHROMIUM=/path/to/chromium")
    srv, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for path, out in jobs:
                page.goto(base + path, wait_until="networkidle")
                page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
                out.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(out), format="A4", print_background=False, outline=True, tagged=True,
                         display_header_footer=False, prefer_css_page_size=True)
            browser.close()
    finally:
        srv.shutdown()
    return [out for _, out in jobs]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def build_pdfs(site: Path, out_dir: Path) -> list[Path]:
    jobs = [(f"{PREFIX[lang]}opas/", out_dir / f"kumppanuuspoyta-{lang}.pdf") for lang in LANGUAGES]
    missing = [p for p, _ in jobs if not (site / p / "index.html").exists()]
    if missing:
        raise RuntimeError(f"build the site first (make build): {', '.join(missing)} missing")
    return print_pages(site, jobs)


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="kumppanuus pdf")
    p.add_argument("--site", default="site")
    p.add_argument("--out", default="pdf")
    args = p.parse_args(argv)
    try:
        for pdf in build_pdfs(Path(args.site), Path(args.out)):
            print(f"{pdf}: {page_count(pdf)} pages")
    except RuntimeError as exc:
        print(f"pdf: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
