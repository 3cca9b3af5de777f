"""Pilot tests of the events table's options (issue 14): the undated
toggle (a key and a filter-bar control) and the columns the user widens,
narrows or hides, remembered in the user config. Expectations come from the
store through the query API."""

from __future__ import annotations

from textual.widgets import Select

from store.db.query import EventFilter, EventStore
from tests.test_app import run_async, settle, table, type_into
from tui.app import ConflictApp

SIZE = (160, 48)


def status_text(app) -> str:
    return str(app.query_one("#status-line").render())


# -- undated events ---------------------------------------------------------------
@run_async
async def test_undated_key_and_control_walk_include_exclude_only(sample_store):
    store = EventStore(sample_store)
    dated = [d for d, _ in store.timeline(EventFilter())]
    since = dated[len(dated) // 2]
    bounded = EventFilter(since=since)
    left_out = store.undated_left_out(bounded)
    assert left_out > 0  # the samples hold undated events
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_into(app, pilot, "#filter-since", since)
        assert table(app).count == store.count(bounded)
        assert f"+{left_out:,} undated not shown" in status_text(app)
        await pilot.press("escape")
        for mode in ("include", "exclude", "only", None):
            await pilot.press("t")
            await settle(app, pilot)
            assert app.flt.undated == mode
            assert table(app).count == store.count(bounded.with_(undated=mode))
            control = app.query_one("#filter-undated", Select)
            assert control.is_blank() if mode is None else control.value == mode
            assert ("undated not shown" in status_text(app)) == bool(store.undated_left_out(app.flt))
            if mode:
                assert f"--undated {mode}" in status_text(app)
        # the filter bar's control sets it too
        app.query_one("#filter-undated", Select).value = "only"
        await settle(app, pilot)
        assert app.flt.undated == "only" and table(app).count == store.count(EventFilter(undated="only"))
        await pilot.press("c")
        await settle(app, pilot)
        assert app.flt.undated is None and app.query_one("#filter-undated", Select).is_blank()


# -- columns ------------------------------------------------------------------------
def shown_columns(app) -> dict[str, int]:
    t = table(app)
    return {c.key: c.width for c in t.columns(t.size.width)}


def user_config(tmp_path, monkeypatch, text: str):
    """A user config holding `text`, which the app reads and writes."""
    config = tmp_path / "keymap.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CONFLICTUI_KEYMAP", str(config))
    return config


@run_async
async def test_columns_hide_show_widen_narrow_fit_and_are_remembered(sample_store, tmp_path, monkeypatch):
    import tomllib

    config = user_config(tmp_path, monkeypatch, '# mine\n[keymap]\ntoggle-shaping = "f5"\n')
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = shown_columns(app)
        await pilot.press("right", "right")  # Actor 1
        assert table(app).column_key == "actor1"
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert shown_columns(app)["actor1"] == before["actor1"] + 2
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(app, pilot)
        assert shown_columns(app)["actor1"] == before["actor1"] - 2
        await pilot.press("underscore")  # fit to the widest loaded cell
        await settle(app, pilot)
        widest = max(len(table(app).cell_text(r, "actor1")) for r in table(app).loaded_rows())
        assert shown_columns(app)["actor1"] == max(widest, len("Actor 1") + 1)
        await pilot.press("right", "minus")  # hide Actor 2: the cursor moves on
        await settle(app, pilot)
        assert "actor2" not in shown_columns(app) and table(app).column_key == "place"
        header = app.query_one("#events-header").render_line(0).text
        assert "Actor 2" not in header and "Place" in header
        # copy and find take the columns shown
        await pilot.press("y")
        assert app.clipboard.count("\t") == len(table(app).shown_keys()) - 1
        saved = tomllib.loads(config.read_text(encoding="utf-8"))
        assert saved["keymap"] == {"toggle-shaping": "f5"} and config.read_text().startswith("# mine")
        assert saved["columns"]["hidden"] == ["actor2"]
        assert saved["columns"]["width"] == {"actor1": shown_columns(app)["actor1"]}
        remembered = shown_columns(app)
    # a new app lays the columns out as they were left
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert shown_columns(app) == remembered
        await pilot.press("f5")  # the keymap still works
        await settle(app, pilot)
        assert app.shaping is True
        await pilot.press("V")  # show the hidden columns again
        await settle(app, pilot)
        assert "actor2" in shown_columns(app)
        await pilot.press("right", "right", "underscore")  # fitted already: back to the screen's share
        await settle(app, pilot)
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved["columns"] == {"hidden": [], "width": {}}


