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
