"""The event store's promises (issue: the event store)."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.db.ingest import StoreWriter, ingest
from store.db.query import EventFilter, EventStore, UnknownName
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
SY_IQ = (29.0, 38.5, 35.5, 49.0)  # lat/lon box of Syria and Iraq


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "samples.db"
    summary = ingest(str(db), [str(SAMPLES)])
    assert summary.ok and summary.articles == 5
    return db


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_ingesting_again_adds_nothing(sample_db):
    before = EventStore(sample_db).stats()
    again = ingest(str(sample_db), [str(SAMPLES)])
    assert again.articles == 0 and again.duplicates == 5
    assert EventStore(sample_db).stats() == before


def test_arabic_and_english_filters_select_the_same_events(sample_db):
    ar = run("--db", str(sample_db), "events", "--actor", "داعش", "--town", "دير الزور", "--format", "jsonl")
    en = run("--db", str(sample_db), "events", "--actor", "ISIS", "--town", "Deir ez-Zor", "--format", "jsonl")
    assert ar.exit_code == en.exit_code == 0
    ids_ar = [json.loads(line)["id"] for line in ar.stdout.splitlines()]
    ids_en = [json.loads(line)["id"] for line in en.stdout.splitlines()]
    assert ids_ar and ids_ar == ids_en


def test_filters_forgive_proclitics_spacing_and_case(sample_db):
    store = EventStore(sample_db)
    base = store.ids(EventFilter(actors=("isis",), towns=("Deir ez-Zor",)))  # the city and its governorate
    for actor, town in [("داعش", "بدير الزور"), ("isis", "deir ez-zor"), ("تنظيم الدولة الإسلامية", "ديرالزور")]:
        assert store.ids(EventFilter(actors=(actor,), towns=(town,))) == base


def test_unknown_name_is_a_clear_error(sample_db):
    store = EventStore(sample_db)
    with pytest.raises(UnknownName):
        store.count(EventFilter(actors=("no such group",)))
    result = CliRunner().invoke(main, ["--db", str(sample_db), "events", "--town", "Atlantis"])
    assert result.exit_code == 2
    assert "Atlantis" in result.output and "Traceback" not in result.output


def test_town_includes_its_neighbourhoods(sample_db):
    store = EventStore(sample_db)
    inside = {r[0] for r in store.execute(
        "select e.id from events e join place_ancestors pa on pa.place_id = e.place_id "
        "where pa.ancestor_id = 'deir-ez-zor' and e.place_id != 'deir-ez-zor'")}
    assert inside, "the samples name Deir ez-Zor neighbourhoods"
    assert inside <= set(store.ids(EventFilter(towns=("دير الزور",))))


def test_every_sample_yields_events_with_places_and_dates(sample_db):
    store = EventStore(sample_db)
    for article_id, in store.execute("select id from articles"):
        rows = list(store.execute(
            "select p.lat, p.lon, p.country, e.date from events e left join places p on p.id = e.place_id "
            "where e.article_id = ?", [article_id]))
        assert rows, article_id
        placed = [r for r in rows if r[0] is not None]
        assert placed
        assert any(r[2] in ("SY", "IQ") and SY_IQ[0] <= r[0] <= SY_IQ[1] and SY_IQ[2] <= r[1] <= SY_IQ[3]
                   for r in placed)
        assert sum(1 for r in rows if r[3]) / len(rows) >= 0.6


def test_output_contract(sample_db):
    out = run("--db", str(sample_db), "events", "--format", "jsonl").output
    rec = json.loads(out.splitlines()[0])
    for key in ("id", "event_type", "date", "date_precision", "actor1", "actor2", "reported_by", "place",
                "article", "sentence", "reports", "fatalities", "negated", "hedged"):
        assert key in rec
    assert set(rec["article"]) >= {"id", "title", "source", "published", "path"}
    placed = next(json.loads(line) for line in out.splitlines() if json.loads(line)["place"])
    assert set(placed["place"]) >= {"id", "name_en", "name_ar", "kind", "lat", "lon", "country"}
    assert placed["article"]["path"].startswith(str(SAMPLES))


def test_every_report_points_back_to_article_sentence_and_spans(sample_db):
    store = EventStore(sample_db)
    rows = list(store.execute(
        "select s.text, r.spans, r.rule from reports r join sentences s on s.id = r.sentence_id"))
    assert rows
    for text, spans, rule in rows:
        spans = json.loads(spans)
        assert rule and "trigger" in spans
        for s, e in spans.values():
            assert 0 <= s < e <= len(text)


def test_sentences_point_into_article_bodies(sample_db):
    store = EventStore(sample_db)
    for body, start, end, text in store.execute(
            "select a.body, s.start, s.end, s.text from sentences s join articles a on a.id = s.article_id"):
        assert body[start:end] == text


def test_full_text_search_finds_stems_inside_clitics(sample_db):
    store = EventStore(sample_db)
    with_army = store.count(EventFilter(text="جيش"))
    assert with_army > 0
    assert with_army == store.count(EventFilter(text="والجيش"))


def test_a_crash_mid_article_leaves_nothing_of_it(tmp_path, monkeypatch):
    db = tmp_path / "crash.db"
    ingest(str(db), [str(SAMPLES / "000_778ee329156f86f8.txt")])
    calls = {"n": 0}
    original = StoreWriter._merge_target

    def flaky(self, *a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("simulated crash")
        return original(self, *a, **k)

    monkeypatch.setattr(StoreWriter, "_merge_target", flaky)
    with pytest.raises(RuntimeError):
        ingest(str(db), [str(SAMPLES / "001_77b17fb1c50acb1e.txt")])
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 1
    assert conn.execute("select count(*) from reports where article_id not in (select id from articles)").fetchone()[0] == 0
    assert conn.execute("select count(*) from sentences where article_id not in (select id from articles)").fetchone()[0] == 0


def test_bad_files_get_one_line_each_and_good_files_land(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((SAMPLES / "003_7212b24ccb4f50f3.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\nنص", encoding="utf-8")
    (folder / "cp1256.txt").write_bytes("أعلن الجيش السوري السيطرة على مدينة تدمر اليوم.".encode("cp1256"))
    db = tmp_path / "s.db"
    proc = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "ingest", str(folder)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
    assert any("broken.md" in e and "front matter" in e for e in errors)
    assert "Traceback" not in proc.stderr
    assert EventStore(db).stats()["articles"] == 2


def test_published_and_source_options_fill_what_files_do_not_say(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("عنوان\nأعلن الجيش العراقي اليوم السيطرة على مدينة تلعفر.", encoding="utf-8")
    db = tmp_path / "s.db"
    result = run("--db", str(db), "ingest", "--published", "2017-08-31", "--source", "Test Wire", str(f))
    assert result.exit_code == 0
    rec = json.loads(run("--db", str(db), "events", "--format", "jsonl").output.splitlines()[0])
    assert rec["article"]["published"] == "2017-08-31" and rec["article"]["source"] == "Test Wire"
    assert rec["article"]["title"] == "عنوان"
    assert rec["date"] == "2017-08-31"


def test_store_imports_nothing_of_the_screen():
    code = ("import sys, store.db.query, store.db.ingest, store.report.export, store.nlp.extract; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'tui', 'rich')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_version_and_help_teach():
    assert run("--version").output.startswith("conflictui")
    help_text = run("--help").output
    assert "ingest" in help_text and "events" in help_text and "Examples" in help_text


def test_the_screen_writes_no_sql():
    """tui/ asks the query API in store/; it never writes SQL itself."""
    import re

    sql = re.compile(r"\b(select|insert|update|delete|pragma)\b[^\n]*\b(from|into|set|integrity_check)\b", re.I)
    offenders = [f"{p.name}:{n}" for p in (ROOT / "tui").rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if sql.search(line) and not line.lstrip().startswith("#")]
    assert not offenders, offenders


@pytest.mark.parametrize("folder", ["with #hash", "with ?mark", "with %25 percent", "عربي"])
def test_a_store_in_any_folder_opens_read_only(tmp_path, folder):
    from store.db.schema import connect, ensure_schema
    path = tmp_path / folder / "events.db"
    db = connect(path)
    ensure_schema(db)
    db.conn.close()
    ro = connect(path, readonly=True)
    assert ro.execute("select value from meta where key = 'schema_version'").fetchone()[0]
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("insert into meta(key, value) values ('x', 'y')")
    ro.conn.close()
