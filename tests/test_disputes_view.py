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


async def open_jim(app, pilot):
    """The JIM dispute shown: its view, its table and the table's column keys."""
    view = app.query_one(DisputesView)
    view.show_dispute("jim-mandate-2017")
    await pilot.pause()
    table = app.query_one(DataTable)
    return view, table, [c.key.value for c in table.columns.values()]


@pytest.mark.parametrize("shaping", [False, True])
@run_async
async def test_jim_side_by_side(db, tmp_path, shaping):
    app = DisputesApp(db, tmp_path, shaping)
    async with app.run_test(size=(160, 50)) as pilot:
        assert "jim-mandate-2017" in [d["id"] for d in app.query_one(DisputesView).disputes]
        view, table, keys = await open_jim(app, pilot)
        assert keys[:1] == ["aspect"] and {"russia", "usa"} <= set(keys[1:])
        row = view._rows.index("mandate_length")
        col_ru, col_us = keys.index("russia"), keys.index("usa")
        # values as people read them; the normalised value is in the detail
        assert "6 months" in table.get_cell_at((row, col_ru)).plain
        assert "2 years" in table.get_cell_at((row, col_us)).plain
        assert "P6M" not in table.get_cell_at((row, col_ru)).plain
        # differing rows stand out
        assert table.get_cell_at((row, 0)).plain.startswith("≠")
        # selecting a cell shows its sentence and article
        table.focus()
        table.move_cursor(row=row, column=col_us)
        await pilot.pause()
        shown = _text(app.query_one("#dispute-cell-text", Static))
        assert "000_778ee329156f86f8" in shown and "2 years (P2Y)" in shown
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
        assert "6 months" in table.get_cell_at((row, keys.index("russia"))).plain
        assert "1 year" in table.get_cell_at((row, keys.index("germany"))).plain


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


@run_async
async def test_one_sided_rows_are_marked_and_the_mark_explained(db, tmp_path):
    """Sites to investigate: only Russia's draft names them, the US says
    nothing on them; that is a difference, marked as one, with a legend."""
    app = DisputesApp(db, tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        view, table, keys = await open_jim(app, pilot)
        row = view._rows.index("investigation_sites")
        assert table.get_cell_at((row, keys.index("russia"))).plain != "—"
        assert table.get_cell_at((row, keys.index("usa"))).plain == "—"
        assert table.get_cell_at((row, 0)).plain.startswith("≠")
        legend = _text(app.query_one("#disputes-legend", Static))
        assert legend.startswith("≠") and "only some" in legend


@pytest.mark.parametrize("size", [(100, 30), (220, 60)])
@run_async
async def test_cells_use_the_width_of_the_screen(db, tmp_path, size):
    """The columns take the screen's width: on a wide screen no cell is cut
    while columns stand empty; on a narrow one every column keeps a
    readable width and the table scrolls sideways."""
    from tui.widgets.disputes import CELL_MIN

    app = DisputesApp(db, tmp_path)
    async with app.run_test(size=size) as pilot:
        view = app.query_one(DisputesView)
        view.show_dispute("jim-mandate-2017")
        await pilot.pause()
        table = app.query_one(DataTable)
        widths = [c.width for c in table.columns.values()]
        drawn = sum(w + 2 for w in widths)
        cut = any("…" in table.get_cell_at((r, c)).plain
                  for r in range(len(view._rows)) for c in range(1, len(widths)))
        assert min(widths[1:]) >= CELL_MIN
        if drawn < size[0] - 10:  # room left over: then nothing may be cut
            assert not cut
        if size[0] >= 220:
            assert drawn >= size[0] * 0.6 or not cut
            assert widths[1 + [c.key.value for c in table.columns.values()][1:].index("russia")] > 30
