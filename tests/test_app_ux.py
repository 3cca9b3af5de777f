"""Pilot tests of what a data-browser user expects of the app (issue 14):
sort, copy, find, widths that follow the screen, the export dialog, the
detail pane's links, focus and help. Expectations come from the store
through the query API, never hard-coded counts."""

from __future__ import annotations

from store.db.query import SORT_KEYS, EventFilter, EventStore
from tests.test_app import run_async, settle, table
from tui.app import ConflictApp
from tui.widgets.events_table import EventsHeader, row_cells

SIZE = (160, 48)


def english_key(name: str | None, ar: str | None, ident: str | None):
    value = name or ar or ident
    return (value is None, value or "")


# -- sort ---------------------------------------------------------------------
def test_store_sorts_pages_by_each_whitelisted_column(sample_store):
    store = EventStore(sample_store)
    every = store.page(EventFilter(), 0, 10_000)
    by_name = sorted(every, key=lambda r: (english_key(r.actor1_en, r.actor1_ar, r.actor1_id), r.id))
    assert [r.id for r in store.page(EventFilter(), 0, 10_000, ("actor1", False))] == [r.id for r in by_name]
    # offset paging walks the same order
    pages = [r.id for k in range(0, len(every), 7) for r in store.page(EventFilter(), k, 7, ("reports", True))]
    by_reports = sorted(every, key=lambda r: (-r.n_reports, -r.id))
    assert pages == [r.id for r in by_reports]
    # an actor filter (two index branches) sorts the same way
    actor = by_name[0].actor1_id
    flt = EventFilter(actors=(actor,))
    rows = store.page(flt, 0, 10_000, ("type", False))
    assert [r.event_type for r in rows] == sorted(r.event_type for r in rows)
    assert len(rows) == store.count(flt)
    for key in SORT_KEYS:
        assert len(store.page(EventFilter(), 0, 10_000, (key, True))) == len(every)


def test_store_refuses_a_column_outside_the_whitelist(sample_store):
    import pytest

    with pytest.raises(ValueError, match="cannot sort by"):
        EventStore(sample_store).page(EventFilter(), 0, 10, ("e.id; drop table events", True))


@run_async
async def test_sort_by_key_and_by_clicking_the_header(sample_store):
    store = EventStore(sample_store)
    every = store.page(EventFilter(), 0, 10_000)
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        await pilot.press("right", "right", "left_square_bracket")  # Actor 1, ascending
        await settle(app, pilot)
        assert app.session.order == ("actor1", False)
        names = [row_cells(r, app.name_mode)["actor1"] for r in t.loaded_rows()]
        expected = sorted(every, key=lambda r: (english_key(r.actor1_en, r.actor1_ar, r.actor1_id), r.id))
        assert [r.id for r in t.loaded_rows()] == [r.id for r in expected][: len(names)]
        header = app.query_one(EventsHeader)
        assert "Actor 1▲" in header.render_line(0).text
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.session.order == ("actor1", True)
        assert "Actor 1▼" in header.render_line(0).text
        # a click on the title "Type" sorts by type, a second click the other way
        x = header.render_line(0).text.index("Type")
        await pilot.click(EventsHeader, offset=(x + 1, 0))
        await settle(app, pilot)
        assert app.session.order == ("type", False)
        types = [r.event_type for r in t.loaded_rows()]
        assert types == sorted(types) and "Type▲" in header.render_line(0).text
        await pilot.click(EventsHeader, offset=(x + 1, 0))
        await settle(app, pilot)
        types = [r.event_type for r in t.loaded_rows()]
        assert app.session.order == ("type", True) and types == sorted(types, reverse=True)
        # a new filter keeps the sort
        app.set_event_type(every[0].event_type)
        await settle(app, pilot)
        assert t.order == ("type", True)


# -- copy ---------------------------------------------------------------------
@run_async
async def test_copy_the_row_the_cell_the_json_and_the_command_line(sample_store):
    import json

    from tui.widgets.events_table import SORTABLE

    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        row = t.cursor_row
        cells = row_cells(row, app.name_mode)
        await pilot.press("y")  # VisiData's key for the row
        assert app.clipboard == "\t".join(cells[k] for k in SORTABLE)
        await pilot.press("right", "right", "Y")
        assert app.clipboard == cells["actor1"]
        await pilot.press("J")
        await settle(app, pilot)
        record = json.loads(app.clipboard)
        assert record["id"] == row.id and record["event_type"] == row.event_type
        assert record["sentence"]
        app.set_event_type(row.event_type)
        await settle(app, pilot)
        await pilot.press("C")
        # the command line in logical order, even with shaping on
        assert app.clipboard == EventFilter(types=(row.event_type,)).to_cli()


# -- find ---------------------------------------------------------------------
@run_async
async def test_find_next_previous_and_jump_to_an_id(sample_store):
    from tui.widgets.events_table import find_key

    store = EventStore(sample_store)
    every = store.page(EventFilter(), 0, 10_000)
    place = next(r.place_en for r in every[len(every) // 2:] if r.place_en)
    hits = [k for k, r in enumerate(every)
            if any(find_key(place[:5]) in find_key(c) for c in row_cells(r, "both").values())]
    assert len(hits) >= 2
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        await pilot.press("ctrl+f")
        assert app.focused.id == "find-input"
        for ch in place[:5].lower():  # case folded
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.focused is t
        first = next(k for k in hits if k > 0)
        assert t.cursor == first
        await pilot.press("n")
        await settle(app, pilot)
        assert t.cursor == next(k for k in hits if k > first)
        await pilot.press("N")
        await settle(app, pilot)
        assert t.cursor == first
        # "#id" jumps to that event, wherever it is in the table
        target = every[-3]
        await pilot.press("number_sign")
        for ch in str(target.id):
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(app, pilot)
        assert t.cursor_row.id == target.id
        # nothing found: the cursor stays and a note says so
        await pilot.press("ctrl+f", "ctrl+a", *"zzqqxx", "enter")
        await settle(app, pilot)
        assert t.cursor_row.id == target.id
        assert any("not found" in n.message for n in app._notifications)
