"""Schema 3: the tables' foreign keys, the writer's order that satisfies
them, `facet_counts` made by the schema, and a store of schema 2 migrated
with its rows, ids and search kept."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.db import ingest as ingest_module
from store.db import schema
from store.db.query import EventFilter, EventStore
from store.db.schema import SCHEMA_VERSION, connect, ensure_schema

SAMPLES = Path(__file__).parents[1] / "sample_articles"

# The tables a store of schema 2 had (sqlite_master of a store made by
# conflictui at schema 2, after its first ingest; `facet_counts` was made
# by that ingest). No keys but sentences → articles.
SCHEMA_2 = """
CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT);
CREATE TABLE "articles" ("id" INTEGER PRIMARY KEY, "hash" TEXT NOT NULL, "path" TEXT NOT NULL, "title" TEXT,
 "source" TEXT, "published" TEXT, "url" TEXT, "language" TEXT, "body" TEXT, "n_sentences" INTEGER,
 "n_reports" INTEGER, "notes" TEXT, "ingested_at" TEXT);
CREATE UNIQUE INDEX "idx_articles_hash" ON "articles" ("hash");
CREATE INDEX "idx_articles_path" ON "articles" ("path");
CREATE TABLE "sentences" ("id" INTEGER PRIMARY KEY, "article_id" INTEGER REFERENCES "articles"("id"),
 "idx" INTEGER, "start" INTEGER, "end" INTEGER, "text" TEXT, "norm" TEXT);
CREATE UNIQUE INDEX "idx_sentences_article_id_idx" ON "sentences" ("article_id", "idx");
CREATE VIRTUAL TABLE sentences_fts using fts5(norm, content='sentences', content_rowid='id',
 tokenize='unicode61 remove_diacritics 2');
CREATE TABLE "actors" ("id" TEXT PRIMARY KEY, "name_en" TEXT, "name_ar" TEXT, "kind" TEXT, "country" TEXT,
 "parent" TEXT, "aliases" TEXT);
CREATE TABLE "places" ("id" TEXT PRIMARY KEY, "name_en" TEXT, "name_ar" TEXT, "kind" TEXT, "lat" REAL,
 "lon" REAL, "parent" TEXT, "country" TEXT, "admin1" TEXT, "population" INTEGER, "aliases" TEXT);
CREATE TABLE "place_ancestors" ("place_id" TEXT, "ancestor_id" TEXT, "depth" INTEGER,
 PRIMARY KEY ("ancestor_id", "place_id"));
CREATE INDEX "idx_place_ancestors_place_id" ON "place_ancestors" ("place_id");
CREATE TABLE "names" ("norm" TEXT, "kind" TEXT, "entity_id" TEXT, "name" TEXT,
 PRIMARY KEY ("kind", "norm", "entity_id"));
CREATE TABLE "events" ("id" INTEGER PRIMARY KEY, "event_type" TEXT, "actor1_id" TEXT, "actor2_id" TEXT,
 "place_id" TEXT, "date" TEXT, "date_precision" TEXT, "reported_by_id" TEXT, "fatalities" INTEGER,
 "negated" INTEGER, "hedged" INTEGER, "n_reports" INTEGER, "n_sources" INTEGER, "first_report_id" INTEGER,
 "article_id" INTEGER, "sentence" TEXT);
CREATE INDEX "idx_events_date" ON "events" ("date", "id");
CREATE INDEX "idx_events_actor1" ON "events" ("actor1_id", "date", "id");
CREATE INDEX "idx_events_actor2" ON "events" ("actor2_id", "date", "id");
CREATE INDEX "idx_events_place" ON "events" ("place_id", "date", "id");
CREATE INDEX "idx_events_type" ON "events" ("event_type", "date", "id");
CREATE INDEX "idx_events_merge" ON "events" ("event_type", "actor1_id", "place_id", "date");
CREATE INDEX idx_events_a1p on events(actor1_id, place_id, date, actor2_id, event_type);
CREATE INDEX idx_events_a2p on events(actor2_id, place_id, date, actor1_id, event_type);
CREATE INDEX idx_events_a1a2 on events(actor1_id, actor2_id, place_id, event_type, date);
CREATE INDEX idx_events_a2a1 on events(actor2_id, actor1_id, place_id, event_type, date);
CREATE TABLE "reports" ("id" INTEGER PRIMARY KEY, "event_id" INTEGER, "article_id" INTEGER,
 "sentence_id" INTEGER, "event_type" TEXT, "actor1_id" TEXT, "actor2_id" TEXT, "place_id" TEXT, "date" TEXT,
 "date_precision" TEXT, "reported_by_id" TEXT, "fatalities" INTEGER, "negated" INTEGER, "hedged" INTEGER,
 "rule" TEXT, "spans" TEXT, "source" TEXT);
CREATE INDEX "idx_reports_event_id" ON "reports" ("event_id");
CREATE INDEX "idx_reports_article_id" ON "reports" ("article_id");
CREATE TABLE "positions" ("id" INTEGER PRIMARY KEY, "article_id" INTEGER, "sentence_id" INTEGER,
 "report_id" INTEGER, "party_id" TEXT, "subject" TEXT, "subject_en" TEXT, "subject_ar" TEXT, "aspect" TEXT,
 "value" TEXT, "summary_en" TEXT, "text_ar" TEXT, "spans" TEXT, "event_type" TEXT, "date" TEXT);
