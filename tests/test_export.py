"""Exports (store/report/export.py and `conflictui export`).

Nothing here hard-codes what the extractor finds: exact values are checked
on the fixed fixture store of tests/export_fixtures.py, and the goldens of
the sample articles are compared only while the extraction is the one they
were made with (regenerate them with `python tests/golden/regen.py` when
extraction improves; CONFLICTUI_STRICT_GOLDEN=1 makes a drift fail instead of
skip).
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

import store.report.export as export_mod  # noqa: E402
from export_fixtures import (  # noqa: E402
    GOLDEN, GOLDEN_FILES, GOLDEN_NOW, build_fixture_store, build_sample_store, render,
)
from store.report.export import (  # noqa: E402
    ACLED_COLUMNS, CSV_COLUMNS, FORMATS, ExportResult, export_events, flatten_record,
)
from store.db.query import EventFilter, UnknownName  # noqa: E402
from tui.cli import main  # noqa: E402

BAD_START = ("=", "+", "-", "@", "\t", "\r")


# -- stores ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("fx") / "fixture.db"
    build_fixture_store(path).close()
    return str(path)


@pytest.fixture
def fx(fixture_db):
    from store.db.query import EventStore

    s = EventStore(fixture_db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    build_fixture_store(path, hostile=True).close()
    return str(path)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    build_sample_store(path).close()
    return str(path)


def _open(path):
    from store.db.query import EventStore

    return EventStore(path)


def run(db: str, *args: str):
    return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)


# -- parsing the outputs back -------------------------------------------------------
def parse(fmt: str, data: bytes) -> list:
    """Rows, records, features or listed events of an export."""
    text = data.decode("utf-8")
    if fmt in ("csv", "acled"):
        assert text.startswith("\ufeff"), "spreadsheet formats start with a UTF-8 BOM"
        return list(csv.DictReader(io.StringIO(text[1:], newline="")))
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if fmt == "json":
        return json.loads(text)
    if fmt == "geojson":
        return json.loads(text)["features"]
    if fmt == "markdown":
        return re.findall(r"^### #(\d+) ", text, re.M)
    raise AssertionError(fmt)


def ids_of(fmt: str, items: list) -> list[int]:
    if fmt in ("csv",):
        return [int(r["id"]) for r in items]
    if fmt == "acled":
        return [int(re.sub(r"^[A-Z]{3}", "", r["event_id_cnty"])) for r in items]
    if fmt in ("jsonl", "json"):
        return [r["id"] for r in items]
    if fmt == "geojson":
        return [f["id"] for f in items]
    return [int(i) for i in items]


# -- goldens ------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture_goldens(fx, fmt):
    expected = (GOLDEN / "fixture" / GOLDEN_FILES[fmt]).read_bytes()
    assert render(fx, fmt) == expected, (
        f"the {fmt} export of the fixed fixture changed; if intended, run python tests/golden/regen.py fixture "
        "and review the diff")


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_goldens(sample_db, fmt):
    s = _open(sample_db)
    try:
        if render(s, "jsonl") != (GOLDEN / "sample" / GOLDEN_FILES["jsonl"]).read_bytes():
            msg = ("the extraction of the sample articles changed since tests/golden/sample was made: "
                   "run python tests/golden/regen.py sample and commit the new goldens")
            if os.environ.get("CONFLICTUI_STRICT_GOLDEN"):
                pytest.fail(msg)
            pytest.skip(msg)
        assert render(s, fmt) == (GOLDEN / "sample" / GOLDEN_FILES[fmt]).read_bytes(), (
            f"same extraction, different {fmt} export: the export code changed; run python tests/golden/regen.py")
    finally:
        s.close()


def test_golden_render_is_deterministic(fx):
    for fmt in FORMATS:
        assert render(fx, fmt) == render(fx, fmt)


# -- the contract -----------------------------------------------------------------------
def test_jsonl_and_json_are_the_output_contract(fx):
    records = list(fx.iter_records(EventFilter()))
    assert parse("jsonl", render(fx, "jsonl")) == records
    assert parse("json", render(fx, "json")) == records


def test_csv_columns_flatten_the_contract(fx):
    rows = parse("csv", render(fx, "csv"))
    assert list(rows[0].keys()) == CSV_COLUMNS
    for col in ("actor1_id", "actor1_name_en", "actor1_name_ar", "place_lat", "place_lon", "place_admin1",
                "article_title", "sentence", "negated"):
        assert col in CSV_COLUMNS
    rec = next(r for r in fx.iter_records(EventFilter(ids=(1,))))
    row = next(r for r in rows if r["id"] == "1")
    assert row["actor1_name_ar"] == rec["actor1"]["name_ar"] == "الجيش السوري"  # logical order, not reshaped
    assert float(row["place_lat"]) == rec["place"]["lat"]
    assert row["negated"] == "false"
    assert set(flatten_record(rec)) == set(CSV_COLUMNS)


def test_events_csv_still_uses_flatten_record(fixture_db):
    r = run(fixture_db, "events", "--format", "csv")
    assert r.exit_code == 0
    header = r.output.splitlines()[0]
    assert header.split(",") == CSV_COLUMNS


# -- the same selection in events and export ----------------------------------------------
FILTERS = [
    [],
    ["--actor", "ISIS"],
    ["--actor", "داعش"],
    ["--actor", "تنظيم الدولة"],  # alias
    ["--actor", "والجيش السوري"],  # with a proclitic
    ["--town", "دير الزور"],
    ["--town", "Deir ez-Zor"],
    ["--town", "Raqqa", "--actor", "SDF"],
    ["--actor", "ISIS", "--type", "suicide_or_ied", "--type", "armed_clash"],
    ["--since", "2017-10-15", "--until", "2017-11-02"],
    ["--until", "2017-07"],
    ["--search", "الرقة"],
    ["--actor", "Syrian Arab Army", "--town", "Mosul"],  # nothing
]


@pytest.mark.parametrize("args", FILTERS, ids=lambda a: " ".join(a) or "all")
def test_export_selects_what_events_selects(fixture_db, args):
    ev = run(fixture_db, "events", "--format", "jsonl", *args)
    ex = run(fixture_db, "export", "--format", "jsonl", *args)
    assert ev.exit_code == 0 and ex.exit_code == 0, (ev.output, ex.output)
    ids_ev = [json.loads(x)["id"] for x in ev.stdout.splitlines()]
    ids_ex = [json.loads(x)["id"] for x in ex.stdout.splitlines()]
    assert ids_ev == ids_ex
    assert f"{len(ids_ex)} events → standard output" in ex.stderr


@pytest.mark.parametrize("args", [[], ["--type", "territory_taken"], ["--since", "2017-06-01"],
                                  ["--type", "armed_clash", "--type", "shelling"]],
                         ids=lambda a: " ".join(a) or "all")
def test_export_selects_what_events_selects_on_samples(sample_db, args):
    ev = run(sample_db, "events", "--format", "jsonl", *args)
    ex = run(sample_db, "export", "--format", "jsonl", *args)
    assert [json.loads(x)["id"] for x in ev.stdout.splitlines()] == \
        [json.loads(x)["id"] for x in ex.stdout.splitlines()]


def test_ids_select_exactly_those_events(fixture_db, fx):
    r = run(fixture_db, "export", "--format", "jsonl", "--ids", "3,1", "--ids", "7")
    assert r.exit_code == 0
    assert sorted(json.loads(x)["id"] for x in r.stdout.splitlines()) == [1, 3, 7]
    r = run(fixture_db, "export", "--format", "jsonl", "--ids", "1,3,7", "--actor", "SDF")
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == [7]
    r = run(fixture_db, "export", "--ids", "1,x")
    assert r.exit_code == 2 and "not an event id" in r.output


# -- every format counts the same selection ---------------------------------------------------
@pytest.mark.parametrize("flt", [EventFilter(), EventFilter(actors=("ISIS",)), EventFilter(towns=("الرقة",)),
                                 EventFilter(types=("statement", "accusation")), EventFilter(since="2018-01-01")],
                         ids=["all", "isis", "raqqa", "verbal", "none"])
def test_same_selection_counted_identically_in_every_format(fx, flt):
    total = fx.count(flt)
    expected_ids = fx.ids(flt)
    for fmt in FORMATS:
        buf = io.StringIO(newline="")
        res = export_events(fx, flt, fmt, None, out=buf, now=GOLDEN_NOW)
        items = parse(fmt, buf.getvalue().encode("utf-8"))
        assert res.written == len(items), fmt
        assert res.written + res.skipped_no_place + res.skipped_not_acled == total, fmt
        got = ids_of(fmt, items)
        assert len(set(got)) == len(got) and set(got) <= set(expected_ids), fmt
        if fmt not in ("geojson", "acled"):
            assert got == expected_ids, fmt
        assert (res.skipped_no_place == 0) or fmt == "geojson"
        assert (res.skipped_not_acled == 0) or fmt == "acled"


def test_skips_are_explained(fx):
    buf = io.StringIO()
    res = export_events(fx, EventFilter(), "geojson", None, out=buf)
    assert res.skipped_no_place == 2  # the statement without a place, the village without coordinates
    assert any("without a place" in n for n in res.notes)
    res = export_events(fx, EventFilter(), "acled", None, out=io.StringIO())
    assert res.skipped_not_acled == 3  # displacement, accusation, statement
    assert any("ACLED does not code" in n for n in res.notes)


def test_cli_prints_notes_and_summary(fixture_db, tmp_path):
    out = tmp_path / "x.geojson"
    r = run(fixture_db, "export", "-o", str(out))  # format from the file's ending
    assert r.exit_code == 0
    assert "note: 2 events without a place" in r.stderr
    assert r.stderr.strip().endswith(f"13 events → {out}")
    assert r.stdout == ""
    assert json.loads(out.read_text("utf-8"))["type"] == "FeatureCollection"
    r = run(fixture_db, "export", "-o", str(tmp_path / "x.txt"))
    assert r.exit_code == 2 and "--format" in r.stderr


# -- GeoJSON ------------------------------------------------------------------------------------
def check_geojson(doc) -> None:
    """A careful RFC 7946 check of a FeatureCollection of Points."""
    assert isinstance(doc, dict) and doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946 removed it: coordinates are WGS84 lon, lat
    assert isinstance(doc["features"], list)
    for f in doc["features"]:
        assert f["type"] == "Feature" and "crs" not in f
        g = f["geometry"]
        assert g["type"] == "Point"
        c = g["coordinates"]
        assert isinstance(c, list) and len(c) == 2
        assert all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in c)
        lon, lat = c
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict)
        for v in f["properties"].values():  # flat scalars: QGIS makes them columns
            assert v is None or isinstance(v, (str, int, float, bool))
        assert isinstance(f.get("id"), (int, str))


def test_geojson_is_valid_and_lon_lat(fx):
    doc = json.loads(render(fx, "geojson"))
    check_geojson(doc)
    deir = [f for f in doc["features"] if f["properties"]["place_id"] == "deir-ez-zor"]
    assert deir
    lon, lat = deir[0]["geometry"]["coordinates"]
    assert lon == pytest.approx(40.1, abs=0.1) and lat == pytest.approx(35.3, abs=0.1)
    mosul = next(f for f in doc["features"] if f["properties"]["place_id"] == "mosul")
    assert mosul["geometry"]["coordinates"] == pytest.approx([43.12, 36.34], abs=0.01)


def test_geojson_of_samples_is_valid(sample_db):
    s = _open(sample_db)
    try:
        doc = json.loads(render(s, "geojson"))
        check_geojson(doc)
        for f in doc["features"]:  # the point is the record's place, lon first
            p = f["properties"]
            assert f["geometry"]["coordinates"] == [p["place_lon"], p["place_lat"]]
            if p["place_id"] == "deir-ez-zor":
                assert f["geometry"]["coordinates"] == pytest.approx([40.1, 35.3], abs=0.15)
    finally:
        s.close()


# -- ACLED ----------------------------------------------------------------------------------------
def test_acled_columns_exact():
    assert ACLED_COLUMNS == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
        "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
        "tags", "timestamp",
        "review",  # conflictui's own, last: the analyst's review (issue 13)
    ]


@pytest.fixture
def acled(fx) -> dict[str, dict]:
    rows = parse("acled", render(fx, "acled"))
    assert rows and list(rows[0].keys()) == ACLED_COLUMNS
    return {r["event_id_cnty"]: r for r in rows}


def test_acled_codes(acled):
    r = acled["SYR1"]  # the Syrian army retakes Deir ez-Zor from ISIS
    assert (r["event_type"], r["sub_event_type"]) == ("Battles", "Government regains territory")
    assert (r["disorder_type"], r["inter1"], r["inter2"], r["interaction"]) == ("Political violence", "1", "2", "12")
    assert (r["iso"], r["region"], r["country"], r["admin1"], r["location"]) == \
        ("760", "Middle East", "Syria", "Deir ez-Zor Governorate", "Deir ez-Zor")
    assert (r["latitude"], r["longitude"], r["geo_precision"], r["time_precision"]) == \
        ("35.3359", "40.1408", "1", "1")
    assert (r["event_date"], r["year"], r["fatalities"], r["timestamp"]) == \
        ("2017-11-03", "2017", "0", str(int(GOLDEN_NOW)))
    assert r["source"] == "SANA" and r["source_scale"] == "National"
    assert acled["SYR6"]["sub_event_type"] == "Non-state actor overtakes territory"  # SDF
    assert (acled["SYR2"]["event_type"], acled["SYR2"]["sub_event_type"]) == \
        ("Strategic developments", "Non-violent transfer of territory")
    air = acled["SYR3"]  # Russian aircraft in Syria: external force
    assert (air["sub_event_type"], air["inter1"], air["interaction"]) == ("Air/drone strike", "8", "28")
    assert (air["time_precision"], air["geo_precision"], air["fatalities"]) == ("2", "3", "12")
    assert acled["SYR4"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert acled["SYR4"]["geo_precision"] == "2"  # a river: near a place
    assert acled["SYR8"]["sub_event_type"] == "Remote explosive/landmine/IED"  # عبوة ناسفة
    assert acled["SYR9"]["sub_event_type"] == "Suicide bomb"  # انتحاري
    assert acled["SYR8"]["interaction"] == "20"  # no named actor1: the sole actor's code
    civ = acled["SYR5"]
    assert (civ["event_type"], civ["sub_event_type"], civ["actor2"], civ["inter2"], civ["interaction"],
            civ["civilian_targeting"], civ["time_precision"]) == \
        ("Violence against civilians", "Attack", "Civilians (Syria)", "7", "27", "Civilian targeting", "3")
    assert acled["SYR13"]["sub_event_type"] == "Chemical weapon" and acled["SYR13"]["tags"] == "hedged"
    assert acled["SYR15"]["tags"] == "negated" and acled["SYR15"]["inter1"] == "3"  # a militia
    iraq = acled["IRQ14"]
    assert (iraq["iso"], iraq["country"], iraq["admin1"], iraq["inter1"]) == ("368", "Iraq", "Nineveh Governorate", "1")
    assert acled["SYR6"]["source"] == "Reuters" and acled["SYR6"]["source_scale"] == "International"
    assert {"SYR10", "SYR11", "SYR12"}.isdisjoint(acled)  # displacement, accusation, statement


def test_acled_notes_are_english(acled):
    arabic = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
    for r in acled.values():
        assert r["notes"] and not arabic.search(r["notes"]), r["notes"]
        assert all(re.fullmatch(r"[A-Z]{3}\d+", k) for k in [r["event_id_cnty"]])
    assert "Syrian Arab Army took territory from ISIS in Deir ez-Zor" in acled["SYR1"]["notes"]


def test_acled_timestamp_defaults_to_now(fx):
    import time

    before = int(time.time())
    rows = parse("acled", export_to_bytes(fx, "acled", now=None))
    assert before <= int(rows[0]["timestamp"]) <= int(time.time())


def export_to_bytes(store, fmt, flt=EventFilter(), now=GOLDEN_NOW) -> bytes:
    buf = io.StringIO(newline="")
    export_events(store, flt, fmt, None, out=buf, now=now)
    return buf.getvalue().encode("utf-8")


# -- injection and control characters -------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_escape_or_bidi_override_in_any_format(hostile_db, fmt):
    s = _open(hostile_db)
    try:
        text = export_to_bytes(s, fmt).decode("utf-8")
    finally:
        s.close()
    assert "\x1b" not in text and "[31m" not in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    assert "معكوس" in text or fmt in ("acled",)  # the text itself survives, in logical order


@pytest.mark.parametrize("fmt", ["csv", "acled"])
def test_formula_cells_are_neutralised(hostile_db, fmt):
    s = _open(hostile_db)
    try:
        rows = parse(fmt, export_to_bytes(s, fmt))
    finally:
        s.close()
    for row in rows:
        for col, cell in row.items():
            assert not cell.startswith(BAD_START), (col, cell)
    if fmt == "csv":
        h = next(r for r in rows if r["actor1_id"] == "hostile")
        assert h["actor1_name_en"] == "'=cmd|' /C calc'!A0"
        assert h["actor1_name_ar"] == "'@SUM(1+1)"
        assert h["article_title"].startswith("'=cmd|")
        assert h["article_source"] == "'+evil outlet"
        assert h["sentence"].startswith("'-2+3 ")
        assert "\n" not in h["sentence"] and h["sentence"].endswith("دير الزور سطر ثان")  # newline → space
    else:
        h = next(r for r in rows if r["actor1"].startswith("'="))
        assert h["actor1"] == "'=cmd|' /C calc'!A0" and h["source"] == "'+evil outlet"


def test_events_csv_is_neutralised_too(hostile_db):
    r = run(hostile_db, "events", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert all(not c.startswith(BAD_START) for row in rows for c in row.values())


# -- files: overwrite, force, atomic ----------------------------------------------------------------
def test_existing_file_is_not_overwritten(fixture_db, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("precious", encoding="utf-8")
    r = run(fixture_db, "export", "--format", "csv", "-o", str(out))
    assert r.exit_code == 2
    assert "exists" in r.stderr and "--force" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "precious"
    r = run(fixture_db, "export", "--format", "csv", "-o", str(out), "--force")
    assert r.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]


def test_api_raises_file_exists(fx, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("x")
    with pytest.raises(FileExistsError):
        export_events(fx, EventFilter(), "jsonl", str(out))
    assert out.read_text() == "x"
    res = export_events(fx, EventFilter(), "jsonl", str(out), force=True, now=GOLDEN_NOW)
    assert isinstance(res, ExportResult) and res.path == str(out) and res.format == "jsonl"
    assert res.written == fx.count(EventFilter()) == len(out.read_text("utf-8").splitlines())


def _crash_after(n: int, name: str = "_csv_text"):
    """export_mod.<name> failing after n calls (_csv_text: every CSV cell the export writes)."""
    real = getattr(export_mod, name)
    calls = {"n": 0}

    def flaky(value):
        calls["n"] += 1
        if calls["n"] > n:
            raise RuntimeError("simulated crash mid-write")
        return real(value)
    return flaky


def test_crash_mid_write_leaves_no_file(fx, tmp_path, monkeypatch):
    monkeypatch.setattr(export_mod, "_csv_text", _crash_after(3))
    out = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        export_events(fx, EventFilter(), "csv", str(out))
    assert os.listdir(tmp_path) == []


def test_crash_mid_write_keeps_the_old_file(fx, tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(export_mod, "_csv_text", _crash_after(3))
    with pytest.raises(RuntimeError):
        export_events(fx, EventFilter(), "csv", str(out), force=True)
    assert os.listdir(tmp_path) == ["out.csv"] and out.read_text(encoding="utf-8") == "old"


def test_interrupt_mid_write_leaves_no_file(fx, tmp_path, monkeypatch):
    def boom(rec):
        raise KeyboardInterrupt

    monkeypatch.setattr(export_mod, "clean_record", boom)
    with pytest.raises(KeyboardInterrupt):
        export_events(fx, EventFilter(), "jsonl", str(tmp_path / "x.jsonl"))
    assert os.listdir(tmp_path) == []


def test_unknown_name_is_one_line_exit_2_and_no_file(fixture_db, fx, tmp_path):
    out = tmp_path / "x.csv"
    r = run(fixture_db, "export", "--actor", "nobody-at-all", "--format", "csv", "-o", str(out))
    assert r.exit_code == 2
    assert r.stderr.startswith("conflictui: no actor called") and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists() and os.listdir(tmp_path) == []
    with pytest.raises(UnknownName):
        export_events(fx, EventFilter(towns=("Atlantis",)), "json", str(out))
    assert os.listdir(tmp_path) == []


def test_unknown_format_and_missing_folder(fx, fixture_db, tmp_path):
    with pytest.raises(ValueError):
        export_events(fx, EventFilter(), "xlsx", None, out=io.StringIO())
    r = run(fixture_db, "export", "--format", "csv", "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert r.exit_code == 2 and r.stderr.startswith("conflictui: cannot write")


# -- markdown ---------------------------------------------------------------------------------------
def test_markdown_report(fx, monkeypatch):
    text = export_to_bytes(fx, "markdown", EventFilter(actors=("ISIS",))).decode("utf-8")
    for heading in ("## By type", "## By actor", "## By place", "## Events"):
        assert heading in text
    assert "| ISIS (داعش) | armed_group | 9 |" in text
    assert "`conflictui export --actor ISIS`" in text
    assert "> استعاد الجيش السوري السيطرة" in text
    monkeypatch.setattr(export_mod, "MARKDOWN_MAX_EVENTS", 3)
    buf = io.StringIO()
    res = export_events(fx, EventFilter(), "markdown", None, out=buf)
    assert res.written == 3 and len(parse("markdown", buf.getvalue().encode())) == 3
    assert "The first 3 of 15 events" in buf.getvalue()
    assert any("lists 3 of 15" in n for n in res.notes)


# -- streaming ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bulk_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("bulk") / "bulk.db"
    build_fixture_store(path, bulk=20_000).close()
    return str(path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_stream(bulk_db, tmp_path, fmt):
    s = _open(bulk_db)
    try:
        total = s.count(EventFilter())
        assert total >= 20_000
        tracemalloc.start()
        res = export_events(s, EventFilter(), fmt, str(tmp_path / f"out.{fmt}"), now=GOLDEN_NOW)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        s.close()
    assert peak < 30 * 1024 * 1024, f"{fmt}: peak {peak / 1e6:.1f} MB"
    if fmt != "markdown":
        assert res.written + res.skipped_no_place + res.skipped_not_acled == total
    assert (tmp_path / f"out.{fmt}").stat().st_size > 0
