"""Arabic shaping and bidi reordering for drawing ONE line in a terminal.

Neither Textual nor Rich does bidi or Arabic shaping. conflictui stores text in
logical order and converts it to visual order only when a line is drawn:

1. wrap or truncate in logical order, measuring terminal cells on the
   *unshaped* text (so truncation always drops the END of the text);
2. reshape (``arabic_reshaper``: letters -> contextual presentation forms);
3. reorder (``python-bidi``) with base direction RTL when the line's first
   strong character is Arabic/Hebrew, LTR otherwise;
4. mirror brackets and other Bidi_Mirrored characters that ended up in RTL
   runs (rule L4 of the Unicode bidi algorithm).

Step 4 exists because python-bidi 0.6's Rust ``get_display`` does not
mirror: ``(الأمم المتحدة)`` would come out as ``)...(``. For a line that
contains a Bidi_Mirrored character we ask the same Rust implementation for its
resolved embedding levels (``debug=True``), apply L1/L2 ourselves to get the
visual->logical map, check that it reproduces the Rust output exactly, and
mirror the characters whose level is odd. Lines without a mirrored character
(the majority) take the plain Rust path. If the level read-out ever fails
(a future python-bidi changes its debug format), we fall back to the old
pure-Python ``bidi.algorithm.get_display``, which mirrors but is ~20x slower.

Terminals that do bidi themselves (VTE >= 0.58, Konsole, mlterm, macOS
Terminal) would reverse our visual-order text again, hence the modes
"auto" / "on" / "off" (see :func:`resolve_shaping`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from typing import Literal, Mapping

import arabic_reshaper
from bidi import get_display as _rust_get_display
from rich.cells import cell_len, get_character_cell_size

from store import settings
from store.text.textsafe import strip_controls

__all__ = [
    "ShapingMode",
    "SHAPING_MODES",
    "ELLIPSIS",
    "resolve_shaping",
    "has_arabic",
    "base_is_rtl",
    "shape_line",
    "fit",
    "wrap",
    "shape_styled",
]

ShapingMode = Literal["auto", "on", "off"]
SHAPING_MODES: tuple[str, ...] = ("auto", "on", "off")
ELLIPSIS = "…"
ENV_VAR = settings.SHAPING_VAR

# ---------------------------------------------------------------------------
# mode resolution


def resolve_shaping(
    mode: str | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """Decide whether we shape + reorder Arabic ourselves.

    ``mode`` None -> ``$CONFLICTUI_SHAPING`` -> "auto". "on" -> True,
    "off" -> False. "auto" -> False in terminals that do bidi themselves
    (Konsole, mlterm, VTE >= 0.58, macOS Terminal), True elsewhere.
    Raises ValueError on an unknown mode.
    """
    env = os.environ if environ is None else environ  # the terminal is known by its variables
    if mode is None:
        mode = settings.shaping_mode(env)
    mode_n = str(mode).strip().lower()
    if mode_n not in SHAPING_MODES:
        raise ValueError(
            f"unknown shaping mode {mode!r}: expected one of {', '.join(SHAPING_MODES)}"
        )
    if mode_n == "on":
        return True
    if mode_n == "off":
        return False
    # auto
    if env.get("KONSOLE_VERSION"):
        return False
    if env.get("MLTERM"):
        return False
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return False
    vte = env.get("VTE_VERSION", "")
    try:
        if vte and int(vte.strip()) >= 5800:
            # VTE does bidi by default since 0.58 (we never send ESC [ 8 l).
            return False
    except ValueError:
        pass
    return True


# ---------------------------------------------------------------------------
# character classes

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x089F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x10E60, 0x10E7F),
    (0x1EE00, 0x1EEFF),
)
_ARABIC_RE = re.compile(
    "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _ARABIC_RANGES) + "]"
)
# Paragraph separators (bidi class B) and segment separators (S): a drawn line
# must not contain them (the Rust get_display garbles text with "\n").
_SEPARATORS_RE = re.compile("[\n\r\t\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def has_arabic(text: str) -> bool:
    """True if ``text`` contains a character of the Arabic script blocks."""
    return _ARABIC_RE.search(text) is not None


def _clean(text: str) -> str:
    """Make ``text`` drawable on one line and inert: separators -> space,
    lone surrogates -> U+FFFD, and whatever a terminal would obey (escape
    sequences, controls, bidi overrides) removed by the store's own
    cleaning, whichever way the text reached the store. Never raises."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _SEPARATORS_RE.sub(" ", text)
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
    return strip_controls(text)


