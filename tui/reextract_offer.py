"""The app offers re-extraction when the store's events were made by
another extractor or other dictionaries than the running ones
(``EventStore.extraction_differs``), and runs it (``ctrl+r``) in a worker,
with a progress bar, through the code of ``conflictui reextract``
(store/db/reextract.py): corrections whose report is still found are
applied again, the others are kept and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import ProgressBar

from store.db.query import EventStore
from store.text.textsafe import one_line


@dataclass
class ExtractionChecked(Message):
    reasons: list[str]  # empty: the stored events are what the running extractor would give
    articles: int


@dataclass
class ReextractProgress(Message):
    done: int
    total: int


@dataclass
class ReextractDone(Message):
    summary: object | None
    error: str | None


def running_dictionaries():
    """The dictionaries as they are on disk now (the user's may have changed
    since the process started: not the cached default)."""
    from store.nlp.dictionaries import Dictionaries

    return Dictionaries()


def check_extraction(store: EventStore) -> ExtractionChecked:
    try:
        reasons = store.extraction_differs(running_dictionaries().fingerprint)
        articles = store.article_count() if reasons else 0
    except Exception:
        reasons, articles = [], 0
    return ExtractionChecked(reasons, articles)


def run_reextract(app, db_path: str) -> ReextractDone:
    from store.db.ingest import default_jobs
    from store.db.reextract import reextract

    def progress(done: int, total: int) -> None:
        app.post_message(ReextractProgress(done, total))

    try:
        summary = reextract(db_path, jobs=default_jobs(), dicts=running_dictionaries(), on_article=progress)
    except Exception as exc:  # IngestBusy, a damaged store...
        return ReextractDone(None, one_line(str(exc)))
    return ReextractDone(summary, None)


class ReextractActions:
    """Mixed into the app through ReviewActions (tui/review.py)."""

    extraction_reasons: list[str] = []

    def on_mount(self) -> None:
        self._start("extraction-check", check_extraction, self.store)

    def on_extraction_checked(self, message: ExtractionChecked) -> None:
        self.session.end()
        self.extraction_reasons = message.reasons
        if message.reasons:
            key = self._key_of("review_reextract")
            self.notify(f"The stored events may be out of date: {'; '.join(message.reasons)}. Press {key} to "
                        f"extract the {message.articles:,} stored articles again (corrections are kept).",
                        title="Re-extraction offered", severity="warning", timeout=20)

    def _key_of(self, action: str) -> str:
        """The key bound to `action` now (the user's keymap applied)."""
        for key, bindings in self._bindings.key_to_bindings.items():
            if any(b.action == action for b in bindings):
                return self.get_key_display(bindings[0])
        return action

    def action_review_reextract(self) -> None:
        if getattr(self, "reextract_bar", None) is not None:
            self.notify("Re-extraction is running", timeout=3)
            return
        self.reextract_bar = ProgressBar(id="reextract-progress", show_eta=True)
        self.reextract_bar.styles.dock = "bottom"
        self.screen_stack[0].mount(self.reextract_bar)
        self._start("reextract", run_reextract, self, self.db_path)

    def on_reextract_progress(self, message: ReextractProgress) -> None:
        if getattr(self, "reextract_bar", None) is not None:
            self.reextract_bar.update(total=message.total, progress=message.done)

    def on_reextract_done(self, message: ReextractDone) -> None:
        self.session.end()
        self.reextract_bar.remove()
        self.reextract_bar = None
        if message.error:
            self.notify(message.error, title="Re-extraction failed", severity="error", timeout=10)
            return
        s = message.summary
        self.extraction_reasons = []
        kept = f"; {len(s.orphans)} corrections whose report is gone, kept" if s.orphans else ""
        self.notify(f"{s.articles:,} articles re-extracted: {s.reports_before:,} reports before, "
                    f"{s.reports_after:,} after{kept}", title="Re-extracted", timeout=10)
        self.reload_data()

    def reload_data(self) -> None:
        """The store changed under the app (a correction, a re-extraction):
        the connections drop their caches and the filter runs again."""
        self.stores.invalidate()
        self.session.timelines.clear()
        self.session.detail.wanted = None  # the detail shows the new values
        self.apply_filter()
