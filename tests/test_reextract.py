"""Re-extraction (issue 13): the stored bodies are extracted again after a
dictionary change, one transaction per article; every correction whose key
(article hash, sentence index, trigger, rule) still matches a report is
applied again, and one whose report is gone is listed and kept."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from store.db import reextract as reextract_module
from store.db.ingest import StoreWriter, ingest
from store.db.schema import connect
from store.text.articles import Article
from store.db.query import EventFilter, EventStore
from store.db.reextract import NoSuchArticle, reextract
from store.nlp.dictionaries import Dictionaries
from store.nlp.extract import Extractor

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from runcli import command, env  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NO_USER = ROOT / "tests" / "badinput" / "no-user-dicts"
BODY = ("قصفت قوات النظام بلدة تل المعزولة الكبير في ريف حلب اليوم، ما أدى إلى مقتل 5 مدنيين."
        " وقال ناشطون إن طائرات حربية روسية شنت غارات على مدينة خان شيخون.")
OTHER = "شنت طائرات حربية روسية غارات جوية على مدينة خان شيخون في ريف إدلب اليوم، ما أدى إلى مقتل 4 مسلحين."
NEW_PLACE = ("id\tname_en\tname_ar\taliases\tkind\tlat\tlon\tparent\tcountry\tpopulation\tgeonameid\n"
             "tall-maazula\tTall al-Maazula\tتل المعزولة الكبير\t\ttown\t36.30\t37.05\tSY-HL\tSY\t\t\n")


def _article(folder: Path, name: str, body: str, source: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\ntitle: {name}\nsource: {source}\npublished: 2019-05-14\n---\n{body}\n",
                               encoding="utf-8")


@pytest.fixture
def setup(tmp_path):
    """A store ingested with the shipped dictionaries, two events of one
    article reviewed, and a user dictionary that names the unknown town."""
    arts = tmp_path / "articles"
    _article(arts, "a.txt", BODY, "المرصد السوري لحقوق الإنسان")
    _article(arts, "b.txt", OTHER, "وكالة سانا")
    db = tmp_path / "store.db"
    assert ingest(str(db), [str(arts)], dicts=Dictionaries(user_dir=NO_USER)).ok
    store = EventStore(db)
    shelling = store.page(EventFilter(types=("shelling",)))[0]
    raid = store.page(EventFilter(types=("airstrike",)))[0]
    # the town no dictionary knows is an unlisted town inside Aleppo governorate («في ريف حلب»)
    assert (shelling.place_id, raid.n_reports) == ("SY-HL/town/تل المعزولة", 2)
    store.confirm(shelling.id, by="ana")
    store.edit(raid.id, {"fatalities": 3}, by="ana")
    store.close()
    user = tmp_path / "user-dicts"
    user.mkdir()
    (user / "places.tsv").write_text(NEW_PLACE, encoding="utf-8")
    return db, Dictionaries(user_dir=user), user


def _events(db: Path) -> dict[str, tuple]:
    store = EventStore(db)
    try:
        return {r.event_type: (r.place_id, r.fatalities, r.review, r.n_reports) for r in store.page(EventFilter())}
    finally:
        store.close()


def test_reextract_after_a_dictionary_change_keeps_the_corrections(setup):
    db, dicts, _ = setup
    store = EventStore(db)
    assert store.extraction_differs(dicts.fingerprint)  # the app would offer to re-extract
    store.close()
    summary = reextract(str(db), dicts=dicts)
    assert (summary.articles, summary.reports_before, summary.reports_after, summary.orphans) == (2, 3, 3, [])
    events = _events(db)
    assert events["shelling"] == ("tall-maazula", 5, "confirmed", 1)  # the new town, the review kept
    assert events["airstrike"] == ("khan-shaykhun", 3, "corrected", 2)  # both reports again, the edit kept
    store = EventStore(db)
    assert store.extraction_differs(dicts.fingerprint) == []
    assert store.health()["partial_articles"] == 0 and store.health()["orphan_rows"] == 0
    assert store.count(EventFilter(text="المعزولة")) == 1  # the search index follows
    assert _fts_matches_sentences(store)
    store.execute("update sentences set norm = 'كلمة' where id = (select min(id) from sentences)")
    assert not _fts_matches_sentences(store)  # the check itself can fail: a stale index is found
    store.close()


def _fts_matches_sentences(store: EventStore) -> bool:
    """Whether the search index holds exactly the sentences' text: the
    integrity check with rank 1 compares it with its content table too
    (without, a stale external-content index passes)."""
    try:
        store.execute("insert into sentences_fts(sentences_fts, rank) values ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def test_a_correction_whose_report_is_gone_is_listed_and_kept(setup, monkeypatch):
    db, dicts, _ = setup
    real = Extractor.extract

    def without_raids(self, article):  # an extractor that no longer finds the raid
        ex = real(self, article)
        ex.events = [e for e in ex.events if e.event_type != "airstrike"]
        return ex

    monkeypatch.setattr(Extractor, "extract", without_raids)
    summary = reextract(str(db), dicts=dicts)
    assert [(c.action, c.changes, c.by) for c in summary.orphans] == [("edit", {"fatalities": 3}, "ana")]
    assert "airstrike" not in _events(db)
    store = EventStore(db)
    assert len(store.corrections()) == 2 and len(store.orphan_corrections()) == 1
    store.close()
    monkeypatch.setattr(Extractor, "extract", real)
    assert reextract(str(db), dicts=dicts).orphans == []  # the report is back: so is the correction
    assert _events(db)["airstrike"][1:3] == (3, "corrected")


def test_each_article_is_replaced_whole_or_not_at_all(setup, monkeypatch):
    db, dicts, _ = setup
    real = StoreWriter._write_rows
    calls = []

    def fail_second(self, article, ex):  # the second article cannot be written, however often it is tried
        calls.append(article.path)
        if article.path.endswith("b.txt"):
            raise RuntimeError("disk full")
        return real(self, article, ex)

    monkeypatch.setattr(StoreWriter, "_write_rows", fail_second)
    with pytest.raises(RuntimeError):
        reextract(str(db), dicts=dicts)
    assert calls[-1].endswith("b.txt") and calls.count(calls[0]) == 2  # the batch, then one article a transaction
    conn = sqlite3.connect(db)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert one("select count(*) from articles") == 2 and one("select count(*) from reports") == 3
    assert one("select count(*) from articles a where n_reports != (select count(*) from reports r"
               " where r.article_id = a.id)") == 0
    assert one("select count(*) from sentences") == one("select count(*) from sentences_fts")
    conn.close()
    events = _events(db)
    assert events["shelling"][0] == "tall-maazula"  # the first article was replaced
    assert events["airstrike"][1:3] == (3, "corrected")  # the second kept as it was, its correction too


def test_select_articles(setup):
    db, _, _ = setup
    store = EventStore(db)
    ids = reextract_module.select_articles(store.conn)
    (path, content_hash), = store.execute("select path, hash from articles where id = ?", [ids[0]]).fetchall()
    assert reextract_module.select_articles(store.conn, (path,)) == [ids[0]]
    assert reextract_module.select_articles(store.conn, (content_hash[:10],)) == [ids[0]]
    assert reextract_module.select_articles(store.conn, (), "2019-05-15") == []
    with pytest.raises(NoSuchArticle, match="--article 'nope'"):
        reextract_module.select_articles(store.conn, ("nope",))
    store.close()


def test_cli_reextract_with_jobs(setup):
    import subprocess

    db, _, user = setup
    proc = subprocess.run([*command(), "--db", str(db), "reextract", "--jobs", "2"], capture_output=True,
                          text=True, env=env(user), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "2 articles re-extracted: 3 reports before, 3 after; 0 corrections whose report is gone" in proc.stdout
    assert _events(db)["shelling"][:3] == ("tall-maazula", 5, "confirmed")
    proc = subprocess.run([*command(), "--db", str(db), "reextract", "--article", "nope"], capture_output=True,
                          text=True, env=env(user), timeout=300)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--article 'nope'" in proc.stderr


def test_the_stored_hash_is_kept_whatever_made_it(setup):
    """A store whose hashes another version (or the bench generator) made:
    the article is replaced, not stored twice, and its corrections' keys still hold."""
    db, dicts, _ = setup
    conn = sqlite3.connect(db)
    (old,) = conn.execute("select hash from articles where path like '%a.txt'").fetchone()
    for table, col in (("articles", "hash"), ("corrections", "article_hash")):
        conn.execute(f"update {table} set {col} = ? where {col} = ?", ["f" * 64, old])
    conn.commit()
    conn.close()
    summary = reextract(str(db), dicts=dicts)
    assert (summary.articles, summary.reports_before, summary.reports_after, summary.orphans) == (2, 3, 3, [])
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 2
    assert conn.execute("select count(*) from articles where hash = ?", ["f" * 64]).fetchone()[0] == 1
    conn.close()
    assert _events(db)["shelling"][:3] == ("tall-maazula", 5, "confirmed")


