"""Command line of the handbook: ``kumppanuus validate | parity | parity-stamp ...``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.errors import DataError


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args) -> int:
    from .core.content import Content

    try:
        content = Content.load(_root(args))
    except DataError as err:
        print(err.report(), file=sys.stderr)
        print("Korjaa yllä luetellut kohdat ja aja `make validate` uudelleen. / "
              "Fix the problems listed above and run `make validate` again.", file=sys.stderr)
        return 1
    print(f"OK: {len(content.cases)} cases and {len(content.data)} data files are valid. / "
          f"{len(content.cases)} tapausta ja {len(content.data)} datatiedostoa ovat kunnossa.")
    return 0


def cmd_parity(args) -> int:
    from .core.parity import check

    try:
        report = check(_root(args))
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    if not report.ok:
        print("FAIL: pages are missing in some language (see above).", file=sys.stderr)
        return 1
    if args.strict and (any(report.outdated.values()) or any(report.unstamped.values())
                        or any(report.data_missing.values())):
        print("FAIL: outdated or untranslated content (see above).", file=sys.stderr)
        return 1
    return 0


def cmd_parity_stamp(args) -> int:
    from .core.parity import stamp

    changed = stamp(_root(args) / "docs", only_missing=not args.all, files=args.files or None)
    for c in changed:
        print(f"stamped {c}")
    print(f"{len(changed)} file(s) stamped")
    return 0


def cmd_new_case(args) -> int:
    from .core.newcase import NewCaseError, new_case

    try:
        path = new_case(_root(args), args.slug)
    except NewCaseError as exc:
        print(f"new-case: {exc}", file=sys.stderr)
        return 2
    print(f"Created {path.relative_to(_root(args))}. Fill in every TODO, then run `make validate` and `make serve`.\n"
          f"Luotiin {path.relative_to(_root(args))}. Täytä jokainen TODO ja aja `make validate` ja `make serve`.")
    return 0


def _built_site(args, command: str) -> Path | None:
    """The built site named by --site, or None (and one line saying so) when it has not been built."""
    site = Path(args.site)
    if not (site / "index.html").exists():
        print(f"{command}: build the site first (make build): {site}/index.html is missing", file=sys.stderr)
        return None
    return site


def cmd_urls(args) -> int:
    from .core.content import get_content
    from .site.urls import check, update_registry

    root, site = _root(args), _built_site(args, "urls")
    if site is None:
        return 2
    if args.update:
        added = update_registry(root, site)
        print(f"urls.txt: {added} new address(es) added / {added} uutta osoitetta lisätty")
    problems = check(root, site, get_content(root).data["redirects"]["redirects"])
    for p in problems:
        print(f"  {p}")
    if problems:
        print(f"FAIL: {len(problems)} published address(es) no longer resolve / julkaistu osoite ei enää toimi",
              file=sys.stderr)
        return 1
    print("OK: every published address resolves / kaikki julkaistut osoitteet toimivat")
    return 0


def cmd_source_fingerprints(args) -> int:
    from .site.sourcecheck import FINGERPRINTS, make_fingerprints

    seeds = Path(args.seeds)
    try:
        text = make_fingerprints(seeds)
    except (FileNotFoundError, OSError) as exc:
        print(f"source-fingerprints: {exc}", file=sys.stderr)
        return 2
    out = _root(args) / FINGERPRINTS
    out.write_text(text, encoding="utf-8")
    print(f"{out.relative_to(_root(args))}: {sum(1 for line in text.splitlines() if not line.startswith('#'))} "
          f"hashes from {seeds}")
    return 0


def cmd_source_check(args) -> int:
    from .core.content import get_content
    from .site.sourcecheck import FINGERPRINTS, WORDS, Fingerprints, check_site

    root, site = _root(args), _built_site(args, "source-check")
    if site is None:
        return 2
    try:
        content = get_content(root)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    allowed = [e["title"] for e in content.data["bibliography"]["entries"]]
    allowed += [r["text"] for r in content.data["sourcecheck"]["allowed_runs"]]
    pages, findings = check_site(site, Fingerprints.read(root / FINGERPRINTS), allowed,
                                 content.data["sourcecheck"]["public_contacts"])
    for finding in findings:
        print(f"  {finding}")
    copied = sum(f.kind == "copied" for f in findings)
    contact = len(findings) - copied
    print(f"source check: {pages} pages, {copied} copied runs of >= {WORDS} words, {contact} contact details "
          f"/ lähdetarkistus: {pages} sivua, {copied} kopioitua jaksoa, {contact} yhteystietoa")
    if findings:
        print("FAIL: write copied runs in your own words (or quote and attribute them), and remove contact details "
              "/ kirjoita kopioidut kohdat omin sanoin ja poista yhteystiedot", file=sys.stderr)
        return 1
    return 0


def cmd_readability(args) -> int:
    """Readability figures of every "in brief" summary and of the easy-language pages, against the limits."""
    from .core.content import Content
    from .core.readability import report

    try:
        content = Content.load(_root(args))
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    rows = report(content, _root(args) / "docs")
    failed = [r for r in rows if r[4]]
    for where, kind, lang, figures, problems in rows:
        if args.all or problems:
            mark = "TOO HARD" if problems else "ok"
            print(f"{mark:8} {where} [{lang}, {kind}]: {figures.describe()}" + (f" — {'; '.join(problems)}" if problems else ""))
    print(f"readability: {len(rows)} texts, {len(failed)} too hard / luettavuus: {len(rows)} tekstiä, "
          f"{len(failed)} liian vaikeaa")
    return 1 if failed else 0


def cmd_issue_form(args) -> int:
    """Write (or with --check, compare) the GitHub issue form for new cases, generated from the schema."""
    from .core.issueform import FORM_PATH, IssueFormError, form_text

    root = _root(args)
    try:
        text = form_text(root)
    except IssueFormError as exc:
        print(f"issue-form: {exc}", file=sys.stderr)
        return 2
    target = root / FORM_PATH
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{FORM_PATH} is out of date: run `kumppanuus issue-form` / lomake on vanhentunut: "
                  f"aja `kumppanuus issue-form`", file=sys.stderr)
            return 1
        print(f"OK: {FORM_PATH} is up to date / lomake on ajan tasalla")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {FORM_PATH} / kirjoitettiin {FORM_PATH}")
    return 0


def cmd_case_from_issue(args) -> int:
    """A submitted issue form (its body, as GitHub renders it) -> cases/<slug>.yaml. 0 written, 1 refused, 2 usage."""
    from .core import issueform

    root = _root(args)
    try:
        raw = Path(args.file).read_bytes()
        body = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"case-from-issue: cannot read {args.file} as UTF-8 text: {exc} / tiedostoa ei voi lukea", file=sys.stderr)
        return 2
    if len(body) > issueform.MAX_BODY:
        print(f"case-from-issue: {args.file} is {len(body)} characters, more than an issue can hold "
              f"/ teksti on liian pitkä", file=sys.stderr)
        return 2
    report = Path(args.report) if args.report else None
    if report:
        report.mkdir(parents=True, exist_ok=True)
    try:
        result = issueform.convert(root, body)
        files = issueform.write(root, result, args.issue) if result.ok else []
    except (issueform.IssueFormError, FileExistsError) as exc:
        print(f"case-from-issue: {exc}", file=sys.stderr)
        return 2
    if report:
        (report / "result.json").write_text(issueform.report_json(result, files), encoding="utf-8")
    if not result.ok:
        n = len(result.problems)
        print(f"Lomakkeesta ei tehty tapausta: {n} korjattavaa kohtaa. / The form was not turned into a case: "
              f"{n} problem(s). No file was written.", file=sys.stderr)
        for line in result.report_lines():
            print(f"- {line}", file=sys.stderr)
        if report:
            (report / "comment.md").write_text(issueform.refusal_comment(result), encoding="utf-8")
        return 1
    if report:
        (report / "pr-body.md").write_text(issueform.pr_body(result, files, args.issue, args.author), encoding="utf-8")
    for f in files:
        print(f"wrote {f} / kirjoitettiin {f}")
    if result.finnish_needed:
        print(f"Finnish needed / suomennos puuttuu: {len(result.finnish_needed)} text(s) marked "
              f"{issueform.FINNISH_NEEDED!r}; `make validate` refuses them until translated.")
    for lang, paths in result.untranslated.items():
        if lang != "fi":
            print(f"untranslated ({lang}) / kääntämättä: {len(paths)} text(s); `kumppanuus parity` lists them")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # the benchmark has its own options
        from .bench import main as bench_main

        return bench_main(argv[1:])
    parser = argparse.ArgumentParser(prog="kumppanuus", description="Tools for the partnership-table handbook.")
    parser.add_argument("--root", default=".", help="repository root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="validate every case and data file, printing every problem at once")
    p = sub.add_parser("parity", help="report missing and outdated translations")
    p.add_argument("--strict", action="store_true", help="also fail on outdated or untranslated content")
    p = sub.add_parser("parity-stamp", help="record the Finnish source hash in translations")
    p.add_argument("--all", action="store_true", help="restamp every translation (after checking it is up to date)")
    p.add_argument("files", nargs="*", help="translations you have brought up to date, e.g. docs/sv/rakentaminen.md")
    p = sub.add_parser("urls", help="check (and with --update, extend) the registry of published addresses")
    p.add_argument("--site", default="site")
    p.add_argument("--update", action="store_true", help="add the addresses this build publishes to urls.txt")
    p = sub.add_parser("new-case", help="create cases/<slug>.yaml from the commented template")
    p.add_argument("slug", nargs="?", default="", help="e.g. kuopio-alueraadit")
    p = sub.add_parser("source-fingerprints",
                       help="hash every 8-word run and contact detail of the source documents into data/")
    p.add_argument("--seeds", default="../shared/seeds", help="folder of the source documents (*.txt)")
    p = sub.add_parser("source-check", help="check a built site for copied runs of the sources and contact details")
    p.add_argument("--site", default="site")
    p = sub.add_parser("readability", help="readability of the in-brief summaries and the easy-language pages")
    p.add_argument("--all", action="store_true", help="print the figures of every text, not only those too hard")
    sub.add_parser("bench", help="measure build time, scaling, page weight and search cost (see make bench)")
    p = sub.add_parser("issue-form", help="write .github/ISSUE_TEMPLATE/uusi-tapaus.yml from cases/schema.json")
    p.add_argument("--root", default=argparse.SUPPRESS, help="repository root (default: current directory)")
    p.add_argument("--check", action="store_true", help="only check that the committed form is up to date")
    p = sub.add_parser("case-from-issue", help="turn a submitted issue form (its body) into cases/<slug>.yaml")
    p.add_argument("file", help="the issue body as GitHub renders it (### Label sections)")
    p.add_argument("--root", default=argparse.SUPPRESS, help="repository root (default: current directory)")
    p.add_argument("--issue", type=int, default=None, help="the issue's number (for the file's comment and the PR)")
    p.add_argument("--author", default="", help="the issue author's login (for the pull request's text)")
    p.add_argument("--report", default="", help="folder for result.json and pr-body.md or comment.md")
    args = parser.parse_args(argv)
    handlers = {"validate": cmd_validate, "parity": cmd_parity, "parity-stamp": cmd_parity_stamp,
                "new-case": cmd_new_case, "urls": cmd_urls, "source-fingerprints": cmd_source_fingerprints,
                "source-check": cmd_source_check, "readability": cmd_readability,
                "issue-form": cmd_issue_form, "case-from-issue": cmd_case_from_issue}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
