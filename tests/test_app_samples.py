"""The app fills a store from the bundled samples only when the store is
empty and no ingest holds its ingest lock, and asks first when the user
named a store that exists (tui/samples.py)."""

from __future__ import annotations

import contextlib
import time

from click.testing import CliRunner

from store.db.ingest import ingest, ingest_lock
from store.db.query import EventStore
from tests.test_app import SIZE, run_async, settle
from tui.app import ConflictApp, find_sample_articles
from tui.screens.confirm import Confirm


def articles(db) -> int:
    store = EventStore(db)
    try:
        return store.stats()["articles"]
    finally:
        store.close()


def empty_store(path):
    EventStore(path).close()  # what a first ingest leaves before its first batch: the schema, no article
    return path


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def wait_for_screen(app, pilot, kind, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not isinstance(app.screen, kind):
        assert time.monotonic() < deadline, f"no {kind.__name__} dialog"
        await pilot.pause(0.05)


@contextlib.asynccontextmanager
async def asked(db):
    """The app on the store `db` named by the user, its question open."""
    app = ConflictApp(db, shaping=False, explicit_store=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(app, pilot, Confirm)
        yield app, pilot


@run_async
async def test_no_samples_while_an_ingest_holds_the_lock(tmp_path):
    db = empty_store(tmp_path / "filling.db")
    with ingest_lock(str(db), wait=False):  # a first ingest, still extracting
        app = ConflictApp(db, shaping=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert articles(db) == 0
            assert any("ingest into this store is running" in n for n in notes(app))
            assert not isinstance(app.screen, Confirm)


@run_async
async def test_a_named_existing_store_is_filled_only_when_the_user_says_yes(tmp_path):
    db = empty_store(tmp_path / "mine.db")
    async with asked(db) as (app, pilot):
        assert "empty" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.pause()
        await settle(app, pilot)
        assert articles(db) == 0
    async with asked(db) as (app, pilot):
        await pilot.click("#samples-yes")
        await settle(app, pilot, timeout=60)
        n_samples = len([p for p in find_sample_articles().iterdir() if p.is_file()])
        assert articles(db) == n_samples
        assert f"Store was empty: loaded the {n_samples} bundled sample articles" in notes(app)


@run_async
async def test_a_named_new_store_is_filled_without_asking(tmp_path):
    db = tmp_path / "new.db"  # nobody can be filling a store that does not exist yet
    app = ConflictApp(db, shaping=False, explicit_store=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot, timeout=60)
        assert not isinstance(app.screen, Confirm)
        assert articles(db) > 0


@run_async
async def test_yes_adds_nothing_if_an_ingest_started_or_filled_the_store_meanwhile(tmp_path):
    db = empty_store(tmp_path / "mine.db")
    async with asked(db) as (app, pilot):
        with ingest_lock(str(db), wait=False):  # an ingest starts while the question is open
            await pilot.press("y")
            await settle(app, pilot, timeout=60)
        assert articles(db) == 0
        assert any("not added: an ingest into this store is running" in n for n in notes(app))

    article = tmp_path / "one.txt"
    article.write_text("---\ntitle: خبر\npublished: 2024-01-02\n---\nقصفت الطائرات مدينة إدلب صباح اليوم.\n",
                       encoding="utf-8")
    async with asked(db) as (app, pilot):
        ingest(str(db), [str(article)])  # the user's own ingest lands while the question is open
        await pilot.press("y")
        await settle(app, pilot, timeout=60)
        assert articles(db) == 1
        assert any("not added: the store is no longer empty" in n for n in notes(app))


def test_the_command_names_the_store_explicitly_only_with_db_or_the_environment(tmp_path, monkeypatch):
    import tui.app
    from tui.cli.main import main

    seen = []
    monkeypatch.setattr(tui.app, "run_app", lambda db, shaping, explicit_store=False: seen.append(explicit_store))
    monkeypatch.delenv("CONFLICTUI_DB", raising=False)
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(tmp_path / "s.db")]).exit_code == 0
    assert runner.invoke(main, []).exit_code == 0
    monkeypatch.setenv("CONFLICTUI_DB", str(tmp_path / "env.db"))
    assert runner.invoke(main, []).exit_code == 0
    assert seen == [True, False, True]
