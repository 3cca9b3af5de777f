"""Running the `conflictui` command in a subprocess, as a user would, for
the reliability tests: a traceback or a hijacked terminal shows up in the
real stdout/stderr bytes, not in a CliRunner's."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def command() -> list[str]:
    exe = Path(sys.executable).parent / "conflictui"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from tui.cli import main; main()"]


def env(dict_dir: Path | None = None, **extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e.pop("CONFLICTUI_DB", None)
    e["CONFLICTUI_DICT_DIR"] = str(dict_dir) if dict_dir else str(ROOT / "tests" / "badinput" / "no-user-dicts")
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e["COLUMNS"] = "200"
    e.update(extra)
    return e


def run(args: list[str], dict_dir: Path | None = None, timeout: float = 600, **kw) -> subprocess.CompletedProcess:
    """`conflictui ARGS`, capturing stdout and stderr as text."""
    return subprocess.run(command() + [str(a) for a in args], capture_output=True, text=True,
                          env=env(dict_dir), timeout=timeout, cwd=ROOT, **kw)


def popen(args: list[str], dict_dir: Path | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen(command() + [str(a) for a in args], env=env(dict_dir), cwd=ROOT,
                            start_new_session=True, **kw)
