"""Faults on the writing side (issue 16): outputs that are not regular
files, values that do not fit, file names that are not UTF-8, bad lines of
`ingest --extracted`, locks and workers that outlive a killed ingest, the
cost of merging many reports into one event, and batches too big for
memory. Each test fails on the code before the fix.

The cases that need a device node or root skip without them."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from runcli import popen, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"

# Our own sentences (not from any corpus): each makes one event in a known town.
ACT = "قتل {n} مسلحا في غارة جوية على الرقة يوم الاثنين."
OTHER = ["سيطرت القوات الحكومية على بلدة في ريف حلب بعد معارك عنيفة.",
         "قصفت طائرات حربية مواقع في مدينة دير الزور صباح اليوم.",
         "أعلن تنظيم داعش مسؤوليته عن تفجير في مدينة الموصل."]


def _article(folder: Path, name: str | bytes, body: str, title: str = "خبر") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"---\ntitle: {title}\npublished: 2017-03-06\nsource: test\n---\n{body}\n")
    return Path(os.fsdecode(path))


def _good_folder(folder: Path, n: int = 3) -> Path:
    for i in range(n):
        _article(folder, f"good{i}.txt", OTHER[i % len(OTHER)] + f" وقال مصدر رقم {i} إن المعارك مستمرة.")
    return folder


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _clean(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]


# -- item 2: one bad value never stops a batch ---------------------------------
def test_a_huge_fatality_figure_is_no_figure_and_the_good_files_land(tmp_path):
    folder = _good_folder(tmp_path / "in")
    _article(folder, "int64.txt", ACT.format(n="10000000000000000000000"))
    _article(folder, "float.txt", ACT.format(n="9" * 400).replace("الاثنين", "الثلاثاء"))
    db = tmp_path / "s.db"
    result = run(["--db", db, "ingest", "-q", folder])
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert _count(db, "select count(*) from articles") == 5
    assert _count(db, "select count(*) from reports where fatalities > 10000000") == 0


def test_the_writer_drops_a_figure_sqlite_cannot_hold_with_a_note(tmp_path):
    from store.db.ingest import StoreWriter
    from store.db.schema import connect, ensure_schema
    from store.nlp.extract import Event, Extraction
    from store.text.articles import Article
    from store.db.ingest import _SentenceRow

    db = connect(tmp_path / "s.db")
    ensure_schema(db)
    text = ACT.format(n="1")
    ex = Extraction([_SentenceRow(0, 0, len(text), text, text)],
                    [Event("airstrike", 0, fatalities=2**70), Event("airstrike", 0, fatalities=3, hedged=True)], [], [])
    StoreWriter(db).write(Article("x.txt", "t", text, published="2017-03-06"), ex)
    assert sorted(r[0] or 0 for r in db.execute("select fatalities from reports")) == [0, 3]
    assert "not a storable number" in db.execute("select notes from articles").fetchone()[0]


# -- item 3: file names that are not UTF-8 --------------------------------------
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_lands_and_is_shown(tmp_path):
    folder = _good_folder(tmp_path / "in")
    _article(folder, b"x\xff.txt", ACT.format(n="3"))
    db = tmp_path / "s.db"
    result = run(["--db", db, "ingest", "-q", folder])
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert _count(db, "select count(*) from articles") == 4
    assert _count(db, "select count(*) from articles where path like '%x\\xff.txt'") == 1
    out = tmp_path / "x.jsonl"
    result = run(["extract", folder, "-o", out])
    _clean(result)
    assert result.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 4
