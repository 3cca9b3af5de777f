"""EventMap: Pilot tests on a tiny app holding only the map."""

from __future__ import annotations

import asyncio
import functools
import random

import pytest
from textual.app import App, ComposeResult

from store.report.outlines import load_outlines
from tui.shaping import shape_line
from tui.widgets.map import (
    GLYPH_BIG,
    MARKER_GLYPHS,
    BrailleCanvas,
    EventMap,
    MapProjection,
    Marker,
    marker_level,
)

DAMASCUS = Marker("damascus", 33.51, 36.29, 40, "Damascus")
DEIR_EZ_ZOR = Marker("deir-ez-zor", 35.33, 40.14, 12, "Deir ez-Zor")
BAGHDAD = Marker("baghdad", 33.34, 44.40, 150, "Baghdad")
MOSUL = Marker("mosul", 36.34, 43.13, 3, "Mosul")
ALEPPO = Marker("aleppo", 36.20, 37.16, 1, "Aleppo")
RAQQA = Marker("raqqa", 35.95, 39.01, 7, "الرقة")


def run_async(fn):
    """Run an async test without a pytest asyncio plugin."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


class MapApp(App):
    def __init__(self, markers=(), shaping=True):
        super().__init__()
        self._initial = list(markers)
        self._shaping = shaping
        self.clicked: list[str] = []

    def compose(self) -> ComposeResult:
        yield EventMap(shaping=self._shaping)

    def on_mount(self) -> None:
        if self._initial:
            self.query_one(EventMap).set_markers(self._initial)

    def on_event_map_place_clicked(self, message: EventMap.PlaceClicked) -> None:
        self.clicked.append(message.place_id)


def lines_of(emap: EventMap) -> list[str]:
    return [emap.render_line(y).text for y in range(emap.size.height)]


def glyph_cells(lines: list[str]) -> list[tuple[int, int, str]]:
    return [
        (x, y, ch)
        for y, line in enumerate(lines)
        for x, ch in enumerate(line)
        if ch in MARKER_GLYPHS
    ]


async def position_of(pilot, emap: EventMap, marker: Marker) -> tuple[int, int]:
    """Draw one marker alone (as a single dot) and find it on the screen."""
    emap.set_markers([Marker(marker.place_id, marker.lat, marker.lon, 1, "")])
    await pilot.pause()
    cells = glyph_cells(lines_of(emap))
    assert len(cells) == 1, cells
    return cells[0][0], cells[0][1]


def test_outlines_data():
    data = load_outlines()
    assert "Natural Earth" in data["attribution"]
    countries = data["countries"]
    assert {"SY", "IQ", "TR", "JO", "LB", "IL", "PS", "SA", "IR", "KW"} <= set(countries)
    assert countries["SY"]["name_en"] == "Syria"
    sy = countries["SY"]["rings"][0]
    assert 20 <= len(sy) <= 40
    lons = [p[0] for p in sy]
    lats = [p[1] for p in sy]
    assert 35 < min(lons) < 36.5 and 42 < max(lons) < 43
    assert 32 < min(lats) < 33 and 37 < max(lats) < 37.6
    # rounded to 3 decimals
    assert all(round(v, 3) == v for ring in countries["IQ"]["rings"] for p in ring for v in p)


@run_async
async def test_outline_is_drawn_in_braille():
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        text = "".join(lines_of(emap))
        braille = [ch for ch in text if 0x2800 < ord(ch) <= 0x28FF]
        assert len(braille) > 100
        assert all(len(line) == emap.size.width for line in lines_of(emap))


@run_async
async def test_relative_positions_of_known_places():
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        dam = await position_of(pilot, emap, DAMASCUS)
        dez = await position_of(pilot, emap, DEIR_EZ_ZOR)
        bgd = await position_of(pilot, emap, BAGHDAD)
        mos = await position_of(pilot, emap, MOSUL)
        # Deir ez-Zor is east (right) of Damascus and north (above) of Baghdad
        assert dez[0] > dam[0] + 5
        assert dez[1] < bgd[1]
        assert dez[1] < dam[1]
        # Baghdad is the easternmost, Mosul north of Baghdad
        assert bgd[0] > dez[0] + 5
        assert mos[1] < bgd[1] - 2
        # and the drawn cell is the one the projection gives
        assert dez == emap.cell_of(DEIR_EZ_ZOR.lat, DEIR_EZ_ZOR.lon)


@run_async
async def test_marker_size_grows_with_count():
    assert marker_level(1, 200) == 0
    assert marker_level(200, 200) == 3
    assert [marker_level(c, 1000) for c in (1, 5, 30, 1000)] == sorted(
        marker_level(c, 1000) for c in (1, 5, 30, 1000)
    )
    app = MapApp([BAGHDAD, ALEPPO])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        lines = lines_of(emap)
        bx, by = emap.cell_of(BAGHDAD.lat, BAGHDAD.lon)
        ax, ay = emap.cell_of(ALEPPO.lat, ALEPPO.lon)
        assert lines[by][bx] == GLYPH_BIG  # the cross centre
        assert lines[by - 1][bx] == "•" and lines[by + 1][bx] == "•"
        assert lines[ay][ax] == "·"


@run_async
async def test_top3_labels_when_nothing_selected():
    app = MapApp([DAMASCUS, DEIR_EZ_ZOR, BAGHDAD, MOSUL, ALEPPO])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = "\n".join(lines_of(app.query_one(EventMap)))
        for label in ("Baghdad", "Damascus", "Deir ez-Zor"):
            assert label in screen
        assert "Mosul" not in screen and "Aleppo" not in screen


@run_async
async def test_selected_marker_label_and_style():
    markers = [DAMASCUS, DEIR_EZ_ZOR, BAGHDAD, Marker(**{**MOSUL.__dict__, "selected": True})]
    app = MapApp(markers)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        screen = "\n".join(lines_of(emap))
        assert "Mosul" in screen
        assert "Baghdad" not in screen  # only the selection is labelled now
        # the selected marker is drawn in the selected style
        mx, my = emap.cell_of(MOSUL.lat, MOSUL.lon)
        selected_style = emap.get_component_rich_style("eventmap--selected")
        marker_style = emap.get_component_rich_style("eventmap--marker")
        assert selected_style != marker_style
        assert selected_style.reverse and not marker_style.reverse
        x = 0
        for seg in emap.render_line(my):
            if x <= mx < x + len(seg.text):
                assert seg.text[mx - x] == GLYPH_BIG
                assert seg.style == selected_style
                break
            x += len(seg.text)
        else:
            pytest.fail("no segment at the marker")
        # selecting through the reactive works too
        emap.selected_place = "damascus"
        await pilot.pause()
        screen = "\n".join(lines_of(emap))
        assert "Damascus" in screen


@run_async
async def test_arabic_label_is_shaped():
    app = MapApp([Marker(**{**RAQQA.__dict__, "selected": True})], shaping=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = "\n".join(lines_of(app.query_one(EventMap)))
        assert shape_line("الرقة", True) in screen
        assert "الرقة" not in screen  # logical order never reaches the screen


@run_async
async def test_click_posts_place_clicked():
    app = MapApp([DAMASCUS, DEIR_EZ_ZOR, BAGHDAD, MOSUL])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        x, y = emap.cell_of(DEIR_EZ_ZOR.lat, DEIR_EZ_ZOR.lon)
        await pilot.click(EventMap, offset=(x + 1, y))  # near, not on, the marker
        await pilot.pause()
        assert app.clicked == ["deir-ez-zor"]
        assert emap.selected_place == "deir-ez-zor"
        x, y = emap.cell_of(BAGHDAD.lat, BAGHDAD.lon)
        await pilot.click(EventMap, offset=(x, y))
        await pilot.pause()
        assert app.clicked == ["deir-ez-zor", "baghdad"]
        # far from every marker: nothing
        await pilot.click(EventMap, offset=(1, emap.size.height - 1))
        await pilot.pause()
        assert app.clicked == ["deir-ez-zor", "baghdad"]


@run_async
async def test_outline_cached_markers_redrawn():
    rng = random.Random(7)
    many = [
        Marker(f"p{i}", rng.uniform(30, 37.5), rng.uniform(35.5, 48.5), rng.randint(1, 500), f"place {i}")
        for i in range(300)
    ]
    app = MapApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        assert emap.outline_builds == 1
        for k in range(5):
            emap.set_markers(many[k * 10 :])
            await pilot.pause()
        assert emap.outline_builds == 1  # the outline raster is not redrawn
        assert emap.overlay_builds >= 5
        builds = emap.overlay_builds
        # repainting without a change is a cache lookup
        for y in range(emap.size.height):
            emap.render_line(y)
        assert emap.overlay_builds == builds
        assert len(glyph_cells(lines_of(emap))) > 100
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert emap.outline_builds == 2


def test_projection_and_canvas_units():
    proj = MapProjection(80, 24, EventMap.BBOX)
    # corners of the bounding box land inside the canvas
    for lat, lon in ((29.0, 35.0), (38.0, 49.0)):
        c, r = proj.to_cell(lat, lon)
        assert proj.contains_cell(c, r)
    # cos(lat) correction: one degree of longitude is shorter than one of latitude
    x0, y0 = proj.to_dot(33.0, 40.0)
    x1, _ = proj.to_dot(33.0, 41.0)
    _, y1 = proj.to_dot(32.0, 40.0)
    assert 0.8 < (x1 - x0) / (y1 - y0) < 0.87
    canvas = BrailleCanvas(2, 1)
    canvas.line(0, 0, 3, 3)
    assert canvas.char(0, 0) == chr(0x2800 + 0x01 + 0x10)
    assert canvas.char(1, 0) == chr(0x2800 + 0x04 + 0x80)
    canvas.line(-50, -50, -10, -10)  # clipped away, no error
    assert MapProjection(0, 0, EventMap.BBOX).scale == 0


@run_async
async def test_tiny_and_empty_sizes_do_not_crash():
    app = MapApp([BAGHDAD])
    async with app.run_test(size=(12, 5)) as pilot:
        await pilot.pause()
        emap = app.query_one(EventMap)
        assert len(lines_of(emap)) == emap.size.height
        emap.set_markers([Marker("x", float("nan"), 40.0, 3, "x")])
        await pilot.pause()
        lines_of(emap)


def test_snapshot(snap_compare):
    app = MapApp([DAMASCUS, DEIR_EZ_ZOR, BAGHDAD, MOSUL, ALEPPO], shaping=True)
    assert snap_compare(app, terminal_size=(80, 24))
