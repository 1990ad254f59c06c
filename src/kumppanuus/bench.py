"""``make bench``: build time, scaling with synthetic cases, page weight and search cost.

Writes ``bench/results/latest.json`` and ``bench/results/latest.md``. No timing is asserted
anywhere; the committed ``bench/BASELINE.md`` records what was measured and the targets.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from . import LANGUAGES
from .site.pdf import CHROMIUM, CHROMIUM_ARGS, PREFIX, in_thread, serve

ROOT = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(".venv", "site", "node_modules", ".git", "bench", "__pycache__", ".pytest_cache",
                                "pdf", "build")
PAGES = {"home": "", "case": "tapaukset/pieksamaki/", "steps": "rakentaminen/"}
TARGETS = {
    "build_s": 3.0, "build_1000_s": 15.0, "first_view_gzip_kb": 60.0, "first_view_requests": 8,
    "search_first_query_gzip_kb_1000": 150.0,
}


class StaticHost:
    """A local stand-in for a static host (GitHub Pages, Netlify): gzip for text, ``Cache-Control:
    max-age=600``, directory indexes and the site's 404 page. Page weight counts gzip bytes anyway;
    Lighthouse needs a server that compresses, as any real host does."""

    def __init__(self, site: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    if not self.path.split("?")[0].endswith("/"):
                        return super().send_head()  # redirect to the directory URL
                    path = path / "index.html"
                status = 200
                if not path.is_file():
                    path, status = site / "404.html", 404
                body = path.read_bytes()
                ctype = self.guess_type(str(path))
                gz = "gzip" in self.headers.get("Accept-Encoding", "") and (
                    ctype.startswith("text/") or ctype in ("application/javascript", "application/json",
                                                           "image/svg+xml", "application/wasm"))
                if gz and not body[:2] == b"\x1f\x8b":  # Pagefind's files are already compressed
                    body = gzip.compress(body, 6)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                if gz:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=600")
                self.end_headers()
                return io.BytesIO(body)

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.srv.server_address[1]}/"

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


LH_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LH_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse(site: Path, pages: dict[str, str] = PAGES, root: Path = ROOT) -> dict:
    """Lighthouse (npm, pinned in package.json) with the Debian Chromium, mobile form factor and its default
    simulated slow 4G and 4x CPU slowdown. Scores 0-100 per category, and the audits that cost points."""
    tool = root / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        raise RuntimeError(f"{tool} is missing: run `make node-deps` (npm ci) first")
    host = StaticHost(site)
    out = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in pages.items():
                report = Path(tmp) / f"{name}.json"
                proc = subprocess.run(
                    [str(tool), host.base + path, "--quiet", "--form-factor=mobile", "--output=json",
                     f"--output-path={report}", f"--only-categories={','.join(LH_CATEGORIES)}",
                     "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
                    env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
                if proc.returncode != 0 or not report.exists():
                    raise RuntimeError(f"lighthouse failed on /{path}: {proc.stderr[-2000:]}")
                data = json.loads(report.read_text(encoding="utf-8"))
                scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in LH_CATEGORIES}
                lost = sorted(k for k, a in data["audits"].items()
                              if a.get("score") is not None and a["score"] < 0.9
                              and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
                metrics = {k: data["audits"][k].get("displayValue", "") for k in
                           ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                            "cumulative-layout-shift")}
                out[name] = {"path": "/" + path, **scores, "metrics": metrics, "below_0.9": lost}
    finally:
        host.close()
    return out


def copy_repo(dest: Path, root: Path = ROOT) -> Path:
    """A copy of the repository to build: node_modules (PurgeCSS) linked, not copied."""
    shutil.copytree(root, dest, ignore=IGNORE)
    if (root / "node_modules").exists():
        (dest / "node_modules").symlink_to(root / "node_modules", target_is_directory=True)
    return dest


def build(repo: Path, out: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=repo,
                          env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build failed in {repo}:\n{proc.stderr[-3000:]}")
    return elapsed


def synthetic_cases(repo: Path, n: int) -> None:
    """Add ``n`` cases, derived from the real ones with varied text, in all three languages."""
    real = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((repo / "cases").glob("*.yaml"))]
    for i in range(n):
        case = copy.deepcopy(real[i % len(real)])
        slug = f"synteettinen-{i:04d}"
        case["slug"] = slug
        case["name"] = {lang: f"{case['name'][lang]} {i}" for lang in case["name"]}
        case["place"]["coordinates"] = {"lat": round(60.2 + (i * 7919 % 900) / 100, 2),
                                        "lon": round(21.5 + (i * 104729 % 850) / 100, 2)}
        case["started"] = 2000 + i % 25

        def vary(value, k=i):
            if isinstance(value, dict) and "fi" in value and all(isinstance(v, str) for v in value.values()):
                return {lang: f"{text} ({k})" for lang, text in value.items()}
            if isinstance(value, dict):
                return {key: vary(v) for key, v in value.items()}
            if isinstance(value, list):
                return [vary(v) for v in value]
            return value

        for key in ("summary", "body", "outcomes", "challenges", "tips"):
            if key in case:
                case[key] = vary(case[key])
        (repo / "cases" / f"{slug}.yaml").write_text(
            "# yaml-language-server: $schema=schema.json\n" + yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")


def time_builds(repo: Path, runs: int) -> dict:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            times.append(build(repo, Path(tmp) / f"site{i}"))
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs}


def warm_rebuild(repo: Path, timeout: float = 60) -> float | None:
    """Start ``mkdocs serve``, edit one page, return seconds until the rebuild finished."""
    import socket

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []

    def reader():
        for line in proc.stdout:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=reader, daemon=True).start()
    try:
        deadline = time.perf_counter() + timeout
        while not any("Serving on" in line for _, line in lines):
            if time.perf_counter() > deadline or proc.poll() is not None:
                return None
            time.sleep(0.05)
        time.sleep(1.0)
        page = repo / "docs" / "fi" / "muistilista.md"
        start = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        while time.perf_counter() < deadline:
            done = [t for t, line in lines if t > start and "Reloading browsers" in line]
            if done:
                return round(done[-1] - start, 3)
            time.sleep(0.05)
        return None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def browser_on(site: Path):
    """A local server for ``site`` and a headless Chromium; yields (browser, base URL)."""
    from playwright.sync_api import sync_playwright

    srv, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser, base
            finally:
                browser.close()
    finally:
        srv.shutdown()


def page_weight(site: Path, pages: dict[str, str] = PAGES) -> dict:
    """Bytes, gzip bytes and requests of a first view; bytes of a repeat view (assets cached, HTML revalidated)."""
    out = {}
    with browser_on(site) as (browser, base):
        for name, path in pages.items():
            ctx = browser.new_context()
            page = ctx.new_page()
            responses = []
            page.on("response", lambda r: responses.append(r))
            page.goto(base + path, wait_until="networkidle")
            total = gz = repeat = 0
            for r in responses:
                try:
                    body = r.body()
                except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                    body = b""
                total += len(body)
                gz += len(gzip.compress(body, 6))
                if r.request.resource_type == "document":
                    repeat += len(gzip.compress(body, 6))
            out[name] = {"path": "/" + path, "requests": len(responses), "bytes": total,
                         "gzip_kb": round(gz / 1024, 1), "repeat_view_gzip_kb": round(repeat / 1024, 1)}
            ctx.close()
    return out


#: the search box's question suite (tests/test_search.py asks it too)
QUESTIONS = Path("tests") / "search_questions.yaml"


def is_search_download(url: str) -> bool:
    """A download of search: the search box's script or the index (none before the reader uses the box)."""
    return "/pagefind/" in url or url.split("?")[0].endswith("/assets/search.js")


