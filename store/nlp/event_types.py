"""The event types, read from ``store/data/event_types.tsv``: the one list
that the cues, the exports, the app's type filter and the README follow."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .dictionaries import _rows, _shipped


@dataclass(frozen=True)
class EventType:
    id: str
    family: str  # material | verbal
    acled_event_type: str  # "" when ACLED does not code the type
    acled_sub_event_types: tuple[str, ...]  # the first is the default
    cameo: str
    cues_example: str
    description: str


@lru_cache(maxsize=1)
def event_types() -> tuple[EventType, ...]:
    """Every event type, in the file's order."""
    return tuple(
        EventType(row["id"], row.get("family", ""), row.get("acled_event_type", ""),
                  tuple(s.strip() for s in row.get("acled_sub_event_types", "").split(";") if s.strip()),
                  row.get("cameo", ""), row.get("cues_example", ""), row.get("description", ""))
        for row in _rows(_shipped("event_types.tsv"), "event_types.tsv"))


def markdown_table() -> str:
    """The README's and docs/EVENTS.md's table of the types."""
    lines = ["| event_type | Arabic cues (examples) | ACLED event type / sub-event | CAMEO |", "|---|---|---|---|"]
    for t in event_types():
        acled = f"{t.acled_event_type} / {', '.join(t.acled_sub_event_types)}" if t.acled_event_type \
            else "not coded by ACLED"
        lines.append(f"| {t.id} | {t.cues_example} | {acled} | {t.cameo} |")
    return "\n".join(lines)
