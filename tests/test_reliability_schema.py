"""Schema versions: a newer store is refused in one line (exit 2), a file
that is not a conflictui store is refused clearly, a version-0 store is
migrated with a line saying so, and `doctor` reports version, counts and
the integrity check."""
from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from runcli import run  # noqa: E402

from store.db.schema import MIGRATIONS, SCHEMA_VERSION, SchemaError, connect, ensure_schema  # noqa: E402

SAMPLES = Path(__file__).parents[1] / "sample_articles"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("schema") / "store.db"
    assert run(["--db", db, "ingest", "-q", SAMPLES]).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return db


@pytest.fixture
def store_db(pristine, tmp_path) -> Path:
    db = tmp_path / "store.db"
    shutil.copyfile(pristine, db)
    return db


def _one_line_refusal(proc, db: Path, words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(db) in lines[0] and words in lines[0], lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("command", [["events"], ["doctor"], ["actors"], ["ingest", "-q", str(SAMPLES)]])
def test_newer_store_refused(store_db, command):
    db = store_db
    conn = sqlite3.connect(db)
    conn.execute("update meta set value = '999' where key = 'schema_version'")
    conn.commit()
    conn.close()
    _one_line_refusal(run(["--db", db, *command]), db, "schema version 999, newer than")
    conn = sqlite3.connect(db)  # and left untouched
    assert conn.execute("select value from meta where key = 'schema_version'").fetchone()[0] == "999"


@pytest.mark.parametrize("command", [["events"], ["doctor"], ["ingest", "-q", str(SAMPLES)]])
def test_foreign_sqlite_file_refused(tmp_path, command):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("create table customers(id integer primary key, name text)")
    conn.execute("insert into customers(name) values ('x')")
    conn.commit()
    conn.close()
    _one_line_refusal(run(["--db", db, *command]), db, "not a conflictui store")
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")] == ["customers"]


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + b"\xff" * 200, b"hello, not a database\n" * 50])
def test_corrupt_or_non_sqlite_file_refused(tmp_path, content):
    db = tmp_path / "bad.db"
    db.write_bytes(content)
    for command in (["events"], ["doctor"], ["ingest", "-q", str(SAMPLES)]):
        proc = run(["--db", db, *command])
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "Traceback" not in proc.stderr and str(db) in proc.stderr
    assert db.read_bytes() == content


@pytest.mark.parametrize("value", ["", "abc", "-1"])
def test_garbage_version_refused(store_db, value):
    db = store_db
    conn = sqlite3.connect(db)
    conn.execute("update meta set value = ? where key = 'schema_version'", [value])
    conn.commit()
    conn.close()
    _one_line_refusal(run(["--db", db, "events"]), db, "not a conflictui store")


def _version0(db: Path, with_articles: bool) -> None:
    conn = sqlite3.connect(db)
    conn.execute("create table meta(key text primary key, value text)")
    conn.execute("insert into meta values ('schema_version', '0')")
    if with_articles:  # an early store: articles and sentences, nothing else
        conn.execute("create table articles(id integer primary key, hash text not null, path text not null,"
                     " title text, source text, published text, url text, language text, body text,"
                     " n_sentences integer, n_reports integer, notes text, ingested_at text)")
        conn.execute("create table sentences(id integer primary key, article_id integer, idx integer,"
                     " start integer, end integer, text text, norm text)")
        conn.execute("insert into articles(hash, path, title, body, n_sentences, n_reports)"
                     " values ('h', 'old.txt', 'old', 'قصف حلب', 1, 0)")
        conn.execute("insert into sentences(article_id, idx, start, end, text, norm)"
                     " values (1, 0, 0, 7, 'قصف حلب', 'قصف حلب')")
    conn.commit()
    conn.close()


def test_migrations_cover_every_version():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


@pytest.mark.parametrize("with_articles", [False, True])
def test_version0_store_is_migrated_with_a_message(tmp_path, with_articles):
    db = tmp_path / "v0.db"
    _version0(db, with_articles)
    proc = run(["--db", db, "events", "--format", "jsonl"])
    assert proc.returncode == 0, proc.stderr
    assert f"migrated store from schema 0 to {SCHEMA_VERSION}" in proc.stderr
    assert "Traceback" not in proc.stderr
    doctor = run(["--db", db, "doctor"])
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert f"schema_version: {SCHEMA_VERSION}" in doctor.stdout and "migrated" not in doctor.stderr
    if with_articles:
        assert "articles: 1" in doctor.stdout
        conn = sqlite3.connect(db)  # old sentences are searchable after the migration
        assert conn.execute("select count(*) from sentences_fts where sentences_fts match 'حلب'").fetchone()[0] == 1
    ing = run(["--db", db, "ingest", "-q", SAMPLES])
    assert ing.returncode == 0, ing.stderr


def test_failed_migration_leaves_store_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "v0.db"
    _version0(db, True)

    def boom(d):
        d.execute("create table half_done(x)")
        raise RuntimeError("simulated crash in a migration")

    monkeypatch.setitem(MIGRATIONS, 0, boom)
    sdb = connect(db)
    with pytest.raises(RuntimeError):
        ensure_schema(sdb)
    sdb.conn.close()
    conn = sqlite3.connect(db)
    assert conn.execute("select value from meta where key = 'schema_version'").fetchone()[0] == "0"
    assert conn.execute("select count(*) from sqlite_master where name = 'half_done'").fetchone()[0] == 0


def test_doctor_reports_version_counts_integrity(store_db):
    db = store_db
    proc = run(["--db", db, "doctor"])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for key in (f"schema_version: {SCHEMA_VERSION}", "articles: 5", "integrity_check: ok",
                "partial_articles: 0", "orphan_rows: 0"):
        assert key in out, out
    for key in ("sentences:", "reports:", "events:"):
        assert key in out
    # a partial article (as a crash without transactions would leave) is caught
    conn = sqlite3.connect(db)
    conn.execute("update articles set n_reports = n_reports + 3 where id = 1")
    conn.commit()
    conn.close()
    bad = run(["--db", db, "doctor"])
    assert bad.returncode == 1 and "partial_articles: 1" in bad.stdout


def test_doctor_on_missing_store(tmp_path):
    proc = run(["--db", tmp_path / "none.db", "doctor"])
    assert proc.returncode == 1 and "no store at" in proc.stderr  # as every read command (issue 14)
    assert not (tmp_path / "none.db").exists()


def test_schema_error_is_raised_not_misread(tmp_path):
    db = tmp_path / "x.db"
    conn = sqlite3.connect(db)
    conn.execute("create table meta(key text primary key, value text)")
    conn.execute("insert into meta values ('schema_version', '999')")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError):
        ensure_schema(connect(db))
