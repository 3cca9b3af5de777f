"""The analyst in the loop, in the app: confirm, reject, edit and undo the
event under the cursor, the review filter and the contested toggle, and
the review counts on the status line.

`ReviewActions` is mixed into the app (tui/app.py holds its bindings).
Corrections go through `EventStore`'s review API (store/db/review.py) on
one writable connection of their own, in a thread worker, one at a time:
the UI never waits for a write. After each one the app's connections
drop their caches and the filter runs again, the cursor kept on its row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.message import Message

from store.db.query import EventFilter, EventStore
from store.text.textsafe import one_line
from tui import workers
from tui.reextract_offer import ReextractActions, check_extraction


# How the events table marks a reviewed event (in its mark column, when the row is not marked).
REVIEW_MARKS = {"confirmed": "●", "corrected": "✎", "added": "+", "rejected": "✗"}


@dataclass
class ReviewDone(Message):
    what: str  # what was done, for the notification
    error: str | None
    wrote: bool = True  # the store changed (a name added to a dictionary changes none)


@dataclass
class VersionsLoaded(Message):
    event_id: int
    versions: dict | None


@dataclass
class ReviewCounted(Message):
    generation: int
    counts: dict[str, int] | None


class ReviewWriter:
    """The app's one writable connection, opened on first use in a worker
    thread; the lock keeps corrections in the order they were asked."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._store: EventStore | None = None
        self._lock = threading.Lock()

    def run(self, what: str, write) -> ReviewDone:
        """`write(store)` on the writable connection: the message for the app."""
        with self._lock:
            try:
                if self._store is None:
                    self._store = EventStore(self.db_path)
                done = write(self._store)  # a Correction, or a note to show
            except Exception as exc:  # CorrectionError, UnknownName, a locked store...
                return ReviewDone(what, one_line(str(exc)))
        return ReviewDone(done if isinstance(done, str) else what, None)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def review_counts(store: EventStore, generation: int, flt: EventFilter) -> ReviewCounted:
    try:
        return ReviewCounted(generation, store.review_counts(flt))
    except Exception:
        return ReviewCounted(generation, None)


def versions(store: EventStore, event_id: int) -> VersionsLoaded:
    try:
        return VersionsLoaded(event_id, store.versions(event_id))
    except Exception:
        return VersionsLoaded(event_id, None)


def dictionary_row(new, store: EventStore, dicts) -> dict[str, str]:
    """The user TSV row for `new` (a NewName): its parent resolved as the
    filter bar resolves names, a place's missing coordinates and its country
    taken from the parent (or the parent's parents)."""
    entries = dicts.places if new.kind == "place" else dicts.actors
    parent = ""
    if new.parent:
        known = [i for i in store.resolve(new.kind, new.parent) if i in entries]  # UnknownName if none
        if not known:
            raise ValueError(f"parent {new.parent!r} is not in the dictionaries")
        parent = known[0]
    row = {"id": new.id, "name_en": new.name_en, "name_ar": new.name_ar, "kind": new.entry_kind, "parent": parent}
    if new.id in entries:
        raise ValueError(f"the id {new.id!r} is taken: give another")
    chain = dicts.place_chain(parent) if new.kind == "place" and parent else []
    if new.kind == "place" and not (new.lat and new.lon):
        located = next((p for p in chain if p.lat is not None and p.lon is not None), None)
        if located is None:
            raise ValueError("give coordinates, or a parent that has them")
        row["lat"], row["lon"] = str(located.lat), str(located.lon)
    elif new.kind == "place":
        row["lat"], row["lon"] = new.lat, new.lon
    if new.kind == "place":
        row["country"] = next((p.country for p in chain if p.country), "")
    elif parent:
        row["country"] = entries[parent].country
    return row


def add_name(new, store: EventStore, user_dir) -> ReviewDone:
    from store.nlp.dictionaries import add_user_row
    from tui.reextract_offer import running_dictionaries

    what = f"Added the {new.kind} {new.name_ar} ({new.id})"
    try:
        path = add_user_row(new.kind, dictionary_row(new, store, running_dictionaries()), user_dir)
    except Exception as exc:  # ValueError, UnknownName, OSError
        return ReviewDone(what, one_line(str(exc)), wrote=False)
    return ReviewDone(f"{what} to {path}", None, wrote=False)


def _undone(store: EventStore) -> str:
    """What an undo did, and the corrections it left with no event to
    correct (an added event's edits by others: kept, never dropped silently)."""
    c = store.undo_last()
    if c is None:
        return "No correction to undo"
    kept = store.orphan_corrections(c.key)
    listed = "; kept, their event is gone: " + ", ".join(f"{o.action} by {o.by}" for o in kept) if kept else ""
    return f"Undid the last correction ({c.action}){listed}"


