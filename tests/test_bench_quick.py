"""The benchmark machinery works (no timing is asserted here: speed is
measured by bench/run.py, and CI runs `python bench/run.py --quick`, which
fails only on a ratio 5x worse than bench/baseline.json)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402
from bench.generate import generate_articles, generate_store  # noqa: E402
from store.db.query import EventFilter, EventStore  # noqa: E402


def test_generators_and_query_figures(tmp_path, monkeypatch):
    info = generate_articles(tmp_path / "arts", 3, size=2000)
    files = sorted((tmp_path / "arts").rglob("*.txt"))
    assert len(files) == 3 and info["bytes"] > 5000
    db = tmp_path / "s.db"
    generate_store(db, events=2000, log=lambda m: None)
    store = EventStore(db)
    assert store.count(EventFilter()) == 2000
    actor, gov, F = run.pick_filter(store)
    # the fast paths agree with plain SQL
    ids = set(store.resolve("actor", F.actors[0]))
    places = [r[0] for r in store.execute(
        "select place_id from place_ancestors where ancestor_id in (%s)" % ",".join("?" * len(set(
            store.resolve("place", F.towns[0])))), sorted(set(store.resolve("place", F.towns[0]))))]
    rows = store.execute(
        "select id from events where (actor1_id in (%s) or actor2_id in (%s)) and place_id in (%s)"
        " order by date desc, id desc" % (",".join("?" * len(ids)), ",".join("?" * len(ids)),
                                          ",".join("?" * len(places))),
        sorted(ids) + sorted(ids) + places).fetchall()
    assert store.count(F) == len(rows)
    assert [r.id for r in store.page(F, 0, 50)] == [r[0] for r in rows[:50]]
    store.close()
    res = run.Results()
    monkeypatch.setattr(run, "timed", lambda fn, reps=5, setup=None: (0.001, fn()))
    run.bench_queries(res, db, 2000)
    keys = {r["key"] for r in res.rows if r["key"]}
    assert {"page_first", "count_F", "actor_facets_all", "place_facets_F"} <= keys


def test_baseline_check(tmp_path):
    res = run.Results()
    res.add("s", "a", 0.010, "ms", ref_value=0.002, key="a")
    res.add("s", "b", 0.100, "ms", ref_value=0.002, key="b")
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps({"ratios": {"a": 5.0, "b": 10.0}}))
    assert run.check_baseline(res, base) == 0  # b is 5x worse: not more than 5x
    base.write_text(json.dumps({"ratios": {"a": 5.0, "b": 9.0}}))
    assert run.check_baseline(res, base) == 1


def test_reextract_figures(tmp_path, monkeypatch):
    """`conflictui reextract` over a copy of a small bench store, watched
    from outside: every corrections check holds, a reader sees the articles
    land, and the figure CI compares is there."""
    monkeypatch.setattr(run, "OUT", tmp_path)
    res = run.Results()
    run.bench_reextract(res, 400, [1])
    assert [r["name"] for r in res.rows if r["ok"] is False] == []
    # 100 articles are one write batch: they land at once, so the reader's check is not judged here
    assert [r["ok"] for r in res.rows if r["name"].lstrip().startswith(("corrections kept", "articles seen"))] == [
        True, None]
    assert {r["key"] for r in res.rows if r["key"]} == {"reextract_j1"}
    assert not list(tmp_path.glob("reextract_j1.db*"))  # the copy is removed
