"""Extraction on a Dask cluster: the same pure function, mapped over parts.

`conflictui extract --scheduler ... PATH... -o OUT_DIR/` splits the article
files into parts of a few files, maps `extract_part` over them with
dask.bag, and writes one JSONL file per part into OUT_DIR, beside a
`manifest.json` of each part's files and content hashes. A rerun skips
every part whose file is written and whose files' hashes are unchanged, so
a killed run or a lost worker costs only the parts not yet written.
`conflictui ingest --extracted OUT_DIR/` then merges the parts with the one
writer, as for any extraction file.

Workers must read the article files at the paths the client names (a
shared folder; a LocalCluster shares the machine). The client sends the
user's dictionary files with every part, and a worker whose dictionaries
do not give the client's fingerprint refuses the part.

Dask is an optional extra: `pip install 'conflictui[cluster]'`.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..text.articles import ReadError, walk_paths

MANIFEST = "manifest.json"
PART_FILES = 4  # files per part: small parts lose little when a worker dies


class ClusterError(Exception):
    """A cluster run that cannot go on, with the reason in one line."""


@dataclass
class Part:
    """Files extracted together: their paths, shown names and content hashes."""

    name: str
    files: list[tuple[str, str, str]]  # (path, shown, sha256)

    @property
    def hashes(self) -> list[list[str]]:
        return [[shown, digest] for _, shown, digest in self.files]


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def plan_parts(paths: Iterable[str], part_files: int = PART_FILES) -> tuple[list[Part], list[ReadError]]:
    """The article files under `paths` in walk order, in parts of
    `part_files`; a part's name holds its index and a hash of its files."""
    files, errors = [], []
    for item in walk_paths(paths):
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        try:
            files.append((str(item[0]), item[1], _digest(item[0])))
        except OSError as exc:
            errors.append(ReadError(item[1], f"cannot be read ({exc.strerror or exc})"))
    parts = []
    for start in range(0, len(files), part_files):
        chunk = files[start:start + part_files]
        key = hashlib.sha256(json.dumps([f[2] for f in chunk]).encode()).hexdigest()[:12]
        parts.append(Part(f"part-{start // part_files:05d}-{key}.jsonl", chunk))
    return parts, errors


def user_dictionary_texts(user_dir: Path | None, names: Iterable[str]) -> dict[str, str]:
    """The user's dictionary files, by name, to send with every part."""
    out = {}
    for name in names:
        path = user_dir / name if user_dir else None
        if path and path.is_file():
            out[name] = path.read_text(encoding="utf-8-sig")
    return out


_EXTRACTORS: dict = {}  # fingerprint → Extractor, per worker process


def extract_part(part: Part, defaults: dict, dict_texts: dict[str, str], fingerprint: str) -> dict:
    """On a worker: the JSONL lines and errors of one part's files.

    The user's dictionaries come with the part. The lexicon is read when
    store.nlp is first imported, so this sets the user folder before the
    import (and checks afterwards that a reused worker read the same)."""
    folder = Path(tempfile.gettempdir()) / f"conflictui-dicts-{fingerprint}"
    folder.mkdir(exist_ok=True)
    for name, text in dict_texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings.use_dict_dir(folder)
    from ..text.articles import read_file  # noqa: PLC0415 (after the user folder is set)
    from ..nlp.dictionaries import Dictionaries  # noqa: PLC0415
    from ..nlp.extract import Extractor  # noqa: PLC0415
    from ..nlp import lexicon  # noqa: PLC0415
    from .extracted import extract_record  # noqa: PLC0415

    extractor = _EXTRACTORS.get(fingerprint)
    if extractor is None:  # the first part this worker process gets: build once, reuse for the others
        dicts = Dictionaries(user_dir=folder)
        if dicts.fingerprint != fingerprint or lexicon.load_lexicon().digests != lexicon.LOADED.digests:
            raise ClusterError(f"a worker's dictionaries differ from the client's ({dicts.fingerprint} against "
                               f"{fingerprint}): install the same conflictui on every worker, and restart them")
        extractor = _EXTRACTORS[fingerprint] = Extractor(dicts)
    lines, errors = [], []
    for path, shown, _ in part.files:
        for item in read_file(Path(path), shown, defaults):
            if isinstance(item, ReadError):
                errors.append([item.path, item.reason])
            else:
                lines.append(json.dumps(extract_record(item, extractor), ensure_ascii=False))
    return {"name": part.name, "lines": lines, "errors": errors}


