"""The add-a-name dialog (`+`): a place or actor that the sentence names and
no dictionary knows joins the user dictionary.

The name comes from the text selected in the detail pane (or is typed, and
must occur in the sentence). A place gets a kind, a parent and coordinates
(typed, or left empty to take the parent's); an actor gets a kind and a
parent. The dialog returns a `NewName`; the app writes the row through
``store.nlp.dictionaries.add_user_row`` (tui/review.py), as a user's own
TSV line would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from store.db.query import EventStore
from store.nlp.dictionaries import ACTOR_KINDS
from tui.widgets.filter_bar import NameSuggester


@dataclass(frozen=True)
class NewName:
    kind: str  # actor or place
    name_ar: str  # as the sentence says it
    name_en: str
    id: str
    entry_kind: str  # town, village...; armed_group, militia...
    parent: str  # as typed: an id or a name
    lat: str = ""  # empty: the parent's
    lon: str = ""


def slug(text: str) -> str:
    """An id from an English name: "Tall al-Maazula" -> "tall-al-maazula"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class AddNameScreen(ModalScreen[NewName | None]):
    # styles: the review dialogs' block of tui/app.tcss (one stylesheet)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="add-name.cancel")]

    def __init__(self, sentence: str, selected: str, store: EventStore, place_kinds: list[str]) -> None:
        super().__init__()
        self.sentence = sentence
        self.selected = " ".join((selected or "").split())
        self.store = store
        self.place_kinds = place_kinds or ["town"]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="add-box"):
            yield Static("Add a name the dictionaries miss", id="add-title")
            yield Static(self.sentence, id="add-sentence")
            yield from self._row("name", Input(self.selected, id="add-name", compact=True,
                                               placeholder="the words of the sentence (select them first)"))
            yield from self._row("add as", Select([("place", "place"), ("actor", "actor")], value="place",
                                                  allow_blank=False, id="add-kind", compact=True))
            yield from self._row("English name", Input(id="add-name_en", compact=True))
            yield from self._row("id", Input(id="add-id", compact=True, placeholder="from the English name"))
            yield from self._row("kind", Select([(k, k) for k in self.place_kinds], value=self._kind_default(),
                                                allow_blank=False, id="add-entry_kind", compact=True))
            yield from self._row("parent", Input(id="add-parent", compact=True, placeholder="id or name",
                                                 suggester=NameSuggester(self.store, "place")))
            with Horizontal(classes="add-row", id="add-coords"):
                yield Label("lat, lon", classes="add-label")
                yield Input(id="add-lat", compact=True, placeholder="the parent's", restrict=r"[0-9.\-]*")
                yield Input(id="add-lon", compact=True, placeholder="the parent's", restrict=r"[0-9.\-]*")
            yield Static("", id="add-warning")
            with Horizontal(id="add-buttons"):
                yield Button("Add", variant="primary", id="add-save")
                yield Button("Cancel", id="add-cancel")

    @staticmethod
    def _row(label: str, field) -> ComposeResult:
        with Horizontal(classes="add-row"):
            yield Label(label, classes="add-label")
            yield field

    def _kind_default(self) -> str:
        return "town" if "town" in self.place_kinds else self.place_kinds[0]

    def on_mount(self) -> None:
        self.query_one("#add-name_en" if self.selected else "#add-name", Input).focus()

    @on(Select.Changed, "#add-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """An actor has no coordinates; its kinds and parents are actors'."""
        actor = event.value == "actor"
        kinds = sorted(ACTOR_KINDS) if actor else self.place_kinds
        entry = self.query_one("#add-entry_kind", Select)
        entry.set_options([(k, k) for k in kinds])
        entry.value = "armed_group" if actor else self._kind_default()
        self.query_one("#add-parent", Input).suggester = NameSuggester(self.store, "actor" if actor else "place")
        self.query_one("#add-coords").display = not actor

    @on(Input.Changed, "#add-name_en")
    def _english_typed(self, event: Input.Changed) -> None:
        self.query_one("#add-id", Input).placeholder = slug(event.value) or "from the English name"

    def request(self) -> NewName | str:
        """What the fields ask for, or why it cannot be added."""
        q = self.query_one
        name = " ".join(q("#add-name", Input).value.split())
        name_en = q("#add-name_en", Input).value.strip()
        if not name or name not in " ".join(self.sentence.split()):
            return "Select or type the name as the sentence writes it."
        ident = q("#add-id", Input).value.strip() or slug(name_en)
        if not ident:
            return "Give an English name (or an id)."
        kind = str(q("#add-kind", Select).value)
        coords = ("", "") if kind == "actor" else (q("#add-lat", Input).value.strip(), q("#add-lon", Input).value.strip())
        return NewName(kind, name, name_en, ident, str(q("#add-entry_kind", Select).value),
                       q("#add-parent", Input).value.strip(), *coords)

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-save")
    def action_save(self) -> None:
        asked = self.request()
        if isinstance(asked, str):
            self.query_one("#add-warning", Static).update(asked)
            return
        self.dismiss(asked)

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
