"""The export dialog: format, path, and a confirmation before overwriting.

The path field has focus and enter exports; the folder the file goes to is
shown as the path is typed, and a folder that does not exist is said in one
line while the dialog stays open. When marked rows lie outside the filter,
the dialog asks which set to write.

It returns what to write; the app runs ``store.report.export.export_events`` (the
CLI's export code) in a thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from store.report.export import FORMATS

EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "json": "json", "geojson": "geojson", "acled": "acled.csv",
              "markdown": "md"}


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: str
    force: bool
    which: str | None = None  # "marked" or "filter", when the dialog asked
    shown_path: str | None = None  # the path as typed (the app offers it next time)


def folder_problem(target: Path) -> str | None:
    """Why the file at `target` cannot be written there, in one line, or None."""
    folder = target.parent
    if not folder.exists():
        return f"No folder {folder}: create it, or give a path in a folder that exists."
    if not folder.is_dir():
        return f"{folder} is not a folder."
    if not os.access(folder, os.W_OK):
        return f"The folder {folder} is not writable."
    return None


def default_path(fmt: str, stem: str = "conflictui-export") -> str:
    return f"{stem}.{EXTENSIONS.get(fmt, fmt)}"


def swap_extension(path: str, fmt: str) -> str:
    """Give a default-looking path the extension of the new format."""
    for ext in sorted(EXTENSIONS.values(), key=len, reverse=True):
        if path.endswith("." + ext):
            return path[: -len(ext)] + EXTENSIONS.get(fmt, fmt)
    return path


class ExportScreen(ModalScreen[ExportRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    AUTO_FOCUS = "#export-path"

    def __init__(self, what: str, fmt: str = "csv", path: str | None = None,
                 choices: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.what = what
        self.fmt = fmt if fmt in FORMATS else "csv"
        self.path = path or default_path(self.fmt)
        self.choices = choices or []
        self.confirming = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static("Export", id="export-title")
            if self.choices:
                with Horizontal(classes="export-row"):
                    yield Label("Write", classes="export-label")
                    yield Select(self.choices, value=self.choices[0][1], allow_blank=False, id="export-which")
            else:
                yield Static(self.what, id="export-what")
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                yield Select([(f, f) for f in FORMATS], value=self.fmt, allow_blank=False, id="export-format")
            with Horizontal(classes="export-row"):
                yield Label("Path", classes="export-label")
                yield Input(self.path, id="export-path")
            yield Static(self._folder_line(self.path), id="export-folder", markup=False)
            yield Static("", id="export-warning", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        self.fmt = str(event.value)
        path = self.query_one("#export-path", Input)
        path.value = swap_extension(path.value, self.fmt)
        self._reset_confirm()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self.query_one("#export-folder", Static).update(self._folder_line(event.value))
        self._reset_confirm()

    @staticmethod
    def _folder_line(path: str) -> str:
        folder = Path(path.strip() or ".").expanduser().absolute().parent
        return f"into the folder {folder}"

    def _reset_confirm(self) -> None:
        if self.confirming:
            self.confirming = False
            self.query_one("#export-ok", Button).label = "Export"
            self.query_one("#export-warning", Static).update("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def action_export(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        warning = self.query_one("#export-warning", Static)
        if not path:
            warning.update("Give a path to write to.")
            return
        target = Path(path).expanduser()
        if target.is_dir():
            warning.update(f"{path} is a folder: give a file name.")
            return
        problem = folder_problem(target.absolute())
        if problem:
            warning.update(problem)
            return
        if target.exists() and not self.confirming:
            self.confirming = True
            warning.update(f"{path} exists. Press Overwrite (or enter) to replace it.")
            self.query_one("#export-ok", Button).label = "Overwrite"
            return
        which = str(self.query_one("#export-which", Select).value) if self.choices else None
        self.dismiss(ExportRequest(self.fmt, str(target), force=self.confirming, which=which, shown_path=path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
