"""Pilot tests for the Disputes tab (DisputesView) on a store of the sample
and test articles, mounted in a minimal app that has what the real app
gives the view (store, shaping, name_mode)."""
from __future__ import annotations

import asyncio
import functools
import sys
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.db.query import EventStore  # noqa: E402
from tui.widgets.disputes import ConfirmOverwrite, DisputesView  # noqa: E402


def run_async(fn):
    """Run an async test without a pytest asyncio plugin."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))
    return wrapper


@pytest.fixture(scope="module")
def db(disputes_db):
    return disputes_db


class DisputesApp(App):
    def __init__(self, db, export_dir, shaping=False):
        super().__init__()
        self.store = EventStore(db)
        self.shaping = shaping
        self.name_mode = "en"
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        yield DisputesView(id="disputes-view", export_dir=self.export_dir)


def _text(widget: Static) -> str:
    return str(widget.render())


@pytest.mark.parametrize("shaping", [False, True])
@run_async
async def test_jim_side_by_side(db, tmp_path, shaping):
    app = DisputesApp(db, tmp_path, shaping)
    async with app.run_test(size=(160, 50)) as pilot:
        view = app.query_one(DisputesView)
        ids = [d["id"] for d in view.disputes]
        assert "jim-mandate-2017" in ids
        view.show_dispute("jim-mandate-2017")
        await pilot.pause()
        table = app.query_one(DataTable)
        keys = [c.key.value for c in table.columns.values()]
        assert keys[:1] == ["aspect"] and {"russia", "usa"} <= set(keys[1:])
        row = view._rows.index("mandate_length")
        col_ru, col_us = keys.index("russia"), keys.index("usa")
        assert "P6M" in table.get_cell_at((row, col_ru)).plain
        assert "P2Y" in table.get_cell_at((row, col_us)).plain
        # differing rows stand out
        assert table.get_cell_at((row, 0)).plain.startswith("≠")
        # selecting a cell shows its sentence and article
        table.focus()
        table.move_cursor(row=row, column=col_us)
        await pilot.pause()
        shown = _text(app.query_one("#dispute-cell-text", Static))
        assert "000_778ee329156f86f8" in shown and "P2Y" in shown
        timeline = _text(app.query_one("#dispute-timeline-text", Static))
        assert "2017-11-16" in timeline


@run_async
async def test_other_disputes_have_their_parties(db, tmp_path):
    app = DisputesApp(db, tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        view = app.query_one(DisputesView)
        by_id = {d["id"]: d for d in view.disputes}
        cba = by_id["cross-border-aid-2019"]
        assert {"russia", "germany", "china"} <= {p["id"] for p in cba["parties"]}
        view.show_dispute("cross-border-aid-2019")
        await pilot.pause()
        table = app.query_one(DataTable)
        keys = [c.key.value for c in table.columns.values()]
        row = view._rows.index("aid_duration")
        assert "P6M" in table.get_cell_at((row, keys.index("russia"))).plain
        assert "P1Y" in table.get_cell_at((row, keys.index("germany"))).plain


@run_async
async def test_export_asks_before_overwriting(db, tmp_path):
    app = DisputesApp(db, tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        view = app.query_one(DisputesView)
        view.show_dispute("jim-mandate-2017")
        view.focus()
        await pilot.press("x")
        await pilot.pause()
        md = tmp_path / "dispute-jim-mandate-2017.md"
        js = tmp_path / "dispute-jim-mandate-2017.json"
        assert md.exists() and js.exists()
        md.write_text("mine", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        await pilot.pause()
        assert md.read_text(encoding="utf-8") == "mine"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Russian" in md.read_text(encoding="utf-8")
