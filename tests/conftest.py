"""Shared fixtures: the built site, a local HTTP server for it, and a real Chromium through Playwright.

The browser harness records every request and console message of a page. A test fails on any
request to a host other than the local server, any console error, page error or failed request.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("fi", "sv", "en")
PREFIX = {"fi": "", "sv": "sv/", "en": "en/"}


from kumppanuus.site.pdf import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  ($CHROMIUM, else the one installed)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    path = Path(os.environ.get("SITE_DIR", ROOT / "site")).resolve()
    if not (path / "index.html").exists():
        pytest.fail(f"The site is not built at {path}: run `make build` first (make test does it).")
    return path


def page_paths(site: Path, lang: str) -> list[str]:
    """Every HTML page of one language, as URL paths relative to that language's root ('' for the home page)."""
    base = site / PREFIX[lang] if PREFIX[lang] else site
    out = []
    for p in sorted(base.rglob("index.html")):
        rel = p.relative_to(base).as_posix()
        if lang == "fi" and rel.split("/")[0] in ("sv", "en"):
            continue
        if rel.startswith(("assets/", "search/", "pagefind/")):
            continue
        out.append(rel[: -len("index.html")])
    return out


@pytest.fixture(scope="session")
def server(site_dir):
    httpd, base = serve(site_dir)  # the same quiet local server as `make pdf` prints from
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Chromium) or set CHROMIUM=/path/to/chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Recorder:
    """Everything a page did: requests, failures, console messages, page errors."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = urlparse(base)
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        # net::ERR_ABORTED means the page itself cancelled the request (e.g. it navigated away while a
        # script was still loading); a missing file shows up as an HTTP status >= 400 below.
        page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                and self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def third_party(self) -> list[str]:
        out = []
        for url in self.requests:
            u = urlparse(url)
            if u.scheme in ("data", "blob", "about"):
                continue
            if (u.hostname, u.port) != (self.base.hostname, self.base.port):
                out.append(url)
        return out

    def assert_clean(self) -> None:
        problems = {
            "requests to other hosts": self.third_party(),
            "failed requests": self.failed,
            "console errors": self.console_errors,
            "page errors": self.page_errors,
        }
        problems = {k: v for k, v in problems.items() if v}
        assert not problems, f"page {self.page.url} was not clean: {problems}"


@pytest.fixture
def open_page(browser, server):
    """open_page(path) -> (page, recorder). Fails the test afterwards if the page was not clean."""
    contexts = []
    recorders = []

    def _open(path: str, **context_args):
        ctx = browser.new_context(**context_args)
        # Offline by construction: any request leaving the local server is recorded, then aborted.
        ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                  or route.request.url.startswith(("data:", "blob:")) else route.abort())
        contexts.append(ctx)
        page = ctx.new_page()
        rec = Recorder(page, server)
        recorders.append(rec)
        page.goto(server + path.lstrip("/"), wait_until="load")
        return page, rec

    yield _open
    try:
        for rec in recorders:
            rec.assert_clean()
    finally:
        for ctx in contexts:
            ctx.close()


#: the variant copy's new text for cases/savonlinna.yaml decision_path.decides (one short sentence per language)
VARIANT_DECIDES = {"fi": "Kaupunginvaltuusto päättää pöytien ehdotuksista.",
                   "sv": "Stadsfullmäktige beslutar om bordens förslag.",
                   "en": "The city council decides on the tables' proposals."}


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory):
    """ONE copy of the handbook with several independent changes, built once and shared by the tests that
    need a changed repository (so that the suite builds it once, not once per test):

    - a new case, cases/uusikunta.yaml (tests/test_content.py)
    - a new case sent with the web form, cases/lomakekunta.yaml (tests/test_issue_form.py)
    - a Finnish page changed after its translation (docs/fi/muistilista.md) and an English page missing
      (docs/en/kaksi-nakokulmaa.md) (tests/test_translations.py)
    - an old address muistio.md moved to muistilista.md with a redirect (tests/test_trainers.py)
    - Savonlinna's route to decisions says another body decides (cases/savonlinna.yaml
      decision_path.decides; tests/test_kit.py: the diagram is drawn from the YAML)
    """
    import yaml

    from variants import build, copy_repo

    tmp = tmp_path_factory.mktemp("variant")
    repo = copy_repo(tmp / "repo")
    case = yaml.safe_load((ROOT / "cases" / "pieksamaki.yaml").read_text(encoding="utf-8"))
    case.update(slug="uusikunta", name={"fi": "Uusikunta", "sv": "Nykommun", "en": "Newtown"},
                steps=["vaihe-3-1"], antipatterns={"shows": [], "avoids": ["hallinto-ei-muutu"]},
                themes=["youth"], participants=["residents", "parish"])
    case["place"]["region"] = {"fi": "Lappi", "sv": "Lappland", "en": "Lapland"}
    case["place"]["coordinates"] = {"lat": 66.5, "lon": 25.7}
    (repo / "cases" / "uusikunta.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    # - a new case sent with the web form, cases/lomakekunta.yaml, written by `kumppanuus case-from-issue`
    #   from a submitted form in Finnish (tests/test_issue_form.py)
    import subprocess
    import sys

    from kumppanuus.core import issueform

    form = issueform.Repo.load(repo)
    sent = {**yaml.safe_load((repo / "cases" / "savonlinna.yaml").read_text(encoding="utf-8")),
            "slug": "lomakekunta", "name": {"fi": "Lomakekunta"}}
    (tmp / "issue.md").write_text(issueform.render_body(form, issueform.answers_from_case(
        form, sent, evidence="s. 17–18")), encoding="utf-8")
    conv = subprocess.run([sys.executable, "-m", "kumppanuus.cli", "--root", str(repo), "case-from-issue",
                           str(tmp / "issue.md")], capture_output=True, text=True)
    assert conv.returncode == 0, conv.stdout + conv.stderr
    savonlinna = yaml.safe_load((repo / "cases" / "savonlinna.yaml").read_text(encoding="utf-8"))
    savonlinna["decision_path"]["decides"] = VARIANT_DECIDES
    (repo / "cases" / "savonlinna.yaml").write_text(yaml.safe_dump(savonlinna, allow_unicode=True), encoding="utf-8")
    fi = repo / "docs" / "fi" / "muistilista.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nUusi kappale, jota ei ole vielä käännetty.\n", encoding="utf-8")
    (repo / "docs" / "en" / "kaksi-nakokulmaa.md").unlink()
    (repo / "data" / "redirects.yaml").write_text(
        "redirects:\n  - {from: muistio.md, to: muistilista.md, since: '2026-11-24'}\n", encoding="utf-8")
    with (repo / "urls.txt").open("a", encoding="utf-8") as fh:
        fh.write("/muistio/\n/sv/muistio/#muistilista\n/en/muistio/#muistilista\n")
    out = tmp / "site"
    proc = build(repo, out)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return repo, out


@pytest.fixture
def repo(tmp_path):
    """A copy of the handbook's content (cases, data, docs) that a test may change."""
    for folder in ("cases", "data", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def cli(repo, *args):
    """Run the `kumppanuus` command on a repository copy, as an editor would."""
    return subprocess.run([sys.executable, "-m", "kumppanuus.cli", "--root", str(repo), *args],
                          capture_output=True, text=True)
