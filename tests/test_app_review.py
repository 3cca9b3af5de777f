"""Pilot tests of the review side of the app (issue 13): confirm, reject,
undo and edit the event under the cursor, the review filter, the review
counts on the status line and the marks in the table. Expectations come
from the store through the query API."""

from __future__ import annotations

from store.db.query import EventFilter, EventStore
from tests.test_app import SIZE, run_async, settle, table
from tui.app import ConflictApp
from tui.review import REVIEW_MARKS
from tui.screens.edit_event import EditEventScreen
from tui.widgets.detail import EventDetailView


def reviews(db) -> dict[int, str | None]:
    store = EventStore(db)
    try:
        return {r.id: r.review for r in store.page(EventFilter(include_rejected=True), 0, 10_000)}
    finally:
        store.close()


def status(app) -> str:
    return str(app.query_one("#status-line").render())


@run_async
async def test_confirm_reject_and_undo_the_event_under_the_cursor(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        total = table(app).count
        first = table(app).cursor_row.id
        await pilot.press("v")
        await settle(app, pilot)
        assert reviews(sample_store)[first] == "confirmed"
        assert table(app).cursor_row.id == first
        assert table(app).render_line(0).text.lstrip().startswith(REVIEW_MARKS["confirmed"])
        assert f"reviewed 1/{total:,}" in status(app)
        # the cursor stays on its row; delete rejects the event there, which leaves the table
        await pilot.press("down")
        await settle(app, pilot)
        second = table(app).cursor_row.id
        await pilot.press("delete")
        await settle(app, pilot)
        assert reviews(sample_store)[second] == "rejected"
        assert table(app).count == total - 1
        assert second not in {r.id for r in table(app).loaded_rows()}
        assert "(1 rejected)" in status(app)
        # u undoes the rejection
        await pilot.press("u")
        await settle(app, pilot)
        assert reviews(sample_store)[second] is None
        assert table(app).count == total


@run_async
async def test_review_filter_walks_the_events_still_to_check(sample_store):
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        total = table(app).count
        await pilot.press("R")  # review: unreviewed
        await settle(app, pilot)
        assert app.flt.review == "unreviewed" and table(app).count == total
        first = table(app).cursor_row.id
        await pilot.press("v")
        await settle(app, pilot)
        # the confirmed event leaves the unreviewed ones; the cursor is on the next one
        assert table(app).count == total - 1
        assert table(app).cursor_row.id != first
        assert "--review unreviewed" in status(app)
        assert f"reviewed 1/{total:,}" in status(app)


@run_async
async def test_edit_dialog_shows_the_sentence_and_records_the_changes(sample_store):
    store = EventStore(sample_store)
    row = store.page(EventFilter(), 0, 1)[0]
    store.close()
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert table(app).cursor_row.id == row.id
        await pilot.press("E")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditEventScreen)
        detail = app.query_one(EventDetailView).detail
        sentence = str(screen.query_one("#edit-sentence").render())
        assert detail.reports[0].sentence.split()[0] in sentence
        new_toll = (row.fatalities or 0) + 7
        screen.query_one("#edit-fatalities").value = str(new_toll)
        screen.query_one("#edit-note").value = "the outlet's later count"
        await pilot.click("#edit-save")
        await settle(app, pilot)
        assert not isinstance(app.screen, EditEventScreen)
        assert reviews(sample_store)[row.id] == "corrected"
        assert table(app).cursor_row.fatalities == new_toll
        assert app.query_one(EventDetailView).detail.row.fatalities == new_toll
        assert table(app).render_line(0).text.lstrip().startswith(REVIEW_MARKS["corrected"])


