"""Disputes tab: rival positions side by side.

Choose a dispute (subject + year); parties are columns and aspects rows;
each cell shows the normalised value, a short English summary and the
Arabic clause, drawn with the app's shaping setting (``tui.shaping.fit`` /
``wrap``). Rows where the parties differ stand out. Selecting a cell shows
its sentence and article; the dispute's timeline is underneath. ``x``
exports the comparison to Markdown and JSON through store.report.disputes
(asking before overwriting).

The app creates ``DisputesView(id="disputes-view")`` and calls
``refresh_disputes()`` when the tab is shown and after an ingest; the store
is ``self.app.store``, the display options ``self.app.shaping`` and
``self.app.name_mode``.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Select, Static

from store.report.disputes import LEGEND, ExportExists, list_disputes, shown_value, write_exports
from tui.screens.confirm import ConfirmOverwrite
from tui.shaping import fit, wrap
from tui.widgets.common import content_widths, display_name, inert

CELL_MIN = 24  # a party's column is never narrower (the table then scrolls sideways)
CELL_MAX = 80  # nor wider: a value, its summary and the Arabic clause, one line each


class DisputesTable(DataTable):
    """The parties-by-aspects table; the footer says the arrows move
    between its cells."""

    BINDINGS = [Binding("right", "cursor_right", "Cells", key_display="←↑↓→", id="disputes.cells")]


class DisputesView(Widget):
    """Diplomatic disputes: parties as columns, aspects as rows."""

    DEFAULT_CSS = """
    DisputesView { height: 1fr; padding: 0 1; }
    DisputesView #disputes-head { height: auto; }
    DisputesView #dispute-select { width: 1fr; }
    DisputesView #disputes-table { height: 2fr; }
    DisputesView #disputes-legend { height: auto; color: $text-muted; }
    DisputesView #dispute-lower { height: 1fr; }
    DisputesView #dispute-cell { width: 3fr; border: round $primary; padding: 0 1; }
    DisputesView #dispute-timeline { width: 2fr; border: round $secondary; padding: 0 1; }
    """
    BINDINGS = [Binding("x", "export_dispute", "Export dispute (md+json)")]

    def __init__(self, *args, export_dir: str | Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.disputes: list[dict] = []
        self.current: dict | None = None
        self.export_dir = Path(export_dir) if export_dir else None
        self._columns: list[str] = []
        self._rows: list[str] = []

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="disputes-head"):
            yield Select([], prompt="Choose a dispute", id="dispute-select", allow_blank=True)
        yield Static("No disputes yet", id="disputes-empty")
        table = DisputesTable(id="disputes-table", cursor_type="cell", zebra_stripes=True)
        yield table
        yield Static("", id="disputes-legend")
        with Horizontal(id="dispute-lower"):
            with VerticalScroll(id="dispute-cell"):
                yield Static("Select a cell to see its sentence and article.", id="dispute-cell-text")
            with VerticalScroll(id="dispute-timeline"):
                yield Static("", id="dispute-timeline-text")

    def on_mount(self) -> None:
        # inside a tab that is not shown, wait: the app calls
        # refresh_disputes() when the tab is shown (no query at start-up)
        try:
            from textual.widgets import TabbedContent, TabPane

            pane = self.query_ancestor(TabPane)
            if self.query_ancestor(TabbedContent).active != pane.id:
                return
        except Exception:
            pass
        self.refresh_disputes()

    # -- display options ----------------------------------------------------------
    @property
    def shaping(self) -> bool:
        return bool(getattr(self.app, "shaping", False))

    @property
    def name_mode(self) -> str:
        return getattr(self.app, "name_mode", "both")

    def _party_name(self, party: dict) -> str:
        return display_name(party.get("name_en"), party.get("name_ar"), self.name_mode, party.get("id", ""))

    # -- data ---------------------------------------------------------------------
    def refresh_disputes(self) -> None:
        """Reload the disputes from the store and redraw the chosen one."""
        store = getattr(self.app, "store", None)
        if store is None:
            return
        try:
            self.disputes = list_disputes(store)
        except Exception as exc:  # a store without positions yet, a locked store...
            self.disputes = []
            self.query_one("#disputes-empty", Static).update(f"Disputes unavailable: {inert(exc)}")
        select = self.query_one("#dispute-select", Select)
        options = [(inert(f"{d['subject_en']} ({d['year']}): "
                          f"{', '.join(p['name_en'] for p in d['parties'][:4])}")
                    + ('…' if len(d['parties']) > 4 else ''), d["id"]) for d in self.disputes]
        keep = self.current["id"] if self.current else None
        select.set_options(options)
        empty = self.query_one("#disputes-empty", Static)
        empty.display = not self.disputes
        if not self.disputes:
            self.current = None
            self.query_one(DataTable).clear(columns=True)
            return
        chosen = keep if any(d["id"] == keep for d in self.disputes) else self.disputes[0]["id"]
        select.value = chosen
        self.show_dispute(chosen)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "dispute-select" and isinstance(event.value, str):
            if not self.current or self.current["id"] != event.value:
                self.show_dispute(event.value)

    def show_dispute(self, dispute_id: str) -> None:
        d = next((x for x in self.disputes if x["id"] == dispute_id), None)
        self.current = d
        table = self.query_one(DataTable)
        table.clear(columns=True)
        if d is None:
            return
        shaping = self.shaping
        label_w = max(len("Aspect"), *(len(a["label"]) + 2 for a in d["aspects"])) if d["aspects"] else 22
        table.add_column("Aspect", key="aspect", width=label_w)
        self._columns = [p["id"] for p in d["parties"]]
        widths = dict(zip(self._columns, self.cell_widths(d, label_w)))
        for p in d["parties"]:
            table.add_column(fit(self._party_name(p), widths[p["id"]], shaping), key=p["id"], width=widths[p["id"]])
        self._rows = []
        for a in d["aspects"]:
            style = "bold yellow" if a["differs"] else ""
            label = Text(("≠ " if a["differs"] else "  ") + inert(a["label"]), style=style)
            cells = [label]
            for pid in self._columns:
                cells.append(self._cell_text(a, pid, style, widths[pid]))
            table.add_row(*cells, key=a["aspect"], height=3)
            self._rows.append(a["aspect"])
        self.query_one("#disputes-legend", Static).update(
            LEGEND if any(a["differs"] for a in d["aspects"]) else "")
        self._show_timeline(d)
        self.query_one("#dispute-cell-text", Static).update(
            Text(inert(f"{d['subject_en']} ({d['year']})") + "\n") + Text(fit(d["subject_ar"], 60, shaping)) +
            Text("\nSelect a cell to see its sentence and article. x: export to Markdown and JSON."))

    def cell_widths(self, d: dict, label_w: int) -> list[int]:
        """The party columns' widths: the screen's width (less the aspect
        column and each column's padding) shared out so that a column gets
        what its widest line needs (its name, a value, a summary, a clause)
        and the rest goes to the others; none below CELL_MIN (the table then
        scrolls sideways) or above CELL_MAX."""
        parties = [p["id"] for p in d["parties"]]
        needs = []
        for p in d["parties"]:
            lines = [self._party_name(p)] + [line for a in d["aspects"] for v in a["positions"]
                                             if v["party_id"] == p["id"]
                                             for line in (v["value_label"], v["summary_en"], v["text_ar"])]
            needs.append(min(CELL_MAX, max(cell_len(line) for line in lines) + 1))
        room = (self.size.width or self.app.size.width) - 2 - (label_w + 2) - 2 * len(parties) - 2  # padding, scrollbar
        return [max(CELL_MIN, min(CELL_MAX, w)) for w in content_widths(needs, room, CELL_MIN)]

    def on_resize(self, event) -> None:
        if self.current is not None:
            cursor = self.query_one(DataTable).cursor_coordinate
            self.show_dispute(self.current["id"])
            self.query_one(DataTable).cursor_coordinate = cursor

    def _cell_text(self, aspect: dict, party_id: str, style: str, width: int) -> Text:
        """A party's cell: its values as people read them ("6 months"; the
        normalised P6M is in the cell's detail), the summary, the Arabic."""
        shaping = self.shaping
        vals = [p for p in aspect["positions"] if p["party_id"] == party_id]
        if not vals:
            return Text("—", style="dim")
        value = ", ".join(dict.fromkeys(v["value_label"] for v in vals))
        summary = "; ".join(dict.fromkeys(v["summary_en"] for v in vals))
        text = Text(fit(value, width - 1, False) + "\n", style=f"bold {'reverse ' if style else ''}".strip())
        text.append(fit(summary, width - 1, False) + "\n", style="italic")
        text.append(fit(vals[0]["text_ar"], width - 1, shaping))
        return text

    def _show_timeline(self, d: dict) -> None:
        lines = Text("Timeline\n", style="bold")
        for e in d["events"]:
            lines.append(f"{inert(e['date']) or '?':10} ", style="cyan")
            lines.append(f"{inert(e['kind']):9} ", style="bold")
            lines.append(fit(e["summary_en"], 60, False) + "\n")
        if d["deadlines"]:
            lines.append("Deadlines: " + ", ".join(inert(x["date"]) for x in d["deadlines"]) + "\n", style="bold red")
        if not d["events"]:
            lines.append("(no dated events)", style="dim")
        self.query_one("#dispute-timeline-text", Static).update(lines)

    # -- selection ----------------------------------------------------------------
    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_cell(event.coordinate.row, event.coordinate.column)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.show_cell(event.coordinate.row, event.coordinate.column)

    def selected_positions(self, row: int, column: int) -> list[dict]:
        if not self.current or not 0 <= row < len(self._rows):
            return []
        aspect = next(a for a in self.current["aspects"] if a["aspect"] == self._rows[row])
        if column == 0:
            return list(aspect["positions"])
        if not 0 < column <= len(self._columns):
            return []
        return [p for p in aspect["positions"] if p["party_id"] == self._columns[column - 1]]

    def show_cell(self, row: int, column: int) -> None:
        positions = self.selected_positions(row, column)
        out = Text()
        if not positions:
            out.append("No position of this party on this aspect.", style="dim")
        width = max(30, (self.size.width or 100) * 3 // 5 - 6)
        names = {p["id"]: p for p in (self.current or {}).get("parties", [])}
        for p in positions:
            party = self._party_name(names.get(p["party_id"], {"id": p["party_id"]}))
            out.append(fit(party, width, self.shaping), style="bold")  # shaped as the sentence under it
            if p.get("held_by") and p["held_by"] != p["party_id"]:
                out.append(f" (via {inert(p['held_by'])})", style="dim")
            out.append(f": {inert(shown_value(p))} — {inert(p['summary_en'])}\n")
            for line in wrap(p["sentence"] or p["text_ar"], width, self.shaping):
                out.append(line + "\n")
            art = p["article"]
            out.append(fit(f"{art.get('title') or ''}", width, self.shaping) + "\n", style="italic")
            out.append(f"{inert(art.get('path'))} ({inert(art.get('published')) or '?'})\n\n", style="dim")
        self.query_one("#dispute-cell-text", Static).update(out)

    # -- export -------------------------------------------------------------------
    def action_export_dispute(self) -> None:
        if not self.current:
            self.notify("No dispute to export", severity="warning")
            return
        directory = self.export_dir or Path.cwd()
        dispute = self.current
        try:
            paths = write_exports(dispute, directory)
        except ExportExists as exc:
            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    done = write_exports(dispute, directory, overwrite=True)
                    self.notify("Wrote " + ", ".join(str(p) for p in done))
                else:
                    self.notify("Export cancelled: files kept")
            self.app.push_screen(ConfirmOverwrite(exc.paths), answered)
            return
        except OSError as exc:
            self.notify(f"Export failed: {exc}", severity="error")
            return
        self.notify("Wrote " + ", ".join(str(p) for p in paths))

