"""The review side of `EventStore` (a mixin): what the app and the
`review` commands call to confirm, reject, edit, add and undo, to count
the events reviewed under a filter, and to see what each source says about
one event (its reports' values side by side, and the rival events that
tell it otherwise). The corrections themselves live in corrections.py.
"""
from __future__ import annotations

import dataclasses
import json

from .corrections import (FIELDS, MANUAL_RULE, Correction, CorrectionError, ImportResult, ReportKey,
                          all_corrections, clean_changes, events_of_keys, import_corrections, key_of_event, now,
                          orphans, record, undo_last)
from .schema import facets_stamp, set_meta
from .versions import extraction_differs

# The values of a report that the sources may tell differently.
VERSION_FIELDS = ("event_type", "actor1", "actor2", "place", "date", "date_precision", "fatalities", "negated",
                  "hedged")
# Where two reports of one act disagree enough to mark the event contested.
CONTESTED_FIELDS = ("fatalities", "actor1")

# Rival events: the same type at the same place within a day, by another
# actor 1, told by another article (one says the army took the town,
# another that the rebels hold it). Fatalities: one event whose reports
# state different tolls.
_RIVALS_SQL = (
    "select x.id, y.id from events x join events y on y.place_id = x.place_id"
    " and y.date between date(x.date, '-1 day') and date(x.date, '+1 day')"
    " and y.event_type = x.event_type and y.actor1_id <> x.actor1_id and y.article_id <> x.article_id"
    " where x.place_id is not null and x.date is not null and x.event_type <> ''"
    " and coalesce(x.review, '') <> 'rejected' and coalesce(y.review, '') <> 'rejected'"
)
_TOLLS_SQL = ("select event_id from reports where fatalities is not null group by event_id"
              " having min(fatalities) <> max(fatalities)")
_VERSION_SQL = (
    "select r.id, r.event_id, a.id, a.source, a.title, a.published, a.path, r.reported_by_id, s.idx, s.text,"
    " r.spans, r.rule, r.event_type, r.actor1_id, r.actor2_id, r.place_id, r.date, r.date_precision,"
    " r.fatalities, r.negated, r.hedged from reports r join articles a on a.id = r.article_id"
    " join sentences s on s.id = r.sentence_id"
)