CREATE INDEX "idx_positions_subject" ON "positions" ("subject");
CREATE INDEX "idx_positions_article_id" ON "positions" ("article_id");
"""
FACET_COUNTS_2 = ("CREATE TABLE facet_counts(kind text not null, id text not null, n integer not null,"
                  " primary key (kind, id)) without rowid")

# A few rows of our own, with ids that are not 1 (a migration must keep them).
ROWS_2 = """
INSERT INTO meta VALUES ('schema_version', '2');
INSERT INTO actors VALUES ('test_army', 'Test Army', 'جيش الاختبار', 'state_force', 'SY', '', '');
INSERT INTO places VALUES ('test_town', 'Test Town', 'بلدة الاختبار', 'town', 35.0, 38.0, '', 'SY', '', 0, '');
INSERT INTO place_ancestors VALUES ('test_town', 'test_town', 0);
INSERT INTO names VALUES ('جيش الاختبار', 'actor', 'test_army', 'جيش الاختبار');
INSERT INTO articles(id, hash, path, title, body, n_sentences, n_reports)
 VALUES (7, 'h7', 'old.txt', 'old', 'قصف جيش الاختبار بلدة الاختبار', 1, 1);
INSERT INTO sentences VALUES (11, 7, 0, 0, 30, 'قصف جيش الاختبار بلدة الاختبار', 'قصف جيش اختبار بلده اختبار');
INSERT INTO sentences_fts(rowid, norm) VALUES (11, 'قصف جيش اختبار بلده اختبار');
INSERT INTO events VALUES (21, 'shelling', 'test_army', NULL, 'test_town', '2017-03-04', 'day', NULL, NULL,
 0, 0, 1, 1, 31, 7, 'قصف جيش الاختبار بلدة الاختبار');
INSERT INTO reports VALUES (31, 21, 7, 11, 'shelling', 'test_army', NULL, 'test_town', '2017-03-04', 'day',
 NULL, NULL, 0, 0, 'shelling:قصف', '{}', NULL);
INSERT INTO positions(id, article_id, sentence_id, party_id, subject, aspect, value)
 VALUES (41, 7, 11, 'test_army', 'test_subject', 'vote', 'for');
"""


def _shape(db) -> dict:
    """What a store's schema is made of, beside the text of its SQL: each
    table's columns with their types, keys and indexes."""
    tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'"
                                       " and name not like 'sentences_fts%' order by name")]
    return {t: ([(c[1], c[2], c[3], c[5]) for c in db.execute(f'pragma table_info("{t}")')],
                sorted(tuple(k[2:5]) for k in db.execute(f'pragma foreign_key_list("{t}")')),
                sorted((i[1], i[2]) for i in db.execute(f'pragma index_list("{t}")')))
            for t in tables}


def _schema_2_store(path: Path, ingested: bool) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_2 + (FACET_COUNTS_2 + ";" if ingested else "") + ROWS_2)
    conn.close()
    return path


def _keys(conn, table: str) -> set[tuple[str, str]]:
    return {(k[3], k[2]) for k in conn.execute(f"pragma foreign_key_list({table})")}  # (column, table)


def test_tables_declare_their_keys(tmp_path):
    store = EventStore(tmp_path / "new.db")
    try:
        reports, events = _keys(store.conn, "reports"), _keys(store.conn, "events")
        positions = _keys(store.conn, "positions")
    finally:
        store.close()
    assert {("event_id", "events"), ("article_id", "articles"), ("sentence_id", "sentences")} <= reports
    assert {("actor1_id", "actors"), ("actor2_id", "actors"), ("reported_by_id", "actors"),
            ("place_id", "places"), ("article_id", "articles")} <= events
    assert {("article_id", "articles"), ("sentence_id", "sentences"), ("party_id", "actors")} <= positions


def test_new_store_has_facet_counts_before_any_ingest(tmp_path):
    db = connect(tmp_path / "new.db")
    ensure_schema(db)
    (sql,) = db.execute("select sql from sqlite_master where name = 'facet_counts'").fetchone()
    db.conn.close()
    assert sql == FACET_COUNTS_2  # the table the first ingest used to make, as it made it


def test_writer_order_satisfies_the_keys_and_check_is_clean(tmp_path, monkeypatch):
    """The samples are written with the keys enforced: a row written before
    the row it names would fail at once."""
    def enforcing(path, readonly=False):
        db = connect(path, readonly)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    monkeypatch.setattr(ingest_module, "connect", enforcing)
    path = tmp_path / "store.db"
    summary = ingest_module.ingest(str(path), [str(SAMPLES)])
    assert summary.ok and summary.reports > 0 and summary.events_new > 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("select count(*) from positions").fetchone()[0] > 0
        assert ("event_id", "events") in _keys(conn, "reports")  # the check has keys to check
        assert conn.execute("pragma foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.mark.parametrize("ingested", [False, True])
def test_schema_2_store_is_migrated_with_rows_ids_and_search_kept(tmp_path, ingested, monkeypatch):
    notices: list[str] = []
    monkeypatch.setattr(schema, "migration_notice", notices.append)
    path = _schema_2_store(tmp_path / "v2.db", ingested)
    store = EventStore(path)
    try:
        assert notices == [f"migrated store from schema 2 to {SCHEMA_VERSION}"]
        new = connect(tmp_path / "new.db")
        ensure_schema(new)
        assert _shape(store.db) == _shape(new)  # keys, columns and indexes as a new store has them
        new.conn.close()
        conn = store.conn
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select id, first_report_id, article_id from events").fetchall() == [(21, 31, 7)]
        assert conn.execute("select id, event_id, sentence_id from reports").fetchall() == [(31, 21, 11)]
        assert conn.execute("select id, sentence_id, party_id from positions").fetchall() == [(41, 11, "test_army")]
        assert [r.id for r in store.page(EventFilter(actors=("جيش الاختبار",), text="جيش"))] == [21]
        assert [(f.id, f.count) for f in store.place_facets(EventFilter())] == [("test_town", 1)]
    finally:
        store.close()
