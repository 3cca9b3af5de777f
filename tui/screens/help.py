"""The help screen: what the panes are and every key, read from the live
bindings (so a remapped key shows as remapped)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = """\
conflictui: events of the wars in Syria and Iraq, extracted from Arabic news.

Panes: Actors (pick one or several), Locations (tree; pick a place), the
Events table (paged from the store), the Event detail (sentence, matched
spans, article, other reports), the Map (markers sized by events, the picked
place highlighted) and the Timeline and Disputes tabs.

Filters: type an actor or a town in Arabic or English (→ accepts the
completion; separate several with commas), pick an event type, a date range
(YYYY-MM-DD, or [ and ] in the Timeline), words of the sentence. The line
under the filters shows the active filter and the command line that
reproduces it. Facet counts ignore their own dimension, so picking an actor
keeps the other actors listed.

Marks: space marks the row under the cursor; export writes the marked rows,
or the whole filtered set when none are marked.

Arabic: shaping on (letters joined, right to left) suits terminals without
bidi; turn it off in terminals that do bidi themselves (Konsole, GNOME
Terminal/VTE, mlterm, macOS Terminal). Also --shaping and $CONFLICTUI_SHAPING.
Keys can be remapped by binding id in keymap.toml (see the README).
"""


def binding_rows(app) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for the app's and widgets' bindings."""
    from tui.widgets.events_table import EventsTable
    from tui.widgets.timeline import TimelineChart

    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    keymap = getattr(app, "_keymap", {}) or {}
    for owner, bindings in (("", app.BINDINGS), ("Events table: ", EventsTable.BINDINGS),
                            ("Timeline: ", TimelineChart.BINDINGS)):
        for b in bindings:
            if not isinstance(b, Binding) or not b.description:
                continue
            key = keymap.get(b.id, b.key) if b.id else b.key
            ident = b.id or b.action
            if (owner, ident) in seen:
                continue
            seen.add((owner, ident))
            rows.append((app.get_key_display(Binding(key, b.action)) if key else "", owner + b.description,
                         b.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll():
                yield Static(INTRO, id="help-intro")
                text = Text()
                for keys, desc, ident in binding_rows(self.app):
                    text.append(f"{keys:>14}  ", style="bold")
                    text.append(f"{desc:<36}")
                    text.append(f" {ident}\n", style="dim")
                yield Static(text, id="help-keys")
            yield Static("escape closes · ctrl+p opens the command palette", id="help-footer")