def base_is_rtl(text: str) -> bool:
    """Rule P2 (isolates not skipped): True when the first strong character
    is Arabic/Hebrew (R or AL). Widgets may use it to right-align a line."""
    for ch in text:
        bc = unicodedata.bidirectional(ch)
        if bc == "L":
            return False
        if bc in ("R", "AL"):
            return True
    return False


# ---------------------------------------------------------------------------
# reshaping

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": True,
        "shift_harakat_position": False,
        "delete_tatweel": False,
        "support_zwj": True,
        "support_ligatures": True,
        # «الله» / «حزب الله» must NOT become the single glyph U+FDF2.
        "ARABIC LIGATURE ALLAH": False,
        # the only ligatures kept: lam-alef (one cell in every terminal font)
        "ARABIC LIGATURE LAM WITH ALEF": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
    }
)


def _reshape(text: str) -> str:
    return _RESHAPER.reshape(text)


# ---------------------------------------------------------------------------
# bidi with mirroring

_MIRROR: dict[str, str] = {}
try:  # python-bidi ships the BidiMirroring.txt table
    from bidi.mirror import MIRRORED as _BIDI_MIRRORED

    _MIRROR.update(_BIDI_MIRRORED)
except Exception:  # pragma: no cover - defensive
    pass
for _a, _b in ("()", "[]", "{}", "<>", "«»", "‹›", "⁅⁆", "⁽⁾", "₍₎"):
    _MIRROR.setdefault(_a, _b)
    _MIRROR.setdefault(_b, _a)

_LEVEL_RE = re.compile(r"Level\(\s*(\d+)\s*,?\s*\)")

# How many lines took which path (tests look at these; cheap ints).
stats = {"plain": 0, "mirrored": 0, "fallback": 0}


def _rust_levels(text: str, base: str) -> list[int] | None:
    """Resolved embedding levels (before L1) of each character of ``text``,
    read from the Rust implementation's debug output, where they are listed
    per UTF-8 byte as ``Level(\n 1,\n ),``. None if that cannot be parsed."""
    dbg = _rust_get_display(text, base_dir=base, debug=True)
    if not isinstance(dbg, str):
        return None
    start = dbg.rfind("levels: [")
    if start < 0:
        return None
    end = dbg.find("]", start + 9)
    if end < 0:
        return None
    try:
        parts = (
            dbg[start + 9 : end]
            .encode("ascii")
            .translate(None, b" \nLevl()")  # "Level(\n 1,\n )," -> "1,,"
            .split(b",,")
        )
        if parts and not parts[-1]:
            parts.pop()
        byte_levels = list(map(int, parts))
    except ValueError:  # also UnicodeEncodeError
        return None
    data = text.encode("utf-8", "surrogatepass")
    if len(data) != len(byte_levels):
        return None
    # the level of a character is that of its first byte
    return [lv for lv, byte in zip(byte_levels, data) if byte & 0xC0 != 0x80]


_L1_CLASSES = frozenset(("WS", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))


def _visual_order(
    levels: list[int], text: str, base_level: int
) -> tuple[list[int], list[int]]:
    """Rules L1 (trailing whitespace -> paragraph level) and L2 (reverse
    runs from the highest level down to the lowest odd level). Returns the
    logical index of each visual position and the levels after L1."""
    levels = list(levels)
    i = len(text) - 1
    while i >= 0 and unicodedata.bidirectional(text[i]) in _L1_CLASSES:
        levels[i] = base_level
        i -= 1
    order = list(range(len(text)))
    if not levels:
        return order, levels
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for lv in range(highest, lowest_odd - 1, -1):
        j = 0
        n = len(order)
        while j < n:
            if levels[order[j]] >= lv:
                k = j
                while k < n and levels[order[k]] >= lv:
                    k += 1
                order[j:k] = order[j:k][::-1]
                j = k
            else:
                j += 1
    return order, levels


