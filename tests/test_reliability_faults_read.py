"""Reliability, second round (issue 16), the read side: a damaged store,
line endings and encodings of articles and dictionaries, full and closed
output pipes, bad option values, unterminated escape sequences, decoding,
CSV and markdown injection, read-only stores, symlinked folders and a
sentence repeated 100,000 times. Each test fails on the code before its fix.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from runcli import run  # noqa: E402

ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")


def _one_line_error(proc, code: int | None = None) -> str:
    """The command failed with exactly one line on stderr and no traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr
    if code is not None:
        assert proc.returncode == code, (proc.returncode, proc.stderr)
    else:
        assert proc.returncode != 0, proc.stderr
    return proc.stderr


# -- item 10: bad option values ---------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["events", "--since", "banana"],
    ["events", "--since", "03/11/2017"],
    ["events", "--until", "2017-13-01"],
    ["events", "--since", "2017-02-30"],
    ["actors", "--until", "2017-1"],
    ["export", "--since", "banana", "--format", "jsonl"],
    ["events", "--since", "2018", "--until", "2017-12"],
])
def test_bad_date_bounds_are_usage_errors(tiny_store, args):
    proc = run(["--db", tiny_store, *args])
    err = _one_line_error(proc, 2)
    assert "--since" in err or "--until" in err
    assert "YYYY" in err or "later than" in err


def test_date_bounds_accept_year_month_and_day(tiny_store):
    for since, until in (("2000", "2100"), ("2000-01", "2100-12"), ("2000-01-01", "2100-12-31")):
        proc = run(["--db", tiny_store, "events", "--since", since, "--until", until, "--format", "jsonl"])
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip()
    whole = run(["--db", tiny_store, "events", "--format", "jsonl"]).stdout
    year = whole.split('"date": "', 1)[1][:4]
    same = run(["--db", tiny_store, "events", "--since", year, "--until", year, "--format", "jsonl"])
    assert same.returncode == 0 and same.stdout.strip()


@pytest.mark.parametrize("ids", ["99999999999999999999", "0", "-3", "12,x"])
def test_out_of_range_ids_are_usage_errors(tiny_store, ids):
    proc = run(["--db", tiny_store, "export", "--format", "jsonl", "--ids", ids])
    err = _one_line_error(proc, 2)
    assert "--ids" in err


# -- item 9: a full disk or a closed pipe on standard output -------------------------------------
READ_COMMANDS = [
    ["events"], ["events", "--format", "jsonl"], ["events", "--format", "csv"], ["events", "--format", "json"],
    ["actors"], ["places", "--format", "json"], ["doctor"], ["dicts"], ["disputes"],
    ["export", "--format", "csv"], ["export", "--format", "markdown"], ["--help"], ["events", "--help"],
    ["--version"],
]


