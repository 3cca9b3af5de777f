"""End-to-end: the app in a real terminal (tmux), from an empty store.

Runs in CI (CI installs tmux); skipped only when tmux is absent. The app
draws on stderr, so nothing is redirected: we read the screen with
``capture-pane``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.db.query import EventFilter, EventStore

SOCKET = "conflictui-test"
TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def _conflictui() -> list[str]:
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


@pytest.fixture
def session(tmp_path):
    name = f"app{os.getpid()}"
    yield name
    tmux("kill-session", "-t", name, check=False)
    if not tmux("list-sessions", check=False).strip():
        tmux("kill-server", check=False)


def test_app_in_tmux_filters_and_quits(tmp_path, session):
    db = tmp_path / "e2e.db"
    cmd = " ".join(shlex.quote(p) for p in [*_conflictui(), "--db", str(db), "--shaping", "on"])
    env = (f"CONFLICTUI_KEYMAP={shlex.quote(str(tmp_path / 'no-keymap.toml'))} "
           f"PYTHONPATH={shlex.quote(str(Path(__file__).resolve().parents[2]))}")
    shell = f"cd {shlex.quote(str(tmp_path))} && env {env} {cmd}; echo EXIT=$?; sleep 600"
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "48", shell)

    # the panes show, and the empty store is filled from the bundled samples
    wait_for(session, lambda s: "Actors" in s and "Locations" in s and "Events" in s and "Map" in s,
             what="the panes")
    wait_for(session, lambda s: "bundled sample articles" in s, what="the sample-data note")
    total = EventStore(db).count(EventFilter())
    assert total > 0
    wait_for(session, lambda s: f"{total:,} events" in s, what=f"{total} events")

    # type a filter: "/" focuses the actor input; enter applies it
    expected = EventStore(db).count(EventFilter(actors=("ISIS",)))
    tmux("send-keys", "-t", session, "/")
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "-l", "ISIS")
    tmux("send-keys", "-t", session, "Enter")
    text = wait_for(session, lambda s: f"{expected:,} events" in s and "--actor ISIS" in s,
                    what=f"{expected} events for ISIS")
    assert "conflictui events --actor ISIS" in text

    # quit with q: clean exit, no traceback on the pane
    tmux("send-keys", "-t", session, "q")
    text = wait_for(session, lambda s: "EXIT=" in s, timeout=20, what="the app to exit")
    assert "EXIT=0" in text, text
    assert "Traceback" not in text and "Error" not in text, text