def _bidi(text: str, rtl: bool) -> str:
    """Logical -> visual order for one line, with L4 mirroring."""
    base = "R" if rtl else "L"
    display = _rust_get_display(text, base_dir=base)
    if not any(ch in _MIRROR for ch in text):
        stats["plain"] += 1
        return display
    try:
        levels = _rust_levels(text, base)
        if levels is not None:
            order, final_levels = _visual_order(levels, text, 1 if rtl else 0)
            if "".join(text[k] for k in order) == display:
                stats["mirrored"] += 1
                return "".join(
                    _MIRROR.get(text[k], text[k]) if final_levels[k] % 2 else text[k]
                    for k in order
                )
    except Exception:
        pass
    # Slow but mirroring pure-Python implementation.
    stats["fallback"] += 1
    from bidi.algorithm import get_display as _py_get_display

    return _py_get_display(text, base_dir=base)


# ---------------------------------------------------------------------------
# public API


@lru_cache(maxsize=8192)
def _shape_cached(text: str, rtl: bool | None) -> str:
    if not has_arabic(text):
        return text
    if rtl is None:
        rtl = base_is_rtl(text)
    try:
        return _bidi(_reshape(text), rtl)
    except Exception:
        try:
            return _rust_get_display(_reshape(text))
        except Exception:
            return text


def shape_line(text: str, shaping: bool, *, rtl: bool | None = None) -> str:
    """One logical line -> what to draw.

    With ``shaping`` False the text is returned unchanged except that
    newlines, tabs and other separators become spaces. With ``shaping``
    True, a line with Arabic is reshaped and reordered to visual order (base
    direction from its first strong character) with brackets mirrored in RTL
    runs; a line without Arabic is returned as is. ``rtl`` forces the base
    direction (``wrap`` passes the paragraph's). Never raises.
    """
    text = _clean(text)
    if not shaping or not text:
        return text
    return _shape_cached(text, rtl)


def _cut_to_cells(text: str, width: int) -> str:
    """Longest logical prefix of ``text`` with cell_len <= width."""
    if width <= 0:
        return ""
    # fast estimate by per-character widths, then verify with cell_len
    total = 0
    cut = len(text)
    for i, ch in enumerate(text):
        total += get_character_cell_size(ch)
        if total > width:
            cut = i
            break
    prefix = text[:cut]
    while prefix and cell_len(prefix) > width:
        prefix = prefix[:-1]
    return prefix


@lru_cache(maxsize=16384)
def _fit_cached(text: str, width: int, shaping: bool, rtl: bool | None) -> str:
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        logical = text
        cut = False
    else:
        logical = _cut_to_cells(text, width - 1).rstrip() if width > 1 else ""
        cut = True
    while True:
        candidate = logical + ELLIPSIS if cut else logical
        shown = shape_line(candidate, shaping, rtl=rtl)
        if cell_len(shown) <= width:
            return shown
        if not logical:
            # only the ellipsis is left and still too wide: give up drawing text
            return ELLIPSIS if width >= 1 and cell_len(ELLIPSIS) <= width else ""
        # shaping made it wider (never expected: e.g. a reordered ZWJ
        # sequence); drop one more logical character
        logical = logical[:-1]
        cut = True


def fit(text: str, width: int, shaping: bool, *, rtl: bool | None = None) -> str:
    """Truncate ``text`` in logical order to at most ``width`` terminal cells
    (measured before shaping; "…" is appended when cut), then shape it.
    The base direction is that of the whole text (or ``rtl`` if given). The
    result never exceeds ``width`` cells. Never raises."""
    try:
        width = int(width)
    except Exception:
        return ""
    text = _clean(text)
    if rtl is None and shaping:
        rtl = base_is_rtl(text)
    return _fit_cached(text, width, bool(shaping), rtl)


def _wrap_logical(text: str, width: int) -> list[tuple[str, bool]]:
    """(line, paragraph is RTL) pairs."""
    lines: list[tuple[str, bool]] = []
    for para in re.split(r"[\n\r\u2028\u2029\x85]+", text):
        para = _clean(para)
        rtl = base_is_rtl(para)
        lines += [(" ".join(para[a:b] for a, b in words), rtl) for words in wrap_words(para, width)]
    return lines


