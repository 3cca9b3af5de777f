"""End-to-end: the app in a real terminal (tmux), from an empty store.

Runs in CI (CI installs tmux); skipped only when tmux is absent. The app
draws on stderr, so nothing is redirected: we read the screen with
``capture-pane``.
"""

from __future__ import annotations

import time
from pathlib import Path

from store.db.query import EventFilter, EventStore
from tests.e2e.tmux_support import keys, launch, needs_tmux, quit_app, tmux, wait_for

pytestmark = needs_tmux


def test_app_in_tmux_filters_and_quits(tmp_path, session):
    db = tmp_path / "e2e.db"
    launch(tmp_path, session, db, 160, 48, shaping="on")

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
    launch(tmp_path, session, db, width, height)
    tmux("set-option", "-g", "set-clipboard", "on")  # OSC 52 from the app lands in tmux's buffer
    deadline = time.monotonic() + 60
    while not (db.exists() and EventStore(db).count(EventFilter())) and time.monotonic() < deadline:
        time.sleep(0.5)  # the app fills the empty store from the samples
    time.sleep(1)
    total = EventStore(db).count(EventFilter())
    wait_for(session, lambda s: f"{total:,} events" in s, what=f"{total} events")
    return db


def test_narrow_terminal_sorts_copies_finds_and_exports(tmp_path, session):
    from tui.widgets.events_table import SORTABLE, find_key, row_cells, row_matches

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
    # as a person does: wait for the bar (a key typed before the input takes
    # focus goes to the table, and a loaded machine makes that window wide)
    keys(session, "C-f")
    wait_for(session, lambda s: "find in the columns shown" in s, what="the find bar")
    keys(session, literal=f"#{last.id}")
    keys(session, "Enter")
    wait_for(session, lambda s: f"Event {last.id}" in s, what=f"the find of event {last.id}")
    # ... and by text over the columns shown: a place name that one row holds
    every = store.page(EventFilter(), 0, 10_000, ("type", False))
    unique = next(r for r in every if r.place_en
                  and sum(row_matches(o, find_key(r.place_en), "both") for o in every) == 1)
    keys(session, "C-f")
    wait_for(session, lambda s: f"#{last.id}" in s, what="the find bar with the last search")
    keys(session, "C-u")
    wait_for(session, lambda s: "find in the columns shown" in s, what="the find bar emptied")
    keys(session, literal=unique.place_en)
    wait_for(session, lambda s: unique.place_en in s, what="the text typed into the find bar")
    keys(session, "Enter")
    wait_for(session, lambda s: f"Event {unique.id}" in s, what=f"the match, event {unique.id}")

    # hide the sorted column (-), remembered in the user config; V shows it again
    keys(session, "-")
    wait_for(session, lambda s: "Type▲" not in s, what="the Type column hidden")
    config = tmp_path / "no-keymap.toml"
    assert 'hidden = ["type"]' in config.read_text(encoding="utf-8")
    keys(session, "V")
    wait_for(session, lambda s: "Type▲" in s, what="the Type column shown again")

    # the undated toggle: t includes them, the command line says so
    keys(session, "t")
    wait_for(session, lambda s: "--undated include" in s, what="the undated toggle")
    keys(session, "t", "t", "t")  # exclude, only, back to the dates' own rule
    wait_for(session, lambda s: "--undated" not in s, what="the undated toggle back to its default")

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

    quit_app(session)
