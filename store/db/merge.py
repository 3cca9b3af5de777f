"""One merge step: what an event's values become when one more report of
the same act is counted into it. The writer takes one step per report it
writes (constant work); corrections.py folds the steps over all of an
event's reports to make the event again from them (after an undo, a
re-extraction, or to know what the extractor says of a corrected event).
One rule for both, so a recount gives what the writer gave.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..nlp.dates import PRECISIONS

_PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}  # most precise first

# A report's columns the merge reads, in the order `merged_reports` takes them,
# and its source key as n_sources counts them (reported_by|outlet).
REPORT_COLUMNS = ("r.actor2_id, r.date, r.date_precision, r.fatalities,"
                  " coalesce(r.reported_by_id, '') || '|' || coalesce(a.source, a.id)")


@dataclass(frozen=True)
class Merged:
    """An event's values that its reports add up to."""
    n_reports: int
    n_sources: int
    fatalities: int | None
    actor2: str | None
    date: str | None
    date_precision: str | None


def rank(precision: str | None) -> int:
    return _PRECISION_RANK.get(precision, 9)


def count_in(m: Merged | None, actor2: str | None, date: str | None, precision: str | None,
             fatalities: int | None, new_source: bool) -> Merged:
    """`m` with one more report: one more report (and source, if new), the
    lowest fatality figure (ACLED's convention), the first actor2 reported,
    the most precise date (the first report's on a tie). None: the first
    report, whose values the event takes."""
    if m is None:
        return Merged(1, 1, fatalities, actor2, date, precision)
    date_now, prec_now = m.date, m.date_precision
    if date is not None and (date_now is None or rank(precision) < rank(prec_now)):
        date_now, prec_now = date, precision
    lowest = m.fatalities if fatalities is None else min(fatalities, fatalities if m.fatalities is None
                                                         else m.fatalities)
    return Merged(m.n_reports + 1, m.n_sources + int(new_source), lowest,
                  m.actor2 if m.actor2 is not None else actor2, date_now, prec_now)


def merged_reports(rows: Iterable[tuple]) -> Merged | None:
    """The steps folded over an event's reports in order, each row
    (actor2, date, precision, fatalities, source key) as REPORT_COLUMNS
    gives it; None for no report."""
    m, sources = None, set()
    for actor2, date, precision, fatalities, source in rows:
        m = count_in(m, actor2, date, precision, fatalities, source not in sources)
        sources.add(source)
    return m


def event_reports_merged(conn, event_id: int) -> Merged | None:
    """What the extractor's reports of one event add up to (in report order)."""
    return merged_reports(conn.execute(
        f"select {REPORT_COLUMNS} from reports r join articles a on a.id = r.article_id where r.event_id = ?"
        " order by r.id", [event_id]))


def write_merged(conn, event_id: int, m: Merged) -> None:
    conn.execute("update events set n_reports = ?, n_sources = ?, fatalities = ?, actor2_id = ?, date = ?,"
                 " date_precision = ? where id = ?",
                 [m.n_reports, m.n_sources, m.fatalities, m.actor2, m.date, m.date_precision, event_id])


def corrected_identities(conn) -> dict[tuple, list[int]]:
    """{identity key: event ids} of the events whose values a correction
    changed (corrected, or rejected after an edit), keyed by what their
    reports say: a new report is matched against the extractor's values,
    never the analyst's (identity.identity_key's fields, which every
    report of one event shares)."""
    out: dict[tuple, list[int]] = {}
    for eid, *key in conn.execute(
            "select e.id, r.event_type, r.actor1_id, r.place_id, r.negated, r.hedged from events e"
            " join reports r on r.id = (select min(id) from reports where event_id = e.id)"
            " where e.review in ('corrected', 'rejected') and e.review_key is null"):
        etype, actor1, place, negated, hedged = key
        out.setdefault((etype, actor1, place, bool(negated), bool(hedged)), []).append(eid)
    return out
