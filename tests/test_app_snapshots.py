"""Snapshot tests of the app's layout (pytest-textual-snapshot).

Stable by construction: a fixed terminal size, shaping given explicitly, no
clock, and stores built through the normal ingest path from fixed articles:
mostly the tiny store of tests/fixtures/app/articles.jsonl (3 short
articles), plus one of the 5 bundled sample articles.

What the extractor finds in those articles changes as it improves (actors,
places, dates, rule names). When it does, these snapshots change with it:
look at the report, and if the layout is right, regenerate them with

    pytest tests/test_app_snapshots.py --snapshot-update

So that an extraction change elsewhere does not fail these layout tests,
each store's extraction is fingerprinted (tests/fixtures/app/snapshot_extraction.json,
written by ``--snapshot-update``): when a store's fingerprint differs
from the recorded one, its snapshot tests are skipped with a note to
regenerate them.

Snapshot SVGs are laid out again by the viewer's bidi, so shaped Arabic
looks reversed in the report; tests/test_app.py asserts the exact code
points instead.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from textual.widgets import Input

from store.db.query import EventFilter, EventStore
from tests.test_app import settle
from tui.app import ConflictApp

SIZE = (160, 48)
FINGERPRINTS = Path(__file__).parent / "fixtures" / "app" / "snapshot_extraction.json"


def extraction_fingerprint(db: Path) -> str:
    """A hash of everything the app shows that extraction decides."""
    store = EventStore(db)
    try:
        flt = EventFilter()
        records = []
        for rec in store.iter_records(flt):
            rec = dict(rec, article={k: v for k, v in rec["article"].items() if k != "path"})
            detail = store.detail(rec["id"])
            rec["reports_detail"] = [(r.rule, r.spans, r.date, r.date_precision, r.reported_by, r.sentence)
                                     for r in detail.reports]
            records.append(rec)
        facets = [f.__dict__ for f in store.place_facets(flt)] + [f.__dict__ for f in store.actor_facets(flt)]
        blob = json.dumps([records, facets], ensure_ascii=False, sort_keys=True, default=str)
    finally:
        store.close()
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@pytest.fixture
def checked(request):
    """Skip when the store's extraction changed since the snapshots were
    made; record the fingerprint on --snapshot-update."""

    def check(name: str, db: Path) -> Path:
        fp = extraction_fingerprint(db)
        known = json.loads(FINGERPRINTS.read_text(encoding="utf-8")) if FINGERPRINTS.exists() else {}
        if request.config.getoption("--snapshot-update", default=False):
            if known.get(name) != fp:
                known[name] = fp
                FINGERPRINTS.parent.mkdir(parents=True, exist_ok=True)
                FINGERPRINTS.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        elif known.get(name) != fp:
            pytest.skip(f"the extraction of the {name} store changed since its app snapshots were made: "
                        "check the layout and run pytest tests/test_app_snapshots.py --snapshot-update")
        return db

    return check


def _ready(*keys: str, text: dict[str, str] | None = None):
    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        for selector, value in (text or {}).items():
            app.query_one(selector, Input).value = value
            await settle(app, pilot)
        if text:
            app.action_focus_pane("events")  # no blinking cursor in an input
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        for field in app.screen.query(Input):  # a dialog's focused input: its cursor drawn steadily, not by the clock
            field.cursor_blink = False
        await pilot.pause(0.1)

    return run_before


def test_layout_tiny_store(snap_compare, tiny_store, checked):
    checked("tiny", tiny_store)
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready())


def test_layout_filtered_by_arabic_actor(snap_compare, tiny_store, checked):
    checked("tiny", tiny_store)
    app = ConflictApp(tiny_store, shaping=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready(text={"#filter-actor": "داعش"}))


def test_layout_shaping_off_english_names(snap_compare, tiny_store, checked):
    checked("tiny", tiny_store)
    app = ConflictApp(tiny_store, shaping=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready("l", "l", "down"))


def test_layout_timeline_tab(snap_compare, tiny_store, checked):
    checked("tiny", tiny_store)
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready("2"))


def test_layout_disputes_tab(snap_compare, tiny_store, checked):
    checked("tiny", tiny_store)
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready("3"))


def test_layout_help(snap_compare, tiny_store, checked):
    checked("tiny", tiny_store)
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready("f1"))


def test_layout_export_dialog(snap_compare, tiny_store, checked, monkeypatch):
    checked("tiny", tiny_store)
    monkeypatch.chdir("/tmp")  # the dialog names the folder it writes to: the same on every machine
    app = ConflictApp(tiny_store, shaping=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready("space", "x"))


def test_layout_sample_store(snap_compare, sample_store, checked):
    checked("sample", sample_store)
    assert snap_compare(ConflictApp(sample_store, shaping=True), terminal_size=SIZE, run_before=_ready())


# The table at the sizes the issue tried (issue 14): at 100x30 the side
# columns fold (the map goes, the actors and places narrow) and the table
# gets most of the screen; at 220x60 names get their room.
def test_layout_sample_store_100x30(snap_compare, sample_store, checked):
    checked("sample", sample_store)
    assert snap_compare(ConflictApp(sample_store, shaping=True), terminal_size=(100, 30), run_before=_ready())


def test_layout_sample_store_220x60_sorted(snap_compare, sample_store, checked):
    checked("sample", sample_store)
    app = ConflictApp(sample_store, shaping=True)
    assert snap_compare(app, terminal_size=(220, 60), run_before=_ready("right", "right", "left_square_bracket"))
