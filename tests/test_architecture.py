"""The package's shape: layers without import cycles (import-linter, .importlinter), and only the
supported extension points of mkdocs and its plugins (no patched modules, no private attributes)."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "kumppanuus"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(src: Path) -> subprocess.CompletedProcess:
    """lint-imports with the repository's contracts over the package found in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / ".importlinter"), "--no-cache"],
                          cwd=src, env=env, capture_output=True, text=True)


def test_the_layer_and_cycle_contracts_hold():
    proc = lint_imports(ROOT / "src")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "3 kept, 0 broken" in proc.stdout


@pytest.mark.parametrize("module,line,broken", [
    # core.cases imports core.text: text importing cases closes a circle
    ("core/text.py", "from . import cases  # noqa\n", "No import cycles"),
    # the core layer must not know the site layer, nor mkdocs
    ("core/render.py", "from ..site import urls  # noqa\n", "The plugin sits on the site layer"),
    ("site/guide.py", "import mkdocs.plugins  # noqa\n", "Only the plugin imports mkdocs"),
])
def test_the_contracts_catch_a_cycle_an_upward_import_and_mkdocs_below_the_plugin(tmp_path, module, line, broken):
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "kumppanuus", ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "kumppanuus" / module
    text = target.read_text(encoding="utf-8")
    future = "from __future__ import annotations\n"
    target.write_text(text.replace(future, future + line, 1), encoding="utf-8")
    proc = lint_imports(src)
    assert proc.returncode != 0, proc.stdout[-2000:]
    assert f"{broken}" in proc.stdout and "BROKEN" in proc.stdout, proc.stdout[-3000:]


THIRD_PARTY = ("mkdocs", "material", "mkdocs_static_i18n", "mkdocs_macros", "jinja2", "markdown", "pymdownx")


def _third_party_names(tree: ast.AST) -> set[str]:
    """Names bound to a third-party module in a file (import mkdocs.utils; from mkdocs import utils)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in THIRD_PARTY:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in THIRD_PARTY:
            for alias in node.names:
                names.add(alias.asname or alias.name)
    return names


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def supported_use_problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = _third_party_names(tree)
    problems = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Attribute) and _root_name(target) in modules:
                problems.append(f"{where}: assigns to {ast.unparse(target)} of a third-party module")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
            problems.append(f"{where}: {node.func.id}() (patching an object)")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                problems.append(f"{where}: private attribute {ast.unparse(node)}")
        if isinstance(node, ast.Attribute) and node.attr == "MethodType":
            problems.append(f"{where}: types.MethodType (replacing a method of an object)")
    return problems


def test_no_patched_modules_and_no_private_attributes_of_other_packages():
    problems = [p for path in sorted(PACKAGE.rglob("*.py")) for p in supported_use_problems(path)]
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_patched_module_and_a_private_attribute(tmp_path):
    bad = ROOT / "src" / "kumppanuus" / "_probe_not_a_module.py"
    sample = tmp_path / "sample.py"
    sample.write_text("from mkdocs import utils\nimport mkdocs_static_i18n.plugin as i18n\n"
                      "utils.clean_directory = lambda p: p\ni18n.build = None\n"
                      "def f(page):\n    page._title_from_render = 'x'\n    setattr(page, 'render', None)\n",
                      encoding="utf-8")
    shutil.copyfile(sample, bad)
    try:
        problems = supported_use_problems(bad)
    finally:
        bad.unlink()
    assert any("utils.clean_directory" in p for p in problems)
    assert any("i18n.build" in p for p in problems)
    assert any("_title_from_render" in p for p in problems)
    assert any("setattr" in p for p in problems)