def ask(page, query: str, timeout: float = 30000, delay: float | None = None) -> list[str]:
    """Type ``query`` into the page's search box (opening it with "/" if needed) and return the result
    links in order, once the list shows that query's results. With ``delay`` (ms) the box is emptied and
    the query typed a key at a time, as a reader does (each key starts a search that the next replaces)."""
    box = page.locator("#kp-search-input")
    if not box.is_visible():
        page.keyboard.press("/")
    if delay is None:
        box.fill(query)
    else:
        box.fill("")
        box.type(query, delay=delay)
    page.wait_for_function("q => document.getElementById('kp-search-list').getAttribute('data-query') === q",
                           arg=query, timeout=timeout)
    return page.eval_on_selector_all("#kp-search-list a", "els => els.map(e => e.getAttribute('href'))")


def search_questions(root: Path = ROOT) -> dict[str, list[dict]]:
    """{language: [{q, page, who, about}]}: the question suite, tests/search_questions.yaml."""
    return yaml.safe_load((root / QUESTIONS).read_text(encoding="utf-8"))


def answered(page, lang: str, questions: list[dict]) -> tuple[list[dict], list[str]]:
    """Ask every question of one language on one open page: (the questions whose page was not in the
    first three results, each with what came instead; the queries whose results came from another language)."""
    from urllib.parse import urlparse

    missed, foreign = [], []
    for item in questions:
        paths = [urlparse(h).path for h in ask(page, item["q"])]
        if "/" + PREFIX[lang] + item["page"] not in paths[:3]:
            missed.append({**item, "got": paths[:3]})
        if any((lang == "fi" and p.startswith(("/sv/", "/en/"))) or (lang != "fi" and not p.startswith(f"/{lang}/"))
               for p in paths):
            foreign.append(item["q"])
    return missed, foreign


