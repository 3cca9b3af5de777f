"""Pilot tests of what a data-browser user expects of the app (issue 14):
sort, copy, find, widths that follow the screen, the export dialog, the
detail pane's links, focus and help. Expectations come from the store
through the query API, never hard-coded counts."""

from __future__ import annotations

import re

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


# -- widths that follow the screen -----------------------------------------------
@run_async
async def test_the_table_gets_half_a_narrow_screen_and_names_their_room(sample_store):
    for size in ((100, 30), (120, 40), (160, 48), (220, 60), (80, 24)):
        app = ConflictApp(sample_store, shaping=False)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            assert table(app).size.width >= size[0] // 2, size
            if size[0] < 100:
                assert not app.query_one("#left-col").display
            if size == (220, 60):
                assert app.query_one("#right-col").display and app.query_one("#left-col").display
                app.set_name_mode("en")
                await settle(app, pilot)
                width = next(c.width for c in table(app).columns(table(app).size.width) if c.key == "actor1")
                assert width >= 20  # was 12 at 160 and 14 at 220
                shown = "\n".join(table(app).render_line(y).text for y in range(table(app).size.height))
                rows = table(app).loaded_rows()[: table(app).size.height]
                whole = [r.actor1_en for r in rows if r.actor1_en and 14 < len(r.actor1_en) <= width]
                assert whole and all(name in shown for name in whole)


def test_a_column_that_needs_less_gives_its_room_to_the_others():
    from tui.widgets.events_table import share

    assert share(40, [3, 3, 3, 2], [4, 30, 4, 4]) == [4, 28, 4, 4]
    assert sum(share(100, [3, 3, 3, 2], [10, 10, 10, 10])) == 100
    assert share(30, [3, 3, 3, 2]) == [9, 8, 8, 5]


# -- the export dialog ---------------------------------------------------------
async def _open_export(app, pilot):
    from tui.screens.export import ExportScreen

    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    return app.screen


@run_async
async def test_export_dialog_focus_enter_folder_and_remembered_path(sample_store, tmp_path):
    from textual.widgets import Input

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await _open_export(app, pilot)
        path = screen.query_one("#export-path", Input)
        assert app.focused is path
        # a folder that does not exist: one line, and the dialog stays open
        missing = tmp_path / "no-such-folder" / "out.csv"
        path.value = str(missing)
        await pilot.pause()
        assert str(missing.parent) in str(screen.query_one("#export-folder").render())
        await pilot.press("enter")
        await pilot.pause()
        warning = str(screen.query_one("#export-warning").render())
        assert warning.startswith("No folder") and "\n" not in warning and "Errno" not in warning
        assert app.screen is screen
        out = tmp_path / "out.csv"
        path.value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        assert out.exists() and app.last_export.error is None
        # the next export offers the same path
        screen = await _open_export(app, pilot)
        assert screen.query_one("#export-path", Input).value == str(out)


@run_async
async def test_marks_outside_the_filter_are_said_and_the_dialog_asks_which_set(sample_store, tmp_path):
    from textual.widgets import Input, Select

    store = EventStore(sample_store)
    every = store.page(EventFilter(), 0, 10_000)
    other = next(r.event_type for r in every if r.event_type != every[0].event_type)
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space")  # two rows of the whole store
        marked = set(app.marked)
        outside = {i for i in marked if next(r for r in every if r.id == i).event_type != other}
        app.set_event_type(other)
        await settle(app, pilot)
        assert outside
        assert f"({len(outside)} not under the filter)" in str(app.query_one("#status-line").render())
        screen = await _open_export(app, pilot)
        choice = screen.query_one("#export-which", Select)
        assert choice.value == "marked"
        choice.value = "filter"
        out = tmp_path / "under.jsonl"
        screen.query_one("#export-format", Select).value = "jsonl"
        await pilot.pause()
        screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == store.count(EventFilter(types=(other,)))


@run_async
async def test_quitting_with_marked_rows_asks_first(sample_store):
    from tui.screens.confirm import Confirm

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, Confirm)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


# -- the article's path and URL ------------------------------------------------
ARTICLE = """---
title: قصف على حلب
published: 2024-02-03
url: https://example.org/news/1
---
قصفت الطائرات الحربية السورية مدينة حلب صباح اليوم.
"""


