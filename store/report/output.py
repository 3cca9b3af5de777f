"""Where an output goes, for every command that writes a file (`export`,
`extract`, and any later one).

- `-`, a device or a FIFO is a stream: written to as it is, never renamed
  over (replacing /dev/null with a regular file is the classic accident).
- A symlink stands for its target: the target is written, through a
  temporary file beside it, and the link stays a link.
- The store being read, an input of the run, or a folder is refused.
- Anything else is written to a temporary file in the same folder and
  renamed into place when complete, so a Ctrl-C, a full disk or a bad input
  leaves the old file as it was; an existing file is replaced only with
  `force`.

Temporary files are named `.NAME.PID.XXXX.part`: one whose process is gone
(a killed export) is removed by the next write into that folder.
"""
from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from ..db.processes import process_alive
from ..text.articles import ARTICLE_SUFFIXES as INPUT_SUFFIXES


class OutputRefused(ValueError):
    """The output is a thing that must not be written (the store, an input, a folder)."""


@dataclass
class Output:
    shown: str  # as the user gave it
    path: str | None  # the regular file to write through a temporary file; None for a stream
    stream: str | None = None  # the device, FIFO or "-" written to as it is
    force: bool = False


def store_files(db_path) -> list[str]:
    """The files of a SQLite store (with its WAL and shared memory): never an output."""
    return [f"{os.fspath(db_path)}{suffix}" for suffix in ("", "-wal", "-shm")]


def plan_output(given: str, force: bool = False, protected: Iterable[str] = (),
                inputs: Iterable[str] = ()) -> Output:
    """Decide where `given` is written. Raises OutputRefused for the store
    (`protected`), an input of the run or a folder, and FileExistsError for
    an existing file without `force`."""
    if given == "-":
        return Output(given, None, "-")
    try:
        st = os.stat(given)  # follows a symlink: what matters is what it points at
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputRefused(f"{given}: cannot be written ({exc.strerror or exc})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputRefused(f"{given} is a folder: give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        return Output(given, None, given)  # a device, FIFO or socket: a stream
    target = os.path.realpath(given)
    _refuse_inputs(given, target, st, protected, inputs)
    if st is not None and not force:
        raise FileExistsError(f"{given} exists: not replaced (use --force to replace it)")
    return Output(given, target, None, force)


def _refuse_inputs(given: str, target: str, st: os.stat_result | None, protected: Iterable[str],
                   inputs: Iterable[str]) -> None:
    for path in protected:
        if st is not None and _same_file(st, path) or os.path.realpath(path) == target:
            raise OutputRefused(f"{given} is the store this command reads: write the output elsewhere")
    for path in inputs:
        real = os.path.realpath(path)
        if st is not None and _same_file(st, path) or real == target:
            raise OutputRefused(f"{given} is an input of this run: write the output elsewhere")
        if os.path.isdir(real) and os.path.commonpath([real, target]) == real \
                and os.path.splitext(target)[1].lower() in INPUT_SUFFIXES:
            raise OutputRefused(f"{given} is inside the input folder {path} and would be read as an input: "
                                f"write the output elsewhere")


def _same_file(st: os.stat_result, path: str) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


@contextmanager
def opened(out: Output) -> Iterator[TextIO]:
    """A UTF-8 text handle (newline='') on the output. A file appears, or
    is replaced, only when the block ends without an exception."""
    if out.stream is not None:
        if out.stream == "-":
            yield sys.stdout
            sys.stdout.flush()
            return
        with open(out.stream, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    folder = os.path.dirname(out.path)
    remove_stale_parts(folder)
    fd, tmp = make_part(out.path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if out.force:
            os.replace(tmp, out.path)
        else:
            _link_new(tmp, out.path, out.shown)
    except BaseException:
        discard(tmp)
        raise


def make_part(path: str) -> tuple[int, str]:
    """A new temporary file beside `path`, named with this process's id."""
    folder = os.path.dirname(os.path.abspath(path))
    return tempfile.mkstemp(prefix=f".{os.path.basename(path)}.{os.getpid()}.", suffix=".part", dir=folder)


_PART = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.part$")  # make_part's names (mkstemp adds 8)


def remove_stale_parts(folder: str) -> list[str]:
    """Remove the temporary files in `folder` that a process now gone left
    (a killed export or extract); the names of those removed."""
    removed = []
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return removed
    for name in names:
        m = _PART.match(name)
        if m and not process_alive(int(m.group(1))):
            discard(os.path.join(folder, name))
            removed.append(name)
    return removed


def discard(path: str) -> None:
    """Remove a file if it is there."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _link_new(tmp: str, path: str, shown: str) -> None:
    """Move tmp to path unless path appeared meanwhile (no clobbering race)."""
    try:
        os.link(tmp, path)  # raises FileExistsError if it exists
    except FileExistsError:
        raise FileExistsError(f"{shown} exists: not replaced (use --force to replace it)") from None
    except OSError:  # a file system without hard links
        if os.path.lexists(path):
            raise FileExistsError(f"{shown} exists: not replaced (use --force to replace it)") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)
