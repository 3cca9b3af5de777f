"""Exports of a filtered selection of events: csv, jsonl, json, geojson,
acled and markdown.

`export_events` is the one entry point; the `export` command and the app's
export dialog both call it. Every format streams `EventStore.iter_records`
(the CSV its rows, `record_rows`, and a large CSV in several processes at
once; memory stays flat however many events there are), every string is cleaned
of control and bidi-override characters (text stays in logical order and is
never reshaped), spreadsheet formats neutralise cells that a spreadsheet
would run as a formula, and a file is written to a temporary file in the
same folder and renamed into place, so an interrupted export leaves no half
file and an existing file is only replaced with `force` (store/report/output.py:
a device or FIFO is streamed to, a symlink's target written, the store refused).
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import json
import math
import os
import pickle
import re
import shutil
from pathlib import Path
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TextIO

from ..db.query import EventFilter, EventStore
from ..nlp.dictionaries import PRECISION_OF_KIND, _rows, _shipped, _split
from ..nlp.event_types import event_types
from ..text.arabic import ARABIC_SCRIPT
from .output import discard, make_part, opened, plan_output, store_files
from ..text.textsafe import (_CONTROL, _FORMULA_AFTER_SEPARATOR, _FORMULA_START, one_line, spreadsheet_safe,
                             strip_controls)

FORMATS = ("csv", "jsonl", "json", "geojson", "acled", "markdown")

# Which file name endings mean which format (the CLI guesses --format from -o).
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".geojson": "geojson",
              ".md": "markdown", ".markdown": "markdown"}

MARKDOWN_MAX_EVENTS = 1000  # events listed in a markdown report; the counts cover all
MARKDOWN_MAX_FACETS = 25  # rows of each count table

# -- the flat (csv / geojson) view of an output-contract record ---------------
_ACTOR_FIELDS = ("id", "name_en", "name_ar", "kind", "country")
_PLACE_FIELDS = ("id", "name_en", "name_ar", "kind", "lat", "lon", "country", "admin1", "geo_precision")
_ARTICLE_FIELDS = ("id", "title", "source", "published", "path", "url")
_NESTED = {"actor1": _ACTOR_FIELDS, "actor2": _ACTOR_FIELDS, "reported_by": _ACTOR_FIELDS,
           "place": _PLACE_FIELDS, "article": _ARTICLE_FIELDS}
_TOP = ("id", "event_type", "date", "date_precision", "actor1", "actor2", "reported_by", "place", "article",
        "sentence", "reports", "sources", "fatalities", "negated", "hedged", "review")


def _column(top: str, sub: str) -> str:
    return f"{top}_{'name_' + sub[5:] if sub.startswith('name_') else sub}"


_COLUMN_KEYS: list[tuple[str, str, str | None]] = []  # (column, top key, nested key)
for _top in _TOP:
    if _top in _NESTED:
        _COLUMN_KEYS += [(_column(_top, s), _top, s) for s in _NESTED[_top]]
    else:
        _COLUMN_KEYS.append((_top, _top, None))

# One column per field of the jsonl contract, nested objects flattened:
# actor1_id, actor1_name_en, actor1_name_ar, ..., place_lat, place_lon, ...
CSV_COLUMNS = [c for c, _, _ in _COLUMN_KEYS]


# Characters that make one_line() change a string: controls, escapes and
# bidi controls (textsafe._CONTROL) and every whitespace that str.split()
# splits on except the plain space (tests/test_export_fastpath.py checks the
# list); leading, trailing and doubled spaces are checked apart. A string
# with none of them is its own one_line(): most cells need no work at all.
_SPLIT_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_ONE_LINE = re.compile(_CONTROL.pattern[:-1] + _SPLIT_SPACE + "]|  ")
_CELL_MEMO: dict[str, str] = {}  # short string -> its CSV cell (names, ids, kinds and dates repeat)
_CELL_MEMO_MAX = 50_000
_CELL_MEMO_LEN = 100  # longer strings (sentences, titles) are cleaned each time


def _line(text: str) -> str:
    """one_line(text) for a str, skipping the work when there is none."""
    if _NOT_ONE_LINE.search(text) or text.startswith(" ") or text.endswith(" "):
        return one_line(text)
    return text


def _text_cell(text: str) -> str:
    """spreadsheet_safe(one_line(text))."""
    if _NOT_ONE_LINE.search(text) or text.startswith(" ") or text.endswith(" "):
        text = one_line(text)
    return spreadsheet_safe(text)


def _flat(rec: dict) -> dict:
    """The record as one level of scalars (strings cleaned to one line)."""
    out = {}
    for col, top, sub in _COLUMN_KEYS:
        v = rec.get(top)
        if sub is not None:
            v = v.get(sub) if isinstance(v, dict) else None
        out[col] = _line(v) if isinstance(v, str) else v
    return out


def _csv_cell(v):
    if v.__class__ is str:
        cell = _CELL_MEMO.get(v)
        if cell is None:
            cell = _text_cell(v)
            if len(v) <= _CELL_MEMO_LEN:
                if len(_CELL_MEMO) >= _CELL_MEMO_MAX:
                    _CELL_MEMO.clear()
                _CELL_MEMO[v] = cell
        return cell
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return _text_cell(v)
    return v


# (top-level key, its nested fields or None, the cells of a missing nested object)
_PLAN = [(top, _NESTED.get(top), ("",) * len(_NESTED.get(top, ()))) for top in _TOP]


def flatten_record(rec: dict) -> dict:
    """A record as a CSV row keyed by CSV_COLUMNS: one line per cell, controls
    removed, formula-like cells neutralised, booleans true/false, None empty."""
    cells: list = []
    add, cell = cells.append, _csv_cell
    for top, fields, empty in _PLAN:
        v = rec.get(top)
        if fields is None:
            add(cell(v))
        elif isinstance(v, dict):
            get = v.get
            for sub in fields:
                add(cell(get(sub)))
        else:
            cells.extend(empty)
    return dict(zip(CSV_COLUMNS, cells))


def clean_record(value):
    """The record with control and bidi-override characters removed from
    every string (newlines kept; JSON escapes them)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {k: clean_record(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_record(v) for v in value]
    return value


# -- ACLED --------------------------------------------------------------------
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "review",
]

