"""Re-extraction: run the extractor again on the stored article bodies
(after an upgrade or a change of the dictionaries).

Each article is replaced in one transaction (up to REEXTRACT_BATCH
articles share one, each still whole or not at all): its sentences, reports and
positions are removed, the events that lose all their reports go, the ones
that keep reports from other articles are made again from those, and the
article is written anew by the ingest's writer, whose hook applies every
correction whose key (article hash, sentence index, trigger, rule) still
matches a report. A correction whose report is gone is kept and listed.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..nlp.dictionaries import Dictionaries, default_dictionaries
from ..nlp.extract import Extraction
from ..text.articles import Article
from .corrections import Correction, drop_added, orphans, reapply
from .ingest import StoreWriter, _extract_all, ingest_lock, refresh_facets, sync_dictionaries
from .damage import refuse_damaged
from .schema import open_store
from .versions import stamp_extractor


@dataclass
class ReextractSummary:
    articles: int = 0
    reports_before: int = 0
    reports_after: int = 0
    failures: list[str] = field(default_factory=list)
    orphans: list[Correction] = field(default_factory=list)  # kept: their reports are gone


class NoSuchArticle(ValueError):
    """An --article that names no stored article."""


def select_articles(conn, selectors: tuple[str, ...] = (), since: str | None = None) -> list[int]:
    """Ids of the stored articles to re-extract: those named (an id, a path
    or a hash or its first 8+ characters), published on or after `since`,
    or all; NoSuchArticle for a name that matches none."""
    ids: set[int] = set()
    for sel in selectors:
        found = _named(conn, sel)
        if not found:
            raise NoSuchArticle(f"--article {sel!r}: no stored article has that id, path or hash")
        ids.update(found)
    where, params = ("where published >= ?", [since]) if since else ("", [])
    chosen = [r[0] for r in conn.execute(f"select id from articles {where} order by id", params)]
    return [i for i in chosen if i in ids] if selectors else chosen


def _named(conn, name: str) -> list[int]:
    """The articles `name` names: by id, by path, or by a hash prefix (each an index read)."""
    for sql, params in (("select id from articles where id = ?", [int(name)] if name.isdigit() else None),
                        ("select id from articles where path = ?", [name]),
                        ("select id from articles where hash >= ? and hash < ?",
                         [name, name + "\uffff"] if len(name) >= 8 else None)):
        found = [r[0] for r in conn.execute(sql, params)] if params else []
        if found:
            return found
    return []


def _stored_articles(conn, ids: list[int]) -> Iterator[Article]:
    for i in range(0, len(ids), 200):
        chunk = ids[i:i + 200]
        rows = conn.execute(f"select hash, path, title, body, source, published, url, language from articles"
                            f" where id in ({','.join('?' * len(chunk))}) order by id", chunk).fetchall()
        for r in rows:
            article = Article(r[1], r[2] or "", r[3] or "", r[4], r[5], r[6], r[7])
            # the stored hash, whatever made it: the corrections' keys name it
            article.__dict__["content_hash"] = r[0]
            yield article


def remove_article(conn, content_hash: str, writer: StoreWriter | None = None) -> int:
    """Remove an article and what was extracted from it (inside the
    caller's transaction); its reports' events are made again from the
    reports that other articles give them, or removed, and `writer`
    forgets their sources. The reports removed."""
    row = conn.execute("select id from articles where hash = ?", [content_hash]).fetchone()
    if row is None:
        return 0
    aid = row[0]
    events = [r[0] for r in conn.execute("select distinct event_id from reports where article_id = ?", [aid])]
    n = conn.execute("select count(*) from reports where article_id = ?", [aid]).fetchone()[0]
    conn.executemany("insert into sentences_fts(sentences_fts, rowid, norm) values ('delete', ?, ?)",
                     conn.execute("select id, norm from sentences where article_id = ?", [aid]).fetchall())
    for table in ("positions", "reports", "sentences"):
        conn.execute(f"delete from {table} where article_id = ?", [aid])
    events += drop_added(conn, "article_id = ?", [aid])  # the writer's hook makes them again
    conn.execute("delete from articles where id = ?", [aid])
    reapply(conn, events)  # an event with no report left goes
    if writer is not None:
        writer.forget(events)
    return n


def reextract(db_path: str, selectors: tuple[str, ...] = (), since: str | None = None, jobs: int = 1,
              dicts: Dictionaries | None = None, on_article: Callable[[int, int], None] | None = None
              ) -> ReextractSummary:
    """Re-extract the chosen stored articles (all by default) with the
    running extractor and `dicts`; `on_article(done, total)` after each.
    Holds the ingest lock: no ingest writes meanwhile."""
    dicts = dicts or default_dictionaries()
    with ingest_lock(db_path):
        db = open_store(db_path, check=lambda ro: refuse_damaged(ro, db_path))  # as ingest: a damaged store is refused
        try:
            ids = select_articles(db.conn, selectors, since)
            sync_dictionaries(db, dicts)
            summary = _rewrite(db, ids, jobs, dicts, on_article)
            if not selectors and not since:
                with db.conn:
                    stamp_extractor(db.conn, replace=True)
            refresh_facets(db)
            summary.orphans = orphans(db.conn)
            return summary
        finally:
            db.conn.close()


# Articles replaced per transaction, and the longest a batch waits for its
# last one. Larger than ingest's (WRITE_BATCH, WRITE_SECONDS): in a big store
# a commit, and the checkpoint that follows a few, writes back index pages
# scattered over the whole file, and an article removed and written again
# dirties as many as a new one (bench/RESULTS.md, re-extraction).
REEXTRACT_BATCH = 128
REEXTRACT_SECONDS = 5.0
# WAL pages before a checkpoint (SQLite's default is 1000): fewer
# checkpoints, each writing a page that many batches changed once.
REEXTRACT_CHECKPOINT_PAGES = 10000


def _rewrite(db, ids: list[int], jobs: int, dicts: Dictionaries, on_article) -> ReextractSummary:
    """Each article's old rows removed and its new ones written in one
    transaction, REEXTRACT_BATCH articles a transaction: a commit costs
    more than an article's rows at 1,000,000 events."""
    db.conn.execute(f"pragma wal_autocheckpoint = {REEXTRACT_CHECKPOINT_PAGES}")
    summary = ReextractSummary()
    writer = StoreWriter(db)
    batch: list[tuple[Article, Extraction]] = []
    started, done = time.monotonic(), 0

    def flush() -> None:
        nonlocal batch, started, done
        if batch:
            _replace(db.conn, writer, batch, summary)
            done += len(batch)
            if on_article:
                on_article(done, len(ids))
        batch, started = [], time.monotonic()

    for article, result in _extract_all(_stored_articles(db.conn, ids), jobs, dicts):
        if isinstance(result, str):
            summary.failures.append(f"{article.path}: {result} (the old extraction is kept)")
            done += 1
        else:
            batch.append((article, result))
        if len(batch) >= REEXTRACT_BATCH or time.monotonic() - started > REEXTRACT_SECONDS:
            flush()
    flush()
    return summary


def _replace(conn, writer: StoreWriter, batch: list[tuple[Article, Extraction]], summary: ReextractSummary) -> None:
    """Replace the batch's articles in one transaction; when it fails, one
    transaction per article, so that the articles before the one that fails
    are replaced and it and those after it stay as they were."""
    removed = [0]

    def remove(article: Article) -> None:
        removed[0] += remove_article(conn, article.content_hash, writer)

    try:
        conn.execute("begin immediate")
        written = writer.write_many(batch, before_each=remove)  # commits the removals with them
    except BaseException as exc:
        if conn.in_transaction:
            conn.rollback()
        if len(batch) == 1 or not isinstance(exc, Exception):  # Ctrl-C, SIGTERM: stop now
            raise
        for pair in batch:
            _replace(conn, writer, [pair], summary)
        return
    summary.reports_before += removed[0]
    summary.reports_after += sum(reports for reports, _ in written)
    summary.articles += len(batch)
