"""`EventStore.iter_records` streams the same records in the same order as
a straightforward query (one WHERE with actor1 OR actor2, ORDER BY date
desc, id desc), whichever path it takes (the actor filters merge the two
per-role branches in Python)."""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export_fixtures import build_fixture_store  # noqa: E402
from store.db.query import EventFilter, EventStore  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("iter") / "iter.db"
    build_fixture_store(path, bulk=700).close()
    s = EventStore(path)
    # the hard cases for a merge: equal dates (ties broken by id), undated
    # events (NULL sorts last), empty dates, and events where both actors
    # are in the filter (must come once)
    s.execute("update events set date = '1950-03-01' where id % 7 = 0")
    s.execute("update events set date = null where id % 11 = 0")
    s.execute("update events set date = '' where id % 13 = 0")
    s.execute("update events set actor2_id = 'isis' where id % 5 = 0 and actor1_id = 'sdf'")
    s.execute("update events set actor2_id = actor1_id where id % 17 = 0")
    s.conn.commit()
    yield s
    s.close()


FILTERS = [
    EventFilter(actors=("isis",)),
    EventFilter(actors=("isis", "sdf")),
    EventFilter(actors=("syrian-army",), towns=("deir-ez-zor",)),
    EventFilter(actors=("isis",), types=("armed_clash", "shelling")),
    EventFilter(actors=("russian-af",), since="1950-06", until="1951-02"),
    EventFilter(actors=("isis",), ids=tuple(range(1, 400, 3))),
    EventFilter(actors=("isis", "iraqi-army"), towns=("mosul",)),
    EventFilter(actors=("isis",), text="اشتباكات"),
    EventFilter(towns=("deir-ez-zor",)),
    EventFilter(actors=("syrian-army",), since="1950-06", undated="include"),  # an actor with parts, undated kept
    EventFilter(towns=("deir-ez-zor",), undated="only"),
    EventFilter(actors=("isis",), exact=True, undated="exclude"),
    EventFilter(),
]


def _reference_ids(s: EventStore, f: EventFilter) -> list[int]:
    where, params = s.where(f)
    return [r[0] for r in s.execute(f"select e.id from events e where {where} order by e.date desc, e.id desc",
                                    params)]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.to_cli())
def test_same_records_same_order_as_the_plain_query(store, flt):
    expected = _reference_ids(store, flt)
    assert expected, "the filter should match something"
    records = list(store.iter_records(flt, batch=37))  # small batches: many merge/fetch rounds
    assert [r["id"] for r in records] == expected
    for rec in records[::23]:
        assert rec == next(store.iter_records(EventFilter(ids=(rec["id"],))))


def test_first_records_without_reading_everything(store):
    flt = EventFilter(actors=("isis", "sdf"))
    assert [r["id"] for r in itertools.islice(store.iter_records(flt), 5)] == _reference_ids(store, flt)[:5]


def test_mixed_type_dates_sort_as_sqlite_does(tmp_path):
    path = tmp_path / "mixed.db"
    build_fixture_store(path, bulk=40).close()
    s = EventStore(path)
    try:
        s.execute("update events set date = 20 where id % 3 = 0")
        s.execute("update events set date = 3.5 where id % 4 = 0")
        s.execute("update events set date = x'00ff' where id % 9 = 0")
        s.conn.commit()
        for flt in (EventFilter(actors=("isis", "sdf")), EventFilter(actors=("syrian-army",))):
            assert [r["id"] for r in s.iter_records(flt, batch=5)] == _reference_ids(s, flt)
    finally:
        s.close()