# event_type → (ACLED event type, default sub-event type), from
# store/data/event_types.tsv; territory_taken and suicide_or_ied are refined
# per event (see acled_types).
ACLED_TYPES = {t.id: (t.acled_event_type, t.acled_sub_event_types[0]) for t in event_types() if t.acled_event_type}
STATE_KINDS = {"state_force", "government"}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
# ISO 3166-1 alpha-2 → (alpha-3, numeric, English name, ACLED region)
COUNTRIES = {
    "SY": ("SYR", 760, "Syria", "Middle East"), "IQ": ("IRQ", 368, "Iraq", "Middle East"),
    "TR": ("TUR", 792, "Turkey", "Middle East"), "JO": ("JOR", 400, "Jordan", "Middle East"),
    "LB": ("LBN", 422, "Lebanon", "Middle East"), "IL": ("ISR", 376, "Israel", "Middle East"),
    "PS": ("PSE", 275, "Palestine", "Middle East"), "SA": ("SAU", 682, "Saudi Arabia", "Middle East"),
    "KW": ("KWT", 414, "Kuwait", "Middle East"), "IR": ("IRN", 364, "Iran", "Middle East"),
    "YE": ("YEM", 887, "Yemen", "Middle East"), "QA": ("QAT", 634, "Qatar", "Middle East"),
    "AE": ("ARE", 784, "United Arab Emirates", "Middle East"), "BH": ("BHR", 48, "Bahrain", "Middle East"),
    "OM": ("OMN", 512, "Oman", "Middle East"), "EG": ("EGY", 818, "Egypt", "Northern Africa"),
    "RU": ("RUS", 643, "Russia", "Europe"), "US": ("USA", 840, "United States", "North America"),
    "FR": ("FRA", 250, "France", "Europe"), "GB": ("GBR", 826, "United Kingdom", "Europe"),
}
THEATRE = ("SY", "IQ")
INTER_LABELS = {0: "", 1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
                5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}


@dataclass(frozen=True)
class SubEventRule:
    """A row of acled_sub_events.tsv: an event whose trigger holds one of
    `words` and none of `unless` gets `sub_event_type`."""
    sub_event_type: str
    words: re.Pattern
    unless: re.Pattern | None

    def applies(self, trigger: str) -> bool:
        return self.words.search(trigger) is not None and not (self.unless and self.unless.search(trigger))


def _any_of(words: list[str]) -> re.Pattern | None:
    """A pattern that finds any of `words` inside a text, case ignored."""
    return re.compile("|".join(map(re.escape, words)), re.I) if words else None


def _load_outlets() -> list[tuple[tuple[str, ...], str, str]]:
    """(lower-case names to look for, English name, source scale) of each
    outlet of store/data/outlets.tsv, in the file's order."""
    return [(tuple(n.lower() for n in _split(row.get("names", ""))), row["name_en"], row.get("source_scale", ""))
            for row in _rows(_shipped("outlets.tsv"), "outlets.tsv", key="name_en")]


def _load_sub_event_rules() -> dict[str, list[SubEventRule]]:
    """{event type: its rules} of store/data/acled_sub_events.tsv."""
    rules: dict[str, list[SubEventRule]] = {}
    for row in _rows(_shipped("acled_sub_events.tsv"), "acled_sub_events.tsv", key="event_type"):
        words = _any_of(_split(row.get("words", "")))
        if words is not None and row.get("sub_event_type"):
            rules.setdefault(row["event_type"], []).append(
                SubEventRule(row["sub_event_type"], words, _any_of(_split(row.get("unless", "")))))
    return rules


OUTLETS = _load_outlets()
SUB_EVENT_RULES = _load_sub_event_rules()

ACT_VERBS = {  # event_type → (what actor1 did, the word before actor2)
    "territory_taken": ("took territory", "from"),
    "withdrawal": ("withdrew", "in the face of"),  # place: "from"
    "armed_clash": ("clashed", "with"),
    "airstrike": ("carried out an air/drone strike", "against"),
    "shelling": ("carried out shelling", "against"),
    "suicide_or_ied": ("carried out a suicide or IED attack", "against"),
    "chemical_attack": ("carried out a chemical attack", "against"),
    "attack_on_civilians": ("attacked civilians", "namely"),
}


def _english(text: str | None) -> str:
    """`text` when it holds no Arabic script (ACLED notes are English)."""
    text = one_line(text)
    return "" if ARABIC_SCRIPT.search(text) else text


