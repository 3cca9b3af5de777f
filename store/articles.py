"""Reading articles from files: .txt and .md with optional YAML front
matter, .json (an object or a list) and .jsonl batches.

Every problem is reported as a `ReadError` naming the file (and line) and
the reason in one sentence; nothing here raises on bad input.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .textsafe import one_line, strip_controls

ARTICLE_SUFFIXES = {".txt", ".md", ".json", ".jsonl"}
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class Article:
    path: str  # as given to ingest (plus ":line" for batch members)
    title: str
    body: str  # as written, controls removed; spans index into it
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Same body, same article: ingesting it again adds nothing."""
        return hashlib.sha256(" ".join(self.body.split()).encode("utf-8")).hexdigest()


@dataclass
class ReadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256.

    Raises ValueError with a reason when none fits: Windows-1256 maps
    almost every byte, so its result must also look like text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise ValueError("looks binary (NUL bytes), not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    sample = text[:20000]
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t"))
    arabic = sum(1 for c in sample if "\u0621" <= c <= "\u064a")
    if bad > len(sample) * 0.01 or arabic < len(sample) * 0.2:
        raise ValueError("cannot be decoded: not UTF-8, UTF-16 or Windows-1256 text")
    return text


def clean_date(value: object) -> str | None:
    """A front-matter or JSON date as YYYY-MM-DD; ValueError if impossible."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in ("%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"published date {text!r} is not a real date (use YYYY-MM-DD)")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body). ValueError when the front matter is broken."""
    if not text.startswith("---"):
        return {}, text
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text
    end = text.find("\n---", first_nl)
    while end >= 0:
        line_end = text.find("\n", end + 1)
        closing = text[end + 1 : line_end if line_end >= 0 else len(text)]
        if closing.strip() == "---":
            break
        end = text.find("\n---", end + 1)
    if end < 0:
        raise ValueError("front matter opened with '---' is never closed")
    raw = text[first_nl + 1 : end]
    body_start = text.find("\n", end + 1)
    body = "" if body_start < 0 else text[body_start + 1 :]
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ValueError(f"broken front matter{where}: {problem}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a set of 'key: value' lines")
    return meta, body


def _first_line(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line.strip()
    return ""


def make_article(path: str, meta: dict, body: str, defaults: dict) -> Article:
    """An Article from metadata and body; ValueError on an unusable one."""
    body = strip_controls(body.replace("\r\n", "\n").replace("\r", "\n"))
    if not body.strip():
        raise ValueError("has no text")
    published = clean_date(meta.get("published") or meta.get("date")) or defaults.get("published")
    title = one_line(str(meta.get("title") or "")) or one_line(_first_line(body))[:300]
    return Article(
        path=path,
        title=title,
        body=body,
        source=one_line(str(meta.get("source") or "")) or defaults.get("source"),
        published=published,
        url=one_line(str(meta.get("url") or "")) or None,
        language=one_line(str(meta.get("language") or "")) or None,
    )


def read_file(path: Path, shown: str, defaults: dict) -> Iterator[Article | ReadError]:
    """The articles in one file, or errors naming it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield ReadError(shown, f"is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit for one file")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(shown, f"cannot be read ({exc.strerror or exc})")
        return
    if not data.strip():
        yield ReadError(shown, "is empty")
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield ReadError(shown, str(exc))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(text, shown, defaults)
    elif suffix == ".json":
        yield from _read_json(text, shown, defaults)
    else:
        try:
            meta, body = split_front_matter(text)
            yield make_article(shown, meta, body, defaults)
        except ValueError as exc:
            yield ReadError(shown, str(exc))


def _record(obj: object, where: str, defaults: dict) -> Article | ReadError:
    if not isinstance(obj, dict):
        return ReadError(where, "is not a JSON object with title and text")
    body = obj.get("text") or obj.get("body")
    if not isinstance(body, str) or not body.strip():
        return ReadError(where, "has no 'text' (or 'body') string")
    try:
        return make_article(where, obj, body, defaults)
    except ValueError as exc:
        return ReadError(where, str(exc))


def _read_json(text: str, shown: str, defaults: dict) -> Iterator[Article | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(shown, f"is not valid JSON (line {exc.lineno}: {exc.msg})")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items):
        yield _record(obj, f"{shown}#{i}" if isinstance(data, list) else shown, defaults)


def _read_jsonl(text: str, shown: str, defaults: dict) -> Iterator[Article | ReadError]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(f"{shown}:{lineno}", f"is not valid JSON ({exc.msg})")
            continue
        yield _record(obj, f"{shown}:{lineno}", defaults)


def walk_paths(paths: Iterable[str]) -> Iterator[tuple[Path, str] | ReadError]:
    """Article files under `paths` (files, or folders walked recursively in
    name order), each with the name to show; unreadable folders and symlink
    loops become errors, not crashes."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            seen: set[tuple[int, int]] = set()
            yield from _walk_dir(p, seen)
        elif p.exists():
            yield (p, str(given))
        else:
            yield ReadError(str(given), "does not exist")


def _walk_dir(folder: Path, seen: set[tuple[int, int]]) -> Iterator[tuple[Path, str] | ReadError]:
    try:
        st = folder.stat()
    except OSError as exc:
        yield ReadError(str(folder), f"cannot be read ({exc.strerror or exc})")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        yield ReadError(str(folder), "is a symlink loop (folder already visited); skipped")
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(str(folder), f"cannot be listed ({exc.strerror or exc})")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.name.startswith("."):
                yield from _walk_dir(path, seen)
        elif path.suffix.lower() in ARTICLE_SUFFIXES and not entry.name.startswith("."):
            yield (path, str(path))


def read_paths(paths: Iterable[str], defaults: dict | None = None) -> Iterator[Article | ReadError]:
    """Every article (or error) under `paths`."""
    defaults = defaults or {}
    for item in walk_paths(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item[0], item[1], defaults)
