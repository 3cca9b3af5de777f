"""The SQLite schema, created and migrated with sqlite-utils.

Tables (see README "The store"):

- meta: key/value facts about the store (schema_version, dictionaries).
- articles: one row per distinct article (content hash unique).
- sentences: the sentences of each article with their offsets, plus
  `sentences_fts`, an FTS5 index over their normalised, clitic-stripped
  text so that «جيش» finds «والجيش».
- reports: every extracted mention of an event (article, sentence, spans,
  the rule that fired). Many reports make one event.
- events: one row per act; reports of the same act are merged into it.
- actors, places, place_ancestors (closure of the place hierarchy, so that
  a town includes its neighbourhoods and facilities), names (every
  normalised name and alias of an actor or place, for lookup).
- positions: diplomatic positions (party, subject, aspect, value) with
  their provenance, for the disputes view.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 1


class SchemaError(Exception):
    """The store cannot be used with this version of conflictui."""


def connect(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """Open a store with the pragmas every connection needs: WAL so that the
    app reads while an ingest writes, and a busy timeout so that a waiting
    writer or reader retries instead of failing with 'database is locked'."""
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -64000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA mmap_size = 268435456")
    return sqlite_utils.Database(conn)


def schema_version(db: sqlite_utils.Database) -> int | None:
    if "meta" not in db.table_names():
        return None
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables of an empty store, or check and migrate an old one."""
    version = schema_version(db)
    if version is None:
        if [t for t in db.table_names() if not t.startswith("sqlite_")]:
            raise SchemaError("this file is an SQLite database but not a conflictui store (no meta table)")
        _create(db)
        return
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"the store has schema version {version}, newer than this conflictui understands "
            f"({SCHEMA_VERSION}); upgrade conflictui"
        )
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](db)
        set_meta(db, "schema_version", str(step + 1))


MIGRATIONS: dict[int, callable] = {}  # from version N to N+1


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute("insert or replace into meta(key, value) values (?, ?)", [key, value])


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("select value from meta where key = ?", [key]).fetchone()
    return row[0] if row else None


def _create(db: sqlite_utils.Database) -> None:
    with db.conn:
        db["meta"].create({"key": str, "value": str}, pk="key")
        db["articles"].create(
            {
                "id": int, "hash": str, "path": str, "title": str, "source": str, "published": str,
                "url": str, "language": str, "body": str, "n_sentences": int, "n_reports": int,
                "notes": str, "ingested_at": str,
            },
            pk="id", not_null={"hash", "path"},
        )
        db["articles"].create_index(["hash"], unique=True)
        db["articles"].create_index(["path"])
        db["sentences"].create(
            {"id": int, "article_id": int, "idx": int, "start": int, "end": int, "text": str, "norm": str},
            pk="id", foreign_keys=[("article_id", "articles", "id")],
        )
        db["sentences"].create_index(["article_id", "idx"], unique=True)
        db.execute(
            "create virtual table sentences_fts using fts5(norm, content='sentences', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        db["actors"].create(
            {"id": str, "name_en": str, "name_ar": str, "kind": str, "country": str, "parent": str, "aliases": str},
            pk="id",
        )
        db["places"].create(
            {
                "id": str, "name_en": str, "name_ar": str, "kind": str, "lat": float, "lon": float,
                "parent": str, "country": str, "admin1": str, "population": int, "aliases": str,
            },
            pk="id",
        )
        db["place_ancestors"].create({"place_id": str, "ancestor_id": str, "depth": int},
                                     pk=("ancestor_id", "place_id"))
        db["place_ancestors"].create_index(["place_id"])
        db["names"].create({"norm": str, "kind": str, "entity_id": str, "name": str},
                           pk=("kind", "norm", "entity_id"))
        db["events"].create(
            {
                "id": int, "event_type": str, "actor1_id": str, "actor2_id": str, "place_id": str,
                "date": str, "date_precision": str, "reported_by_id": str, "fatalities": int,
                "negated": int, "hedged": int, "n_reports": int, "n_sources": int,
                "first_report_id": int, "article_id": int, "sentence": str,
            },
            pk="id",
        )
        # The table pane pages by (date, id); the filters each get an index
        # that leads with the filtered column and carries the sort order.
        db["events"].create_index(["date", "id"], index_name="idx_events_date")
        db["events"].create_index(["actor1_id", "date", "id"], index_name="idx_events_actor1")
        db["events"].create_index(["actor2_id", "date", "id"], index_name="idx_events_actor2")
        db["events"].create_index(["place_id", "date", "id"], index_name="idx_events_place")
        db["events"].create_index(["event_type", "date", "id"], index_name="idx_events_type")
        db["events"].create_index(["event_type", "actor1_id", "place_id", "date"], index_name="idx_events_merge")
        db["reports"].create(
            {
                "id": int, "event_id": int, "article_id": int, "sentence_id": int, "event_type": str,
                "actor1_id": str, "actor2_id": str, "place_id": str, "date": str, "date_precision": str,
                "reported_by_id": str, "fatalities": int, "negated": int, "hedged": int,
                "rule": str, "spans": str, "source": str,
            },
            pk="id",
        )
        db["reports"].create_index(["event_id"])
        db["reports"].create_index(["article_id"])
        db["positions"].create(
            {
                "id": int, "article_id": int, "sentence_id": int, "report_id": int, "party_id": str,
                "subject": str, "subject_en": str, "subject_ar": str, "aspect": str, "value": str,
                "summary_en": str, "text_ar": str, "spans": str, "event_type": str, "date": str,
            },
            pk="id",
        )
        db["positions"].create_index(["subject"])
        db["positions"].create_index(["article_id"])
        db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, replace=True)
