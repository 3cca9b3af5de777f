"""Event detail: the sentence with its matched spans, the article, the other
reports of the same event.

Spans are character offsets into the logical sentence. Shaping reorders
characters, so styles cannot be applied to shaped text by offset:

* shaping off: the sentence is shown in logical order with the spans
  highlighted inline (the terminal does the bidi);
* shaping on: the sentence is wrapped in logical order and each line shaped
  with every character keeping its span's style (``tui.shaping.shape_styled``
  maps the styles through reshaping and bidi reordering); a "Matched:" list
  underneath names each span's text.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.db.query import EventDetail, ReportDetail
from tui.shaping import base_is_rtl, fit, shape_styled, wrap, wrap_words
from tui.widgets.common import display_name, inert, inert_with_spans

SPAN_STYLES = {
    "trigger": "bold reverse red",
    "actor1": "bold cyan",
    "actor2": "bold magenta",
    "place": "bold green",
    "date": "bold yellow",
    "reported_by": "italic blue",
}
# ACLED's geo_precision of the event's place, in words
GEO_PRECISION_WORDS = {1: "the place named", 2: "near or inside a known place, at its coordinates",
                       3: "only the region is known, at its coordinates"}
SPAN_ORDER = ("trigger", "actor1", "actor2", "place", "date", "reported_by")
PRECISION = {"day": "exact day", "week": "within a week", "month": "within a month", "year": "within a year",
             "unknown": "unknown"}


def span_text(sentence: str, span) -> str | None:
    try:
        s, e = int(span[0]), int(span[1])
    except Exception:
        return None
    if 0 <= s < e <= len(sentence):
        return sentence[s:e]
    return None


def sentence_inline(sentence: str, spans: dict) -> Text:
    """Logical-order text with every span styled (for shaping off)."""
    text = Text(" ".join(sentence.split("\n")))
    for role in SPAN_ORDER:
        span = spans.get(role)
        if span and span_text(sentence, span) is not None:
            text.stylize(SPAN_STYLES[role], int(span[0]), int(span[1]))
    return text


def char_styles(sentence: str, spans: dict) -> list[str | None]:
    """The style of each character of `sentence` (later roles win, as in
    ``sentence_inline``)."""
    styles: list[str | None] = [None] * len(sentence)
    for role in SPAN_ORDER:
        span = spans.get(role)
        if span and span_text(sentence, span) is not None:
            styles[int(span[0]):int(span[1])] = [SPAN_STYLES[role]] * (int(span[1]) - int(span[0]))
    return styles


def sentence_shaped(sentence: str, width: int, shaping: bool, spans: dict | None = None) -> Text:
    """The sentence wrapped in logical order, each line shaped, with the
    spans' styles kept through shaping (a space inside one span keeps it)."""
    styles = char_styles(sentence, spans or {})
    out = Text()
    offset = 0
    for para in sentence.split("\n"):
        rtl = base_is_rtl(para)
        for words in wrap_words(para, width) or [[]]:
            text, line_styles = "", []
            for k, (a, b) in enumerate(words):
                if k:
                    before, after = styles[offset + words[k - 1][1] - 1], styles[offset + a]
                    text += " "
                    line_styles.append(before if before == after else None)
                text += para[a:b]
                line_styles += styles[offset + a:offset + b]
            if out:
                out.append("\n")
            for piece, style in shape_styled(text, line_styles, shaping, rtl=rtl):
                out.append(piece, style=style)
        offset += len(para) + 1
    return out


def names_block(items: list[tuple[str, str, str]], width: int, shaping: bool, *, joiner: str = ": ",
                lead: str = "", quotes: tuple[str, str] = ("", "")) -> Text:
    """"label: name" items on lines of `width` cells: laid out in logical
    order first (an item that does not fit the line starts the next; a name
    longer than a line breaks between its words, its later lines indented
    under its first), then each line's piece of a name shaped and reordered
    on its own, so that a wrapped Arabic name reads in order on every line.
    `lead`: dim text before the first item; `quotes`: drawn round each name
    (outside the shaping)."""
    out = Text(lead, style="dim")
    start = used = cell_len(lead)
    extra = cell_len(quotes[0]) + cell_len(quotes[1])
    for label, name, style in items:
        head = f"{label}{joiner}"
        indent = cell_len(head) + cell_len(quotes[0])
        if used > start:  # two spaces after the item before, or the next line
            fits = used + 2 + indent + cell_len(name) + extra <= width
            out.append("  " if fits else "\n")
            used = used + 2 if fits else 0
        room = max(4, width - used - indent - extra)
        pieces = wrap(name, room, shaping) if cell_len(name) > room else [fit(name, room, shaping)]
        out.append(head, style="dim")
        for k, piece in enumerate(pieces):
            if k:
                out.append("\n" + " " * (used + indent))
            out.append((quotes[0] if k == 0 else "") + piece + (quotes[1] if k == len(pieces) - 1 else ""),
                       style=style)
        used = (used + indent + cell_len(pieces[-1]) + extra) if len(pieces) == 1 else width
    return out


