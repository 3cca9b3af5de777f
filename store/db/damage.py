"""A damaged store: finding the damage, refusing to write to it, and
recovering what is readable into a new file.

SQLite reports a damaged page as "database disk image is malformed" when a
query reaches it; `PRAGMA quick_check` finds such pages without reading
every index entry. Text that is not UTF-8 is no damage to SQLite, so it is
looked for apart (`undecodable_text`).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import sqlite_utils

from .schema import SchemaError, connect, ensure_schema


class StoreDamaged(SchemaError):
    """The store fails SQLite's quick_check: nothing is written to it."""


def recover_hint(path: str | os.PathLike) -> str:
    return (f"recover what is readable into a new file with "
            f"`conflictui --db {os.fspath(path)} doctor --recover NEW.db`")


def quick_check(db: sqlite_utils.Database) -> str:
    """'ok', or the first problems PRAGMA quick_check names (or the error
    that stopped it)."""
    try:
        rows = db.execute("pragma quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "; ".join(str(r[0]) for r in rows) or "ok"


def refuse_damaged(db: sqlite_utils.Database, path: str | os.PathLike) -> None:
    """StoreDamaged unless quick_check is ok: an ingest into a damaged
    store would add to the damage."""
    found = quick_check(db)
    if found != "ok":
        raise StoreDamaged(f"the store is damaged (quick_check: {found[:200]}); nothing was written; "
                           + recover_hint(path))


def undecodable_text(path: str | os.PathLike, limit: int = 5) -> tuple[int, list[str]]:
    """(how many TEXT values of the store are not UTF-8, where the first
    `limit` are as «table.column row N»)."""
    conn = connect(path, readonly=True).conn
    count, where = 0, []
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'"
                                             " and name not like 'sqlite_%' and name not like '%_fts%'")]
        columns = {t: [r[1] for r in conn.execute(f"pragma table_info([{t}])")] for t in tables}
        conn.text_factory = bytes  # the values as stored, to try decoding them
        for table, cols in columns.items():
            key = "rowid" if _has_rowid(conn, table) else "null"
            for col in cols:
                for rowid, raw in conn.execute(f"select {key}, [{col}] from [{table}] where typeof([{col}]) = 'text'"):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        count += 1
                        if len(where) < limit:
                            where.append(f"{table}.{col}" + (f" row {rowid}" if rowid is not None else ""))
    finally:
        conn.close()
    return count, where


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    try:
        conn.execute(f"select rowid from [{table}] limit 0")
        return True
    except sqlite3.OperationalError:  # a WITHOUT ROWID table
        return False


def recover(path: str | os.PathLike, dest: str | os.PathLike) -> str:
    """Copy what is readable of the store at `path` into the new file
    `dest`; returns how. With the sqlite3 shell, its `.recover` (which also
    reads pages that no longer belong to a table); without it, every row
    that a table scan reaches. ValueError when `dest` exists."""
    dest = Path(dest)
    if dest.exists() or Path(f"{dest}-wal").exists():
        raise ValueError(f"{dest} exists: give a new file to recover into")
    shell = shutil.which("sqlite3")
    if shell:
        dump = subprocess.run([shell, "-readonly", os.fspath(path), ".recover"], capture_output=True, timeout=3600)
        if dump.returncode == 0 and dump.stdout:
            load = subprocess.run([shell, os.fspath(dest)], input=dump.stdout, capture_output=True, timeout=3600)
            if load.returncode == 0:
                return "the sqlite3 shell's .recover"
            dest.unlink(missing_ok=True)
    rows, dropped = _copy_readable(Path(path), dest)
    left_out = f"; {dropped} articles had lost rows and were left out: ingest their files again" if dropped else ""
    return f"a scan of every table ({rows} rows copied){left_out}"


def _copy_readable(path: Path, dest: Path) -> tuple[int, int]:
    """A new store at `dest` holding every row that a scan of each table of
    the old one reads before it meets a damaged page (the columns both
    have), and a search index rebuilt from the sentences copied."""
    src = connect(path, readonly=True).conn
    db = connect(dest)
    ensure_schema(db)
    copied = 0
    try:
        have = {r[0] for r in src.execute("select name from sqlite_master where type = 'table'")}
        for table in db.table_names():
            if table in have and not table.startswith(("sentences_fts", "sqlite_")):
                copied += _copy_rows(src, db.conn, table, db[table].columns_dict)
        dropped = _drop_incomplete(db)
        db.execute("insert into sentences_fts(sentences_fts) values ('rebuild')")
        db.conn.commit()
    finally:
        src.close()
        db.conn.close()
    return copied, dropped


def _drop_incomplete(db: sqlite_utils.Database) -> int:
    """An article stored whole or not at all, as an ingest keeps it: the
    articles that lost a report to the damage are left out with what hangs
    on them (ingesting their files again restores them), then the events
    that lost every report; the others' report counts are recounted."""
    ids = [r[0] for r in db.execute("select id from articles a where a.n_reports !="
                                    " (select count(*) from reports r where r.article_id = a.id)")]
    db.execute("create temp table dropped(id integer primary key)")
    db.conn.executemany("insert into dropped values (?)", [(i,) for i in ids])
    db.execute("delete from articles where id in (select id from dropped)")
    for table in ("sentences", "reports", "positions"):
        db.execute(f"delete from {table} where article_id in (select id from dropped)"
                   " or article_id not in (select id from articles)")
    db.execute("delete from events where id not in (select event_id from reports)")
    db.execute("update events set n_reports = (select count(*) from reports r where r.event_id = events.id)")
    return len(ids)


def _copy_rows(src: sqlite3.Connection, out: sqlite3.Connection, table: str, columns: dict) -> int:
    old = {r[1] for r in src.execute(f"pragma table_info([{table}])")}
    cols = [c for c in columns if c in old]
    names = ", ".join(f"[{c}]" for c in cols)
    where = " where key != 'schema_version'" if table == "meta" else ""  # the new store's own
    n = 0
    try:
        cur = src.execute(f"select {names} from [{table}]{where}")
        insert = f"insert or replace into [{table}] ({names}) values ({','.join('?' * len(cols))})"
        for row in cur:
            out.execute(insert, row)
            n += 1
    except sqlite3.DatabaseError:
        pass  # the rest of this table lies behind a damaged page
    return n
