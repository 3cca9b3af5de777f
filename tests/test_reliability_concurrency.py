"""Concurrency: the app reads while an ingest writes, without "database is
locked" reaching anyone; two ingests into one store take turns, the second
saying once that it waits (or, with --no-wait, exiting 3 with one line)."""
from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from make_corpus import make_small_articles as make_articles  # noqa: E402
from runcli import popen, run  # noqa: E402

from store.db.ingest import lock_path  # noqa: E402
from store.db.query import EventFilter, EventStore  # noqa: E402


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    f = tmp_path_factory.mktemp("conc") / "articles"
    make_articles(f, 600)
    return f


def test_reader_thread_while_ingest_writes(folder, tmp_path):
    db = tmp_path / "store.db"
    seed = run(["--db", db, "ingest", "-q", Path(__file__).parents[1] / "sample_articles"])
    assert seed.returncode in (0, 1), seed.stderr
    errors: list[BaseException] = []
    loops = {"n": 0, "fresh": 0}
    stop = threading.Event()

    def reader():
        store = EventStore(db)
        try:
            while not stop.is_set():
                try:
                    n = store.count(EventFilter())
                    rows = store.page(EventFilter(), 0, 50)
                    after = store.page_after(EventFilter(), (rows[-1].date, rows[-1].id) if rows else None, 50)
                    store.actor_facets(EventFilter())
                    store.invalidate()
                    assert n >= len(rows) and isinstance(after, list)
                    if rows:
                        store.detail(rows[0].id)
                    loops["n"] += 1
                    if loops["n"] % 10 == 0:  # a new connection now and then, as a restarted app would
                        EventStore(db).close()
                        loops["fresh"] += 1
                except BaseException as exc:  # noqa: BLE001 - any exception fails the test
                    errors.append(exc)
                    return
        finally:
            store.close()

    proc = popen(["--db", db, "ingest", "-q", folder], stdout=open(os.devnull, "w"),
                 stderr=open(tmp_path / "ingest.err", "w"))
    t = threading.Thread(target=reader)
    t.start()
    rc = proc.wait(timeout=300)
    stop.set()
    t.join(timeout=60)
    assert not errors, repr(errors[0])
    assert rc in (0, 1), (tmp_path / "ingest.err").read_text()
    assert "locked" not in (tmp_path / "ingest.err").read_text()
    assert loops["n"] > 20, loops


def _hold_lock(db: Path) -> int:
    fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_second_ingest_no_wait_exits_3(tmp_path):
    db = tmp_path / "store.db"
    fd = _hold_lock(db)
    try:
        proc = run(["--db", db, "ingest", "--no-wait", Path(__file__).parents[1] / "sample_articles"], timeout=60)
    finally:
        os.close(fd)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "another ingest into" in lines[0] and str(db) in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_second_ingest_waits_and_says_so_once(tmp_path):
    db = tmp_path / "store.db"
    fd = _hold_lock(db)
    err = tmp_path / "err"
    proc = popen(["--db", db, "ingest", "-q", Path(__file__).parents[1] / "sample_articles"],
                 stdout=open(os.devnull, "w"), stderr=open(err, "w"))
    try:
        deadline = time.monotonic() + 60
        while "waiting for another ingest" not in err.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, err.read_text()
            time.sleep(0.05)
        time.sleep(0.5)
        assert proc.poll() is None  # still waiting
    finally:
        os.close(fd)
    assert proc.wait(timeout=120) == 0, err.read_text()
    text = err.read_text()
    assert text.count(f"waiting for another ingest into {db} to finish…") == 1
    assert "5 articles ingested" in text


def test_two_real_ingests_take_turns(folder, tmp_path):
    db = tmp_path / "store.db"
    samples = Path(__file__).parents[1] / "sample_articles"
    e1, e2 = tmp_path / "e1", tmp_path / "e2"
    p1 = popen(["--db", db, "ingest", "-q", folder], stdout=open(os.devnull, "w"), stderr=open(e1, "w"))
    time.sleep(1.0)
    p2 = popen(["--db", db, "ingest", "-q", samples], stdout=open(os.devnull, "w"), stderr=open(e2, "w"))
    assert p1.wait(timeout=300) == 0, e1.read_text()
    assert p2.wait(timeout=300) == 0, e2.read_text()
    t2 = e2.read_text()
    assert t2.count("waiting for another ingest") == 1, t2
    assert "locked" not in t2 and "locked" not in e1.read_text()
    store = EventStore(db)
    assert store.stats()["articles"] == 600 + 5
    store.close()
