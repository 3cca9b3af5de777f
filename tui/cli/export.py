"""`conflictui export`: a thin wrapper around store.report.export.export_events."""
from __future__ import annotations

import io
import sys

import click

from store.report.export import FORMATS, export_events, format_for_path
from store.db.query import UnknownName
from store.text.textsafe import one_line

from .options import parse_ids


def _command():
    from .main import filter_options  # tui.cli imports this module at its end

    @click.command()
    @filter_options
    @click.option("--ids", "ids", multiple=True, metavar="ID,ID,...", callback=parse_ids,
                  help="Exactly these events (comma-separated ids; repeatable). Combines with the filters.")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                  help="Output format. Default: from the -o file's ending (.csv .jsonl .json .geojson .md), "
                       "else jsonl.")
    @click.option("-o", "--output", "output", metavar="FILE", type=click.Path(dir_okay=False),
                  help="Write to FILE (via a temporary file, renamed when complete). Default (or -): standard output.")
    @click.option("--force", is_flag=True, help="Replace FILE if it exists.")
    @click.pass_context
    def export(ctx, actors, towns, types, since, until, undated, exact, text, ids, fmt, output, force, **review):
        """Export the selected events: the same filters as `events`.

        \b
        csv       one row per event, nested fields flattened, UTF-8 with BOM
        jsonl     one output-contract record per line (as `events --format jsonl`)
        json      a JSON array of the same records
        geojson   a FeatureCollection of points (events without a place: noted, not written)
        acled     ACLED's standard columns, for the event types ACLED codes
        markdown  a short report: counts by type, actor and place, then the events

        \b
        conflictui export --actor ISIS --format geojson -o isis.geojson
        conflictui export --town "دير الزور" --format acled -o deir.csv
        conflictui export --ids 12,15,40 --format markdown"""
        from .main import fail, make_filter, open_store, say_names_taken, undated_note

        fmt = _format_of(fmt, output, fail)
        store = open_store(ctx)
        flt = make_filter(actors, towns, types, since, until, text, ids, undated, exact, **review)
        say_names_taken(store, flt)
        output = None if output == "-" else output
        result = _write(store, flt, fmt, output, force, fail)
        for note in result.notes:
            click.echo(f"note: {one_line(note)}", err=True)
        done = (f"{result.written} events → {output or 'standard output'}", undated_note(store, flt))
        click.echo(" · ".join(x for x in done if x), err=True)

    return export


def _format_of(fmt, output, fail) -> str:
    """The format asked for, else the one the -o file's ending names, else jsonl."""
    if fmt is None:
        fmt = (format_for_path(output) if output else None) or ("jsonl" if not output else None)
        if fmt is None:
            fail(f"cannot tell the format from {output!r}: give --format ({', '.join(FORMATS)})")
    return fmt


def _write(store, flt, fmt, output, force, fail):
    """export_events to `output` (standard output when None, as UTF-8
    whatever the locale says, so Arabic never fails to encode); every
    failure is one line."""
    stream = None
    try:
        binary = getattr(sys.stdout, "buffer", None) if output is None else None
        if binary is not None:
            sys.stdout.flush()
            stream = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
        return export_events(store, flt, fmt, output, force=force, out=stream or sys.stdout)
    except UnknownName as exc:
        fail(str(exc))
    except FileExistsError:
        fail(f"{output} exists: not replaced (use --force to replace it)")
    except BrokenPipeError:
        sys.exit(0)  # `| head`: the reader had enough
    except OSError as exc:
        fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}")
    except ValueError as exc:
        fail(str(exc))
    finally:
        if stream is not None:
            try:
                stream.flush()
                stream.detach()
            except (ValueError, OSError):
                pass


def __getattr__(name: str):
    """`export` is built on first use: tui.cli imports it at its end, and the
    command needs tui.cli's shared filter options, so either module may be
    imported first."""
    if name == "export":
        cmd = _command()
        return globals().setdefault("export", cmd)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
