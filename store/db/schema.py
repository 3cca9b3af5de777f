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
- facet_counts: the unfiltered actor and place counts, precomputed.
- corrections: the analyst's reviews (confirm, reject, edit, add), keyed
  by the report they correct (article hash, sentence index, trigger span,
  rule), never by a row id; store/db/corrections.py applies them to the
  events rows (`events.review`) and again after every (re)ingest.

`TABLES` declares every table; a column that holds another table's id is a
foreign key (reports → events, articles, sentences; events → actors,
places, articles; ...), so that Datasette and sqlite-utils link the rows.
store/data/datasette.json describes the tables and columns for Datasette.
"""
from __future__ import annotations

import os
import re
import sqlite3
import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from ..nlp.dictionaries import PRECISION_OF_KIND

SCHEMA_VERSION = 5


class SchemaError(Exception):
    """The store cannot be used with this version of conflictui."""


def connect(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """Open a store with the pragmas every connection needs: WAL so that the
    app reads while an ingest writes, and a busy timeout so that a waiting
    writer or reader retries instead of failing with 'database is locked'."""
    path = Path(path)
    if readonly:
        # quoted: a «?» or «#» in a folder name would end the path of the URI;
        # immutable: on a read-only mount SQLite cannot make its -shm file
        uri = f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro"
        if not os.access(path.absolute().parent, os.W_OK):
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.text_factory = lenient_text
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    # The foreign keys describe the store and are not enforced: an edit of the
    # dictionaries may remove an actor or a place that stored events name.
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -64000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA mmap_size = 268435456")
    return sqlite_utils.Database(conn)


# Text values that were not UTF-8 (a damaged store), shown with U+FFFD: the
# CLI warns once when this is not 0.
undecodable = {"values": 0}


def lenient_text(raw: bytes) -> str:
    """A TEXT value as str: bad UTF-8 (a damaged page, a foreign writer)
    becomes U+FFFD instead of an OperationalError that ends the command."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        undecodable["values"] += 1
        return raw.decode("utf-8", "replace")


def open_store(path: str | Path, readonly: bool = False,
               check: Callable[[sqlite_utils.Database], None] | None = None) -> sqlite_utils.Database:
    """A store's connection, opened only once `accepted`: a file that is
    refused is never changed, not even switched to WAL. `readonly`: a
    current store stays read-only (read commands, a read-only mount); an old
    one is migrated like any other."""
    ro, version = accepted(path, check)
    if ro is not None:
        if readonly and version == SCHEMA_VERSION:
            return ro
        ro.conn.close()
    db = connect(path)
    ensure_schema(db)
    return db


def accepted(path: str | Path, check: Callable[[sqlite_utils.Database], None] | None = None,
             ) -> tuple[sqlite_utils.Database | None, int | None]:
    """(the existing store opened read-only, its schema version) once it
    passes check_schema and `check` (which raises to refuse it); (None, None)
    when there is no store yet. SchemaError (or what `check` raises) else,
    the file untouched."""
    path = Path(path)
    if not (path.is_file() and path.stat().st_size):
        return None, None
    ro = connect(path, readonly=True)
    try:
        version = check_schema(ro)
        if check is not None:
            check(ro)
    except BaseException:
        ro.conn.close()
        raise
    return ro, version


def check_schema(db: sqlite_utils.Database) -> int | None:
    """The store's schema version; SchemaError when conflictui cannot use
    the file (see schema_version) or would not write to it."""
    version = schema_version(db)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaError(
            f"the store has schema version {version}, newer than this conflictui understands "
            f"({SCHEMA_VERSION}); upgrade conflictui"
        )
    if version is not None and version < 0:
        raise SchemaError(f"not a conflictui store (schema_version {version})")
    if version is None and [t for t in db.table_names() if not t.startswith("sqlite_")]:
        raise SchemaError(NOT_A_STORE)
    return version


NOT_A_STORE = "this file is an SQLite database but not a conflictui store (no meta table)"


def schema_version(db: sqlite_utils.Database) -> int | None:
    """The store's schema version; None for an empty file. SchemaError when
    the file is not an SQLite database or its version is not a number."""
    try:
        if "meta" not in db.table_names():
            return None
        row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"not a conflictui store ({exc})") from None
    if row is None:
        raise SchemaError("not a conflictui store (its meta table has no schema_version)")
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise SchemaError(f"not a conflictui store (schema_version is {str(row[0])[:40]!r})") from None


