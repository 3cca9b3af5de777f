"""Crash safety: `conflictui ingest` is SIGKILLed at random moments of a
2,000-article run (at start-up while the store is created, and at random
article counts, once with --jobs 2 so that workers die too). After each
kill the store passes `PRAGMA integrity_check` and every article is
complete (its sentences and reports) or absent; ingesting again completes
the rest and adds no duplicates.
"""
from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from make_corpus import make_small_articles  # noqa: E402
from runcli import popen, run  # noqa: E402

from store.db.schema import SCHEMA_VERSION  # noqa: E402

N_ARTICLES = 2000
SEED = 20240611


def make_articles(folder: Path) -> None:
    make_small_articles(folder, N_ARTICLES, SEED)


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def check_store(db: Path) -> dict:
    """Every invariant a kill must not break; returns counts."""
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        if one("select count(*) from sqlite_master where name = 'articles'") == 0:
            return {"articles": 0}  # killed before the schema was committed: nothing half-made
        assert one("select count(*) from sqlite_master where name = 'meta'") == 1
        assert one("select value from meta where key = 'schema_version'") == str(SCHEMA_VERSION)
        assert one("pragma integrity_check") == "ok"
        conn.execute("insert into sentences_fts(sentences_fts) values ('integrity-check')")
        assert one("select count(*) from articles a where a.n_reports !="
                   " (select count(*) from reports r where r.article_id = a.id)") == 0
        assert one("select count(*) from articles a where a.n_sentences !="
                   " (select count(*) from sentences s where s.article_id = a.id)") == 0
        assert one("select count(*) from sentences where article_id not in (select id from articles)") == 0
        assert one("select count(*) from reports where article_id not in (select id from articles)") == 0
        assert one("select count(*) from positions where article_id not in (select id from articles)") == 0
        assert one("select count(*) from reports where event_id not in (select id from events)") == 0
        assert one("select count(*) from events e where e.n_reports !="
                   " (select count(*) from reports r where r.event_id = e.id)") == 0
        assert one("select count(*) from events e where not exists"
                   " (select 1 from reports r where r.event_id = e.id)") == 0
        assert one("select count(*) - count(distinct hash) from articles") == 0
        assert one("select count(*) - count(distinct path) from articles") == 0
        return {"articles": one("select count(*) from articles"), "reports": one("select count(*) from reports"),
                "events": one("select count(*) from events")}
    finally:
        conn.close()


_FINAL: dict = {}


def kill_group(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "articles"
    make_articles(folder)
    return folder


def test_sigkill_at_random_moments_leaves_whole_articles(articles, tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "store.db"
    kills = []
    # 1: during start-up (schema creation, dictionary copy)
    proc = popen(["--db", db, "ingest", "-q", articles], stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    time.sleep(rng.uniform(0.3, 1.2))
    kill_group(proc)
    kills.append(("start-up", check_store(db)))
    # 2-4: at random article counts, the second of them with worker processes
    for k, jobs in enumerate((1, 2, 1)):
        before = max(count_articles(db), 0)
        target = before + rng.randint(50, (N_ARTICLES - before) // 2)
        proc = popen(["--db", db, "ingest", "-q", "--jobs", jobs, articles],
                     stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
        deadline = time.monotonic() + 120
        while count_articles(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        assert proc.poll() is None, "ingest finished before it could be killed"
        kill_group(proc)
        counts = check_store(db)
        assert before <= counts["articles"] < N_ARTICLES
        kills.append((f"jobs={jobs} after ~{target}", counts))
    # the same ingest again completes the rest, without duplicates
    proc = run(["--db", db, "ingest", "-q", articles])
    assert proc.returncode == 0, proc.stderr
    assert "waiting for another ingest" not in proc.stderr  # the killed ones left no lock behind
    done = int(re.search(r"(\d+) articles ingested, (\d+) already", proc.stderr).group(1))
    already = int(re.search(r"(\d+) already in the store", proc.stderr).group(1))
    final = check_store(db)
    assert final["articles"] == N_ARTICLES
    assert done + already == N_ARTICLES and already == kills[-1][1]["articles"]
    again = run(["--db", db, "ingest", "-q", articles])
    assert again.returncode == 0 and f"0 articles ingested, {N_ARTICLES} already" in again.stderr
    assert check_store(db) == final
    doctor = run(["--db", db, "doctor"])
    assert doctor.returncode == 0 and "integrity_check: ok" in doctor.stdout
    _FINAL.update(final)
    print("kills survived:", kills)


def test_killed_store_equals_uninterrupted_store(articles, tmp_path):
    """Same articles, same report count: a crash loses no events either
    (event merging depends on order, so events are compared by count of
    reports, which does not)."""
    db = tmp_path / "clean.db"
    proc = run(["--db", db, "ingest", "-q", articles])
    assert proc.returncode == 0
    clean = check_store(db)
    assert clean["articles"] == N_ARTICLES and clean["reports"] > N_ARTICLES // 2
    if _FINAL:
        assert clean["reports"] == _FINAL["reports"]