@dataclass
class RunSummary:
    """What a cluster run did: parts written now, parts kept from before,
    articles written, and the errors (path, reason)."""

    written: int = 0
    kept: int = 0
    articles: int = 0
    errors: list[tuple[str, str]] | None = None


def _read_manifest(out_dir: Path) -> dict:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _done(part: Part, out_dir: Path, manifest: dict) -> bool:
    entry = manifest.get("parts", {}).get(part.name)
    return bool(entry) and entry.get("files") == part.hashes and (out_dir / part.name).is_file()


def _drop_stale_parts(out_dir: Path, parts: list[Part]) -> None:
    """Part files of an earlier plan would be merged twice: they go."""
    keep = {p.name for p in parts}
    for path in out_dir.glob("part-*.jsonl"):
        if path.name not in keep:
            path.unlink()


def open_client(scheduler: str):
    """A dask.distributed Client: `local` or `local:N` starts a LocalCluster
    of N worker processes (2 by default); anything else is an address."""
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'conflictui[cluster]'") from None
    if scheduler == "local" or scheduler.startswith("local:"):
        n = scheduler.partition(":")[2] or "2"
        if not n.isdigit() or int(n) < 1:
            raise ClusterError(f"--scheduler {scheduler}: local:N takes a number of workers of 1 or more")
        cluster = LocalCluster(n_workers=int(n), threads_per_worker=1, processes=True, dashboard_address=":0")
        return Client(cluster)
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"--scheduler {scheduler}: cannot reach the scheduler ({exc})") from None


def run_parts(client, parts: list[Part], out_dir: Path, job: dict,
              progress: Callable[[str], None] = lambda _: None) -> RunSummary:
    """Map extract_part over the parts not yet written (dask.bag), and write
    each part and the manifest as its result arrives."""
    import dask.bag as db  # noqa: PLC0415 (an optional extra)
    from dask.distributed import as_completed  # noqa: PLC0415

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out_dir)
    if manifest.get("dictionaries") not in (None, job["fingerprint"]):
        manifest = {}  # other dictionaries: every part is extracted again
    manifest = {"format": "conflictui-extraction-parts/1", "dictionaries": job["fingerprint"],
                "parts": {p.name: manifest.get("parts", {}).get(p.name) for p in parts
                          if _done(p, out_dir, manifest)}}
    _drop_stale_parts(out_dir, [p for p in parts if p.name in manifest["parts"]])
    todo = [p for p in parts if p.name not in manifest["parts"]]
    summary = RunSummary(kept=len(parts) - len(todo), errors=[])
    if not todo:
        return summary
    bag = db.from_sequence(todo, npartitions=len(todo)).map(
        extract_part, job["defaults"], job["dict_texts"], job["fingerprint"])
    futures = client.compute(bag.to_delayed())
    for future in as_completed(futures):
        (result,) = future.result()
        _write_atomic(out_dir / result["name"], "".join(line + "\n" for line in result["lines"]))
        part = next(p for p in todo if p.name == result["name"])
        manifest["parts"][part.name] = {"files": part.hashes, "articles": len(result["lines"]),
                                        "errors": result["errors"]}
        _write_atomic(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        summary.written += 1
        summary.articles += len(result["lines"])
        summary.errors.extend(tuple(e) for e in result["errors"])
        progress(f"part {summary.written + summary.kept}/{len(parts)} written ({len(result['lines'])} articles)")
    return summary
