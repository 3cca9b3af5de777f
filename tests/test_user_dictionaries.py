"""A user extends the dictionaries without touching code (store/data/README.md)."""
import json

from click.testing import CliRunner

from store.nlp.dictionaries import Dictionaries
from tui.cli import main

ARTICLE = """---
title: اشتباكات في بلدة تل المعزولة الكبير
published: 2016-05-02
language: ar
---
سيطرت ألوية الصقور الجدد على بلدة تل المعزولة الكبير في ريف حلب الشمالي، أمس، بعد معارك مع تنظيم داعش.
"""


def _user_files(folder):
    folder.mkdir()
    (folder / "actors.tsv").write_text(
        "id\tname_en\tname_ar\taliases\tkind\tcountry\tparent\n"
        "new-falcons\tNew Falcons Brigades\tألوية الصقور الجدد\tالصقور الجدد\tarmed_group\tSY\t\n"
        "+isis\t\t\tدولة البغدادي\t\t\t\n", encoding="utf-8")
    (folder / "places.tsv").write_text(
        "id\tname_en\tname_ar\taliases\tkind\tlat\tlon\tparent\tcountry\tpopulation\tgeonameid\n"
        "tall-maazula\tTall al-Maazula\tتل المعزولة الكبير\t\ttown\t36.30\t37.05\tSY-HL\tSY\t\t\n", encoding="utf-8")


def test_user_rows_add_actors_places_and_aliases(tmp_path, monkeypatch):
    folder = tmp_path / "dicts"
    _user_files(folder)
    d = Dictionaries(user_dir=folder)
    assert d.actors["new-falcons"].name_en == "New Falcons Brigades"
    assert "دولة البغدادي" in d.actors["isis"].aliases  # +id adds aliases, keeps the shipped row
    assert d.actors["isis"].name_en == Dictionaries(include_user=False).actors["isis"].name_en
    assert [p.id for p in d.place_chain("tall-maazula")][:2] == ["tall-maazula", "SY-HL"]


def test_user_entries_reach_extraction_and_filters(tmp_path, monkeypatch):
    folder = tmp_path / "dicts"
    _user_files(folder)
    monkeypatch.setenv("CONFLICTUI_DICT_DIR", str(folder))
    import store.nlp.dictionaries as dictionaries

    monkeypatch.setattr(dictionaries, "_DEFAULT", None)
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(art)]).exit_code == 0
    out = runner.invoke(main, ["--db", str(db), "events", "--actor", "الصقور الجدد", "--town", "Tall al-Maazula",
                               "--format", "jsonl"]).output
    records = [json.loads(line) for line in out.splitlines()]
    assert records and records[0]["actor1"]["id"] == "new-falcons"
    assert records[0]["place"]["id"] == "tall-maazula" and records[0]["place"]["lat"] == 36.30
    by_alias = runner.invoke(main, ["--db", str(db), "events", "--actor", "دولة البغدادي", "--format", "jsonl"])
    assert by_alias.exit_code == 0


def test_worker_processes_extract_with_the_dictionaries_given_to_ingest(tmp_path):
    """ingest(dicts=...) with --jobs 2: the workers use those dictionaries,
    not the defaults (whose user folder here knows nothing of the group)."""
    from store.nlp.dictionaries import Dictionaries
    from store.db.ingest import ingest
    from store.db.query import EventStore

    user = tmp_path / "dicts"
    user.mkdir()
    (user / "actors.tsv").write_text(
        "id\tname_en\tname_ar\taliases\tkind\tcountry\tparent\n"
        "falcons-of-test\tFalcons of Test\tصقور الاختبار\t\tarmed_group\tSY\t\n", encoding="utf-8")
    arts = tmp_path / "arts"
    arts.mkdir()
    for i in range(4):  # more than one per worker
        (arts / f"a{i}.txt").write_text(
            "---\npublished: 2019-05-0%d\n---\nبيروت - وكالات\n\nسيطرت صقور الاختبار على بلدة كفرنبودة في ريف حماة "
            "بعد معارك عنيفة مع قوات النظام استمرت %d أيام.\n" % (i + 1, i + 2), encoding="utf-8")
    db = tmp_path / "s.db"
    ingest(str(db), [str(arts)], jobs=2, dicts=Dictionaries(user_dir=user))
    n = EventStore(db).execute("select count(*) from events where actor1_id = 'falcons-of-test'").fetchone()[0]
    assert n >= 1


def test_user_subjects_and_metonyms_load_like_the_other_dictionaries(tmp_path):
    """subjects.tsv and metonyms.tsv come from the user folder too, and a
    change to them changes the fingerprint (the store then re-extracts)."""
    from store.nlp.extract import Extractor
    from store.text.articles import Article

    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "subjects.tsv").write_text(
        "id\tname_en\tname_ar\tkeywords\tduration_aspect\n"
        "truce-monitors\tThe truce monitoring mission\tبعثة مراقبة الهدنة\tبعثة مراقبة الهدنة\tmandate_length\n",
        encoding="utf-8")
    (folder / "metonyms.tsv").write_text("name\tactor_id\tkind\nالدوحة\tqatar\tcapital\n", encoding="utf-8")
    shipped, user = Dictionaries(include_user=False), Dictionaries(user_dir=folder)
    assert user.fingerprint != shipped.fingerprint
    assert {"name": "الدوحة", "actor_id": "qatar", "kind": "capital"} in user.metonyms
    assert [s["id"] for s in user.subjects][-1] == "truce-monitors"
    text = "طالبت روسيا بتمديد عمل بعثة مراقبة الهدنة لمدة ستة أشهر."
    article = Article("x.txt", "t", text, published="2018-02-01")
    assert Extractor(shipped).extract(article).positions == []
    found = [(p.party, p.subject, p.aspect, p.value) for p in Extractor(user).extract(article).positions]
    assert found == [("russia", "truce-monitors", "mandate_length", "P6M")]