def matched_list(sentence: str, spans: dict, shaping: bool, width: int) -> Text:
    """"Matched: trigger=«…»  actor1=«…»", each span's text, laid out as
    the header's names are (wrapped in logical order, then shaped)."""
    items = []
    for role in SPAN_ORDER:
        span = spans.get(role)
        piece = span_text(sentence, span) if span else None
        if piece is not None:
            items.append((role, piece, SPAN_STYLES[role]))
    return names_block(items, width, shaping, joiner="=", lead="Matched: ", quotes=("«", "»"))


def article_target(rep: ReportDetail) -> str | None:
    """What `o` opens for a report: its article's URL, else its file (as a
    file: URI, when the file is there)."""
    if rep.article_url and rep.article_url.strip().lower().startswith(("http://", "https://")):
        return rep.article_url.strip()
    if rep.article_path and Path(rep.article_path).expanduser().is_file():
        return Path(rep.article_path).expanduser().absolute().as_uri()
    return None


class EventDetailView(VerticalScroll):
    """The detail of the event under the table's cursor."""

    def __init__(self, *, id: str | None = None, shaping: bool = True, name_mode: str = "both") -> None:
        super().__init__(id=id)
        self.shaping = shaping
        self.name_mode = name_mode
        self.detail: EventDetail | None = None
        self.border_title = "Event"
        self._body_height: int | None = None  # lines of the body as last laid out

    def compose(self) -> ComposeResult:
        yield Static("No event selected.", id="detail-body")

    def show(self, detail: EventDetail | None) -> None:
        self.detail = detail
        self.redraw()

    def redraw(self) -> None:
        if not self.is_mounted:
            return
        body = self.query_one("#detail-body", Static)
        width = max(20, (self.scrollable_content_region.width or 60) - 1)
        text = self.render_detail(width)
        # a layout pass (the whole screen) only when the height may change
        lines = text.plain.split("\n")
        height = len(lines) if all(cell_len(line) <= width for line in lines) else None
        body.update(text, layout=height is None or height != self._body_height)
        self._body_height = height
        self.scroll_home(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.redraw()

    def render_detail(self, width: int) -> Text:
        d = self.detail
        if d is None:
            self.border_title = "Event"
            return Text("No event selected.", style="dim")
        r = d.row
        sh = self.shaping
        out = Text()
        self.border_title = f"Event {r.id}"
        out.append(inert(r.event_type) or "event", style="bold")
        flags = [f for f, on in (("negated", r.negated), ("hedged", r.hedged)) if on]
        if flags:
            out.append(f" ({', '.join(flags)})", style="italic")
        out.append(f"  {inert(r.date) or 'undated'}")
        out.append(f" ({inert(PRECISION.get(r.date_precision, r.date_precision))})", style="dim")
        out.append(f"  {r.n_reports} report{'s' if r.n_reports != 1 else ''}")
        if r.fatalities is not None:
            out.append(f"  fatalities: {inert(r.fatalities)}")
        out.append("\n")
        names = [(label, inert(display_name(en, ar, self.name_mode, ident)), SPAN_STYLES[role])
                 for label, en, ar, ident, role in (
                     ("actor1", r.actor1_en, r.actor1_ar, r.actor1_id, "actor1"),
                     ("actor2", r.actor2_en, r.actor2_ar, r.actor2_id, "actor2"),
                     ("place", r.place_en, r.place_ar, r.place_id, "place"),
                     ("reported by", r.reported_by_en, r.reported_by_ar, r.reported_by_id, "reported_by"),
                 ) if ident]
        out.append_text(names_block(names, width, sh))
        out.append("\n")
        if r.place_id and d.geo_precision and d.geo_precision > 1:  # 1, the place named, goes without saying
            out.append(f"geo precision {d.geo_precision}: {GEO_PRECISION_WORDS.get(d.geo_precision, '')}\n", style="dim")
        for i, rep in enumerate(d.reports):
            if i == 0:
                out.append("\n")
                self._report(out, rep, width, sh)
                if len(d.reports) > 1:
                    out.append(f"\nOther reports of this event ({len(d.reports) - 1}):\n", style="bold")
            else:
                self._report(out, rep, width, sh)
        return out

    def _report(self, out: Text, rep: ReportDetail, width: int, sh: bool) -> None:
        out.append(fit(rep.article_title or rep.article_path, width, sh), style="bold underline")
        out.append("\n")
        meta = [rep.article_source or "unknown outlet", f"published {rep.article_published or '?'}"]
        if rep.date:
            meta.append(f"event date {rep.date} ({PRECISION.get(rep.date_precision, rep.date_precision)})")
        if rep.reported_by:
            meta.append(f"reported by {rep.reported_by}")
        out.append("\n".join(wrap(" · ".join(meta), width, sh)), style="dim")
        out.append("\n")
        for label, value in (("url", rep.article_url), ("file", rep.article_path)):
            if value:
                out.append(f"{label}: ", style="dim")
                out.append(fit(inert(value), max(8, width - len(label) - 2), sh), style="underline")
                out.append("\n")
        sentence, spans = inert_with_spans(rep.sentence, rep.spans)
        if sh:
            out.append_text(sentence_shaped(sentence, width, sh, spans))
            out.append("\n")
            out.append_text(matched_list(sentence, spans, sh, width))
        else:
            out.append_text(sentence_inline(sentence, spans))
        out.append("\n")
        out.append("\n".join(wrap(f"rule: {inert(rep.rule)}", width, sh)) + "\n", style="dim")