@run_async
async def test_detail_shows_path_and_url_and_o_opens_them(tmp_path, monkeypatch):
    import webbrowser

    from tests.conftest import build_store
    from tui.widgets.detail import EventDetailView

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "with-url.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "no-url.txt").write_text(ARTICLE.replace("url: https://example.org/news/1\n", "")
                                       .replace("حلب", "إدلب"), encoding="utf-8")
    db = build_store(tmp_path / "store.db", [folder])
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda target, *a, **k: opened.append(target) or True)
    app = ConflictApp(db, shaping=False, ingest_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        assert t.count >= 2
        seen = set()
        for _ in range(t.count):
            await settle(app, pilot)
            rep = app.query_one(EventDetailView).detail.reports[0]
            text = app.query_one(EventDetailView).render_detail(200).plain
            assert f"file: {rep.article_path}" in text
            await pilot.press("o")
            await settle(app, pilot)
            if rep.article_url:
                assert "url: https://example.org/news/1" in text
                assert opened[-1] == "https://example.org/news/1"
            else:
                assert opened[-1] == (folder / "no-url.txt").absolute().as_uri()
            seen.add(bool(rep.article_url))
            await pilot.press("down")
        assert seen == {True, False}


# -- focus, footer, help -------------------------------------------------------
@run_async
async def test_tab_skips_hidden_panes_and_the_disputes_table_has_a_key(disputes_db):
    from textual.widgets import TabbedContent

    app = ConflictApp(disputes_db, shaping=False, ingest_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused.region.area > 0 and all(w.display for w in focused.ancestors_with_self
                                                   if hasattr(w, "display")), focused
        await pilot.press("escape")
        await pilot.press("D")
        await pilot.pause()
        assert app.focused.id == "disputes-table"
        await pilot.press("1", "3")
        await pilot.pause()
        assert app.focused.id == "disputes-table"
        # escape in the filter bar goes back to this tab's table, not to the events tab
        app.query_one("#filter-actor").focus()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-disputes"
        assert app.focused.id == "disputes-table"


@run_async
async def test_footer_says_space_marks_and_moves_down(sample_store):
    from textual.widgets import Footer

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        footer = app.query_one(Footer)
        drawn = "".join(str(item.render()) for item in footer.children)
        assert "Mark, down" in drawn


@run_async
async def test_help_draws_every_key_it_names_and_scrolls(sample_store):
    from tui.screens.help import INTRO, HelpScreen, binding_rows

    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        intro = str(screen.query_one("#help-intro").render())
        assert intro.strip() == INTRO.strip()  # nothing eaten as markup
        assert "[ and ]" in intro and "[ sorts" in intro
        keys = str(screen.query_one("#help-keys").render())
        for shown, _desc, ident in binding_rows(app):
            assert shown and shown in keys, ident
            assert "," not in shown and not re.search(r"[a-z]_[a-z]", shown), shown  # "F1 / ?", not "f1,question_mark"
        assert "F1 / ?" in keys
        scroll = screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0


# -- highlighting and shaping together -------------------------------------------
def _styled_chars(text, style: str) -> str:
    """The characters of a rich Text drawn in `style`, in drawing order."""
    chars = [" "] * len(text.plain)
    for span in text.spans:
        if str(span.style) == style:
            for k in range(span.start, span.end):
                chars[k] = text.plain[k]
    return "".join(c for c in chars if c != " ")


def test_shaped_sentence_keeps_each_span_style_in_drawing_order():
    import unicodedata

    from tui.widgets.detail import SPAN_STYLES, sentence_shaped

    sentence = "قصفت الطائرات الحربية السورية مدينة حلب (شمال البلاد) صباح اليوم."
    spans = {"trigger": [0, 4], "actor1": [5, 29], "place": [36, 39]}
    shown = sentence_shaped(sentence, 30, True, spans)
    assert shown.plain.count("\n") >= 1  # wrapped: the actor's words stay on their line
    for role, (a, b) in spans.items():
        drawn = _styled_chars(shown, SPAN_STYLES[role])
        logical = sentence[a:b].replace(" ", "")
        # drawn right to left, in presentation forms: back to logical letters
        assert unicodedata.normalize("NFKC", drawn[::-1]) == logical, role
    # shaping off: the same spans, in logical order
    plain = sentence_shaped(sentence, 30, False, spans)
    assert _styled_chars(plain, SPAN_STYLES["place"]) == "حلب"


@run_async
async def test_detail_pane_highlights_spans_with_shaping_on(sample_store):
    from tui.widgets.detail import SPAN_STYLES, EventDetailView

    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = app.query_one(EventDetailView)
        rep = view.detail.reports[0]
        text = view.render_detail(80)
        body_styles = {str(s.style) for s in text.spans}
        roles = [r for r in ("trigger", "actor1", "place") if r in rep.spans]
        assert roles and all(SPAN_STYLES[r] in body_styles for r in roles)
        trigger = _styled_chars(text, SPAN_STYLES["trigger"])
        # the trigger's letters are drawn in its style in the sentence, not only
        # in the Matched: list (there: its letters and «»; a later role's span
        # may cover part of it in the sentence)
        piece = rep.sentence[rep.spans["trigger"][0]:rep.spans["trigger"][1]].replace(" ", "")
        assert len(trigger) > len(piece) + 2


@run_async
async def test_clear_filter_asks_whether_to_clear_the_marks_too(sample_store):
    from tui.screens.confirm import Confirm

    store = EventStore(sample_store)
    event_type = store.page(EventFilter(), 0, 1)[0].event_type
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.set_event_type(event_type)
        await settle(app, pilot)
        await pilot.press("space", "c")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep the marks
        await settle(app, pilot)
        assert app.flt.is_empty() and len(app.marked) == 1
        app.set_event_type(event_type)
        await settle(app, pilot)
        await pilot.press("c", "y")
        await settle(app, pilot)
        assert app.flt.is_empty() and not app.marked


@run_async
async def test_the_footer_shows_the_arrows_on_the_disputes_table(disputes_db):
    from textual.widgets import Footer

    app = ConflictApp(disputes_db, shaping=False, ingest_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("D")
        await pilot.pause(0.2)
        drawn = "".join(str(item.render()) for item in app.query_one(Footer).children)
        assert "←↑↓→" in drawn and "Cells" in drawn
        table = app.query_one("#disputes-table")
        before = table.cursor_coordinate
        await pilot.press("right")
        await pilot.pause()
        assert table.cursor_coordinate != before  # the table still takes the arrows
