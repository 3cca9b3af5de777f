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


def _ingested(folder: Path, db: Path) -> int:
    """Ingest `folder` as a user would; the articles then in the store."""
    result = run(["--db", db, "ingest", "-q", folder])
    _clean(result)
    assert result.returncode == 0, result.stderr
    return _count(db, "select count(*) from articles")


# -- item 2: one bad value never stops a batch ---------------------------------
def test_a_huge_fatality_figure_is_no_figure_and_the_good_files_land(tmp_path):
    folder = _good_folder(tmp_path / "in")
    _article(folder, "int64.txt", ACT.format(n="10000000000000000000000"))
    _article(folder, "float.txt", ACT.format(n="9" * 400).replace("الاثنين", "الثلاثاء"))
    db = tmp_path / "s.db"
    assert _ingested(folder, db) == 5
    assert _count(db, "select count(*) from reports where fatalities > 10000000") == 0


def test_the_writer_drops_a_figure_sqlite_cannot_hold_with_a_note(tmp_path):
    from store.db.ingest import StoreWriter
    from store.db.schema import connect, ensure_schema
    from store.nlp.extract import Event, Extraction
    from store.text.articles import Article
    from store.db.extracted import SentenceRow

    db = connect(tmp_path / "s.db")
    ensure_schema(db)
    text = ACT.format(n="1")
    ex = Extraction([SentenceRow(0, 0, len(text), text, text)],
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
    assert _ingested(folder, db) == 4
    assert _count(db, "select count(*) from articles where path like '%x\\xff.txt'") == 1
    out = tmp_path / "x.jsonl"
    result = run(["extract", folder, "-o", out])
    _clean(result)
    assert result.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 4


# -- item 1: writing an output never replaces what is not a regular file, nor the store
needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="making device nodes needs root")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "s.db"
    result = run(["--db", db, "ingest", "-q", SAMPLES])
    assert result.returncode == 0, result.stderr
    return db


