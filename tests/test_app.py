"""Pilot tests of the app: every expectation is computed from the store with
the query API (extraction changes; counts must never be hard-coded)."""

from __future__ import annotations

import asyncio
import functools
import json
import time
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent

from store.db.query import EventFilter, EventStore
from tui.app import ConflictApp, find_sample_articles
from tui.widgets.detail import EventDetailView
from tui.widgets.disputes import DisputesView
from tui.widgets.events_table import EventsTable
from tui.widgets.facets import ActorsPane, PlacesPane
from tui.widgets.map import EventMap
from tui.widgets.timeline import TimelineChart

SIZE = (160, 48)


def run_async(fn):
    """Run an async test without a pytest asyncio plugin."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(app: ConflictApp, pilot, timeout: float = 20.0) -> None:
    """Wait until no query runs or waits (twice in a row, to let messages land)."""
    deadline = time.monotonic() + timeout
    idle = 0
    while time.monotonic() < deadline:
        await pilot.pause(0.02)
        idle = idle + 1 if app.is_idle() else 0
        if idle >= 3:
            return
    raise AssertionError("the app never settled")


async def type_into(app: ConflictApp, pilot, selector: str, text: str) -> None:
    """Focus an input and type `text` key by key, as a person would."""
    inp = app.query_one(selector, Input)
    inp.focus()
    await pilot.pause()
    inp.value = ""
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await settle(app, pilot)


def store_count(db: Path, **kw) -> int:
    store = EventStore(db)
    try:
        return store.count(EventFilter(**kw))
    finally:
        store.close()


def table(app) -> EventsTable:
    return app.query_one(EventsTable)


def visible_lines(app) -> list[str]:
    t = table(app)
    return [t.render_line(y).text for y in range(min(t.size.height, t.count))]


# -- opening ---------------------------------------------------------------------
@run_async
async def test_opens_with_every_event(sample_store):
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert table(app).count == store_count(sample_store) > 0
        assert app.focused is table(app)
        status = str(app.query_one("#status-line").render())
        assert "conflictui events" in status
        # the detail pane shows the event under the cursor
        detail = app.query_one(EventDetailView).detail
        assert detail is not None and detail.row.id == table(app).cursor_row.id


@run_async
async def test_empty_store_loads_the_bundled_samples(tmp_path):
    db = tmp_path / "empty.db"
    app = ConflictApp(db, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot, timeout=60)
        messages = [n.message for n in app._notifications]
        n_samples = len([p for p in find_sample_articles().iterdir() if p.is_file()])
        assert f"Store was empty: loaded the {n_samples} bundled sample articles" in messages
        assert table(app).count == store_count(db) > 0


def test_find_sample_articles():
    path = find_sample_articles()
    assert path is not None and path.is_dir()
    assert len([p for p in path.iterdir() if p.suffix in (".txt", ".md", ".jsonl", ".json")]) >= 5


# -- filters ---------------------------------------------------------------------
@pytest.mark.parametrize("arabic, english", [("داعش", "ISIS")])
@run_async
async def test_filter_by_actor_in_arabic_and_english(sample_store, arabic, english):
    expected = store_count(sample_store, actors=(arabic,))
    assert expected == store_count(sample_store, actors=(english,))
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_into(app, pilot, "#filter-actor", arabic)
        assert table(app).count == expected
        assert app.flt.actors == (arabic,)
        assert app.flt.to_cli() in str(app.query_one("#status-line").render()) or app.shaping
        await type_into(app, pilot, "#filter-actor", english)
        assert table(app).count == expected
        assert app.flt.to_cli() in str(app.query_one("#status-line").render())


@run_async
async def test_filter_by_town_in_arabic_and_english(sample_store):
    expected = store_count(sample_store, towns=("دير الزور",))
    assert expected == store_count(sample_store, towns=("Deir ez-Zor",))
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_into(app, pilot, "#filter-town", "دير الزور")
        assert table(app).count == expected
        await type_into(app, pilot, "#filter-town", "Deir ez-Zor")
        assert table(app).count == expected
        # shaping off: the status line shows the command line as it is
        assert "conflictui events --town 'Deir ez-Zor'" in str(app.query_one("#status-line").render())


@run_async
async def test_filter_by_actor_and_town(sample_store):
    expected = store_count(sample_store, actors=("داعش",), towns=("دير الزور",))
    assert expected == store_count(sample_store, actors=("ISIS",), towns=("Deir ez-Zor",))
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_into(app, pilot, "#filter-actor", "داعش")
        await type_into(app, pilot, "#filter-town", "دير الزور")
        assert table(app).count == expected
        ar_rows = [r.id for r in table(app).loaded_rows()]
        await type_into(app, pilot, "#filter-actor", "ISIS")
        await type_into(app, pilot, "#filter-town", "Deir ez-Zor")
        assert table(app).count == expected
        assert [r.id for r in table(app).loaded_rows()] == ar_rows
        store = EventStore(sample_store)
        assert ar_rows == store.ids(EventFilter(actors=("ISIS",), towns=("Deir ez-Zor",)))[: len(ar_rows)]


@run_async
async def test_unknown_name_keeps_results_and_says_why(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = table(app).count
        await type_into(app, pilot, "#filter-actor", "Nobody-At-All")
        assert table(app).count == before
        status = app.query_one("#status-line")
        assert "no actor called" in str(status.render())
        assert status.has_class("-error")


@run_async
async def test_type_and_date_filters(sample_store):
    store = EventStore(sample_store)
    types = store.type_facets(EventFilter())
    event_type = types[0][0]
    dated = [d for d, _ in store.timeline(EventFilter())]
    since, until = dated[len(dated) // 3], dated[-1]
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.set_event_type(event_type)
        await settle(app, pilot)
        assert table(app).count == store.count(EventFilter(types=(event_type,)))
        await type_into(app, pilot, "#filter-since", since)
        await type_into(app, pilot, "#filter-until", until)
        assert table(app).count == store.count(EventFilter(types=(event_type,), since=since, until=until))
        await pilot.press("escape", "c")
        await settle(app, pilot)
        assert app.flt.is_empty() and table(app).count == store.count(EventFilter())


@run_async
async def test_pick_actors_in_the_actors_pane(sample_store):
    store = EventStore(sample_store)
    facets = store.actor_facets(EventFilter())
    if len(facets) < 2:
        pytest.skip("the extractor found fewer than two actors")
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")  # focus the actor list
        ol = app.query_one("#actor-list")
        assert app.focused is ol
        ol.highlighted = 0
        await pilot.press("enter")
        await settle(app, pilot)
        first = facets[0].id
        assert app.picked_actors == {first}
        assert table(app).count == store.count(EventFilter(actors=(first,)))
        ol.highlighted = 1
        await pilot.press("space")  # several actors: any of them
        await settle(app, pilot)
        picked = tuple(sorted(app.picked_actors))
        assert len(picked) == 2
        assert table(app).count == store.count(EventFilter(actors=picked))
        # the other actors stay listed with their counts
        assert len(app.query_one(ActorsPane).facets) == len(facets)


@run_async
async def test_pick_a_place_in_the_tree_and_the_map_marks_it(sample_store):
    store = EventStore(sample_store)
    places = [f for f in store.place_facets(EventFilter()) if f.kind not in ("country", "governorate")
              and f.lat is not None]
    target = places[0]
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.query_one(PlacesPane).post_message(PlacesPane.Picked(target.id))
        await settle(app, pilot)
        assert app.picked_place == target.id
        assert table(app).count == store.count(EventFilter(towns=(target.id,)))
        selected = [m for m in app.query_one(EventMap).markers if m.selected]
        assert target.id in {m.place_id for m in selected}
        # the tree shows it picked
        assert target.id in app.query_one(PlacesPane).selected
        # picking it again clears it
        app.query_one(PlacesPane).post_message(PlacesPane.Picked(target.id))
        await settle(app, pilot)
        assert app.picked_place is None
        assert table(app).count == store.count(EventFilter())


@run_async
async def test_map_marks_the_town_typed_in_the_filter(sample_store):
    store = EventStore(sample_store)
    ids = store.resolve("place", "دير الزور")
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_into(app, pilot, "#filter-town", "دير الزور")
        markers = app.query_one(EventMap).markers
        selected = {m.place_id for m in markers if m.selected}
        assert selected & set(ids), (selected, ids)
        # others are not selected
        assert all(m.place_id in ids for m in markers if m.selected)


# -- display ---------------------------------------------------------------------
def _has_presentation_forms(text: str) -> bool:
    return any(0xFE70 <= ord(c) <= 0xFEFF for c in text)


def _has_arabic_letters(text: str) -> bool:
    return any(0x0620 <= ord(c) <= 0x064A for c in text)


@run_async
async def test_shaping_toggle_changes_the_code_points(sample_store):
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        lines = "\n".join(visible_lines(app))
        assert _has_presentation_forms(lines)
        assert not _has_arabic_letters(lines)
        assert "\ufdf2" not in lines  # never the «الله» ligature
        await pilot.press("s")
        await settle(app, pilot)
        assert app.shaping is False
        lines = "\n".join(visible_lines(app))
        assert not _has_presentation_forms(lines)
        assert _has_arabic_letters(lines)
        # the actors pane and the map follow
        assert app.query_one(EventMap).shaping is False
        assert app.query_one(ActorsPane).shaping is False
        await pilot.press("s")
        await settle(app, pilot)
        assert _has_presentation_forms("\n".join(visible_lines(app)))


@run_async
async def test_names_toggle(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.name_mode == "both"
        both = "\n".join(visible_lines(app))
        assert _has_arabic_letters(both) and any(c.isascii() and c.isalpha() for c in both)
        await pilot.press("l")  # Arabic only
        await settle(app, pilot)
        assert app.name_mode == "ar"
        await pilot.press("l")  # English only
        await settle(app, pilot)
        assert app.name_mode == "en"
        rows = table(app).loaded_rows()
        english_places = [r for r in rows if r.place_en and r.place_ar]
        if english_places:
            text = "\n".join(visible_lines(app))
            assert english_places[0].place_ar not in text


@run_async
async def test_detail_highlights_spans(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = app.query_one(EventDetailView)
        d = view.detail
        assert d is not None and d.reports
        rep = d.reports[0]
        text = view.render_detail(100)
        assert rep.sentence.split()[0] in text.plain
        trig = rep.spans.get("trigger")
        if trig:
            # inline highlight: a style span covers the trigger's text
            start = text.plain.index(" ".join(rep.sentence.split("\n")))
            assert any(s.start == start + trig[0] and s.end == start + trig[1] for s in text.spans)
        # shaping on: the "Matched:" list carries each span
        app.action_toggle_shaping()
        await settle(app, pilot)
        shaped = view.render_detail(100).plain
        if trig:
            assert "Matched:" in shaped and "trigger=" in shaped


# -- the events table ---------------------------------------------------------------
@run_async
async def test_table_pages_rows_on_demand(sample_store, monkeypatch):
    monkeypatch.setattr(EventsTable, "PAGE_SIZE", 10)
    monkeypatch.setattr(EventsTable, "MAX_PAGES", 3)
    store = EventStore(sample_store)
    total = store.count(EventFilter())
    if total < 40:
        pytest.skip("too few events to page")
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        assert len(t.loaded_rows()) < total  # never all rows at once
        await pilot.press("end")
        await settle(app, pilot)
        assert t.cursor == total - 1
        assert t.cursor_row.id == store.page(EventFilter(), total - 1, 1)[0].id
        assert len(t._pages) <= max(3, t.size.height // 10 + 3)
        await pilot.press("home", "down", "down")
        await settle(app, pilot)
        assert t.cursor_row.id == store.page(EventFilter(), 2, 1)[0].id
        assert app.query_one(EventDetailView).detail.row.id == t.cursor_row.id


@run_async
async def test_mark_rows_and_mark_all(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        ids = [r.id for r in table(app).loaded_rows()[:3]]
        await pilot.press("space", "space", "space")
        assert app.marked == set(ids)
        assert "3 marked" in str(app.query_one("#status-line").render())
        await pilot.press("up", "space")  # unmark the third
        assert app.marked == set(ids[:2])
        assert "✓" in visible_lines(app)[0]
        await pilot.press("ctrl+u")
        assert not app.marked
        await type_into(app, pilot, "#filter-actor", "ISIS")
        await pilot.press("escape", "M")
        await settle(app, pilot)
        assert app.marked == set(EventStore(sample_store).ids(EventFilter(actors=("ISIS",))))


# -- export ------------------------------------------------------------------------
def _export_available() -> bool:
    try:
        from store.report.export import export_events  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _export_available(), reason="store.report.export.export_events has not landed")
@run_async
async def test_export_marked_rows_to_geojson(sample_store, tmp_path):
    from textual.widgets import Select

    from tui.screens.export import ExportScreen

    out = tmp_path / "marked.geojson"
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space", "space", "space")
        marked = set(app.marked)
        assert len(marked) == 4
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#export-format", Select).value = "geojson"
        await pilot.pause()
        screen.query_one("#export-path", Input).value = str(out)
        await pilot.pause()
        await pilot.click("#export-ok")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert app.last_export.error is None, app.last_export.error
        data = json.loads(out.read_text(encoding="utf-8"))
        store = EventStore(sample_store)
        with_place = [r for r in store.iter_records(EventFilter(ids=tuple(marked)))
                      if r["place"] and r["place"].get("lat") is not None and r["place"].get("lon") is not None]
        assert len(data["features"]) == len(with_place)
        assert {f["properties"]["id"] for f in data["features"]} <= marked

        # again to the same path: the dialog asks before overwriting
        before = out.read_text(encoding="utf-8")
        await pilot.press("ctrl+u", "x")  # no marks now: the whole filtered set
        await pilot.pause()
        screen = app.screen
        assert "All" in str(screen.query_one("#export-what").render())
        screen.query_one("#export-format", Select).value = "geojson"
        await pilot.pause()
        screen.query_one("#export-path", Input).value = str(out)
        await pilot.pause()
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "exists" in str(screen.query_one("#export-warning").render())
        assert out.read_text(encoding="utf-8") == before
        await pilot.pause(0.3)
        await pilot.click("#export-ok")  # confirm: Overwrite
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert app.last_export.error is None, app.last_export.error
        data = json.loads(out.read_text(encoding="utf-8"))
        everything = [r for r in store.iter_records(EventFilter())
                      if r["place"] and r["place"].get("lat") is not None and r["place"].get("lon") is not None]
        assert len(data["features"]) == len(everything)


@run_async
async def test_export_dialog_cancel(sample_store):
    from tui.screens.export import ExportScreen

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


# -- tabs, help, palette ------------------------------------------------------------
@run_async
async def test_disputes_tab_opens(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-disputes"
        view = app.query_one(DisputesView)
        assert view.region.width > 0 and view.region.height > 0
        await pilot.press("1")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-events"


@run_async
async def test_timeline_range_sets_the_date_filter(sample_store):
    store = EventStore(sample_store)
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        chart = app.query_one(TimelineChart)
        assert app.focused is chart and chart.bars
        await pilot.press("end", "left_square_bracket")  # range start at the last bucket
        await settle(app, pilot)
        since = chart.bars[-1][0].isoformat()
        assert app.flt.since == since
        assert app.query_one("#filter-since", Input).value == since
        assert table(app).count == store.count(EventFilter(since=since))
        await pilot.press("r")
        await settle(app, pilot)
        assert app.flt.since is None and table(app).count == store.count(EventFilter())


@run_async
async def test_help_screen_lists_bindings(sample_store):
    from tui.screens.help import HelpScreen

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys").render())
        for ident in ("quit", "toggle-shaping", "export", "events.mark", "timeline.start"):
            assert ident in keys
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@run_async
async def test_command_palette_runs_app_commands(sample_store):
    from tui.screens.export import ExportScreen

    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "toggle shaping":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.shaping is False
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "Export":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)


def test_keymap_remaps_by_id(sample_store, tmp_path, monkeypatch):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\ntoggle-shaping = "f5"\n', encoding="utf-8")
    monkeypatch.setenv("CONFLICTUI_KEYMAP", str(keymap))

    @run_async
    async def go():
        app = ConflictApp(sample_store, shaping=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("f5")
            await settle(app, pilot)
            assert app.shaping is False

    go()


def test_run_app_rejects_a_bad_store(tmp_path, capsys):
    from tui.app import run_app

    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(SystemExit) as exc:
        run_app(bad, "off")
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("conflictui: ") and "Traceback" not in err


# -- completion and paging helpers ------------------------------------------------
def test_name_suggester_completes_arabic_and_english(sample_store):
    from tui.widgets.filter_bar import NameSuggester, split_names

    store = EventStore(sample_store)
    sug = NameSuggester(store, "actor")
    for typed in ("دا", "IS"):
        done = sug._complete(typed)
        if done is None:
            continue
        assert done.startswith(typed) and len(done) > len(typed)
        store.resolve("actor", done)  # a completion always names something
    # the last of several comma-separated names is completed
    done = sug._complete("ISIS, دا")
    if done is not None:
        assert done.startswith("ISIS, دا")
        assert len(split_names(done)) == 2
    assert sug._complete("") is None


def test_offset_pages_are_slices_of_the_whole_order(sample_store):
    """The table jumps to any offset: each page is that slice of the
    (date desc, id desc) order that keyset paging walks."""
    store = EventStore(sample_store)
    for flt in (EventFilter(), EventFilter(actors=("ISIS",))):
        n = store.count(flt)
        whole = [r.id for r in store.page(flt, 0, n)]
        assert len(whole) == n
        for offset in (0, 7, max(0, n - 5)):
            assert [r.id for r in store.page(flt, offset, 10)] == whole[offset:offset + 10]


def test_app_facet_queries_equal_the_store_api(sample_store):
    """The panes' one-JSON-row facet and timeline queries give exactly what
    actor_facets, place_facets and timeline give."""
    plain, app_store = EventStore(sample_store), EventStore(sample_store)
    actor = plain.actor_facets(EventFilter())[0]
    place = next(p for p in plain.place_facets(EventFilter()) if p.count > 1)
    for flt in (EventFilter(), EventFilter(actors=(actor.id,)), EventFilter(towns=(place.id,)),
                EventFilter(actors=(actor.id,), towns=(place.id,))):
        assert app_store.actor_facets(flt, one_row=True) == plain.actor_facets(flt)
        assert app_store.place_facets(flt, one_row=True) == plain.place_facets(flt)
        assert app_store.timeline(flt, "day", one_row=True) == plain.timeline(flt, "day")
    app_store.warm_lookups()
    for table in ("actors", "places", "place_ancestors"):
        assert app_store._lookup(table) == plain._lookup(table)


@run_async
async def test_a_filter_that_matches_nothing_clears_the_detail_pane(sample_store):
    from tui.widgets.detail import EventDetailView

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        detail = app.query_one(EventDetailView)
        assert detail.detail is not None and detail.border_title != "Event"
        from tui.widgets.filter_bar import FilterBar

        app.query_one(FilterBar).set_value("words", "كلمةلاتوجدفيأيخبر")
        app.schedule_filter(0.01)
        await settle(app, pilot)
        assert table(app).count == 0
        assert detail.detail is None and detail.border_title == "Event"
