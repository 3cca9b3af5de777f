"""The export's fast paths give exactly what the plain cleaning gives: a
string that needs no cleaning is passed through, any other goes through
one_line / spreadsheet_safe (store/text/textsafe.py)."""
from __future__ import annotations

import random

import pytest

import store.report.export as ex
from store.text.textsafe import one_line, spreadsheet_safe

SPECIAL = (["\x00", "\x1b", "\x1b[31m", "\x1b]0;t\x07", "\x7f", "\x85", "\x9b", "\xa0", "\u200e", "\u200f",
            "\u202e", "\u2066", "\u2069", "\u061c", "\u2028", "\u2029", "\u3000", "\u1680", "\u2007", "\ufeff",
            "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", " ", "  ", "=", "+", "-", "@", "'", '"', ",", ";"]
           + ["a", "b", "د", "ير", "1", ".", "\ud800"])


def _strings(n: int, seed: int = 7):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(SPECIAL) for _ in range(rnd.randint(0, 8)))


def test_split_space_is_every_whitespace_but_the_space():
    ws = {c for c in map(chr, range(0x110000)) if c.isspace() and c != " "}
    assert {c for c in ws if ex._NOT_ONE_LINE.search(c)} == ws


def test_every_control_is_caught():
    from store.text.textsafe import _CONTROL

    assert all(ex._NOT_ONE_LINE.search(chr(c)) for c in range(0x110000) if _CONTROL.match(chr(c)))


@pytest.mark.parametrize("seed", range(4))
def test_fast_cells_equal_the_plain_ones(seed):
    for s in _strings(4000, seed):
        assert ex._line(s) == one_line(s), repr(s)
        assert ex._text_cell(s) == spreadsheet_safe(one_line(s)), repr(s)
        assert ex._csv_cell(s) == spreadsheet_safe(one_line(s)), repr(s)
        assert ex._csv_cell(s) == spreadsheet_safe(one_line(s)), repr(s)  # memoised


def _plain_flatten(rec: dict) -> dict:
    out = {}
    for col, top, sub in ex._COLUMN_KEYS:
        v = rec.get(top)
        if sub is not None:
            v = v.get(sub) if isinstance(v, dict) else None
        if v is None:
            v = ""
        elif isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, str):
            v = spreadsheet_safe(one_line(v))
        out[col] = v
    return out


def test_flatten_record_equals_the_plain_flattening():
    strings = list(_strings(500, 99))
    rnd = random.Random(3)
    pick = lambda: rnd.choice(strings + [None, 0, 1, 2.5, True, False, float("nan")])  # noqa: E731
    for _ in range(300):
        rec = {top: ({f: pick() for f in fields} if fields and rnd.random() < 0.8 else pick())
               for top, fields in ((t, ex._NESTED.get(t)) for t in ex._TOP)}
        got, want = ex.flatten_record(rec), _plain_flatten(rec)
        assert list(got) == ex.CSV_COLUMNS
        assert [repr(v) for v in got.values()] == [repr(v) for v in want.values()]


@pytest.mark.parametrize("seed", range(3))
def test_csv_line_is_what_csv_writer_writes(seed):
    import csv
    import io

    rnd = random.Random(seed)
    atoms = list(_strings(300, seed + 10)) + ['a,b', '"q"', 'x"', ',', '"', "", "\x00", "a\x00b", None, 0, -7,
                                               2.5, 1e-300, float("nan"), float("inf"), 10**20, True]
    for _ in range(3000):
        cells = [rnd.choice(atoms) for _ in range(rnd.randint(1, 6))]
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\r\n").writerow(cells)
        line = ex._csv_line(cells)
        assert line is None or line == buf.getvalue(), repr(cells)
        if len(cells) > 1 and None not in cells and not any(isinstance(c, str) and "\x00" in c for c in cells):
            assert line is not None


def test_what_one_line_changes_is_never_printable():
    """_csv_text passes a printable str by without the regex: every
    character _NOT_ONE_LINE looks for must make isprintable() False."""
    assert not [hex(c) for c in range(0x110000) if ex._NOT_ONE_LINE.search(chr(c)) and chr(c).isprintable()]


@pytest.mark.parametrize("seed", range(4))
def test_csv_text_is_the_cell_csv_writer_writes(seed):
    import csv
    import io

    values = list(_strings(4000, seed + 20)) + [None, 0, -7, 2.5, float("nan"), True, False, b"\x00\xff", b'"',
                                                 "", " ", "a  b", "=1", " =1", "x ", 'a"b', "a,b", "\u200fx", "\ufeff"]
    for v in values:
        plain = _plain_flatten({"id": v})["id"]
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="").writerow([plain, "x"])
        assert ex._csv_text(v) == buf.getvalue()[:-2], repr(v)
