"""Building the Swedish and English sites at the same time as the Finnish one.

mkdocs-static-i18n builds the languages one after another: Finnish first, then Swedish and English
inside the Finnish build's ``post_build``. Each language build is independent of the others (same
configuration, its own pages, its own folder), so on a machine with more than one core the handbook
starts them in forked processes as soon as the Finnish build has cleaned the site folder (its
``on_files`` event), and static-i18n's loop later waits for them instead of building them again.

What the parent needs from a child comes back through a file: the CSS class names its pages use
(kumppanuus.cssprune) and whether it succeeded. A child that fails (a strict-mode warning, an error)
exits non-zero and the parent stops the build with the language's name; the child's own messages are
already on the terminal. The output is the same as a serial build's (tests/test_site.py compares
every file), and the serial path is used when forking is unsafe or impossible: with one core, on a
system without ``fork``, while other threads run (``mkdocs serve``), or with ``KP_BUILD_JOBS=1``.
"""
from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import dataclass, field

log = logging.getLogger("mkdocs.hooks.handbook")


@dataclass
class _Child:
    pid: int
    result: str  # file the child writes its CSS usage to


@dataclass
class _State:
    children: dict[str, _Child] = field(default_factory=dict)
    patched: bool = False
    before_wait: object = None  # what the default language does once its pages are written


_STATE = _State()


def enabled() -> bool:
    if os.environ.get("KP_BUILD_JOBS", "") == "1" or not hasattr(os, "fork"):
        return False
    if (os.cpu_count() or 1) < 2:
        return False
    return threading.active_count() == 1  # forking a process with threads (mkdocs serve) may deadlock


def start(config, plugin, languages: list[str], usage: dict, before_wait=None) -> None:
    """Fork one build per language in ``languages`` (called from the default language's on_files).
    ``before_wait()`` runs in this process when its own pages are done, before it waits for the others."""
    _patch_i18n(plugin)
    _STATE.children.clear()
    _STATE.before_wait = before_wait
    log.info("building %s in parallel with %s (%d cores)", ", ".join(languages), plugin.current_language,
             os.cpu_count() or 1)
    for lang in languages:
        fd, result = tempfile.mkstemp(prefix=f"kp-build-{lang}-", suffix=".pickle")
        os.close(fd)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: build one language, report, and leave without running the parent's code
            os._exit(_child(config, plugin, lang, result, usage))
        _STATE.children[lang] = _Child(pid, result)


def _child(config, plugin, lang: str, result: str, usage: dict) -> int:
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    code = 1
    try:
        _STATE.children.clear()
        _STATE.before_wait = None
        usage.clear()
        plugin.current_language = lang
        plugin.building = True            # as in static-i18n's own loop: this is an inner build
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not str(record.msg).startswith(("Documentation built in", "Building documentation to")))
        utils.clean_directory = lambda path: path  # the Finnish build has cleaned the folder already
        build(config)
        with open(result, "wb") as fh:
            pickle.dump(dict(usage), fh)
        code = 0
    except Abort as exc:
        log.error("%s build: %s", lang, exc)
    except BaseException as exc:  # noqa: BLE001 - reported by the parent as a failed language build
        log.error("%s build failed: %s: %s", lang, type(exc).__name__, exc)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def _patch_i18n(plugin) -> None:
    """Make static-i18n's loop wait for a language already being built in a child instead of building it."""
    if _STATE.patched:
        return
    import mkdocs_static_i18n.plugin as i18n

    real_build = i18n.build

    def build_or_wait(config, *args, **kwargs):
        lang = plugin.current_language
        if lang in _STATE.children:
            finish, _STATE.before_wait = _STATE.before_wait, None
            if finish is not None:
                finish()
            wait(lang)
        else:
            real_build(config, *args, **kwargs)

    i18n.build = build_or_wait
    _STATE.patched = True


def wait(lang: str) -> None:
    from mkdocs.exceptions import Abort

    from .mkdocs_glue import merge_usage

    child = _STATE.children.pop(lang)
    _, status = os.waitpid(child.pid, 0)
    try:
        ok = os.waitstatus_to_exitcode(status) == 0
        if ok:
            with open(child.result, "rb") as fh:
                merge_usage(pickle.load(fh))
    finally:
        os.unlink(child.result)
    if not ok:
        wait_all()
        raise Abort(f"the '{lang}' build failed (its messages are above)")


def wait_all(stop: bool = False) -> None:
    """Reap any children left (after a failure elsewhere), so that none outlives the build."""
    import signal

    for lang in list(_STATE.children):
        child = _STATE.children.pop(lang)
        try:
            if stop:
                os.kill(child.pid, signal.SIGTERM)
            os.waitpid(child.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
        try:
            os.unlink(child.result)
        except OSError:
            pass