def _arts_without_corrections(tmp_path: Path) -> tuple[Path, Dictionaries]:
    arts = tmp_path / "plain"
    _article(arts, "a.txt", BODY, "المرصد السوري لحقوق الإنسان")
    _article(arts, "b.txt", OTHER, "وكالة سانا")
    db = tmp_path / "plain.db"
    dicts = Dictionaries(user_dir=NO_USER)
    assert ingest(str(db), [str(arts)], dicts=dicts).ok
    return db, dicts


def _counts(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute("select event_type, n_reports, n_sources from events").fetchall())
    finally:
        con.close()


def test_a_full_reextract_without_corrections_keeps_the_source_counts(tmp_path):
    db, dicts = _arts_without_corrections(tmp_path)
    before = _counts(db)
    assert ("airstrike", 2, 2) in before  # two outlets tell the raid
    reextract(str(db), dicts=dicts)
    assert _counts(db) == before  # the writer forgot the sources of the reports removed
    reextract(str(db), dicts=dicts)
    assert _counts(db) == before


def test_a_reused_event_id_starts_with_no_sources(tmp_path):
    """An event deleted outside the writer whose id a new event takes: the
    keys the writer cached for the old one are not the new one's."""
    db, dicts = _arts_without_corrections(tmp_path)
    writer = StoreWriter(connect(db))
    con = writer.conn
    ex = Extractor(dicts)
    for (eid,) in con.execute("select id from events").fetchall():
        writer._note_source(eid, 0, "x")  # the writer now knows each event's outlets (and x)
    with con:  # the events go outside the writer (as an undo or a re-extraction elsewhere would)
        for h in [r[0] for r in con.execute("select hash from articles")]:
            reextract_module.remove_article(con, h)
    assert con.execute("select count(*) from events").fetchone()[0] == 0
    first = Article("c.txt", "c", OTHER + " وقال مسؤول محلي إن الوضع هادئ.", "وكالة سانا", "2019-05-14")
    writer.write(first, ex.extract(first))
    (raid_id,) = con.execute("select id from events where event_type = 'airstrike'").fetchone()  # an old id again
    second = Article("d.txt", "d", OTHER, "المرصد السوري لحقوق الإنسان", "2019-05-14")
    writer.write(second, ex.extract(second))
    assert con.execute("select n_reports, n_sources from events where id = ?", [raid_id]).fetchone() == (2, 2)
