"""The merge rule (store/nlp/identity.py), and the writer applying it."""
import pytest

from store.db.ingest import StoreWriter
from store.db.schema import connect, ensure_schema
from store.nlp.identity import (candidate_windows, covers, date_window, dates_agree, identity_key, same_event,
                                 within)
from store.nlp.sentence import Event, Extraction, Sentence, _dedupe
from store.text.arabic import Token, normalize
from store.text.articles import Article


def _ev(**kw):
    base = dict(event_type="airstrike", sentence_idx=0, actor1="russian-forces", place="idlib",
                date="2019-05-10", date_precision="day")
    return Event(**{**base, **kw})


def test_identity_needs_date_actor_and_place():
    assert identity_key(_ev()) == ("airstrike", "russian-forces", "idlib", False, False)
    for missing in ({"date": None}, {"actor1": None}, {"place": None}, {"date": "2019-13-40"}):
        assert identity_key(_ev(**missing)) is None


def test_an_attempt_or_a_forecast_is_not_the_act():
    assert identity_key(_ev(hedged=True)) != identity_key(_ev())
    assert identity_key(_ev(negated=True)) != identity_key(_ev())


@pytest.mark.parametrize("a,pa,b,pb,same", [
    ("2019-05-10", "day", "2019-05-10", "day", True),
    ("2019-05-10", "day", "2019-05-11", "day", False),
    ("2019-05-10", "week", "2019-05-16", "day", True),
    ("2019-05-10", "week", "2019-05-18", "day", False),
    ("2019-05-01", "month", "2019-05-30", "day", True),
    ("2019-01-01", "year", "2019-12-31", "day", True),
    ("2019-05-10", "day", None, "day", False),
])
def test_dates_agree_within_the_looser_precision(a, pa, b, pb, same):
    assert dates_agree(a, pa, b, pb) is same


def test_the_candidate_window_covers_the_precision():
    assert date_window("2019-05-10", "day") == ("2019-05-09", "2019-05-11")
    assert date_window("2019-05-10", "week") == ("2019-05-03", "2019-05-17")
    # and the stored events of a looser precision are looked for as far as theirs reaches
    assert candidate_windows("2019-05-10", "week") == [
        (None, "2019-05-03", "2019-05-17"), ("month", "2019-04-09", "2019-06-10"),
        ("year", "2018-05-09", "2020-05-10")]
    assert [p for p, _, _ in candidate_windows("2019-05-10", "day")] == [None, "week", "month", "year"]
    assert within(candidate_windows("2019-05-14", "day"), "2019-05-10", "week")
    assert not within(candidate_windows("2019-05-14", "day"), "2019-05-10", "day")


def _write(db, n: int, ev: Event) -> int:
    """Write one article holding one report; 1 when it made a new event."""
    return _write_all(db, n, [ev])


def test_the_writer_merges_by_the_same_rule(tmp_path):
    db = connect(tmp_path / "s.db")
    ensure_schema(db)
    cases = [_ev(), _ev(date="2019-05-10"), _ev(hedged=True), _ev(date="2019-05-11"), _ev(place=None)]
    new = [_write(db, n, ev) for n, ev in enumerate(cases)]
    assert new == [1, 0, 1, 1, 1]
    assert db.execute("select count(*) from events").fetchone()[0] == 4


def _write_all(db, n: int, events: list[Event]) -> int:
    """Write one article whose one sentence tells `events`; the new events."""
    text = f"نص الخبر رقم {n}."
    article = Article(f"a{n}.txt", f"t{n}", text, published="2019-05-10")
    sentence = Sentence(0, 0, len(text), text, [], [], [], [], [], [])
    return StoreWriter(db).write(article, Extraction(sentences=[sentence], events=events))[1]


def test_one_act_told_with_two_targets_is_one_event_that_keeps_the_first(tmp_path):
    """«غارات على مواقع للحزب وللقوات»: a report per target, one event."""
    db = connect(tmp_path / "s.db")
    ensure_schema(db)
    assert _write_all(db, 0, [_ev(actor2="hezbollah"), _ev(actor2="iranian-forces")]) == 1
    assert _write_all(db, 1, [_ev(actor2=None)]) == 0  # another outlet names no target
    assert db.execute("select actor2_id, n_reports from events").fetchall() == [("hezbollah", 3)]


def test_the_writer_asks_same_event_of_each_candidate(tmp_path, monkeypatch):
    import store.db.ingest as ingest_module

    asked = []

    def never(a, b, scope=None):
        asked.append((a.date, b.event_type, b.actor1, b.place, b.date, b.date_precision, scope))
        return False

    db = connect(tmp_path / "s.db")
    ensure_schema(db)
    assert _write(db, 0, _ev()) == 1
    monkeypatch.setattr(ingest_module, "same_event", never)
    assert _write(db, 1, _ev(date_precision="week")) == 1  # the rule says no: a second event
    assert asked == [("2019-05-10", "airstrike", "russian-forces", "idlib", "2019-05-10", "day", None)]
    assert _write(db, 2, _ev(place=None)) == 1 and len(asked) == 1  # no key: no candidate to ask of


def test_two_reports_are_one_event_by_the_writers_rule():
    assert same_event(_ev(), _ev(actor2="civilians"))
    assert same_event(_ev(actor2="isis"), _ev(actor2="civilians"))  # the target is not compared
    assert not same_event(_ev(), _ev(hedged=True))
    assert not same_event(_ev(), _ev(date="2019-05-12"))
    assert not same_event(_ev(place=None), _ev(place=None))  # nothing says they are one


