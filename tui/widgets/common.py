"""Small helpers the app's widgets share: how a name is shown, and how a
value from the store is made harmless to draw."""

from __future__ import annotations

from rich.cells import cell_len

from store.text.textsafe import one_line, strip_controls
from tui.shaping import fit


def display_name(en: str | None, ar: str | None, mode: str = "both", fallback: str = "") -> str:
    """A name in logical order as the names toggle asks: English, Arabic, or
    "English (Arabic)". Falls back to whichever exists, then `fallback`."""
    en = (en or "").strip()
    ar = (ar or "").strip()
    if mode == "ar":
        return ar or en or fallback
    if mode == "en":
        return en or ar or fallback
    if en and ar and en != ar:
        return f"{en} ({ar})"
    return en or ar or fallback


def cell(text: str, width: int, shaping: bool) -> str:
    """`text` truncated in logical order, shaped, padded to `width` cells."""
    shown = fit(text, width, shaping)
    return shown + " " * max(0, width - cell_len(shown))


def share(room: int, weights: list[int], needs: list[int] | None = None) -> list[int]:
    """`room` cells split by `weights`; with `needs`, a column never gets
    more than it needs while another is short (water filling), and room
    left once every need is met is spread by weight again."""
    widths = [0] * len(weights)
    open_ = set(range(len(weights)))
    left = room
    while open_ and needs:
        total = sum(weights[i] for i in open_)
        fair = {i: left * weights[i] // total for i in open_}
        done = {i for i in open_ if needs[i] <= fair[i]}
        if not done:
            break
        for i in done:
            widths[i] = needs[i]
            left -= needs[i]
        open_ -= done
    targets = sorted(open_) if open_ else list(range(len(weights)))
    total = sum(weights[i] for i in targets)
    extra = [left * weights[i] // total for i in targets]
    for i, e in zip(targets, extra):
        widths[i] += e
    widths[targets[0]] += left - sum(extra)
    return widths


def content_widths(needs: list[int], room: int, minimum: int = 6) -> list[int]:
    """Column widths from their content: each column as wide as its widest
    cell (`needs`) when they fit in `room` cells, else `room` shared so that
    narrow columns keep their width and the widest give way; never below
    `minimum` (the line is then wider than `room`)."""
    needs = [max(minimum, n) for n in needs]
    if sum(needs) <= room or not needs:
        return needs
    if room < minimum * len(needs):
        return [minimum] * len(needs)
    widths = share(room, [1] * len(needs), needs)
    return [max(minimum, w) for w in widths]


def inert(value) -> str:
    """A value from the store as one harmless line: what a terminal would
    obey (escape sequences, controls, bidi overrides) removed, whichever way
    the value reached the store. For text drawn without ``tui.shaping``
    (which cleans the same way)."""
    return "" if value is None else one_line(str(value))


def _span_bounds(spans: dict, length: int) -> set[int]:
    bounds = set()
    for span in spans.values():
        try:
            bounds.update(b for b in (int(span[0]), int(span[1])) if 0 <= b <= length)
        except Exception:
            continue
    return bounds


def inert_with_spans(text: str, spans: dict) -> tuple[str, dict]:
    """`text` cleaned as ``inert`` does (line breaks kept), with each
    (start, end) span moved onto the same characters of the cleaned text.
    Pieces between span bounds are cleaned one by one, so a span never
    shifts; a span whose bounds lie outside `text` is dropped."""
    text = text or ""
    spans = spans if isinstance(spans, dict) else {}
    cuts = sorted(_span_bounds(spans, len(text)) | {0, len(text)})
    moved = {cuts[0]: 0}
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        pieces.append(strip_controls(text[start:end]))
        moved[end] = moved[start] + len(pieces[-1])
    kept = {}
    for role, span in spans.items():
        try:
            kept[role] = (moved[int(span[0])], moved[int(span[1])])
        except Exception:
            continue
    return "".join(pieces), kept