def _en_name(ref: dict | None) -> str:
    if not ref:
        return ""
    return _english(ref.get("name_en")) or _english(ref.get("id"))  # an unlisted place's id holds its Arabic name


def _outlet(name: str | None) -> tuple[str, str]:
    """(display name, scale) of an outlet or reporter."""
    text = one_line(name)
    low = text.lower()
    for keys, en, scale in OUTLETS:
        if any(k in low for k in keys):
            return en, scale
    return text, ""


def acled_types(rec: dict, rule: str | None = None) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type) of a record; None when ACLED does
    not code its type (the verbal and displacement types). `rule` is the
    rule of its first report, what store/data/acled_sub_events.tsv looks in
    (else the sentence)."""
    et = rec.get("event_type")
    if et not in ACLED_TYPES:
        return None
    kind, sub = ACLED_TYPES[et]
    if et == "territory_taken":
        a1 = rec.get("actor1") or {}
        if a1.get("kind") in STATE_KINDS:
            sub = "Government regains territory"
    elif et in SUB_EVENT_RULES:
        trigger = rule if rule is not None else (rec.get("sentence") or "")
        sub = next((r.sub_event_type for r in SUB_EVENT_RULES[et] if r.applies(trigger)), sub)
    return kind, sub


def inter_code(actor: dict | None, country: str) -> int:
    """ACLED inter code from the actor's kind and home country: a state force
    or government outside its own country is external (8)."""
    if not actor:
        return 0
    kind, home = actor.get("kind"), actor.get("country")
    if kind in STATE_KINDS:
        return 8 if (home and country and home != country) else 1
    return {"armed_group": 2, "militia": 3, "coalition": 8, "international_body": 8}.get(kind, 0)


def interaction_code(inter1: int, inter2: int) -> int:
    """The two inter codes combined, smaller first (12); a sole actor gives
    its code times ten (10, 20, ...), as in ACLED."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return 0
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def event_country(rec: dict) -> str:
    """ISO alpha-2 country of the event: its place's, else the home of a
    Syrian or Iraqi actor; empty when unknown."""
    place = rec.get("place") or {}
    if place.get("country"):
        return place["country"]
    for key in ("actor1", "actor2"):
        home = (rec.get(key) or {}).get("country")
        if home in THEATRE:
            return home
    return ""


def english_summary(rec: dict) -> str:
    """An English one-paragraph summary for ACLED's notes: English names
    only, never Arabic."""
    et = rec.get("event_type") or ""
    verb, prep = ACT_VERBS.get(et, (et.replace("_", " "), "involving"))
    a1, a2 = _en_name(rec.get("actor1")), _en_name(rec.get("actor2"))
    place = rec.get("place") or {}
    where = _en_name(place) or (f"a {one_line(place.get('kind'))}" if place.get("kind") else "")  # «قرية X»: a village
    admin1 = _english(place.get("admin1"))
    if where and admin1 and admin1 != where:
        where += f", {admin1}"
    country = COUNTRIES.get(place.get("country") or "", (None, None, ""))[2]
    if where and country and country != where:
        where += f", {country}"
    date, prec = rec.get("date"), rec.get("date_precision") or "unknown"
    when = f"On {date}" if prec == "day" else (f"Around {date} ({prec})" if date else "On an unknown date")
    s = f"{when}, {a1 or 'an unnamed actor'} {verb}"
    if a2:
        s += f" {prep} {a2}"
    if where:
        s += f" {'from' if et == 'withdrawal' else 'in'} {where}"
    s += "."
    if rec.get("negated"):
        s += " The report denies or negates the act."
    if rec.get("hedged"):
        s += " The report describes an attempt or a forecast, not a completed act."
    if rec.get("fatalities") is not None:
        s += f" Fatalities reported: {rec['fatalities']}."
    rb = _en_name(rec.get("reported_by"))
    if rb:
        s += f" Reported by {rb}."
    art = rec.get("article") or {}
    outlet = _english(_outlet(art.get("source"))[0])
    if outlet:
        s += f" Source: {outlet}" + (f" (published {one_line(art['published'])})." if art.get("published") else ".")
    n = rec.get("reports") or 1
    if n > 1:
        s += f" {n} reports."
    return s


def acled_row(rec: dict, timestamp: int, rule: str | None = None, parent_of: Callable | None = None) -> dict | None:
    """One ACLED row for a record, or None when ACLED does not code its type."""
    types = acled_types(rec, rule)
    if types is None:
        return None
    country = event_country(rec)
    iso3, isonum, cname, region = COUNTRIES.get(country, ("", "", country, ""))
    actors = _acled_actors(rec, country, cname, parent_of)
    date = rec.get("date") or ""
    tags = [t for t, on in (("negated", rec.get("negated")), ("hedged", rec.get("hedged"))) if on]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{rec['id']}",
        "event_date": date,
        "year": date[:4],
        "time_precision": TIME_PRECISION.get(rec.get("date_precision") or "unknown", 3),
        # ACLED files strategic developments under their own disorder type
        "disorder_type": "Strategic developments" if types[0] == "Strategic developments" else "Political violence",
        "event_type": types[0],
        "sub_event_type": types[1],
        **actors,
        "civilian_targeting": ("Civilian targeting" if (rec["event_type"] == "attack_on_civilians"
                                                        or actors["inter2"] == 7) else ""),
        "iso": isonum,
        "region": region,
        "country": cname,
        **_acled_location(rec.get("place") or {}),
        **_acled_sources(rec),
        "notes": english_summary(rec),
        "fatalities": rec.get("fatalities") or 0,
        "tags": "; ".join(tags),
        "timestamp": timestamp,
        "review": rec.get("review") or "unreviewed",  # conflictui's own column: the analyst's review
    }


