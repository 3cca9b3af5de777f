"""EventMap: Syria and Iraq on a braille canvas, with event places as markers.

Drawing
-------
* Outlines come from :func:`store.report.outlines.load_outlines` (Natural Earth
  1:110m, public domain). Syria and Iraq are drawn in the ``eventmap--outline``
  style, the neighbours in the fainter ``eventmap--neighbour`` style.
* Projection: equirectangular with a cos(latitude) correction at the middle of
  the bounding box (``EventMap.BBOX`` = lon 35-49, lat 29-38: Syria + Iraq),
  auto-fitted to the widget's size and centred. A braille cell holds 2x4 dots;
  with the usual 1:2 cell aspect ratio the dots are about square.
* The outline raster is computed once per widget size (``outline_builds``
  counts the rebuilds); ``set_markers`` only rebuilds the marker overlay, and
  the drawn lines (Strips) are cached until the next change, so ``render_line``
  is a list lookup.

Markers
-------
``Marker(place_id, lat, lon, count, label, selected=False)``. The glyph grows
with ``count`` on a log scale relative to the largest count (at least 20):
``·`` ``•`` ``●`` and a 5-cell cross of ``•`` around ``●``. Selected markers
(``Marker.selected`` or ``place_id == EventMap.selected_place``) use the
``eventmap--selected`` style ($warning, reversed; plain markers are $error)
and get their label written next to
them; when none is selected the top 3 places by count are labelled. Labels are
Arabic-aware: they go through :func:`tui.shaping.fit`.

Clicking within 2 cells of a marker posts ``EventMap.PlaceClicked(place_id)``
and sets ``selected_place``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Iterable, Sequence

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from store.db.query import Facet
from store.report.outlines import load_outlines
from tui.shaping import fit, resolve_shaping
from tui.widgets.common import display_name

__all__ = ["Marker", "EventMap", "MapProjection", "BrailleCanvas", "markers_for"]

PRIMARY_COUNTRIES = frozenset({"SY", "IQ"})

# Braille dot bits: BRAILLE_BITS[row][col] for a 2 (cols) x 4 (rows) cell.
BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
BRAILLE_BASE = 0x2800

GLYPH_TINY = "·"
GLYPH_SMALL = "•"
GLYPH_BIG = "●"
MARKER_GLYPHS = frozenset((GLYPH_TINY, GLYPH_SMALL, GLYPH_BIG))


@dataclass(frozen=True)
class Marker:
    """An event place on the map."""

    place_id: str
    lat: float
    lon: float
    count: int
    label: str
    selected: bool = False


MAP_SKIP_KINDS = frozenset({"country", "governorate"})  # whole areas: a marker would mislead
APPROXIMATE = "~"  # before the label of a place drawn at another place's coordinates


def markers_for(places: Iterable[Facet], selected: set[str], name_mode: str) -> list[Marker]:
    """The markers of the places pane's facets: those with coordinates, and
    no country or governorate unless the filter names it."""
    markers = []
    for f in places:
        if f.lat is None or f.lon is None:
            continue
        sel = f.id in selected
        if f.kind in MAP_SKIP_KINDS and not sel:
            continue
        label = display_name(f.name_en, f.name_ar, name_mode, f.id)
        if f.approximate:
            label = APPROXIMATE + label  # drawn at a known place's coordinates (geo_precision 2 or 3)
        markers.append(Marker(f.id, float(f.lat), float(f.lon), f.count, label, selected=sel))
    return markers


class MapProjection:
    """Equirectangular projection with cos(lat) correction, fitted into a
    canvas of ``width`` x ``height`` cells (2x4 dots per cell)."""

    def __init__(
        self, width: int, height: int, bbox: tuple[float, float, float, float]
    ) -> None:
        self.width = max(0, width)
        self.height = max(0, height)
        lon0, lat0, lon1, lat1 = bbox
        self.lon0, self.lat0, self.lon1, self.lat1 = lon0, lat0, lon1, lat1
        self.k = math.cos(math.radians((lat0 + lat1) / 2.0))
        self.dots_w = 2 * self.width
        self.dots_h = 4 * self.height
        span_x = (lon1 - lon0) * self.k
        span_y = lat1 - lat0
        if self.dots_w < 2 or self.dots_h < 2 or span_x <= 0 or span_y <= 0:
            self.scale = 0.0
        else:
            self.scale = min((self.dots_w - 1) / span_x, (self.dots_h - 1) / span_y)
        self.off_x = (self.dots_w - 1 - span_x * self.scale) / 2.0
        self.off_y = (self.dots_h - 1 - span_y * self.scale) / 2.0

    def to_dot(self, lat: float, lon: float) -> tuple[float, float]:
        """(x, y) in dots; y grows downwards."""
        x = self.off_x + (lon - self.lon0) * self.k * self.scale
        y = self.off_y + (self.lat1 - lat) * self.scale
        return x, y

    def to_cell(self, lat: float, lon: float) -> tuple[int, int]:
        """(column, row) of the cell holding (lat, lon); may be outside."""
        x, y = self.to_dot(lat, lon)
        return math.floor((x + 0.5) / 2.0), math.floor((y + 0.5) / 4.0)

    def contains_cell(self, col: int, row: int) -> bool:
        return 0 <= col < self.width and 0 <= row < self.height


class BrailleCanvas:
    """A ``width`` x ``height`` cell canvas of braille dots (one bit mask per
    cell)."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.masks = [bytearray(width) for _ in range(height)]

    def set(self, x: int, y: int) -> None:
        if 0 <= x < 2 * self.width and 0 <= y < 4 * self.height:
            self.masks[y >> 2][x >> 1] |= BRAILLE_BITS[y & 3][x & 1]

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Bresenham line between two dot positions (clipped)."""
        w, h = 2 * self.width, 4 * self.height
        # trivial reject: both ends beyond the same edge
        if (x0 < 0 and x1 < 0) or (y0 < 0 and y1 < 0) or (x0 >= w and x1 >= w) or (y0 >= h and y1 >= h):
            return
        ix0, iy0, ix1, iy1 = round(x0), round(y0), round(x1), round(y1)
        dx, dy = abs(ix1 - ix0), -abs(iy1 - iy0)
        sx = 1 if ix0 < ix1 else -1
        sy = 1 if iy0 < iy1 else -1
        err = dx + dy
        masks = self.masks
        while True:
            if 0 <= ix0 < w and 0 <= iy0 < h:
                masks[iy0 >> 2][ix0 >> 1] |= BRAILLE_BITS[iy0 & 3][ix0 & 1]
            if ix0 == ix1 and iy0 == iy1:
                break
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                ix0 += sx
            if e2 <= dx:
                err += dx
                iy0 += sy

    def polyline(self, points: Sequence[tuple[float, float]]) -> None:
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            self.line(x0, y0, x1, y1)

    def char(self, col: int, row: int) -> str:
        mask = self.masks[row][col]
        return chr(BRAILLE_BASE + mask) if mask else " "


def marker_level(count: int, max_count: int) -> int:
    """0..3 (tiny dot .. cross) on a log scale relative to the largest count
    (taken as at least 20, so a handful of events never gets the biggest)."""
    if count <= 0:
        return 0
    r = math.log1p(count) / math.log1p(max(max_count, 20))
    if r < 0.35:
        return 0
    if r < 0.6:
        return 1
    if r < 0.85:
        return 2
    return 3


class EventMap(Widget):
    """Braille map of Syria and Iraq with event places as markers."""

    BBOX: ClassVar[tuple[float, float, float, float]] = (35.0, 29.0, 49.0, 38.0)
    LABEL_MAX_CELLS: ClassVar[int] = 22
    CLICK_RADIUS: ClassVar[int] = 2
    TOP_LABELS: ClassVar[int] = 3

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "eventmap--outline",
        "eventmap--neighbour",
        "eventmap--marker",
        "eventmap--selected",
        "eventmap--label",
        "eventmap--selected-label",
    }

    DEFAULT_CSS = """
    EventMap {
        width: 1fr;
        height: 1fr;
        min-width: 10;
        min-height: 5;
    }
    EventMap > .eventmap--outline {
        color: $foreground 70%;
    }
    EventMap > .eventmap--neighbour {
        color: $foreground 25%;
    }
    EventMap > .eventmap--marker {
        color: $error;
        text-style: bold;
    }
    EventMap > .eventmap--selected {
        color: $warning;
        text-style: bold reverse;
    }
    EventMap > .eventmap--label {
        color: $foreground 85%;
    }
    EventMap > .eventmap--selected-label {
        color: $warning;
        text-style: bold;
    }
    """

    selected_place: reactive[str | None] = reactive(None)

    class PlaceClicked(Message):
        """The user clicked near a marker."""

        def __init__(self, event_map: "EventMap", place_id: str) -> None:
            super().__init__()
            self.event_map = event_map
            self.place_id = place_id

        @property
        def control(self) -> "EventMap":
            return self.event_map

    def __init__(
        self,
        markers: Iterable[Marker] = (),
        *,
        shaping: bool | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._markers: tuple[Marker, ...] = tuple(markers)
        self._shaping = resolve_shaping() if shaping is None else bool(shaping)
        outlines = load_outlines()
        self._countries: dict = outlines.get("countries", {})
        self.attribution: str = outlines.get("attribution", "")
        # caches
        self._outline_key: tuple[int, int] | None = None
        self._outline: list[list[tuple[str, int]]] = []  # (char, 0 none/1 neighbour/2 primary)
        self._projection: MapProjection | None = None
        self._strips: list[Strip] | None = None
        self._placed: list[tuple[int, int, Marker]] = []  # (col, row, marker) drawn
        # counters (tests and benchmarks look at these, not at timers)
        self.outline_builds = 0
        self.overlay_builds = 0

    # -- public API ------------------------------------------------------

    @property
    def markers(self) -> tuple[Marker, ...]:
        return self._markers

    def set_markers(self, markers: Iterable[Marker]) -> None:
        """Replace the markers; only the marker overlay is redrawn."""
        self._markers = tuple(markers)
        self._strips = None
        self.refresh()

    @property
    def shaping(self) -> bool:
        return self._shaping

    @shaping.setter
    def shaping(self, value: bool) -> None:
        self._shaping = bool(value)
        self._strips = None
        self.refresh()

    def projection(self) -> MapProjection:
        """The projection for the current content size."""
        width, height = self.size.width, self.size.height
        proj = self._projection
        if proj is None or (proj.width, proj.height) != (width, height):
            proj = self._projection = MapProjection(width, height, self.BBOX)
        return proj

    def cell_of(self, lat: float, lon: float) -> tuple[int, int]:
        """(column, row) where a place at (lat, lon) is drawn."""
        return self.projection().to_cell(lat, lon)

    def marker_at(self, col: int, row: int) -> Marker | None:
        """The drawn marker nearest to a cell, within CLICK_RADIUS cells."""
        self._ensure_strips()
        best: tuple[float, int, Marker] | None = None
        r = self.CLICK_RADIUS
        for mcol, mrow, marker in self._placed:
            dx, dy = mcol - col, mrow - row
            if abs(dx) > r or abs(dy) > r:
                continue
            # rows are about twice as tall as columns are wide
            dist = dx * dx + 4 * dy * dy
            key = (dist, -marker.count)
            if best is None or key < (best[0], -best[2].count):
                best = (dist, 0, marker)
        return best[2] if best else None

    # -- reactive / events -----------------------------------------------

    def watch_selected_place(self, old: str | None, new: str | None) -> None:
        self._strips = None
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._strips = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        marker = self.marker_at(offset.x, offset.y)
        if marker is None:
            return
        event.stop()
        self.selected_place = marker.place_id
        self.post_message(self.PlaceClicked(self, marker.place_id))

    # -- drawing ---------------------------------------------------------

    def _ensure_outline(self) -> None:
        width, height = self.size.width, self.size.height
        if self._outline_key == (width, height):
            return
        proj = self.projection()
        neighbour = BrailleCanvas(width, height)
        primary = BrailleCanvas(width, height)
        if proj.scale > 0:
            for code, country in self._countries.items():
                canvas = primary if code in PRIMARY_COUNTRIES else neighbour
                for ring in country.get("rings", []):
                    pts = [proj.to_dot(lat, lon) for lon, lat in ring]
                    canvas.polyline(pts)
        rows: list[list[tuple[str, int]]] = []
        for row in range(height):
            pm, nm = primary.masks[row], neighbour.masks[row]
            cells = []
            for col in range(width):
                mask = pm[col] | nm[col]
                if not mask:
                    cells.append((" ", 0))
                else:
                    cells.append((chr(BRAILLE_BASE + mask), 2 if pm[col] else 1))
            rows.append(cells)
        self._outline = rows
        self._outline_key = (width, height)
        self.outline_builds += 1

    def _is_selected(self, marker: Marker) -> bool:
        return marker.selected or (
            self.selected_place is not None and marker.place_id == self.selected_place
        )

    def _ensure_strips(self) -> list[Strip]:
        if self._strips is not None and self._outline_key == (self.size.width, self.size.height):
            return self._strips
        self._ensure_outline()
        self.overlay_builds += 1
        overlay: dict[tuple[int, int], tuple[str, int]] = {}
        self._placed = self._place_markers(self.projection(), overlay)
        self._label_markers(overlay)
        styles = self._slot_styles()
        self._strips = [self._row_strip(row, overlay, styles) for row in range(self.size.height)]
        return self._strips

    def _slot_styles(self) -> list[Style]:
        """Style slots: 0 blank, 1 neighbour, 2 outline, 3 marker, 4 selected,
        5 label, 6 selected label."""
        return [self.rich_style] + [self.get_component_rich_style(f"eventmap--{name}") for name in (
            "neighbour", "outline", "marker", "selected", "label", "selected-label")]

    def _place_markers(self, proj: MapProjection,
                       overlay: dict[tuple[int, int], tuple[str, int]]) -> list[tuple[int, int, Marker]]:
        """Write each marker's glyph into `overlay`: small first, selected
        last, so they end up on top. Returns where each was placed."""
        placed: list[tuple[int, int, Marker]] = []
        max_count = max((m.count for m in self._markers), default=0)
        for m in sorted(self._markers, key=lambda m: (self._is_selected(m), m.count)):
            try:
                col, row = proj.to_cell(float(m.lat), float(m.lon))
            except (TypeError, ValueError, OverflowError):
                continue
            if proj.scale <= 0 or not proj.contains_cell(col, row):
                continue
            sel = self._is_selected(m)
            slot = 4 if sel else 3
            level = marker_level(m.count, max_count)
            if level == 3:
                for dc, dr in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                    c, r = col + dc, row + dr
                    if proj.contains_cell(c, r):
                        prev = overlay.get((c, r))
                        # never cover the centre of another marker
                        if prev is None or prev[0] == GLYPH_SMALL:
                            overlay[(c, r)] = (GLYPH_SMALL, slot)
            glyph = GLYPH_BIG if sel else (GLYPH_TINY, GLYPH_SMALL, GLYPH_BIG, GLYPH_BIG)[level]
            overlay[(col, row)] = (glyph, slot)
            placed.append((col, row, m))
        return placed

    def _label_markers(self, overlay: dict[tuple[int, int], tuple[str, int]]) -> None:
        """Labels: the selected markers, else the top N by count."""
        placed = self._placed
        if any(self._is_selected(m) for m in self._markers):
            to_label = [(p, True) for p in placed if self._is_selected(p[2])]
        else:
            to_label = [(p, False) for p in sorted(placed, key=lambda p: -p[2].count)[: self.TOP_LABELS]]
        taken: set[tuple[int, int]] = set()
        for (col, row, m), sel in to_label:
            if m.label:
                self._place_label(col, row, m, sel, overlay, taken, self.size.width)

    def _row_strip(self, row: int, overlay: dict[tuple[int, int], tuple[str, int]], styles: list[Style]) -> Strip:
        """One line: the overlay over the outline, in runs of one style."""
        width = self.size.width
        segs: list[Segment] = []
        run: list[str] = []
        run_slot = -1
        base_row = self._outline[row] if row < len(self._outline) else []
        for col in range(width):
            ov = overlay.get((col, row))
            if ov is not None:
                ch, slot = ov
                if ch == "":  # continuation of a wide label character
                    continue
            elif col < len(base_row):
                ch, slot = base_row[col]
            else:
                ch, slot = " ", 0
            if slot != run_slot:
                if run:
                    segs.append(Segment("".join(run), styles[run_slot]))
                run, run_slot = [ch], slot
            else:
                run.append(ch)
        if run:
            segs.append(Segment("".join(run), styles[run_slot]))
        return Strip(segs).adjust_cell_length(width, styles[0])

    def _place_label(
        self,
        col: int,
        row: int,
        marker: Marker,
        selected: bool,
        overlay: dict[tuple[int, int], tuple[str, int]],
        taken: set[tuple[int, int]],
        width: int,
    ) -> None:
        right = overlay.get((col + 1, row))
        reach = 2 if right is not None and right[0] == GLYPH_SMALL else 1
        room_right = width - (col + reach + 1)
        room_left = col - reach - 1
        text_w = min(self.LABEL_MAX_CELLS, max(room_right, room_left))
        if text_w <= 0:
            return
        text = fit(marker.label, text_w, self._shaping)
        n = cell_len(text)
        if n == 0:
            return
        if n <= room_right:
            start = col + reach + 1
        elif n <= room_left:
            start = col - reach - n
        else:
            return
        cells = range(start, start + n)
        if any((c, row) in taken for c in cells):
            # try the other side once
            alt = col - reach - n if start > col else col + reach + 1
            if alt < 0 or alt + n > width or any((c, row) in taken for c in range(alt, alt + n)):
                return
            start = alt
        slot = 6 if selected else 5
        c = start
        for ch in text:
            w = get_character_cell_size(ch)
            if w == 0:
                continue
            overlay[(c, row)] = (ch, slot)
            taken.add((c, row))
            if w == 2:
                overlay[(c + 1, row)] = ("", slot)
                taken.add((c + 1, row))
            c += w

    def render_line(self, y: int) -> Strip:
        strips = self._ensure_strips()
        if 0 <= y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.rich_style)
