"""When two reports tell one event: the merge rule, as one pure function.

Two reports are one event when they have the same type, the same actor1
and the same place, agree on negated and hedged (an attempt, a forecast
or a denial is never the completed act), and their dates agree within
their precision: the same day for two day dates, within 7 days when one is
a week, 31 for a month, 366 for a year. A report without a date, an actor1
or a place is an event of its own: nothing says which other it would be.
The target (actor2) is not compared: one act told with two targets («غارات
على مواقع لحزب الله وقوات إيرانية») gives a report for each, and outlets
name the target differently or not at all; the event keeps the first
target reported (store/db/merge.py). The writer (store/db/ingest.py) asks
`same_event` of each stored event its query finds with the report's key.

Inside one clause (the extractor's case) the clause itself says more:
two cues of one type and actor1 there («صواريخ أو قذائف») tell one act
even without a date or place, and a cue that names no place and no target
is the same act as the one beside it that names the place. The clause has
one verb, so a hedge that one cue reads and the other does not is a
difference of the cues' reach, not of two acts (the extractor asks the
writer's rule instead when an attempt stands beside a finite verb that
tells the act as done: store/nlp/sentence.py `_scope`); a different target or
place is two acts, and so are two dates that disagree beyond their
precision («استعادة الرمادي التي سقطت في مايو ... منذ أن اجتاح التنظيم
البلاد في 2014»), unless the two cues touch as one phrase («الهجوم بغاز
السارين»): one mention has one date, whichever a cue read.
docs/EVENTS.md states the same rule for readers."""
from __future__ import annotations

import datetime as dt

from .dates import PRECISIONS, parse_date

# how far apart two dates of a precision may lie and still be one day's act
WINDOW_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366, "unknown": 0}


def identity_key(report) -> tuple | None:
    """The fields two reports of one event share exactly, or None when the
    report can merge with none (it lacks a date, actor1 or place)."""
    if not (report.date and parse_date(report.date) and report.actor1 is not None and report.place is not None):
        return None
    return report.event_type, report.actor1, report.place, bool(report.negated), bool(report.hedged)


def date_window(date: str, precision: str) -> tuple[str, str]:
    """The (first, last) ISO dates an event of this date may lie within to
    be a candidate (at least a day either side, for the candidates' index)."""
    d = parse_date(date)
    span = dt.timedelta(days=max(WINDOW_DAYS.get(precision, 0), 1))
    return (d - span).isoformat(), (d + span).isoformat()


def candidate_windows(date: str, precision: str) -> list[tuple[str | None, str, str]]:
    """Where a stored event that may be this date's lies: (None, first,
    last), its own window, for an event of any precision; and (p, first,
    last) for the events of each precision p looser than its own, whose
    window reaches further (a week-dated event is the act of a day four
    days after it, whichever was stored first)."""
    own = WINDOW_DAYS.get(precision, 0)
    return [(None, *date_window(date, precision))] + [
        (p, *date_window(date, p)) for p, days in WINDOW_DAYS.items() if days > max(own, 1)]


def within(windows: list[tuple[str | None, str, str]], date: str, precision: str | None) -> bool:
    """Whether a stored event of this date and precision lies in one of `windows`."""
    return any((p is None or p == precision) and lo <= date <= hi for p, lo, hi in windows)


def dates_agree(date_a: str, precision_a: str, date_b: str, precision_b: str) -> bool:
    """Whether two dates agree within the looser of their precisions."""
    a, b = parse_date(date_a), parse_date(date_b)
    if not (a and b):
        return False
    return abs((a - b).days) <= max(WINDOW_DAYS.get(precision_a, 0), WINDOW_DAYS.get(precision_b, 0))


def same_event(a, b, scope: str | None = None) -> bool:
    """Whether reports `a` and `b` tell one event (see the module's rule).
    `scope` is what the extractor knows of the two: "clause" when it read
    both in one clause of a sentence, "phrase" when their cues also touch;
    None, the writer's case: `b` is a stored event (its values as its
    reports give them) and nothing else is known."""
    if scope is None:
        key = identity_key(a)
        return key is not None and key == identity_key(b) and dates_agree(
            a.date, a.date_precision, b.date, b.date_precision)
    if (a.event_type, a.actor1) != (b.event_type, b.actor1):
        return False
    if scope != "phrase" and a.date and b.date and not dates_agree(a.date, a.date_precision, b.date, b.date_precision):
        return False
    if (a.actor2, a.place) == (b.actor2, b.place):
        return True
    return any(not x.place and not x.actor2 and y.place for x, y in ((a, b), (b, a)))


def _told(report) -> tuple[bool, int]:
    """How much a report says of its event: a place, then how precise its date is."""
    p = report.date_precision if report.date else "unknown"
    return bool(report.place), -PRECISIONS.index(p if p in PRECISIONS else "unknown")


def covers(a, b) -> bool:
    """Whether `a` says at least as much as `b` of the one event they tell
    (the report to keep of the two): a place where `b` names none, else a
    date at least as precise («في 4 أبريل» over «الأسبوع الماضي»)."""
    return _told(a) >= _told(b)
