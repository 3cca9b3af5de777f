"""Ingest: read articles, extract events in worker processes, write them
with one writer, one transaction per article.

Extraction is a pure function of an article and the dictionaries, so
`--jobs N` runs it in N processes while this process alone writes. A crash
leaves each article fully in or fully out; ingesting the same article again
adds nothing (articles are keyed by a hash of their text).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

try:
    import fcntl
except ImportError:  # Windows: no advisory lock; SQLite's own locking still holds
    fcntl = None

import sqlite_utils

from ..text.arabic import normalize, sentence_search_text
from ..text.articles import Article, ReadError, read_paths
from ..nlp.dictionaries import Dictionaries, default_dictionaries, split_unlisted, unlisted_precision
from ..nlp.extract import Event, Extraction, Extractor
from ..nlp.identity import candidate_windows, identity_key, same_event, within
from .corrections import after_write, not_rejected
from .damage import refuse_damaged
from .extracted import SentenceRow, read_extracted
from .merge import Merged, corrected_identities, count_in, event_reports_merged, write_merged
from .processes import die_with_parent, process_alive
from .schema import accepted, connect, ensure_schema, facets_stamp, get_meta, set_meta

# Articles written per transaction: each stays whole (all in or all out),
# and commits are paid once a batch, not once an article.
WRITE_BATCH = 32
WRITE_SECONDS = 0.5


@dataclass
class IngestSummary:
    articles: int = 0  # newly stored
    duplicates: int = 0  # already in the store
    reports: int = 0
    events_new: int = 0
    failures: list[ReadError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)  # paths of stored articles without a publication date

    @property
    def ok(self) -> bool:
        return not self.failures


# -- dictionaries into the store ------------------------------------------
def sync_dictionaries(db: sqlite_utils.Database, dicts: Dictionaries) -> None:
    """Copy actors, places, their names and the place closure into the store
    when the dictionaries changed since the last ingest."""
    if get_meta(db, "dictionaries") == dicts.fingerprint:
        return
    with db.conn:
        for table in ("actors", "places", "place_ancestors", "names"):
            db.execute(f"delete from {table}")
        db["actors"].insert_all(
            ({"id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "kind": a.kind, "country": a.country,
              "parent": a.parent, "aliases": "|".join(a.aliases)} for a in dicts.actors.values()),
            batch_size=1000,
        )
        place_rows = []
        closure = []
        for p in dicts.places.values():
            chain = dicts.place_chain(p.id)
            admin1 = next((c.id for c in chain if c.kind == "governorate"), "")
            country = dicts.country_of(p.id)
            place_rows.append({"id": p.id, "name_en": p.name_en, "name_ar": p.name_ar, "kind": p.kind,
                               "lat": p.lat, "lon": p.lon, "parent": p.parent, "country": country,
                               "admin1": admin1, "population": p.population, "aliases": "|".join(p.aliases),
                               "geo_precision": dicts.geo_precision(p.id)})
            closure.extend({"place_id": p.id, "ancestor_id": c.id, "depth": d} for d, c in enumerate(chain))
        db["places"].insert_all(place_rows, batch_size=1000)
        db["place_ancestors"].insert_all(closure, batch_size=5000, ignore=True)
        names = []
        for kind, entries in (("actor", dicts.actors.values()), ("place", dicts.places.values())):
            for e in entries:
                for name in [e.id, *e.names()]:
                    key = normalize(name).strip()
                    if key:
                        names.append({"norm": key, "kind": kind, "entity_id": e.id, "name": name})
                        if " " in key:
                            names.append({"norm": key.replace(" ", ""), "kind": kind, "entity_id": e.id, "name": name})
        db["names"].insert_all(names, batch_size=5000, ignore=True)
        store_unlisted_places(db.conn, [r[0] for r in db.execute(
            "select distinct place_id from reports where place_id not in (select id from places)")])
        set_meta(db, "dictionaries", dicts.fingerprint)
        bump_data_version(db.conn)  # names, trees and ids cached by readers are stale too


def store_unlisted_places(conn, place_ids: Iterable[str | None]) -> None:
    """The places rows, their closure and their name for the unlisted places
    (`unlisted_id`: «قرية كفرعويد بريف إدلب») that reports name and the
    store lacks: at their stored parent's coordinates, in its governorate
    and country, with ACLED's geo_precision 2 or 3 (`unlisted_precision`)."""
    for pid in sorted({p for p in place_ids if p}):
        parts = split_unlisted(pid)
        if parts is None or conn.execute("select 1 from places where id = ?", [pid]).fetchone():
            continue
        parent_id, kind, name = parts
        parent = conn.execute("select lat, lon, country, admin1, geo_precision from places where id = ?",
                              [parent_id]).fetchone()
        if parent is None:
            continue  # a parent the dictionaries no longer have: the event keeps the id alone
        conn.execute("insert into places(id, name_en, name_ar, kind, lat, lon, parent, country, admin1, population,"
                     " aliases, geo_precision) values (?, '', ?, ?, ?, ?, ?, ?, ?, 0, '', ?)",
                     [pid, name, kind, parent[0], parent[1], parent_id, parent[2], parent[3],
                      unlisted_precision(parent[4])])
        conn.execute("insert or ignore into place_ancestors(place_id, ancestor_id, depth) values (?, ?, 0)", [pid, pid])
        conn.execute("insert or ignore into place_ancestors(place_id, ancestor_id, depth)"
                     " select ?, ancestor_id, depth + 1 from place_ancestors where place_id = ?", [pid, parent_id])
        conn.executemany("insert or ignore into names(norm, kind, entity_id, name) values (?, 'place', ?, ?)",
                         [(normalize(n), pid, n) for n in (pid, name)])


