"""Extractions as JSON lines: extract anywhere, merge with one writer.

Extraction is a pure function of an article and the dictionaries, so a
corpus larger than one machine can be extracted on many (a Dask or Spark
job calling `extract_record` per article) and merged by
`conflictui ingest --extracted`, which only writes. Each line holds the
article, its sentences (offsets and search forms), its events and its
positions, plus the fingerprint of the dictionaries that made it.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from ..text.arabic import sentence_search_text
from ..text.articles import MAX_FILE_BYTES, MIN_YEAR, Article, ReadError, iter_lines, shown_path
from ..text.textsafe import one_line, strip_controls
from ..nlp.cues import EVENT_TYPES
from ..nlp.dates import PRECISIONS, parse_date
from ..nlp.extract import Event, Extraction, Extractor
from ..nlp.sentence import MAX_FIGURE
from ..nlp.positions import Position

FORMAT = "conflictui-extraction/1"


@dataclass
class SentenceRow:
    """What the writer needs of a sentence, with its search form made in
    the worker: less to pickle back and less work for the one writer."""
    idx: int
    start: int
    end: int
    text: str
    norm: str


def extract_record(article: Article, extractor: Extractor) -> dict:
    """One JSON-able line: the article and what was extracted from it."""
    return extraction_to_record(article, extractor.extract(article), extractor.dicts.fingerprint)


def extraction_to_record(article: Article, ex: Extraction, fingerprint: str) -> dict:
    return {
        "format": FORMAT,
        "dictionaries": fingerprint,
        "article": {"path": article.path, "title": article.title, "body": article.body, "source": article.source,
                    "published": article.published, "url": article.url, "language": article.language,
                    "notes": article.notes},
        "sentences": [[s.idx, s.start, s.end, s.text, sentence_search_text(s)]
                      for s in ex.sentences],
        "events": [asdict(e) for e in ex.events],
        "positions": [asdict(p) for p in ex.positions],
        "notes": ex.notes,
    }


# -- checking a line against the format ------------------------------------------
# Every value of a line is checked before anything is written: a line made by
# hand, by another tool or damaged in transit is one error naming its file and
# line, never a crash of the batch or a bad value in the store and its exports.
_MAX_OFFSET = 2**31 - 1


def _text(value, name: str, optional: bool = True, lines: bool = False) -> str | None:
    """Text cleaned as articles are (store/text/textsafe.py): no escape
    sequences or controls reach the store or a terminal."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"has {name} that is not text ({type(value).__name__})")
    return strip_controls(value) if lines else one_line(value)


def _whole(value, name: str, hi: int = _MAX_OFFSET, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= hi:
        raise ValueError(f"has {name} that is not a whole number from 0 to {hi:,}: {str(value)[:40]}")
    return value


def _flag(value, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"has {name} that is not true or false: {str(value)[:40]}")
    return value


def _choice(choices: tuple[str, ...], optional: bool = False) -> Callable:
    def check(value, name: str):
        if value is None and optional:
            return None
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"has {name} that is not one of the known values: {one_line(str(value))[:40]}")
        return value
    return check


def _day(value, name: str) -> str | None:
    """YYYY-MM-DD, a real day within the years articles can have."""
    if value is None:
        return None
    day = parse_date(value) if isinstance(value, str) else None
    if day is None or day.isoformat() != value or not MIN_YEAR <= day.year <= dt.date.today().year + 1:
        raise ValueError(f"has {name} that is not a real YYYY-MM-DD date: {one_line(str(value))[:40]}")
    return value


def _spans(value, name: str) -> dict[str, list[int]]:
    if not isinstance(value, dict):
        raise ValueError(f"has {name} that is not an object")
    return {_text(k, f"a key of {name}", optional=False): [_whole(x, f"an offset in {name}") for x in _list(v, name)]
            for k, v in value.items()}


def _list(value, name: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"has {name} that is not a list")
    return value


_ID = _text
_EVENT_FIELDS: dict[str, Callable] = {
    "event_type": _choice(EVENT_TYPES), "sentence_idx": _whole, "actor1": _ID, "actor2": _ID, "place": _ID,
    "date": _day, "date_precision": _choice(PRECISIONS), "reported_by": _ID,
    "fatalities": lambda v, n: _whole(v, n, MAX_FIGURE, optional=True), "negated": _flag, "hedged": _flag,
    "rule": lambda v, n: _text(v, n, optional=False), "spans": _spans,
}
_POSITION_FIELDS: dict[str, Callable] = {
    "sentence_idx": lambda v, n: _whole(v, n, optional=True), "party": _ID,
    **dict.fromkeys(("subject", "subject_en", "subject_ar", "aspect", "value", "summary_en", "text_ar"),
                    lambda v, n: _text(v, n, optional=False, lines=True)),
    "spans": _spans, "event_type": _choice(EVENT_TYPES, optional=True), "date": _day,
}
_REQUIRED = {"event": ("event_type", "sentence_idx"),
             "position": ("sentence_idx", "subject", "subject_en", "subject_ar", "aspect", "value",
                          "summary_en", "text_ar")}


