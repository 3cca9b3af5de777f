"""What the app is showing, without the screen: the filter, the picks, the
marks, the row whose detail is shown, the display options and the
bookkeeping of queries in flight.

Plain state with no Textual in it, so that it is tested on its own
(tests/test_session.py). The app (tui/app.py) reads the widgets' inputs,
asks the session what to query and what to show, runs the queries in
thread workers and hands their results back here and to the widgets.

Every filter that is sent to the workers gets a generation number; an
answer that carries an older number belongs to a filter the user has
already left, and is dropped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from store.db.query import EventFilter
from store.text.arabic import has_arabic

MARK_ALL_LIMIT = 20000  # ids in one filter stay well under SQLite's variable limit
UPDATING = " · updating…"  # status line, while the panes' queries run
SHAPED_CLI = " · command shaped for display: C copies it"  # status line, before a shaped command line
PANES = frozenset({"actors", "places", "timeline"})  # what follows the table after each filter
NAME_MODES: tuple[str, ...] = ("both", "ar", "en")
NAME_MODE_LABELS = {"both": "English and Arabic", "ar": "Arabic only", "en": "English only"}


class TimelineCache:
    """The day series of the last few filters (a date range only narrows
    the drawn range, so it is not part of the key). Shared with the
    timeline worker's thread."""

    SIZE = 16

    def __init__(self) -> None:
        self._series: dict[EventFilter, list[tuple[str, int]]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(flt: EventFilter) -> EventFilter:
        return flt.with_(since=None, until=None)

    def get(self, flt: EventFilter) -> list[tuple[str, int]] | None:
        with self._lock:
            return self._series.get(self.key(flt))

    def put(self, flt: EventFilter, series: list[tuple[str, int]]) -> None:
        with self._lock:
            if len(self._series) >= self.SIZE:
                self._series.clear()
            self._series[self.key(flt)] = series

    def clear(self) -> None:
        with self._lock:
            self._series.clear()


@dataclass
class DetailCursor:
    """Which event's detail is shown or wanted, and whether a detail query
    is in flight. One query at a time: while one runs, the newest row waits
    for it (a held arrow key coalesces to one query at a time)."""

    wanted: int | None = None  # the event under the table's cursor
    loading: bool = False

    def moved_to(self, event_id: int | None, table_empty: bool) -> str | None:
        """The cursor moved. "load": query `wanted` now; "clear": nothing
        matches, show no event; None: nothing to do."""
        if event_id is None:
            if table_empty and self.wanted is not None:
                self.wanted = None  # a detail on its way is dropped
                return "clear"
            return None
        if event_id == self.wanted:
            return None
        self.wanted = event_id
        return None if self.loading else "load"

    def start(self) -> int | None:
        """The event to query now (None: none wanted, or one in flight)."""
        if self.wanted is None or self.loading:
            return None
        self.loading = True
        return self.wanted

    def loaded(self, event_id: int) -> tuple[bool, bool]:
        """A detail arrived: (show it, query the newer wanted row)."""
        self.loading = False
        if event_id == self.wanted:
            return True, False
        return False, self.wanted is not None

    def due(self, row_id: int | None) -> bool:
        """The row under the cursor is not the one asked for yet."""
        return row_id is not None and row_id != self.wanted


@dataclass
class Session:
    """The state of one app over one store."""

    shaping: bool = True
    name_mode: str = "both"
    flt: EventFilter = field(default_factory=EventFilter)  # the applied filter
    count: int = 0
    filter_error: str | None = None
    marked: set[int] = field(default_factory=set)  # the events table toggles marks in this set
    picked_actors: frozenset[str] = frozenset()
    picked_place: str | None = None
    selected_places: set[str] = field(default_factory=set)  # place ids the town filter names
    timeline_series: list[tuple[str, int]] = field(default_factory=list)
    detail: DetailCursor = field(default_factory=DetailCursor)
    timelines: TimelineCache = field(default_factory=TimelineCache)
    generation: int = 0
    requested: EventFilter | None = None  # the last filter sent to the workers
    panes_pending: set[str] = field(default_factory=set)  # panes not yet showing the applied filter
    pending: int = 0  # queries running or results waiting to be shown
    warmed: bool = False  # the facet connections' lookups were loaded once
    find_text: str | None = None  # what n/N look for in the table
    marked_outside: int = 0  # marked events the applied filter leaves out
    undated_out: int = 0  # undated events the applied filter leaves out
    export_path: str | None = None  # the export dialog's last path and format
    export_format: str = "csv"
    order: tuple[str, bool] | None = None  # the table's sort (column key, descending); None: newest first
    review: ReviewState = field(default_factory=lambda: ReviewState())  # see the review block below

    # -- queries in flight ------------------------------------------------------
    def begin(self) -> None:
        self.pending += 1

    def end(self) -> None:
        self.pending = max(0, self.pending - 1)

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    # -- the filter ---------------------------------------------------------------
    def build_filter(self, typed: EventFilter) -> EventFilter:
        """The filter the bar's inputs say (`typed`), plus the names picked
        in the panes."""
        actors = typed.actors + tuple(a for a in sorted(self.picked_actors) if a not in typed.actors)
        place = self.picked_place
        towns = typed.towns + ((place,) if place and place not in typed.towns else ())
        return self.review.applied(typed.with_(actors=actors, towns=towns))

    def already_requested(self, flt: EventFilter) -> bool:
        return self.requested is not None and flt == self.requested

    def request(self, flt: EventFilter) -> int:
        """`flt` goes to the workers: its generation number."""
        self.requested = flt
        self.generation += 1
        return self.generation

    def counted(self, flt: EventFilter, count: int, marked_under: int | None = None, undated_out: int = 0) -> None:
        """The count of the current filter arrived: it is the applied one,
        and the panes follow. `marked_under`: how many marked events it
        holds (None: no marks were counted); `undated_out`: how many undated
        events it leaves out."""
        self.flt = flt
        self.count = count
        self.undated_out = undated_out
        self.marked_outside = max(0, len(self.marked) - marked_under) if marked_under is not None else 0
        self.filter_error = None
        self.panes_pending = set(PANES)

    def failed(self, error: str) -> None:
        self.filter_error = error

    def pane_done(self, pane: str) -> bool:
        """`pane` shows the applied filter: True when it was the last one."""
        if pane not in self.panes_pending:
            return False
        self.panes_pending.discard(pane)
        return not self.panes_pending

    def first_panes_done(self) -> bool:
        """True once: the first time every pane is loaded."""
        if self.warmed or self.panes_pending:
            return False
        self.warmed = True
        return True

    # -- picks in the panes and the map -------------------------------------------
    def pick_actors(self, actor_ids: frozenset[str]) -> None:
        self.picked_actors = frozenset(actor_ids)

    def pick_place(self, place_id: str | None) -> None:
        """Pick a place; picking the picked one again clears it."""
        self.picked_place = None if place_id == self.picked_place else place_id

    def clear_picks(self) -> None:
        self.picked_actors = frozenset()
        self.picked_place = None

    # -- sorting --------------------------------------------------------------------
    def sort_by(self, key: str, descending: bool | None, first_direction: bool) -> tuple[str, bool]:
        """The table's new order: `key` in the direction asked, or (None) in
        its `first_direction`, or the other way if sorted by it already."""
        if descending is None:
            same = self.order is not None and self.order[0] == key
            descending = not self.order[1] if same else first_direction
        self.order = (key, descending)
        return self.order

    # -- marks --------------------------------------------------------------------
    def too_many_to_mark(self) -> str | None:
        """Why the events under the filter cannot all be marked, or None."""
        if self.count <= MARK_ALL_LIMIT:
            return None
        return (f"{self.count:,} events are too many to mark (limit {MARK_ALL_LIMIT:,}). "
                "Export with no marks writes every event under the filter.")

    def mark(self, ids) -> None:
        self.marked.update(ids)

    def clear_marks(self) -> None:
        self.marked.clear()
        self.marked_outside = 0

    def export_filter(self, which: str | None = None) -> EventFilter:
        """The marked rows, or the whole filtered set when none are marked
        (`which`: "marked" or "filter", when the dialog asked)."""
        if self.marked and which != "filter":
            return EventFilter(ids=tuple(sorted(self.marked)))
        return self.flt

    def export_what(self) -> str:
        if self.marked:
            return f"{len(self.marked):,} marked events"
        return f"All {self.count:,} events under the filter (no rows marked)"

    def export_choices(self) -> list[tuple[str, str]]:
        """The sets the export dialog offers when marks lie outside the
        filter (empty: no question to ask)."""
        if not (self.marked and self.marked_outside):
            return []
        return [(f"the {len(self.marked):,} marked events ({self.marked_outside:,} not under the filter)", "marked"),
                (f"the {self.count:,} events under the filter", "filter")]

    # -- display options -------------------------------------------------------------
    def toggle_shaping(self) -> str:
        self.shaping = not self.shaping
        return f"Arabic shaping {'on' if self.shaping else 'off'}"

    def next_name_mode(self) -> str:
        return NAME_MODES[(NAME_MODES.index(self.name_mode) + 1) % len(NAME_MODES)]

    def set_name_mode(self, mode: str) -> str | None:
        """Show names as `mode` says: the note to show, or None for an unknown mode."""
        if mode not in NAME_MODES:
            return None
        self.name_mode = mode
        return f"Names: {NAME_MODE_LABELS[mode]}"

    # -- the status line -----------------------------------------------------------
    def headline(self) -> str:
        """"12 events · 3 marked · no filter"."""
        head = f"{self.count:,} events"
        if self.marked:
            head += f" · {len(self.marked):,} marked"
            if self.marked_outside:
                head += f" ({self.marked_outside:,} not under the filter)"
        if self.flt.is_empty():
            head += " · no filter"
        return head

    def status(self) -> tuple[str, bool]:
        """(the status line in logical order, it reports an error)."""
        if self.filter_error:
            return f"⚠ {self.filter_error}", True
        updating = UPDATING if self.panes_pending else ""
        cli = self.flt.to_cli()
        # a shaped command line reads right on screen, not when selected and pasted
        shaped = SHAPED_CLI if self.shaping and has_arabic(cli) else ""
        undated = f" · +{self.undated_out:,} undated not shown (Undated: include)" if self.undated_out else ""
        return f"{self.headline()}{undated}{self.review.note()}{updating}{shaped}   $ {cli}", False


class SessionAttribute:
    """An attribute of the app that is the session's (``app.flt`` reads and
    writes ``app.session.flt``), for the commands, views and tests that
    ask the app."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj.session, self.name)

    def __set__(self, obj, value) -> None:
        setattr(obj.session, self.name, value)


# -- review: the analyst's corrections (tui/review.py) ---------------------------
REVIEW_CYCLE: tuple[str, ...] = ("any", "unreviewed", "corrected", "rejected")  # the `R` key walks these


@dataclass
class ReviewState:
    """The review filter and contested toggle the app adds to the bar's
    filter, the review counts under the applied filter, and the table row
    to come back to after a correction."""

    filter: str = "any"  # one of REVIEW_CYCLE
    contested: bool = False
    counts: dict[str, int] | None = None  # EventStore.review_counts of the applied filter
    keep_cursor: int | None = None  # the table row to put the cursor on after the next count

    def applied(self, flt: EventFilter) -> EventFilter:
        return flt.with_(review=self.filter, contested=self.contested)

    def next_filter(self) -> str:
        self.filter = REVIEW_CYCLE[(REVIEW_CYCLE.index(self.filter) + 1) % len(REVIEW_CYCLE)]
        return f"Review filter: {self.filter}"

    def toggle_contested(self) -> str:
        self.contested = not self.contested
        return f"Contested events only: {'on' if self.contested else 'off'}"

    def note(self) -> str:
        """" · reviewed 3/12 (1 rejected)" for the status line, or ""."""
        c = self.counts
        if not c:
            return ""
        done = c["confirmed"] + c["corrected"] + c["added"]
        total = done + c["unreviewed"]
        rejected = f" ({c['rejected']:,} rejected)" if c["rejected"] else ""
        return f" · reviewed {done:,}/{total:,}{rejected}"