# -- data version and precomputed facets ------------------------------------
def bump_data_version(conn) -> None:
    """Mark the store's data as changed (inside the writer's transaction):
    caches and the precomputed facet counts keyed by the old version go stale."""
    conn.execute("insert into meta(key, value) values ('data_version', '1')"
                 " on conflict(key) do update set value = cast(value as integer) + 1")


def refresh_facets(db: sqlite_utils.Database) -> None:
    """Recompute the unfiltered actor and place facet counts (what the
    actors and places panes show with no filter) into `facet_counts` (a
    table of the schema), and stamp them with the current data version.
    Queries use them only while the stamp matches; a filtered facet is
    always counted live."""
    c = db.conn
    with c:
        c.execute("delete from facet_counts")
        c.execute(
            "insert into facet_counts(kind, id, n) select 'actor', actor_id, count(*) from ("
            f" select actor1_id actor_id from events where actor1_id is not null and {not_rejected('id')}"
            f" union all select actor2_id from events where actor2_id is not null and {not_rejected('id')})"
            " group by actor_id")
        c.execute(
            "insert into facet_counts(kind, id, n) select 'place', pa.ancestor_id, sum(x.n) from ("
            f" select place_id, count(*) n from events where place_id is not null and {not_rejected('id')}"
            " group by place_id"
            ") x join place_ancestors pa on pa.place_id = x.place_id group by pa.ancestor_id")
        set_meta(db, "facets_version", facets_stamp(db))


# -- extraction in workers ----------------------------------------------------
_WORKER_EXTRACTOR: Extractor | None = None


def _worker_init(dicts: Dictionaries, parent: int) -> None:
    global _WORKER_EXTRACTOR
    die_with_parent(parent)
    for fd in _HELD_LOCKS:  # forked copies: only the ingest itself holds the store's lock
        try:
            os.close(fd)
        except OSError:
            pass
    _WORKER_EXTRACTOR = Extractor(dicts)


def _slim(ex: Extraction) -> Extraction:
    ex.sentences = [SentenceRow(s.idx, s.start, s.end, s.text, sentence_search_text(s)) for s in ex.sentences]
    return ex


def _extract_in_worker(article: Article) -> tuple[Article, Extraction | str]:
    try:
        return article, _slim(_WORKER_EXTRACTOR.extract(article))
    except Exception as exc:  # a bug must not take the whole ingest down
        return article, f"extraction failed ({type(exc).__name__}: {exc})"


def _extract_all(articles: Iterable[Article], jobs: int, dicts: Dictionaries
                 ) -> Iterator[tuple[Article, Extraction | str]]:
    """(article, extraction or the reason it failed), in order; with the
    store's dictionaries in this process or in each of `jobs` workers."""
    if jobs <= 1:
        ex = Extractor(dicts)
        for a in articles:
            try:
                yield a, ex.extract(a)
            except Exception as exc:
                yield a, f"extraction failed ({type(exc).__name__}: {exc})"
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(dicts, os.getpid()))
    try:
        # map() keeps order and bounds nothing, so feed it in chunks.
        # The next batch is submitted before the current one is written, so
        # the workers never wait for the writer at a batch boundary.
        batch: list[Article] = []
        pending = None
        for a in articles:
            batch.append(a)
            if len(batch) >= jobs * 32:
                submitted = pool.map(_extract_in_worker, batch, chunksize=4)
                if pending is not None:
                    yield from pending
                pending, batch = submitted, []
        submitted = pool.map(_extract_in_worker, batch, chunksize=4) if batch else None
        if pending is not None:
            yield from pending
        if submitted is not None:
            yield from submitted
    except BaseException:  # Ctrl-C, SIGTERM (processes.Terminated), a failed write: stop now, not after the queue
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