def test_in_one_clause_two_cues_are_one_act():
    # «قصفت بالصواريخ أو القذائف»: two cues, no place or date, one act
    assert same_event(_ev(place=None, date=None), _ev(place=None, date=None), scope="clause")
    # the cue that names no place or target is the act beside it that does
    placed, bare = _ev(), _ev(place=None)
    assert same_event(bare, placed, scope="clause") and covers(placed, bare) and not covers(bare, placed)
    # two targets or two places in one clause are two acts
    assert not same_event(_ev(actor2="civilians"), _ev(actor2="isis"), scope="clause")
    assert not same_event(_ev(), _ev(place="aleppo"), scope="clause")
    assert not same_event(_ev(actor1="syrian-army"), _ev(), scope="clause")


def test_the_extractor_dedupes_by_the_identity_rule():
    text = "قصفت القوات البلدة بالصواريخ والقذائف"
    sent = _sentence(text)
    at = lambda w: {"trigger": [text.index(w), text.index(w) + len(w)]}
    events = [_ev(place=None, spans=at("قصفت")), _ev(spans=at("بالصواريخ")), _ev(spans=at("والقذائف")),
              _ev(actor2="civilians", place=None, spans=at("البلدة"))]
    assert _dedupe(events, sent) == [events[1], events[3]]


def test_in_one_clause_two_dates_beyond_precision_are_two_acts():
    # «استعادت القوات البلدة في مايو بعد أن اجتاحها التنظيم في 2014»: one clause, two acts
    may, year = _ev(date="2015-05-01", date_precision="month"), _ev(date="2014-01-01", date_precision="year")
    assert not same_event(may, year, scope="clause")
    assert same_event(may, _ev(date="2015-05-20"), scope="clause")  # within the month
    assert same_event(may, _ev(date=None), scope="clause")  # a cue that read no date
    # two cues of one phrase are one mention, whatever date each read
    assert same_event(may, year, scope="phrase")


def _sentence(text):
    toks = [Token(w, normalize(w), text.index(w), text.index(w) + len(w)) for w in text.split()]
    return Sentence(0, 0, len(text), text, toks, [], [], [], [], [0])


def test_the_extractor_keeps_two_dated_acts_of_one_clause_apart():
    text = "استعادت القوات البلدة في مايو بعد أن اجتاحها التنظيم في 2014"
    sent = _sentence(text)
    at = lambda w: {"trigger": [text.index(w), text.index(w) + len(w)]}
    retaken = _ev(date="2015-05-01", date_precision="month", spans=at("استعادت"))
    overrun = _ev(date="2014-01-01", date_precision="year", spans=at("اجتاحها"))
    assert _dedupe([retaken, overrun], sent) == [retaken, overrun]


def test_of_two_touching_cues_the_extractor_keeps_the_finer_date():
    text = 'اتهمت اللجنة أمس بالهجوم بغاز "السارين" في نيسان'
    sent = _sentence(text)
    at = lambda w: {"trigger": [text.index(w), text.index(w) + len(w)]}
    one = _ev(date="2017-10-27", date_precision="week", spans=at("بالهجوم بغاز"))
    other = _ev(date="2017-04-04", spans=at("السارين"))
    assert _dedupe([one, other], sent) == [other]
    assert _dedupe([other, one], sent) == [other]


def test_the_report_kept_names_the_place_then_the_finer_date():
    assert covers(_ev(), _ev(place=None)) and not covers(_ev(place=None), _ev())
    assert covers(_ev(place=None), _ev(place=None, date_precision="week"))
    assert not covers(_ev(place=None, date_precision="week"), _ev(place=None))
    assert covers(_ev(date_precision="year"), _ev(place=None, date_precision="day"))  # the place first
    assert not covers(_ev(date=None), _ev(date_precision="month"))


def test_a_corrected_events_reports_are_read_once_an_article(tmp_path):
    """The writer matches a report against a corrected event by what the
    event's reports say: it reads them once an article, and counts the
    article's own reports in as it merges them (the same merge step)."""
    from store.db.query import EventStore

    path = tmp_path / "s.db"
    db = connect(path)
    ensure_schema(db)
    assert _write(db, 0, _ev(date_precision="week")) == 1
    store = EventStore(path)
    (eid,) = store.execute("select id from events").fetchone()
    store.edit(eid, {"fatalities": 3}, by="ana")
    store.close()
    reads = []
    db.conn.set_trace_callback(lambda sql: reads.append(sql) if "from reports r join articles a" in sql else None)
    assert _write_all(db, 1, [_ev()]) == 0  # a day date: the corrected event, whose date becomes the day
    one = len(reads)
    assert _write_all(db, 2, [_ev(), _ev(), _ev()]) == 0  # three reports of it: read as often as for one
    db.conn.set_trace_callback(None)
    assert len(reads) == 2 * one
    assert db.execute("select n_reports, date, date_precision, fatalities, review from events").fetchall() == [
        (5, "2019-05-10", "day", 3, "corrected")]


@pytest.mark.parametrize("order", ["week first", "day first"])
def test_a_day_report_and_the_week_it_falls_in_are_one_event_in_either_order(tmp_path, order):
    """same_event says so (a week's date agrees within 7 days); the writer
    looks for a stored event as far as the stored event's own precision
    reaches, not only the new report's (a week-dated event was missed by a
    day-dated report four days later, and found the other way round)."""
    db = connect(tmp_path / "s.db")
    ensure_schema(db)
    week, day = _ev(date="2019-05-10", date_precision="week"), _ev(date="2019-05-14")
    assert same_event(week, day) and same_event(day, week)
    first, second = (week, day) if order == "week first" else (day, week)
    assert [_write(db, 0, first), _write(db, 1, second)] == [1, 0]
    assert db.execute("select n_reports, date, date_precision from events").fetchall() == [(2, "2019-05-14", "day")]
