"""Bad input: every file of the corpus (tests/badinput/make_corpus.py) gets
a clean ingest or one line naming the file and the reason; never a
traceback; the good files land; the exit code says whether anything failed.

Unreadable files: the tests run as root in CI, where chmod 000 changes
nothing, so unreadability is simulated with a dangling symlink, a symlink
to itself, a FIFO named .txt (which would block a naive reader forever)
and a monkeypatched read that raises PermissionError; chmod 000 is also
tried when not root.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from make_corpus import BIG_MB, JSONL_LINES, Case, make_corpus  # noqa: E402
from runcli import run  # noqa: E402

from store.text.articles import MAX_ARTICLE_CHARS, ReadError, read_paths  # noqa: E402


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("badinput") / "corpus"
    cases = make_corpus(root)
    db = root.parent / "store.db"
    t0 = time.monotonic()
    proc = run(["--db", db, "ingest", "-q", root])
    elapsed = time.monotonic() - t0
    return {"root": root, "cases": cases, "db": db, "proc": proc, "elapsed": elapsed}


def _lines(proc) -> list[str]:
    return proc.stderr.splitlines()


def _articles(db: Path) -> dict[str, sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = {r["path"]: r for r in conn.execute("select id, path, title, notes, n_reports, length(body) n from articles")}
    conn.close()
    return rows


def test_corpus_has_every_kind_of_bad_input(corpus):
    names = {c.name for c in corpus["cases"]}
    for needed in ("empty.txt", "binary.txt", "garbage.txt", "enc/utf16le_bom.txt", "enc/windows1256.txt",
                   "fm/broken_yaml.md", "dates/feb30_yaml.md", "big/huge.txt", "batch/batch.jsonl",
                   "unreadable/fifo.txt", "loops/sub/up", "lang/english.txt", "lang/french.md",
                   "arabic/diacritics_only.txt", "arabic/tatweel_only.txt", "arabic/long_sentence.txt"):
        assert needed in names
    assert (corpus["root"] / "big/huge.txt").stat().st_size >= BIG_MB * 2**20
    with open(corpus["root"] / "batch/batch.jsonl", "rb") as f:
        assert sum(1 for _ in f) == JSONL_LINES


def test_no_traceback_and_every_line_is_one_clear_line(corpus):
    proc = corpus["proc"]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    for line in _lines(proc):
        assert line.startswith(("error: ", "note: ")) or " articles ingested, " in line, line
        assert "\x1b" not in line


def test_exit_code_says_something_failed(corpus):
    assert corpus["proc"].returncode == 1


def _cases(kind: str) -> list[Case]:
    # The corpus is deterministic; listing it needs no files (a dry list).
    return [c for c in _DRY if c.expect == kind]


def _dry_cases() -> list[Case]:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return make_corpus(Path(d) / "c", big=False, jsonl_lines=0)


_DRY = _dry_cases()


@pytest.mark.parametrize("case", _cases("error"), ids=lambda c: c.name)
def test_bad_file_gets_one_line_naming_it(corpus, case):
    shown = str(corpus["root"] / case.name)
    lines = [ln for ln in _lines(corpus["proc"]) if ln.startswith(f"error: {shown}: ")]
    assert len(lines) == 1, (case.name, _lines(corpus["proc"])[:50])
    assert case.reason in lines[0], lines[0]
    assert shown not in _articles(corpus["db"])


@pytest.mark.parametrize("case", _cases("ok"), ids=lambda c: c.name)
def test_good_file_lands_whole(corpus, case):
    shown = str(corpus["root"] / case.name)
    arts = _articles(corpus["db"])
    assert shown in arts, case.name
    assert not any(ln.startswith(f"error: {shown}") for ln in _lines(corpus["proc"]))
    if case.reason:  # a note is expected
        assert any(ln.startswith(f"note: {shown}: ") and case.reason in ln for ln in _lines(corpus["proc"]))


def test_english_and_french_get_no_events_and_a_note(corpus):
    arts = _articles(corpus["db"])
    for name in ("lang/english.txt", "lang/french.md"):
        row = arts[str(corpus["root"] / name)]
        assert row["n_reports"] == 0
        assert "not Arabic" in (row["notes"] or "")


def test_huge_article_ingests_capped_and_fast(corpus):
    row = _articles(corpus["db"])[str(corpus["root"] / "big/huge.txt")]
    assert 0 < row["n"] <= MAX_ARTICLE_CHARS
    assert "only the first" in row["notes"]
    assert row["n_reports"] > 0  # its head was read for events
    # the whole corpus, 50 MB article and 100,000-line batch included
    assert corpus["elapsed"] < 150, corpus["elapsed"]


def test_jsonl_batch_bad_lines_named_good_lines_land(corpus):
    case = next(c for c in corpus["cases"] if c.name == "batch/batch.jsonl")
    shown = str(corpus["root"] / case.name)
    bad = sorted(int(ln.split(":")[2]) for ln in _lines(corpus["proc"]) if ln.startswith(f"error: {shown}:"))
    assert bad == case.bad_lines
    conn = sqlite3.connect(corpus["db"])
    landed = conn.execute("select count(*) from articles where path like ?", [shown + ":%"]).fetchone()[0]
    assert landed == case.articles
    # lines after the malformed ones landed too
    last = conn.execute("select max(cast(substr(path, length(?) + 2) as integer)) from articles where path like ?",
                        [shown, shown + ":%"]).fetchone()[0]
    assert last > max(case.bad_lines)
    # no Windows-1256 mojibake: the batch is UTF-8 with one bad line
    assert conn.execute("select count(*) from articles where path like ? and title like 'b%'"
                        " and body like '%ريف%'", [shown + ":%"]).fetchone()[0] == case.articles


def test_summary_line_counts_failures(corpus):
    summary = [ln for ln in _lines(corpus["proc"]) if " articles ingested, " in ln]
    assert len(summary) == 1
    errors = sum(1 for ln in _lines(corpus["proc"]) if ln.startswith("error: "))
    assert f", {errors} failed" in summary[0]


def test_clean_corpus_exits_zero(tmp_path):
    root = tmp_path / "clean"
    cases = make_corpus(root, big=False, jsonl_lines=0)
    keep = {c.name for c in cases if c.expect == "ok"}
    for c in cases:
        p = root / c.name
        if c.name not in keep and (p.is_symlink() or p.exists()) and not p.is_dir():
            p.unlink()
    for c in cases:  # the loop folder link
        if c.name == "loops/sub/up":
            (root / c.name).unlink()
    proc = run(["--db", tmp_path / "s.db", "ingest", "-q", root])
    assert proc.returncode == 0, proc.stderr
    assert "error:" not in proc.stderr and "Traceback" not in proc.stderr
    again = run(["--db", tmp_path / "s.db", "ingest", "-q", root])
    assert again.returncode == 0 and "0 articles ingested" in again.stderr


def test_missing_path_is_one_line(tmp_path):
    proc = run(["--db", tmp_path / "s.db", "ingest", "-q", tmp_path / "nope"])
    assert proc.returncode == 1
    assert f"error: {tmp_path / 'nope'}: does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unreadable_file_by_permission_monkeypatched(tmp_path, monkeypatch):
    """Root reads chmod-000 files, so make reading fail as it would for a user."""
    good = tmp_path / "good.txt"
    good.write_text("قصفت طائرات حربية مدينة حلب اليوم.\n", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("نص", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = list(read_paths([str(tmp_path)]))
    errors = [o for o in out if isinstance(o, ReadError)]
    assert [str(e) for e in errors] == [f"{locked}: cannot be read (Permission denied)"]
    assert [a.path for a in out if not isinstance(a, ReadError)] == [str(good)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files; simulated above instead")
def test_unreadable_file_chmod_000(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("نص", encoding="utf-8")
    p.chmod(0)
    try:
        out = list(read_paths([str(tmp_path)]))
    finally:
        p.chmod(0o644)
    assert [str(o) for o in out] == [f"{p}: cannot be read (Permission denied)"]


def test_unusable_store_file_is_one_line(tmp_path):
    db = tmp_path / "not-a-db.db"
    db.write_bytes(b"this is not sqlite" * 100)
    art = tmp_path / "a.txt"
    art.write_text("قصفت طائرات حربية مدينة حلب اليوم.\n", encoding="utf-8")
    proc = run(["--db", db, "ingest", "-q", art])
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and str(db) in proc.stderr