def _device(path: Path, minor: int) -> Path:
    """A copy of /dev/null (minor 3) or /dev/full (minor 7) in a test folder:
    the old code would have replaced the real one."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return path


@needs_root
def test_export_and_extract_stream_to_a_device_and_leave_it_a_device(tmp_path, small_store):
    null, full = _device(tmp_path / "null", 3), _device(tmp_path / "full", 7)
    result = run(["--db", small_store, "export", "--format", "csv", "-o", null, "--force"])
    _clean(result)
    assert result.returncode == 0, result.stderr
    result = run(["--db", small_store, "export", "--format", "jsonl", "-o", full, "--force"])
    _clean(result)
    assert result.returncode != 0 and "No space left" in result.stderr and len(result.stderr.splitlines()) == 1
    result = run(["extract", SAMPLES, "-o", null])
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(null.stat().st_mode) and stat.S_ISCHR(full.stat().st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_export_streams_into_a_fifo(tmp_path, small_store):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with open(tmp_path / "got", "wb") as sink:  # a file, not a pipe: cat must never wait for us
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        result = run(["--db", small_store, "export", "--format", "jsonl", "-o", fifo, "--force"], timeout=60)
        reader.wait(timeout=60)
    got = (tmp_path / "got").read_bytes()
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got.count(b"\n") == _count(small_store, "select count(*) from events")


def test_a_symlink_output_writes_its_target_and_stays_a_link(tmp_path, small_store):
    real, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    real.write_text("old\n")
    link.symlink_to(real.name)
    result = run(["--db", small_store, "export", "-o", link, "--force"])
    _clean(result)
    assert result.returncode == 0 and link.is_symlink() and real.read_text() != "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_export_refuses_to_write_over_its_own_store(tmp_path, small_store):
    db = tmp_path / "s.db"
    db.write_bytes(small_store.read_bytes())
    (tmp_path / "l.db").symlink_to(db.name)
    before = db.read_bytes()
    for target in (db, tmp_path / "l.db"):
        result = run(["--db", db, "export", "--format", "jsonl", "-o", target, "--force"])
        _clean(result)
        assert result.returncode == 2 and "is the store" in result.stderr and len(result.stderr.splitlines()) == 1
    assert db.read_bytes() == before


def test_extract_refuses_its_own_input_and_a_file_without_force(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text((SAMPLES / sorted(p.name for p in SAMPLES.glob("*.txt"))[0]).read_text(encoding="utf-8"),
                   encoding="utf-8")
    before = src.read_bytes()
    result = run(["extract", src, "-o", src, "--force"])
    _clean(result)
    assert result.returncode == 2 and "input" in result.stderr and src.read_bytes() == before
    inside = tmp_path / "out.jsonl"
    inside.write_text("{}\n")
    result = run(["extract", tmp_path, "-o", inside, "--force"])
    assert result.returncode == 2 and "input" in result.stderr and inside.read_text() == "{}\n"
    other = tmp_path.parent / f"{tmp_path.name}-out.jsonl"
    other.write_text("keep\n")
    result = run(["extract", src, "-o", other])
    assert result.returncode == 2 and "--force" in result.stderr and other.read_text() == "keep\n"
    assert run(["extract", src, "-o", other, "--force"]).returncode == 0 and other.read_text() != "keep\n"


def test_a_failed_extract_leaves_no_half_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import store.db.extracted as extracted
    from tui.cli import main

    calls = {"n": 0}
    real = extracted.extract_record

    def full_disk_on_second(article, extractor):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(article, extractor)

    monkeypatch.setattr(extracted, "extract_record", full_disk_on_second)
    out = tmp_path / "out" / "x.jsonl"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-o", str(out)])
    assert result.exit_code != 0 and "No space left" in result.output
    assert list(out.parent.iterdir()) == []  # no half file, no temporary file


# -- item 11: merging many reports into one event costs linear work --------------
def _merge_work(tmp_path: Path, n: int) -> tuple[int, tuple]:
    """SQLite virtual-machine steps (not time: the bench measures time) to
    write `n` articles that all report one act, and the event they make."""
    from store.db.extracted import SentenceRow
    from store.db.ingest import StoreWriter
    from store.db.schema import connect, ensure_schema
    from store.nlp.extract import Event, Extraction
    from store.text.articles import Article

    db = connect(tmp_path / f"merge{n}.db")
    ensure_schema(db)
    writer = StoreWriter(db)
    steps = {"n": 0}

    def count() -> int:
        steps["n"] += 1
        return 0

    db.conn.set_progress_handler(count, 100)
    for i in range(n):
        text = f"قصفت طائرات حربية مدينة الرقة وقتل {i % 9 + 2} مدنيين، وفق المصدر {i}."
        ev = Event("airstrike", 0, actor1="russia", place="raqqa", date="2017-03-01",
                   date_precision="day" if i % 3 else "month", fatalities=i % 9 + 2,
                   actor2="civilians" if i > 5 else None, reported_by="sohr" if i % 4 else None)
        article = Article(f"a{i}.txt", f"t{i}", text, source=f"outlet{i}" if i % 2 else None)
        writer.write(article, Extraction([SentenceRow(0, 0, len(text), text, text)], [ev], [], []))
    db.conn.set_progress_handler(None, 0)
    event = db.execute("select count(*), max(n_reports), max(n_sources), min(fatalities) from events").fetchone()
    return steps["n"], tuple(event)


def test_merging_reports_into_one_event_costs_linear_work(tmp_path):
    small, (events, reports, sources, fatalities) = _merge_work(tmp_path, 150)
    assert (events, reports, sources, fatalities) == (1, 150, 150, 2)
    large, _ = _merge_work(tmp_path, 600)
    assert large / small < 6, f"4x the reports took {large / small:.1f}x the work (linear is 4x)"


# -- item 4: `ingest --extracted` checks each line before it writes -------------
@pytest.fixture(scope="module")
def extracted_line(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("ex") / "one.jsonl"
    first = sorted(SAMPLES.glob("*.txt"))[0]
    assert run(["extract", first, "-o", out]).returncode == 0
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert line["events"] and len(line["sentences"]) > 1
    return line


def _variant(line: dict, n: int, change) -> bytes:
    obj = json.loads(json.dumps(line))
    obj["article"]["body"] += f" {n}"  # another article; the sentences' offsets still hold
    change(obj)
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def test_each_bad_extracted_line_is_one_error_and_the_good_lines_land(tmp_path, extracted_line):
    def event(**kw):
        return lambda o: o["events"][0].update(kw)

    bad = [
        event(negated="yes"), event(negated=None), event(date_precision=["day"]), event(fatalities=10**30),
        event(actor1={"id": "x"}), lambda o: o["article"].update(title={"ar": "x"}),
        lambda o: o["sentences"].append(o["sentences"][0]),
        lambda o: o["article"].update(published="9999-99-99"), event(date="2017-13-45"),
    ]
    lines = [_variant(extracted_line, i, change) for i, change in enumerate(bad)]
    lines += [b'{"format": "conflictui-extraction/1", "article": {"body": "\xff\xfe"}}', b"[" * 100_000]
    escaped = _variant(extracted_line, 99, lambda o: o["article"].update(title="\x1b]0;pwned\x07\x1b[5;31mخبر"))
    good = json.dumps(extracted_line, ensure_ascii=False).encode("utf-8")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([*lines, escaped, good]) + b"\n")
    db = tmp_path / "s.db"
    result = run(["--db", db, "ingest", "--extracted", path])
    _clean(result)
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert result.returncode == 1
    assert [e.split("mixed.jsonl:")[1].split(":")[0] for e in errors] == [str(i) for i in range(1, len(lines) + 1)]
    assert _count(db, "select count(*) from articles") == 2
    assert _count(db, "select count(*) from articles where published > '2100'") == 0
    assert _count(db, "select count(*) from articles where title like '%' || char(27) || '%'") == 0


def test_ingest_extracted_refuses_a_fifo_nobody_writes_to(tmp_path):
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    try:
        result = run(["--db", tmp_path / "s.db", "ingest", "--extracted", fifo], timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("ingest --extracted waited for ever on a FIFO with no writer")
    _clean(result)
    assert result.returncode == 1 and "FIFO" in result.stderr


# -- items 6, 8 and 12: the ingest lock, workers and leftovers --------------------
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    from make_corpus import make_small_articles

    folder = tmp_path_factory.mktemp("many") / "articles"
    make_small_articles(folder, 2000)
    return folder


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                kids.append(int(entry))
    return kids


def _group_gone(pgid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _killed_ingest(folder: Path, db: Path, sig: int) -> None:
    """Start `ingest -j 2`, wait for its two workers, send `sig` to the main
    process only, and check that the workers went with it."""
    proc = popen(["--db", db, "ingest", "-q", "-j", "2", folder], stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, "the ingest ended before its workers began"
            time.sleep(0.05)
        os.kill(proc.pid, sig)
        proc.wait(timeout=60)
        assert _group_gone(proc.pid, 15), f"workers outlived the ingest killed by signal {sig}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@linux_only
def test_workers_die_with_an_ingest_stopped_by_sigterm(tmp_path, many_articles):
    _killed_ingest(many_articles, tmp_path / "s.db", signal.SIGTERM)


@linux_only
def test_after_kill_9_the_next_ingest_is_not_locked_out(tmp_path, many_articles):
    db = tmp_path / "s.db"
    _killed_ingest(many_articles, db, signal.SIGKILL)
    result = run(["--db", db, "ingest", "-q", "--no-wait", SAMPLES], timeout=120)
    _clean(result)
    assert result.returncode == 0, result.stderr


def test_a_lock_whose_owner_is_gone_is_taken_over_with_a_note(tmp_path):
    from store.db.ingest import lock_path

    db = tmp_path / "s.db"
    gone = subprocess.Popen(["true"])
    gone.wait()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "os.write(fd, (sys.argv[2] + '\\n').encode())\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"), lock_path(db), str(gone.pid)], stdout=subprocess.PIPE, text=True)
    try:  # a worker left behind by an ingest (pid `gone`) that was killed
        assert holder.stdout.readline().strip() == "held"
        result = run(["--db", db, "ingest", "-q", "--no-wait", SAMPLES], timeout=120)
    finally:
        holder.kill()
        holder.wait()
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert "taken over" in result.stderr and str(gone.pid) in result.stderr


def test_the_lock_follows_the_real_file_through_a_symlink(tmp_path):
    from store.db.ingest import ingest_lock

    db = tmp_path / "s.db"
    (tmp_path / "l.db").symlink_to(db.name)
    with ingest_lock(db):
        result = run(["--db", tmp_path / "l.db", "ingest", "-q", "--no-wait", SAMPLES], timeout=120)
    _clean(result)
    assert result.returncode == 3 and "another ingest" in result.stderr


def test_a_part_file_left_by_a_killed_export_is_removed_by_the_next(tmp_path, small_store):
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmp_path / f".out.csv.{gone.pid}.abcd1234.part"
    stale.write_text("half an export")
    live = tmp_path / f".out.csv.{os.getppid()}.abcd1234.part"  # its process runs: not ours to remove
    live.write_text("in progress")
    result = run(["--db", small_store, "export", "--format", "csv", "-o", tmp_path / "out.csv"])
    _clean(result)
    assert result.returncode == 0 and not stale.exists() and live.exists()


# -- item 16: size limits -----------------------------------------------------------
def test_a_jsonl_batch_over_the_article_limit_is_streamed_and_only_the_huge_line_fails(tmp_path):
    from store.text.articles import MAX_FILE_BYTES, Article, ReadError, read_paths

    batch = tmp_path / "big.jsonl"
    with open(batch, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "أ", "text": OTHER[0]}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"title": "ب", "text": "كلمة " * (MAX_FILE_BYTES // 5)}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"title": "ج", "text": OTHER[1]}, ensure_ascii=False) + "\r\n")
    assert batch.stat().st_size > MAX_FILE_BYTES
    items = list(read_paths([str(batch)]))
    assert [type(i) for i in items] == [Article, ReadError, Article]
    assert items[1].path.endswith("big.jsonl:2") and "limit for one article" in items[1].reason
    assert [i.title for i in items if isinstance(i, Article)] == ["أ", "ج"]


def test_the_size_limit_is_in_the_help():
    result = run(["ingest", "--help"])
    assert result.returncode == 0 and "64 MB" in result.stdout and "no size limit" in result.stdout
    assert "64 MB" in (ROOT / "README.md").read_text(encoding="utf-8")
