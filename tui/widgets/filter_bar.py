"""The filter bar: actor, town, type, date range and words, typed in Arabic
or English, with completion from the store (``EventStore.complete``).

Several actors or towns are separated by commas (Latin or Arabic). The
typed names reach ``EventFilter`` unchanged, so they are resolved exactly as
the CLI's ``--actor`` and ``--town``. The bar only reports changes; the app
debounces them and runs the queries.
"""

from __future__ import annotations

import asyncio
import re

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select

from store.text.arabic import normalize
from store.nlp.cues import EVENT_TYPES
from store.db.query import EventFilter, EventStore
from tui.examples import ACTOR, TOWN
from tui.widgets.common import inert

SPLIT_RE = re.compile(r"\s*[,،]\s*")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def split_names(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in SPLIT_RE.split(text or "") if p.strip())


class NameSuggester(Suggester):
    """Completes the last comma-separated name from the store's names."""

    def __init__(self, store: EventStore, kind: str) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.store = store
        self.kind = kind

    def _complete(self, value: str) -> str | None:
        parts = SPLIT_RE.split(value)
        last = parts[-1]
        if not last.strip():
            return None
        head = value[: len(value) - len(last)]
        try:
            candidates = self.store.complete(self.kind, last, limit=8)
        except Exception:
            return None
        low = last.lower()
        norm = normalize(last)
        for ident, en, ar in candidates:
            for name in (inert(en), inert(ar), inert(ident)):
                if not name:
                    continue
                if name.lower().startswith(low) and len(name) > len(last):
                    return head + last + name[len(last):]
                if normalize(name).startswith(norm) and name.startswith(last) and len(name) > len(last):
                    return head + name
        return None

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(self._complete, value)


class FilterBar(Horizontal):
    """One line of compact inputs."""

    def __init__(self, store: EventStore, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store

    def compose(self) -> ComposeResult:
        yield Label("Actor", classes="filter-label")
        yield Input(placeholder=ACTOR.placeholder(), id="filter-actor", compact=True,
                    suggester=NameSuggester(self.store, "actor"))
        yield Label("Town", classes="filter-label")
        yield Input(placeholder=TOWN.placeholder(), id="filter-town", compact=True,
                    suggester=NameSuggester(self.store, "place"))
        yield Label("Type", classes="filter-label")
        yield Select([(t, t) for t in EVENT_TYPES], prompt="any type", id="filter-type", compact=True)
        yield Label("Since", classes="filter-label")
        yield Input(placeholder="YYYY-MM-DD", id="filter-since", compact=True, max_length=10,
                    restrict=r"[0-9-]*")
        yield Label("Until", classes="filter-label")
        yield Input(placeholder="YYYY-MM-DD", id="filter-until", compact=True, max_length=10,
                    restrict=r"[0-9-]*")
        yield Label("Words", classes="filter-label")
        yield Input(placeholder="words in the sentence", id="filter-words", compact=True)

    # -- read and write ------------------------------------------------------
    def values(self) -> dict:
        q = self.query_one
        type_sel = q("#filter-type", Select)
        since = q("#filter-since", Input).value.strip()
        until = q("#filter-until", Input).value.strip()
        return {
            "actors": split_names(q("#filter-actor", Input).value),
            "towns": split_names(q("#filter-town", Input).value),
            "types": () if type_sel.is_blank() else (str(type_sel.value),),
            "since": since if DATE_RE.match(since) else None,
            "until": until if DATE_RE.match(until) else None,
            "text": q("#filter-words", Input).value.strip() or None,
            "bad_dates": [n for n, v in (("since", since), ("until", until)) if v and not DATE_RE.match(v)],
        }

    def inputs(self) -> EventFilter:
        """The filter the inputs say (dates that are not dates yet left out)."""
        v = self.values()
        return EventFilter(actors=v["actors"], towns=v["towns"], types=v["types"], since=v["since"],
                           until=v["until"], text=v["text"])

    def set_value(self, key: str, value: str | None) -> None:
        if key == "type":
            sel = self.query_one("#filter-type", Select)
            if value:
                sel.value = value
            else:
                sel.clear()
            return
        self.query_one(f"#filter-{key}", Input).value = value or ""

    def clear(self) -> None:
        for key in ("actor", "town", "since", "until", "words"):
            self.set_value(key, "")
        self.set_value("type", None)