@ROOT_ONLY
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_full_disk_on_stdout_is_one_line(sample_store, args):
    import subprocess

    from runcli import ROOT, command, env

    with open("/dev/full", "w") as full:
        proc = subprocess.run(command() + ["--db", str(sample_store), *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, env=env(), cwd=ROOT, timeout=120)
    err = _one_line_error(proc)
    assert "No space left" in err
    assert "Exception ignored" not in err
    assert [line for line in err.splitlines() if "No space left" in line] == \
        [line for line in err.splitlines() if line.startswith("conflictui:")]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_closed_pipe_on_stdout_is_quiet(sample_store, args):
    import subprocess

    from runcli import command, env

    proc = subprocess.Popen(command() + ["--db", str(sample_store), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env())
    proc.stdout.close()  # the reader is gone before the first write, as `| head -0`
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken pipe" not in err, err
    if args[0] != "export":
        assert proc.returncode != 0


# -- item 14: an unterminated string escape sequence -------------------------------------------
ARABIC_LINE = "قصفت الطائرات مواقع في ريف حلب الشمالي صباح اليوم.\n"


@pytest.mark.parametrize("intro", ["\x1b]", "\x1bP", "\x1b_", "\x1bX", "\x1b^"])
def test_unterminated_string_sequence_keeps_the_text_after(tmp_path, intro):
    from store.text.articles import ReadError, read_paths
    from store.text.textsafe import strip_controls

    body = ARABIC_LINE * 3 + intro + "0;title" + ARABIC_LINE * 150
    assert strip_controls(body).count(ARABIC_LINE) == 153
    assert "\x1b" not in strip_controls(body)
    # a terminated one still goes whole, the text after it stays
    assert strip_controls("أ" + intro + "0;evil\x07ب") == "أب"
    assert strip_controls("أ" + intro + "0;evil\x1b\\ب") == "أب"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    [article] = list(read_paths([str(tmp_path / "a.txt")]))
    assert not isinstance(article, ReadError)
    assert len(article.body) >= len(body) - 20
    assert article.body.count(ARABIC_LINE) == 153


def test_lone_escape_never_takes_a_letter_or_a_line_break():
    from store.text.textsafe import strip_controls

    assert strip_controls("حلب\x1b\nإدلب\x1bس") == "حلب\nإدلبس"


# -- items 7 and 15: line endings, byte-order marks, stray bytes, NULs ------------------------------
FRONT = "---\ntitle: عنوان الخبر\npublished: 2017-03-11\n---\n"
BODY = "قصفت الطائرات مواقع في ريف حلب الشمالي صباح اليوم. وقتل خمسة مدنيين في القصف.\n"


def _read_one(path: Path):
    from store.text.articles import ReadError, read_paths

    items = list(read_paths([str(path)]))
    assert len(items) == 1 and not isinstance(items[0], ReadError), [str(i) for i in items]
    return items[0]


@pytest.mark.parametrize("name,encode", [
    ("cr.md", lambda t: t.replace("\n", "\r").encode("utf-8")),
    ("crlf.md", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    ("utf32le.md", lambda t: b"\xff\xfe\x00\x00" + t.encode("utf-32-le")),
    ("utf32be.txt", lambda t: b"\x00\x00\xfe\xff" + t.encode("utf-32-be")),
])
def test_front_matter_survives_line_endings_and_utf32(tmp_path, name, encode):
    (tmp_path / name).write_bytes(encode(FRONT + BODY * 5))
    article = _read_one(tmp_path / name)
    assert article.title == "عنوان الخبر"
    assert article.published == "2017-03-11"
    assert article.body.count(BODY) == 5


def test_mostly_english_windows_1256_keeps_its_arabic(tmp_path):
    english = "The ministry said on Tuesday that the talks would resume next week in Geneva. " * 40
    arabic = "وقال المتحدث باسم الوزارة إن المحادثات ستستأنف."
    (tmp_path / "mixed.txt").write_bytes(("---\ntitle: mixed\n---\n" + english + "\n" + arabic + "\n").encode("cp1256"))
    article = _read_one(tmp_path / "mixed.txt")
    assert arabic in article.body


def test_utf8_with_stray_bytes_stays_utf8_with_a_note(tmp_path):
    raw = bytearray((FRONT + BODY * 40).encode("utf-8"))
    for i in range(10):
        raw.insert(300 + 250 * i, 0xFF)
    (tmp_path / "stray.txt").write_bytes(bytes(raw))
    article = _read_one(tmp_path / "stray.txt")
    assert article.title == "عنوان الخبر"
    assert "ط§" not in article.body  # the Windows-1256 reading of «ا»
    assert article.body.count(BODY) >= 25
    assert "\ufffd" in article.body
    assert any("not UTF-8" in n for n in article.notes)


@pytest.mark.parametrize("where", [100, 9000])
def test_a_nul_byte_is_treated_the_same_wherever_it_is(tmp_path, where):
    raw = (FRONT + BODY * 150).encode("utf-8")
    (tmp_path / "nul.txt").write_bytes(raw[:where] + b"\x00" + raw[where:])
    article = _read_one(tmp_path / "nul.txt")
    assert "\x00" not in article.body
    assert any("NUL" in n for n in article.notes)


def test_many_nul_bytes_make_a_binary_file(tmp_path):
    from store.text.articles import ReadError, read_paths

    raw = (FRONT + BODY * 150).encode("utf-8")
    (tmp_path / "bin.txt").write_bytes(raw[:9000] + b"\x00" * 200 + raw[9000:])
    [item] = list(read_paths([str(tmp_path / "bin.txt")]))
    assert isinstance(item, ReadError) and "binary" in item.reason


def test_cr_only_jsonl_batch_reads_every_line(tmp_path):
    import json

    lines = [json.dumps({"title": f"t{i}", "text": BODY * 2, "published": "2017-03-11"}, ensure_ascii=False)
             for i in range(3)]
    (tmp_path / "b.jsonl").write_bytes(("\r".join(lines) + "\r").encode("utf-8"))
    (tmp_path / "bad.jsonl").write_bytes(("\r".join(lines) + "\r").encode("utf-8") + b"\xff\r")
    from store.text.articles import ReadError, read_paths

    good = list(read_paths([str(tmp_path / "b.jsonl")]))
    assert [a.title for a in good] == ["t0", "t1", "t2"]
    mixed = list(read_paths([str(tmp_path / "bad.jsonl")]))
    assert [a.title for a in mixed if not isinstance(a, ReadError)] == ["t0", "t1", "t2"]
    assert [e.path for e in mixed if isinstance(e, ReadError)] == [f"{tmp_path / 'bad.jsonl'}:4"]


# -- item 17: CSV split on «;», markdown links and images from titles --------------------------------
CSV_TITLE = "خبر;=cmd|' /C calc'!A0 | -2+3, @SUM(A1)"
MD_TITLE = "خبر ![](http://evil.example/x.png) [اضغط](javascript:alert(1)) *bold* <img src=x>"


def _retitle(db: Path, title: str) -> None:
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("update articles set title = ?", [title])


@pytest.mark.parametrize("fmt", ["csv", "acled"])
def test_csv_formula_after_a_separator_is_neutralised(tiny_store, fmt):
    import csv
    import io

    _retitle(tiny_store, CSV_TITLE)
    proc = run(["--db", tiny_store, "export", "--format", fmt])
    assert proc.returncode == 0, proc.stderr
    for sep in (",", ";", "|"):
        for row in csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff")), delimiter=sep):
            for cell in row:
                assert not cell.strip(' "').startswith(("=", "+", "-", "@")), (sep, cell)
    if fmt == "csv":
        assert "خبر;'=cmd" in proc.stdout  # the text is kept, only made inert


def test_markdown_export_escapes_links_images_and_emphasis(tiny_store):
    import re

    _retitle(tiny_store, MD_TITLE)
    proc = run(["--db", tiny_store, "export", "--format", "markdown"])
    assert proc.returncode == 0, proc.stderr
    assert "javascript:alert" in proc.stdout  # kept as text
    assert not re.search(r"(?<!\\)\[", proc.stdout), "an unescaped [ starts a link or image"
    assert not re.search(r"(?<!\\)\*bold", proc.stdout)
    assert "<img" not in proc.stdout


# -- item 20: a folder reached twice, a sentence repeated 100,000 times --------------------------------
def test_folder_reached_through_a_symlink_is_read_once_quietly(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "x.md").write_text(FRONT + BODY, encoding="utf-8")
    os.symlink("a", corpus / "b")  # a sibling, not a loop
    os.symlink(corpus, tmp_path / "again")
    db = tmp_path / "s.db"
    proc = run(["--db", db, "ingest", "-q", corpus, tmp_path / "again"])
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr and "loop" not in proc.stderr
    assert "1 articles ingested, 0 already in the store" in proc.stderr


def test_a_real_symlink_loop_is_still_named(tmp_path):
    from store.text.articles import ReadError, walk_paths

    (tmp_path / "loops" / "sub").mkdir(parents=True)
    (tmp_path / "loops" / "sub" / "x.txt").write_text(BODY, encoding="utf-8")
    os.symlink("..", tmp_path / "loops" / "sub" / "up")
    items = list(walk_paths([str(tmp_path / "loops")]))
    assert [str(i) for i in items if isinstance(i, ReadError)] == \
        [f"{tmp_path / 'loops' / 'sub' / 'up'}: is a symlink loop (a folder that contains it); skipped"]
    assert len([i for i in items if not isinstance(i, ReadError)]) == 1


REPEATED = ("وقال المرصد إن مسلحي تنظيم داعش هاجموا مواقع الجيش السوري في مدينة دير الزور "
            "وقتلوا عشرة جنود. ")


def _repeated_article(tmp_path: Path, times: int) -> Path:
    path = tmp_path / f"repeated_{times}.md"
    path.write_text("---\ntitle: repeated\npublished: 2017-03-11\n---\n" + REPEATED * times, encoding="utf-8")
    return path


def _python_calls(run) -> int:
    """Python function calls made by run(): a count of work that does not
    depend on the machine's load (speed itself is measured in bench/)."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    run()
    profile.disable()
    return pstats.Stats(profile).total_calls


def test_one_sentence_repeated_extracts_with_linear_work(tmp_path):
    """33-40 s for 100,000 repeats in the trial: the work must grow with the
    article, not with its square."""
    from store.db.extracted import extract_record
    from store.nlp.dictionaries import default_dictionaries
    from store.nlp.extract import Extractor
    from store.text.articles import read_paths

    extractor = Extractor(default_dictionaries())
    work = {}
    for times in (1_000, 4_000):
        [article] = list(read_paths([str(_repeated_article(tmp_path, times))]))
        records = []
        work[times] = _python_calls(lambda: records.append(extract_record(article, extractor)))
        assert records[0]["events"]
    assert work[4_000] / work[1_000] < 5, f"4x the sentences took {work[4_000] / work[1_000]:.1f}x the work"


def test_one_sentence_repeated_ingests_with_linear_work(tmp_path):
    """Extraction, and the merge of the reports into one event (linear
    since issue 16 item 11: it recounted every report for each new one)."""
    from store.db.ingest import ingest

    work, summaries = {}, []
    for times in (1_000, 4_000):
        src = _repeated_article(tmp_path, times)
        db = tmp_path / f"s{times}.db"
        work[times] = _python_calls(lambda: summaries.append(ingest(str(db), [str(src)])))
    assert all(s.ok and s.events_new >= 1 for s in summaries)
    assert work[4_000] / work[1_000] < 5, f"4x the sentences took {work[4_000] / work[1_000]:.1f}x the work"


# -- items 7 and 20: broken user dictionary rows and files ---------------------------------------------
PLACES_HEADER = "id\tname_en\tname_ar\taliases\tkind\tlat\tlon\tparent\tcountry\tpopulation\tgeonameid\n"
GOOD_PLACE = "tall-test\tTall Test\tتل الاختبار\t\ttown\t36.3\t37.05\tSY-HL\tSY\t1200\t\n"


def _user_places(tmp_path: Path, rows: str) -> Path:
    folder = tmp_path / "dicts"
    folder.mkdir(exist_ok=True)
    (folder / "places.tsv").write_text(PLACES_HEADER + GOOD_PLACE + rows, encoding="utf-8")
    return folder


@pytest.mark.parametrize("row,reason", [
    ("inf-town\tInf\tبلدة لانهاية\t\ttown\tinf\t37\tSY-HL\tSY\t\t\n", "lat inf"),
    ("big-town\tBig\tبلدة كبيرة\t\ttown\t36\t37\tSY-HL\tSY\tinf\t\n", "population inf"),
    ("nan-town\tNaN\tبلدة\t\ttown\t36\tnan\tSY-HL\tSY\t\t\n", "lon nan"),
    ("word-town\tWord\tبلدة\t\ttown\tnorth\t37\tSY-HL\tSY\t\t\n", "lat 'north'"),
    ("short-town\tShort\tبلدة\ttown\t36\t37\n", "has 6 columns"),
    ("long-town\tLong\tبلدة\t\ttown\t36\t37\tSY-HL\tSY\t\t\textra\n", "has 12 columns"),
])
def test_broken_place_rows_are_left_out_with_file_and_line(tmp_path, row, reason):
    from store.nlp import dictionaries
    from store.nlp.dictionaries import Dictionaries

    folder = _user_places(tmp_path, row)
    warned: list[list[str]] = []
    saved, dictionaries.problem_notice = dictionaries.problem_notice, warned.append
    try:
        d = Dictionaries(user_dir=folder)
    finally:
        dictionaries.problem_notice = saved
    assert "tall-test" in d.places
    assert row.split("\t")[0] not in d.places
    assert len(d.problems) == 1 and d.problems[0].startswith(f"{folder / 'places.tsv'}:3: {reason}")
    assert warned == [d.problems]
    proc = run(["dicts", "--check"], dict_dir=folder)
    assert proc.returncode == 1 and proc.stdout.strip() == d.problems[0], proc.stdout
    # every command works, and says so once
    proc = run(["--db", tmp_path / "s.db", "ingest", "-q", tmp_path / "none.txt"], dict_dir=folder)
    assert "Traceback" not in proc.stderr and proc.stderr.count("places.tsv:3") == 1, proc.stderr


def test_unknown_parent_is_reported_and_the_row_kept(tmp_path):
    folder = _user_places(tmp_path, "orphan\tOrphan\tيتيمة\t\ttown\t36\t37\tno-such-place\tSY\t\t\n")
    proc = run(["dicts", "--check"], dict_dir=folder)
    assert proc.returncode == 1
    assert proc.stdout.strip() == f"{folder / 'places.tsv'}:3: parent 'no-such-place' is not a known place"
    assert run(["dicts", "--check"]).returncode == 0  # the shipped files are clean


def test_user_actors_file_that_is_not_utf8_gives_one_line(tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "actors.tsv").write_bytes("id\tname_en\tname_ar\taliases\tkind\tcountry\tparent\n"
                                        "falcons\tFalcons\tالصقور\t\tarmed_group\tSY\t\n".encode("cp1256"))
    proc = run(["dicts"], dict_dir=folder)
    assert proc.returncode == 0
    lines = [ln for ln in proc.stderr.splitlines() if "actors.tsv" in ln]
    assert len(lines) == 1 and "not UTF-8" in lines[0] and str(folder / "actors.tsv") in lines[0]


def test_inf_coordinates_never_reach_the_jsonl_output(tmp_path):
    folder = _user_places(tmp_path, "inf-town\tInf Town\tكفر لانهاية\t\ttown\tinf\t-inf\tSY-HL\tSY\t\t\n")
    (tmp_path / "a.md").write_text(FRONT + "قصفت الطائرات الحربية الروسية بلدة كفر لانهاية في ريف حلب الشمالي "
                                   "وقتلت خمسة مدنيين.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    proc = run(["--db", db, "ingest", "-q", tmp_path / "a.md"], dict_dir=folder)
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    for args in (["events", "--format", "jsonl"], ["export", "--format", "geojson"], ["places", "--format", "json"]):
        proc = run(["--db", db, *args], dict_dir=folder)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert "Infinity" not in proc.stdout and "NaN" not in proc.stdout


# -- item 18: a refused store is not changed; a store on a read-only mount is read ----------------------
def _foreign_db(path: Path) -> Path:
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("create table customers(id integer primary key, name text)")
        conn.execute("insert into customers(name) values ('x')")
    conn.close()
    return path


def _future_db(path: Path, tiny_store: Path) -> Path:
    import shutil
    import sqlite3

    shutil.copyfile(tiny_store, path)
    conn = sqlite3.connect(path)
    conn.execute("pragma journal_mode = delete")
    conn.execute("update meta set value = '999' where key = 'schema_version'")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["foreign", "future"])
@pytest.mark.parametrize("args", [["events"], ["actors"], ["doctor"], ["export", "--format", "csv"], ["disputes"],
                                  ["ingest", "-q", "sample_articles/"]])
def test_a_refused_store_is_left_byte_for_byte(tmp_path, tiny_store, kind, args):
    import hashlib

    db = _foreign_db(tmp_path / "f.db") if kind == "foreign" else _future_db(tmp_path / "f.db", tiny_store)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    proc = run(["--db", db, *args])
    _one_line_error(proc)
    assert "not a conflictui store" in proc.stderr or "newer" in proc.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("f.db")) in (["f.db"], ["f.db", "f.db.ingest.lock"])


@ROOT_ONLY
def test_read_commands_work_on_a_read_only_mount(tmp_path, sample_store):
    import shutil
    import subprocess

    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copyfile(sample_store, mnt / "s.db")
        assert subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode == 0
        want = run(["--db", sample_store, "events", "--format", "jsonl"]).stdout
        assert want.strip()
        got = run(["--db", mnt / "s.db", "events", "--format", "jsonl"])
        assert got.returncode == 0 and got.stdout == want, got.stderr
        for args in (["actors"], ["places"], ["doctor"], ["disputes"], ["export", "--format", "csv"],
                     ["export", "--format", "markdown"]):
            proc = run(["--db", mnt / "s.db", *args])
            assert proc.returncode == 0 and "Traceback" not in proc.stderr, (args, proc.stderr)
        proc = run(["--db", mnt / "s.db", "ingest", "-q", "sample_articles/"])
        _one_line_error(proc)
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


# -- item 5: a damaged store ------------------------------------------------------------------------
def _bad_utf8(db: Path) -> Path:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("update actors set name_en = cast(x'495349535f7e4eff' as text) where id in"
                 " (select actor1_id from events where actor1_id is not null limit 1)")
    conn.execute("update events set sentence = cast(x'd982d8aaff' as text) where id = (select max(id) from events)")
    conn.execute("update positions set summary_en = cast(x'41ff42' as text)")
    conn.commit()
    conn.close()
    return db


@pytest.mark.parametrize("args", [["actors"], ["places"], ["disputes"], ["disputes", "--format", "json"],
                                  ["events"], ["events", "--format", "jsonl"], ["export", "--format", "markdown"],
                                  ["export", "--format", "jsonl"]])
def test_undecodable_text_is_replaced_with_one_warning(sample_store, args):
    _bad_utf8(sample_store)
    proc = run(["--db", sample_store, *args])
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if "not UTF-8" in ln]
    assert len(warnings) <= 1
    if args[0] in ("actors", "events", "export") and args[-1] not in ("markdown", "events"):
        assert len(warnings) == 1 and "\ufffd" in proc.stdout


def test_doctor_finds_undecodable_text(sample_store):
    _bad_utf8(sample_store)
    proc = run(["--db", sample_store, "doctor"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("undecodable_text:"))
    assert "actors.name_en" in line and "events.sentence" in line
    assert "doctor --recover" in proc.stderr


def _corrupt_pages(db: Path, pages: int = 8, seed: int = 1) -> None:
    """Random bytes over the middle of `pages` pages past the first two
    (the header and the schema stay readable, as after a torn write)."""
    import random

    rng = random.Random(seed)
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        for page in rng.sample(range(2, size // 4096), pages):
            fh.seek(page * 4096 + 64)
            fh.write(bytes(rng.randrange(256) for _ in range(512)))


def _checkpoint(db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.execute("pragma journal_mode = delete")
    conn.close()


def test_ingest_refuses_a_damaged_store_and_leaves_it_as_it_was(sample_store, tmp_path):
    import hashlib

    _checkpoint(sample_store)
    _corrupt_pages(sample_store)
    before = hashlib.sha256(sample_store.read_bytes()).hexdigest()
    (tmp_path / "new.md").write_text(FRONT + BODY, encoding="utf-8")
    proc = run(["--db", sample_store, "ingest", "-q", tmp_path / "new.md"])
    err = _one_line_error(proc)
    assert "damaged" in err and "doctor --recover" in err
    assert hashlib.sha256(sample_store.read_bytes()).hexdigest() == before


def test_read_commands_exit_non_zero_on_damaged_pages(sample_store):
    _checkpoint(sample_store)
    _corrupt_pages(sample_store, pages=20)
    failed = 0
    for args in (["events", "--format", "jsonl"], ["export", "--format", "csv"], ["doctor"]):
        proc = run(["--db", sample_store, *args])
        assert "Traceback" not in proc.stderr, proc.stderr
        if proc.returncode:
            failed += 1
            assert len(proc.stderr.strip().splitlines()) == 1 and "damaged" in proc.stderr, proc.stderr
    assert failed >= 2


def test_doctor_recover_makes_a_clean_store_that_ingest_completes(sample_store, tmp_path):
    _checkpoint(sample_store)
    _corrupt_pages(sample_store, pages=10)
    new = tmp_path / "recovered.db"
    proc = run(["--db", sample_store, "doctor", "--recover", new])
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert run(["--db", new, "doctor"]).returncode == 0
    proc = run(["--db", new, "ingest", "-q", "sample_articles/"])
    assert proc.returncode == 0, proc.stderr
    assert run(["--db", new, "doctor"]).returncode == 0
    assert "5 articles" in run(["--db", new, "doctor"]).stdout.replace("articles: 5", "5 articles")
    assert run(["--db", sample_store, "doctor", "--recover", new]).returncode == 1  # never over a file


# -- random faults: failed reads and damaged pages, every read command -----------------------------------
FAULT_COMMANDS = [["events"], ["events", "--format", "jsonl"], ["events", "--search", "حلب"], ["actors"],
                  ["places", "--format", "json"], ["disputes"], ["doctor"], ["export", "--format", "csv"],
                  ["export", "--format", "markdown"], ["export", "--format", "geojson"]]


def _only_one_error_line(proc, what) -> None:
    """No crash, no traceback; a failure says one line (notes and the
    count line of a run that got through aside)."""
    assert proc.returncode >= 0, (what, "killed by signal", -proc.returncode)
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, (what, proc.stderr)
    if proc.returncode:
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("note:")]
        assert len(lines) == 1 and lines[0].startswith("conflictui: "), (what, proc.stderr)


@pytest.fixture(scope="module")
def read_fault_shim(tmp_path_factory):
    import shutil
    import subprocess

    if not sys.platform.startswith("linux") or not shutil.which("gcc"):
        pytest.skip("the read-fault shim needs Linux and gcc")
    lib = tmp_path_factory.mktemp("shim") / "readfault.so"
    source = Path(__file__).parent / "badinput" / "readfault.c"
    build = subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-o", str(lib), str(source), "-ldl"],
                           capture_output=True, text=True)
    if build.returncode:
        pytest.skip(f"cannot build the read-fault shim: {build.stderr[:200]}")
    return lib


def test_random_read_faults_give_one_line_never_a_traceback(sample_store, read_fault_shim):
    import random
    import subprocess

    from runcli import ROOT, command, env

    _checkpoint(sample_store)
    rng = random.Random(16)
    failed = 0
    for args in FAULT_COMMANDS:
        for _ in range(3):
            fault = {"FAULT_FILE": "/" + sample_store.name, "LD_PRELOAD": str(read_fault_shim)}
            if rng.random() < 0.5:
                fault["FAULT_AT"] = str(rng.choice([1, 2, 5, 10, 20, 50, 100, 200, 400]))
                fault.update({"FAULT_PERSIST": "1"} if rng.random() < 0.5 else {})
            else:
                fault.update(FAULT_RATE=str(rng.choice([0.01, 0.03, 0.1])), FAULT_SEED=str(rng.randrange(10**6)))
            proc = subprocess.run(command() + ["--db", str(sample_store), *args], capture_output=True, text=True,
                                  env={**env(), **fault}, cwd=ROOT, timeout=120)
            _only_one_error_line(proc, (args, fault))
            failed += proc.returncode != 0
    assert failed >= len(FAULT_COMMANDS)  # the faults did reach the commands
    assert run(["--db", sample_store, "doctor"]).returncode == 0  # reads that failed changed nothing


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_damaged_pages_give_one_line_in_every_read_command(sample_store, seed):
    _checkpoint(sample_store)
    _corrupt_pages(sample_store, pages=6 * seed, seed=seed)
    failed = 0
    for args in FAULT_COMMANDS:
        proc = run(["--db", sample_store, *args])
        _only_one_error_line(proc, args)
        failed += proc.returncode != 0
    assert failed