def _default_notice(message: str) -> None:
    print(f"conflictui: {message}", file=sys.stderr)


# Called with one line for each migration done; the app may replace it.
migration_notice: Callable[[str], None] = _default_notice


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables of an empty store, or check and migrate an old one.

    Creation and each migration step run in one IMMEDIATE transaction: a
    kill half-way leaves the file as it was, and two processes opening a
    new store at once do not both create it."""
    version = check_schema(db)
    if version == SCHEMA_VERSION:
        return
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)  # another process may have done it meanwhile
        if version is None:
            if [t for t in db.table_names() if not t.startswith("sqlite_")]:
                raise SchemaError(NOT_A_STORE)
            _create(db)  # commits
            return
        start = version
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](db)
            set_meta(db, "schema_version", str(step + 1))
        conn.commit()
        if start != SCHEMA_VERSION:
            migration_notice(f"migrated store from schema {start} to {SCHEMA_VERSION}")
    finally:
        if conn.in_transaction:
            conn.rollback()


def _create_missing(db: sqlite_utils.Database) -> None:
    """Schema 0 → 1: stores made before the version was kept had a meta
    table and some of the tables. Create whatever is missing, exactly as a
    new store would have it, and index existing sentences for search."""
    template = _template()
    have = {r[0] for r in db.execute("select name from sqlite_master")}
    objects = template.execute(
        "select type, name, sql from sqlite_master where sql is not null"
        " order by case type when 'table' then 0 else 1 end, rowid"
    ).fetchall()
    template.conn.close()
    for kind, name, sql in objects:
        if name in have or name.startswith("sentences_fts_"):
            continue  # FTS5 makes its own shadow tables
        db.execute(sql)
        if name == "sentences_fts":
            db.execute("insert into sentences_fts(sentences_fts) values ('rebuild')")


# Covering indexes for the filters at scale (bench/README.md): `--actor`
# matches actor1 OR actor2, so queries run one index-only branch per role
# (actor1, actor2, minus both) instead of a multi-index OR that reads every
# matching row; the branches carry the place (towns), the date (paging,
# timeline) and the other actor (facets) so that no table row is read.
COVERING_INDEXES = {
    "idx_events_a1p": ("actor1_id", "place_id", "date", "actor2_id", "event_type"),
    "idx_events_a2p": ("actor2_id", "place_id", "date", "actor1_id", "event_type"),
    "idx_events_a1a2": ("actor1_id", "actor2_id", "place_id", "event_type", "date"),
    "idx_events_a2a1": ("actor2_id", "actor1_id", "place_id", "event_type", "date"),
}


def _add_covering_indexes(db: sqlite_utils.Database) -> None:
    """Schema 1 → 2 (and part of every new store): the covering indexes."""
    for name, cols in COVERING_INDEXES.items():
        db.execute(f"create index if not exists {name} on events({', '.join(cols)})")


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute("insert or replace into meta(key, value) values (?, ?)", [key, value])


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("select value from meta where key = ?", [key]).fetchone()
    return row[0] if row else None


# -- the tables -------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """One table as a new store has it: its columns in order, its primary
    key, the columns that hold the id of a row of another table (declared as
    foreign keys, for readers such as Datasette: see `connect`, they are not
    enforced) and its indexes (columns, name or None for sqlite-utils'
    default name, unique)."""

    columns: dict[str, type]
    pk: str | tuple[str, ...] = "id"
    references: dict[str, str] = field(default_factory=dict)  # column -> the table whose `id` it holds
    not_null: tuple[str, ...] = ()
    indexes: tuple[tuple[tuple[str, ...], str | None, bool], ...] = ()


_WHO_AND_WHERE = {"actor1_id": "actors", "actor2_id": "actors", "reported_by_id": "actors", "place_id": "places"}

# In the order they are created: a table names only tables made before it.
TABLES: dict[str, Table] = {
    "meta": Table({"key": str, "value": str}, pk="key"),
    "articles": Table(
        {"id": int, "hash": str, "path": str, "title": str, "source": str, "published": str, "url": str,
         "language": str, "body": str, "n_sentences": int, "n_reports": int, "notes": str, "ingested_at": str},
        not_null=("hash", "path"), indexes=((("hash",), None, True), (("path",), None, False))),
    "sentences": Table(
        {"id": int, "article_id": int, "idx": int, "start": int, "end": int, "text": str, "norm": str},
        references={"article_id": "articles"}, indexes=((("article_id", "idx"), None, True),)),
    "actors": Table({"id": str, "name_en": str, "name_ar": str, "kind": str, "country": str, "parent": str,
                     "aliases": str}),
    "places": Table({"id": str, "name_en": str, "name_ar": str, "kind": str, "lat": float, "lon": float,
                     "parent": str, "country": str, "admin1": str, "population": int, "aliases": str,
                     "geo_precision": int}),
    "place_ancestors": Table({"place_id": str, "ancestor_id": str, "depth": int}, pk=("ancestor_id", "place_id"),
                             references={"place_id": "places", "ancestor_id": "places"},
                             indexes=((("place_id",), None, False),)),
    "names": Table({"norm": str, "kind": str, "entity_id": str, "name": str}, pk=("kind", "norm", "entity_id")),
    "events": Table(
        {"id": int, "event_type": str, "actor1_id": str, "actor2_id": str, "place_id": str, "date": str,
         "date_precision": str, "reported_by_id": str, "fatalities": int, "negated": int, "hedged": int,
         "n_reports": int, "n_sources": int, "first_report_id": int, "article_id": int, "sentence": str,
         "review": str, "review_key": str},
        references={**_WHO_AND_WHERE, "article_id": "articles"},
        # The table pane pages by (date, id); each filter gets an index that
        # leads with the filtered column and carries the sort order.
        indexes=((("date", "id"), "idx_events_date", False),
                 (("actor1_id", "date", "id"), "idx_events_actor1", False),
                 (("actor2_id", "date", "id"), "idx_events_actor2", False),
                 (("place_id", "date", "id"), "idx_events_place", False),
                 (("event_type", "date", "id"), "idx_events_type", False),
                 (("event_type", "actor1_id", "place_id", "date"), "idx_events_merge", False))),
    "reports": Table(
        {"id": int, "event_id": int, "article_id": int, "sentence_id": int, "event_type": str, "actor1_id": str,
         "actor2_id": str, "place_id": str, "date": str, "date_precision": str, "reported_by_id": str,
         "fatalities": int, "negated": int, "hedged": int, "rule": str, "spans": str, "source": str},
        references={"event_id": "events", "article_id": "articles", "sentence_id": "sentences", **_WHO_AND_WHERE},
        indexes=((("event_id",), None, False), (("article_id",), None, False))),
    "positions": Table(
        {"id": int, "article_id": int, "sentence_id": int, "report_id": int, "party_id": str, "subject": str,
         "subject_en": str, "subject_ar": str, "aspect": str, "value": str, "summary_en": str, "text_ar": str,
         "spans": str, "event_type": str, "date": str},
        references={"article_id": "articles", "sentence_id": "sentences", "report_id": "reports",
                    "party_id": "actors"},
        indexes=((("subject",), None, False), (("article_id",), None, False))),
    # Append-only: each row is one review action; the key is the report's
    # stable key, so a correction survives re-ingest and re-extraction.
    "corrections": Table(
        {"id": int, "article_hash": str, "sentence_idx": int, "trigger": str, "rule": str, "action": str,
         "changes": str, "by": str, "at": str, "note": str},
        not_null=("article_hash", "sentence_idx", "trigger", "rule", "action", "at"),
        indexes=((("article_hash", "sentence_idx"), "idx_corrections_key", False),)),
}

# The few rejected events, found without a scan: every query leaves them out
# by id (an id is in every index, so index-only scans stay index-only).
_REVIEW_INDEXES = (
    "create index if not exists idx_events_rejected on events(id) where review = 'rejected'",
    "create index if not exists idx_events_reviewed on events(review, id) where review is not null",
    "create index if not exists idx_events_added on events(review_key) where review_key is not null",
)

# Precomputed unfiltered actor and place counts (store/db/ingest.py,
# refresh_facets), current while meta's facets_version is `facets_stamp`.
_FACET_COUNTS = ("create table if not exists facet_counts(kind text not null, id text not null,"
                 " n integer not null, primary key (kind, id)) without rowid")


def facets_stamp(db: sqlite_utils.Database) -> str:
    """What `facets_version` must equal for `facet_counts` to be current."""
    return f"{get_meta(db, 'data_version') or '0'}:{get_meta(db, 'dictionaries') or ''}"


def _create_table(db: sqlite_utils.Database, name: str, table: Table) -> None:
    db[name].create(table.columns, pk=table.pk, not_null=set(table.not_null) or None,
                    foreign_keys=[(col, other, "id") for col, other in table.references.items()])
    for columns, index_name, unique in table.indexes:
        db[name].create_index(list(columns), index_name=index_name, unique=unique)


def _create_sentence_search(db: sqlite_utils.Database) -> None:
    db.execute(
        "create virtual table sentences_fts using fts5(norm, content='sentences', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )


def _create(db: sqlite_utils.Database) -> None:
    """Every table, index and search index of a new store, and its version."""
    with db.conn:
        for name, table in TABLES.items():
            _create_table(db, name, table)
            if name == "sentences":
                _create_sentence_search(db)
        _add_covering_indexes(db)
        for sql in _REVIEW_INDEXES:
            db.execute(sql)
        db.execute(_FACET_COUNTS)
        db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, replace=True)


def _template() -> sqlite_utils.Database:
    """A new, empty store in memory: what each migration brings a store to."""
    template = sqlite_utils.Database(sqlite3.connect(":memory:"))
    _create(template)
    return template


def _keys(db: sqlite_utils.Database, name: str) -> list[tuple[str, str, str]]:
    return sorted((fk.column, fk.other_table, fk.other_column) for fk in db[name].foreign_keys)


def _declare_foreign_keys(db: sqlite_utils.Database) -> None:
    """Schema 2 → 3: the keys between the tables, and `facet_counts` made
    here rather than at the first ingest. SQLite cannot add a key to a
    table, so a table whose keys differ from a new store's is rebuilt."""
    template = _template()
    try:
        for name in TABLES:
            if _keys(db, name) != _keys(template, name):
                _rebuild(db, template, name)
    finally:
        template.conn.close()
    db.execute(_FACET_COUNTS)


