"""What the tmux end-to-end tests share: a tmux server of their own, the
app started in a real terminal, keys sent to it and its screen read back
with ``capture-pane`` (the app draws on stderr, so nothing is redirected)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOCKET = f"conflictui-test-{os.getpid()}"  # a server of its own (tests may run side by side)
TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
REPO = Path(__file__).resolve().parents[2]


def conflictui() -> list[str]:
    exe = Path(sys.executable).parent / "conflictui"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("conflictui")
    return [found] if found else [sys.executable, "-m", "tui.cli"]


def tmux(*args: str, check: bool = True) -> str:
    out = subprocess.run([TMUX, "-L", SOCKET, *args], capture_output=True, text=True, timeout=30)
    if check and out.returncode != 0:
        raise AssertionError(f"tmux {' '.join(args)}: {out.stderr}")
    return out.stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, predicate, timeout: float = 60.0, what: str = "") -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(session)
        if predicate(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{text}")


def keys(session: str, *names: str, literal: str | None = None) -> None:
    for name in names:
        tmux("send-keys", "-t", session, name)
        time.sleep(0.15)
    if literal is not None:
        tmux("send-keys", "-t", session, "-l", literal)
        time.sleep(0.3)


def launch(tmp_path: Path, session: str, db: Path, width: int, height: int, shaping: str = "off",
           env: dict[str, str] | None = None) -> None:
    """Start the app on `db` in a detached tmux session of this size; the
    pane prints EXIT=<status> when the app ends."""
    cmd = " ".join(shlex.quote(p) for p in [*conflictui(), "--db", str(db), "--shaping", shaping])
    given = {"CONFLICTUI_KEYMAP": str(tmp_path / "no-keymap.toml"), "PYTHONPATH": str(REPO), **(env or {})}
    # -u COLUMNS/LINES: Textual takes the screen size from them before the
    # terminal's, and a test runner may set them (pytest: 80x24)
    assigned = " ".join(f"{k}={shlex.quote(v)}" for k, v in given.items())
    shell = f"cd {shlex.quote(str(tmp_path))} && env -u COLUMNS -u LINES {assigned} {cmd}; echo EXIT=$?; sleep 600"
    tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), shell)


def quit_app(session: str) -> str:
    """Press q and wait for a clean exit (no traceback); the last screen."""
    keys(session, "q")
    text = wait_for(session, lambda s: "EXIT=" in s, timeout=20, what="the app to exit")
    assert "EXIT=0" in text and "Traceback" not in text, text
    return text


def end_session(name: str) -> None:
    tmux("kill-session", "-t", name, check=False)
    if not tmux("list-sessions", check=False).strip():
        tmux("kill-server", check=False)
