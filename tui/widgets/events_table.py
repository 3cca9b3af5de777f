"""The events table: a line-API widget that pages rows from SQLite.

The table never holds all rows. Its virtual height is the event count under
the filter; ``render_line`` asks a small LRU cache of pages (``PAGE_SIZE``
rows each) for the row it draws and, when the page is missing, draws a
placeholder and fetches the page in a thread worker
(``EventStore.page``, fast at any offset). A new filter bumps a
generation number so that late pages of an old filter are dropped.

Keys: up/down, page up/down, home/end move the cursor; left/right move the
column cursor (the cell that `[`/`]` sort by and copy takes); space marks the
row under the cursor and moves down; enter opens its detail. The mouse
selects rows; a click on a column title sorts by it (again: the other way).
Sorting is done by SQLite (``EventStore.page(order=...)``).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from store.db.query import EventFilter, EventRow, EventStore
from store.text.arabic import normalize
from tui.review import REVIEW_MARKS
from tui.widgets.common import cell, display_name, share


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


FIXED = (("mark", "", 1), ("date", "Date", 11), ("type", "Type", 15))
FLEX = (("actor1", "Actor 1", 3), ("actor2", "Actor 2", 3), ("place", "Place", 3), ("reported_by", "Reported by", 2))
REPORTS = ("reports", "Rep", 3)
FLEX_KEYS = tuple(k for k, *_ in FLEX)
SORTABLE = ("date", "type", "actor1", "actor2", "place", "reported_by", "reports")  # the column cursor's stops
ARROWS = {True: "▼", False: "▲"}  # descending, ascending


def first_direction(key: str) -> bool:
    """The direction a column sorts in first (True: descending): newest and
    most reported first, names from A."""
    return key in ("date", "reports")


def column_at(columns: list[Column], x: int) -> str | None:
    """The key of the column drawn at cell `x` of a table laid out as `columns`."""
    left = 0
    for c in columns:
        if left <= x < left + c.width + 1:
            return c.key if c.key in SORTABLE else None
        left += c.width + 1
    return None


MIN_WIDTH = 3  # a column narrowed by hand keeps this many cells
MAX_WIDTH = 120


@dataclass(frozen=True)
class ColumnPrefs:
    """The user's columns: the ones hidden and the widths set by hand (the
    others follow the screen). Kept in the user config (tui/bindings.py)."""

    hidden: frozenset[str] = frozenset()
    widths: tuple[tuple[str, int], ...] = ()  # (column key, cells), sorted

    def width(self, key: str) -> int | None:
        return dict(self.widths).get(key)

    def with_width(self, key: str, cells: int | None) -> "ColumnPrefs":
        widths = {k: w for k, w in self.widths if k != key}
        if cells is not None:
            widths[key] = max(MIN_WIDTH, min(MAX_WIDTH, cells))
        return ColumnPrefs(self.hidden, tuple(sorted(widths.items())))

    def with_hidden(self, hidden) -> "ColumnPrefs":
        return ColumnPrefs(frozenset(hidden), self.widths)

    @classmethod
    def from_config(cls, hidden, widths: dict) -> "ColumnPrefs":
        """From the user config's values; unknown columns and widths that
        are not whole numbers are left out."""
        keep = frozenset(k for k in hidden if k in SORTABLE)
        if len(keep) >= len(SORTABLE):
            keep = frozenset()  # every column hidden: show them all
        prefs = cls(keep)
        for key, cells in widths.items():
            if key in SORTABLE and isinstance(cells, int) and not isinstance(cells, bool):
                prefs = prefs.with_width(key, cells)
        return prefs


@lru_cache(maxsize=64)
def layout_columns(width: int, natural: tuple[int, ...] | None = None,
                   prefs: ColumnPrefs = ColumnPrefs()) -> list[Column]:
    """Column widths for a table `width` cells wide (one space between).
    `natural`: the widest cell of each FLEX column in the rows loaded; a
    column that needs less than its share gives the rest to the others, so
    names are cut only when the screen has no room. `prefs`: the columns
    hidden and the widths set by hand; the other FLEX columns share what is
    left. (Cached: do not modify the list returned.)"""
    shown = [spec for spec in (*FIXED, *FLEX, REPORTS) if spec[0] not in prefs.hidden]
    flexible = [i for i, (k, _, _) in enumerate(shown) if k in FLEX_KEYS and prefs.width(k) is None]
    widths = [prefs.width(k) or w for k, _, w in shown]
    rest = max(len(flexible) * 4, width - sum(w for i, w in enumerate(widths) if i not in flexible)
               - (len(shown) - 1))
    if flexible:
        needs = None
        if natural:
            by_key = dict(zip(FLEX_KEYS, natural))
            needs = [max(len(shown[i][1]), by_key[shown[i][0]]) for i in flexible]
        for i, w in zip(flexible, share(rest, [shown[i][2] for i in flexible], needs)):
            widths[i] = w
    return [Column(k, t, w) for (k, t, _), w in zip(shown, widths)]


def row_cells(row: EventRow, name_mode: str) -> dict[str, str]:
    """The logical text of each column of an event row."""
    date = row.date or ""
    if date and row.date_precision and row.date_precision not in ("day", "exact"):
        date = date + "~"
    return {
        "date": date,
        "type": row.event_type or "",
        "actor1": display_name(row.actor1_en, row.actor1_ar, name_mode, row.actor1_id or ""),
        "actor2": display_name(row.actor2_en, row.actor2_ar, name_mode, row.actor2_id or ""),
        "place": display_name(row.place_en, row.place_ar, name_mode, row.place_id or ""),
        "reported_by": display_name(row.reported_by_en, row.reported_by_ar, name_mode, row.reported_by_id or ""),
        "reports": str(row.n_reports),
    }


def find_key(text: str) -> str:
    """What find compares: normalised Arabic (hamza, ta marbuta, diacritics
    as the filters forgive them), case folded."""
    return normalize(text or "").casefold()


def row_matches(row: EventRow, needle: str, name_mode: str, keys: tuple[str, ...] = SORTABLE) -> bool:
    """Whether `needle` (a find_key) is in one of the row's cells `keys`
    (the columns shown); "#123" matches the event with id 123."""
    if needle.startswith("#") and needle[1:].isdigit():
        return row.id == int(needle[1:])
    cells = row_cells(row, name_mode)
    return any(needle in find_key(cells[key]) for key in keys)


def tsv_line(cells) -> str:
    """Cells as one TSV line (a tab or line break inside a cell becomes a space)."""
    return "\t".join(" ".join(str(c).split()) for c in cells)


class EventsHeader(Widget):
    """The column titles, laid out like the table below it, with ▲/▼ on the
    column the table is sorted by. A click on a title asks for a sort."""

    DEFAULT_CSS = """
    EventsHeader { height: 1; text-style: bold; }
    """

    class SortClicked(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    order: reactive[tuple[str, bool] | None] = reactive(None)

    def columns(self, width: int) -> list[Column]:
        """The table's columns (it fits them to its rows), else the defaults."""
        tables = self.screen.query(EventsTable)
        return tables.first().columns(width) if tables else layout_columns(width - 1)

    def title_of(self, c: Column) -> str:
        if self.order and self.order[0] == c.key:
            return f"{c.title}{ARROWS[self.order[1]]}"
        return c.title

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        text = " ".join(cell(self.title_of(c), c.width, False) for c in self.columns(width))
        return Strip([Segment(text, self.rich_style)]).adjust_cell_length(width, self.rich_style)

    def on_click(self, event: events.Click) -> None:
        key = column_at(self.columns(self.size.width), event.x)
        if key:
            self.post_message(self.SortClicked(key))


