"""The conflictui app: panes for actors, locations, events, the detail of an
event, a map, a timeline and disputes, over one store.

Every query runs in a thread worker and posts its result back as a message
tagged with the filter's generation number, so a late answer to an old
filter is dropped. The app holds the state (filter, picks, marks, display
options) and hands results to the widgets; widgets never query SQL. The
events table pages its own rows (``EventsTable``), through the query API.

Connections: one per kind of work (table pages and details; counts;
actor facets; place facets; timeline), so a slow facet query on a large
store never holds up the table, and the two panes' counts run side by side.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Sparkline, Static, TabbedContent, TabPane

from store import settings
from store.db.query import EventDetail, EventFilter, EventStore, Facet, UnknownName
from tui.commands import ConflictCommands
from tui.shaping import fit, resolve_shaping
from tui.widgets.common import NAME_MODE_LABELS, NAME_MODES, display_name
from tui.widgets.detail import EventDetailView
from tui.widgets.disputes import DisputesView
from tui.widgets.events_table import EventsHeader, EventsTable
from tui.widgets.facets import ActorsPane, PlacesPane
from tui.widgets.filter_bar import FilterBar, split_names
from tui.widgets.map import EventMap, Marker
from tui.widgets.timeline import TimelineChart, TimelinePane, choose_bucket, fill

DEBOUNCE = 0.15  # seconds between the last keystroke in a filter and the query
SWITCH_INTERVAL = 0.0005  # seconds: see on_mount
MARK_ALL_LIMIT = 20000  # ids in one filter stay well under SQLite's variable limit
MAP_SKIP_KINDS = frozenset({"country", "governorate"})
UPDATING = " · updating…"  # status line, while the panes' queries run


def find_sample_articles() -> Path | None:
    """The bundled sample articles: the packaged copy
    (``store/data/sample_articles``) if installed, else the repository's
    ``sample_articles/`` next to the package."""
    try:
        res = resources.files("store").joinpath("data", "sample_articles")
        if res.is_dir():
            return Path(str(res))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        pass
    repo = Path(__file__).resolve().parent.parent / "sample_articles"
    return repo if repo.is_dir() else None


# -- messages from workers ----------------------------------------------------
@dataclass
class Counted(Message):
    generation: int
    flt: EventFilter
    count: int
    first_page: list | None = None  # the table's first rows, read with the count


@dataclass
class FilterFailed(Message):
    generation: int
    flt: EventFilter
    error: str


@dataclass
class FacetsLoaded(Message):
    generation: int
    actors: list[Facet] | None  # None: this message brings the places only
    places: list[Facet] | None  # None: the actors only
    selected_places: set[str]


@dataclass
class TimelineLoaded(Message):
    generation: int
    series: list[tuple[str, int]]
    since: str | None
    until: str | None


@dataclass
class DetailLoaded(Message):
    event_id: int
    detail: EventDetail | None


@dataclass
class IngestDone(Message):
    articles: int
    failures: int
    error: str | None


@dataclass
class MarksLoaded(Message):
    ids: list[int]
    total: int


@dataclass
class ExportDone(Message):
    path: str
    result: object | None
    error: str | None
    exists: bool = False


class ConflictApp(App):
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
        Binding("o", "focus_pane('places')", "Places", id="focus-places"),
        Binding("e", "focus_pane('events')", "Events", id="focus-events"),
        Binding("d", "focus_pane('detail')", "Detail", show=False, id="focus-detail"),
        Binding("1", "show_tab('tab-events')", "Events tab", show=False, id="tab-events"),
        Binding("2", "show_tab('tab-timeline')", "Timeline tab", show=False, id="tab-timeline"),
        Binding("3", "show_tab('tab-disputes')", "Disputes tab", show=False, id="tab-disputes"),
        Binding("s", "toggle_shaping", "Shaping", id="toggle-shaping"),
        Binding("n", "cycle_names", "Names", id="cycle-names"),
        Binding("x", "export", "Export", id="export"),
        Binding("M", "mark_all", "Mark all", id="mark-all"),
        Binding("U", "clear_marks", "Unmark all", id="clear-marks"),
        Binding("c", "clear_filter", "Clear filter", id="clear-filter"),
        Binding("y", "copy_cli", "Copy command", show=False, id="copy-cli"),
        Binding("escape", "leave_input", "Leave input", show=False, id="leave-input"),
    ]

    def __init__(self, db_path: str | Path, shaping: bool | None = None, *, ingest_samples: bool = True) -> None:
        super().__init__()
        self.db_path = str(db_path)
        self.shaping = resolve_shaping() if shaping is None else bool(shaping)
        self.name_mode = "both"
        self.ingest_samples = ingest_samples
        # one connection per kind of work
        self.store = EventStore(self.db_path)
        self._count_store = EventStore(self.db_path)
        self._facet_store = EventStore(self.db_path)
        self._place_facet_store = EventStore(self.db_path)  # the two panes' counts run side by side
        self._timeline_store = EventStore(self.db_path)
        # memory on a large store: five connections, each through small caches
        for store in (self.store, self._count_store, self._facet_store, self._place_facet_store,
                      self._timeline_store):
            try:
                store.use_small_caches()
            except Exception:
                pass
        self.flt = EventFilter()  # the applied filter
        self.count = 0
        self.marked: set[int] = set()
        self.picked_actors: frozenset[str] = frozenset()
        self.picked_place: str | None = None
        self.selected_places: set[str] = set()
        self.filter_error: str | None = None
        self.timeline_series: list[tuple[str, int]] = []
        self._generation = 0
        self._pending = 0
        self._debounce: Timer | None = None
        self._detail_id: int | None = None
        self._detail_loading = False  # a detail query is in flight
        self._requested: EventFilter | None = None  # the last filter sent to the workers
        self._timeline_cache: dict[EventFilter, list[tuple[str, int]]] = {}
        self._panes_pending: set[str] = set()  # panes not yet showing the applied filter
        self._warmed = False  # the facet connections' lookups loaded (see _warm)
        self._keymap_error: str | None = None
        self.sub_title = Path(self.db_path).name

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield FilterBar(self.store, id="filter-bar")
        yield Static("", id="status-line")
        with TabbedContent(id="tabs", initial="tab-events"):
            with TabPane("Events", id="tab-events"):
                with Horizontal(id="explore"):
                    with Vertical(id="left-col"):
                        yield ActorsPane(id="actors-pane", shaping=self.shaping, name_mode=self.name_mode)
                        yield PlacesPane(id="places-pane", shaping=self.shaping, name_mode=self.name_mode)
                    with Vertical(id="center-col"):
                        with Vertical(id="events-pane"):
                            yield EventsHeader(id="events-header")
                            yield EventsTable(self.store, self.marked, id="events-table", shaping=self.shaping,
                                              name_mode=self.name_mode)
                        yield EventDetailView(id="detail-pane", shaping=self.shaping, name_mode=self.name_mode)
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
        from tui.bindings import load_keymap

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

        keymap, self._keymap_error = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        if self._keymap_error:
            self.notify(self._keymap_error, title="Keymap not loaded", severity="warning")
        self.query_one("#events-pane").border_title = "Events"
        self.query_one("#map-pane").border_title = "Map"
        self.query_one("#spark-pane").border_title = "Events over time"
        if self.ingest_samples and self.store.is_empty():
            samples = find_sample_articles()
            if samples is not None:
                self._begin()
                self._ingest(samples)
        self.apply_filter()

    # -- busy tracking (tests wait for is_idle) -------------------------------
    def _begin(self) -> None:
        self._pending += 1

    def _end(self) -> None:
        self._pending = max(0, self._pending - 1)

    def is_idle(self) -> bool:
        """No query running or waiting to run, no result waiting to be shown."""
        table = self.query_one(EventsTable)
        row = table.row_at(table.cursor) if table.count else None
        detail_due = row is not None and row.id != self._detail_id
        return (self._pending == 0 and self._debounce is None and not table.busy
                and not detail_due)

    # -- filters -------------------------------------------------------------
    def build_filter(self) -> EventFilter:
        v = self.query_one(FilterBar).values()
        actors = v["actors"] + tuple(a for a in sorted(self.picked_actors) if a not in v["actors"])
        towns = v["towns"] + ((self.picked_place,) if self.picked_place and self.picked_place not in v["towns"] else ())
        return EventFilter(actors=actors, towns=towns, types=v["types"], since=v["since"], until=v["until"],
                           text=v["text"])

    def schedule_filter(self, delay: float = DEBOUNCE) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(delay, self.apply_filter)

    def apply_filter(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        flt = self.build_filter()
        self._requested = flt
        self._generation += 1
        self._begin()
        self._count(self._generation, flt)

    @on(Input.Changed, "#filter-bar Input")
    def _filter_typed(self, event: Input.Changed) -> None:
        if self._requested is not None and self.build_filter() == self._requested:
            # the inputs say what was last asked for (a value set then applied
            # at once, a trailing comma): nothing to query, drop a pending one
            if self._debounce is not None:
                self._debounce.stop()
                self._debounce = None
            return
        self.schedule_filter()

    @on(Select.Changed, "#filter-type")
    def _type_picked(self, event: Select.Changed) -> None:
        self.schedule_filter(0.01)

    @on(Input.Submitted, "#filter-bar Input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.apply_filter()
        self.query_one(EventsTable).focus()

    @work(thread=True, group="count", exit_on_error=False)
    def _count(self, generation: int, flt: EventFilter) -> None:
        # the count and the table's first page in one step: the table and
        # the count line are drawn together, before any pane's query starts
        try:
            n = self._count_store.count(flt)
            rows = self._count_store.page(flt, 0, EventsTable.PAGE_SIZE) if n else []
        except UnknownName as exc:
            self.post_message(FilterFailed(generation, flt, str(exc)))
            return
        except Exception as exc:
            self.post_message(FilterFailed(generation, flt, f"query failed: {exc}"))
            return
        self.post_message(Counted(generation, flt, n, rows))

    def on_counted(self, message: Counted) -> None:
        self._end()
        if message.generation != self._generation:
            return
        self.flt = message.flt
        self.count = message.count
        self.filter_error = None
        self.query_one(EventsTable).set_query(message.flt, message.count, message.first_page)
        # The facet panes, map and timeline follow once the table and count
        # are on screen: their queries and redraws would otherwise share the
        # two cores and the UI thread with the table's. Meanwhile the status
        # line says "updating…" (restyling the panes themselves would cost a
        # redraw of each, as long as the table's).
        self._panes_pending = {"actors", "places", "timeline"}
        self.update_status()
        self._begin()
        self.query_one(EventsTable).call_after_paint(partial(self._query_panes, message.generation, message.flt))

    def _query_panes(self, generation: int, flt: EventFilter) -> None:
        self._end()
        if generation != self._generation:
            return
        self._begin()
        self._actor_facets(generation, flt)
        self._begin()
        self._place_facets(generation, flt)
        self._begin()
        self._timeline(generation, flt)

    def on_filter_failed(self, message: FilterFailed) -> None:
        self._end()
        if message.generation != self._generation:
            return
        self.filter_error = message.error
        self.update_status()

    @work(thread=True, group="facets", exit_on_error=False)
    def _actor_facets(self, generation: int, flt: EventFilter) -> None:
        try:
            actors = self._facet_store.actor_facets(flt.with_(actors=()), one_row=True)
        except Exception:
            actors = []
        self.post_message(FacetsLoaded(generation, actors, None, set()))

    @work(thread=True, group="place-facets", exit_on_error=False)
    def _place_facets(self, generation: int, flt: EventFilter) -> None:
        store = self._place_facet_store
        try:
            places = store.place_facets(flt.with_(towns=()), one_row=True)
            selected = {i for t in flt.towns for i in store.resolve("place", t)}
        except Exception:
            places, selected = [], set()
        self.post_message(FacetsLoaded(generation, None, places, selected))

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm(self) -> None:
        """Once, after the first facets are shown: load the lookup tables a
        filtered facet needs on both facet connections, so the first filter
        change does not wait for them."""
        for store in (self._facet_store, self._place_facet_store):
            try:
                store.warm_lookups()
            except Exception:
                pass
        self.call_from_thread(self._end)

    def on_facets_loaded(self, message: FacetsLoaded) -> None:
        self._end()
        if message.generation != self._generation:
            return
        if message.actors is not None:
            self.query_one(ActorsPane).set_facets(message.actors, set(self.picked_actors))
            self._pane_done("actors")
        if message.places is not None:
            self.selected_places = message.selected_places
            self.query_one(PlacesPane).set_facets(message.places, message.selected_places)
            self._set_markers(message.places)
            self._pane_done("places")

    def _pane_done(self, pane: str) -> None:
        if pane in self._panes_pending:
            self._panes_pending.discard(pane)
            if not self._panes_pending:
                self.update_status()
                if not self._warmed:  # the first panes are loaded
                    self._warmed = True
                    self._begin()
                    self._warm()
                    gc.freeze()  # see on_mount

    def _set_markers(self, places: list[Facet]) -> None:
        markers = []
        for f in places:
            if f.lat is None or f.lon is None:
                continue
            sel = f.id in self.selected_places
            if f.kind in MAP_SKIP_KINDS and not sel:
                continue
            label = display_name(f.name_en, f.name_ar, self.name_mode, f.id)
            markers.append(Marker(f.id, float(f.lat), float(f.lon), f.count, label, selected=sel))
        emap = self.query_one(EventMap)
        emap.selected_place = self.picked_place
        emap.set_markers(markers)

    @work(thread=True, group="timeline", exit_on_error=False)
    def _timeline(self, generation: int, flt: EventFilter) -> None:
        key = flt.with_(since=None, until=None)
        series = self._timeline_cache.get(key)
        if series is None:
            try:
                series = self._timeline_store.timeline(key, "day", one_row=True)
            except Exception:
                series = []
            else:
                if len(self._timeline_cache) >= 16:
                    self._timeline_cache.clear()
                self._timeline_cache[key] = series
        self.post_message(TimelineLoaded(generation, series, flt.since, flt.until))

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        self._end()
        if message.generation != self._generation:
            return
        self.timeline_series = message.series
        self.query_one(TimelinePane).set_series(message.series, message.since, message.until)
        self._update_sparkline()
        self._pane_done("timeline")

    def _update_sparkline(self) -> None:
        spark = self.query_one(Sparkline)
        days = fill(self.timeline_series, "day")
        if not days:
            spark.data = [0]
            return
        width = max(10, spark.size.width or 40)
        bucket = choose_bucket(days[0][0], days[-1][0], width)
        spark.data = [n for _, n in fill(self.timeline_series, bucket)]
        self.query_one("#spark-pane").border_subtitle = (
            f"{days[0][0].isoformat()} … {days[-1][0].isoformat()} per {bucket}")

    # -- status line ----------------------------------------------------------
    def update_status(self) -> None:
        status = self.query_one("#status-line", Static)
        width = max(20, status.size.width or self.size.width)
        n_marked = len(self.marked)
        head = f"{self.count:,} events"
        if n_marked:
            head += f" · {n_marked:,} marked"
        if self.flt.is_empty():
            head += " · no filter"
        updating = UPDATING if self._panes_pending else ""
        cli = self.flt.to_cli()
        if self.filter_error:
            text = f"⚠ {self.filter_error}"
            status.update(fit(text, width, self.shaping))
            status.add_class("-error")
        else:
            status.update(fit(f"{head}{updating}   $ {cli}", width, self.shaping))
            status.remove_class("-error")
        self.query_one("#events-pane").border_subtitle = head

    # -- picks from panes and the map -------------------------------------------
    def on_actors_pane_picked(self, message: ActorsPane.Picked) -> None:
        self.picked_actors = message.actor_ids
        self.schedule_filter(0.01)

    def on_places_pane_picked(self, message: PlacesPane.Picked) -> None:
        self._pick_place(message.place_id)

    def on_event_map_place_clicked(self, message: EventMap.PlaceClicked) -> None:
        self._pick_place(message.place_id)

    def _pick_place(self, place_id: str | None) -> None:
        self.picked_place = None if place_id == self.picked_place else place_id
        self.schedule_filter(0.01)

    # -- table cursor and detail -------------------------------------------------
    def on_events_table_cursor_moved(self, message: EventsTable.CursorMoved) -> None:
        row = message.row
        if row is None:
            if self.query_one(EventsTable).count == 0 and self._detail_id is not None:
                self._detail_id = None  # nothing matches: no event to show (a detail on its way is dropped)
                self.query_one(EventDetailView).show(None)
            return
        if row.id == self._detail_id:
            return
        self._detail_id = row.id
        # load at once when no detail query runs; while one runs, the newest
        # row waits for it (a held key coalesces to one query at a time)
        if not self._detail_loading:
            self._load_detail_now()

    def _load_detail_now(self) -> None:
        if self._detail_id is None or self._detail_loading:
            return
        self._detail_loading = True
        self._begin()
        self._detail(self._detail_id)

    @work(thread=True, group="detail", exit_on_error=False)
    def _detail(self, event_id: int) -> None:
        try:
            detail = self.store.detail(event_id)
        except Exception:
            detail = None
        self.post_message(DetailLoaded(event_id, detail))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        self._end()
        self._detail_loading = False
        if message.event_id == self._detail_id:
            self.query_one(EventDetailView).show(message.detail)
        elif self._detail_id is not None:
            self._load_detail_now()  # the cursor moved on meanwhile

    def on_events_table_open_detail(self, message: EventsTable.OpenDetail) -> None:
        self.query_one(EventDetailView).focus()

    def on_events_table_mark_toggled(self, message: EventsTable.MarkToggled) -> None:
        self.update_status()

    # -- timeline ----------------------------------------------------------------
    def on_timeline_chart_range_chosen(self, message: TimelineChart.RangeChosen) -> None:
        bar = self.query_one(FilterBar)
        bar.set_value("since", message.since)
        bar.set_value("until", message.until)
        self.schedule_filter(0.01)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-disputes":
            self.query_one(DisputesView).refresh_disputes()
        elif event.pane.id == "tab-timeline":
            self.query_one(TimelineChart).focus()

    # -- ingest of the bundled samples --------------------------------------------
    @work(thread=True, group="ingest", exit_on_error=False)
    def _ingest(self, samples: Path) -> None:
        try:
            from store.db.ingest import ingest

            summary = ingest(self.db_path, [str(samples)])
            self.post_message(IngestDone(summary.articles, len(summary.failures), None))
        except Exception as exc:
            self.post_message(IngestDone(0, 0, str(exc)))

    def on_ingest_done(self, message: IngestDone) -> None:
        self._end()
        if message.error:
            self.notify(f"Could not load the sample articles: {message.error}", severity="error", timeout=10)
            return
        for store in (self.store, self._count_store, self._facet_store, self._place_facet_store,
                      self._timeline_store):
            store.invalidate()
        self._timeline_cache.clear()
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
        target = {"actors": "#actor-list", "places": "#place-tree", "events": "#events-table",
                  "detail": "#detail-pane"}.get(pane, "#events-table")
        self.query_one(target).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_focus_filter(self, which: str = "actor") -> None:
        widget = self.query_one(f"#filter-{which}")
        widget.focus()

    def action_leave_input(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(EventsTable).focus()

    def action_clear_filter(self) -> None:
        self.query_one(FilterBar).clear()
        self.picked_actors = frozenset()
        self.picked_place = None
        self.query_one(ActorsPane).clear_picks()
        self.schedule_filter(0.01)

    def set_event_type(self, event_type: str | None) -> None:
        self.query_one(FilterBar).set_value("type", event_type)
        self.schedule_filter(0.01)

    def add_name_filter(self, kind: str, name: str) -> None:
        """Add `name` to the actor or town input (from the command palette)."""
        key = "actor" if kind == "actor" else "town"
        inp = self.query_one(f"#filter-{key}", Input)
        names = split_names(inp.value)
        if name not in names:
            inp.value = ", ".join(names + (name,))
        self.apply_filter()

    def shown_name(self, en: str | None, ar: str | None, fallback: str = "") -> str:
        """A name as the names toggle asks, shaped for the screen."""
        return fit(display_name(en, ar, self.name_mode, fallback), 60, self.shaping)

    def action_toggle_shaping(self) -> None:
        self.shaping = not self.shaping
        self._redisplay()
        self.notify(f"Arabic shaping {'on' if self.shaping else 'off'}", timeout=3)

    def action_cycle_names(self) -> None:
        self.set_name_mode(NAME_MODES[(NAME_MODES.index(self.name_mode) + 1) % len(NAME_MODES)])

    def set_name_mode(self, mode: str) -> None:
        if mode not in NAME_MODES:
            return
        self.name_mode = mode
        self._redisplay()
        self.notify(f"Names: {NAME_MODE_LABELS[mode]}", timeout=3)

    def _redisplay(self) -> None:
        """Push the display options to every pane and redraw."""
        table = self.query_one(EventsTable)
        actors = self.query_one(ActorsPane)
        places = self.query_one(PlacesPane)
        detail = self.query_one(EventDetailView)
        for w in (table, actors, places, detail):
            w.shaping = self.shaping
            w.name_mode = self.name_mode
        self.query_one(EventMap).shaping = self.shaping
        table.redraw()
        actors.rebuild()
        places.rebuild()
        detail.redraw()
        self._set_markers(places.facets)
        self.update_status()

    def action_mark_all(self) -> None:
        if self.count > MARK_ALL_LIMIT:
            self.notify(f"{self.count:,} events are too many to mark (limit {MARK_ALL_LIMIT:,}). "
                        "Export with no marks writes every event under the filter.", severity="warning")
            return
        self._begin()
        self._mark_all(self.flt)

    @work(thread=True, group="marks", exit_on_error=False)
    def _mark_all(self, flt: EventFilter) -> None:
        try:
            ids = self.store.ids(flt)
        except Exception:
            ids = []
        self.post_message(MarksLoaded(ids, len(ids)))

    def on_marks_loaded(self, message: MarksLoaded) -> None:
        self._end()
        self.marked.update(message.ids)
        self.query_one(EventsTable).redraw()
        self.update_status()
        self.notify(f"Marked {message.total:,} events under the filter", timeout=3)

    def action_clear_marks(self) -> None:
        self.marked.clear()
        self.query_one(EventsTable).redraw()
        self.update_status()

    def export_filter(self) -> EventFilter:
        """The marked rows, or the whole filtered set when none are marked."""
        if self.marked:
            return EventFilter(ids=tuple(sorted(self.marked)))
        return self.flt

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        if self.marked:
            what = f"{len(self.marked):,} marked events"
        else:
            what = f"All {self.count:,} events under the filter (no rows marked)"
        self.push_screen(ExportScreen(what), self._export_chosen)

    def _export_chosen(self, request) -> None:
        if request is None:
            return
        self._begin()
        self._export(self.export_filter(), request.fmt, request.path, request.force)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, flt: EventFilter, fmt: str, path: str, force: bool) -> None:
        try:
            from store.report.export import export_events
        except ImportError as exc:
            self.post_message(ExportDone(path, None, f"export is not available: {exc}"))
            return
        store = EventStore(self.db_path)
        try:
            result = export_events(store, flt, fmt, path, force=force)
            self.post_message(ExportDone(path, result, None))
        except FileExistsError:
            self.post_message(ExportDone(path, None, f"{path} exists; export again and confirm to overwrite",
                                         exists=True))
        except Exception as exc:
            self.post_message(ExportDone(path, None, str(exc)))
        finally:
            store.close()

    def on_export_done(self, message: ExportDone) -> None:
        self._end()
        self.last_export = message
        if message.error:
            self.notify(message.error, title="Export failed", severity="error", timeout=10)
            return
        written = getattr(message.result, "written", None)
        fmt = getattr(message.result, "format", "")
        extra = ""
        skipped = getattr(message.result, "skipped_no_place", 0)
        if skipped:
            extra = f" ({skipped} without a place left out)"
        self.notify(f"Wrote {written if written is not None else ''} {fmt} records to {message.path}{extra}",
                    title="Exported", timeout=8)

    def action_copy_cli(self) -> None:
        self.copy_to_clipboard(self.flt.to_cli())
        self.notify("Command line copied", timeout=3)

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_status)
        self.call_after_refresh(self._update_sparkline)

    def on_unmount(self) -> None:
        for store in (self.store, self._count_store, self._facet_store, self._place_facet_store,
                      self._timeline_store):
            try:
                store.close()
            except Exception:
                pass


def run_app(db_path: str | Path, shaping_mode: str | None = None) -> None:
    """Open the app on the store at `db_path` (`shaping_mode`: auto, on, off
    or None for $CONFLICTUI_SHAPING)."""
    from store.db.schema import SchemaError

    try:
        shaping = resolve_shaping(shaping_mode)
    except ValueError as exc:
        print(f"conflictui: {exc}", file=sys.stderr)
        sys.exit(2)
    try:
        app = ConflictApp(db_path, shaping)
    except SchemaError as exc:
        print(f"conflictui: {db_path}: {exc}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # sqlite3.DatabaseError and friends
        print(f"conflictui: {db_path}: cannot open the store ({exc})", file=sys.stderr)
        sys.exit(2)
    app.run()


if __name__ == "__main__":  # pragma: no cover
    run_app(settings.db_path())
