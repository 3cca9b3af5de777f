"""Command-palette commands (ctrl+p) for every pane, filter and export,
plus "filter by actor/town NAME" found in the store as you type."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from store.nlp.cues import EVENT_TYPES
from tui.widgets.common import inert


def static_commands(app) -> list[tuple[str, object, str]]:
    """(title, callback, help) of the fixed commands."""
    cmds = [
        ("Focus: actors pane", partial(app.action_focus_pane, "actors"), "Pick actors to filter by"),
        ("Focus: locations pane", partial(app.action_focus_pane, "places"), "The place tree"),
        ("Focus: events table", partial(app.action_focus_pane, "events"), "Move, mark rows"),
        ("Focus: event detail", partial(app.action_focus_pane, "detail"), "Sentence, spans, reports"),
        ("Show: events tab", partial(app.action_show_tab, "tab-events"), "Panes, table, map"),
        ("Show: timeline", partial(app.action_show_tab, "tab-timeline"), "Events per day/week/month, date range"),
        ("Show: disputes", partial(app.action_show_tab, "tab-disputes"), "Diplomatic disputes"),
        ("Filter: actor…", partial(app.action_focus_filter, "actor"), "Type an actor in Arabic or English"),
        ("Filter: town…", partial(app.action_focus_filter, "town"), "Type a town in Arabic or English"),
        ("Filter: date range…", partial(app.action_focus_filter, "since"), "Since / until"),
        ("Filter: words…", partial(app.action_focus_filter, "words"), "Words in the sentence"),
        ("Filter: clear all", app.action_clear_filter, "Remove every filter and pick"),
        ("Filter: any event type", partial(app.set_event_type, None), "Remove the type filter"),
        ("Marks: mark all under the filter", app.action_mark_all, "Mark every event under the filter"),
        ("Marks: clear", app.action_clear_marks, "Unmark every row"),
        ("Export…", app.action_export, "Marked rows, or everything under the filter"),
        ("Copy: command line of the filter", app.action_copy_cli, "conflictui events … to the clipboard"),
        ("Arabic: toggle shaping", app.action_toggle_shaping, "Join and reorder Arabic ourselves, or not"),
        ("Names: English and Arabic", partial(app.set_name_mode, "both"), "Show both names"),
        ("Names: Arabic only", partial(app.set_name_mode, "ar"), "Show Arabic names"),
        ("Names: English only", partial(app.set_name_mode, "en"), "Show English names"),
        ("Help: keys and panes", app.action_help, "F1"),
    ]
    cmds += [(f"Filter: type {t}", partial(app.set_event_type, t), f"Only {t} events") for t in EVENT_TYPES]
    return cmds


class ConflictCommands(Provider):
    """Every pane, filter and export, and the store's actors and places."""

    async def discover(self) -> Hits:
        for title, callback, help_text in static_commands(self.app):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        for title, callback, help_text in static_commands(app):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        words = query.strip()
        if len(words) < 2:
            return
        store = app.store
        for kind, label in (("actor", "actor"), ("place", "town")):
            try:
                found = await asyncio.to_thread(store.complete, kind, words, 5)
            except Exception:
                continue
            for ident, en, ar in found:
                name = app.shown_name(en, ar, ident)
                yield Hit(0.5, f"Filter by {label}: {name}", partial(app.add_name_filter, label, en or ident),
                          help=inert(ident))