class EventsTable(ScrollView, can_focus=True):
    """Events under the filter, paged from the store on demand."""

    PAGE_SIZE: ClassVar[int] = 200
    MAX_PAGES: ClassVar[int] = 16

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "events-table--cursor",
        "events-table--marked",
        "events-table--loading",
        "events-table--cell",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="events.cursor-up"),
        Binding("down", "cursor_down", "Down", show=False, id="events.cursor-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="events.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="events.page-down"),
        Binding("home", "first", "First", show=False, id="events.first"),
        Binding("end", "last", "Last", show=False, id="events.last"),
        Binding("left", "column(-1)", "Column left", show=False, id="events.column-left"),
        Binding("right", "column(1)", "Column right", show=False, id="events.column-right"),
        Binding("left_square_bracket", "sort(False)", "Sort ▲", id="events.sort-asc"),
        Binding("right_square_bracket", "sort(True)", "Sort ▼", id="events.sort-desc"),
        Binding("space", "toggle_mark", "Mark, down", id="events.mark"),
        # columns, as in VisiData: - hides, _ fits to the cells (again: back
        # to the screen's share); < > narrow and widen; V shows the hidden
        Binding("minus", "hide_column", "Hide column", show=False, id="events.column-hide"),
        Binding("underscore", "fit_column", "Fit column", show=False, id="events.column-fit"),
        Binding("less_than_sign", "resize_column(-2)", "Narrow column", show=False, id="events.column-narrow"),
        Binding("greater_than_sign", "resize_column(2)", "Widen column", show=False, id="events.column-widen"),
        Binding("V", "show_columns", "Show hidden columns", show=False, id="events.column-show"),
        Binding("enter", "open_detail", "Detail", show=False, id="events.detail"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class CursorMoved(Message):
        """The cursor is on another row (row None: not loaded yet)."""

        def __init__(self, index: int, row: EventRow | None) -> None:
            super().__init__()
            self.index = index
            self.row = row

    class MarkToggled(Message):
        def __init__(self, event_id: int, marked: bool) -> None:
            super().__init__()
            self.event_id = event_id
            self.marked = marked

    class OpenDetail(Message):
        def __init__(self, row: EventRow) -> None:
            super().__init__()
            self.row = row

    class SortAsked(Message):
        """Sort by `key`, descending or not (None: the column's first
        direction, or the other way if it is sorted by already)."""

        def __init__(self, key: str, descending: bool | None) -> None:
            super().__init__()
            self.key = key
            self.descending = descending

    class ColumnsChanged(Message):
        """The user hid, showed or resized a column (the app keeps it in
        the user config)."""

        def __init__(self, prefs: "ColumnPrefs") -> None:
            super().__init__()
            self.prefs = prefs

    class PageLoaded(Message):
        def __init__(self, generation: int, page: int, rows: list[EventRow], error: str | None) -> None:
            super().__init__()
            self.generation = generation
            self.page = page
            self.rows = rows
            self.error = error

    def __init__(self, store: EventStore, marked: set[int], *, id: str | None = None,
                 shaping: bool = True, name_mode: str = "both") -> None:
        super().__init__(id=id)
        self._store = store
        self.marked = marked  # shared with the app
        self.shaping = shaping
        self.name_mode = name_mode
        self._generation = 0
        self._filter = EventFilter()
        self._count = 0
        self.order: tuple[str, bool] | None = None  # None: newest first
        self._natural: tuple[int, ...] | None = None  # widest cell of each FLEX column loaded
        self.column = 0  # index in SORTABLE of the cell under the cursor
        self.prefs = ColumnPrefs()  # the columns hidden or sized by hand
        self._pages: OrderedDict[int, list[EventRow]] = OrderedDict()
        self._loading: set[int] = set()
        self._lines: dict[tuple, Strip] = {}
        self.pages_fetched = 0  # tests and benchmarks look at this
        self._after_paint: list = []  # callbacks waiting for loaded rows on screen
        self._placeholder_drawn = False
        self.last_error: str | None = None

    # -- public API --------------------------------------------------------
    @property
    def count(self) -> int:
        return self._count

    @property
    def filter(self) -> EventFilter:
        return self._filter

    @property
    def busy(self) -> bool:
        return bool(self._loading)

    def set_query(self, flt: EventFilter, count: int, first_page: list[EventRow] | None = None,
                  order: tuple[str, bool] | None = None) -> None:
        """Show the events under `flt` (count already known; `first_page`:
        its first PAGE_SIZE rows, in `order`, if already read)."""
        self._generation += 1
        self._filter = flt
        self.order = order
        self._count = count
        self._pages.clear()
        self._loading.clear()
        self._lines.clear()
        self._natural = None
        if first_page is not None:
            self._pages[0] = first_page
            self.pages_fetched += 1
            self._fit_to(first_page)
        self.virtual_size = Size(self.size.width, count)
        self.scroll_to(0, 0, animate=False, immediate=True)
        old = self.cursor
        self.cursor = 0
        if old == 0:
            self._announce_cursor()
        self._ensure_page(0)
        self.refresh()

    def call_after_paint(self, callback, timeout: float = 0.3) -> None:
        """Call `callback` once the table has drawn its rows (no "…" line)
        to the screen, or after `timeout` seconds if it is not drawn (another
        tab is showing): the app starts the panes' queries then, so that
        they do not compete with the table's first page."""
        self._after_paint.append(callback)
        self.set_timer(timeout, self._run_after_paint)

    def _run_after_paint(self) -> None:
        callbacks, self._after_paint = self._after_paint, []
        for callback in callbacks:
            callback()

    def reload(self) -> None:
        self.set_query(self._filter, self._count, order=self.order)

    def set_order(self, order: tuple[str, bool] | None) -> None:
        """Sort the rows as `order` says (from the first row again)."""
        self.set_query(self._filter, self._count, order=order)

    @property
    def column_key(self) -> str:
        return SORTABLE[self.column]

    def cell_text(self, row: EventRow, key: str | None = None) -> str:
        """The logical text of the cell `key` (default: the column cursor's)."""
        return row_cells(row, self.name_mode)[key or self.column_key]

    def go_to(self, index: int) -> None:
        """Put the cursor on row `index` (scrolled into view)."""
        if 0 <= index < self._count:
            self.cursor = index

    def redraw(self) -> None:
        """Redraw after a display option (shaping, names, marks) changed."""
        self._natural = None
        for rows in self._pages.values():
            self._fit_to(rows)
        self._lines.clear()
        self.refresh()

    def columns(self, width: int) -> list[Column]:
        """The columns of a table `width` wide, fitted to the rows loaded."""
        return layout_columns(width - 1, self._natural, self.prefs)

    def shown_keys(self) -> tuple[str, ...]:
        """The column cursor's stops that are not hidden, in order."""
        return tuple(k for k in SORTABLE if k not in self.prefs.hidden)

    def set_prefs(self, prefs: ColumnPrefs, announce: bool = False) -> None:
        """Lay the columns out as `prefs` says (the cursor leaves a hidden one)."""
        self.prefs = prefs
        if self.column_key in prefs.hidden:  # the next column shown, else the one before
            after = [i for i, k in enumerate(SORTABLE) if k not in prefs.hidden and i > self.column]
            self.column = after[0] if after else SORTABLE.index(self.shown_keys()[-1])
        self._lines.clear()
        self.refresh()
        for header in self.screen.query(EventsHeader) if self.is_attached else ():
            header.refresh()
        if announce:
            self.post_message(self.ColumnsChanged(prefs))

    def _fit_to(self, rows: list[EventRow]) -> None:
        """Widen the name columns' natural widths to `rows`' cells (they only
        grow while one query is shown, so columns do not jump back)."""
        if not rows:
            return
        widest = [max(cell_len(row_cells(r, self.name_mode)[key]) for r in rows) for key, *_ in FLEX]
        natural = tuple(max(a, b) for a, b in zip(widest, self._natural or widest))
        if natural != self._natural:
            self._natural = natural
            self._lines.clear()
            for header in self.screen.query(EventsHeader) if self.is_attached else ():
                header.refresh()

    def row_at(self, index: int) -> EventRow | None:
        """The row at `index` if its page is loaded (else None and the page is
        requested)."""
        if not 0 <= index < self._count:
            return None
        page = index // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self._ensure_page(page)
            return None
        self._pages.move_to_end(page)
        k = index - page * self.PAGE_SIZE
        return rows[k] if k < len(rows) else None

    def loaded_rows(self) -> list[EventRow]:
        return [r for rows in self._pages.values() for r in rows]

    @property
    def cursor_row(self) -> EventRow | None:
        return self.row_at(self.cursor)

    # -- paging ------------------------------------------------------------
    def _ensure_page(self, page: int) -> None:
        if page in self._pages or page in self._loading or page * self.PAGE_SIZE >= max(self._count, 1):
            return
        self._loading.add(page)
        self._fetch_page(self._generation, self._filter, page, self.order)

    @work(thread=True, group="events-pages", exit_on_error=False)
    def _fetch_page(self, generation: int, flt: EventFilter, page: int, order) -> None:
        try:
            rows = self._store.page(flt, page * self.PAGE_SIZE, self.PAGE_SIZE, order)
            error = None
        except Exception as exc:  # a locked or broken store: show, don't crash
            rows, error = [], str(exc)
        self.post_message(self.PageLoaded(generation, page, rows, error))

    def on_events_table_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._loading.discard(message.page)
        self.last_error = message.error
        self.pages_fetched += 1
        self._pages[message.page] = message.rows
        self._fit_to(message.rows)
        # never evict what is on screen (that would fetch it again forever)
        keep = max(self.MAX_PAGES, self.size.height // self.PAGE_SIZE + 3)
        while len(self._pages) > keep:
            self._pages.popitem(last=False)
        self.refresh()
        if message.page == self.cursor // self.PAGE_SIZE:
            self._announce_cursor()

    # -- drawing -----------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._count)
        self._lines.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def render_lines(self, crop):
        self._placeholder_drawn = False
        strips = super().render_lines(crop)
        # read ahead: the page a screen below (and above) what is shown, so
        # that a page scroll finds its rows loaded
        height = self.size.height
        top = self.scroll_offset.y
        for index in (top + 2 * height, top - height):
            if 0 <= index < self._count and index // self.PAGE_SIZE not in self._pages:
                self._ensure_page(index // self.PAGE_SIZE)
        if self._after_paint and not self._placeholder_drawn:
            # runs after this screen update has been written out
            self.call_later(self._run_after_paint)
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.scroll_offset.y + y
        base = self.rich_style
        if index >= self._count or width <= 0:
            return Strip.blank(width, base)
        row = self.row_at(index)
        is_cursor = index == self.cursor
        if row is None:
            self._placeholder_drawn = True
            style = self.get_component_rich_style("events-table--loading")
            if is_cursor:
                style += self.get_component_rich_style("events-table--cursor")
            return Strip([Segment("  …", style)]).adjust_cell_length(width, style)
        marked = row.id in self.marked
        key = (row.id, width, self.column if is_cursor else -1, marked, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._format(row, width, is_cursor, marked)
            if len(self._lines) > 2000:
                self._lines.clear()
            self._lines[key] = strip
        return strip

    def _format(self, row: EventRow, width: int, is_cursor: bool, marked: bool) -> Strip:
        style: Style = self.rich_style
        if marked:
            style += self.get_component_rich_style("events-table--marked")
        if is_cursor:
            style += self.get_component_rich_style("events-table--cursor")
        texts = row_cells(row, self.name_mode)
        texts["mark"] = "✓" if marked else REVIEW_MARKS.get(row.review or "", " ")
        columns = self.columns(width)
        parts = [cell(texts[c.key], c.width, self.shaping) for c in columns]
        if not is_cursor:
            return Strip([Segment(" ".join(parts), style)]).adjust_cell_length(width, style)
        # the cursor's cell (what copy and sort take) stands out in its row
        at = [c.key for c in columns].index(self.column_key)
        cell_style = style + self.get_component_rich_style("events-table--cell")
        segments = [Segment(" ".join(parts[:at]) + " ", style), Segment(parts[at], cell_style),
                    Segment(" " + " ".join(parts[at + 1:]), style)]
        return Strip(segments).adjust_cell_length(width, style)

    # -- cursor ------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        # cached lines are keyed by (row, cursor or not): nothing to forget
        self._scroll_cursor_visible()
        self.refresh()
        self._announce_cursor()

    def _announce_cursor(self) -> None:
        self.post_message(self.CursorMoved(self.cursor, self.row_at(self.cursor)))

    def _scroll_cursor_visible(self) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _move(self, delta: int) -> None:
        if self._count:
            self.cursor = max(0, min(self._count - 1, self.cursor + delta))

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-max(1, self.size.height - 1))

    def action_page_down(self) -> None:
        self._move(max(1, self.size.height - 1))

    def action_first(self) -> None:
        self._move(-self._count)

    def action_last(self) -> None:
        self._move(self._count)

    def action_column(self, delta: int) -> None:
        shown = self.shown_keys()
        at = shown.index(self.column_key) if self.column_key in shown else 0
        self.column = SORTABLE.index(shown[max(0, min(len(shown) - 1, at + delta))])
        self.refresh()

    def action_hide_column(self) -> None:
        if len(self.shown_keys()) <= 1:
            self.notify("The last column shown stays", timeout=3)
            return
        self.set_prefs(self.prefs.with_hidden(self.prefs.hidden | {self.column_key}), announce=True)

    def action_show_columns(self) -> None:
        if self.prefs.hidden:
            self.set_prefs(self.prefs.with_hidden(()), announce=True)

    def action_resize_column(self, delta: int) -> None:
        key = self.column_key
        now = next(c.width for c in self.columns(self.size.width) if c.key == key)
        self.set_prefs(self.prefs.with_width(key, now + delta), announce=True)

    def action_fit_column(self) -> None:
        """The cursor's column as wide as its widest loaded cell (and its
        title), as VisiData's `_`; on a fitted column: back to its share of
        the screen."""
        key = self.column_key
        title = next(t for k, t, _ in (*FIXED, *FLEX, REPORTS) if k == key)
        widest = max([cell_len(title) + 1] + [cell_len(self.cell_text(r, key)) for r in self.loaded_rows()])
        widest = min(widest, MAX_WIDTH)
        fitted = self.prefs.width(key) == widest
        self.set_prefs(self.prefs.with_width(key, None if fitted else widest), announce=True)

    def action_sort(self, descending: bool) -> None:
        self.post_message(self.SortAsked(self.column_key, descending))

    def action_toggle_mark(self) -> None:
        row = self.cursor_row
        if row is None:
            return
        if row.id in self.marked:
            self.marked.discard(row.id)
            now = False
        else:
            self.marked.add(row.id)
            now = True
        self.redraw()
        self.post_message(self.MarkToggled(row.id, now))
        self._move(1)

    def action_open_detail(self) -> None:
        row = self.cursor_row
        if row is not None:
            self.post_message(self.OpenDetail(row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        key = column_at(self.columns(self.size.width), offset.x)
        if key:
            self.column = SORTABLE.index(key)
            self.refresh()
        if 0 <= index < self._count:
            self.cursor = index
            if event.chain >= 2:
                self.action_open_detail()
