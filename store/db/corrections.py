"""The analyst's corrections: confirm, reject, edit or add an event.

A correction is keyed by the report it corrects, with a key that survives
re-ingest and re-extraction: the article's content hash, the sentence's
index, the trigger span and the rule (`ReportKey`), never a row id. The
`corrections` table is a log of actions in order; the result is written
onto the events rows (their values, and `events.review`: confirmed,
corrected, added or rejected; NULL for unreviewed), so that every reader
(the table, facets, map, exports) sees corrected values with no work of its
own. `reapply` recomputes an event from its reports and folds its
corrections in again; the writer calls `after_write` for every article it
writes, so corrections are applied again after any (re)ingest.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..nlp.dates import PRECISIONS
from ..nlp.event_types import event_types
from .merge import event_reports_merged, write_merged
from .versions import stamp_extractor

# The fields a correction may set, and the events column each one is.
FIELDS = {"event_type": "event_type", "actor1": "actor1_id", "actor2": "actor2_id", "place": "place_id",
          "date": "date", "date_precision": "date_precision", "fatalities": "fatalities",
          "negated": "negated", "hedged": "hedged"}
ACTIONS = ("confirm", "reject", "edit", "add")
MANUAL_RULE = "manual"  # the rule of an event the analyst added

# A report's trigger span as the key writes it ("start:end"; "" when none).
_TRIGGER_SQL = ("coalesce(json_extract(r.spans, '$.trigger[0]') || ':' || json_extract(r.spans, '$.trigger[1]'),"
                " '')")
# Each correction with the report (and its event) that its key names now.
_MATCHED_SQL = (
    "select r.event_id, c.id, c.action, c.changes from corrections c"
    " join articles a on a.hash = c.article_hash"
    " join sentences s on s.article_id = a.id and s.idx = c.sentence_idx"
    f" join reports r on r.article_id = a.id and r.sentence_id = s.id and r.rule = c.rule and {_TRIGGER_SQL} = c.trigger"
)
_KEY_SQL = "c.article_hash || '|' || c.sentence_idx || '|' || c.trigger || '|' || c.rule"
# An added event's corrections, by its key (the events row first: CROSS JOIN
# keeps that order, so the hash finds them by the key's index).
_ADDED_SQL = ("select e.id, c.id, c.action, c.changes from events e cross join corrections c"
              " on c.article_hash = substr(e.review_key, 1, instr(e.review_key, '|') - 1)"
              f" and e.review_key = {_KEY_SQL} where e.review = 'added'")


class CorrectionError(ValueError):
    """A correction that cannot be made (no such event, a bad value)."""


@dataclass(frozen=True)
class ReportKey:
    article_hash: str
    sentence_idx: int
    trigger: str  # "start:end" in the sentence, or "" when the report has none
    rule: str

    def text(self) -> str:
        return f"{self.article_hash}|{self.sentence_idx}|{self.trigger}|{self.rule}"


@dataclass
class Correction:
    key: ReportKey
    action: str
    changes: dict = field(default_factory=dict)
    by: str | None = None
    at: str = ""
    note: str | None = None
    id: int | None = None

    def to_json(self) -> dict:
        return {"article_hash": self.key.article_hash, "sentence_idx": self.key.sentence_idx,
                "trigger": self.key.trigger, "rule": self.key.rule, "action": self.action,
                "changes": self.changes, "by": self.by, "at": self.at, "note": self.note}

    @classmethod
    def from_json(cls, d: dict) -> "Correction":
        """One line of `corrections export`; CorrectionError naming what is wrong."""
        try:
            key = ReportKey(str(d["article_hash"]), int(d["sentence_idx"]), str(d["trigger"]), str(d["rule"]))
            changes = d.get("changes") or {}
            if d["action"] not in ACTIONS or not isinstance(changes, dict) or set(changes) - set(FIELDS):
                raise CorrectionError(f"bad action or changes ({d['action']!r}, {sorted(changes)})")
            return cls(key, d["action"], changes, d.get("by"), str(d["at"]), d.get("note"))
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, CorrectionError):
                raise
            raise CorrectionError(f"not a correction ({type(exc).__name__}: {exc})") from None


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def has_corrections(conn) -> bool:
    return conn.execute("select exists (select 1 from corrections)").fetchone()[0] == 1


def _row_correction(r) -> Correction:
    return Correction(ReportKey(r[1], r[2], r[3], r[4]), r[5], json.loads(r[6] or "{}"), r[7], r[8], r[9], r[0])


_CORRECTION_COLUMNS = "id, article_hash, sentence_idx, trigger, rule, action, changes, by, at, note"


def all_corrections(conn) -> list[Correction]:
    return [_row_correction(r) for r in conn.execute(f"select {_CORRECTION_COLUMNS} from corrections order by id")]


def key_of_event(conn, event_id: int) -> ReportKey:
    """The key a correction of this event is filed under: an added event's
    own key, else that of its report corrected last, else its first report's."""
    row = conn.execute("select review_key from events where id = ?", [event_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no event with id {event_id}")
    if row[0]:
        h, idx, trigger, rule = row[0].split("|", 3)
        return ReportKey(h, int(idx), trigger, rule)
    found = conn.execute(
        f"select a.hash, s.idx, {_TRIGGER_SQL}, r.rule from reports r join articles a on a.id = r.article_id"
        " join sentences s on s.id = r.sentence_id where r.event_id = ?"
        f" order by (select max(c.id) from corrections c where c.article_hash = a.hash and c.sentence_idx = s.idx"
        f"  and c.rule = r.rule and c.trigger = {_TRIGGER_SQL}) desc nulls last, r.id limit 1",
        [event_id]).fetchone()
    if found is None:
        raise CorrectionError(f"event {event_id} has no report to correct")
    return ReportKey(*found)


def clean_changes(changes: dict) -> dict:
    """The changes with their values typed; CorrectionError for an unknown
    field or a bad value."""
    out = {}
    for name, value in changes.items():
        if name not in FIELDS:
            raise CorrectionError(f"cannot change {name!r} (fields: {', '.join(FIELDS)})")
        _check_value(name, value)
        if name in ("negated", "hedged") and value is not None:
            value = bool(value)
        elif name == "fatalities" and value is not None:
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise CorrectionError(f"fatalities must be a number, not {value!r}") from None
            if value < 0:
                raise CorrectionError("fatalities cannot be negative")
        out[name] = value
    return out


def _check_value(name: str, value) -> None:
    """CorrectionError for an event type, date or precision the store cannot hold."""
    if name == "event_type" and value not in {t.id for t in event_types()}:
        raise CorrectionError(f"event_type {value!r} is not an event type (README, \"Event types\")")
    if name == "date_precision" and value not in PRECISIONS:
        raise CorrectionError(f"date_precision must be one of {', '.join(PRECISIONS)}, not {value!r}")
    if name == "date" and value is not None:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            raise CorrectionError(f"date must be YYYY-MM-DD, not {value!r}") from None


def record(conn, corrections: Iterable[Correction]) -> list[int]:
    """Store corrections and apply them (in the caller's transaction);
    the ids of the events they changed."""
    events: set[int] = set()
    for c in corrections:
        conn.execute(
            "insert into corrections(article_hash, sentence_idx, trigger, rule, action, changes, by, at, note)"
            " values (?,?,?,?,?,?,?,?,?)",
            [c.key.article_hash, c.key.sentence_idx, c.key.trigger, c.key.rule, c.action,
             json.dumps(c.changes, ensure_ascii=False, sort_keys=True), c.by, c.at or now(), c.note])
        if c.action == "add":
            _create_added(conn, c.key)
        events.update(events_of_keys(conn, [c.key]))
    reapply(conn, events)
    return sorted(events)


def events_of_keys(conn, keys: Iterable[ReportKey]) -> set[int]:
    """The events that the reports (or added events) of these keys are in now."""
    out: set[int] = set()
    for k in keys:
        if k.rule == MANUAL_RULE:
            out.update(r[0] for r in conn.execute("select id from events where review_key = ?", [k.text()]))
            continue
        out.update(r[0] for r in conn.execute(
            f"select r.event_id from articles a join sentences s on s.article_id = a.id and s.idx = ?"
            f" join reports r on r.article_id = a.id and r.sentence_id = s.id"
            f" where a.hash = ? and r.rule = ? and {_TRIGGER_SQL} = ?",
            [k.sentence_idx, k.article_hash, k.rule, k.trigger]))
    return out


def _create_added(conn, key: ReportKey, article_id: int | None = None) -> None:
    """The events row of an added event, when its article and sentence are
    stored and it has none yet (its values come from its corrections)."""
    if conn.execute("select 1 from events where review_key = ?", [key.text()]).fetchone():
        return
    row = conn.execute("select a.id, s.text from articles a join sentences s on s.article_id = a.id and s.idx = ?"
                       " where a.hash = ?", [key.sentence_idx, key.article_hash]).fetchone()
    if row is None or (article_id is not None and row[0] != article_id):
        return
    conn.execute("insert into events(event_type, date_precision, negated, hedged, n_reports, n_sources, article_id,"
                 " sentence, review, review_key) values ('', 'unknown', 0, 0, 1, 1, ?, ?, 'added', ?)",
                 [row[0], row[1], key.text()])


# -- applying ------------------------------------------------------------------
def reapply(conn, event_ids: Iterable[int]) -> None:
    """Make each event what its reports say, then what its corrections say,
    in the order they were made (the caller holds the transaction)."""
    ids = sorted(set(event_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for eid in chunk:
            _reset_event(conn, eid)
        folded: dict[int, list[tuple[str, str]]] = {}
        for sql in (_MATCHED_SQL, _ADDED_SQL):
            where = "where" if sql is _MATCHED_SQL else "and"
            for eid, _cid, action, changes in conn.execute(
                    f"select * from ({sql} {where} {'r.event_id' if sql is _MATCHED_SQL else 'e.id'} in ({marks}))"
                    " order by 2", chunk):
                folded.setdefault(eid, []).append((action, changes))
        for eid, actions in folded.items():
            _write_review(conn, eid, actions)


def _reset_event(conn, event_id: int) -> None:
    """The event's values as the writer made them from its reports (an
    added event has none: its corrections give them all)."""
    row = conn.execute("select review_key, (select min(id) from reports where event_id = e.id) from events e"
                       " where id = ?", [event_id]).fetchone()
    if row is None or row[0]:
        return
    if row[1] is None:  # its reports are gone (re-extraction): the event goes with them
        conn.execute("delete from events where id = ?", [event_id])
        return
    conn.execute(
        "update events set (event_type, actor1_id, actor2_id, place_id, date, date_precision, reported_by_id,"
        " fatalities, negated, hedged, first_report_id, article_id, review) = (select r.event_type, r.actor1_id,"
        " r.actor2_id, r.place_id, r.date, r.date_precision, r.reported_by_id, r.fatalities, r.negated, r.hedged,"
        " r.id, r.article_id, null from reports r where r.id = coalesce((select id from reports where"
        " id = events.first_report_id and event_id = events.id), ?)) where id = ?", [row[1], event_id])
    conn.execute("update events set sentence = (select s.text from reports r join sentences s on s.id = r.sentence_id"
                 " where r.id = events.first_report_id) where id = ?", [event_id])
    _recount(conn, event_id)


def _recount(conn, event_id: int) -> None:
    """What the writer's merge gives an event from all its reports, in
    order: the same merge step (store/db/merge.py), folded over them."""
    m = event_reports_merged(conn, event_id)
    if m is not None:
        write_merged(conn, event_id, m)


def fold(actions: Iterable[tuple[str, str]]) -> tuple[str | None, dict]:
    """(review, changes) after these (action, changes JSON), in order."""
    review, changes = None, {}
    for action, text in actions:
        if action == "add":
            review = "added"
            changes.update(json.loads(text or "{}"))
        elif action == "edit":
            changes.update(json.loads(text or "{}"))
            review = "added" if review == "added" else "corrected"
        elif action == "reject":
            review = "rejected"
        elif action == "confirm" and review != "added":
            review = "corrected" if changes else "confirmed"
        elif action == "confirm":
            review = "added"
    return review, changes


def _write_review(conn, event_id: int, actions: list[tuple[str, str]]) -> None:
    review, changes = fold(actions)
    sets = [f"{FIELDS[k]} = ?" for k in changes if k in FIELDS]
    values = [int(v) if isinstance(v, bool) else v for k, v in changes.items() if k in FIELDS]
    conn.execute(f"update events set {', '.join(sets + ['review = ?'])} where id = ?", values + [review, event_id])


def after_write(conn, article_hashes: list[str]) -> None:
    """The writer's hook, inside its transaction, once the articles are
    written: the extractor's version is recorded if none is; their added events are made again, and every event that one of
    their reports joined or that a correction names gets its corrections
    folded in again. Costs one query when the store has no corrections."""
    stamp_extractor(conn)
    if not article_hashes or not has_corrections(conn):
        return
    marks = ",".join("?" * len(article_hashes))
    article_ids = [r[0] for r in conn.execute(f"select id from articles where hash in ({marks})", article_hashes)]
    marks = ",".join("?" * len(article_ids))
    for r in conn.execute(f"select c.article_hash, c.sentence_idx, c.trigger, c.rule, a.id from corrections c"
                          f" join articles a on a.hash = c.article_hash where c.action = 'add'"
                          f" and a.id in ({marks})", article_ids).fetchall():
        _create_added(conn, ReportKey(*r[:4]), r[4])
    corrected = {r[0] for r in conn.execute(
        f"select distinct m.event_id from ({_MATCHED_SQL}) m where m.event_id in"
        f" (select event_id from reports where article_id in ({marks}))", article_ids)}
    corrected.update(r[0] for r in conn.execute(
        f"select id from events where review_key is not null and article_id in ({marks})", article_ids))
    if corrected:
        reapply(conn, corrected)


def undo_last(conn, by: str | None = None) -> Correction | None:
    """Remove the last correction (the last one by `by`, when given) and
    make its event what the others say; None when there is none."""
    where, params = ("where by = ?", [by]) if by else ("", [])
    row = conn.execute(f"select {_CORRECTION_COLUMNS} from corrections {where} order by id desc limit 1",
                       params).fetchone()
    if row is None:
        return None
    last = _row_correction(row)
    events = events_of_keys(conn, [last.key])
    conn.execute("delete from corrections where id = ?", [last.id])
    if last.action == "add" and not conn.execute(
            "select 1 from corrections where action = 'add' and " + _KEY_SQL.replace("c.", "") + " = ?",
            [last.key.text()]).fetchone():
        events = drop_added(conn, "review_key = ?", [last.key.text()])
    reapply(conn, events)
    return last


def drop_added(conn, where: str, params: list) -> set[int]:
    """Remove the added events that `where` selects (on events; the
    caller reapplies): one that holds extracted reports (a store written
    before added events stopped taking them) becomes what its reports
    say, so no report is left pointing at no event. The ids kept."""
    kept = {r[0] for r in conn.execute(f"select id from events where review_key is not null and ({where})"
                                       " and exists (select 1 from reports r where r.event_id = events.id)", params)}
    conn.executemany("update events set review_key = null, review = null, first_report_id ="
                     " (select min(id) from reports where event_id = events.id) where id = ?", [(i,) for i in kept])
    conn.execute(f"delete from events where review_key is not null and ({where})", params)
    return kept


def orphans(conn, key: ReportKey | None = None) -> list[Correction]:
    """Corrections (filed under `key`, when given) whose report is no longer
    in the store (kept, never dropped: a later extraction or ingest may
    bring it back)."""
    where, params = ("", []) if key is None else (
        " and c.article_hash = ? and c.sentence_idx = ? and c.trigger = ? and c.rule = ?",
        [key.article_hash, key.sentence_idx, key.trigger, key.rule])
    return [_row_correction(r) for r in conn.execute(
        f"select {_CORRECTION_COLUMNS} from corrections c where c.id not in (select m.id from ({_MATCHED_SQL}) m)"
        " and not exists (select 1 from events e where e.review_key = " + _KEY_SQL + f"){where} order by id",
        params)]


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    conflicts: list[str] = field(default_factory=list)


def _same(a: Correction, b: Correction) -> bool:
    return (a.key, a.action, a.changes, a.by, a.at) == (b.key, b.action, b.changes, b.by, b.at)


def _conflict(new: Correction, theirs: list[Correction]) -> str | None:
    """Why `new` contradicts what another reviewer decided on its key, or None."""
    others = [c for c in theirs if c.by != new.by]
    if not others:
        return None
    review, changes = fold((c.action, json.dumps(c.changes)) for c in others)
    if new.action == "reject" and review not in (None, "rejected"):
        return f"{new.by} rejects what {others[-1].by} kept ({review})"
    if new.action in ("confirm", "edit") and review == "rejected":
        return f"{new.by} keeps what {others[-1].by} rejected"
    differ = sorted(k for k, v in new.changes.items() if k in changes and changes[k] != v)
    if differ:
        return f"{new.by} and {others[-1].by} set {', '.join(differ)} differently"
    return None


def import_corrections(conn, items: Iterable[Correction]) -> ImportResult:
    """Add corrections from another store or reviewer: one already here is
    skipped (so an import is idempotent); one that contradicts another
    reviewer's decision on the same key is reported, not stored."""
    result = ImportResult()
    by_key: dict[ReportKey, list[Correction]] = {}
    for c in all_corrections(conn):
        by_key.setdefault(c.key, []).append(c)
    fresh = []
    for c in items:
        here = by_key.setdefault(c.key, [])
        if any(_same(c, h) for h in here):
            result.duplicates += 1
            continue
        why = _conflict(c, here)
        if why:
            result.conflicts.append(f"{c.key.text()}: {why}")
            continue
        here.append(c)
        fresh.append(c)
    record(conn, fresh)
    result.added = len(fresh)
    return result


def export_lines(conn) -> Iterator[str]:
    for c in all_corrections(conn):
        yield json.dumps(c.to_json(), ensure_ascii=False, sort_keys=True)


def not_rejected(id_column: str = "e.id") -> str:
    """SQL true for an event that is not rejected: by id, so that a scan of
    a covering index reads no table row (the partial index finds the few
    rejected ones)."""
    return f"{id_column} not in (select id from events where review = 'rejected')"
