"""Extraction on a Dask LocalCluster gives the same store as a local ingest,
and a run that loses a worker or is killed resumes with nothing lost or
written twice (store/db/cluster.py)."""
import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("dask.distributed")

from store.db.cluster import open_client, plan_parts, run_parts, user_dictionary_texts  # noqa: E402
from store.nlp.dictionaries import Dictionaries  # noqa: E402
from tui.cli import main  # noqa: E402

ARTICLES = Path(__file__).parent / "articles"
CLOCKS = {"articles": "ingested_at"}  # columns that record when, not what
COUNTERS = ("data_version", "facets_version")  # meta keys that count write batches, not content


def _tables(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    out = {}
    for (table,) in con.execute("select name from sqlite_master where type='table' and name not like 'sqlite%'"
                                " and name not like '%fts%'"):
        cols = [r[1] for r in con.execute(f"pragma table_info({table})") if r[1] != CLOCKS.get(table)]
        rows = con.execute(f"select {', '.join(cols)} from {table}").fetchall()
        out[table] = sorted(repr(r) for r in rows if table != "meta" or r[0] not in COUNTERS)
    return out


def _ingest(db: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "-q", *args])
    assert result.exit_code == 0, result.output


def _article_paths(parts: Path) -> list[str]:
    return [json.loads(line)["article"]["path"] for f in sorted(parts.glob("part-*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def client():
    with open_client("local:2") as c:
        yield c


def _job():
    d = Dictionaries(include_user=False)
    return {"defaults": {}, "fingerprint": d.fingerprint, "dict_texts": user_dictionary_texts(None, d.FILES)}


def test_cluster_extraction_merges_into_the_same_store_as_a_local_ingest(tmp_path, client):
    parts, errors = plan_parts([str(ARTICLES)], part_files=4)
    assert not errors and len(parts) == 11
    summary = run_parts(client, parts, tmp_path / "parts", _job())
    assert (summary.written, summary.kept, summary.articles) == (11, 0, 43)
    _ingest(tmp_path / "local.db", str(ARTICLES))
    _ingest(tmp_path / "cluster.db", "--extracted", str(tmp_path / "parts"))
    local, cluster = _tables(tmp_path / "local.db"), _tables(tmp_path / "cluster.db")
    assert local["reports"] and local == cluster  # the same events, reports and spans


def test_a_lost_worker_and_a_killed_run_resume_with_nothing_lost_or_doubled(tmp_path, client):
    parts, _ = plan_parts([str(ARTICLES)], part_files=1)
    out = tmp_path / "parts"
    pids = list(client.run(os.getpid).values())
    seen = []

    def kill_midway(line):
        seen.append(line)
        if len(seen) == 3:
            os.kill(pids[0], signal.SIGKILL)  # a worker dies; its tasks go to the other
        if len(seen) == 20:
            raise KeyboardInterrupt  # the run itself is killed

    with pytest.raises(KeyboardInterrupt):
        run_parts(client, parts, out, _job(), kill_midway)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["parts"]) == 20
    summary = run_parts(client, parts, out, _job())
    assert (summary.kept, summary.written) == (20, 23)
    paths = _article_paths(out)
    assert len(paths) == 43 and len(set(paths)) == 43


def test_a_changed_file_is_extracted_again_and_its_old_part_goes(tmp_path, client):
    arts = tmp_path / "arts"
    arts.mkdir()
    for name in ("afrin_2018.txt", "baghuz_2019.txt"):
        (arts / name).write_bytes((ARTICLES / name).read_bytes())
    out = tmp_path / "parts"
    run_parts(client, plan_parts([str(arts)], 1)[0], out, _job())
    before = sorted(p.name for p in out.glob("part-*.jsonl"))
    (arts / "baghuz_2019.txt").write_text((arts / "baghuz_2019.txt").read_text(encoding="utf-8") + "\n",
                                          encoding="utf-8")
    summary = run_parts(client, plan_parts([str(arts)], 1)[0], out, _job())
    after = sorted(p.name for p in out.glob("part-*.jsonl"))
    assert (summary.kept, summary.written) == (1, 1)
    assert after[0] == before[0] and after[1] != before[1] and len(after) == 2


def test_the_cli_writes_parts_and_refuses_a_file_as_the_folder(tmp_path):
    runner = CliRunner()
    out = tmp_path / "parts"
    result = runner.invoke(main, ["extract", "--scheduler", "local:1", str(ARTICLES / "afrin_2018.txt"),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 parts written (1 articles)" in result.output and (out / "manifest.json").is_file()
    (tmp_path / "f.jsonl").write_text("", encoding="utf-8")
    refused = runner.invoke(main, ["extract", "--scheduler", "local:1", str(ARTICLES), "-o",
                                   str(tmp_path / "f.jsonl")])
    assert refused.exit_code == 2 and "is a file" in refused.output
    bad = runner.invoke(main, ["extract", "--scheduler", "local:x", str(ARTICLES), "-o", str(out)])
    assert bad.exit_code == 2 and "local:N" in bad.output


def test_a_run_that_stops_on_a_cluster_error_is_one_line(tmp_path, monkeypatch):
    import tui.cli.cluster as cli_cluster

    def broken(*args, **kwargs):
        raise RuntimeError("worker tcp://10.0.0.9:4000 lost")  # as dask raises KilledWorker

    monkeypatch.setattr(cli_cluster, "run_parts", broken)
    result = CliRunner().invoke(main, ["extract", "--scheduler", "local:1", str(ARTICLES / "afrin_2018.txt"),
                                       "-o", str(tmp_path / "parts")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "the cluster run stopped (RuntimeError: worker tcp://10.0.0.9:4000 lost)" in result.output


def test_the_folder_of_parts_must_lie_outside_the_inputs(tmp_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_bytes((ARTICLES / "afrin_2018.txt").read_bytes())
    result = CliRunner().invoke(main, ["extract", "--scheduler", "local:1", str(arts), "-o", str(arts / "parts")])
    assert result.exit_code == 2 and "must lie outside the input" in result.output
    assert not (arts / "parts").exists()
