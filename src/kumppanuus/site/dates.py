""""Last updated" dates for every page, from one ``git log`` call per build.

The git-revision-date-localized plugin ran ``git log`` once per page: with a thousand cases in three
languages that was 3,000 processes (about 15 s). One log of the whole history gives the last commit
date of every file at once. Without git (a tarball, a copy) every page falls back to the build date.
"""
from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

DATE_LOCALES = {"en": "en_GB"}  # British English dates: 24 November 2026


def last_commit_dates(root: Path) -> dict[str, str]:
    """{path relative to the repository: 'YYYY-MM-DD' of the last commit that touched it}."""
    try:
        proc = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--", "docs", "cases"],
                              cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in proc.stdout.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line, current)  # newest first: the first date seen is the last change
    return dates


def localized_date(iso: str, lang: str) -> str:
    from babel.dates import format_date
    return format_date(datetime.date.fromisoformat(iso), format="long", locale=DATE_LOCALES.get(lang, lang))


def updated_html(iso: str, lang: str) -> str:
    """The markup Material's source-file partial shows as "last update" (class names kept from the plugin
    it replaces, so the theme's styling applies)."""
    return (f'<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date">'
            f'<time datetime="{iso}">{localized_date(iso, lang)}</time></span>')
