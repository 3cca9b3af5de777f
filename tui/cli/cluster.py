"""`conflictui extract --scheduler`: extraction on a Dask cluster
(store/db/cluster.py), with progress on stderr."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from store.db.cluster import ClusterError, open_client, plan_parts, run_parts, user_dictionary_texts
from store.nlp.dictionaries import default_dictionaries
from store.text.textsafe import one_line


def extract_on_cluster(paths: list[str], output: str, scheduler: str, defaults: dict, part_files: int) -> None:
    """Write OUTPUT/part-*.jsonl and OUTPUT/manifest.json; exit 1 when a
    file failed, 2 when the run could not go on."""
    out_dir = Path(output)
    if out_dir.exists() and not out_dir.is_dir():
        _fail(f"-o {output}: with --scheduler the output is a folder of parts, and this is a file")
    for given in paths:  # parts are .jsonl: inside an input folder they would be read as articles next time
        source = Path(given).resolve()
        if out_dir.resolve() == source or out_dir.resolve().is_relative_to(source) or \
                source.is_relative_to(out_dir.resolve()):
            _fail(f"-o {output}: the folder of parts must lie outside the input {given}")
    dicts = default_dictionaries()
    parts, errors = plan_parts(paths, part_files)
    job = {"defaults": defaults, "fingerprint": dicts.fingerprint,
           "dict_texts": user_dictionary_texts(dicts.user_dir if dicts.include_user else None, dicts.FILES)}
    try:
        with open_client(scheduler) as client:
            click.echo(f"{len(parts)} parts of up to {part_files} files on {scheduler}", err=True)
            summary = run_parts(client, parts, out_dir, job, lambda line: click.echo(line, err=True))
    except ClusterError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail(f"interrupted; the parts written are kept in {out_dir}/, and a rerun resumes")
    except Exception as exc:  # noqa: BLE001 — a lost worker, scheduler or connection (dask's own types)
        _fail(f"the cluster run stopped ({type(exc).__name__}: {exc}); the parts written are kept in "
              f"{out_dir}/, and a rerun resumes")
    failures = [f"{e.path}: {e.reason}" for e in errors] + [f"{p}: {r}" for p, r in summary.errors]
    for line in failures:
        click.echo(f"error: {one_line(line)}", err=True)
    click.echo(f"{summary.written} parts written ({summary.articles} articles), {summary.kept} kept from an "
               f"earlier run, {len(failures)} failed → {out_dir}/ (merge: conflictui ingest --extracted {out_dir}/)",
               err=True)
    sys.exit(1 if failures else 0)


def _fail(message: str) -> None:
    from .main import fail  # tui.cli.main imports this module when --scheduler is given

    fail(message)
