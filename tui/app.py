"""The conflictui app: panes for actors, locations, events, the detail of an
event, a map, a timeline and disputes, over one store.

This module puts the pieces together: the panes (``tui/widgets/``), the
dialogs (``tui/screens/``), the state (``tui/session.py``: the filter, the
picks, the marks, the event shown) and the queries (``tui/workers.py``:
each runs in a thread worker and posts its result back as a message
tagged with the filter's generation number, so a late answer to an old
filter is dropped). Widgets never query SQL: they get their rows from the
query API (``store.db.query.EventStore``), here or in their own workers.
"""

from __future__ import annotations

import gc
import sys
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Sparkline, Static, TabbedContent, TabPane

from store import settings
from store.db.query import EventFilter
from store.text.textsafe import one_line
from tui import samples, workers
from tui.commands import ConflictCommands
from tui.review import ReviewActions
from tui.samples import find_sample_articles  # noqa: F401 (where the tests and the CLI look for it)
from tui.session import Session, SessionAttribute
from tui.shaping import fit, resolve_shaping
from tui.widgets.common import display_name
from tui.widgets.detail import EventDetailView
from tui.widgets.disputes import DisputesView
from tui.widgets.events_table import EventsHeader, EventsTable, first_direction, row_cells, tsv_line
from tui.widgets.facets import ActorsPane, PlacesPane
from tui.widgets.filter_bar import FilterBar, next_undated, split_names
from tui.widgets.map import EventMap, markers_for
from tui.widgets.timeline import TimelineChart, TimelinePane, sparkline_view

DEBOUNCE = 0.15  # seconds between the last keystroke in a filter and the query
SWITCH_INTERVAL = 0.0005  # seconds: see on_mount
# Below these screen widths the side columns shrink, then fold away, so that
# the events table always gets at least half the screen (app.tcss).
WIDTH_CLASSES = ((200, ""), (140, "-medium"), (90, "-narrow"), (0, "-tiny"))
SHORT_SCREEN = 40  # lines: below, the detail pane is lower (app.tcss)
PANE_TARGETS = {"actors": "#actor-list", "places": "#place-tree", "events": "#events-table",
                "detail": "#detail-pane"}
TAB_TARGETS = {"tab-events": "#events-table", "tab-timeline": "#timeline-chart", "tab-disputes": "#disputes-table"}


