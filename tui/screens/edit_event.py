"""The edit dialog (`E`): correct the values of the event under the cursor.

It shows the sentence with its matched spans, so the analyst sees what
they correct, and one field per value a correction may set; the actor and
place fields complete from the dictionaries as the filter bar does. It
returns only the values changed (and an optional note); the app records
them with ``EventStore.edit`` (tui/review.py).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.db.query import EventDetail, EventStore
from store.nlp.cues import EVENT_TYPES
from store.nlp.dates import PRECISIONS
from tui.widgets.common import inert_with_spans
from tui.widgets.detail import matched_list, sentence_inline, sentence_shaped
from tui.widgets.filter_bar import NameSuggester

NAME_FIELDS = (("actor1", "actor"), ("actor2", "actor"), ("place", "place"))


def current_values(detail: EventDetail) -> dict:
    """The event's values as the edit dialog's fields hold them."""
    r = detail.row
    return {"event_type": r.event_type, "actor1": r.actor1_id or "", "actor2": r.actor2_id or "",
            "place": r.place_id or "", "date": r.date or "", "date_precision": r.date_precision,
            "fatalities": "" if r.fatalities is None else str(r.fatalities), "negated": bool(r.negated),
            "hedged": bool(r.hedged)}


def changed_values(before: dict, after: dict) -> dict:
    """The fields whose value the user changed (an emptied field: None)."""
    return {k: (v if v != "" else None) for k, v in after.items() if v != before.get(k)}


def _options(values, current: str) -> list[tuple[str, str]]:
    """A select's options, with the current value among them even if unknown."""
    return [(x, x) for x in (values if current in values else (current, *values))]


def sentence_view(detail: EventDetail, width: int, shaping: bool) -> Text:
    """The first report's sentence with its spans (as the detail pane draws it)."""
    if not detail.reports:
        return Text("(an added event: no extracted report)", style="dim")
    rep = detail.reports[0]
    sentence, spans = inert_with_spans(rep.sentence, rep.spans)
    if not shaping:
        return sentence_inline(sentence, spans)
    out = sentence_shaped(sentence, width, shaping)
    out.append("\n")
    out.append_text(matched_list(sentence, spans, shaping, width))
    return out


class EditEventScreen(ModalScreen[dict | None]):
    # styles: the review dialogs' block of tui/app.tcss (one stylesheet)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
    ]

    def __init__(self, detail: EventDetail, store: EventStore, shaping: bool = True) -> None:
        super().__init__()
        self.detail = detail
        self.store = store
        self.shaping = shaping
        self.before = current_values(detail)

    def compose(self) -> ComposeResult:
        v = self.before
        with VerticalScroll(id="edit-box"):
            yield Static(f"Correct event {self.detail.row.id}", id="edit-title")
            yield Static(sentence_view(self.detail, 84, self.shaping), id="edit-sentence")
            with Horizontal(classes="edit-row"):
                yield Label("event_type", classes="edit-label")
                yield Select(_options(EVENT_TYPES, v["event_type"]), value=v["event_type"], allow_blank=False,
                             id="edit-event_type", compact=True)
            for name, kind in NAME_FIELDS:
                with Horizontal(classes="edit-row"):
                    yield Label(name, classes="edit-label")
                    yield Input(v[name], id=f"edit-{name}", compact=True, placeholder=f"{kind} id or name",
                                suggester=NameSuggester(self.store, kind))
            with Horizontal(classes="edit-row"):
                yield Label("date", classes="edit-label")
                yield Input(v["date"], id="edit-date", compact=True, placeholder="YYYY-MM-DD", max_length=10,
                            restrict=r"[0-9-]*")
                yield Select(_options(PRECISIONS, v["date_precision"]), value=v["date_precision"], allow_blank=False,
                             id="edit-date_precision", compact=True)
            with Horizontal(classes="edit-row"):
                yield Label("fatalities", classes="edit-label")
                yield Input(v["fatalities"], id="edit-fatalities", compact=True, restrict=r"[0-9]*")
                yield Checkbox("negated", v["negated"], id="edit-negated", compact=True)
                yield Checkbox("hedged", v["hedged"], id="edit-hedged", compact=True)
            with Horizontal(classes="edit-row"):
                yield Label("note", classes="edit-label")
                yield Input("", id="edit-note", compact=True, placeholder="why (optional)")
            yield Static("", id="edit-warning")
            with Horizontal(id="edit-buttons"):
                yield Button("Save", variant="primary", id="edit-save")
                yield Button("Cancel", id="edit-cancel")

    def on_mount(self) -> None:
        self.query_one("#edit-actor1", Input).focus()

    def values(self) -> dict:
        """What the fields hold now, keyed as current_values."""
        q = self.query_one
        out = {name: str(q(f"#edit-{name}", Select).value) for name in ("event_type", "date_precision")}
        for name in ("actor1", "actor2", "place", "date", "fatalities"):
            out[name] = q(f"#edit-{name}", Input).value.strip()
        for name in ("negated", "hedged"):
            out[name] = q(f"#edit-{name}", Checkbox).value
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        changes = changed_values(self.before, self.values())
        if not changes:
            self.query_one("#edit-warning", Static).update("Nothing changed: edit a field, or press escape.")
            return
        note = self.query_one("#edit-note", Input).value.strip()
        if note:
            changes["note"] = note
        self.dismiss(changes)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