def search_quality(site: Path, root: Path = ROOT, limit: int | None = None) -> dict:
    """The share of the question suite answered in the first three results, per language (one browser page
    per language asks all its questions, or the first `limit` of them)."""
    suite = search_questions(root)
    out = {}
    with browser_on(site) as (browser, base):
        for lang in LANGUAGES:
            page = browser.new_page()
            page.goto(base + PREFIX[lang] + "tietoa/", wait_until="load")
            asked = suite[lang][:limit]
            missed, _ = answered(page, lang, asked)
            n = len(asked)
            out[lang] = {"answered": n - len(missed), "questions": n,
                         "share": round((n - len(missed)) / n, 3), "missed": [m["q"] for m in missed]}
            page.close()
    return out


def quality_line(q: dict) -> str:
    return f"{q['answered']}/{q['questions']} ({round(100 * q['share'])} %)" + (
        f"; missed: {'; '.join(q['missed'])}" if q["missed"] else "")


def search_cost(site: Path) -> dict:
    """Search bytes per language: what a page downloads for search before any query (should be 0: the
    search box's script and the index load only when the reader focuses the box) and what the first query
    downloads (the script, the index, the word lists, the first five results' texts)."""
    queries = {"fi": "pöydän", "sv": "bordet", "en": "tables"}
    out = {}
    with browser_on(site) as (browser, base):
        for lang in LANGUAGES:
            ctx = browser.new_context()
            page = ctx.new_page()
            responses = []
            page.on("response", lambda r: is_search_download(r.url) and responses.append(r))
            page.goto(base + PREFIX[lang] + "kumppanuus/", wait_until="networkidle")
            before = sum(len(gzip.compress(r.body(), 6)) for r in responses)
            count_before = len(responses)
            page.keyboard.press("/")
            page.keyboard.type(queries[lang])
            # bytes are measured, not time: a busy machine may take long over the first query
            page.wait_for_function("q => document.getElementById('kp-search-list').getAttribute('data-query') === q",
                                   arg=queries[lang], timeout=120000)
            page.wait_for_load_state("networkidle")
            after = sum(len(gzip.compress(r.body(), 6)) for r in responses)
            out[lang] = (f"{round(before / 1024, 1)} KB before a query ({count_before} requests); "
                         f"{round(after / 1024, 1)} KB gzip after the first query '{queries[lang]}' "
                         f"({len(responses)} requests)")
            ctx.close()
    return out