class ReviewAccess:
    """Mixed into EventStore: needs its `conn`, `execute`, `where`, `_cached`,
    `_store_cached` and `invalidate`."""

    # -- corrections ------------------------------------------------------------
    def confirm(self, event_id: int, by: str | None = None, note: str | None = None) -> Correction:
        return self._correct(event_id, "confirm", {}, by, note)

    def reject(self, event_id: int, by: str | None = None, note: str | None = None) -> Correction:
        return self._correct(event_id, "reject", {}, by, note)

    def edit(self, event_id: int, changes: dict, by: str | None = None, note: str | None = None) -> Correction:
        """Set some of FIELDS (actor1, actor2 and place by id or name)."""
        if not changes:
            raise CorrectionError("nothing to change")
        return self._correct(event_id, "edit", self._resolved(changes), by, note)

    def add(self, article_id: int, sentence_idx: int, changes: dict, by: str | None = None,
            note: str | None = None, trigger: tuple[int, int] | None = None) -> tuple[Correction, int]:
        """Add an event the extractor missed on a sentence of an article:
        (the correction, the new event's id). `trigger`: the span of the
        words that tell it in the sentence (default: the whole sentence)."""
        row = self.execute("select a.hash, length(s.text) from articles a join sentences s on s.article_id = a.id"
                           " and s.idx = ? where a.id = ?", [sentence_idx, article_id]).fetchone()
        if row is None:
            raise CorrectionError(f"article {article_id} has no sentence {sentence_idx}")
        if not changes.get("event_type"):
            raise CorrectionError("an added event needs an event_type")
        start, end = trigger or (0, row[1])
        key = ReportKey(row[0], sentence_idx, f"{start}:{end}", MANUAL_RULE)
        if any(c.key == key and c.action == "add" for c in all_corrections(self.conn)):
            raise CorrectionError("an event was already added there with that trigger: give another trigger span")
        c = Correction(key, "add", self._resolved(changes), self._reviewer(by), now(), note)
        self._write(lambda: record(self.conn, [c]))
        (event_id,) = events_of_keys(self.conn, [key])
        return c, event_id

    def undo_last(self, by: str | None = None) -> Correction | None:
        """Undo the last correction (the last one by `by`, when given)."""
        out = []
        self._write(lambda: out.append(undo_last(self.conn, by)))
        return out[0]

    def import_corrections(self, items: list[Correction]) -> ImportResult:
        """Add corrections from another reviewer or store (see corrections.import_corrections)."""
        out = []
        self._write(lambda: out.append(import_corrections(self.conn, items)))
        return out[0]

    def checked(self, c: Correction) -> Correction:
        """An imported correction with its values checked and typed, and its
        names resolved, as an edit typed here would be (CorrectionError or
        UnknownName naming what is wrong)."""
        if c.action == "add" and not c.changes.get("event_type"):
            raise CorrectionError("an added event needs an event_type")
        return dataclasses.replace(c, changes=self._resolved(c.changes))

    def sentence_of_event(self, event_id: int) -> tuple[int, int] | None:
        """(article id, sentence index) of an event's first report (or of an added event)."""
        row = self.execute(
            "select a.id, s.idx from events e join reports r on r.id = coalesce(e.first_report_id,"
            " (select min(id) from reports where event_id = e.id)) join articles a on a.id = r.article_id"
            " join sentences s on s.id = r.sentence_id where e.id = ?", [event_id]).fetchone()
        if row is None and self.execute("select review_key from events where id = ?", [event_id]).fetchone():
            key = key_of_event(self.conn, event_id)
            row = self.execute("select id, ? from articles where hash = ?", [key.sentence_idx, key.article_hash]
                               ).fetchone()
        return (row[0], row[1]) if row else None

    def extraction_differs(self, dictionaries_fingerprint: str) -> list[str]:
        """Why the stored events may differ from what the running extractor
        and these dictionaries would give (empty: they would not): the app
        offers `reextract` then."""
        return extraction_differs(self.conn, dictionaries_fingerprint)

    def corrections(self) -> list[Correction]:
        return all_corrections(self.conn)

    def orphan_corrections(self, key: ReportKey | None = None) -> list[Correction]:
        """Corrections (filed under `key`, when given) whose report is gone
        from the store (kept): after an undo, those its event took away."""
        return orphans(self.conn, key)

    def review_counts(self, f) -> dict[str, int]:
        """{review: events} under filter `f` (its own review filter aside),
        for the status line: unreviewed, confirmed, corrected, added, rejected."""
        where, params = self.where(f.with_(review="any", include_rejected=True))
        counts = dict.fromkeys(("unreviewed", "confirmed", "corrected", "added", "rejected"), 0)
        for review, n in self.execute(f"select coalesce(e.review, 'unreviewed'), count(*) from events e"
                                      f" where {where} group by 1", params):
            counts[review] = n
        return counts

    def _correct(self, event_id: int, action: str, changes: dict, by, note) -> Correction:
        c = Correction(key_of_event(self.conn, event_id), action, changes, self._reviewer(by), now(), note)
        was_rejected = self.execute("select review = 'rejected' from events where id = ?", [event_id]).fetchone()[0]
        self._write(lambda: record(self.conn, [c]), recount=action != "confirm" or bool(was_rejected))
        return c

    def _resolved(self, changes: dict) -> dict:
        """The changes typed, with actors and places named as a person types
        them resolved to ids (UnknownName when one is not known)."""
        out = clean_changes(changes)
        for name, kind in (("actor1", "actor"), ("actor2", "actor"), ("place", "place")):
            if out.get(name):
                ids = self.resolve(kind, out[name])
                if len(ids) > 1 and out[name] not in ids:
                    raise CorrectionError(f"{name} {out[name]!r} names several: {', '.join(ids)}; give an id")
                out[name] = out[name] if out[name] in ids else ids[0]
        return out

    @staticmethod
    def _reviewer(by: str | None) -> str:
        from .. import settings

        return by or settings.reviewer()

    def _write(self, body, recount: bool = True) -> None:
        """Run `body` in one transaction, mark the data changed and bring
        the precomputed facets up to date (rejected events leave them); a
        change that moves no count (`recount` false: a confirmation) only
        stamps them current again, if they were."""
        from .ingest import bump_data_version, refresh_facets

        with self.conn:
            self.conn.execute("begin immediate")  # the write lock first: no ingest commits between read and write
            current = self._facets_table_current()
            body()
            bump_data_version(self.conn)
            if current and not recount:
                set_meta(self.db, "facets_version", facets_stamp(self.db))
        if recount or not current:
            refresh_facets(self.db)
        self.invalidate()

    def reviewed_mentions(self) -> list[dict]:
        """Each sentence that tells a reviewed (confirmed, corrected or added)
        event, with the event's values as reviewed and its article: what
        `corrections --as-gold` writes, one row per mention; `complete`
        is true when every event of its article is reviewed."""
        cols = ("article_id", "hash", "path", "title", "published", "body", "sentence_idx", "sentence",
                "event_type", "actor1", "actor2", "place", "date", "date_precision", "reported_by", "fatalities",
                "negated", "hedged", "review", "complete")
        event_cols = ("e.event_type, e.actor1_id, e.actor2_id, e.place_id, e.date, e.date_precision,"
                      " e.reported_by_id, e.fatalities, e.negated, e.hedged, e.review,"
                      " not exists (select 1 from reports ar join events ae on ae.id = ar.event_id"
                      " where ar.article_id = a.id and ae.review is null)")
        sql = (f"select a.id, a.hash, a.path, a.title, a.published, a.body, s.idx, s.text, {event_cols}"
               " from events e join reports r on r.event_id = e.id join articles a on a.id = r.article_id"
               " join sentences s on s.id = r.sentence_id where e.review in ('confirmed', 'corrected')"
               f" union all select a.id, a.hash, a.path, a.title, a.published, a.body, s.idx, s.text, {event_cols}"
               " from events e join articles a on a.id = e.article_id join sentences s on s.article_id = a.id"
               " and s.idx = cast(substr(e.review_key, instr(e.review_key, '|') + 1) as integer)"
               " where e.review = 'added' order by 1, 7")
        return [dict(zip(cols, r)) for r in self.execute(sql)]

    # -- what each source says ---------------------------------------------------
    def contested_ids(self) -> list[int]:
        """Events whose reports state different tolls, or that a rival
        event (another actor 1, the same act and place within a day, in
        another article) contradicts; cached until the data changes."""
        versioned, cached = self._cached(("contested",))
        if cached is None:
            ids = {r[0] for r in self.execute(_TOLLS_SQL)}
            ids.update(r[0] for r in self.execute(_RIVALS_SQL))
            cached = self._store_cached(versioned, sorted(ids))
        return cached

    def versions(self, event_id: int) -> dict:
        """Every report of the event and of its rival events, each with its
        outlet, reported_by, sentence and values, and the fields on which
        they differ: {"reports": [...], "rivals": [event ids], "differs": [...]}."""
        rivals = sorted({r[1] for r in self.execute(f"{_RIVALS_SQL} and x.id = ?", [event_id])})
        marks = ",".join("?" * (1 + len(rivals)))
        reports = [_version(r) for r in self.execute(
            f"{_VERSION_SQL} where r.event_id in ({marks}) order by r.event_id <> ?, r.id",
            [event_id, *rivals, event_id])]
        differs = [f for f in VERSION_FIELDS
                   if len({r["values"][f] for r in reports if r["values"][f] is not None}) > 1]
        return {"event_id": event_id, "reports": reports, "rivals": rivals, "differs": differs}


def _version(r) -> dict:
    spans = json.loads(r[10] or "{}")
    return {
        "report_id": r[0], "event_id": r[1], "article_id": r[2], "outlet": r[3], "title": r[4], "published": r[5],
        "path": r[6], "reported_by": r[7], "sentence_idx": r[8], "sentence": r[9], "spans": spans, "rule": r[11],
        "values": dict(zip(VERSION_FIELDS, (r[12], r[13], r[14], r[15], r[16], r[17], r[18], bool(r[19]),
                                            bool(r[20])))),
    }


assert set(VERSION_FIELDS) == set(FIELDS)  # a correction can set every value a source may tell
