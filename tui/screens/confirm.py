"""Yes-or-no questions: before replacing files, before adding the sample
articles to a store the user named."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from store.text.textsafe import strip_controls


class Confirm(ModalScreen[bool]):
    """A question with a yes and a no button (keys y and n; escape is no)."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 70; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    Confirm Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", *, yes_id: str = "yes",
                 no_id: str = "no") -> None:
        super().__init__()
        self.question = strip_controls(question)
        self.labels = ((f"{yes} (y)", yes_id, "warning"), (f"{no} (n)", no_id, "primary"))
        self.yes_id = yes_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="confirm-question")
            with Horizontal():
                for label, ident, variant in self.labels:
                    yield Button(label, id=ident, variant=variant)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == self.yes_id)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ConfirmOverwrite(Confirm):
    """Ask before replacing export files."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__("These files exist:\n" + "\n".join(str(p) for p in paths) + "\nOverwrite them?",
                         "Overwrite", "Keep", yes_id="overwrite", no_id="keep")
        self.paths = paths
