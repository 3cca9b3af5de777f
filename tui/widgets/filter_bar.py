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
from rich.text import Text
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select

from store.text.arabic import normalize
from store.nlp.cues import EVENT_TYPES
from store.db.query import UNDATED, EventFilter, EventStore
from tui.examples import ACTOR, TOWN
from tui.shaping import fit
from tui.widgets.common import inert

SPLIT_RE = re.compile(r"\s*[,،]\s*")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
UNDATED_CYCLE: tuple[str | None, ...] = (None, *UNDATED)  # the undated key walks these (None: as the dates say)


def next_undated(mode: str | None) -> str | None:
    """The undated mode after `mode` in UNDATED_CYCLE."""
    return UNDATED_CYCLE[(UNDATED_CYCLE.index(mode) + 1) % len(UNDATED_CYCLE)]


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


class ShapedInput(Input):
    """An input drawn as the rest of the screen is: with shaping on, its
    value (while it is not being edited) and its placeholder are shaped and
    reordered for display; the value itself, and what is edited, stay in
    logical order (the cursor walks the characters as typed)."""

    def __init__(self, *args, shaping: bool = True, **kwargs) -> None:
        self._logical_placeholder = kwargs.get("placeholder", "")
        super().__init__(*args, **kwargs)
        self.set_shaping(shaping)

    def set_shaping(self, shaping: bool) -> None:
        self.shaping = shaping
        self._fit_placeholder()
        self.refresh()

    def _room(self) -> int:
        return max(1, self.scrollable_content_region.width or 40)

    def _fit_placeholder(self) -> None:
        """Cut in logical order to the field's width, then shaped (a cut
        after shaping would drop the start of an Arabic name)."""
        self.placeholder = fit(self._logical_placeholder, self._room(), self.shaping)

    def on_resize(self) -> None:
        self._fit_placeholder()

    @property
    def _value(self) -> Text:
        if self.shaping and not self.has_focus and self.value:
            return Text(fit(self.value, self._room(), True), no_wrap=True, overflow="ignore", end="")
        return super()._value


class FilterBar(Horizontal):
    """One line of compact inputs."""

    def __init__(self, store: EventStore, *, id: str | None = None, shaping: bool = True) -> None:
        super().__init__(id=id)
        self.store = store
        self.shaping = shaping

    def compose(self) -> ComposeResult:
        yield Label("Actor", classes="filter-label")
        yield ShapedInput(placeholder=ACTOR.placeholder(), id="filter-actor", compact=True,
                          suggester=NameSuggester(self.store, "actor"), shaping=self.shaping)
        yield Label("Town", classes="filter-label")
        yield ShapedInput(placeholder=TOWN.placeholder(), id="filter-town", compact=True,
                          suggester=NameSuggester(self.store, "place"), shaping=self.shaping)
        yield Label("Type", classes="filter-label")
        yield Select([(t, t) for t in EVENT_TYPES], prompt="any type", id="filter-type", compact=True)
        yield Label("Since", classes="filter-label")
        yield Input(placeholder="YYYY-MM-DD", id="filter-since", compact=True, max_length=10,
                    restrict=r"[0-9-]*")
        yield Label("Until", classes="filter-label")
        yield Input(placeholder="YYYY-MM-DD", id="filter-until", compact=True, max_length=10,
                    restrict=r"[0-9-]*")
        yield Label("Undated", classes="filter-label")
        yield Select([(u, u) for u in UNDATED], prompt="by dates", id="filter-undated", compact=True)
        yield Label("Words", classes="filter-label")
        yield ShapedInput(placeholder="words in the sentence", id="filter-words", compact=True, shaping=self.shaping)

    def set_shaping(self, shaping: bool) -> None:
        self.shaping = shaping
        for field in self.query(ShapedInput):
            field.set_shaping(shaping)

    # -- read and write ------------------------------------------------------
    def values(self) -> dict:
        q = self.query_one
        type_sel = q("#filter-type", Select)
        undated_sel = q("#filter-undated", Select)
        since = q("#filter-since", Input).value.strip()
        until = q("#filter-until", Input).value.strip()
        return {
            "actors": split_names(q("#filter-actor", Input).value),
            "towns": split_names(q("#filter-town", Input).value),
            "types": () if type_sel.is_blank() else (str(type_sel.value),),
            "since": since if DATE_RE.match(since) else None,
            "until": until if DATE_RE.match(until) else None,
            "text": q("#filter-words", Input).value.strip() or None,
            "undated": None if undated_sel.is_blank() else str(undated_sel.value),
            "bad_dates": [n for n, v in (("since", since), ("until", until)) if v and not DATE_RE.match(v)],
        }

    def inputs(self) -> EventFilter:
        """The filter the inputs say (dates that are not dates yet left out)."""
        v = self.values()
        return EventFilter(actors=v["actors"], towns=v["towns"], types=v["types"], since=v["since"],
                           until=v["until"], text=v["text"], undated=v["undated"])

    def set_value(self, key: str, value: str | None) -> None:
        if key in ("type", "undated"):
            sel = self.query_one(f"#filter-{key}", Select)
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
        self.set_value("undated", None)
