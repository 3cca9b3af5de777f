"""The app's queries: each runs in a thread worker and posts its answer back
to the app as a message (harlequin's way), so the screen never waits for
SQLite.

Each query is a plain function that returns its message; ``run_in_thread``
runs one and posts what it returns. Results tagged with a generation number
belong to one filter; the app drops those of a filter it has left
(``tui.session.Session.is_current``).

Connections (``Connections``): one per kind of work (table pages and
details; counts; actor facets; place facets; timeline), so a slow facet
query on a large store never holds up the table, and the two panes' counts
run side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.dom import DOMNode
from textual.message import Message

from store.db.ingest import IngestBusy
from store.db.query import EventDetail, EventFilter, EventStore, Facet, UnknownName
from tui import samples
from tui.session import TimelineCache


# -- messages -------------------------------------------------------------------
@dataclass
class Counted(Message):
    generation: int
    flt: EventFilter
    count: int
    first_page: list | None = None  # the table's first rows, read with the count
    order: tuple[str, bool] | None = None  # the order of first_page
    marked_under: int | None = None  # how many of the marked events the filter holds
    undated_out: int = 0  # undated events the filter leaves out (EventStore.undated_left_out)


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
class Warmed(Message):
    pass


@dataclass
class IngestDone(Message):
    articles: int
    failures: int
    error: str | None
    skipped: str | None = None  # why the samples were not added (the store filled up, an ingest runs)


@dataclass
class MarksLoaded(Message):
    ids: list[int]
    total: int


@dataclass
class EventJson(Message):
    event_id: int
    text: str | None  # None: the event could not be read


@dataclass
class Found(Message):
    stamp: tuple  # (the filter's generation, the table's order) the find ran on
    needle: str
    index: int | None  # the row's index in the table, None: not found
    scanned: int


@dataclass
class ExportDone(Message):
    path: str
    result: object | None
    error: str | None
    exists: bool = False


def run_in_thread(node: DOMNode, group: str, query, *args) -> None:
    """Run `query(*args)` in a thread worker and post the message it
    returns to `node`."""

    def job() -> None:
        node.post_message(query(*args))

    node.run_worker(job, thread=True, group=group, exit_on_error=False)


class Connections:
    """The app's connections to one store, each through small caches (five
    connections would otherwise each map and cache up to 320 MB)."""

    def __init__(self, db_path: str) -> None:
        self.main = EventStore(db_path)  # table pages, details, marks
        self.count = EventStore(db_path)
        self.actor_facets = EventStore(db_path)
        self.place_facets = EventStore(db_path)  # the two panes' counts run side by side
        self.timeline = EventStore(db_path)
        for store in self.all():
            try:
                store.use_small_caches()
            except Exception:
                pass

    def all(self) -> tuple[EventStore, ...]:
        return (self.main, self.count, self.actor_facets, self.place_facets, self.timeline)

    def invalidate(self) -> None:
        for store in self.all():
            store.invalidate()

    def close(self) -> None:
        for store in self.all():
            try:
                store.close()
            except Exception:
                pass


# -- the queries -----------------------------------------------------------------
def count_and_first_page(store: EventStore, generation: int, flt: EventFilter, page_size: int,
                         order: tuple[str, bool] | None = None, marked: frozenset[int] = frozenset()) -> Message:
    """The count and the table's first page (in `order`) in one step: the
    table and the count line are drawn together, before any pane's query
    starts; with the count of the `marked` events under the filter and of
    the undated events it leaves out."""
    try:
        n = store.count(flt)
        rows = store.page(flt, 0, page_size, order) if n else []
        undated_out = store.undated_left_out(flt)
    except UnknownName as exc:
        return FilterFailed(generation, flt, str(exc))
    except Exception as exc:
        return FilterFailed(generation, flt, f"query failed: {exc}")
    return Counted(generation, flt, n, rows, order, _marked_under(store, flt, marked), undated_out)


def _marked_under(store: EventStore, flt: EventFilter, marked: frozenset[int]) -> int | None:
    """How many `marked` events `flt` holds (None: no marks, or not counted)."""
    if not marked or flt.ids:
        return None
    try:
        return store.count(flt.with_(ids=tuple(sorted(marked))))
    except Exception:  # more ids than SQLite takes in one statement
        return None


def actor_facets(store: EventStore, generation: int, flt: EventFilter) -> FacetsLoaded:
    """The actors pane counts without its own dimension."""
    try:
        actors = store.actor_facets(flt.with_(actors=()), one_row=True)
    except Exception:
        actors = []
    return FacetsLoaded(generation, actors, None, set())


def place_facets(store: EventStore, generation: int, flt: EventFilter) -> FacetsLoaded:
    """The places pane counts without its own dimension, and the places the
    town filter names (drawn selected)."""
    try:
        places = store.place_facets(flt.with_(towns=()), one_row=True)
        selected = {i for t in flt.towns for i in store.resolve("place", t)}
    except Exception:
        places, selected = [], set()
    return FacetsLoaded(generation, None, places, selected)


def timeline(store: EventStore, cache: TimelineCache, generation: int, flt: EventFilter) -> TimelineLoaded:
    series = cache.get(flt)
    if series is None:
        try:
            series = store.timeline(cache.key(flt), "day", one_row=True)
        except Exception:
            series = []
        else:
            cache.put(flt, series)
    return TimelineLoaded(generation, series, flt.since, flt.until)


def warm(stores: tuple[EventStore, ...]) -> Warmed:
    """Load the lookup tables a filtered facet needs on the facet
    connections, so the first filter change does not wait for them."""
    for store in stores:
        try:
            store.warm_lookups()
        except Exception:
            pass
    return Warmed()


def detail(store: EventStore, event_id: int) -> DetailLoaded:
    try:
        found = store.detail(event_id)
    except Exception:
        found = None
    return DetailLoaded(event_id, found)


def mark_all(store: EventStore, flt: EventFilter) -> MarksLoaded:
    try:
        ids = store.ids(flt)
    except Exception:
        ids = []
    return MarksLoaded(ids, len(ids))


@dataclass
class Opened(Message):
    target: str
    ok: bool


def open_target(target: str) -> Opened:
    """Open a URL or a file: URI with the desktop's program (in a thread:
    a browser can take its time to start)."""
    import webbrowser

    try:
        ok = bool(webbrowser.open(target))
    except Exception:
        ok = False
    return Opened(target, ok)


FIND_LIMIT = 100_000  # rows a find walks before it gives up


def find_row(store: EventStore, stamp: tuple, flt: EventFilter, order, start: int, forward: bool,
             needle: str, name_mode: str, count: int, keys: tuple[str, ...] | None = None,
             page_size: int = 500) -> Found:
    """The first row after (or before) row `start` of the table whose
    visible cells (the columns `keys`; None: all) hold `needle`, walking the table's order page by page and
    wrapping round once."""
    from tui.widgets.events_table import SORTABLE, find_key, row_matches

    key = find_key(needle)
    keys = keys or SORTABLE
    scanned = 0
    for first, last in _find_ranges(start, forward, count):
        step = page_size if forward else -page_size
        for lo in range(first, last, step):
            begin, end = (lo, min(lo + page_size, last)) if forward else (max(lo - page_size + 1, last + 1), lo + 1)
            try:
                rows = store.page(flt, begin, end - begin, order)
            except Exception:
                return Found(stamp, needle, None, scanned)
            hits = [begin + k for k, r in enumerate(rows) if row_matches(r, key, name_mode, keys)]
            scanned += len(rows)
            if hits:
                return Found(stamp, needle, hits[0] if forward else hits[-1], scanned)
            if scanned >= FIND_LIMIT:
                return Found(stamp, needle, None, scanned)
    return Found(stamp, needle, None, scanned)


def _find_ranges(start: int, forward: bool, count: int) -> list[tuple[int, int]]:
    """The rows a find walks, as (first, stop) ranges: after `start` to the
    end then from the top (forward), or before it to the top then from the
    bottom."""
    if forward:
        return [(start + 1, count), (0, min(start + 1, count))]
    return [(start - 1, -1), (count - 1, start - 1)]


def event_json(store: EventStore, event_id: int) -> EventJson:
    """One event as the JSON export writes it (the output contract)."""
    import json

    from store.report.export import clean_record

    try:
        record = next(store.iter_records(EventFilter(ids=(event_id,))), None)
        text = None if record is None else json.dumps(clean_record(record), ensure_ascii=False, indent=2)
    except Exception:
        text = None
    return EventJson(event_id, text)


def export(db_path: str, flt: EventFilter, fmt: str, path: str, force: bool) -> ExportDone:
    """Write the events under `flt` with the CLI's export code, on a
    connection of its own."""
    try:
        from store.report.export import export_events
    except ImportError as exc:
        return ExportDone(path, None, f"export is not available: {exc}")
    store = EventStore(db_path)
    try:
        return ExportDone(path, export_events(store, flt, fmt, path, force=force), None)
    except FileExistsError:
        return ExportDone(path, None, f"{path} exists; export again and confirm to overwrite", exists=True)
    except Exception as exc:
        return ExportDone(path, None, str(exc))
    finally:
        store.close()


def fill_from_samples(db_path: str, folder: Path, still_empty) -> IngestDone:
    try:
        summary = samples.fill(db_path, folder, still_empty)
    except IngestBusy:
        return IngestDone(0, 0, None, skipped="an ingest into this store is running")
    except Exception as exc:
        return IngestDone(0, 0, str(exc))
    if summary is None:
        return IngestDone(0, 0, None, skipped="the store is no longer empty")
    return IngestDone(summary.articles, len(summary.failures), None)
