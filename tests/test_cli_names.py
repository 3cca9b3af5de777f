"""The CLI's names and dates say what they took (issue 14, "Silent wrong
answers"): undated events left out are counted, a wrong --db is an error
that makes nothing, a name that names nothing suggests the nearest names,
a name shared by a city and its governorate takes both, an actor takes its
parts, and a dispute's subject is found by name and alias.

Expectations come from the store (raw SQL or the query API), never from
counts of today's extraction."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.db.query import EventFilter, EventStore, UnknownName
from tui.cli import main


@pytest.fixture(scope="module")
def db(_sample_store_template) -> Path:
    return _sample_store_template  # these tests only read it


@pytest.fixture(scope="module")
def store(db):
    s = EventStore(db)
    yield s
    s.close()


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def jsonl_ids(result) -> list[int]:
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def sql_ids(store, where: str, params=()) -> set[int]:
    return {r[0] for r in store.execute(f"select id from events e where {where}", params)}


# -- 1. undated events under a date filter --------------------------------------
def _a_date_inside(store) -> str:
    """A date that leaves dated events on both sides."""
    dates = sorted(r[0] for r in store.execute("select date from events where coalesce(date, '') != ''"))
    return dates[len(dates) // 2]


def test_the_summary_counts_the_undated_events_a_date_filter_leaves_out(db, store):
    undated = sql_ids(store, "coalesce(e.date, '') = ''")
    assert undated, "the samples hold undated events"
    since = _a_date_inside(store)
    r = cli("--db", db, "events", "--since", since)
    assert r.exit_code == 0
    assert f"+{len(undated)} undated not shown" in r.stderr
    r = cli("--db", db, "events", "--since", since, "--format", "jsonl")
    assert f"+{len(undated)} undated not shown" in r.stderr and set(jsonl_ids(r)).isdisjoint(undated)
    # no date filter: nothing left out, nothing said
    assert "undated" not in cli("--db", db, "events").stderr


def test_undated_include_exclude_only(db, store):
    since = _a_date_inside(store)
    undated = sql_ids(store, "coalesce(e.date, '') = ''")
    dated_since = sql_ids(store, "e.date >= ?", [since])
    include = cli("--db", db, "events", "--since", since, "--undated", "include", "--format", "jsonl")
    assert set(jsonl_ids(include)) == dated_since | undated and "not shown" not in include.stderr
    only = cli("--db", db, "events", "--since", since, "--undated", "only", "--format", "jsonl")
    assert set(jsonl_ids(only)) == undated
    exclude = cli("--db", db, "events", "--undated", "exclude", "--format", "jsonl")
    assert set(jsonl_ids(exclude)) == sql_ids(store, "coalesce(e.date, '') != ''")
    assert cli("--db", db, "events", "--undated", "never").exit_code == 2


def test_the_query_api_takes_undated_and_says_so_in_the_command_line(store):
    since = _a_date_inside(store)
    f = EventFilter(since=since, undated="include")
    assert store.count(f) == store.count(EventFilter(since=since)) + store.undated_left_out(EventFilter(since=since))
    assert store.undated_left_out(f) == 0
    assert "--undated include" in f.to_cli()
    with pytest.raises(ValueError):
        store.count(EventFilter(undated="sometimes"))


def test_export_counts_the_undated_events_left_out(db, store, tmp_path):
    since = _a_date_inside(store)
    n = len(sql_ids(store, "coalesce(e.date, '') = ''"))
    r = cli("--db", db, "export", "--since", since, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 0 and f"+{n} undated not shown" in r.stderr


# -- 2. a wrong --db ------------------------------------------------------------
@pytest.mark.parametrize("command", ["events", "actors", "places", "export", "disputes", "doctor"])
def test_a_read_command_on_a_path_without_a_store_makes_nothing(tmp_path, command):
    for path in (tmp_path / "nowhere" / "store.db", tmp_path / "typo"):
        r = cli("--db", path, command)
        assert r.exit_code == 1, r.output
        assert r.stderr.strip() == f"conflictui: no store at {path} (ingest first, or check --db)"
        assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # not the file, nor its folder


def test_an_empty_file_is_no_store_and_stays_empty(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    r = cli("--db", path, "events", "--actor", "ISIS")
    assert r.exit_code == 1 and "no store at" in r.stderr and "no actor called" not in r.stderr
    assert path.stat().st_size == 0


# -- 3. a name that names nothing -----------------------------------------------
@pytest.mark.parametrize("typed", ["Idlb", "Idlibb", "ادلبب"])
def test_a_misspelt_town_suggests_the_nearest_places_in_both_scripts(db, store, typed):
    wanted = set(store.labels("place", store.resolve("place", "Idlib")))
    assert len(wanted) == 2  # the city and its governorate
    with pytest.raises(UnknownName) as exc:
        store.count(EventFilter(towns=(typed,)))
    assert wanted <= set(exc.value.suggestions)
    r = cli("--db", db, "events", "--town", typed, "--format", "jsonl")
    assert r.exit_code == 2 and r.stdout == ""  # no rows, least of all every row
    assert "did you mean:" in r.stderr and all(w in r.stderr for w in wanted)


def test_a_misspelt_actor_suggests_it_and_lists_no_actors(db, store):
    isis = store.labels("actor", store.resolve("actor", "ISIS"))[0]
    assert isis in store.suggest("actor", "Isiss")
    r = cli("--db", db, "actors", "--actor", "Isiss")
    assert r.exit_code == 2 and r.stdout == "" and isis in r.stderr


# -- 4. a name shared by a city and its governorate ------------------------------
def test_a_town_name_takes_the_city_and_the_governorate(db, store):
    city = sql_ids(store, "e.place_id in (select place_id from place_ancestors where ancestor_id = 'idlib')")
    governorate = sql_ids(store, "e.place_id in (select place_id from place_ancestors where ancestor_id = 'SY-ID')")
    assert governorate > city, "the samples place events in the governorate outside the city"
    r = cli("--db", db, "events", "--town", "Idlib", "--format", "jsonl")
    assert r.exit_code == 0 and set(jsonl_ids(r)) == governorate
    assert "--town 'Idlib' took 2 places:" in r.stderr
    assert "Idlib Governorate" in r.stderr and "Idlib (" in r.stderr
    assert set(store.resolve("place", "إدلب")) == {"idlib", "SY-ID"}


@pytest.mark.parametrize("typed, canonical", [
    ("Dayr az Zawr", "Deir ez-Zor"), ("Deir Ezzor", "Deir ez-Zor"), ("Deir el-Zor", "Deir ez-Zor"),
    ("Raqqah", "Raqqa"), ("Ar-Raqqa", "Raqqa"), ("Edlib", "Idlib"), ("Halab", "Aleppo"),
    ("Hamah", "Hama"), ("Hasaka", "Hasakah"),
])
def test_common_transliterations_take_the_city_and_its_governorate(store, typed, canonical):
    took = store.resolve("place", typed)
    assert took == store.resolve("place", canonical)
    kinds = {store.execute("select kind from places where id = ?", [i]).fetchone()[0] for i in took}
    assert kinds == {"city", "governorate"}, (typed, took)


def test_a_name_without_a_namesake_says_nothing_extra(db):
    r = cli("--db", db, "events", "--town", "Khan Shaykhun", "--limit", "1")
    assert r.exit_code == 0 and "took" not in r.stderr


# -- 5. an actor takes its parts --------------------------------------------------
def test_an_actor_takes_its_parts_and_exact_keeps_it_alone(db, store):
    parts = {r[0] for r in store.execute(
        "with recursive t(id) as (select 'russia' union select a.id from actors a join t on a.parent = t.id)"
        " select id from t")}
    assert {"russian-forces", "russian-mod"} <= parts
    marks = ",".join("?" * len(parts))
    expected = sql_ids(store, f"e.actor1_id in ({marks}) or e.actor2_id in ({marks})", [*parts, *parts])
    alone = sql_ids(store, "'russia' in (e.actor1_id, e.actor2_id)")
    assert expected > alone, "the samples hold events of Russia's parts"
    r = cli("--db", db, "events", "--actor", "Russia", "--format", "jsonl")
    assert r.exit_code == 0 and set(jsonl_ids(r)) == expected
    assert f"--actor 'Russia' took Russian government (روسيا) and its {len(parts) - 1} parts" in r.stderr
    assert "--exact" in r.stderr
    exact = cli("--db", db, "events", "--actor", "Russia", "--exact", "--format", "jsonl")
    assert set(jsonl_ids(exact)) == alone and "took" not in exact.stderr
    assert store.count(EventFilter(actors=("Russia",), exact=True)) == len(alone)
    assert "--exact" in EventFilter(actors=("Russia",), exact=True).to_cli()


def test_the_parts_named_on_stderr_are_the_busiest_first(db, store):
    (taken,) = store.names_taken(EventFilter(actors=("russia",)))
    counts = dict(store.execute("select id, n from facet_counts where kind = 'actor'"))
    parts = [counts.get(i, 0) for i in taken.taken[1:]]
    assert parts == sorted(parts, reverse=True)


# -- 7. a dispute's subject by name and alias ------------------------------------
def test_a_dispute_subject_matches_by_id_name_and_keyword(disputes_db):
    by_id = cli("--db", disputes_db, "disputes", "--subject", "jim-mandate", "--format", "json")
    disputes = json.loads(by_id.stdout)
    assert disputes and {d["subject"] for d in disputes} == {"jim-mandate"}
    for typed in ("JIM", "jim", "آلية التحقيق المشتركة", "Mandate of the OPCW-UN Joint Investigative Mechanism (JIM)"):
        r = cli("--db", disputes_db, "disputes", "--subject", typed, "--format", "json")
        assert r.exit_code == 0 and json.loads(r.stdout) == disputes, typed
        assert f"--subject {typed!r} took Mandate of the OPCW-UN" in r.stderr
    table = cli("--db", disputes_db, "disputes", "--subject", "JIM")
    assert "jim-mandate" in table.stdout and "No disputes" not in table.stdout


def test_an_unknown_subject_suggests_the_nearest(disputes_db):
    r = cli("--db", disputes_db, "disputes", "--subject", "JIMM")
    assert r.exit_code == 2 and r.stdout == ""
    assert "no subject called 'JIMM' (did you mean: Mandate of the OPCW-UN Joint Investigative Mechanism" in r.stderr


def test_a_known_subject_without_disputes_says_which(db, store):
    from store.report.disputes import list_disputes

    with_disputes = {d["subject"] for d in list_disputes(store)}
    quiet = next(i for i in store.subjects() if i not in with_disputes)
    r = cli("--db", db, "disputes", "--subject", quiet)
    assert r.exit_code == 0 and r.stdout == f"No disputes on {store.subject_label(quiet)} in the store.\n"


# -- 6. articles without a publication date ---------------------------------------
STRIKE = "قصفت طائرات حربية بلدة سرمدا في ريف إدلب أمس، ما أدى إلى مقتل {} مدنيين.\n"


def _articles(folder: Path) -> Path:
    folder.mkdir()
    (folder / "undated.txt").write_text(STRIKE.format("خمسة"), encoding="utf-8")
    (folder / "dated.txt").write_text("---\ntitle: t\npublished: 2019-05-02\n---\n" + STRIKE.format("ستة"),
                                      encoding="utf-8")
    return folder


def test_ingest_names_each_article_without_a_publication_date(tmp_path):
    folder = _articles(tmp_path / "in")
    r = cli("--db", tmp_path / "s.db", "ingest", "-q", folder)
    assert r.exit_code == 0
    (note,) = [line for line in r.stderr.splitlines() if "without a publication date" in line]
    assert str(folder / "undated.txt") in note and "--published" in note
    assert str(folder / "dated.txt") not in note.replace(str(folder / "undated.txt"), "")
    again = cli("--db", tmp_path / "t.db", "ingest", "-q", "--published", "2019-05-03", folder)
    assert again.exit_code == 0 and "publication date" not in again.stderr


def test_the_acled_export_counts_the_rows_without_event_date(tmp_path):
    import csv

    db = tmp_path / "s.db"
    assert cli("--db", db, "ingest", "-q", _articles(tmp_path / "in")).exit_code == 0
    r = cli("--db", db, "export", "--format", "acled", "-o", tmp_path / "out.csv")
    assert r.exit_code == 0
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    undated = sum(1 for row in rows if not row["event_date"])
    assert undated and rows, "one article dates its strike, the other cannot"
    assert f"note: {undated} ACLED rows have no event_date" in r.stderr
