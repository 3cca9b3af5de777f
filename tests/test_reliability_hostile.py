"""Hostile text: ANSI/OSC escapes, C0/C1 controls, bidi overrides and
isolates, Rich/Textual markup and spreadsheet formulas in article titles,
sources, bodies and a user dictionary entry (tests/fixtures/hostile/) are
shown inertly by the CLI and the app and removed or escaped in exports."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from runcli import run  # noqa: E402

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
DANGER = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
MARKUP = "[@click=app.quit]x[/]"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    dicts = root / "dicts"
    dicts.mkdir()
    shutil.copy(HOSTILE / "actors.tsv", dicts / "actors.tsv")
    arts = root / "articles"
    arts.mkdir()
    for name in ("article.md", "batch.jsonl"):
        shutil.copy(HOSTILE / name, arts / name)
    db = root / "store.db"
    proc = run(["--db", db, "ingest", "-q", arts], dict_dir=dicts)
    assert proc.returncode == 0, proc.stderr
    return {"db": db, "dicts": dicts, "ingest": proc}


def _cli(h, *args):
    proc = run(["--db", h["db"], *args], dict_dir=h["dicts"])
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def _inert(text: str) -> None:
    assert "\x1b" not in text
    assert not DANGER.search(text), repr(DANGER.search(text).group())


def test_fixtures_really_are_hostile():
    raw = (HOSTILE / "actors.tsv").read_text(encoding="utf-8") + (HOSTILE / "article.md").read_text(encoding="utf-8")
    for bad in ("\x1b[31m", "\x1b]8;;", "\x9b", "\u202e", "\u2066", "[@click=app.quit]", "=HYPERLINK"):
        assert bad in raw or bad.encode("unicode_escape").decode() in raw


def test_store_holds_no_control_characters(hostile):
    conn = sqlite3.connect(hostile["db"])
    for table, cols in (("articles", "title, source, body"), ("sentences", "text"), ("actors", "name_en, aliases"),
                        ("events", "sentence")):
        for row in conn.execute(f"select {cols} from {table}"):
            for v in row:
                if isinstance(v, str):
                    _inert(v)
    # and the hostile actor and markup did arrive, inert
    assert conn.execute("select count(*) from events where actor1_id = 'evil_group'").fetchone()[0] >= 1
    assert conn.execute("select count(*) from articles where title like '%[@click=app.quit]x[/]%'").fetchone()[0] == 2


@pytest.mark.parametrize("args", [
    ["events", "--format", "table"], ["events", "--format", "jsonl"], ["events", "--format", "json"],
    ["events", "--format", "csv"], ["actors"], ["places"], ["actors", "--format", "json"],
    ["events", "--actor", "evil_group", "--format", "table"],
])
def test_cli_output_is_inert(hostile, args):
    proc = _cli(hostile, *args)
    _inert(proc.stdout)
    _inert(proc.stderr)


def test_markup_is_literal_in_cli(hostile):
    table = _cli(hostile, "actors").stdout
    assert "[bold]Evil[/bold]" in table
    jsonl = _cli(hostile, "events", "--format", "jsonl").stdout
    recs = [json.loads(line) for line in jsonl.splitlines()]
    assert any(MARKUP in (r["article"]["title"] or "") for r in recs)
    # (the sentence splitter ends a sentence at «app.», so its markup is the [bold] one)
    assert any("[bold]x[/bold]" in (r["sentence"] or "") for r in recs)


def test_csv_cells_are_not_formulas(hostile, tmp_path):
    for args in (["events", "--format", "csv"], ["export", "--format", "csv", "-o", tmp_path / "x.csv"]):
        proc = run(["--db", hostile["db"], *args], dict_dir=hostile["dicts"])
        if args[0] == "export" and proc.returncode != 0 and "not built" in proc.stderr:
            pytest.skip("export command not built yet")
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout if args[0] == "events" else (tmp_path / "x.csv").read_text(encoding="utf-8-sig")
        _inert(text)
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"-?[\d.]+", cell), cell


def test_ingest_messages_are_inert(hostile, tmp_path):
    """A hostile *file name* and a broken hostile file: the error line is inert too."""
    bad = tmp_path / "\x1b[31mred\u202e.txt"
    bad.write_bytes(b"")
    proc = run(["--db", tmp_path / "s.db", "ingest", "-q", bad])
    assert proc.returncode == 1
    _inert(proc.stderr)
    assert "is empty" in proc.stderr


def test_detail_pane_renders_markup_literally(hostile):
    from store.db.query import EventFilter, EventStore
    from tui.widgets.detail import EventDetailView

    store = EventStore(hostile["db"])
    ids = store.ids(EventFilter(actors=("evil_group",)))
    assert ids
    view = EventDetailView(shaping=False)
    view.detail = store.detail(ids[0])
    text = view.render_detail(120)
    assert MARKUP in text.plain and "[bold]" in text.plain or "[link=" in text.plain
    assert not any("click" in str(span.style) or "link" in str(span.style) for span in text.spans)
    _inert(text.plain)
    store.close()


def test_app_shows_markup_and_click_does_not_quit(hostile):
    """Pilot: move through the events table until the detail pane shows the
    hostile article; its title «[@click=app.quit]x[/]» is rendered
    literally, and clicking on it does not quit the app."""
    from tui.app import ConflictApp
    from tui.widgets.detail import EventDetailView
    from tui.widgets.events_table import EventsTable

    async def go():
        app = ConflictApp(hostile["db"], shaping=False, ingest_samples=False)
        async with app.run_test(size=(160, 50)) as pilot:
            table = app.query_one(EventsTable)
            for _ in range(100):
                await pilot.pause(0.05)
                if table.loaded_rows():
                    break
            assert table.loaded_rows()
            table.focus()
            detail = app.query_one(EventDetailView)
            plain = ""
            for _ in range(len(table.loaded_rows()) + 1):
                for _ in range(40):
                    await pilot.pause(0.05)
                    if detail.detail is not None:
                        break
                plain = detail.render_detail(150).plain
                if MARKUP in plain:
                    break
                await pilot.press("down")
            assert MARKUP in plain, plain
            _inert(plain)
            for offset in ((2, 3), (6, 5), (10, 6), (20, 8)):
                await pilot.click(EventDetailView, offset=offset)
            await pilot.pause(0.3)
            assert app.is_running and app.return_code is None

    asyncio.run(go())