def run(sizes: tuple[int, ...] = (100, 1000), runs: int = 5, out_dir: Path | None = None,
        root: Path = ROOT, weight: bool = True, lighthouse_runs: bool = True,
        lighthouse_pages: dict[str, str] = PAGES, questions: int | None = None) -> dict:
    """Everything `make bench` measures. `questions` limits the search-quality suite per language (the
    smoke test asks a few; the full suite runs in tests/test_search.py and in `make bench`)."""
    out_dir = out_dir or root / "bench" / "results"
    results: dict = {"machine": {"cpus": os.cpu_count()}, "targets": TARGETS}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        repo = copy_repo(tmp / "repo", root)
        results["build"] = time_builds(repo, runs)
        site = tmp / "site"
        build(repo, site)
        results["pages"] = sum(1 for _ in site.rglob("index.html"))
        if weight:
            # in threads of their own: Playwright sync API must not share a thread with another session
            results["page_weight"] = in_thread(page_weight, site)
            results[f"search_{sum(1 for _ in (root / 'cases').glob('*.yaml'))}_cases"] = in_thread(search_cost, site)
            results["search_quality"] = in_thread(search_quality, site, root, questions)
        if lighthouse_runs:
            results["lighthouse"] = lighthouse(site, lighthouse_pages, root=root)
        results["warm_rebuild_s"] = warm_rebuild(copy_repo(tmp / "serve", root))
        base = results["build"]["median_s"]
        scaling = []
        for n in sizes:
            big = copy_repo(tmp / f"repo{n}", root)
            synthetic_cases(big, n)
            big_site = tmp / f"site{n}"
            t = build(big, big_site)
            pages = sum(1 for _ in big_site.rglob("index.html"))
            scaling.append({"extra_cases": n, "build_s": round(t, 3), "pages": pages,
                            "ms_per_case": round((t - base) / n * 1000, 2)})
            if weight and n == max(sizes):
                real = sum(1 for _ in (root / "cases").glob("*.yaml"))
                results[f"search_{n + real}_cases"] = in_thread(search_cost, big_site)
            shutil.rmtree(big, ignore_errors=True)
            shutil.rmtree(big_site, ignore_errors=True)
        results["scaling"] = scaling
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    (out_dir / "latest.md").write_text(markdown(results), encoding="utf-8")
    return results


def markdown(r: dict) -> str:
    b = r["build"]
    lines = ["# Benchmark results", "", "| measure | value | target |", "| --- | --- | --- |",
             f"| full 3-language build (median of {b['runs']}; min–max) | {b['median_s']} s "
             f"({b['min_s']}–{b['max_s']}) | ≤ {TARGETS['build_s']} s |",
             f"| pages built | {r['pages']} | |",
             f"| warm `make serve` rebuild after editing one page | {r.get('warm_rebuild_s')} s | |"]
    for s in r.get("scaling", []):
        target = f"≤ {TARGETS['build_1000_s']} s" if s["extra_cases"] >= 1000 else ""
        lines.append(f"| build with +{s['extra_cases']} synthetic cases ({s.get('pages', '?')} pages) | {s['build_s']} s "
                     f"({s['ms_per_case']} ms per added case) | {target} |")
    for name, w in r.get("page_weight", {}).items():
        lines.append(f"| first view, {name} ({w['path']}) | {w['gzip_kb']} KB gzip, {w['requests']} requests, "
                     f"{w['bytes']} bytes | ≤ {TARGETS['first_view_gzip_kb']} KB, ≤ {TARGETS['first_view_requests']} |")
        lines.append(f"| repeat view, {name} | {w['repeat_view_gzip_kb']} KB gzip | |")
    for name, lh in r.get("lighthouse", {}).items():
        scores = ", ".join(f"{c} {lh[c]}" for c in LH_CATEGORIES)
        lines.append(f"| Lighthouse mobile, {name} ({lh['path']}) | {scores} | performance ≥ 95, others 100 |")
    for lang, q in r.get("search_quality", {}).items():
        lines.append(f"| search questions answered in the first three results, {lang} | {quality_line(q)} | "
                     f"all |")
    for key in sorted(k for k in r if k.startswith("search_") and k[7].isdigit()):
        for lang, v in r[key].items():
            lines.append(f"| search, {key.replace('_', ' ')}, {lang} | {v} | "
                         f"{'≤ 150 KB gzip first query' if int(key.split('_')[1]) >= 1000 else ''} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="kumppanuus bench")
    p.add_argument("--sizes", default="100,1000", help="synthetic case counts, comma-separated")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--out", default=None)
    p.add_argument("--no-weight", action="store_true", help="skip the browser measurements")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = p.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",") if s)
    r = run(sizes, args.runs, Path(args.out) if args.out else None, weight=not args.no_weight,
            lighthouse_runs=not args.no_lighthouse)
    print(markdown(r))
    return 0
