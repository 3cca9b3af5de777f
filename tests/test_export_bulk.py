"""The bulk export paths give the bytes of the plain ones: the scan that
SQLite sorts (`record_rows(bulk=True)`) and the index walks, the CSV written
from the store's rows and the one written from flatten_record, one process
and several (`split_keys` spans), on a store with the hard cases: equal,
undated, empty and blob dates, hostile text, events both of whose actors are
in a filter, unknown actors and missing articles."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export_fixtures import GOLDEN_NOW, build_fixture_store, render  # noqa: E402

import store.report.export as export_mod  # noqa: E402
import store.db.query as query_mod  # noqa: E402
from store.report.export import export_events  # noqa: E402
from store.db.query import EventFilter, EventStore  # noqa: E402


def _harden(s: EventStore) -> None:
    s.execute("update events set date = '1950-03-01' where id % 7 = 0")
    s.execute("update events set date = null where id % 11 = 0")
    s.execute("update events set date = '' where id % 13 = 0")
    s.execute("update events set date = x'00ff' where id % 29 = 0")
    s.execute("update events set actor2_id = 'isis' where id % 5 = 0 and actor1_id = 'sdf'")
    s.execute("update events set actor2_id = actor1_id where id % 17 = 0")
    s.execute("update events set reported_by_id = 'nobody-known' where id % 19 = 0")
    s.execute("update events set article_id = 999999 where id % 23 = 0")
    s.execute("update events set article_id = null where id % 31 = 0")
    for where, text in (("id % 2 = 1", '=1+2, "quoted" '), ("id % 4 = 2", "two  spaces "),
                        ("id % 8 = 4", "bidi\u202eoverride\u200f and\u00a0nbsp ")):  # each alone makes a cell unclean
        s.execute(f"update events set sentence = ? || sentence where {where}", [text])
    s.conn.commit()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulk") / "bulk.db"
    build_fixture_store(path, hostile=True, bulk=700).close()
    s = EventStore(path)
    _harden(s)
    yield s
    s.close()


FILTERS = [
    EventFilter(),
    EventFilter(actors=("isis",)),
    EventFilter(actors=("isis", "sdf")),
    EventFilter(actors=("syrian-army",), towns=("deir-ez-zor",)),
    EventFilter(actors=("isis",), types=("armed_clash", "shelling")),
    EventFilter(towns=("deir-ez-zor",)),
    EventFilter(types=("airstrike", "statement")),
    EventFilter(since="1950-06", until="1951-02"),
    EventFilter(ids=tuple(range(1, 400, 3))),
]


def _csv(s: EventStore, flt: EventFilter) -> bytes:
    return render(s, "csv", flt)


@pytest.fixture
def plans(monkeypatch):
    """Run a function under the scan plan and under the index plan."""
    def both(fn):
        out = []
        for share in (0.0, 2.0):  # every selection scanned; none
            monkeypatch.setattr(query_mod, "BULK_SHARE", share)
            out.append(fn())
        return out
    return both


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.to_cli("export"))
def test_scan_and_index_plans_give_the_same_bytes(store, flt, plans):
    assert store.count(flt) > 0, "the filter should match something"
    scanned, indexed = plans(lambda: (store.bulk_scan(flt), _csv(store, flt),
                                      list(store.iter_records(flt, 37, bulk=True))))  # the other formats' input
    assert scanned[0] and not indexed[0]
    assert scanned[1] == indexed[1]
    assert scanned[2] == indexed[2]
    assert len(scanned[1].splitlines()) == store.count(flt) + 1


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.to_cli("export"))
def test_csv_from_rows_is_the_csv_of_flatten_record(store, flt, monkeypatch, plans):
    lean = plans(lambda: _csv(store, flt))
    monkeypatch.setattr(export_mod, "_typed_as_the_schema", lambda s: False)  # the plain way
    plain = plans(lambda: _csv(store, flt))
    assert lean == plain
    for text in ("'=1+2, \"\"quoted\"\" ", "two spaces ", "bidioverride and nbsp "):  # the hard text is there
        assert text.encode() in plain[0]


def test_the_plan_follows_the_share_of_the_store(store, monkeypatch):
    monkeypatch.setattr(query_mod, "BULK_SHARE", 0.2)
    assert store.bulk_scan(EventFilter())
    assert not store.bulk_scan(EventFilter(ids=(1, 2, 3)))
    assert not store.bulk_scan(EventFilter(actors=("isis",)).with_(ids=(1,)))


def _ids(rows) -> list[int]:
    return [r[0] for batch in rows for r in batch]


@pytest.mark.parametrize("flt", [EventFilter(), EventFilter(actors=("isis", "sdf")), EventFilter(types=("shelling",))],
                         ids=lambda f: f.to_cli("export"))
def test_spans_cut_the_selection_into_runs(store, flt):
    whole = _ids(store.record_rows(flt, 37, bulk=True))
    keys = store.split_keys(flt, 60)  # boundaries among equal, empty, blob and missing dates
    assert len(keys) == 59 and len(set(keys)) == 59
    assert any(k[0] is None for k in keys) and any(k[0] == "" for k in keys) and any(k[0] == b"\x00\xff" for k in keys)
    spans = list(zip([None, *keys], [*keys, None]))
    runs = [_ids(store.record_rows(flt, 37, articles=False, span=span)) for span in spans]
    assert all(runs)
    assert [i for run in runs for i in run] == whole
    assert [run[0] for run in runs[1:]] == [k[1] for k in keys]


@pytest.fixture
def split(monkeypatch):
    """Exports to a file split over three processes; the number of part
    processes started is counted."""
    monkeypatch.setattr(export_mod, "_SPLIT_MIN", 0)
    monkeypatch.setattr(export_mod.os, "cpu_count", lambda: 3)
    started = []
    real = export_mod.subprocess.Popen

    def popen(*args, **kwargs):
        started.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(export_mod.subprocess, "Popen", popen)
    return started


@pytest.mark.parametrize("flt", [EventFilter(), EventFilter(actors=("isis", "sdf"))], ids=lambda f: f.to_cli())
def test_split_export_is_the_one_process_export(store, flt, tmp_path, split):
    out = tmp_path / "out.csv"
    res = export_events(store, flt, "csv", str(out), now=GOLDEN_NOW)
    assert len(split) == 2
    assert out.read_bytes() == _csv(store, flt)
    assert res.written == store.count(flt)
    assert os.listdir(tmp_path) == ["out.csv"]  # no part file left


def test_a_failed_part_leaves_no_file(store, tmp_path, split, monkeypatch):
    monkeypatch.setattr(export_mod, "_PART_MAIN", "import sys; print('no such store', file=sys.stderr); sys.exit(3)")
    out = tmp_path / "out.csv"
    with pytest.raises(RuntimeError, match="exit status 3.*no such store"):
        export_events(store, EventFilter(), "csv", str(out))
    assert split and os.listdir(tmp_path) == []


def test_a_store_typed_otherwise_is_written_the_plain_way(tmp_path, monkeypatch):
    """Article ids 2 and 2.0 (an untyped column keeps both) are one dict
    key but two different cells: the cells cached by article id would be
    wrong, so such a store goes through flatten_record."""
    path = tmp_path / "untyped.db"
    build_fixture_store(path, bulk=40).close()
    s = EventStore(path)
    try:
        cols = [r[1] for r in s.execute("pragma table_info(events)")]
        s.execute(f"create table untyped (id integer primary key, {', '.join(cols[1:])})")
        s.execute("insert into untyped select * from events")
        s.execute("drop table events")
        s.execute("alter table untyped rename to events")
        s.execute("update events set article_id = article_id + 0.0 where id % 2 = 0")
        s.conn.commit()
        assert s.execute("select count(distinct typeof(article_id)) from events").fetchone()[0] == 2
        written = _csv(s, EventFilter())
        monkeypatch.setattr(export_mod, "_typed_as_the_schema", lambda store: False)
        plain = _csv(s, EventFilter())
        monkeypatch.setattr(export_mod, "_typed_as_the_schema", lambda store: True)
        lean = _csv(s, EventFilter())
    finally:
        s.close()
    assert written == plain
    assert lean != plain
