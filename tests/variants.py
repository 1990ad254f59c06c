"""Copies of the repository for tests that need a changed handbook, and building them.

A copy leaves out what a build makes or does not read, and links node_modules (PurgeCSS) instead of
copying it. The kumppanuus plugin itself is the installed package (make install).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

IGNORE = shutil.ignore_patterns(".venv", "site", "node_modules", ".git", "bench", "__pycache__", ".pytest_cache",
                                "pdf", "build")


def copy_repo(dest: Path, root: Path = ROOT) -> Path:
    shutil.copytree(root, dest, ignore=IGNORE)
    if (root / "node_modules").exists():
        (dest / "node_modules").symlink_to(root / "node_modules", target_is_directory=True)
    return dest


def build(repo: Path, out: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a copy into ``out``. Material's warning about MkDocs 2 is silenced here
    as in the Makefile (the handbook pins mkdocs<2 on purpose: pyproject.toml)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=repo,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
