"""Places the gazetteer lacks (issue 12): «قرية X بريف حماة» becomes a
village inside the known place, stored at its coordinates with ACLED's
geo_precision, shown in the detail and on the map, and exported. The
articles are our own sentences."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from store.db.ingest import ingest, sync_dictionaries
from store.db.query import EventFilter, EventStore
from store.db.schema import SCHEMA_VERSION, connect
from store.nlp.dictionaries import Dictionaries
from store.report.export import export_events
from tui.widgets.detail import EventDetailView
from tui.widgets.map import APPROXIMATE, markers_for

ROOT = Path(__file__).resolve().parents[1]
NO_USER = ROOT / "tests" / "badinput" / "no-user-dicts"
VILLAGE = "SY-HM/village/زعيتون"  # only a governorate holds it: precision 3
NEAR = "al-qusayr/town/البرغوث"  # near a town: precision 2
ARTICLES = {
    "hama.txt": "قصفت الطائرات الحربية اليوم قرية زعيتون بريف حماة الشمالي.",
    "qusayr.txt": "وسيطرت قوات النظام اليوم على بلدتي البرغوث والحمرا شمال مدينة القصير.",
}


@pytest.fixture(scope="module")
def dicts() -> Dictionaries:
    return Dictionaries(user_dir=NO_USER)


@pytest.fixture(scope="module")
def store(tmp_path_factory, dicts) -> EventStore:
    tmp = tmp_path_factory.mktemp("unlisted")
    folder = tmp / "in"
    folder.mkdir()
    for name, body in ARTICLES.items():
        (folder / name).write_text(f"---\ntitle: {name}\nsource: test\npublished: 2019-05-14\n---\n{body}\n",
                                   encoding="utf-8")
    assert ingest(str(tmp / "store.db"), [str(folder)], dicts=dicts).ok
    return EventStore(tmp / "store.db")


def test_an_unlisted_place_is_stored_at_its_parents_coordinates(store, dicts):
    rows = {r[0]: r[1:] for r in store.execute(
        "select id, name_ar, kind, lat, lon, parent, country, admin1, geo_precision from places where id in (?, ?)",
        [VILLAGE, NEAR])}
    hama, qusayr = dicts.places["SY-HM"], dicts.places["al-qusayr"]
    assert rows[VILLAGE] == ("زعيتون", "village", hama.lat, hama.lon, "SY-HM", "SY", "SY-HM", 3)
    assert rows[NEAR] == ("البرغوث", "town", qusayr.lat, qusayr.lon, "al-qusayr", "SY", "SY-HI", 2)
    # inside its parent: a filter on the governorate finds it, and the name finds it
    assert store.count(EventFilter(towns=("SY-HM",))) == 1
    assert [r.place_id for r in store.page(EventFilter(towns=("زعيتون",)))] == [VILLAGE]


def test_the_detail_and_the_map_tell_the_precision(store):
    (row,) = store.page(EventFilter(towns=(NEAR,)))
    assert store.detail(row.id).geo_precision == 2
    named = store.detail(next(r.id for r in store.page(EventFilter()) if r.place_id == VILLAGE))
    assert named.geo_precision == 3 and named.row.place_ar == "زعيتون"
    view = EventDetailView(shaping=False, name_mode="ar")
    view.detail = store.detail(row.id)
    assert "geo precision 2: near or inside a known place" in view.render_detail(100).plain
    facets = {f.id: f for f in store.place_facets(EventFilter())}
    assert facets[NEAR].approximate and not facets["al-qusayr"].approximate
    labels = {m.place_id: m.label for m in markers_for(facets.values(), set(), "ar")}
    assert labels[NEAR].startswith(APPROXIMATE) and not labels["al-qusayr"].startswith(APPROXIMATE)


def test_the_exports_carry_the_precision(store):
    out = io.StringIO()
    export_events(store, EventFilter(), "acled", None, out=out, now=1500000000)
    acled = {r["location"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert acled["البرغوث"]["geo_precision"] == "2" and acled["زعيتون"]["geo_precision"] == "3"
    # the notes are English: an unlisted village is «a village» of its governorate, never its Arabic id
    assert "in a village, Hama Governorate, Syria" in acled["زعيتون"]["notes"]
    out = io.StringIO()
    export_events(store, EventFilter(), "jsonl", None, out=out, now=1500000000)
    places = {json.loads(line)["place"]["id"]: json.loads(line)["place"] for line in out.getvalue().splitlines()}
    assert places[NEAR]["geo_precision"] == 2 and places[NEAR]["admin1"]


def test_a_new_sync_of_the_dictionaries_keeps_them(tmp_path, dicts, store):
    db = connect(store.path)
    db.execute("update meta set value = 'old' where key = 'dictionaries'")
    db.conn.commit()
    sync_dictionaries(db, dicts)
    got = db.execute("select geo_precision from places where id = ?", [NEAR]).fetchone()
    ancestors = {r[0] for r in db.execute("select ancestor_id from place_ancestors where place_id = ?", [NEAR])}
    db.conn.close()
    assert got == (2,) and ancestors == {NEAR, "al-qusayr", "SY-HI", "SY"}


def test_a_version_4_store_gets_the_precision_by_kind(tmp_path, dicts):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("---\ntitle: a\npublished: 2019-05-14\n---\n" + ARTICLES["hama.txt"] + "\n",
                                  encoding="utf-8")
    assert ingest(str(tmp_path / "s.db"), [str(folder)], dicts=dicts).ok
    conn = sqlite3.connect(tmp_path / "s.db")
    conn.execute("alter table places drop column geo_precision")
    conn.execute("update meta set value = '4' where key = 'schema_version'")
    conn.commit()
    conn.close()
    store = EventStore(tmp_path / "s.db")
    assert store.stats()["schema_version"] == SCHEMA_VERSION
    kinds = dict(store.execute("select id, geo_precision from places where id in ('al-qusayr', 'SY-HM')"))
    assert kinds == {"al-qusayr": 1, "SY-HM": 3}
