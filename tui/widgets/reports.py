"""What each source says about the event under the cursor: every report of
it (and of its rival events: another actor 1, the same act and place
within a day, in another article) with its outlet, reported_by, sentence
and the values on which the reports differ, each disagreement marked.

The app mounts this under the detail pane and fills it from
``EventStore.versions`` in a worker (tui/review.py). It is hidden when
the event has a single report and no rival: nothing disagrees then.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.shaping import fit, shape_line, wrap
from tui.widgets.common import inert

DIFFERS_STYLE = "bold reverse red"  # a value another report of the event states otherwise


def versions_text(versions: dict, width: int, shaping: bool) -> Text:
    """The reports side by side, as the detail pane shows them."""
    reports, differs = versions["reports"], versions["differs"]
    out = Text()
    head = f"What each source says: {len(reports)} reports"
    if versions["rivals"]:
        head += f", {len(versions['rivals'])} rival event{'s' if len(versions['rivals']) > 1 else ''}"
    out.append(head, style="bold")
    out.append(f" · they differ on {', '.join(differs)}\n" if differs else " · they agree\n",
               style="bold red" if differs else "dim")
    for rep in reports:
        own = rep["event_id"] == versions["event_id"]
        meta = [inert(rep["outlet"]) or "unknown outlet", f"reported by {inert(rep['reported_by']) or '?'}",
                f"published {inert(rep['published']) or '?'}"]
        out.append("• " if own else f"• rival event {rep['event_id']}: ", style="bold")
        out.append(shape_line(" · ".join(meta), shaping), style="bold" if own else "italic")
        out.append("\n")
        for line in wrap(inert(rep["sentence"]), max(10, width - 2), shaping):
            out.append(f"  {line}\n")
        out.append("  ")
        for field in differs:
            value = rep["values"][field]
            out.append(f"{field}=", style="dim")
            out.append(fit(inert("—" if value is None else value), 30, shaping),
                       style=DIFFERS_STYLE if value is not None else "dim")
            out.append("  ")
        out.append("\n")
    return out


class ReportsView(Static):
    """The sources' versions of one event (see the module's docstring)."""

    DEFAULT_CSS = "ReportsView { height: auto; margin-top: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.versions: dict | None = None
        self.text = Text()  # as last drawn
        self.shaping = True

    def show(self, versions: dict | None, shaping: bool) -> None:
        self.versions, self.shaping = versions, shaping
        many = bool(versions) and (len(versions["reports"]) > 1 or bool(versions["rivals"]))
        self.display = many
        if many:
            width = max(20, (self.parent.scrollable_content_region.width if self.parent else 60) - 1)
            self.text = versions_text(versions, width, shaping)
            self.update(self.text)
