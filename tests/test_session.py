"""The app's state without an app (tui/session.py) and the rule for the
bundled samples (tui/samples.py): plain objects, no Textual, no screen."""

from __future__ import annotations

import subprocess
import sys

import pytest

from store.db.ingest import IngestBusy, ingest_lock
from store.db.query import EventFilter
from tui import samples
from tui.session import MARK_ALL_LIMIT, PANES, DetailCursor, Session, SessionAttribute, TimelineCache


def test_the_session_and_the_samples_rule_load_without_textual():
    code = ("import sys, tui.session, tui.samples; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the filter --------------------------------------------------------------------
def test_the_filter_is_the_typed_names_plus_the_picked_ones():
    s = Session()
    typed = EventFilter(actors=("ISIS",), towns=("Raqqa",), types=("battle",), since="2024-01-01", text="قصف")
    assert s.build_filter(typed) == EventFilter(actors=("ISIS",), towns=("Raqqa",), types=("battle",),
                                                since="2024-01-01", text="قصف")
    s.pick_actors(frozenset({"sdf", "isis", "ISIS"}))
    s.pick_place("aleppo")
    flt = s.build_filter(typed)
    assert flt.actors == ("ISIS", "isis", "sdf")  # typed first, then the picks in order, none twice
    assert flt.towns == ("Raqqa", "aleppo")
    assert s.build_filter(EventFilter(towns=("aleppo",))).towns == ("aleppo",)


def test_picking_the_picked_place_again_clears_it():
    s = Session()
    s.pick_place("idlib")
    assert s.picked_place == "idlib"
    s.pick_place("idlib")
    assert s.picked_place is None
    s.pick_place("idlib")
    s.pick_actors(frozenset({"isis"}))
    s.clear_picks()
    assert s.picked_place is None and s.picked_actors == frozenset()


def test_answers_to_a_filter_the_user_left_are_not_current():
    s = Session()
    old = s.request(EventFilter(actors=("a",)))
    new = s.request(EventFilter(actors=("b",)))
    assert new != old and s.is_current(new) and not s.is_current(old)
    assert s.already_requested(EventFilter(actors=("b",)))
    assert not s.already_requested(EventFilter(actors=("a",)))


def test_counted_applies_the_filter_and_the_panes_follow_once_each():
    s = Session()
    s.failed("no actor called 'x'")
    flt = EventFilter(actors=("ISIS",))
    s.counted(flt, 12)
    assert s.flt == flt and s.count == 12 and s.filter_error is None
    assert s.panes_pending == set(PANES)
    done = [s.pane_done(p) for p in ("actors", "actors", "places", "timeline")]
    assert done == [False, False, False, True]
    assert s.first_panes_done() is True
    s.counted(flt, 12)
    for pane in PANES:
        s.pane_done(pane)
    assert s.first_panes_done() is False  # the facet connections are warmed once


def test_busy_counter_never_goes_below_zero():
    s = Session()
    s.begin()
    s.end()
    s.end()
    assert s.pending == 0


# -- the status line -------------------------------------------------------------
def test_status_line_says_count_marks_filter_and_errors():
    s = Session()
    s.counted(EventFilter(), 1234)
    text, error = s.status()
    assert not error and text.startswith("1,234 events · no filter · updating…") and "$ conflictui events" in text
    for pane in PANES:
        s.pane_done(pane)
    s.mark([1, 2])
    assert s.status()[0].startswith("1,234 events · 2 marked · no filter   $ ")
    s.counted(EventFilter(towns=("Deir ez-Zor",)), 3)
    assert "--town 'Deir ez-Zor'" in s.status()[0] and "no filter" not in s.headline()
    s.failed("no actor called 'Nobody'")
    assert s.status() == ("⚠ no actor called 'Nobody'", True)


# -- marks -------------------------------------------------------------------------
def test_export_writes_the_marked_rows_or_the_whole_filter():
    s = Session()
    flt = EventFilter(actors=("ISIS",))
    s.counted(flt, 40)
    assert s.export_filter() == flt
    assert s.export_what() == "All 40 events under the filter (no rows marked)"
    s.mark([9, 3, 5])
    assert s.export_filter() == EventFilter(ids=(3, 5, 9))
    assert s.export_what() == "3 marked events"
    s.clear_marks()
    assert s.export_filter() == flt


def test_mark_all_has_a_limit():
    s = Session()
    s.counted(EventFilter(), MARK_ALL_LIMIT)
    assert s.too_many_to_mark() is None
    s.counted(EventFilter(), MARK_ALL_LIMIT + 1)
    assert "too many to mark" in s.too_many_to_mark()


# -- display options ----------------------------------------------------------------
def test_display_options():
    s = Session(shaping=True)
    assert s.toggle_shaping() == "Arabic shaping off" and s.shaping is False
    modes = []
    for _ in range(3):
        s.set_name_mode(s.next_name_mode())
        modes.append(s.name_mode)
    assert modes == ["ar", "en", "both"]
    assert s.set_name_mode("klingon") is None and s.name_mode == "both"
    assert s.set_name_mode("en") == "Names: English only"


# -- the detail of the row under the cursor -------------------------------------------
def test_a_held_key_coalesces_to_one_detail_query_at_a_time():
    d = DetailCursor()
    assert d.moved_to(1, table_empty=False) == "load"
    assert d.start() == 1
    assert d.start() is None  # one in flight
    assert d.moved_to(2, table_empty=False) is None  # waits for the one in flight
    assert d.moved_to(3, table_empty=False) is None
    assert d.due(3) is False and d.due(4) is True
    assert d.loaded(1) == (False, True)  # 1 is not wanted any more: query the newest row
    assert d.start() == 3
    assert d.loaded(3) == (True, False)
    assert d.moved_to(3, table_empty=False) is None  # already shown


def test_a_filter_that_matches_nothing_clears_the_detail():
    d = DetailCursor()
    d.moved_to(7, table_empty=False)
    assert d.moved_to(None, table_empty=False) is None  # a page still loading: keep it
    assert d.moved_to(None, table_empty=True) == "clear"
    assert d.wanted is None
    assert d.moved_to(None, table_empty=True) is None


# -- the timeline cache -----------------------------------------------------------------
def test_timeline_cache_ignores_the_date_range_and_stays_small():
    cache = TimelineCache()
    cache.put(EventFilter(actors=("a",), since="2024-01-01"), [("2024-01-02", 3)])
    assert cache.get(EventFilter(actors=("a",), until="2024-05-01")) == [("2024-01-02", 3)]
    assert cache.get(EventFilter(actors=("b",))) is None
    for i in range(TimelineCache.SIZE + 1):
        cache.put(EventFilter(actors=(str(i),)), [])
    assert len(cache._series) <= TimelineCache.SIZE


def test_session_attributes_read_and_write_the_session():
    class Host:
        flt = SessionAttribute()

        def __init__(self):
            self.session = Session()

    host = Host()
    host.flt = EventFilter(towns=("x",))
    assert host.session.flt == EventFilter(towns=("x",)) == host.flt
    assert isinstance(Host.flt, SessionAttribute)


# -- the bundled samples ------------------------------------------------------------------
@pytest.mark.parametrize("empty, busy, ask, step", [
    (False, False, False, samples.SKIP), (False, True, True, samples.SKIP),
    (True, True, False, samples.BUSY), (True, True, True, samples.BUSY),
    (True, False, True, samples.ASK), (True, False, False, samples.FILL),
])
def test_when_the_samples_fill_a_store(empty, busy, ask, step):
    assert samples.plan(empty, busy, ask) == step


def test_an_ingest_holding_the_lock_is_seen_and_the_samples_never_wait(tmp_path):
    db = str(tmp_path / "s.db")
    assert samples.ingest_running(db) is False
    with ingest_lock(db, wait=False):
        assert samples.ingest_running(db) is True
        with pytest.raises(IngestBusy):
            samples.fill(db, samples.find_sample_articles(), still_empty=lambda: True)
    assert samples.ingest_running(db) is False
    assert samples.fill(db, samples.find_sample_articles(), still_empty=lambda: False) is None
