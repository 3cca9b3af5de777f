"""The help screen: what the panes are and every key, read from the live
bindings (so a remapped key shows as remapped)."""

from __future__ import annotations

import re
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
reproduces it. Under a date bound undated events are left out (the status
line counts them); t (or the bar's Undated) includes, excludes or shows
only them. Facet counts ignore their own dimension, so picking an actor
keeps the other actors listed.

Marks: space marks the row under the cursor and moves down; export writes
the marked rows, or the whole filtered set when none are marked (it asks
which when marked rows lie outside the filter).

Table: left/right choose a column; [ sorts it ascending, ] descending (or
click its title); - hides it and V shows the hidden columns again; _ fits
it to its widest cell (again: back to its share), < and > narrow and widen
it (kept in keymap.toml's [columns] table). ctrl+f finds in the columns
shown, n and N go to the next and previous match; # and an event id jumps
to that event. o opens the article of the event shown (its URL, else its
file).

Copy (to the clipboard through the terminal, OSC 52: works over SSH and in
tmux with set-clipboard on): y the row as TSV, Y the cell, J the event's
JSON, C the command line of the filter (in logical order, never shaped).
For VisiData users: y, [, ], n, N and ctrl+f mean what they mean there; Y
copies the cell (VisiData: zY); unmark all is ctrl+u (VisiData: gu; its U,
undo, does nothing here).

Arabic: shaping on (letters joined, right to left) suits terminals without
bidi; turn it off in terminals that do bidi themselves (Konsole, GNOME
Terminal/VTE, mlterm, macOS Terminal). Also --shaping and $CONFLICTUI_SHAPING.
Keys can be remapped by binding id in keymap.toml (see the README).
"""


def binding_rows(app) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for the app's and widgets' bindings."""
    from tui.widgets.disputes import DisputesView
    from tui.widgets.events_table import EventsTable
    from tui.widgets.timeline import TimelineChart

    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    keymap = getattr(app, "_keymap", {}) or {}
    for owner, bindings in (("", app.BINDINGS), ("Events table: ", EventsTable.BINDINGS),
                            ("Timeline: ", TimelineChart.BINDINGS), ("Disputes: ", DisputesView.BINDINGS)):
        for b in bindings:
            if not isinstance(b, Binding) or not b.description:
                continue
            key = keymap.get(b.id, b.key) if b.id else b.key
            ident = b.id or b.action
            if (owner, ident) in seen:
                continue
            seen.add((owner, ident))
            rows.append((key_names(app, key), owner + b.description, b.id or ""))
    return rows


def key_names(app, keys: str) -> str:
    """"f1,question_mark" as a person reads it: "F1 / ?"."""
    names = [app.get_key_display(Binding(k.strip(), "")) for k in keys.split(",") if k.strip()]
    return " / ".join(n.upper() if re.fullmatch(r"f\d+", n) else n for n in names)


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "#help-scroll"  # the arrows and page keys scroll it
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Static(INTRO, id="help-intro", markup=False)  # "[ and ]" are keys, not markup
                text = Text()
                for keys, desc, ident in binding_rows(self.app):
                    text.append(f"{keys:>14}  ", style="bold")
                    text.append(f"{desc:<36}")
                    text.append(f" {ident}\n", style="dim")
                yield Static(text, id="help-keys")
            yield Static("↑ ↓ page up/down scroll · escape closes · ctrl+p opens the command palette",
                         id="help-footer")