@run_async
async def test_column_keys_remap_by_binding_id(sample_store, tmp_path, monkeypatch):
    user_config(tmp_path, monkeypatch, '[keymap]\n"events.column-hide" = "z"\n')
    app = ConflictApp(sample_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("z")
        await settle(app, pilot)
        assert "date" not in shown_columns(app)


def test_a_broken_columns_table_hides_nothing(tmp_path):
    from tui.bindings import load_columns
    from tui.widgets.events_table import SORTABLE, ColumnPrefs

    path = tmp_path / "keymap.toml"
    path.write_text('[columns]\nhidden = ["nope", "date"]\nwidth = {actor1 = "wide", place = 9}\n', encoding="utf-8")
    prefs = ColumnPrefs.from_config(*load_columns(path)[:2])
    assert prefs.hidden == {"date"} and prefs.widths == (("place", 9),)
    path.write_text(f'[columns]\nhidden = {list(SORTABLE)!r}\n'.replace("'", '"'), encoding="utf-8")
    assert ColumnPrefs.from_config(*load_columns(path)[:2]).hidden == frozenset()
    path.write_text("[columns\n", encoding="utf-8")
    assert load_columns(path)[2]


# -- shaped text that wraps, and the filter inputs -----------------------------------
def test_a_wrapped_arabic_name_reads_in_order_on_each_line():
    from tui.shaping import shape_line
    from tui.widgets.detail import names_block

    words = ["مدينة", "دير", "الزور", "الجديدة", "الكبرى"]  # our own name, five words
    name = " ".join(words)
    text = names_block([("actor1", "Syrian Arab Army", "bold"), ("place", name, "bold green")], 24, True)
    lines = text.plain.split("\n")
    assert len(lines) >= 3 and all(len(line.rstrip()) <= 24 for line in lines)
    assert lines[0].startswith("actor1: Syrian Arab Army")
    place_lines = lines[1:]
    assert place_lines[0].startswith("place: ")
    # wrapped in logical order first: the first words on the first line, the
    # last on the last, each line reordered on its own
    assert shape_line(words[0], True) in place_lines[0] and shape_line(words[-1], True) not in place_lines[0]
    assert shape_line(words[-1], True) in place_lines[-1] and shape_line(words[0], True) not in place_lines[-1]
    for line in place_lines:
        piece = line.removeprefix("place: ").strip()
        assert piece == shape_line(" ".join(w for w in words if shape_line(w, True) in piece), True)
    # unshaped: the same words in logical order
    plain = names_block([("place", name, "")], 24, False).plain
    assert " ".join(plain.replace("place:", "").split()) == name


@run_async
async def test_filter_inputs_and_rule_line_are_shaped_as_the_screen(sample_store):
    from rich.cells import cell_len

    from tui.shaping import fit, shape_line
    from tui.widgets.detail import EventDetailView
    from tui.widgets.filter_bar import ShapedInput

    store = EventStore(sample_store)
    arabic = next(ar for _, _, ar in store.complete("actor", "د", limit=20) if ar and " " not in ar)
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        field = app.query_one("#filter-actor", ShapedInput)
        # the placeholder: cut in logical order to the field, then shaped
        assert field.placeholder == fit(field._logical_placeholder, field._room(), True)
        assert field.placeholder != field._logical_placeholder  # it holds an Arabic example
        await type_into(app, pilot, "#filter-actor", arabic)
        assert arabic in field.render_line(0).text  # while edited: logical order
        app.action_focus_pane("events")
        await settle(app, pilot)
        assert shape_line(arabic, True) in field.render_line(0).text and field.value == arabic
        assert app.flt.actors == (arabic,)
        # the detail pane's lines fit its width (no wrap after reordering)
        detail = app.query_one(EventDetailView)
        width = max(20, detail.scrollable_content_region.width - 1)
        too_wide = [ln for ln in detail.render_detail(width).plain.split("\n") if cell_len(ln) > width]
        assert not too_wide, (width, too_wide)
        rule_lines = [ln for ln in detail.render_detail(width).plain.split("\n") if ln.startswith("rule: ")]
        assert rule_lines
        await pilot.press("s")  # shaping off: logical order everywhere
        await settle(app, pilot)
        assert arabic in field.render_line(0).text
        assert field.placeholder == fit(field._logical_placeholder, field._room(), False)


@run_async
async def test_the_disputes_detail_draws_party_names_shaped_as_its_sentences(disputes_db, tmp_path):
    from textual.widgets import Static

    from tests.test_disputes_view import DisputesApp, open_jim
    from tui.shaping import shape_line
    from tui.widgets.common import display_name

    app = DisputesApp(disputes_db, tmp_path, shaping=True)
    app.name_mode = "both"
    async with app.run_test(size=(160, 50)) as pilot:
        view, table, keys = await open_jim(app, pilot)
        party = next(p for p in view.current["parties"] if p["id"] == "russia")
        name = display_name(party.get("name_en"), party.get("name_ar"), "both", "russia")
        assert shape_line(name, True) != name  # it has an Arabic part
        table.focus()
        table.move_cursor(row=view._rows.index("mandate_length"), column=keys.index("russia"))
        await pilot.pause()
        shown = str(app.query_one("#dispute-cell-text", Static).render())
        assert shape_line(name, True) in shown and name not in shown


@run_async
async def test_a_shaped_command_line_is_marked_display_only_beside_the_copy_key(sample_store):
    from tui.session import SHAPED_CLI

    store = EventStore(sample_store)
    arabic = next(ar for _, _, ar in store.complete("actor", "د", limit=20) if ar)
    app = ConflictApp(sample_store, shaping=True)
    async with app.run_test(size=(220, 60)) as pilot:
        await settle(app, pilot)
        assert SHAPED_CLI not in app.session.status()[0]  # nothing Arabic on it
        await type_into(app, pilot, "#filter-actor", arabic)
        status, _ = app.session.status()
        assert SHAPED_CLI in status and status.index(SHAPED_CLI) < status.index("$ conflictui")
        await pilot.press("escape", "C")
        assert app.clipboard == app.flt.to_cli() and arabic in app.clipboard  # logical order
        await pilot.press("s")
        await settle(app, pilot)
        assert SHAPED_CLI not in app.session.status()[0]  # drawn in logical order: no note