def _acled_actors(rec: dict, country: str, cname: str, parent_of: Callable | None) -> dict:
    """ACLED's actor columns, actor1 to interaction: English names, and the
    inter codes of the bodies the actors belong to."""
    a1, a2 = rec.get("actor1"), rec.get("actor2")
    if parent_of is not None:  # a person, monitor or outlet is coded as the body it belongs to
        a1, a2 = parent_of(a1), parent_of(a2)
    inter1, inter2 = inter_code(a1, country), inter_code(a2, country)
    actor1, actor2 = _en_name(rec.get("actor1")), _en_name(rec.get("actor2"))
    if rec["event_type"] == "attack_on_civilians" and not rec.get("actor2"):
        actor2, inter2 = f"Civilians ({cname})" if cname else "Civilians", 7
    return {"actor1": actor1, "assoc_actor_1": "", "inter1": inter1, "actor2": actor2, "assoc_actor_2": "",
            "inter2": inter2, "interaction": interaction_code(inter1, inter2)}


def _acled_location(place: dict) -> dict:
    """ACLED's columns admin1 to geo_precision of the event's place."""
    lat, lon = place.get("lat"), place.get("lon")
    return {
        "admin1": one_line(place.get("admin1")),
        "admin2": "",
        "admin3": "",
        "location": one_line(place.get("name_en") or place.get("name_ar")),  # an unlisted place has its Arabic name
        "latitude": "" if lat is None else f"{lat:.4f}",
        "longitude": "" if lon is None else f"{lon:.4f}",
        "geo_precision": (place.get("geo_precision") or PRECISION_OF_KIND.get(place.get("kind") or "", 3))
        if place else "",
    }


def _acled_sources(rec: dict) -> dict:
    """ACLED's source and source_scale: the article's outlet and the
    reporter, and how far each reaches."""
    art = rec.get("article") or {}
    sources, scales = [], set()
    for name in (art.get("source"), (rec.get("reported_by") or {}).get("name_en")):
        if name:
            en, scale = _outlet(name)
            if en and en not in sources:
                sources.append(en)
            if scale:
                scales.add(scale)
    rb = rec.get("reported_by") or {}
    if rb.get("kind") == "international_body":
        scales.add("International")
    elif rb.get("kind") in {"media", "government", "state_force"} and rb.get("country") in THEATRE:
        scales.add("National")
    return {"source": "; ".join(sources),
            "source_scale": "-".join(s for s in ("National", "International") if s in scales)}


# -- the result and the entry point ---------------------------------------------
@dataclass
class ExportResult:
    format: str
    path: str | None  # None: written to a stream
    written: int = 0  # rows, lines, features or listed events
    skipped_no_place: int = 0  # geojson: events without a place or coordinates
    skipped_not_acled: int = 0  # acled: events of types ACLED does not code
    notes: list[str] = field(default_factory=list)


class _Context:
    def __init__(self, store: EventStore, flt: EventFilter, fmt: str, now: float, total: int):
        self.store, self.flt, self.fmt, self.now, self.total = store, flt, fmt, now, total
        self.result = ExportResult(fmt, None)
        self.path: str | None = None  # the regular file written through output.opened (UTF-8, newline=''), if any