def wrap_words(para: str, width: int) -> list[list[tuple[int, int]]]:
    """Word-wrap one paragraph in logical order to `width` cells: each line
    as the (start, end) offsets of its words in `para` (drawn joined by one
    space); a word longer than the line is split."""
    lines: list[list[tuple[int, int]]] = []
    line: list[tuple[int, int]] = []
    line_w = 0
    for match in re.finditer(r"\S+", para):
        a, b = match.span()
        w = cell_len(para[a:b])
        if line and line_w + 1 + w <= width:
            line.append((a, b))
            line_w += 1 + w
            continue
        if line:
            lines.append(line)
            line, line_w = [], 0
        while w > width:
            piece = _cut_to_cells(para[a:b], width) or para[a]  # a character wider than the line
            lines.append([(a, a + len(piece))])
            a += len(piece)
            w = cell_len(para[a:b])
        line, line_w = [(a, b)], w
    if line:
        lines.append(line)
    return lines


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, width: int, shaping: bool) -> tuple[str, ...]:
    if width <= 0:
        return ()
    logical = _wrap_logical(text, width) or [("", False)]
    return tuple(fit(line, width, shaping, rtl=rtl) for line, rtl in logical)


def wrap(text: str, width: int, shaping: bool) -> list[str]:
    """Word-wrap ``text`` in logical order to ``width`` cells, then shape each
    line separately (the first logical words are on the first line), each
    with its paragraph's base direction. Hard line breaks in ``text`` are kept. Returns at least one (possibly empty)
    line when width > 0, [] when width <= 0. Never raises."""
    try:
        width = int(width)
    except Exception:
        return []
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _SURROGATE_RE.sub("\ufffd", text)
    return list(_wrap_cached(text, width, bool(shaping)))


# ---------------------------------------------------------------------------
# styled lines: each character keeps its style through reshaping and bidi

_HARAKAT_RE = arabic_reshaper.arabic_reshaper.HARAKAT_RE
_ZWJ = "\u200d"


def _reshape_map(text: str, reshaped: str) -> list[int] | None:
    """For each character of the reshaped line, the logical index of the
    (first) character it comes from: harakat and spare ZWJs are dropped by
    the reshaper, a lam-alef ligature stands for two letters. None when the
    two do not line up (then the caller draws the line in one style)."""
    out: list[int] = []
    i = 0
    for ch in reshaped:
        while i < len(text) and text[i] != ch and (_HARAKAT_RE.match(text[i]) or text[i] == _ZWJ):
            i += 1  # dropped by the reshaper
        if i >= len(text):
            return None
        out.append(i)
        if "LIGATURE LAM WITH ALEF" in unicodedata.name(ch, ""):
            i += 1
            while i < len(text) and _HARAKAT_RE.match(text[i]):
                i += 1
        i += 1
    rest = text[i:]
    if any(not (_HARAKAT_RE.match(c) or c == _ZWJ) for c in rest):
        return None
    return out


def _runs(chars: list[tuple[str, object]]) -> list[tuple[str, object]]:
    runs: list[tuple[str, object]] = []
    for ch, style in chars:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + ch, style)
        else:
            runs.append((ch, style))
    return runs


def shape_styled(text: str, styles: list, shaping: bool, *, rtl: bool | None = None) -> list[tuple[str, object]]:
    """One logical line whose characters carry `styles` (one per character,
    None for plain) -> (text, style) runs in drawing order: reshaped and
    reordered as ``shape_line`` does, each character with its own style (a
    span keeps its colour wherever bidi puts it). When the line cannot be
    mapped exactly, it comes back as one plain run of ``shape_line``'s
    output. Never raises."""
    clean = _clean(text)
    if len(clean) != len(text) or len(styles) != len(text):
        return [(shape_line(text, shaping, rtl=rtl), None)]
    if not shaping or not has_arabic(text):
        return _runs(list(zip(text, styles)))
    try:
        rtl = base_is_rtl(text) if rtl is None else rtl
        reshaped = _reshape(text)
        source = _reshape_map(text, reshaped)
        levels = _rust_levels(reshaped, "R" if rtl else "L") if source is not None else None
        if levels is None:
            return [(shape_line(text, shaping, rtl=rtl), None)]
        order, final = _visual_order(levels, reshaped, 1 if rtl else 0)
        if "".join(reshaped[k] for k in order) != _rust_get_display(reshaped, base_dir="R" if rtl else "L"):
            return [(shape_line(text, shaping, rtl=rtl), None)]
        chars = [(_MIRROR.get(reshaped[k], reshaped[k]) if final[k] % 2 else reshaped[k], styles[source[k]])
                 for k in order]
        return _runs(chars)
    except Exception:
        return [(shape_line(text, shaping, rtl=rtl), None)]
