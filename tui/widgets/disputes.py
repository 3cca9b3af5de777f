"""Disputes tab (placeholder).

The disputes engineer replaces this file. The app creates
``DisputesView(id="disputes-view")`` inside the "Disputes" tab and calls
``refresh_disputes()`` when the tab is shown and after an ingest; the store
is reachable as ``self.app.store`` (an ``EventStore``), the display options
as ``self.app.shaping`` and ``self.app.name_mode``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static


class DisputesView(Widget):
    """Diplomatic disputes (not built yet)."""

    DEFAULT_CSS = """
    DisputesView { height: 1fr; padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static("No disputes yet", id="disputes-empty")

    def refresh_disputes(self) -> None:
        """Reload from the store (nothing to load yet)."""
