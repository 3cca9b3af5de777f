"""Checking option values: a bad one is a usage error (exit 2) that names
the option and the format, never a traceback and never a silent empty result."""
from __future__ import annotations

import calendar
import datetime as dt
import re

import click

DATE_FORMATS = "YYYY, YYYY-MM or YYYY-MM-DD"
_DATE_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# SQLite integers are signed 64-bit: a larger id cannot name an event
MAX_ID = 2**63 - 1


def _bound_days(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date bound covers; ValueError when it is
    not a real year, month or day."""
    m = _DATE_BOUND.fullmatch(text)
    if not m:
        raise ValueError
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if not m[2]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not m[3]:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day), dt.date(year, month, day)


def check_date_bound(ctx, param, value: str | None) -> str | None:
    """--since/--until: a year, a month or a day, as typed (the store
    compares dates as text, so «2017» and «2017-03» bound whole periods)."""
    if value is None:
        return None
    value = value.strip()
    try:
        _bound_days(value)
    except (ValueError, OverflowError):
        raise click.BadParameter(f"{value!r} is not a date: use {DATE_FORMATS} (e.g. 2017-03-11)") from None
    return value


def check_date_range(since: str | None, until: str | None) -> None:
    """--since after --until selects nothing: say so instead."""
    if since and until and _bound_days(since)[0] > _bound_days(until)[1]:
        raise click.UsageError(f"--since {since} is later than --until {until}")


def parse_ids(ctx, param, values) -> tuple[int, ...]:
    """--ids: comma- or space-separated event ids, each a positive integer
    that SQLite can hold."""
    ids: list[int] = []
    for value in values:
        for part in value.replace(" ", ",").split(","):
            if not part:
                continue
            try:
                number = int(part)
            except ValueError:
                raise click.BadParameter(f"{part[:40]!r} is not an event id (give ids like 12,15,40)") from None
            if not 1 <= number <= MAX_ID:
                raise click.BadParameter(f"{part[:40]} is not an event id (ids are whole numbers from 1 to {MAX_ID})")
            ids.append(number)
    return tuple(dict.fromkeys(ids))
