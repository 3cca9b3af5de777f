"""Reading articles from files: .txt and .md with optional YAML front
matter, .json (an object or a list) and .jsonl batches.

Every problem is reported as a `ReadError` naming the file (and line) and
the reason in one sentence; nothing here raises on bad input.
"""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .textsafe import one_line, strip_controls

ARTICLE_SUFFIXES = {".txt", ".md", ".json", ".jsonl"}
MAX_FILE_BYTES = 64 * 1024 * 1024
# A news article is 2,000-20,000 characters. Past this many, a "article" is
# a dump (a whole site in one file); its text is cut at a line or word
# boundary so that extraction stays within seconds and memory within reason.
MAX_ARTICLE_CHARS = 500_000
# Publication dates outside this window are typos or corrupt metadata, and
# would make relative dates ("last Tuesday") overflow or land nowhere.
MIN_YEAR = 1900


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

    @functools.cached_property  # asked for when admitting and again when writing
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
    """`decode_text` without its notes."""
    return decode_text(data)[0]


# BOMs longest first: UTF-32 LE's (FF FE 00 00) starts with UTF-16 LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# More NUL bytes than this, or than one byte in a thousand: a binary file.
MAX_NULS = 8


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """(text, notes): UTF-8, UTF-16 or UTF-32 by their byte-order mark,
    else UTF-8 (with U+FFFD for a few stray bytes), else Windows-1256.

    NUL bytes are treated one way wherever they are: a few are removed with
    a note, more (over MAX_NULS and one byte in 1,000) make it binary. Raises
    ValueError with a reason when nothing fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as exc:
                name = codec.split("-sig")[0].upper()
                raise ValueError(f"starts with a {name} byte-order mark but is not {name} ({exc.reason})") from None
    notes = []
    nuls = data.count(b"\x00")
    if nuls:
        if nuls > max(MAX_NULS, len(data) // 1000):
            raise ValueError("looks binary (NUL bytes), not a text article")
        data = data.replace(b"\x00", b"")
        notes.append(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed")
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(data, lenient):
        # a cut multi-byte character or stray bytes: read as Windows-1256
        # the whole file would become mojibake
        notes.append(f"{lenient.count(chr(0xFFFD))} byte sequences are not UTF-8; each is shown as U+FFFD")
        return lenient, notes
    return _decode_cp1256(data), notes


def _mostly_utf8(data: bytes, lenient: str) -> bool:
    """Nine in ten of the non-ASCII bytes make valid UTF-8 characters."""
    non_ascii = len(data.translate(None, bytes(range(128))))
    valid = len(lenient.replace("\ufffd", "").encode("utf-8")) - (len(data) - non_ascii)
    return valid >= non_ascii * 0.9


def _decode_cp1256(data: bytes) -> str:
    """Windows-1256, when the result looks like text: it maps almost every
    byte. Arabic must be most of the non-ASCII letters, so that a mostly
    English file keeps its Arabic and a French Latin-1 one is refused."""
    text = data.decode("cp1256", errors="replace")
    sample = text[:20000]
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t"))
    arabic = sum(1 for c in sample if "\u0600" <= c <= "\u06ff")  # letters, marks, digits, punctuation
    non_ascii = sum(1 for c in sample if ord(c) > 127)
    spaces = sum(1 for c in sample if c in " \n")  # words: random bytes have none
    if bad > len(sample) * 0.01 or spaces < len(sample) * 0.03 or not arabic or arabic < non_ascii * 0.6:
        raise ValueError("cannot be decoded: not UTF-8, UTF-16 or Windows-1256 text")
    return text


def clean_date(value: object) -> str | None:
    """A front-matter or JSON date as YYYY-MM-DD; ValueError if impossible."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _in_window(value.date(), value.date().isoformat())
    if isinstance(value, dt.date):
        return _in_window(value, value.isoformat())
    if isinstance(value, (dict, list, tuple, set, bool)):
        raise ValueError("published date is not a date (use YYYY-MM-DD)")
    text = one_line(str(value))[:100]
    parsed: dt.date | None = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        for fmt in ("%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                parsed = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
    if parsed is None:
        raise ValueError(f"published date {text!r} is not a real date (use YYYY-MM-DD)")
    return _in_window(parsed, text)


def _in_window(d: dt.date, text: str) -> str:
    last = dt.date.today().year + 1
    if not MIN_YEAR <= d.year <= last:
        raise ValueError(f"published date {text!r} is outside {MIN_YEAR}-{last}")
    return d.isoformat()


# libyaml's loader when PyYAML was built with it (the wheels are): the
# pure-Python one costs more than extracting a short article.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body). ValueError when the front matter is broken. Lines
    may end the Unix, Windows or old Mac way (CR alone)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        meta = yaml.load(raw, Loader=_YAML_LOADER) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ValueError(f"broken front matter{where}: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML builds dates itself: «published: 2019-02-30» fails here.
        raise ValueError(f"broken front matter: {one_line(str(exc)) or type(exc).__name__}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a set of 'key: value' lines")
    return meta, body


def _first_line(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _field(meta: dict, key: str, limit: int = 2000) -> str:
    """A metadata value as one line of text. Only scalars count: a YAML
    alias bomb or a nested object must not be str()-ed into gigabytes."""
    value = meta.get(key)
    if value is None or isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        return ""
    return one_line(str(value)[: limit * 4])[:limit]


def cap_body(body: str, limit: int = MAX_ARTICLE_CHARS) -> tuple[str, str | None]:
    """`body` cut to at most `limit` characters at a line (or else word)
    boundary, and a note saying so; (body, None) when it fits."""
    if len(body) <= limit:
        return body, None
    cut = body.rfind("\n", limit - limit // 10, limit)
    if cut < 0:
        cut = body.rfind(" ", limit - limit // 10, limit)
    if cut < 0:
        cut = limit
    note = (f"text is {len(body):,} characters long, over the {limit:,} an article may have; "
            f"only the first {cut:,} were kept")
    return body[:cut], note


def make_article(path: str, meta: dict, body: str, defaults: dict) -> Article:
    """An Article from metadata and body; ValueError on an unusable one."""
    body, capped = cap_body(body)
    body = strip_controls(body.replace("\r\n", "\n").replace("\r", "\n"))
    if not body.strip():
        raise ValueError("has no text")
    published = clean_date(meta.get("published") or meta.get("date")) or defaults.get("published")
    title = _field(meta, "title", 300) or one_line(_first_line(body)[:1200])[:300]
    return Article(
        path=path,
        title=title,
        body=body,
        source=_field(meta, "source", 300) or defaults.get("source"),
        published=published,
        url=_field(meta, "url") or None,
        language=_field(meta, "language", 50) or None,
        notes=[capped] if capped else [],
    )


def read_file(path: Path, shown: str, defaults: dict) -> Iterator[Article | ReadError]:
    """The articles in one file, or errors naming it."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a folder" \
                if stat.S_ISDIR(st.st_mode) else "special"
            yield ReadError(shown, f"is not a regular file ({kind}); skipped")
            return
        if path.suffix.lower() == ".jsonl" and not _starts_wide(path):
            yield from _stream_jsonl(path, shown, defaults)
            return
        size = st.st_size
        if size > MAX_FILE_BYTES:
            yield ReadError(shown, f"is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit for one "
                                   f"article (a .jsonl batch has no limit)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(shown, f"cannot be read ({exc.strerror or exc})")
        return
    if not data.strip():
        yield ReadError(shown, "is empty")
        return
    try:
        text, notes = decode_text(data)
    except ValueError as exc:
        yield ReadError(shown, str(exc))
        return
    for item in _read_text(text, path.suffix.lower(), shown, defaults):
        if notes and isinstance(item, Article):
            item.notes[:0] = notes
        yield item


def _read_text(text: str, suffix: str, shown: str, defaults: dict) -> Iterator[Article | ReadError]:
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
    except (ValueError, RecursionError) as exc:  # 5,000-digit numbers, 100,000 nested brackets
        yield ReadError(shown, f"is not usable JSON ({_json_problem(exc)})")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items):
        yield _record(obj, f"{shown}#{i}" if isinstance(data, list) else shown, defaults)


# Not splitlines(): a U+2028 inside a JSON string is not a line break. A raw
# CR cannot be inside a JSON string, so a CR-only batch (old Mac) splits too.
_JSONL_BREAK = re.compile("\r\n|\r|\n")


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL batch, whatever its line endings."""
    return _JSONL_BREAK.split(text) if "\r" in text else text.split("\n")


def _read_jsonl(text: str, shown: str, defaults: dict, numbered: bool = True) -> Iterator[Article | ReadError]:
    for lineno, line in enumerate(jsonl_lines(text), 1):
        if not line.strip():
            continue
        where = f"{shown}:{lineno}" if numbered else shown
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"is not valid JSON ({exc.msg})")
            continue
        except (ValueError, RecursionError) as exc:
            yield ReadError(where, f"is not usable JSON ({_json_problem(exc)})")
            continue
        yield _record(obj, where, defaults)


def _starts_wide(path: Path) -> bool:
    """A UTF-16 or UTF-32 byte-order mark: such a batch is decoded whole."""
    with path.open("rb") as fh:
        head = fh.read(4)
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))


def _stream_jsonl(path: Path, shown: str, defaults: dict) -> Iterator[Article | ReadError]:
    """A JSONL batch a line at a time, whatever its size (memory holds one
    line): one undecodable or oversized line costs only itself."""
    blank = True
    with path.open("rb") as fh:
        for lineno, raw in enumerate(iter_lines(fh), 1):
            where = f"{shown}:{lineno}"
            if raw is None:
                blank = False
                yield ReadError(where, f"is over the {MAX_FILE_BYTES // 2**20} MB limit for one article")
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            if not raw.strip():
                continue
            blank = False
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield ReadError(where, "is not UTF-8 text")
                continue
            yield from _read_jsonl(line, where, defaults, numbered=False)
    if blank:
        yield ReadError(shown, "is empty")


# A raw CR cannot be inside a JSON string: CR, LF and CRLF all end a line of a batch.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def iter_lines(fh, limit: int = MAX_FILE_BYTES, first: bytes = b"") -> Iterator[bytes | None]:
    """The lines of a binary stream (`first`, then what `fh` reads), without
    their line breaks; None for a line longer than `limit` bytes, which is
    skipped without being held in memory."""
    parts: list[bytes] = []
    size, skipping, after_cr, chunk = 0, False, False, first
    while chunk or fh is not None:
        if not chunk:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
        if after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]  # the second half of a CRLF cut between two reads
        after_cr = chunk.endswith(b"\r")
        *ended, tail = _LINE_BREAK.split(chunk)
        for piece in ended:
            yield None if skipping or size + len(piece) > limit else b"".join([*parts, piece])
            parts, size, skipping = [], 0, False
        if not skipping:
            parts.append(tail)
            size += len(tail)
            if size > limit:
                parts, size, skipping = [], 0, True
        chunk = b""
    if skipping or size:
        yield None if skipping else b"".join(parts)


def _json_problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return one_line(str(exc))[:200] or type(exc).__name__


def shown_path(path: str | os.PathLike) -> str:
    """A path as text that can be printed and stored: a name that is not
    UTF-8 (`x\\xff.txt`) keeps its bytes visible as \\xNN escapes instead of
    lone surrogates, which neither SQLite nor a UTF-8 terminal accepts."""
    text = os.fsdecode(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def walk_paths(paths: Iterable[str]) -> Iterator[tuple[Path, str] | ReadError]:
    """Article files under `paths` (files, or folders walked recursively in
    name order), each with the name to show; unreadable folders and symlink
    loops become errors, not crashes. A folder reached twice (through a
    symlink, or given twice) is read once."""
    seen: dict[tuple[int, int], bool] = {}
    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from _walk_dir(p, seen)
        elif p.exists():
            yield (p, shown_path(given))
        else:
            yield ReadError(shown_path(given), "does not exist")


def _walk_dir(folder: Path, seen: dict[tuple[int, int], bool]) -> Iterator[tuple[Path, str] | ReadError]:
    """`seen`: each folder entered, True while it is being walked (reaching
    it again then is a loop), False once done (reaching it again is quiet)."""
    try:
        st = folder.stat()
    except OSError as exc:
        yield ReadError(str(folder), f"cannot be read ({exc.strerror or exc})")
        return
    key = (st.st_dev, st.st_ino)
    if seen.get(key):
        yield ReadError(str(folder), "is a symlink loop (a folder that contains it); skipped")
    if key in seen:
        return
    seen[key] = True
    yield from _walk_entries(folder, seen)
    seen[key] = False


def _walk_entries(folder: Path, seen: dict[tuple[int, int], bool]) -> Iterator[tuple[Path, str] | ReadError]:
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
            yield (path, shown_path(path))


def read_paths(paths: Iterable[str], defaults: dict | None = None) -> Iterator[Article | ReadError]:
    """Every article (or error) under `paths`."""
    defaults = defaults or {}
    for item in walk_paths(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item[0], item[1], defaults)