# -- writing ----------------------------------------------------------------
# json.dumps(..., separators=...) builds a new encoder at every call: one, made once.
_spans_json = json.JSONEncoder(separators=(",", ":")).encode


class StoreWriter:
    """Writes one article and its reports, events and positions per
    transaction, merging reports of the same act into one event."""

    # Events whose sources this writer knows (LRU): one event told by thousands of
    # articles is then counted in constant work per report, not by recounting them all.
    SOURCE_CACHE = 4096

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn
        self._sources: OrderedDict[int, set[str]] = OrderedDict()
        self._corrected: dict[tuple, list[int]] = {}  # corrected events by their reports' identity key
        # what the reports of the corrected events this article's reports met add up to (read once an article)
        self._corrected_merged: dict[int, Merged | None] = {}

    def known_hashes(self) -> set[str]:
        return {r[0] for r in self.conn.execute("select hash from articles")}

    def write(self, article: Article, ex: Extraction) -> tuple[int, int]:
        """(reports, new events) written for `article`, atomically."""
        return self.write_many([(article, ex)])[0]

    def write_many(self, pairs: list[tuple[Article, Extraction]],
                   before_each: Callable[[Article], None] | None = None) -> list[tuple[int, int]]:
        """Several articles in one transaction: each is then fully in or
        fully out, and the commit (the costly part) is paid once.
        `before_each(article)` runs in it just before each article is
        written (a re-extraction removes the article's old rows there)."""
        try:
            with self.conn:
                written = []
                for article, ex in pairs:
                    if before_each is not None:
                        before_each(article)
                    if before_each is not None or not written:  # no correction can be made meanwhile
                        self._corrected = corrected_identities(self.conn)
                    written.append(self._write_rows(article, ex))
                after_write(self.conn, [article.content_hash for article, _ in pairs])  # corrections win
                bump_data_version(self.conn)
                return written
        except BaseException:
            self._sources.clear()  # rolled back: what it remembered of these reports is not in the store
            raise

    def _write_rows(self, article: Article, ex: Extraction) -> tuple[int, int]:
        c = self.conn
        new_events = 0
        self._corrected_merged = {}
        _drop_unstorable_figures(ex)
        cur = c.execute(
            "insert into articles(hash, path, title, source, published, url, language, body, n_sentences,"
            " n_reports, notes, ingested_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
            [article.content_hash, article.path, article.title, article.source, article.published,
             article.url, article.language, article.body, len(ex.sentences), len(ex.events),
             "\n".join(article.notes + ex.notes) or None, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")],
        )
        article_id = cur.lastrowid
        sentence_ids = self._write_sentences(article_id, ex)
        source = article.source
        source_key = source if source is not None else str(article_id)  # as n_sources counts them
        texts = {s.idx: s.text for s in ex.sentences}
        store_unlisted_places(c, (ev.place for ev in ex.events))
        for ev in ex.events:
            event_id, created = self._merge_target(ev, texts[ev.sentence_idx], article_id)
            new_events += created
            new_source = self._note_source(event_id, created, f"{ev.reported_by or ''}|{source_key}")
            cur = c.execute(
                "insert into reports(event_id, article_id, sentence_id, event_type, actor1_id, actor2_id,"
                " place_id, date, date_precision, reported_by_id, fatalities, negated, hedged, rule, spans,"
                " source) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [event_id, article_id, sentence_ids[ev.sentence_idx], ev.event_type, ev.actor1, ev.actor2,
                 ev.place, ev.date, ev.date_precision, ev.reported_by, ev.fatalities, int(ev.negated),
                 int(ev.hedged), ev.rule, _spans_json(ev.spans), source],
            )
            report_id = cur.lastrowid
            if created:
                c.execute("update events set first_report_id = ? where id = ?", [report_id, event_id])
            else:
                self._merge_into(event_id, ev, new_source)
        c.executemany(
            "insert into positions(article_id, sentence_id, party_id, subject, subject_en, subject_ar,"
            " aspect, value, summary_en, text_ar, spans, event_type, date) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(article_id, sentence_ids.get(pos.sentence_idx), pos.party, pos.subject, pos.subject_en,
              pos.subject_ar, pos.aspect, pos.value, pos.summary_en, pos.text_ar, _spans_json(pos.spans),
              pos.event_type, pos.date) for pos in ex.positions],
        )
        return len(ex.events), new_events

    def _write_sentences(self, article_id: int, ex: Extraction) -> dict[int, int]:
        """The sentences and their search rows in two executemany; their ids
        by index. sentences.id is an INTEGER PRIMARY KEY without
        AUTOINCREMENT, so sqlite gives a new row the largest id plus one:
        set here, they are the ids that one insert at a time gave."""
        first = self.conn.execute("select coalesce(max(id), 0) + 1 from sentences").fetchone()[0]
        rows = [(first + k, article_id, s.idx, s.start, s.end, s.text, sentence_search_text(s))
                for k, s in enumerate(ex.sentences)]
        self.conn.executemany("insert into sentences(id, article_id, idx, start, end, text, norm)"
                              " values (?,?,?,?,?,?,?)", rows)
        self.conn.executemany("insert into sentences_fts(rowid, norm) values (?, ?)", [(r[0], r[6]) for r in rows])
        return {r[2]: r[0] for r in rows}

    def _merge_target(self, ev: Event, sentence: str, article_id: int) -> tuple[int, int]:
        """The id of the event this report belongs to (and 1 if new): the
        first candidate that store/nlp/identity.same_event says it tells."""
        for eid, told in self._candidates(ev):
            if same_event(ev, told):
                return eid, 0
        cur = self.conn.execute(
            "insert into events(event_type, actor1_id, actor2_id, place_id, date, date_precision, reported_by_id,"
            " fatalities, negated, hedged, n_reports, n_sources, article_id, sentence)"
            " values (?,?,?,?,?,?,?,?,?,?,1,1,?,?)",
            [ev.event_type, ev.actor1, ev.actor2, ev.place, ev.date, ev.date_precision, ev.reported_by,
             ev.fatalities, int(ev.negated), int(ev.hedged), article_id, sentence],
        )
        return cur.lastrowid, 1

    def _candidates(self, ev: Event) -> Iterator[tuple[int, Event]]:
        """(id, what the merge rule reads of it) of the stored events that
        may be the one `ev` tells: those that share its identity key, dated
        within its window, by date then id; none for a report that can
        merge with none. A corrected event is read by what its reports say."""
        key = identity_key(ev)
        if key is None:
            return
        etype, actor1, place, negated, hedged = key
        windows = candidate_windows(ev.date, ev.date_precision)
        reach = " or ".join("date between ? and ?" if p is None else "(date_precision = ? and date between ? and ?)"
                            for p, _, _ in windows)
        rows = self.conn.execute(  # an added event takes no report; a corrected one is matched below
            "select id, date, date_precision from events where event_type = ? and actor1_id = ? and place_id = ?"
            f" and ({reach}) and negated = ? and hedged = ? and review_key is null"
            " and (review is null or review = 'confirmed') order by date limit 20",
            [etype, actor1, place, *(v for w in windows for v in (w[1:] if w[0] is None else w)), int(negated),
             int(hedged)],
        ).fetchall()
        corrected = self._corrected_candidates(key, windows)
        if corrected:
            rows = sorted(rows + corrected, key=lambda r: (r[1], r[0]))  # by date, then id, as the index gives
        for eid, date, precision in rows:
            yield eid, Event(etype, ev.sentence_idx, actor1=actor1, place=place, date=date, date_precision=precision,
                             negated=negated, hedged=hedged)

    def _corrected_candidates(self, key: tuple, windows: list) -> list[tuple[int, str, str]]:
        """(id, date, precision) of the corrected events whose reports share
        `key`, dated within the candidate windows by what their reports say
        (not by the analyst's values, which only win for display)."""
        out = []
        for eid in self._corrected.get(key, ()):
            if eid not in self._corrected_merged:  # once an article; _merge_into counts its reports in
                self._corrected_merged[eid] = event_reports_merged(self.conn, eid)
            m = self._corrected_merged[eid]
            if m is not None and m.date is not None and within(windows, m.date, m.date_precision):
                out.append((eid, m.date, m.date_precision))
        return out

    def _note_source(self, event_id: int, created: int, key: str) -> bool:
        """Whether `key` (reported_by|outlet) is new among the event's
        sources, remembering it. A known event's keys are read once."""
        keys = self._sources.pop(event_id, None)
        if created:  # a new event (its id may be a deleted one's, whose keys are still cached)
            keys = set()
        elif keys is None:
            keys = {r[0] for r in self.conn.execute(
                "select distinct coalesce(r.reported_by_id, '') || '|' || coalesce(a.source, a.id)"
                " from reports r join articles a on a.id = r.article_id where r.event_id = ?", [event_id])}
        self._sources[event_id] = keys
        if len(self._sources) > self.SOURCE_CACHE:
            self._sources.popitem(last=False)
        if key in keys:
            return False
        keys.add(key)
        return True

    def forget(self, event_ids: Iterable[int]) -> None:
        """Drop what is cached of these events' sources: their reports
        changed (or they went) outside this writer."""
        for eid in event_ids:
            self._sources.pop(eid, None)

    def _merge_into(self, event_id: int, ev: Event, new_source: bool) -> None:
        """Count one more report into its event, in constant work, by the
        one merge step (store/db/merge.py) that a recount folds over all
        of an event's reports."""
        c = self.conn
        row = c.execute("select n_reports, n_sources, fatalities, actor2_id, date, date_precision from events"
                        " where id = ?", [event_id]).fetchone()
        m = count_in(Merged(*row), ev.actor2, ev.date, ev.date_precision, ev.fatalities, new_source)
        write_merged(c, event_id, m)
        if self._corrected_merged.get(event_id) is not None:  # a corrected event: by its reports, the same step
            self._corrected_merged[event_id] = count_in(self._corrected_merged[event_id], ev.actor2, ev.date,
                                                        ev.date_precision, ev.fatalities, new_source)