def _rebuild(db: sqlite_utils.Database, template: sqlite_utils.Database, name: str) -> None:
    """Give table `name` the template's definition, keeping its rows and ids,
    the way SQLite's manual says: make the new table, copy, drop the old
    one, rename the new one (references to `name` in other tables are left
    as they are) and make its indexes again."""
    (sql,) = template.execute("select sql from sqlite_master where type = 'table' and name = ?", [name]).fetchone()
    new = f"_new_{name}"
    db.execute(re.sub(r'^CREATE TABLE ("[^"]+"|\[[^\]]+\]|\w+)', f'CREATE TABLE "{new}"', sql, count=1))
    have = set(db[name].columns_dict)
    cols = ", ".join(f'"{c}"' for c in TABLES[name].columns if c in have)
    db.execute(f'insert into "{new}" ({cols}) select {cols} from "{name}"')
    db.execute(f'drop table "{name}"')
    db.execute(f'alter table "{new}" rename to "{name}"')
    for (index_sql,) in template.execute(
            "select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null", [name]):
        db.execute(index_sql)


def _add_corrections(db: sqlite_utils.Database) -> None:
    """Schema 3 → 4: the corrections table, and the events' review state
    (NULL: unreviewed) and the key of an event the analyst added."""
    have = set(db["events"].columns_dict)
    for col in ("review", "review_key"):
        if col not in have:
            db.execute(f"alter table events add column {col} text")
    if "corrections" not in db.table_names():
        _create_table(db, "corrections", TABLES["corrections"])
    for sql in _REVIEW_INDEXES:
        db.execute(sql)


def _add_geo_precision(db: sqlite_utils.Database) -> None:
    """Schema 4 → 5: the places' ACLED geo_precision, by their kind (the
    next ingest writes it from the dictionaries, and stores the unlisted
    places events name)."""
    if "geo_precision" not in db["places"].columns_dict:
        db.execute("alter table places add column geo_precision integer")
    db.conn.executemany("update places set geo_precision = ? where kind = ?",
                        [(n, kind) for kind, n in PRECISION_OF_KIND.items()])
    db.execute("update places set geo_precision = 3 where geo_precision is null")


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {  # from version N to N+1
    0: _create_missing,
    1: _add_covering_indexes,
    2: _declare_foreign_keys,
    3: _add_corrections,
    4: _add_geo_precision,
}
