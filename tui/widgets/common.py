"""Small helpers the app's widgets share: how a name is shown."""

from __future__ import annotations

from rich.cells import cell_len

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
