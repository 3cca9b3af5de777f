"""Extractions as JSON lines: extract anywhere, merge with one writer.

Extraction is a pure function of an article and the dictionaries, so a
corpus larger than one machine can be extracted on many (a Dask or Spark
job calling `extract_record` per article) and merged by
`conflictui ingest --extracted`, which only writes. Each line holds the
article, its sentences (offsets and search forms), its events and its
positions, plus the fingerprint of the dictionaries that made it.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from ..text.arabic import sentence_search_text
from ..text.articles import Article, ReadError
from ..nlp.dates import parse_date
from ..nlp.extract import Event, Extraction, Extractor
from .ingest import _SentenceRow
from ..nlp.positions import Position

FORMAT = "conflictui-extraction/1"


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


def record_to_extraction(obj: dict) -> tuple[Article, Extraction]:
    """The inverse of `extraction_to_record`; ValueError on a line that is
    not one of ours."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ValueError(f"is not a {FORMAT} line")
    a = obj.get("article")
    if not isinstance(a, dict) or not isinstance(a.get("body"), str) or not a["body"].strip():
        raise ValueError("has no article body")
    article = Article(a.get("path") or "", a.get("title") or "", a["body"], a.get("source"), a.get("published"),
                      a.get("url"), a.get("language"), list(a.get("notes") or []))
    sentences = [_SentenceRow(*row) for row in obj.get("sentences") or []]
    events = [Event(**e) for e in obj.get("events") or []]
    positions = [Position(**p) for p in obj.get("positions") or []]
    # what the writer relies on, checked here so that a bad line is one error, not a crash mid-batch
    known = {s.idx for s in sentences}
    for ev in events:
        if ev.sentence_idx not in known:
            raise ValueError(f"has an event in sentence {ev.sentence_idx!r}, which the line does not hold")
        if ev.date is not None and parse_date(ev.date) is None:
            raise ValueError(f"has an event date that is not YYYY-MM-DD: {ev.date!r}")
    return article, Extraction(sentences, events, positions, list(obj.get("notes") or []))


def read_extracted(paths: list[str]) -> Iterator[tuple[Article, Extraction, str] | ReadError]:
    """(article, extraction, dictionaries fingerprint) per line of the files
    under `paths`, or an error naming the file and line."""
    files: list[Path] = []
    for given in paths:
        p = Path(given)
        files.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    for path in files:
        try:
            handle = path.open(encoding="utf-8")
        except OSError as exc:
            yield ReadError(str(path), f"cannot be read ({exc.strerror or exc})")
            continue
        with handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    obj = json.loads(line)
                    article, ex = record_to_extraction(obj)
                except (ValueError, TypeError, KeyError) as exc:
                    yield ReadError(where, str(exc) if isinstance(exc, ValueError) else f"is malformed ({exc})")
                    continue
                yield article, ex, obj.get("dictionaries") or ""