def export_events(store: EventStore, flt: EventFilter, fmt: str, path: str | None, force: bool = False,
                  out: TextIO | None = None, now: float | None = None) -> ExportResult:
    """Export the events under `flt` as `fmt` to `path` (or to `out`,
    standard output by default, when path is None).

    Raises FileExistsError when `path` exists and not `force`, UnknownName
    when a filter names nothing known, ValueError for an unknown format,
    OSError when the file cannot be written. A failed export leaves no file
    behind and an existing file untouched."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    path = os.fspath(path) if path is not None else None
    target = plan_output(path, force, protected=store_files(store.path)) if path is not None else None
    total = store.count(flt)  # resolves the names first: UnknownName before any file is made
    ctx = _Context(store, flt, fmt, time.time() if now is None else now, total)
    write = _WRITERS[fmt]
    if target is None:
        stream = out if out is not None else sys.stdout
        write(ctx, stream)
        stream.flush()
    else:
        ctx.path = target.path  # None for a device or FIFO: streamed, no temporary files beside it
        with opened(target) as fh:
            write(ctx, fh)
    ctx.result.path = path
    return ctx.result


# -- the writers ------------------------------------------------------------------
def _records(ctx: _Context) -> Iterator[dict]:
    # every format reads all the selected events, but the markdown report lists the first few
    return ctx.store.iter_records(ctx.flt, bulk=ctx.fmt != "markdown")


def _write_csv(ctx: _Context, fh: TextIO) -> None:
    fh.write("\ufeff")  # UTF-8 BOM: spreadsheets then read Arabic correctly
    csv.writer(fh, lineterminator="\r\n").writerow(CSV_COLUMNS)
    if not _typed_as_the_schema(ctx.store):
        _write_csv_records(ctx, fh)
        return
    write = _utf8_writer(ctx, fh)
    parts = os.cpu_count() or 1
    if (ctx.path is not None and parts > 1 and sys.executable and ctx.total >= _SPLIT_MIN
            and ctx.store.bulk_scan(ctx.flt)):
        _write_csv_split(ctx, fh, write, parts)
    else:
        _write_csv_rows(ctx, write)


def _utf8_writer(ctx: _Context, fh: TextIO) -> Callable[[str], object]:
    """fh.write; for the export's own file (UTF-8, newline=''), a write of
    the encoded text to its buffer: TextIOWrapper encodes a large string at
    half that speed."""
    if ctx.path is None:
        return fh.write
    fh.flush()
    buffer = fh.buffer  # type: ignore[attr-defined]
    return lambda text: buffer.write(text.encode("utf-8"))


def _write_csv_split(ctx: _Context, fh: TextIO, write: Callable[[str], object], parts: int) -> None:
    """The CSV lines by `parts` processes at once, each one run of the
    events in (date desc, id desc) order (`split_keys`): this one writes the
    first run, each other process (a fresh interpreter: no SQLite connection
    or thread is forked) its own to a temporary file beside the output,
    appended here in order."""
    keys = ctx.store.split_keys(ctx.flt, parts)
    spans = list(zip([None, *keys], [*keys, None]))
    root = str(Path(__file__).resolve().parents[2])  # the folder that holds the store package
    paths: list[str] = []
    procs: list[subprocess.Popen] = []
    try:
        for span in spans[1:]:
            fd, tmp = make_part(ctx.path)
            os.close(fd)
            paths.append(tmp)
            proc = subprocess.Popen([sys.executable, "-c", _PART_MAIN, root], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # not on the app's screen
            procs.append(proc)
            proc.stdin.write(pickle.dumps((str(ctx.store.path), ctx.flt, span, tmp)))
            proc.stdin.close()
        with _collector_paused():  # as in the parts: the rows make no cycles
            _write_csv_rows(ctx, write, spans[0])
        for proc, tmp in zip(procs, paths):
            said = proc.stdout.read().decode("utf-8", "replace").split("\n")
            if proc.wait() != 0:
                raise RuntimeError(f"a CSV export process failed (exit status {proc.returncode}): "
                                   + " ".join(said[-2:]).strip())
            with open(tmp, "rb") as part:
                shutil.copyfileobj(part, fh.buffer, 1 << 20)  # type: ignore[attr-defined]
            ctx.result.written += int(said[-2])  # the last line it printed
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        for tmp in paths:
            discard(tmp)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_PART_MAIN = "import sys; sys.path.insert(0, sys.argv[1]); from store.report.export import _csv_part; _csv_part()"


def _csv_part() -> None:
    """One run of the CSV lines (_write_csv_split), in a process of its
    own: (store, filter, span, file) pickled on standard input, the lines
    written to the file, the number of events printed. It makes no
    reference cycles, so it runs without the garbage collector (a tenth of
    its time, for the tuples of the rows)."""
    gc.disable()
    db, flt, span, path = pickle.load(sys.stdin.buffer)
    store = EventStore(db, create=False, readonly=True)
    try:
        ctx = _Context(store, flt, "csv", 0.0, 0)
        with open(path, "wb") as fh:
            _write_csv_rows(ctx, lambda text: fh.write(text.encode("utf-8")), span)
        print(ctx.result.written)
    finally:
        store.close()


def _write_csv_records(ctx: _Context, fh: TextIO) -> None:
    """The CSV lines of the records (flatten_record): the plain way, for a
    store typed otherwise than the schema (_AFFINITIES)."""
    w = csv.writer(fh, lineterminator="\r\n")
    lines: list[str] = []
    written = 0
    try:
        for rec in _records(ctx):
            cells = list(map(flatten_record(rec).get, CSV_COLUMNS))
            line = _csv_line(cells)
            if line is None:  # a cell csv.writer would quote (or a None): let it write the row
                fh.write("".join(lines))
                lines.clear()
                w.writerow(cells)
            else:
                lines.append(line)
                if len(lines) >= 1000:
                    fh.write("".join(lines))
                    lines.clear()
            written += 1
        fh.write("".join(lines))
    finally:
        ctx.result.written += written


_CSV_SPECIAL = re.compile('[",\r\n]')


def _quoted(cell: str) -> str:
    """A cell as csv.writer writes it: QUOTE_MINIMAL."""
    return '"' + cell.replace('"', '""') + '"' if _CSV_SPECIAL.search(cell) else cell


def _csv_line(cells: list) -> str | None:
    """The line csv.writer (excel dialect, QUOTE_MINIMAL, CRLF) writes for
    `cells`, built with joins instead of csv's character-by-character copy;
    None for a None cell or one holding NUL (the caller then uses
    csv.writer). str() of an int or float is what csv writes."""
    if len(cells) < 2 or None in cells:  # csv writes a lone empty cell as ""
        return None
    strs = list(map(str, cells))
    line = "\x00".join(strs)
    if line.count("\x00") != len(strs) - 1:
        return None
    if _CSV_SPECIAL.search(line):  # QUOTE_MINIMAL: quote the cells with a comma, quote or line break
        line = "\x00".join(map(_quoted, strs))
    return line.replace("\x00", ",") + "\r\n"


# -- csv straight from the store's rows ----------------------------------------------
# The export writes its CSV from the rows of `record_rows` (no dict per
# event, no flatten_record): the cells of each actor, place and article are
# made once, as one string of joined cells, and so are those of each (type,
# date, precision) and (reports, sources, fatalities, negated, hedged); per
# event only its sentence is checked, and the lines are joined in C. The
# bytes are those of flatten_record + csv.writer (tests/test_export_fastpath.py
# compares the two ways).
_CSV_BATCH = 1000
_MEMO_MAX = 2000  # entries kept by each of the caches below (then forgotten all at once)
_ARTICLE_MEMO_MAX = 2000  # events come in date order, an article's close together
_SPLIT_MIN = 250_000  # fewer events are not worth a second process (each scans the whole table)
# The caches are keyed by the raw values, which is exact with the schema's
# column affinities: a TEXT column holds str, bytes or None (no two different
# values are one dict key), an INTEGER one no 2.0 beside a 2 (so an article
# id is an int, None or a value that names no article). A store typed
# otherwise goes the plain way.
_AFFINITIES = {**dict.fromkeys(("event_type", "date", "date_precision", "actor1_id", "actor2_id", "reported_by_id",
                                "place_id"), "TEXT"),
               **dict.fromkeys(("article_id", "n_reports", "n_sources", "fatalities", "negated", "hedged"),
                               "INTEGER")}
_ID, _KIND, _ACTOR1, _ACTOR2, _REPORTER, _PLACE, _ARTICLE, _SENTENCE, _COUNTS, _REVIEW = (  # record_rows(articles=False)
    itemgetter(0), itemgetter(1, 2, 3), itemgetter(4), itemgetter(5), itemgetter(6), itemgetter(7), itemgetter(8),
    itemgetter(9), itemgetter(10, 11, 12, 13, 14), itemgetter(15))
_CELL_START = frozenset(" " + "".join(_FORMULA_START))


def _typed_as_the_schema(store: EventStore) -> bool:
    types = store.column_types("events")
    return all(types.get(col) == t for col, t in _AFFINITIES.items())


def _csv_text(v) -> str:
    """What csv.writer writes for the cell flatten_record makes of `v`. A
    printable str (isprintable() is False for every character that
    _NOT_ONE_LINE looks for, tests/test_export_fastpath.py) with no doubled,
    leading or trailing space and no formula start (at its start or after a
    separator) is its own cell, quoted
    if it holds a quote or a comma: most cells cost a few checks in C. (A
    cleaned cell never holds a NUL, so no row needs csv.writer.)"""
    if v.__class__ is str:
        if v.isprintable() and v[:1] not in _CELL_START and not v.endswith(" ") and "  " not in v \
                and not (("," in v or ";" in v or "|" in v) and _FORMULA_AFTER_SEPARATOR.search(v)):
            return '"' + v.replace('"', '""') + '"' if '"' in v or "," in v else v
        return _quoted(_text_cell(v))
    cell = _csv_cell(v)
    return _quoted(cell if cell.__class__ is str else str(cell))


def _ref_text(ref: dict | None, fields: tuple[str, ...]) -> str:
    """The joined CSV cells of an actor or a place (empty when None)."""
    if not isinstance(ref, dict):
        return "," * (len(fields) - 1)
    return ",".join([_csv_text(ref.get(f)) for f in fields])


def _counts_text(counts: tuple) -> str:
    """The cells of (reports, sources, fatalities, negated, hedged)."""
    *numbers, negated, hedged = counts
    return ",".join([*map(_csv_text, numbers), "true" if negated else "false", "true" if hedged else "false"])


class _Texts(dict):
    """{key: its CSV text}, made by `make` on first use and kept when
    `keep(key)`, up to `limit` entries (then forgotten all at once)."""

    def __init__(self, make: Callable, keep: Callable | None = None, limit: int = 0):
        super().__init__()
        self.make, self.keep, self.limit = make, keep, limit

    def __missing__(self, key):
        text = self.make(key)
        if self.keep is None or self.keep(key):
            if self.limit and len(self) >= self.limit:
                self.clear()
            self[key] = text
        return text


def _write_csv_rows(ctx: _Context, write: Callable[[str], object], span: tuple | None = None) -> None:
    store = ctx.store
    actor_refs: dict = {}
    place_refs: dict = {}
    actor = _Texts(lambda aid: _ref_text(store.actor_ref(aid, actor_refs), _ACTOR_FIELDS))
    place = _Texts(lambda pid: _ref_text(store.place_ref(pid, place_refs), _PLACE_FIELDS))
    kind = _Texts(lambda k: ",".join(map(_csv_text, k)), limit=_MEMO_MAX)
    counts = _Texts(_counts_text, limit=_MEMO_MAX)
    # an article's source and date (the articles table's types are not checked: str and None kept)
    short = _Texts(_csv_text, lambda v: v is None or v.__class__ is str, _MEMO_MAX)
    article: dict = {}
    no_article = (None,) * (len(_ARTICLE_FIELDS) - 1)
    for rows in store.record_rows(ctx.flt, _CSV_BATCH, bulk=True, articles=False, span=span):
        if not rows:
            continue
        if len(article) >= _ARTICLE_MEMO_MAX:
            article.clear()
        need = set(map(_ARTICLE, rows)).difference(article)
        if need:
            found = store.article_rows(need)
            for a in need:
                title, source, published, path, url = found.get(a, no_article)
                article[a] = (f"{_csv_text(a)},{_csv_text(title)},{short[source]},{short[published]},"
                              f"{_csv_text(path)},{_csv_text(url)}")
        lines = zip([str(i) if i.__class__ is int else _csv_text(i) for i in map(_ID, rows)],
                    map(kind.__getitem__, map(_KIND, rows)), map(actor.__getitem__, map(_ACTOR1, rows)),
                    map(actor.__getitem__, map(_ACTOR2, rows)), map(actor.__getitem__, map(_REPORTER, rows)),
                    map(place.__getitem__, map(_PLACE, rows)), map(article.__getitem__, map(_ARTICLE, rows)),
                    map(_csv_text, map(_SENTENCE, rows)), map(counts.__getitem__, map(_COUNTS, rows)),
                    map(short.__getitem__, map(_REVIEW, rows)))
        write("\r\n".join(map(",".join, lines)))
        write("\r\n")  # apart: no copy of the batch's text
        ctx.result.written += len(rows)


def _json_line(rec: dict) -> str:
    return json.dumps(clean_record(rec), ensure_ascii=False, allow_nan=False)


def _write_jsonl(ctx: _Context, fh: TextIO) -> None:
    for rec in _records(ctx):
        fh.write(_json_line(rec) + "\n")
        ctx.result.written += 1


def _write_json(ctx: _Context, fh: TextIO) -> None:
    fh.write("[")
    for rec in _records(ctx):
        fh.write(("," if ctx.result.written else "") + "\n" + _json_line(rec))
        ctx.result.written += 1
    fh.write("\n]\n")


def _coordinates(place: dict | None) -> tuple[float, float] | None:
    if not place:
        return None
    lat, lon = place.get("lat"), place.get("lon")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def _write_geojson(ctx: _Context, fh: TextIO) -> None:
    # RFC 7946: WGS84 lon/lat, no "crs" member. Flat scalar properties:
    # QGIS turns them into attribute columns as they are.
    fh.write('{"type": "FeatureCollection", "features": [')
    for rec in _records(ctx):
        lonlat = _coordinates(rec.get("place"))
        if lonlat is None:
            ctx.result.skipped_no_place += 1
            continue
        feature = {"type": "Feature", "id": rec["id"],
                   "geometry": {"type": "Point", "coordinates": [lonlat[0], lonlat[1]]},
                   "properties": _flat(rec)}
        fh.write(("," if ctx.result.written else "") + "\n"
                 + json.dumps(feature, ensure_ascii=False, allow_nan=False))
        ctx.result.written += 1
    fh.write("\n]}\n")
    if ctx.result.skipped_no_place:
        ctx.result.notes.append(f"{ctx.result.skipped_no_place} events without a place or coordinates are not "
                                "in the GeoJSON (csv and jsonl have them)")


def _write_acled(ctx: _Context, fh: TextIO) -> None:
    fh.write("\ufeff")
    w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    timestamp = int(ctx.now)
    rule_of = ctx.store.first_rule
    parent_of = _parent_lookup(ctx.store)
    no_location = no_date = 0
    for rec in _records(ctx):
        rule = rule_of(rec["id"]) if rec.get("event_type") in SUB_EVENT_RULES else None
        row = acled_row(rec, timestamp, rule, parent_of)
        if row is None:
            ctx.result.skipped_not_acled += 1
            continue
        if not row["location"]:
            no_location += 1
        if not row["event_date"]:
            no_date += 1
        w.writerow({k: spreadsheet_safe(one_line(v)) if isinstance(v, str) else v for k, v in row.items()})
        ctx.result.written += 1
    if ctx.result.skipped_not_acled:
        ctx.result.notes.append(f"{ctx.result.skipped_not_acled} events of types ACLED does not code (statements, "
                                "accusations, displacement, ...) are not in the ACLED export")
    if no_location:
        ctx.result.notes.append(f"{no_location} ACLED rows have no location (the article names no place)")
    if no_date:
        ctx.result.notes.append(f"{no_date} ACLED rows have no event_date (neither the sentence nor the article "
                                "dates the event)")


def _parent_lookup(store: EventStore) -> Callable[[dict | None], dict | None]:
    """For inter codes: a person, outlet or monitor counts as the body it
    belongs to (a spokesman as his army)."""
    actors = store.actor_table()

    def parent_of(actor: dict | None) -> dict | None:
        if not actor or actor.get("kind") not in {"person", "media", "monitor"}:
            return actor
        parent = actors.get((actors.get(actor.get("id")) or {}).get("parent"))
        return {**actor, "kind": parent["kind"], "country": parent["country"]} if parent else actor
    return parent_of


# Markdown that a value could smuggle in: links and images («[", "]»),
# emphasis and strikethrough (a lone «_» only: «territory_taken» stays),
# and block markup at the start (heading, list, setext line).
_MD_INLINE = re.compile(r"([\\|\[\]*~])|(?<!\w)_|_(?!\w)")
_MD_BLOCK_START = re.compile(r"^([#+\-=])")


def _md(text) -> str:
    """Text for a markdown line or table cell: one line, with nothing that a
    renderer would run or draw (HTML, links, images, emphasis, table pipes)."""
    s = one_line(text if isinstance(text, str) else ("" if text is None else str(text)))
    s = _MD_INLINE.sub(lambda m: "\\" + m.group(0), s)
    s = _MD_BLOCK_START.sub(r"\\\1", s)
    return s.replace("<", "&lt;").replace(">", "&gt;").replace("`", "'")


def _md_name(ref: dict | None) -> str:
    if not ref:
        return ""
    en, ar = _md(ref.get("name_en") or ref.get("id")), _md(ref.get("name_ar"))
    return f"{en} ({ar})" if ar and ar != en else en


def _write_markdown(ctx: _Context, fh: TextIO) -> None:
    store, flt, total = ctx.store, ctx.flt, ctx.total
    when = dt.datetime.fromtimestamp(ctx.now, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    selection = "all events" if flt.is_empty() else f"`{_md(flt.to_cli('export'))}`"
    fh.write(f"# Events report\n\n{total} events · selection: {selection} · exported {when}\n\n")
    if total == 0:
        fh.write("No events match this selection.\n")
        return

    def table(title: str, header: list[str], rows: list[list], more: int) -> None:
        fh.write(f"## {title}\n\n")
        if not rows:
            fh.write("None named.\n\n")
            return
        fh.write(f"| {' | '.join(header)} |\n|{'---|' * (len(header) - 1)}---:|\n")
        for r in rows:
            fh.write("| " + " | ".join(str(c) for c in r) + " |\n")
        if more > 0:
            fh.write(f"\n… and {more} more.\n")
        fh.write("\n")

    types = store.type_facets(flt)
    table("By type", ["type", "events"], [[_md(t), n] for t, n in types[:MARKDOWN_MAX_FACETS]],
          len(types) - MARKDOWN_MAX_FACETS)
    actors = store.actor_facets(flt)
    table("By actor (as actor 1 or actor 2)", ["actor", "kind", "events"],
          [[_md_name(f.__dict__), _md(f.kind), f.count] for f in actors[:MARKDOWN_MAX_FACETS]],
          len(actors) - MARKDOWN_MAX_FACETS)
    places = store.place_facets(flt)
    table("By place (each count includes the places inside it)", ["place", "kind", "events"],
          [[_md_name(f.__dict__), _md(f.kind), f.count] for f in places[:MARKDOWN_MAX_FACETS]],
          len(places) - MARKDOWN_MAX_FACETS)

    fh.write("## Events\n\n")
    if total > MARKDOWN_MAX_EVENTS:
        fh.write(f"The first {MARKDOWN_MAX_EVENTS} of {total} events, newest first; "
                 "export csv or jsonl for all of them.\n\n")
    for rec in _records(ctx):
        if ctx.result.written >= MARKDOWN_MAX_EVENTS:
            break
        _markdown_event(rec, fh)
        ctx.result.written += 1
    if total > ctx.result.written:
        ctx.result.notes.append(f"the markdown report lists {ctx.result.written} of {total} events "
                                "(the counts cover all of them)")


def _markdown_event(rec: dict, fh: TextIO) -> None:
    flags = [f for f, on in (("negated", rec.get("negated")), ("hedged", rec.get("hedged"))) if on]
    head = f"### #{rec['id']} · {_md(rec.get('date') or 'undated')}"
    if rec.get("date") and rec.get("date_precision") != "day":
        head += f" ({_md(rec.get('date_precision'))})"
    head += f" · {_md(rec.get('event_type'))}"
    if flags:
        head += f" · {', '.join(flags)}"
    lines = [head, ""]
    for label, key in (("Actor 1", "actor1"), ("Actor 2", "actor2"), ("Place", "place"),
                       ("Reported by", "reported_by")):
        if rec.get(key):
            extra = ""
            if key == "place" and rec[key].get("admin1") and rec[key]["admin1"] != rec[key].get("name_en"):
                extra = f", {_md(rec[key]['admin1'])}"
            lines.append(f"- {label}: {_md_name(rec[key])}{extra}")
    art = rec.get("article") or {}
    bits = [b for b in (_md(art.get("source")), _md(art.get("published"))) if b]
    lines.append(f"- Article: {_md(art.get('title'))}" + (f" ({', '.join(bits)})" if bits else ""))
    more = []
    if rec.get("fatalities") is not None:
        more.append(f"fatalities {rec['fatalities']}")
    more.append(f"{rec.get('reports') or 1} report(s), {rec.get('sources') or 1} source(s)")
    more.append(f"review: {_md(rec.get('review') or 'unreviewed')}")
    lines.append(f"- {'; '.join(more)}")
    lines += ["", f"> {_md(rec.get('sentence'))}", "", ""]
    fh.write("\n".join(lines))


_WRITERS: dict[str, Callable[[_Context, TextIO], None]] = {
    "csv": lambda ctx, fh: _write_csv(ctx, fh),
    "jsonl": lambda ctx, fh: _write_jsonl(ctx, fh),
    "json": lambda ctx, fh: _write_json(ctx, fh),
    "geojson": lambda ctx, fh: _write_geojson(ctx, fh),
    "acled": lambda ctx, fh: _write_acled(ctx, fh),
    "markdown": lambda ctx, fh: _write_markdown(ctx, fh),
}


def format_for_path(path: str) -> str | None:
    """The format a file name's ending suggests, or None."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())