@run_async
async def test_contested_toggle_and_what_each_source_says(tmp_path):
    from store.nlp.dictionaries import Dictionaries
    from tests.test_corrections import CONTROL, NO_USER, RAID, make_store, raid_event
    from tui.widgets.reports import DIFFERS_STYLE, ReportsView

    db = make_store(tmp_path, Dictionaries(user_dir=NO_USER), RAID, CONTROL)
    store = EventStore(db)
    raid = raid_event(store)
    contested = store.count(EventFilter(contested=True))
    total = store.count(EventFilter())
    store.close()
    assert 0 < contested < total
    app = ConflictApp(db, shaping=False, ingest_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        assert app.flt.contested and table(app).count == contested
        assert "--contested" in status(app)
        while table(app).cursor_row.id != raid:
            await pilot.press("down")
            await settle(app, pilot)
        view = app.query_one(ReportsView)
        assert view.display and view.versions["event_id"] == raid
        text = view.text
        plain = str(text)
        assert "they differ on fatalities" in plain
        assert "المرصد السوري لحقوق الإنسان" in plain and "وكالة سانا" in plain
        marked = {plain[s.start:s.end] for s in text.spans if s.style == DIFFERS_STYLE}
        assert marked == {"36", "4"}


# our own sentence: a town no shipped dictionary knows
UNKNOWN_TOWN = {"raid.txt": ("شبكة شام", "2019-06-02",
                             "قصفت قوات النظام السوري بلدة تل المعزولة الكبير في ريف حلب الشمالي اليوم،"
                             " ما أدى إلى مقتل 3 مدنيين.")}
TOWN_ROW = ("id\tname_en\tname_ar\taliases\tkind\tlat\tlon\tparent\tcountry\tpopulation\tgeonameid\n"
            "tall-maazula\tTall al-Maazula\tتل المعزولة الكبير\t\ttown\t36.30\t37.05\tSY-HL\tSY\t\t\n")


def notes(app) -> dict[str, str]:
    return {n.title: n.message for n in app._notifications}


@run_async
async def test_offers_and_runs_reextraction_after_a_dictionary_change(tmp_path, monkeypatch):
    from store.nlp.dictionaries import Dictionaries
    from tests.test_corrections import NO_USER, make_store

    db = make_store(tmp_path, Dictionaries(user_dir=NO_USER), UNKNOWN_TOWN)
    store = EventStore(db)
    (row,) = store.page(EventFilter(), 0, 10)
    store.confirm(row.id, by="ana")
    store.close()
    user = tmp_path / "dicts"
    user.mkdir()
    monkeypatch.setenv("CONFLICTUI_DICT_DIR", str(user))
    app = ConflictApp(db, shaping=False, ingest_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Re-extraction offered" not in notes(app)  # the same dictionaries
    (user / "places.tsv").write_text(TOWN_ROW, encoding="utf-8")
    app = ConflictApp(db, shaping=False, ingest_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "the dictionaries changed" in notes(app)["Re-extraction offered"]
        assert "Press ^r" in notes(app)["Re-extraction offered"]
        await pilot.press("ctrl+r")
        await settle(app, pilot, timeout=60)
        assert "1 articles re-extracted" in notes(app)["Re-extracted"]
        shown = table(app).cursor_row
        assert shown.review == "confirmed"  # the correction survives
        assert shown.place_id == "tall-maazula"  # the new name is found
    store = EventStore(db)
    assert store.extraction_differs(Dictionaries().fingerprint) == []
    store.close()


@run_async
async def test_plus_adds_the_selected_town_to_the_user_dictionary(tmp_path, monkeypatch):
    from textual.screen import Screen

    from store.nlp.dictionaries import Dictionaries
    from tests.test_corrections import NO_USER, make_store
    from tui.screens.add_name import AddNameScreen

    db = make_store(tmp_path, Dictionaries(user_dir=NO_USER), UNKNOWN_TOWN)
    user = tmp_path / "dicts"
    monkeypatch.setenv("CONFLICTUI_DICT_DIR", str(user))
    town = "تل المعزولة الكبير"
    monkeypatch.setattr(Screen, "get_selected_text", lambda self: town)  # the user selected it with the mouse
    app = ConflictApp(db, shaping=False, ingest_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert table(app).cursor_row.place_id != "tall-al-maazula"
        await pilot.press("plus")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AddNameScreen)
        assert screen.query_one("#add-name").value == town
        screen.query_one("#add-name_en").value = "Tall al-Maazula"
        screen.query_one("#add-parent").value = "Aleppo"
        await pilot.click("#add-save")
        await settle(app, pilot)
        assert not isinstance(app.screen, AddNameScreen), str(screen.query_one("#add-warning").render())
        assert "Re-extraction offered" in notes(app)
        await pilot.press("ctrl+r")
        await settle(app, pilot, timeout=60)
        assert table(app).cursor_row.place_id == "tall-al-maazula"
    place = Dictionaries().places["tall-al-maazula"]
    parent = Dictionaries().places[place.parent]
    assert place.name_ar == town and place.kind == "town" and place.country == "SY"
    assert (place.lat, place.lon) == next((p.lat, p.lon) for p in Dictionaries().place_chain(parent.id)
                                          if p.lat is not None)


def test_add_user_row_checks_the_row_as_the_loader_reads_it(tmp_path):
    import pytest

    from store.nlp.dictionaries import Dictionaries, add_user_row

    with pytest.raises(ValueError, match="lat"):
        add_user_row("place", {"id": "x-town", "name_ar": "بلدة", "lat": "999", "lon": "1"}, tmp_path)
    with pytest.raises(ValueError, match="kind"):
        add_user_row("actor", {"id": "x-brigade", "name_ar": "لواء", "kind": "band"}, tmp_path)
    assert not (tmp_path / "places.tsv").exists() and not (tmp_path / "actors.tsv").exists()
    add_user_row("actor", {"id": "x-brigade", "name_en": "X Brigade", "name_ar": "لواء الاختبار",
                           "kind": "armed_group", "parent": "isis"}, tmp_path)
    add_user_row("actor", {"id": "y-brigade", "name_ar": "لواء ثان", "kind": "militia"}, tmp_path)
    actors = Dictionaries(user_dir=tmp_path).actors
    assert (actors["x-brigade"].parent, actors["y-brigade"].kind) == ("isis", "militia")