class ReviewActions(ReextractActions):
    """Mixed into ConflictApp: needs its `session`, `stores`, `db_path`,
    `_start`, `apply_filter`, `schedule_filter` and `update_status`."""

    def _writer(self) -> ReviewWriter:
        writer = getattr(self, "_review_writer", None)
        if writer is None:
            writer = self._review_writer = ReviewWriter(self.db_path)
        return writer

    def _cursor_event(self):
        """The row under the events table's cursor, or None (with a note)."""
        from tui.widgets.events_table import EventsTable

        table = self.query_one(EventsTable)
        row = table.cursor_row if table.count else None
        if row is None:
            self.notify("No event under the cursor", timeout=3)
        return row

    def _write(self, what: str, write) -> None:
        from tui.widgets.events_table import EventsTable

        self.session.review.keep_cursor = self.query_one(EventsTable).cursor
        self._start("review", self._writer().run, what, write)

    # -- the actions ---------------------------------------------------------------
    def action_review_confirm(self) -> None:
        row = self._cursor_event()
        if row is not None:
            self._write(f"Confirmed event {row.id}", lambda s: s.confirm(row.id))

    def action_review_reject(self) -> None:
        row = self._cursor_event()
        if row is not None:
            self._write(f"Rejected event {row.id}", lambda s: s.reject(row.id))

    def action_review_undo(self) -> None:
        self._write("Undo", _undone)

    def action_review_edit(self) -> None:
        from tui.screens.edit_event import EditEventScreen
        from tui.widgets.detail import EventDetailView

        row = self._cursor_event()
        if row is None:
            return
        detail = self.query_one(EventDetailView).detail
        if detail is None or detail.row.id != row.id:
            self.notify("The event's detail is still loading", timeout=3)
            return
        self.push_screen(EditEventScreen(detail, self.store, self.shaping), lambda changes: self._edited(row.id, changes))

    def _edited(self, event_id: int, changes: dict | None) -> None:
        if changes:
            note = changes.pop("note", None)
            self._write(f"Corrected event {event_id}", lambda s: s.edit(event_id, changes, note=note))

    def action_review_add_name(self) -> None:
        """Add the place or actor selected in the detail pane's sentence."""
        from tui.screens.add_name import AddNameScreen
        from tui.widgets.detail import EventDetailView
        from tui.reextract_offer import running_dictionaries

        detail = self.query_one(EventDetailView).detail
        if detail is None or not detail.reports:
            self.notify("No sentence to take a name from", timeout=3)
            return
        kinds = sorted({p.kind for p in running_dictionaries().places.values() if p.kind})
        selected = self.screen.get_selected_text() or ""
        self.push_screen(AddNameScreen(detail.reports[0].sentence, selected, self.store, kinds), self._name_given)

    def _name_given(self, new) -> None:
        from store import settings

        if new is not None:
            self._start("add-name", add_name, new, self.store, settings.dict_dir())

    def action_review_filter(self) -> None:
        self.notify(self.session.review.next_filter(), timeout=3)
        self.schedule_filter(0.01)

    def action_review_contested(self) -> None:
        self.notify(self.session.review.toggle_contested(), timeout=3)
        self.schedule_filter(0.01)

    # -- the answers ---------------------------------------------------------------
    def on_review_done(self, message: ReviewDone) -> None:
        self.session.end()
        if message.error:
            self.session.review.keep_cursor = None
            self.notify(message.error, title="Correction not made", severity="error", timeout=8)
            return
        self.notify(message.what, timeout=5)
        if message.wrote:
            self.reload_data()
        else:  # a dictionary changed: offer to extract again
            self._start("extraction-check", check_extraction, self.store)

    def on_counted(self, message: workers.Counted) -> None:
        """After the app's own on_counted (Textual calls both): the cursor
        back on its row after a correction, and the review counts."""
        if not self.session.is_current(message.generation):
            return
        from tui.widgets.events_table import EventsTable

        keep, self.session.review.keep_cursor = self.session.review.keep_cursor, None
        table = self.query_one(EventsTable)
        if not table.count:
            from tui.widgets.reports import ReportsView

            self.query_one(ReportsView).show(None, self.shaping)
        if keep and table.count:
            table.cursor = min(keep, table.count - 1)
        self._start("review-counts", review_counts, self.stores.count, message.generation, message.flt)

    def on_mount(self) -> None:
        """After the app's own on_mount: what each source says, under the detail."""
        from tui.widgets.detail import EventDetailView
        from tui.widgets.reports import ReportsView

        self.query_one(EventDetailView).mount(ReportsView(id="reports-view"))

    def on_detail_loaded(self, message: workers.DetailLoaded) -> None:
        """After the app's own: the versions of the event it shows."""
        from tui.widgets.reports import ReportsView

        shown = self.query_one(ReportsView)
        if shown.versions and shown.versions["event_id"] != message.event_id:
            shown.show(None, self.shaping)  # not another event's sources meanwhile
        if message.event_id == self.session.detail.wanted and message.detail is not None:
            self._start("versions", versions, self.store, message.event_id)

    def on_versions_loaded(self, message: VersionsLoaded) -> None:
        from tui.widgets.reports import ReportsView

        self.session.end()
        if message.event_id == self.session.detail.wanted:
            self.query_one(ReportsView).show(message.versions, self.shaping)

    def on_review_counted(self, message: ReviewCounted) -> None:
        self.session.end()
        if self.session.is_current(message.generation):
            self.session.review.counts = message.counts
            self.update_status()

    def on_unmount(self) -> None:
        writer = getattr(self, "_review_writer", None)
        if writer is not None:
            writer.close()