class ConflictApp(ReviewActions, App):
    """Explore the events of a conflictui store."""

    CSS_PATH = "app.tcss"
    TITLE = "conflictui"
    AUTO_FOCUS = "#events-table"
    COMMANDS = App.COMMANDS | {ConflictCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("slash", "focus_filter('actor')", "Filter", id="focus-filter"),
        Binding("a", "focus_pane('actors')", "Actors", id="focus-actors"),
        Binding("p", "focus_pane('places')", "Places", id="focus-places"),
        Binding("e", "focus_pane('events')", "Events", id="focus-events"),
        Binding("d", "focus_pane('detail')", "Detail", show=False, id="focus-detail"),
        Binding("D", "focus_disputes", "Disputes table", show=False, id="focus-disputes"),
        Binding("1", "show_tab('tab-events')", "Events tab", show=False, id="tab-events"),
        Binding("2", "show_tab('tab-timeline')", "Timeline tab", show=False, id="tab-timeline"),
        Binding("3", "show_tab('tab-disputes')", "Disputes tab", show=False, id="tab-disputes"),
        Binding("s", "toggle_shaping", "Shaping", id="toggle-shaping"),
        Binding("l", "cycle_names", "Names", id="cycle-names"),
        Binding("x", "export", "Export", id="export"),
        Binding("o", "open_article", "Open article", show=False, id="open-article"),
        Binding("M", "mark_all", "Mark all", id="mark-all"),
        # not U: that is undo in VisiData (which unmarks all with gu)
        Binding("ctrl+u", "clear_marks", "Unmark all", show=False, id="clear-marks"),
        Binding("c", "clear_filter", "Clear filter", id="clear-filter"),
        Binding("t", "cycle_undated", "Undated", show=False, id="cycle-undated"),
        # copy as VisiData does: y the row; Y the cell (VisiData: zY), J the
        # event's JSON, C the command line (in logical order, never shaped)
        Binding("y", "copy_row", "Copy row", id="copy-row"),
        Binding("Y", "copy_cell", "Copy cell", show=False, id="copy-cell"),
        Binding("J", "copy_json", "Copy JSON", show=False, id="copy-json"),
        Binding("C", "copy_cli", "Copy command", show=False, id="copy-cli"),
        Binding("ctrl+f", "find", "Find", id="find"),
        Binding("n", "find_next(True)", "Next", show=False, id="find-next"),
        Binding("N", "find_next(False)", "Previous", show=False, id="find-previous"),
        Binding("number_sign", "find('#')", "Go to id", show=False, id="go-to-id"),
        Binding("escape", "leave_input", "Leave input", show=False, id="leave-input"),
        # review (tui/review.py): the event under the cursor, the review filter
        Binding("v", "review_confirm", "Confirm", show=False, id="review-confirm"),
        Binding("delete", "review_reject", "Reject", show=False, id="review-reject"),
        Binding("u", "review_undo", "Undo correction", show=False, id="review-undo"),
        Binding("E", "review_edit", "Edit", show=False, id="review-edit"),
        Binding("R", "review_filter", "Review filter", show=False, id="review-filter"),
        Binding("exclamation_mark", "review_contested", "Contested", show=False, id="review-contested"),
        Binding("plus", "review_add_name", "Add a name", show=False, id="review-add-name"),
        Binding("ctrl+r", "review_reextract", "Re-extract", show=False, id="review-reextract"),
    ]

    # the session's state, as the commands, the views and the tests ask for it
    shaping = SessionAttribute()
    name_mode = SessionAttribute()
    flt = SessionAttribute()
    count = SessionAttribute()
    marked = SessionAttribute()
    picked_actors = SessionAttribute()
    picked_place = SessionAttribute()

    def __init__(self, db_path: str | Path, shaping: bool | None = None, *, ingest_samples: bool = True,
                 explicit_store: bool = False) -> None:
        """`explicit_store`: the user named this store (``--db``); if it
        exists and is empty, the app asks before adding the samples."""
        super().__init__()
        self.db_path = str(db_path)
        self.ask_before_samples = explicit_store and Path(self.db_path).exists()
        self.session = Session(shaping=resolve_shaping() if shaping is None else bool(shaping))
        self.ingest_samples = ingest_samples
        self.stores = workers.Connections(self.db_path)
        self.store = self.stores.main
        self._debounce: Timer | None = None
        self.last_export: workers.ExportDone | None = None
        self.sub_title = one_line(Path(self.db_path).name)

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        shown = {"shaping": self.shaping, "name_mode": self.name_mode}
        yield Header(icon="≡")
        yield FilterBar(self.store, id="filter-bar", shaping=self.shaping)
        yield Static("", id="status-line")
        with TabbedContent(id="tabs", initial="tab-events"):
            with TabPane("Events", id="tab-events"):
                with Horizontal(id="explore"):
                    with Vertical(id="left-col"):
                        yield ActorsPane(id="actors-pane", **shown)
                        yield PlacesPane(id="places-pane", **shown)
                    with Vertical(id="center-col"):
                        with Vertical(id="events-pane"):
                            yield Input(placeholder="find in the columns shown, or #id · enter: find · n/N: next/previous",
                                        id="find-input", compact=True, classes="-hidden", select_on_focus=False)
                            yield EventsHeader(id="events-header")
                            yield EventsTable(self.store, self.marked, id="events-table", **shown)
                        yield EventDetailView(id="detail-pane", **shown)
                    with Vertical(id="right-col"):
                        with Vertical(id="map-pane"):
                            yield EventMap(id="event-map", shaping=self.shaping)
                        with Vertical(id="spark-pane"):
                            yield Sparkline([], id="sparkline")
            with TabPane("Timeline", id="tab-timeline"):
                yield TimelinePane(id="timeline-pane")
            with TabPane("Disputes", id="tab-disputes"):
                yield DisputesView(id="disputes-view")
        yield Footer()

    def on_mount(self) -> None:
        # Workers release the GIL in SQLite at every row they step through;
        # with the UI thread busy drawing, each row would wait out a whole
        # switch interval (5 ms: a 1,000-row facet query took seconds).
        if sys.getswitchinterval() > SWITCH_INTERVAL:
            sys.setswitchinterval(SWITCH_INTERVAL)
        # A full garbage collection walks every object the process holds
        # (Textual's, the panes' facets...): 100-160 ms on a large store,
        # stalling whatever key or filter it lands on. What exists now, and
        # again once the first panes are loaded, lives as long as the app:
        # it is moved out of the collector's sight (gc.freeze).
        gc.freeze()
        self._load_keymap()
        self._fit_columns()
        self.query_one("#events-pane").border_title = "Events"
        self.query_one("#map-pane").border_title = "Map"
        self.query_one("#spark-pane").border_title = "Events over time"
        if self.ingest_samples:
            self._offer_samples()
        self.apply_filter()

    def _load_keymap(self) -> None:
        from tui.bindings import load_keymap

        keymap, error = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        if error:
            self.notify(one_line(error), title="Keymap not loaded", severity="warning")
        self._load_columns()

    def _load_columns(self) -> None:
        """The columns the user hid or sized, from the user config."""
        from tui.bindings import load_columns
        from tui.widgets.events_table import ColumnPrefs

        hidden, widths, error = load_columns()
        if error:
            self.notify(one_line(error), title="Column settings not loaded", severity="warning")
        self.query_one(EventsTable).set_prefs(ColumnPrefs.from_config(hidden, widths))

    def on_events_table_columns_changed(self, message: EventsTable.ColumnsChanged) -> None:
        from tui.bindings import save_columns

        error = save_columns(message.prefs.hidden, dict(message.prefs.widths))
        if error:
            self.notify(one_line(error), title="Column settings not saved", severity="warning")

    def is_idle(self) -> bool:
        """No query running or waiting to run, no result waiting to be shown."""
        table = self.query_one(EventsTable)
        row = table.row_at(table.cursor) if table.count else None
        return (self.session.pending == 0 and self._debounce is None and not table.busy
                and not self.session.detail.due(row.id if row else None))

    def _start(self, group: str, query, *args) -> None:
        """Run a query of tui.workers in a thread; its message comes back here."""
        self.session.begin()
        workers.run_in_thread(self, group, query, *args)

    # -- the filter ------------------------------------------------------------
    def build_filter(self) -> EventFilter:
        return self.session.build_filter(self.query_one(FilterBar).inputs())

    def schedule_filter(self, delay: float = DEBOUNCE) -> None:
        self._stop_debounce()
        self._debounce = self.set_timer(delay, self.apply_filter)

    def _stop_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    def apply_filter(self) -> None:
        self._stop_debounce()
        flt = self.build_filter()
        generation = self.session.request(flt)
        self._start("count", workers.count_and_first_page, self.stores.count, generation, flt,
                    EventsTable.PAGE_SIZE, self.session.order, frozenset(self.marked))

    @on(Input.Changed, "#filter-bar Input")
    def _filter_typed(self, event: Input.Changed) -> None:
        if self.session.already_requested(self.build_filter()):
            # the inputs say what was last asked for (a value set then applied
            # at once, a trailing comma): nothing to query, drop a pending one
            self._stop_debounce()
            return
        self.schedule_filter()

    @on(Select.Changed, "#filter-bar Select")
    def _type_picked(self, event: Select.Changed) -> None:
        self.schedule_filter(0.01)

    @on(Input.Submitted, "#filter-bar Input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.apply_filter()
        self.query_one(EventsTable).focus()

    def on_counted(self, message: workers.Counted) -> None:
        self.session.end()
        if not self.session.is_current(message.generation):
            return
        self.session.counted(message.flt, message.count, message.marked_under, message.undated_out)
        table = self.query_one(EventsTable)
        table.set_query(message.flt, message.count, message.first_page, message.order)
        # The facet panes, map and timeline follow once the table and count
        # are on screen: their queries and redraws would otherwise share the
        # two cores and the UI thread with the table's. Meanwhile the status
        # line says "updating…" (restyling the panes themselves would cost a
        # redraw of each, as long as the table's).
        self.update_status()
        self.session.begin()
        table.call_after_paint(partial(self._query_panes, message.generation, message.flt))

    def _query_panes(self, generation: int, flt: EventFilter) -> None:
        self.session.end()
        if not self.session.is_current(generation):
            return
        stores = self.stores
        self._start("facets", workers.actor_facets, stores.actor_facets, generation, flt)
        self._start("place-facets", workers.place_facets, stores.place_facets, generation, flt)
        self._start("timeline", workers.timeline, stores.timeline, self.session.timelines, generation, flt)

    def on_filter_failed(self, message: workers.FilterFailed) -> None:
        self.session.end()
        if self.session.is_current(message.generation):
            self.session.failed(message.error)
            self.update_status()

    # -- the panes ----------------------------------------------------------------
    def on_facets_loaded(self, message: workers.FacetsLoaded) -> None:
        self.session.end()
        if not self.session.is_current(message.generation):
            return
        if message.actors is not None:
            self.query_one(ActorsPane).set_facets(message.actors, set(self.picked_actors))
            self._pane_done("actors")
        if message.places is not None:
            self.session.selected_places = message.selected_places
            self.query_one(PlacesPane).set_facets(message.places, message.selected_places)
            self._set_markers(message.places)
            self._pane_done("places")

    def on_timeline_loaded(self, message: workers.TimelineLoaded) -> None:
        self.session.end()
        if not self.session.is_current(message.generation):
            return
        self.session.timeline_series = message.series
        self.query_one(TimelinePane).set_series(message.series, message.since, message.until)
        self._update_sparkline()
        self._pane_done("timeline")

    def _pane_done(self, pane: str) -> None:
        if not self.session.pane_done(pane):
            return
        self.update_status()
        if self.session.first_panes_done():
            self._start("warm", workers.warm, (self.stores.actor_facets, self.stores.place_facets))
            gc.freeze()  # see on_mount

    def on_warmed(self, message: workers.Warmed) -> None:
        self.session.end()

    def _set_markers(self, places) -> None:
        emap = self.query_one(EventMap)
        emap.selected_place = self.picked_place
        emap.set_markers(markers_for(places, self.session.selected_places, self.name_mode))

    def _update_sparkline(self) -> None:
        spark = self.query_one(Sparkline)
        spark.data, caption = sparkline_view(self.session.timeline_series, spark.size.width or 40)
        if caption:
            self.query_one("#spark-pane").border_subtitle = caption

    def update_status(self) -> None:
        status = self.query_one("#status-line", Static)
        width = max(20, status.size.width or self.size.width)
        text, error = self.session.status()
        status.update(fit(text, width, self.shaping))
        status.set_class(error, "-error")
        self.query_one("#events-pane").border_subtitle = self.session.headline()

    # -- picks from panes and the map -------------------------------------------
    def on_actors_pane_picked(self, message: ActorsPane.Picked) -> None:
        self.session.pick_actors(message.actor_ids)
        self.schedule_filter(0.01)

    def on_places_pane_picked(self, message: PlacesPane.Picked) -> None:
        self.session.pick_place(message.place_id)
        self.schedule_filter(0.01)

    def on_event_map_place_clicked(self, message: EventMap.PlaceClicked) -> None:
        self.session.pick_place(message.place_id)
        self.schedule_filter(0.01)

    def on_timeline_chart_range_chosen(self, message: TimelineChart.RangeChosen) -> None:
        bar = self.query_one(FilterBar)
        bar.set_value("since", message.since)
        bar.set_value("until", message.until)
        self.schedule_filter(0.01)

    # -- table cursor and detail -------------------------------------------------
    def on_events_table_cursor_moved(self, message: EventsTable.CursorMoved) -> None:
        row = message.row
        table_empty = self.query_one(EventsTable).count == 0
        step = self.session.detail.moved_to(row.id if row else None, table_empty)
        if step == "clear":
            self.query_one(EventDetailView).show(None)
        elif step == "load":
            self._load_detail()

    def _load_detail(self) -> None:
        event_id = self.session.detail.start()
        if event_id is not None:
            self._start("detail", workers.detail, self.store, event_id)

    def on_detail_loaded(self, message: workers.DetailLoaded) -> None:
        self.session.end()
        show, load_next = self.session.detail.loaded(message.event_id)
        if show:
            self.query_one(EventDetailView).show(message.detail)
        elif load_next:
            self._load_detail()  # the cursor moved on meanwhile

    def on_events_table_open_detail(self, message: EventsTable.OpenDetail) -> None:
        self.query_one(EventDetailView).focus()

    def on_events_table_sort_asked(self, message: EventsTable.SortAsked) -> None:
        self.sort_table(message.key, message.descending)

    def on_events_header_sort_clicked(self, message: EventsHeader.SortClicked) -> None:
        self.sort_table(message.key, None)

    def sort_table(self, key: str, descending: bool | None) -> None:
        """Sort the events table by column `key` (SQLite sorts; the table
        pages the sorted rows from the first)."""
        order = self.session.sort_by(key, descending, first_direction(key))
        self.query_one(EventsHeader).order = order
        self.query_one(EventsTable).set_order(order)

    def on_events_table_mark_toggled(self, message: EventsTable.MarkToggled) -> None:
        self.update_status()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-disputes":
            self.query_one(DisputesView).refresh_disputes()
        if not isinstance(self.focused, Input):
            self._focus_tab_target()

    def _focus_tab_target(self) -> None:
        """Focus the shown tab's main widget (the table, the chart)."""
        active = self.query_one(TabbedContent).active
        self.query_one(TAB_TARGETS.get(active, "#events-table")).focus()

    def action_focus_disputes(self) -> None:
        self.query_one(TabbedContent).active = "tab-disputes"
        self.query_one("#disputes-table").focus()

    # -- the bundled samples -------------------------------------------------------
    def _offer_samples(self) -> None:
        """Fill an empty store from the samples (tui/samples.py says when)."""
        folder = samples.find_sample_articles()
        if folder is None:
            return
        empty = self.store.is_empty()
        step = samples.plan(empty, empty and samples.ingest_running(self.db_path), self.ask_before_samples)
        if step == samples.FILL:
            self._fill_from(folder)
        elif step == samples.BUSY:
            self.notify("An ingest into this store is running: the sample articles were not added",
                        title="Sample data", timeout=8)
        elif step == samples.ASK:
            from tui.screens.confirm import Confirm

            question = (f"The store {self.db_path} is empty. Add the bundled sample articles to it? "
                        "(Say no if you are about to ingest your own articles.)")
            self.push_screen(Confirm(question, "Add samples", "Keep it empty", yes_id="samples-yes",
                                     no_id="samples-no"), partial(self._samples_answered, folder))

    def _samples_answered(self, folder: Path, yes: bool | None) -> None:
        if yes:
            self._fill_from(folder)

    def _fill_from(self, folder: Path) -> None:
        self._start("ingest", workers.fill_from_samples, self.db_path, folder, self.store.is_empty)

    def on_ingest_done(self, message: workers.IngestDone) -> None:
        self.session.end()
        if message.error:
            self.notify(f"Could not load the sample articles: {one_line(message.error)}", severity="error",
                        timeout=10)
            return
        if message.skipped:
            self.notify(f"The sample articles were not added: {message.skipped}", title="Sample data", timeout=8)
            return
        self.stores.invalidate()
        self.session.timelines.clear()
        self.notify(f"Store was empty: loaded the {message.articles} bundled sample articles",
                    title="Sample data", timeout=8)
        self.query_one(DisputesView).refresh_disputes()
        self.apply_filter()

    # -- actions -----------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(TabbedContent).active = "tab-events"
        self.query_one(PANE_TARGETS.get(pane, "#events-table")).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_focus_filter(self, which: str = "actor") -> None:
        self.query_one(f"#filter-{which}").focus()

    def action_leave_input(self) -> None:
        """Escape in an input: back to the shown tab's table (the tab stays)."""
        if isinstance(self.focused, Input):
            self.query_one("#find-input").add_class("-hidden")
            self._focus_tab_target()

    # -- find ------------------------------------------------------------------------
    def action_find(self, start: str = "") -> None:
        """Open the find field above the table (prefilled with `start`)."""
        self.query_one(TabbedContent).active = "tab-events"
        field = self.query_one("#find-input", Input)
        field.remove_class("-hidden")
        field.value = start or self.session.find_text or ""
        field.focus()
        if not start:
            field.select_all()  # typing replaces the last find
        else:
            field.cursor_position = len(start)

    @on(Input.Submitted, "#find-input")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.session.find_text = event.value.strip() or None
        event.input.add_class("-hidden")
        self.query_one(EventsTable).focus()
        self.action_find_next(True, from_top=event.value.strip().startswith("#"))

    def action_find_next(self, forward: bool = True, from_top: bool = False) -> None:
        needle = self.session.find_text
        table = self.query_one(EventsTable)
        if not needle:
            self.action_find()
            return
        start = -1 if from_top else table.cursor
        stamp = (self.session.generation, table.order)
        self._start("find", workers.find_row, self.stores.count, stamp, table.filter, table.order, start,
                    forward, needle, self.name_mode, table.count, table.shown_keys())

    def on_found(self, message: workers.Found) -> None:
        self.session.end()
        table = self.query_one(EventsTable)
        if message.stamp != (self.session.generation, table.order):
            return  # the filter or the sort changed meanwhile
        if message.index is None:
            where = "under the filter" if message.scanned < workers.FIND_LIMIT else \
                f"in the next {message.scanned:,} rows"
            self.notify(f"{message.needle!r} not found {where}", severity="warning", timeout=4)
            return
        table.go_to(message.index)

    def action_clear_filter(self) -> None:
        """Clear the filter; with rows marked, ask whether to clear the marks too."""
        if self.marked:
            from tui.screens.confirm import Confirm

            question = f"Clear the {len(self.marked):,} marks too?"
            self.push_screen(Confirm(question, "Clear marks too", "Keep marks", yes_id="clear-marks-yes",
                                     no_id="clear-marks-no"), self._filter_cleared)
            return
        self._filter_cleared(False)

    def action_cycle_undated(self) -> None:
        """Undated events: as the dates say, then include, exclude, only."""
        bar = self.query_one(FilterBar)
        mode = next_undated(bar.inputs().undated)
        bar.set_value("undated", mode)
        self.notify(f"Undated events: {mode or 'left out under a date bound'}", timeout=3)

    def _filter_cleared(self, clear_marks: bool | None) -> None:
        if clear_marks:
            self.action_clear_marks()
        self.query_one(FilterBar).clear()
        self.session.clear_picks()
        self.query_one(ActorsPane).clear_picks()
        self.schedule_filter(0.01)

    def set_event_type(self, event_type: str | None) -> None:
        self.query_one(FilterBar).set_value("type", event_type)
        self.schedule_filter(0.01)

    def add_name_filter(self, kind: str, name: str) -> None:
        """Add `name` to the actor or town input (from the command palette)."""
        inp = self.query_one("#filter-actor" if kind == "actor" else "#filter-town", Input)
        names = split_names(inp.value)
        if name not in names:
            inp.value = ", ".join(names + (name,))
        self.apply_filter()

    def shown_name(self, en: str | None, ar: str | None, fallback: str = "") -> str:
        """A name as the names toggle asks, shaped for the screen."""
        return fit(display_name(en, ar, self.name_mode, fallback), 60, self.shaping)

    def action_toggle_shaping(self) -> None:
        note = self.session.toggle_shaping()
        self._redisplay()
        self.notify(note, timeout=3)

    def action_cycle_names(self) -> None:
        self.set_name_mode(self.session.next_name_mode())

    def set_name_mode(self, mode: str) -> None:
        note = self.session.set_name_mode(mode)
        if note:
            self._redisplay()
            self.notify(note, timeout=3)

    def _redisplay(self) -> None:
        """Push the display options to every pane and redraw."""
        panes = (self.query_one(EventsTable), self.query_one(ActorsPane), self.query_one(PlacesPane),
                 self.query_one(EventDetailView))
        for pane in panes:
            pane.shaping = self.shaping
            pane.name_mode = self.name_mode
        self.query_one(EventMap).shaping = self.shaping
        self.query_one(FilterBar).set_shaping(self.shaping)
        table, actors, places, detail = panes
        table.redraw()
        actors.rebuild()
        places.rebuild()
        detail.redraw()
        self._set_markers(places.facets)
        self.update_status()

    def action_mark_all(self) -> None:
        why_not = self.session.too_many_to_mark()
        if why_not:
            self.notify(why_not, severity="warning")
            return
        self._start("marks", workers.mark_all, self.store, self.flt)

    def on_marks_loaded(self, message: workers.MarksLoaded) -> None:
        self.session.end()
        self.session.mark(message.ids)
        self.query_one(EventsTable).redraw()
        self.update_status()
        self.notify(f"Marked {message.total:,} events under the filter", timeout=3)

    def action_clear_marks(self) -> None:
        self.session.clear_marks()
        self.query_one(EventsTable).redraw()
        self.update_status()

    def export_filter(self, which: str | None = None) -> EventFilter:
        """The marked rows, or the whole filtered set when none are marked."""
        return self.session.export_filter(which)

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        session = self.session
        self.push_screen(ExportScreen(session.export_what(), session.export_format, session.export_path,
                                      choices=session.export_choices()), self._export_chosen)

    def _export_chosen(self, request) -> None:
        if request is not None:
            self.session.export_path, self.session.export_format = request.shown_path, request.fmt
            self._start("export", workers.export, self.db_path, self.export_filter(request.which), request.fmt,
                        request.path, request.force)

    async def action_quit(self) -> None:
        """Quit; with rows marked, ask first (the marks are not kept)."""
        from tui.screens.confirm import Confirm

        if not self.marked:
            self.exit()
            return
        if isinstance(self.screen, Confirm):
            return

        question = f"{len(self.marked):,} rows are marked and not exported. Quit and lose the marks?"
        self.push_screen(Confirm(question, "Quit", "Stay", yes_id="quit-yes", no_id="quit-no"),
                         lambda yes: self.exit() if yes else None)

    def on_export_done(self, message: workers.ExportDone) -> None:
        self.session.end()
        self.last_export = message
        if message.error:
            self.notify(one_line(message.error), title="Export failed", severity="error", timeout=10)
            return
        result = message.result
        written = getattr(result, "written", None)
        skipped = getattr(result, "skipped_no_place", 0)
        extra = f" ({skipped} without a place left out)" if skipped else ""
        self.notify(f"Wrote {written if written is not None else ''} {getattr(result, 'format', '')} records "
                    f"to {one_line(message.path)}{extra}", title="Exported", timeout=8)

    def action_open_article(self) -> None:
        """Open the shown event's article: its URL in the browser, else its
        file (webbrowser: xdg-open and friends)."""
        from tui.widgets.detail import article_target

        detail = self.query_one(EventDetailView).detail
        targets = [t for t in (article_target(r) for r in (detail.reports if detail else [])) if t]
        if not targets:
            self.notify("This event's article has no URL, and its file is not here", severity="warning", timeout=4)
            return
        self._start("open", workers.open_target, targets[0])

    def on_opened(self, message: workers.Opened) -> None:
        self.session.end()
        if message.ok:
            self.notify(f"Opened {one_line(message.target)}", timeout=3)
        else:
            self.notify(f"Could not open {one_line(message.target)}", severity="error", timeout=5)

    def action_copy_cli(self) -> None:
        self.copy_to_clipboard(self.flt.to_cli())
        self.notify("Command line copied", timeout=3)

    def _cursor_row(self):
        row = self.query_one(EventsTable).cursor_row
        if row is None:
            self.notify("No event under the cursor", severity="warning", timeout=3)
        return row

    def action_copy_row(self) -> None:
        """The row under the cursor as one TSV line, cells in logical order."""
        row = self._cursor_row()
        if row is not None:
            shown = self.query_one(EventsTable).shown_keys()
            self.copy_to_clipboard(tsv_line(row_cells(row, self.name_mode)[key] for key in shown))
            self.notify(f"Row of event {row.id} copied (TSV)", timeout=3)

    def action_copy_cell(self) -> None:
        table = self.query_one(EventsTable)
        row = self._cursor_row()
        if row is not None:
            self.copy_to_clipboard(table.cell_text(row))
            self.notify(f"Cell copied ({table.column_key})", timeout=3)

    def action_copy_json(self) -> None:
        row = self._cursor_row()
        if row is not None:
            self._start("copy", workers.event_json, self.store, row.id)

    def on_event_json(self, message: workers.EventJson) -> None:
        self.session.end()
        if message.text is None:
            self.notify(f"Event {message.event_id} could not be read", severity="error", timeout=5)
            return
        self.copy_to_clipboard(message.text)
        self.notify(f"JSON of event {message.event_id} copied", timeout=3)

    def width_class(self, width: int) -> str:
        return next(name for least, name in WIDTH_CLASSES if width >= least)

    def _fit_columns(self) -> None:
        explore, bar = self.query_one("#explore"), self.query_one(FilterBar)
        wanted = self.width_class(self.size.width)
        for _, name in WIDTH_CLASSES:
            if name:
                explore.set_class(name == wanted, name)
                bar.set_class(name == wanted, name)
        explore.set_class(self.size.height < SHORT_SCREEN, "-short")

    def on_resize(self) -> None:
        self._fit_columns()
        self.call_after_refresh(self.update_status)
        self.call_after_refresh(self._update_sparkline)

    def on_unmount(self) -> None:
        self.stores.close()


def run_app(db_path: str | Path, shaping_mode: str | None = None, *, explicit_store: bool = False) -> None:
    """Open the app on the store at `db_path` (`shaping_mode`: auto, on, off
    or None for $CONFLICTUI_SHAPING; `explicit_store`: the user named it)."""
    from store.db.schema import SchemaError

    try:
        shaping = resolve_shaping(shaping_mode)
    except ValueError as exc:
        print(f"conflictui: {exc}", file=sys.stderr)
        sys.exit(2)
    try:
        app = ConflictApp(db_path, shaping, explicit_store=explicit_store)
    except SchemaError as exc:
        print(f"conflictui: {one_line(str(db_path))}: {one_line(str(exc))}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # sqlite3.DatabaseError and friends
        print(f"conflictui: {one_line(str(db_path))}: cannot open the store ({one_line(str(exc))})",
              file=sys.stderr)
        sys.exit(2)
    app.run()


if __name__ == "__main__":  # pragma: no cover
    run_app(settings.db_path())
