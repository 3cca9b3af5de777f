"""Timeline: events per day, week or month under the filter, as a bar chart
with a cursor and a selectable date range.

Keys (chart focused): left/right move the cursor, home/end jump, `[` sets
the range start at the cursor, `]` the range end, `r` resets the range, `b`
cycles the bucket (auto, day, week, month). The range is written into the
filter bar's Since/Until inputs (they stay the one source of truth), through
the ``RangeChosen`` message.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

BARS = " ▁▂▃▄▅▆▇█"
BUCKETS = ("auto", "day", "week", "month")


def bucket_start(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def next_bucket(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return day + dt.timedelta(days=7)
    if bucket == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=1)


def bucket_end(day: dt.date, bucket: str) -> dt.date:
    return next_bucket(day, bucket) - dt.timedelta(days=1)


def choose_bucket(first: dt.date, last: dt.date, width: int) -> str:
    """The finest bucket whose bars fit in `width` columns."""
    days = (last - first).days + 1
    if days <= width:
        return "day"
    if days / 7 <= width:
        return "week"
    return "month"


@lru_cache(maxsize=65536)
def _parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def fill(series: list[tuple[str, int]], bucket: str) -> list[tuple[dt.date, int]]:
    """Buckets from the first to the last, empty ones included."""
    parsed: dict[dt.date, int] = {}
    for d, n in series:
        day = _parse_day(str(d))
        if day is None:
            continue
        if bucket != "day":
            day = bucket_start(day, bucket)
        parsed[day] = parsed.get(day, 0) + n
    if not parsed:
        return []
    first, last = min(parsed), max(parsed)
    if bucket == "day":  # ordinals: no date arithmetic per empty day
        get, from_ordinal = parsed.get, dt.date.fromordinal
        start = first.toordinal()
        stop = min(last.toordinal(), start + 20000 - 1)
        return [(day, get(day, 0)) for day in map(from_ordinal, range(start, stop + 1))]
    out = []
    day = first
    while day <= last and len(out) < 20000:
        out.append((day, parsed.get(day, 0)))
        day = next_bucket(day, bucket)
    return out


def sparkline_view(series: list[tuple[str, int]], width: int) -> tuple[list[int], str | None]:
    """The sparkline's bars for a day series on `width` cells, in buckets
    that fit, and its caption (None for no dated event)."""
    days = fill(series, "day")
    if not days:
        return [0], None
    bucket = choose_bucket(days[0][0], days[-1][0], max(10, width))
    caption = f"{days[0][0].isoformat()} … {days[-1][0].isoformat()} per {bucket}"
    return [n for _, n in fill(series, bucket)], caption


class TimelineChart(Widget, can_focus=True):
    """Vertical bars, one column per bucket."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--bar", "timeline--in-range", "timeline--cursor", "timeline--axis",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Earlier", show=False, id="timeline.left"),
        Binding("right", "move(1)", "Later", show=False, id="timeline.right"),
        Binding("home", "move(-100000)", "First", show=False, id="timeline.first"),
        Binding("end", "move(100000)", "Last", show=False, id="timeline.last"),
        Binding("left_square_bracket", "set_start", "Range start", id="timeline.start"),
        Binding("right_square_bracket", "set_end", "Range end", id="timeline.end"),
        Binding("r", "reset_range", "All dates", id="timeline.reset"),
        Binding("b", "cycle_bucket", "Bucket", id="timeline.bucket"),
    ]

    cursor: reactive[int] = reactive(0)

    class RangeChosen(Message):
        def __init__(self, since: str | None, until: str | None) -> None:
            super().__init__()
            self.since = since
            self.until = until

    class BucketChanged(Message):
        def __init__(self, bucket: str) -> None:
            super().__init__()
            self.bucket = bucket

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: list[tuple[str, int]] = []
        self.bucket_choice = "auto"
        self.bucket = "day"
        self.bars: list[tuple[dt.date, int]] = []
        self.since: str | None = None
        self.until: str | None = None
        self._offset = 0

    def set_series(self, series: list[tuple[str, int]], since: str | None, until: str | None) -> None:
        """`series` is (day, events) per day; the chart buckets it itself."""
        self.series = series
        self.since, self.until = since, until
        self._rebucket()

    def _rebucket(self) -> None:
        days = fill(self.series, "day")
        width = max(10, self.size.width or 80)
        if self.bucket_choice == "auto":
            self.bucket = choose_bucket(days[0][0], days[-1][0], width) if days else "day"
        else:
            self.bucket = self.bucket_choice
        self.bars = fill(self.series, self.bucket)
        self.cursor = max(0, min(self.cursor, len(self.bars) - 1))
        self._keep_visible()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._rebucket()

    def _in_range(self, day: dt.date) -> bool:
        end = bucket_end(day, self.bucket).isoformat()
        start = day.isoformat()
        return (self.since is None or end >= self.since) and (self.until is None or start <= self.until)

    @property
    def bar_width(self) -> int:
        """Columns per bar: wider bars when few buckets fill the chart."""
        width = self.size.width or 80
        return max(1, min(6, width // max(1, len(self.bars))))

    def _keep_visible(self) -> None:
        width = (self.size.width or 80) // self.bar_width
        if self.cursor < self._offset:
            self._offset = self.cursor
        elif self.cursor >= self._offset + width:
            self._offset = self.cursor - width + 1
        self._offset = max(0, min(self._offset, max(0, len(self.bars) - width)))

    def watch_cursor(self) -> None:
        self._keep_visible()
        self.refresh()
        try:
            self.screen.query_one("#timeline-info", Static).update(self.info())
        except Exception:
            pass

    def info(self) -> str:
        if not self.bars:
            return "No dated events under the filter."
        day, n = self.bars[self.cursor]
        rng = f"{self.since or 'start'} → {self.until or 'end'}"
        top = max(c for _, c in self.bars)
        return (f"{self.bucket} of {day.isoformat()}: {n} events (tallest bar {top})   ·   range {rng}   ·   "
                f"{self.bars[0][0].isoformat()} … {self.bars[-1][0].isoformat()}, {len(self.bars)} {self.bucket}s")

    def render_line(self, y: int) -> Strip:
        width, height = self.size.width, self.size.height
        base = self.rich_style
        if not self.bars or height < 2:
            return Strip.blank(width, base)
        bw = self.bar_width
        gap = 1 if bw >= 3 else 0
        axis_row = height - 1
        chart_h = height - 1
        visible = self.bars[self._offset:self._offset + width // bw]
        top = max(n for _, n in self.bars) or 1
        bar_style = self.get_component_rich_style("timeline--bar")
        range_style = self.get_component_rich_style("timeline--in-range")
        cursor_style = self.get_component_rich_style("timeline--cursor")
        axis_style = self.get_component_rich_style("timeline--axis")
        ranged = self.since is not None or self.until is not None
        if y == axis_row:
            line = [" "] * width
            for i, (day, _) in enumerate(visible):
                if bw >= 8 or (self.bucket == "day" and day.day == 1) or (
                        self.bucket == "week" and day.day <= 7) or (self.bucket == "month" and day.month == 1):
                    label = day.strftime("%Y" if self.bucket == "month" and bw < 8 else "%Y-%m")
                    x = i * bw
                    if x + len(label) <= width and all(c == " " for c in line[max(0, x - 1):x + len(label) + 1]):
                        line[x:x + len(label)] = list(label)
            return Strip([Segment("".join(line), axis_style)]).adjust_cell_length(width, base)
        level_from_bottom = chart_h - 1 - y  # 0 = bottom row
        segs: list[Segment] = []
        for i, (day, n) in enumerate(visible):
            eighths = round(n / top * chart_h * 8)
            if n > 0:
                eighths = max(1, eighths)
            fill_here = max(0, min(8, eighths - level_from_bottom * 8))
            ch = BARS[fill_here]
            style: Style = range_style if ranged and self._in_range(day) else bar_style
            if self._offset + i == self.cursor:
                style = style + cursor_style
            segs.append(Segment(ch * (bw - gap), style))
            if gap:
                segs.append(Segment(" ", base))
        return Strip(segs).adjust_cell_length(width, base)

    # -- actions -------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        if self.bars:
            self.cursor = max(0, min(len(self.bars) - 1, self.cursor + delta))

    def action_set_start(self) -> None:
        if self.bars:
            since = self.bars[self.cursor][0].isoformat()
            until = self.until if self.until is None or self.until >= since else None
            self.post_message(self.RangeChosen(since, until))

    def action_set_end(self) -> None:
        if self.bars:
            until = bucket_end(self.bars[self.cursor][0], self.bucket).isoformat()
            since = self.since if self.since is None or self.since <= until else None
            self.post_message(self.RangeChosen(since, until))

    def action_reset_range(self) -> None:
        self.post_message(self.RangeChosen(None, None))

    def action_cycle_bucket(self) -> None:
        self.bucket_choice = BUCKETS[(BUCKETS.index(self.bucket_choice) + 1) % len(BUCKETS)]
        self._rebucket()
        self.post_message(self.BucketChanged(self.bucket_choice))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.bars:
            self.cursor = max(0, min(len(self.bars) - 1, self._offset + offset.x // self.bar_width))


class TimelinePane(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Timeline"

    def compose(self) -> ComposeResult:
        yield Static("←/→ move · [ range start · ] range end · r all dates · b day/week/month",
                     id="timeline-help")
        yield TimelineChart(id="timeline-chart")
        yield Static("", id="timeline-info")

    @property
    def chart(self) -> TimelineChart:
        return self.query_one(TimelineChart)

    def set_series(self, series: list[tuple[str, int]], since: str | None, until: str | None) -> None:
        self.chart.set_series(series, since, until)
        self.query_one("#timeline-info", Static).update(self.chart.info())
