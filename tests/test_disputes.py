"""Disputes from the positions table: the JIM dispute of the sample
articles, other disputes in the test articles, the CLI and the exports."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.report.disputes import ExportExists, cell, list_disputes, render_markdown, write_exports  # noqa: E402
from store.db.query import EventStore  # noqa: E402


@pytest.fixture(scope="module")
def db(disputes_db):
    return disputes_db


@pytest.fixture(scope="module")
def disputes(db):
    return {d["id"]: d for d in list_disputes(EventStore(db))}


def values(d, aspect, party):
    return {p["value"] for p in cell(d, aspect, party)}


def test_jim_dispute(disputes):
    d = disputes["jim-mandate-2017"]
    assert {"russia", "usa"} <= {p["id"] for p in d["parties"]}
    aspects = {a["aspect"] for a in d["aspects"]}
    assert {"mandate_length", "investigation_sites", "finding_stance", "responsibility"} <= aspects
    assert "P6M" in values(d, "mandate_length", "russia")
    assert "P2Y" in values(d, "mandate_length", "usa")
    assert {"khan-shaykhun", "shayrat-air-base"} <= values(d, "investigation_sites", "russia")
    assert "freeze" in values(d, "finding_stance", "russia")
    assert "endorse" in values(d, "finding_stance", "usa")
    assert "syrian-government" in values(d, "responsibility", "usa")
    for a in d["aspects"]:
        for p in a["positions"]:
            assert p["sentence"] and p["article"]["path"] and p["summary_en"] and p["text_ar"]
    assert any(a["aspect"] == "mandate_length" and a["differs"] for a in d["aspects"])
    assert "2017-11-16" in [x["date"] for x in d["deadlines"]]
    assert any(e["kind"] == "tabled" for e in d["events"])


def test_same_subject_in_two_articles_is_one_dispute(disputes):
    d = disputes["jim-mandate-2017"]
    paths = {a["path"] for a in d["articles"]}
    assert any("000_" in p for p in paths) and any("dispute_jim_renewal" in p for p in paths)
    assert "P1Y" in values(d, "mandate_length", "usa")  # the Reuters story's one-year draft
    assert "veto" in values(d, "vote", "russia")


def test_other_disputes(disputes):
    opcw = disputes["opcw-report-2017"]
    assert {"russia", "france"} <= {p["id"] for p in opcw["parties"]}  # ministries rolled up
    assert values(opcw, "report_assessment", "france") == {"praise"}
    cba = disputes["cross-border-aid-2019"]
    assert values(cba, "aid_duration", "russia") == {"P6M"}
    assert values(cba, "aid_duration", "germany") == {"P1Y"}
    assert values(cba, "vote", "china") == {"veto"}
    assert "2020-01-10" in [x["date"] for x in cba["deadlines"]]
    sanctions = disputes["sanctions-2017"]
    assert values(sanctions, "vote", "russia") == {"veto"}
    assert "tabled" in values(sanctions, "draft_status", "france")
    nim = disputes["new-investigative-mechanism-2018"]
    assert {"usa", "russia", "france", "uk", "china"} <= {p["id"] for p in nim["parties"]}
    assert "withdrawn" in values(nim, "draft_status", "russia")
    assert any(e["kind"] == "withdrawn" for e in nim["events"])
    ceasefire = disputes["ceasefire-2018"]
    assert "unsc" in {p["id"] for p in ceasefire["parties"]}  # the Council is not rolled up into the UN
    assert "isis" in values(ceasefire, "ceasefire_exclusions", "russia")


def test_markdown_and_exports(disputes, tmp_path):
    d = disputes["jim-mandate-2017"]
    md = render_markdown([d])
    assert "| Mandate length ≠ |" in md and "P6M" in md and "P2Y" in md
    paths = write_exports(d, tmp_path)
    assert [p.suffix for p in paths] == [".md", ".json"]
    assert json.loads(paths[1].read_text(encoding="utf-8"))[0]["id"] == "jim-mandate-2017"
    with pytest.raises(ExportExists):
        write_exports(d, tmp_path)
    write_exports(d, tmp_path, overwrite=True)


def test_cli_json(db):
    from tui.cli import main
    runner = CliRunner()
    res = runner.invoke(main, ["--db", str(db), "disputes", "--format", "json"]) if _has_db_option() else \
        runner.invoke(main, ["disputes", "--format", "json"], env={"CONFLICTUI_DB": str(db)})
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    jim = next(d for d in data if d["id"] == "jim-mandate-2017")
    assert set(jim) >= {"id", "subject_en", "subject_ar", "parties", "aspects", "events"}
    for a in jim["aspects"]:
        for p in a["positions"]:
            assert set(p) >= {"party_id", "value", "summary_en", "text_ar", "article", "sentence"}
            assert set(p["article"]) >= {"id", "title", "path"}
    for fmt in ("table", "markdown"):
        res = runner.invoke(main, ["disputes", "--format", fmt], env={"CONFLICTUI_DB": str(db)})
        assert res.exit_code == 0 and "jim-mandate" in res.output.replace("Mandate of the OPCW", "jim-mandate")


def _has_db_option() -> bool:
    return False


def test_cli_table_shapes_only_when_told():
    """The table follows --shaping (and logical order when piped), as the
    main command decided it, not the environment alone."""
    from tui.cli.disputes import _table

    d = {"id": "x-2019", "subject_en": "X", "year": 2019, "parties": [{"id": "a", "name_en": "A"}],
         "aspects": [{"label": "sites", "differs": False,
                      "positions": [{"party_id": "a", "value_label": "خان شيخون"}]}], "events": []}
    assert "خان شيخون" in _table([d], 100, False)
    shaped = _table([d], 100, True)
    assert "خان شيخون" not in shaped and any("\ufe70" <= ch <= "\ufeff" for ch in shaped)


def _dispute(label: str, values: dict[str, str], differs: bool = True) -> dict:
    parties = [{"id": k, "name_en": k.title()} for k in values]
    return {"id": "x-2019", "subject_en": "X", "year": 2019, "parties": parties, "events": [],
            "aspects": [{"label": label, "differs": differs,
                         "positions": [{"party_id": k, "value_label": v} for k, v in values.items()]}]}


def test_cli_table_columns_come_from_the_content():
    """A long label is never glued to the first value, and columns are as
    wide as their widest cell (no cut where the terminal has room)."""
    from tui.cli.disputes import _table

    d = _dispute("Judgement of the report", {"russia": "reject", "usa": "Syrian government"})
    out = _table([d], 100, False)
    row = next(line for line in out.splitlines() if "Judgement" in line)
    assert row.startswith("*Judgement of the report reject")
    assert "Syrian government" in row and "…" not in out.split("\n", 1)[1]
    header = next(line for line in out.splitlines() if line.startswith(" aspect"))
    assert header.index("Russia") == row.index("reject") and header.index("Usa") == row.index("Syrian")
    # the legend explains the mark
    assert "* the parties differ" in out and "only some" in out


def test_cli_table_cuts_only_what_does_not_fit():
    from tui.cli.disputes import _table

    values = {f"p{i}": "a value that is rather long " * 2 for i in range(6)}
    out = _table([_dispute("Sites to investigate", values, differs=False)], 80, False)
    row = next(line for line in out.splitlines() if "Sites" in line)
    assert len(row) <= 80 and row.count("…") == 6
    assert all(piece.endswith("…") for piece in row.split("  ")[-1:])
    assert "* the parties differ" not in out  # no mark, no legend


def test_values_read_as_people_read_them_with_the_normalised_one_in_exports(disputes_db):
    from store.report.disputes import list_disputes, render_json, render_markdown

    jim = next(d for d in list_disputes(EventStore(disputes_db)) if d["id"] == "jim-mandate-2017")
    mandate = next(a for a in jim["aspects"] if a["aspect"] == "mandate_length")
    ru = next(p for p in mandate["positions"] if p["party_id"] == "russia")
    assert (ru["value"], ru["value_label"]) == ("P6M", "6 months")
    md = render_markdown([jim])
    assert "**6 months**" in md and "6 months (`P6M`)" in md
    assert '"value": "P6M"' in render_json([jim])


def test_a_value_only_one_side_states_differs(disputes_db):
    """Sites to investigate: the Russian draft names them, the US states
    none. Votes and a draft's status are compared only among those who acted."""
    jim = next(d for d in list_disputes(EventStore(disputes_db)) if d["id"] == "jim-mandate-2017")
    by = {a["aspect"]: a for a in jim["aspects"]}
    assert by["investigation_sites"]["differs_how"] == "one_side" and by["investigation_sites"]["differs"]
    assert by["mandate_length"]["differs_how"] == "values"
    assert by["draft_status"]["differs_how"] is None  # both tabled; the voters tabled nothing


def test_human_duration():
    from store.nlp.positions.durations import human_duration

    assert [human_duration(v) for v in ("P6M", "P1Y", "P2Y", "PT72H", "P0D", "P7D", "reject", "PT3M")] == \
        ["6 months", "1 year", "2 years", "72 hours", "no delay", "7 days", "reject", "PT3M"]


def test_a_delay_is_summarised_in_words(disputes_db):
    """«72 ساعة» is stored as PT72H and summarised as people read it."""
    cf = next(d for d in list_disputes(EventStore(disputes_db)) if d["subject"] == "ceasefire")
    start = next(a for a in cf["aspects"] if a["aspect"] == "ceasefire_start")
    delayed = [p for p in start["positions"] if p["value"] == "PT72H"]
    assert delayed and all(p["value_label"] == "72 hours" and "72 hours after" in p["summary_en"] for p in delayed)
