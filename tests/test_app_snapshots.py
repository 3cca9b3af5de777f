"""Snapshot tests of the app's layout (pytest-textual-snapshot).

Stable by construction: a fixed terminal size, shaping given explicitly, no
clock, and stores built through the normal ingest path from fixed articles:
mostly the tiny store of tests/fixtures/app/articles.jsonl (3 short
articles), plus one of the 5 bundled sample articles.

What the extractor finds in those articles changes as it improves (actors,
places, dates, rule names). When it does, these snapshots change with it:
look at the report, and if the layout is right, regenerate them with

    pytest tests/test_app_snapshots.py --snapshot-update

Snapshot SVGs are laid out again by the viewer's bidi, so shaped Arabic
looks reversed in the report; tests/test_app.py asserts the exact code
points instead.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.test_app import settle
from tui.app import ConflictApp

SIZE = (160, 48)


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
        await pilot.pause(0.1)

    return run_before


def test_layout_tiny_store(snap_compare, tiny_store):
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready())


def test_layout_filtered_by_arabic_actor(snap_compare, tiny_store):
    app = ConflictApp(tiny_store, shaping=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready(text={"#filter-actor": "داعش"}))


def test_layout_shaping_off_english_names(snap_compare, tiny_store):
    app = ConflictApp(tiny_store, shaping=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready("n", "n", "down"))


def test_layout_timeline_tab(snap_compare, tiny_store):
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready("2"))


def test_layout_disputes_tab(snap_compare, tiny_store):
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready("3"))


def test_layout_help(snap_compare, tiny_store):
    assert snap_compare(ConflictApp(tiny_store, shaping=True), terminal_size=SIZE, run_before=_ready("f1"))


def test_layout_export_dialog(snap_compare, tiny_store):
    app = ConflictApp(tiny_store, shaping=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready("space", "x"))


def test_layout_sample_store(snap_compare, sample_store):
    assert snap_compare(ConflictApp(sample_store, shaping=True), terminal_size=SIZE, run_before=_ready())