def _checked(obj, kind: str, fields: dict[str, Callable]) -> dict:
    """The fields of one event or position, each checked and cleaned."""
    if not isinstance(obj, dict):
        raise ValueError(f"has an {kind} that is not an object")
    unknown = sorted(set(obj) - set(fields))
    if unknown:
        raise ValueError(f"has an {kind} with an unknown field {one_line(str(unknown[0]))[:40]!r}")
    missing = [k for k in _REQUIRED[kind] if k not in obj]
    if missing:
        raise ValueError(f"has an {kind} without {missing[0]!r}")
    return {k: fields[k](v, f"an {kind} {k!r}") for k, v in obj.items()}


def _article(a) -> Article:
    if not isinstance(a, dict) or not isinstance(a.get("body"), str) or not a["body"].strip():
        raise ValueError("has no article body")
    body = a["body"]
    if strip_controls(body) != body:  # `extract` writes bodies cleaned; spans index into them as they are
        raise ValueError("has an article body with control characters or escape sequences")
    notes = [_text(n, "an article note", optional=False) for n in _list(a.get("notes"), "article notes")]
    return Article(_text(a.get("path"), "an article path") or "", _text(a.get("title"), "a title") or "", body,
                   _text(a.get("source"), "a source"), _day(a.get("published"), "a published date"),
                   _text(a.get("url"), "a url"), _text(a.get("language"), "a language"), notes)


def _sentences(rows, body: str) -> list[SentenceRow]:
    out: list[SentenceRow] = []
    seen: set[int] = set()
    for row in _list(rows, "sentences"):
        if not isinstance(row, list) or len(row) != 5:
            raise ValueError("has a sentence that is not [idx, start, end, text, norm]")
        idx, start, end = (_whole(v, f"a sentence {k}") for v, k in zip(row[:3], ("index", "start", "end")))
        if idx in seen:
            raise ValueError(f"has sentence {idx} twice")
        if not (start <= end <= len(body)) or body[start:end] != row[3]:
            raise ValueError(f"has a sentence {idx} that is not the text of the body at {start}-{end}")
        seen.add(idx)
        out.append(SentenceRow(idx, start, end, row[3],
                                _text(row[4], "a sentence search text", optional=False, lines=True)))
    return out


def record_to_extraction(obj: dict) -> tuple[Article, Extraction]:
    """The inverse of `extraction_to_record`; ValueError naming what is
    wrong on a line that is not one of ours."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ValueError(f"is not a {FORMAT} line")
    article = _article(obj.get("article"))
    sentences = _sentences(obj.get("sentences"), article.body)
    events = [Event(**_checked(e, "event", _EVENT_FIELDS)) for e in _list(obj.get("events"), "events")]
    positions = [Position(**_checked(p, "position", _POSITION_FIELDS))
                 for p in _list(obj.get("positions"), "positions")]
    known = {s.idx for s in sentences}
    for ev in events:  # what the writer relies on
        if ev.sentence_idx not in known:
            raise ValueError(f"has an event in sentence {ev.sentence_idx!r}, which the line does not hold")
    notes = [_text(n, "a note", optional=False) for n in _list(obj.get("notes"), "notes")]
    return article, Extraction(sentences, events, positions, notes)


def read_extracted(paths: list[str]) -> Iterator[tuple[Article, Extraction, str] | ReadError]:
    """(article, extraction, dictionaries fingerprint) per line of the files
    under `paths`, or an error naming the file and line. Files are read a
    line at a time (no size limit); a FIFO or pipe is read as a stream."""
    files: list[Path] = []
    for given in paths:
        p = Path(given)
        files.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    for path in files:
        shown = shown_path(path)
        try:
            handle = _open_stream(path)
        except OSError as exc:
            yield ReadError(shown, f"cannot be read ({exc.strerror or exc})")
            continue
        except ValueError as exc:
            yield ReadError(shown, str(exc))
            continue
        with handle[0]:
            for lineno, raw in enumerate(iter_lines(*handle), 1):
                if raw is None:
                    yield ReadError(f"{shown}:{lineno}", f"is over the {MAX_FILE_BYTES // 2**20} MB limit for one line")
                    continue
                yield from _read_line(raw, f"{shown}:{lineno}", lineno)


def _read_line(raw: bytes, where: str, lineno: int) -> Iterator[tuple[Article, Extraction, str] | ReadError]:
    if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    if not raw.strip():
        return
    try:
        obj = json.loads(raw.decode("utf-8"))
        article, ex = record_to_extraction(obj)
    except UnicodeDecodeError:
        yield ReadError(where, "is not UTF-8 text")
    except RecursionError:
        yield ReadError(where, "is not usable JSON (nested too deeply)")
    except (ValueError, TypeError, KeyError) as exc:
        yield ReadError(where, one_line(str(exc))[:300] if isinstance(exc, ValueError) else f"is malformed ({exc})")
    else:
        yield article, ex, obj.get("dictionaries") if isinstance(obj.get("dictionaries"), str) else ""


def _open_stream(path: Path) -> tuple:
    """(binary handle, limit, bytes already read) on `path`. A FIFO is
    opened without blocking first: with no process writing to it, reading
    would wait for ever, so it is refused; with one (`<(conflictui extract
    …)`), it is read as a stream."""
    if not stat.S_ISFIFO(os.stat(path).st_mode):
        return path.open("rb"), MAX_FILE_BYTES, b""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        first = os.read(fd, 1 << 16)
    except BlockingIOError:
        first = None  # a writer, nothing written yet
    if first == b"":
        os.close(fd)
        raise ValueError("is a FIFO that no process is writing to; start the writer first, or give a file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), MAX_FILE_BYTES, first or b""