# SQLite's INTEGER is 64-bit: a larger figure cannot be stored, and no real toll comes near it.
_INT64_MAX = 2**63 - 1


def _drop_unstorable_figures(ex: Extraction) -> None:
    """A fatality figure SQLite cannot hold is dropped, with a note, rather
    than failing the batch (OverflowError) that holds its article."""
    for ev in ex.events:
        f = ev.fatalities
        if f is not None and not (isinstance(f, int) and 0 <= f <= _INT64_MAX):
            ex.notes.append(f"fatality figure {str(f)[:30]} in sentence {ev.sentence_idx} is not a storable "
                            f"number; dropped")
            ev.fatalities = None


class IngestBusy(Exception):
    """Another ingest holds the store's ingest lock (and we may not wait)."""


def lock_path(db_path: str | os.PathLike) -> str:
    """The lock beside the store's real file: through a symlink or another
    spelling of the path, two ingests still find the same lock."""
    return f"{os.path.realpath(os.fspath(db_path))}.ingest.lock"


# Lock descriptors this process holds: forked workers close their copies, so that a
# worker outliving its ingest never keeps the store locked.
_HELD_LOCKS: set[int] = set()


@contextmanager
def ingest_lock(db_path: str | os.PathLike, wait: bool = True, on_wait: Callable[[], None] | None = None):
    """Hold `<db>.ingest.lock` (flock, released by the kernel when the
    process dies, so a killed ingest never leaves a stale lock). Two ingests
    into one store take turns: the second calls `on_wait` once and blocks,
    or raises IngestBusy when `wait` is false. A lock whose owner (the pid
    written in it) is gone, held only by processes it left behind, is taken
    over; the list this yields then holds a note saying so."""
    notes: list[str] = []
    if fcntl is None:
        yield notes
        return
    path = lock_path(db_path)
    parent = os.path.dirname(path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        locked = _try_flock(fd)
        if not locked:
            fd, locked = _take_over_from_the_dead(path, fd, notes)
        if not locked:
            if not wait:
                raise IngestBusy(f"another ingest into {db_path} is running (lock: {path})")
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _HELD_LOCKS.add(fd)
        yield notes
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)  # releases the lock


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _take_over_from_the_dead(path: str, fd: int, notes: list[str]) -> tuple[int, bool]:
    """(descriptor, locked). When the pid written in the held lock is gone,
    only processes it left behind hold it: the lock file is replaced by a
    fresh one (they keep the old inode, which no ingest looks at again)."""
    owner = _lock_owner(fd)
    if owner is None or process_alive(owner):
        return fd, False
    try:
        if os.stat(path).st_ino == os.fstat(fd).st_ino:  # not already replaced by another ingest
            os.unlink(path)
    except FileNotFoundError:
        pass
    fresh = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    os.close(fd)
    if _try_flock(fresh) and os.stat(path).st_ino == os.fstat(fresh).st_ino:
        notes.append(f"the ingest lock {path} was held for process {owner}, which is gone "
                     f"(processes it left behind kept it); taken over")
        return fresh, True
    return fresh, False


