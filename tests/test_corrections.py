"""Corrections (issue 13): confirm, reject, edit and add, keyed by the
report they correct; corrected values win in the events, the facets, the
exports; they survive a re-ingest; they are shared by export and import;
the reviews are gold for tests/gold_scoring.py; `--contested` finds the
events whose sources disagree. The corpus is our own: one air raid told by
two outlets with different tolls, and one town that each side says it
took the same day (that the rebels still hold it is a state, no event)."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.db.corrections import Correction
from store.db.ingest import ingest
from store.db.query import EventFilter, EventStore
from store.db.schema import SCHEMA_VERSION
from store.nlp.dictionaries import Dictionaries
from store.report.export import export_events
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
NO_USER = ROOT / "tests" / "badinput" / "no-user-dicts"

RAID = {
    "sohr.txt": ("المرصد السوري لحقوق الإنسان", "2019-05-14",
                 "شنت طائرات حربية روسية غارات جوية على مدينة خان شيخون في ريف إدلب الجنوبي اليوم،"
                 " ما أدى إلى مقتل 36 مدنيا."),
    "sana.txt": ("وكالة سانا", "2019-05-14",
                 "شنت طائرات حربية روسية غارات جوية على مدينة خان شيخون في ريف إدلب اليوم، ما أدى إلى مقتل 4 مسلحين."),
}
CONTROL = {
    "army.txt": ("وكالة سانا", "2019-08-21",
                 "سيطر الجيش السوري اليوم على مدينة خان شيخون في ريف إدلب الجنوبي بعد معارك عنيفة."),
    "rebels.txt": ("شبكة شام", "2019-08-21",
                   "أعلنت هيئة تحرير الشام اليوم أنها استعادت السيطرة على مدينة خان شيخون في ريف إدلب الجنوبي."),
}
LATER = {  # a third outlet, ingested later: its report joins the corrected raid
    "later.txt": ("شبكة شام", "2019-05-14",
                  "شنت طائرات حربية روسية غارات جوية على مدينة خان شيخون اليوم، ما أدى إلى مقتل 2 من المدنيين."),
}


def write_articles(folder: Path, articles: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (source, published, body) in articles.items():
        (folder / name).write_text(f"---\ntitle: {name}\nsource: {source}\npublished: {published}\n---\n{body}\n",
                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def dicts() -> Dictionaries:
    return Dictionaries(user_dir=NO_USER)


def make_store(tmp_path: Path, dicts, *corpora: dict) -> Path:
    db = tmp_path / "store.db"
    for k, corpus in enumerate(corpora):
        summary = ingest(str(db), [str(write_articles(tmp_path / f"in{k}", corpus))], dicts=dicts)
        assert summary.ok
    return db


def raid_event(store: EventStore) -> int:
    (row,) = [r for r in store.page(EventFilter(types=("airstrike",)))]
    assert row.n_reports == 2
    return row.id


def test_a_version_3_store_migrates(tmp_path, dicts):
    db = make_store(tmp_path, dicts, RAID)
    conn = sqlite3.connect(db)  # make it a store of schema 3, as conflictui made them before
    for index in ("idx_events_rejected", "idx_events_reviewed", "idx_events_added"):
        conn.execute(f"drop index {index}")
    conn.execute("alter table events drop column review")
    conn.execute("alter table events drop column review_key")
    conn.execute("drop table corrections")
    conn.execute("update meta set value = '3' where key = 'schema_version'")
    conn.commit()
    conn.close()
    store = EventStore(db)
    assert store.stats()["schema_version"] == SCHEMA_VERSION
    eid = raid_event(store)
    store.reject(eid, by="ana")
    assert store.count(EventFilter()) == 0 and store.count(EventFilter(review="rejected")) == 1


def test_edit_wins_in_events_facets_and_exports(tmp_path, dicts):
    store = EventStore(make_store(tmp_path, dicts, RAID))
    eid = raid_event(store)
    assert store.detail(eid).row.fatalities == 4  # the lowest toll, by ACLED's convention
    c = store.edit(eid, {"fatalities": 36, "place": "idlib", "actor2": "مدنيون"}, by="ana", note="SOHR's count")
    assert (c.key.rule, c.key.sentence_idx) == (store.first_rule(eid), 0) and len(c.key.article_hash) == 64
    row = store.detail(eid).row
    assert (row.fatalities, row.place_id, row.review) == (36, "idlib", "corrected")
    assert {f.id for f in store.place_facets(EventFilter())} >= {"idlib"}
    assert "khan-shaykhun" not in {f.id for f in store.place_facets(EventFilter())}
    assert store.count(EventFilter(towns=("خان شيخون",))) == 0 and store.count(EventFilter(towns=("Idlib",))) == 1
    (rec,) = store.iter_records(EventFilter())
    assert (rec["fatalities"], rec["place"]["id"], rec["review"]) == (36, "idlib", "corrected")
    out = tmp_path / "events.csv"
    export_events(store, EventFilter(), "csv", str(out))
    header, line = out.read_text(encoding="utf-8-sig").splitlines()
    assert header.endswith(",review") and line.endswith(",corrected") and ",idlib," in line
    for fmt in ("geojson", "acled", "markdown", "jsonl"):
        path = tmp_path / f"events.{fmt}"
        export_events(store, EventFilter(), fmt, str(path))
        assert "corrected" in path.read_text(encoding="utf-8-sig"), fmt


def test_reject_leaves_every_view_unless_asked(tmp_path, dicts):
    store = EventStore(make_store(tmp_path, dicts, RAID))
    eid = raid_event(store)
    assert "russian-forces" in {f.id for f in store.actor_facets(EventFilter())}
    store.reject(eid, by="ana", note="not an event")
    assert store.count(EventFilter()) == 0 and store.page(EventFilter()) == []
    assert "russian-forces" not in {f.id for f in store.actor_facets(EventFilter())}  # facet_counts too
    assert store.timeline(EventFilter()) == [] and list(store.iter_records(EventFilter())) == []
    assert [r["review"] for r in store.iter_records(EventFilter(include_rejected=True))] == ["rejected"]
    out = tmp_path / "all.jsonl"
    assert export_events(store, EventFilter(), "jsonl", str(out)).written == 0
    assert export_events(store, EventFilter(include_rejected=True), "jsonl", str(out), force=True).written == 1
    assert store.review_counts(EventFilter()) == {"unreviewed": 0, "confirmed": 0, "corrected": 0, "added": 0,
                                                  "rejected": 1}
    store.confirm(eid, by="bob")  # kept after all: back in the counts
    assert "russian-forces" in {f.id for f in store.actor_facets(EventFilter())} and store._facets_table_current()


def test_confirm_add_and_undo(tmp_path, dicts):
    store = EventStore(make_store(tmp_path, dicts, RAID))
    eid = raid_event(store)
    store.confirm(eid, by="ana")
    assert store.detail(eid).row.review == "confirmed"
    assert store._facets_table_current()  # a confirmation moves no count: the facet table stays in use
    article_id, idx = store.sentence_of_event(eid)
    _, added = store.add(article_id, idx, {"event_type": "attack_on_civilians", "actor1": "القوات الروسية",
                                           "fatalities": 36}, by="ana")
    row = store.detail(added).row
    assert (row.event_type, row.actor1_id, row.fatalities, row.review) == (
        "attack_on_civilians", "russian-forces", 36, "added")
    assert store.count(EventFilter(review="corrected")) == 1 and store.count(EventFilter(review="reviewed")) == 2
    assert store.count(EventFilter(review="unreviewed")) == 0
    assert store.undo_last().action == "add" and store.detail(added) is None
    store.edit(eid, {"fatalities": 36}, by="bob")
    assert store.undo_last(by="ana").action == "confirm"  # ana's last one; bob's edit stays
    row = store.detail(eid).row
    assert (row.fatalities, row.review) == (36, "corrected")
    store.undo_last()
    row = store.detail(eid).row
    assert (row.fatalities, row.review) == (4, None)  # what the reports say again
    assert store.undo_last() is None


def test_corrections_survive_a_new_report_and_a_reingest(tmp_path, dicts):
    db = make_store(tmp_path, dicts, RAID)
    store = EventStore(db)
    eid = raid_event(store)
    store.edit(eid, {"fatalities": 36}, by="ana")
    store.close()
    ingest(str(db), [str(write_articles(tmp_path / "later", LATER))], dicts=dicts)  # its toll, 2, is the lowest
    store = EventStore(db)
    row = store.detail(eid).row
    assert (row.n_reports, row.fatalities, row.review) == (3, 36, "corrected")
    lines = list(store.corrections())
    exported = [json.dumps(c.to_json()) for c in lines]
    store.close()
    fresh = make_store(tmp_path / "again", dicts, RAID, LATER)  # another store, ids made anew
    store = EventStore(fresh)
    result = store.import_corrections([Correction.from_json(json.loads(x)) for x in exported])
    assert (result.added, result.duplicates, result.conflicts) == (1, 0, [])
    assert store.import_corrections([Correction.from_json(json.loads(x)) for x in exported]).duplicates == 1
    assert [r.fatalities for r in store.page(EventFilter(types=("airstrike",)))] == [36]


def test_an_import_reports_a_conflict_between_reviewers(tmp_path, dicts):
    store = EventStore(make_store(tmp_path, dicts, RAID))
    eid = raid_event(store)
    store.edit(eid, {"fatalities": 36}, by="ana")
    theirs = Correction(store.corrections()[0].key, "edit", {"fatalities": 4}, "bob", "2026-01-01T00:00:00")
    rejection = Correction(theirs.key, "reject", {}, "carl", "2026-01-02T00:00:00")
    result = store.import_corrections([theirs, rejection])
    assert result.added == 0 and len(result.conflicts) == 2
    assert "fatalities" in result.conflicts[0] and "rejects" in result.conflicts[1]
    assert store.detail(eid).row.fatalities == 36 and len(store.corrections()) == 1


def test_contested_finds_sources_that_disagree(tmp_path, dicts):
    store = EventStore(make_store(tmp_path, dicts, RAID, CONTROL))
    raid = raid_event(store)
    held = {r.actor1_id: r.id for r in store.page(EventFilter(types=("territory_taken",)))}
    assert set(held) == {"syrian-army", "hts"}
    contested = {r.id for r in store.page(EventFilter(contested=True))}
    assert contested == {raid, *held.values()}
    assert store.count(EventFilter(contested=True, types=("armed_clash",))) == 0
    v = store.versions(raid)
    assert v["differs"] == ["fatalities"] and v["rivals"] == []
    assert sorted((r["outlet"], r["values"]["fatalities"]) for r in v["reports"]) == [
        ("المرصد السوري لحقوق الإنسان", 36), ("وكالة سانا", 4)]
    v = store.versions(held["syrian-army"])
    assert v["rivals"] == [held["hts"]] and "actor1" in v["differs"]
    assert {r["outlet"] for r in v["reports"]} == {"وكالة سانا", "شبكة شام"}


def cli(db: Path, *args: str, env: dict | None = None):
    result = CliRunner().invoke(main, ["--db", str(db), *args], env=env)
    assert "Traceback" not in (result.output or ""), result.output
    return result


def test_cli_review_commands(tmp_path, dicts):
    db = make_store(tmp_path, dicts, RAID, CONTROL)
    store = EventStore(db)
    raid = raid_event(store)
    others = [r.id for r in store.page(EventFilter(types=("territory_taken",)))]
    store.close()
    assert "2 of 2 events" in cli(db, "events", "--contested", "--type", "territory_taken").output
    r = cli(db, "review", "edit", str(raid), "--fatalities", "36", "--place", "idlib", env={"USER": "zaid"})
    assert r.exit_code == 0 and "edit" in r.output and "by zaid" in r.output
    assert cli(db, "review", "confirm", str(others[0]), "--by", "ana").exit_code == 0
    assert cli(db, "review", "reject", str(others[1]), "--by", "ana", "--note", "old news").exit_code == 0
    r = cli(db, "review", "add", "--event", str(raid), "--type", "attack_on_civilians", "--actor1", "russian-forces",
            "--trigger", "0:8")
    assert r.exit_code == 0, r.output
    r = cli(db, "events", "--format", "jsonl")
    reviews = {json.loads(x)["id"]: json.loads(x)["review"] for x in r.stdout.splitlines()}
    assert reviews[raid] == "corrected" and reviews[others[0]] == "confirmed" and others[1] not in reviews
    assert sorted(reviews.values()).count("added") == 1
    assert others[1] in {json.loads(x)["id"] for x in cli(db, "events", "--include-rejected", "--format",
                                                          "jsonl").stdout.splitlines()}
    assert "undone: add" in cli(db, "review", "undo").output
    bad = cli(db, "review", "edit", str(raid), "--place", "إدلب")  # the city and its governorate
    assert bad.exit_code == 2 and "names several" in bad.output and "give an id" in bad.output
    bad = cli(db, "review", "edit", "999", "--fatalities", "3")
    assert bad.exit_code == 2 and "no event with id 999" in bad.output
    bad = cli(db, "review", "edit", str(raid), "--fatalities", "many")
    assert bad.exit_code == 2 and "fatalities must be a number" in bad.output
    for option, value, words in (("--type", "picnic", "not an event type"), ("--date", "14/5/2019", "YYYY-MM-DD"),
                                 ("--type", "-", "not an event type")):
        bad = cli(db, "review", "edit", str(raid), option, value)
        assert bad.exit_code == 2 and words in bad.output, bad.output
    listing = cli(db, "corrections").output
    assert "zaid edit" in listing and "ana reject" in listing


def test_cli_corrections_export_import_and_gold(tmp_path, dicts):
    db = make_store(tmp_path, dicts, RAID)
    store = EventStore(db)
    raid = raid_event(store)
    store.close()
    cli(db, "review", "confirm", str(raid), "--by", "ana")
    shared = tmp_path / "reviews.jsonl"
    assert "1 corrections written" in cli(db, "corrections", "export", str(shared)).output
    other = make_store(tmp_path / "other", dicts, RAID)
    assert "1 corrections imported" in cli(other, "corrections", "import", str(shared)).output
    again = cli(other, "corrections", "import", str(shared)).output
    assert "0 corrections imported, 1 already here" in again
    with shared.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    r = cli(other, "corrections", "import", str(shared))
    assert r.exit_code == 0 and "reviews.jsonl:2: skipped" in r.output
    gold = tmp_path / "gold"
    assert "2 gold files written" in cli(db, "corrections", "--as-gold", str(gold)).output
    files = sorted(gold.glob("*.yaml"))
    assert len(files) == 2 and all((f.with_suffix(".txt")).exists() for f in files)
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "gold_scoring.py"), "--gold", str(gold)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    total = next(line for line in proc.stdout.splitlines() if line.startswith("ALL"))
    assert total.split()[1:4] == ["1.00", "1.00", "1.00"] and total.split()[4:] == ["2", "2"]


def test_a_correction_holds_the_write_lock_before_it_reads_the_facet_stamp(tmp_path, dicts, monkeypatch):
    """An ingest committing between the stamp's read and the correction's
    write would leave the facet counts stale: none can."""
    db = make_store(tmp_path, dicts, RAID)
    store = EventStore(db)
    eid = raid_event(store)
    real = EventStore._facets_table_current
    seen = []

    def racing(self):
        other = sqlite3.connect(db, timeout=0)
        try:
            with other:
                other.execute("update meta set value = value where key = 'data_version'")
            seen.append("another writer committed")
        except sqlite3.OperationalError:
            seen.append("locked")
        finally:
            other.close()
        return real(self)

    monkeypatch.setattr(EventStore, "_facets_table_current", racing)
    store.edit(eid, {"fatalities": 2}, by="ana")
    assert seen == ["locked"]
    store.close()


def confirmed_raid(tmp_path: Path, dicts) -> tuple[Path, int]:
    """A store of RAID whose raid ana confirmed through the CLI: (store, raid's id)."""
    db = make_store(tmp_path, dicts, RAID)
    store = EventStore(db)
    raid = raid_event(store)
    store.close()
    cli(db, "review", "confirm", str(raid), "--by", "ana")
    return db, raid


def test_cli_corrections_export_never_overwrites_the_store_nor_a_file_without_force(tmp_path, dicts):
    db, raid = confirmed_raid(tmp_path, dicts)
    before = db.read_bytes()
    r = cli(db, "corrections", "export", str(db), "--force")
    assert r.exit_code != 0 and db.read_bytes() == before  # the store is refused, even with --force
    kept = tmp_path / "notes.jsonl"
    kept.write_text("mine\n", encoding="utf-8")
    r = cli(db, "corrections", "export", str(kept))
    assert r.exit_code != 0 and kept.read_text(encoding="utf-8") == "mine\n"
    assert "--force" in r.output or "exists" in r.output
    assert cli(db, "corrections", "export", str(kept), "--force").exit_code == 0
    assert json.loads(kept.read_text(encoding="utf-8").splitlines()[0])["action"] == "confirm"


TWO_ACTS = {  # one article, two acts: a shelling and a raid
    "two.txt": ("المرصد السوري لحقوق الإنسان", "2019-05-14",
                "قصفت قوات النظام مدينة معرة النعمان في ريف إدلب اليوم، ما أدى إلى مقتل 3 مدنيين."
                " وشنت طائرات حربية روسية غارات جوية على مدينة خان شيخون في ريف إدلب اليوم."),
}


def test_cli_gold_writes_only_fully_reviewed_articles(tmp_path, dicts):
    db = make_store(tmp_path, dicts, TWO_ACTS)
    store = EventStore(db)
    ids = [r.id for r in store.page(EventFilter())]
    store.close()
    assert len(ids) == 2
    cli(db, "review", "confirm", str(ids[0]), "--by", "ana")
    r = cli(db, "corrections", "--as-gold", str(tmp_path / "g1"))
    assert "0 gold files written" in r.output and "two.txt: skipped, some of its events are not reviewed" in r.output
    assert not list((tmp_path / "g1").glob("*.yaml"))
    cli(db, "review", "reject", str(ids[1]), "--by", "ana")  # a rejection is a review too
    r = cli(db, "corrections", "--as-gold", str(tmp_path / "g2"))
    assert "1 gold files written" in r.output and "skipped" not in r.output


QUIET = {"quiet.txt": ("وكالة سانا", "2019-05-14", "وقال مسؤول محلي إن الوضع في المدينة هادئ منذ أيام.")}


def test_an_added_event_takes_no_extracted_report_and_its_undo_orphans_none(tmp_path, dicts):
    probe = EventStore(make_store(tmp_path / "probe", dicts, {"sana.txt": RAID["sana.txt"]}))
    raid = probe.detail(probe.page(EventFilter())[0].id).row
    probe.close()
    store = EventStore(make_store(tmp_path, dicts, QUIET))
    (article_id,) = store.execute("select id from articles").fetchone()
    store.add(article_id, 0, {"event_type": raid.event_type, "actor1": raid.actor1_id, "place": raid.place_id,
                              "date": raid.date, "date_precision": raid.date_precision}, by="ana")
    store.close()
    later = write_articles(tmp_path / "later", {"sana.txt": RAID["sana.txt"]})  # the same act, extracted
    assert ingest(str(tmp_path / "store.db"), [str(later)], dicts=dicts).ok
    con = sqlite3.connect(tmp_path / "store.db")
    rows = con.execute("select review, n_reports from events order by id").fetchall()
    assert rows == [("added", 1), (None, 1)]  # the report made its own event
    store = EventStore(tmp_path / "store.db")
    assert store.undo_last().action == "add"
    store.close()
    assert con.execute("select count(*) from reports where event_id not in (select id from events)").fetchone() == (0,)
    con.close()


def test_an_undo_that_takes_an_added_event_away_lists_the_edits_of_it_kept(tmp_path, dicts):
    """Issue 13: a correction whose report disappeared is listed and kept,
    never silently dropped; an undo of an added event is such a disappearance."""
    db = make_store(tmp_path, dicts, QUIET)
    store = EventStore(db)
    (article_id,) = store.execute("select id from articles").fetchone()
    _, added = store.add(article_id, 0, {"event_type": "armed_clash"}, by="ana")
    store.edit(added, {"fatalities": 2}, by="bob", note="two dead, said the mayor")
    store.close()
    r = cli(db, "review", "undo", "--by", "ana")
    assert r.exit_code == 0 and "undone: " in r.output
    kept = [line for line in r.output.splitlines() if "kept, report gone" in line]
    assert len(kept) == 1 and "edit" in kept[0] and "by bob" in kept[0] and "two dead" in kept[0]
    store = EventStore(db)
    assert [c.by for c in store.corrections()] == ["bob"] and [c.by for c in store.orphan_corrections()] == ["bob"]
    assert store.execute("select count(*) from events").fetchone() == (0,)
    store.close()
    store = EventStore(db)  # the app's undo says so too
    (article_id,) = store.execute("select id from articles").fetchone()
    store.add(article_id, 0, {"event_type": "armed_clash"}, by="ana")  # the same key: bob's edit holds again
    assert store.orphan_corrections() == []
    from tui.review import _undone

    assert _undone(store) == "Undid the last correction (add); kept, their event is gone: edit by bob"
    assert _undone(store) == "Undid the last correction (edit)"
    store.close()


def test_cli_corrections_import_checks_the_values_as_an_edit_does(tmp_path, dicts):
    db, raid = confirmed_raid(tmp_path, dicts)
    shared = tmp_path / "reviews.jsonl"
    cli(db, "corrections", "export", str(shared))
    good = json.loads(shared.read_text(encoding="utf-8"))
    lines = [dict(good, action="edit", by="bob", changes=changes) for changes in (
        {"event_type": "picnic"}, {"fatalities": -7}, {"actor1": "no such actor at all"},
        {"fatalities": "12", "actor1": "القوات الروسية"})]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    other = make_store(tmp_path / "other", dicts, RAID)
    r = cli(other, "corrections", "import", str(bad))
    assert r.exit_code == 0 and "1 corrections imported" in r.output
    assert all(f"bad.jsonl:{n}: skipped" in r.output for n in (1, 2, 3)) and "bad.jsonl:4" not in r.output
    store = EventStore(other)
    row = store.detail(raid_event(store)).row
    assert (row.event_type, row.fatalities, row.actor1_id, row.review) == ("airstrike", 12, "russian-forces", "corrected")
    store.close()


@pytest.mark.parametrize("changes", [{"date": "2019-05-01"}, {"event_type": "shelling"}, {"place": "idlib"}],
                         ids=["date", "event_type", "place"])
def test_a_later_report_merges_by_the_extractors_values_not_the_corrected_ones(tmp_path, dicts, changes):
    """A correction changes what the event shows, not which reports are the
    same act: a later outlet's report of the raid joins the corrected event
    (it would make a second event if matched against the analyst's values)."""
    db = make_store(tmp_path, dicts, RAID)
    store = EventStore(db)
    eid = raid_event(store)
    store.edit(eid, changes, by="ana")
    store.close()
    assert ingest(str(db), [str(write_articles(tmp_path / "later", LATER))], dicts=dicts).ok
    store = EventStore(db)
    rows = list(store.page(EventFilter()))
    assert [(r.id, r.n_reports, r.review) for r in rows] == [(eid, 3, "corrected")]
    row = store.detail(eid).row
    shown = {"date": row.date, "event_type": row.event_type, "place": row.place_id}
    assert {k: shown[k] for k in changes} == changes  # the corrected values still win for display
    assert row.fatalities == 2  # the merge itself is the extractor's: the lowest toll, 2


def test_undoing_an_added_event_that_holds_reports_leaves_them_an_event(tmp_path, dicts):
    """A store written before added events stopped taking reports can hold
    an added event with an extracted report in it: undoing the add makes
    the event what its reports say, and no report points at nothing."""
    db = make_store(tmp_path, dicts, QUIET)
    store = EventStore(db)
    (article_id,) = store.execute("select id from articles").fetchone()
    _, added = store.add(article_id, 0, {"event_type": "airstrike", "fatalities": 9}, by="ana")
    store.close()
    assert ingest(str(db), [str(write_articles(tmp_path / "later", {"sana.txt": RAID["sana.txt"]}))],
                  dicts=dicts).ok
    con = sqlite3.connect(db)
    with con:  # as such a writer left it: the report in the added event, its own event gone
        (own,) = con.execute("select event_id from reports").fetchone()
        con.execute("update reports set event_id = ?", [added])
        con.execute("delete from events where id = ?", [own])
    store = EventStore(db)
    assert store.undo_last().action == "add"
    assert con.execute("select count(*) from reports where event_id not in (select id from events)").fetchone() == (0,)
    row = store.detail(added).row
    assert (row.event_type, row.fatalities, row.review, row.n_reports) == ("airstrike", 4, None, 1)
    assert con.execute("select review_key, first_report_id is not null from events").fetchall() == [(None, 1)]
    store.close()
    con.close()
