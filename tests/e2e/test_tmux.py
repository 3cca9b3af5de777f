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

SOCKET = f"conflictui-test-{os.getpid()}"  # a server of its own (tests may run side by side)
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
    # -u COLUMNS/LINES: Textual takes the screen size from them before the
    # terminal's, and a test runner may set them (pytest: 80x24)
    env = (f"-u COLUMNS -u LINES CONFLICTUI_KEYMAP={shlex.quote(str(tmp_path / 'no-keymap.toml'))} "
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


def _start(tmp_path: Path, session: str, width: int, height: int) -> Path:
    db = tmp_path / "e2e.db"
    cmd = " ".join(shlex.quote(p) for p in [*_conflictui(), "--db", str(db), "--shaping", "off"])
    # -u COLUMNS/LINES: Textual takes the screen size from them before the
    # terminal's, and a test runner may set them (pytest: 80x24)
    env = (f"-u COLUMNS -u LINES CONFLICTUI_KEYMAP={shlex.quote(str(tmp_path / 'no-keymap.toml'))} "
           f"PYTHONPATH={shlex.quote(str(Path(__file__).resolve().parents[2]))}")
    shell = f"cd {shlex.quote(str(tmp_path))} && env {env} {cmd}; echo EXIT=$?; sleep 600"
    tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), shell)
    tmux("set-option", "-g", "set-clipboard", "on")  # OSC 52 from the app lands in tmux's buffer
    deadline = time.monotonic() + 60
    while not (db.exists() and EventStore(db).count(EventFilter())) and time.monotonic() < deadline:
        time.sleep(0.5)  # the app fills the empty store from the samples
    time.sleep(1)
    total = EventStore(db).count(EventFilter())
    wait_for(session, lambda s: f"{total:,} events" in s, what=f"{total} events")
    return db


def keys(session: str, *names: str, literal: str | None = None) -> None:
    for name in names:
        tmux("send-keys", "-t", session, name)
        time.sleep(0.15)
    if literal is not None:
        tmux("send-keys", "-t", session, "-l", literal)
        time.sleep(0.3)


def test_narrow_terminal_sorts_copies_finds_and_exports(tmp_path, session):
    from tui.widgets.events_table import SORTABLE, row_cells

    db = _start(tmp_path, session, 100, 30)
    store = EventStore(db)
    # sort by type: the column cursor one to the right of the date, then [
    keys(session, "Right", "[")
    wait_for(session, lambda s: "Type▲" in s, what="the sort indicator")
    first = store.page(EventFilter(), 0, 1, ("type", False))[0]
    wait_for(session, lambda s: f"Event {first.id}" in s, what=f"the detail of event {first.id}")

    # copy the row: OSC 52 through tmux into its paste buffer, as TSV
    keys(session, "y")
    wait_for(session, lambda s: "copied" in s, what="the copy note")
    expected = "\t".join(row_cells(first, "both")[k] for k in SORTABLE)
    deadline = time.monotonic() + 10
    while tmux("show-buffer", check=False) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    assert tmux("show-buffer") == expected

    # find: jump to an event by id, then by text
    last = store.page(EventFilter(), store.count(EventFilter()) - 1, 1, ("type", False))[0]
    keys(session, "C-f", literal=f"#{last.id}")
    keys(session, "Enter")
    wait_for(session, lambda s: f"Event {last.id}" in s, what=f"the find of event {last.id}")

    # export from the narrow screen: a missing folder is one line, then a good path writes
    keys(session, "x")
    wait_for(session, lambda s: "Export" in s and "into the folder" in s, what="the export dialog")
    time.sleep(0.5)  # the path field takes focus once the dialog is drawn
    keys(session, "C-u", literal=str(tmp_path / "missing" / "out.csv"))
    wait_for(session, lambda s: "missing/out.csv" in s, what="the typed path")
    keys(session, "Enter")
    wait_for(session, lambda s: "No folder" in s, what="the missing-folder line")
    out = tmp_path / "out.csv"
    keys(session, "C-u", literal=str(out))
    wait_for(session, lambda s: "/out.csv" in s and "missing/out.csv" not in s, what="the good path")
    keys(session, "Enter")
    deadline = time.monotonic() + 20
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    import csv

    assert out.exists()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == store.count(EventFilter()) + 1

    keys(session, "q")
    text = wait_for(session, lambda s: "EXIT=" in s, timeout=20, what="the app to exit")
    assert "EXIT=0" in text and "Traceback" not in text, text
