"""Extract on one machine, merge on another: `extract` then `ingest --extracted`."""
import json
from pathlib import Path

from click.testing import CliRunner

from store.db.query import EventStore
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"


def _events(db) -> list[tuple]:
    store = EventStore(db)
    return sorted(tuple("" if v is None else v for v in row) for row in store.execute(
        "select e.event_type, e.actor1_id, e.actor2_id, e.place_id, e.date, e.n_reports, a.hash "
        "from events e join articles a on a.id = e.article_id"))


def test_extract_then_ingest_equals_direct_ingest(tmp_path):
    runner = CliRunner()
    direct, merged = tmp_path / "direct.db", tmp_path / "merged.db"
    assert runner.invoke(main, ["--db", str(direct), "ingest", "-q", str(SAMPLES)]).exit_code == 0
    parts = []
    for i, name in enumerate(sorted(p.name for p in SAMPLES.glob("*.txt"))):  # one "machine" per article
        out = tmp_path / f"part{i}.jsonl"
        assert runner.invoke(main, ["extract", str(SAMPLES / name), "-o", str(out)]).exit_code == 0
        parts.append(str(out))
    first = json.loads(Path(parts[0]).read_text(encoding="utf-8").splitlines()[0])
    assert first["format"].startswith("conflictui-extraction/") and first["events"]
    result = runner.invoke(main, ["--db", str(merged), "ingest", "--extracted", *parts])
    assert result.exit_code == 0, result.output
    assert _events(merged) == _events(direct)
    again = runner.invoke(main, ["--db", str(merged), "ingest", "--extracted", *parts])
    assert "0 articles ingested, 5 already in the store" in again.output


def test_a_bad_line_is_one_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": "something else"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "ingest", "--extracted", str(bad)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "bad.jsonl:1" in errors[0] and "bad.jsonl:2" in errors[1]


def test_a_line_whose_parts_do_not_fit_is_one_error_and_good_lines_still_land(tmp_path):
    runner = CliRunner()
    good = tmp_path / "good.jsonl"
    assert runner.invoke(main, ["extract", str(sorted(SAMPLES.glob("*.txt"))[0]), "-o", str(good)]).exit_code == 0
    line = json.loads(good.read_text(encoding="utf-8").splitlines()[0])
    bad_lines = [{"format": line["format"], "article": "not an object"}]
    for change in ({"sentence_idx": 999}, {"date": "2019-05"}):
        broken = json.loads(json.dumps(line))
        broken["article"]["body"] += f" {len(bad_lines)}"  # another article, not a duplicate
        broken["events"][0].update(change)
        bad_lines.append(broken)
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [*bad_lines, line]) + "\n",
                     encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(main, ["--db", str(db), "ingest", "--extracted", str(mixed)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert [e.split("mixed.jsonl:")[1][0] for e in errors] == ["1", "2", "3"]
    assert EventStore(db).execute("select count(*) from articles").fetchone()[0] == 1