def _lock_owner(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def ingest(
    db_path: str,
    paths: list[str],
    jobs: int = 1,
    published: str | None = None,
    source: str | None = None,
    on_article: Callable[[str, int, int], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    dicts: Dictionaries | None = None,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    extracted: bool = False,
) -> IngestSummary:
    """Ingest every article under `paths` into the store at `db_path`.

    With extracted=True the paths are JSONL files made by `conflictui
    extract` (store/db/extracted.py) on this or other machines: they are
    written, not extracted again. One ingest per store at a time
    (`ingest_lock`): a second one waits (calling `on_wait` once) or, with
    wait=False, raises IngestBusy. Readers are never blocked (WAL)."""
    with ingest_lock(db_path, wait=wait, on_wait=on_wait) as lock_notes:
        summary = _ingest(db_path, paths, jobs, published, source, on_article, on_error, dicts, extracted)
        summary.notes[:0] = lock_notes
        return summary


def _ingest(db_path, paths, jobs, published, source, on_article, on_error, dicts, extracted=False) -> IngestSummary:
    """The ingest itself; the caller holds the ingest lock."""
    dicts = dicts or default_dictionaries()
    ro, _ = accepted(db_path, check=lambda ro: refuse_damaged(ro, db_path))  # a refused file is left as it was
    if ro is not None:
        ro.conn.close()
    db = connect(db_path)
    ensure_schema(db)
    sync_dictionaries(db, dicts)
    writer = StoreWriter(db)
    summary = IngestSummary()
    seen = writer.known_hashes()
    defaults = {"published": published, "source": source}

    def fresh() -> Iterator[Article]:
        for item in read_paths(paths, defaults):
            if _admit(item, seen, summary, on_article, on_error):
                yield item

    if extracted:
        results = _read_extracted(paths, seen, summary, dicts, on_article, on_error)
    else:
        results = _extract_all(fresh(), jobs, dicts)
    batch: list[tuple[Article, Extraction]] = []
    started = time.monotonic()

    def flush() -> None:
        nonlocal batch, started
        if batch:
            for (article, result), (reports, new) in zip(batch, writer.write_many(batch)):
                summary.articles += 1
                summary.reports += reports
                summary.events_new += new
                summary.notes.extend(f"{article.path}: {n}" for n in article.notes + result.notes)
                if not article.published:
                    summary.unpublished.append(article.path)
                if on_article:
                    on_article(article.path, reports, new)
        batch, started = [], time.monotonic()

    for article, result in results:
        if isinstance(result, str):
            err = ReadError(article.path, result)
            summary.failures.append(err)
            if on_error:
                on_error(err)
            continue
        batch.append((article, result))
        if len(batch) >= WRITE_BATCH or time.monotonic() - started > WRITE_SECONDS:
            flush()
    flush()
    if get_meta(db, "facets_version") != facets_stamp(db):
        refresh_facets(db)
    db.conn.close()
    return summary


def _read_extracted(paths, seen, summary, dicts, on_article, on_error):
    """(article, extraction) from JSONL made by `conflictui extract`."""

    warned = False
    for item in read_extracted(paths):
        if isinstance(item, ReadError):
            _admit(item, seen, summary, on_article, on_error)
            continue
        article, ex, fingerprint = item
        if fingerprint != dicts.fingerprint and not warned:
            warned = True  # ids may not match this store's dictionaries
            summary.notes.append(f"{article.path}: extracted with other dictionaries ({fingerprint or 'unknown'})")
        if _admit(article, seen, summary, on_article, on_error):
            yield article, ex


def _admit(item: Article | ReadError, seen: set[str], summary: IngestSummary, on_article, on_error) -> bool:
    """Count a read error or an article already stored; True for a new one."""
    if isinstance(item, ReadError):
        summary.failures.append(item)
        if on_error:
            on_error(item)
        return False
    h = item.content_hash
    if h in seen:
        summary.duplicates += 1
        if on_article:
            on_article(item.path, 0, 0)
        return False
    seen.add(h)
    return True


def default_jobs() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
