"""Durations and delays as ISO 8601: «ستة أشهر» → P6M, «لسنتين» → P2Y,
«72 ساعة» → PT72H, and back to words for a summary."""
from __future__ import annotations

import re

from ...text.arabic import proclitic_variants
from .words import DUAL_DURATIONS, DURATION_NUMBERS, DURATION_OPENERS, DURATION_UNITS, HOUR_UNITS, ONE_WHOLE, \
    SINGLE_UNITS, WHOLE_UNITS


def iso_duration(norms: list[str], k: int) -> tuple[str, int] | None:
    """An ISO 8601 duration starting at token k: «6 أشهر», «ستة أشهر»,
    «لسنتين», «12 شهرا» (12 months → P1Y), with the tokens used."""
    tok = norms[k]
    for v in proclitic_variants(tok):
        if v in DUAL_DURATIONS:
            return DUAL_DURATIONS[v], 1
    for v in proclitic_variants(tok):
        if v in DURATION_UNITS and k > 0 and norms[k - 1] in DURATION_OPENERS and v in SINGLE_UNITS:
            return f"P1{DURATION_UNITS[v]}" if DURATION_UNITS[v] != "W" else "P7D", 1
        if v in DURATION_UNITS and (k == 0 or not _count(norms[k - 1])):
            if v in WHOLE_UNITS and k + 1 < len(norms) and norms[k + 1] in ONE_WHOLE:
                return f"P1{DURATION_UNITS[v]}", 2
    n = _count(tok)
    if n is not None and k + 1 < len(norms):
        unit = next((DURATION_UNITS[v] for v in proclitic_variants(norms[k + 1]) if v in DURATION_UNITS), None)
        if unit:
            if unit == "M" and n % 12 == 0:
                return f"P{n // 12}Y", 2
            if unit == "W":
                return f"P{n * 7}D", 2
            return f"P{n}{unit}", 2
    return None


def _count(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    for v in proclitic_variants(tok):
        if v in DURATION_NUMBERS:
            return DURATION_NUMBERS[v]
    return None


def _hours(norms: list[str], k: int) -> str | None:
    """«72 ساعة» → PT72H."""
    if k + 1 < len(norms) and norms[k].isdigit() and norms[k + 1] in HOUR_UNITS:
        return f"PT{int(norms[k])}H"
    return None


def human_duration(iso: str) -> str:
    """An ISO 8601 duration as people read it: P6M → "6 months", PT72H →
    "72 hours", P0D → "no delay"; anything else as it is."""
    m = re.fullmatch(r"P(T?)(\d+)([DWMYH])", iso or "")
    if not m or (m.group(1) == "T") != (m.group(3) == "H"):
        return iso
    n = int(m.group(2))
    if n == 0:
        return "no delay"
    unit = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "hour"}[m.group(3)]
    return f"{n} {unit}{'s' if n != 1 else ''}"
