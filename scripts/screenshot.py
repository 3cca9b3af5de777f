"""Save the README's screenshots of the app on the bundled samples.

    python scripts/screenshot.py            # docs/screenshot.svg, docs/screenshot-disputes.svg,
                                            # docs/screenshot-edit.svg (the review's edit dialog)

Shaping is off for the SVGs: a browser lays Arabic out itself, so text
that conflictui shaped for a terminal would be reversed a second time
(an SVG's text is laid out again by the viewer's own bidi)."""
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store import settings  # noqa: E402
from store.db.ingest import ingest  # noqa: E402
from tui.app import ConflictApp  # noqa: E402


async def shoot(db: Path) -> None:
    app = ConflictApp(db, shaping=False, ingest_samples=False)
    async with app.run_test(size=(170, 48)) as pilot:
        await pilot.pause(2.0)
        app.save_screenshot(str(ROOT / "docs" / "screenshot.svg"))
        await pilot.press("3")
        await pilot.pause(1.5)
        app.save_screenshot(str(ROOT / "docs" / "screenshot-disputes.svg"))
        await pilot.press("1")
        await pilot.pause(1.0)
        await pilot.press("E")  # the edit dialog on the event under the cursor, a toll being typed
        await pilot.pause(1.0)
        app.screen.query_one("#edit-fatalities").value = "12"
        app.screen.query_one("#edit-note").value = "the later count of the same outlet"
        await pilot.pause(0.5)
        app.save_screenshot(str(ROOT / "docs" / "screenshot-edit.svg"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.db"
        # the shipped layout, not the columns or keys of whoever runs this
        os.environ[settings.KEYMAP_VAR] = str(Path(tmp) / "keymap.toml")
        ingest(str(db), [str(ROOT / "sample_articles")])
        asyncio.run(shoot(db))
    print("wrote docs/screenshot.svg, docs/screenshot-disputes.svg and docs/screenshot-edit.svg")


if __name__ == "__main__":
    main()
