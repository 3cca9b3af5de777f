"""The `conflictui` command.

With no subcommand it opens the app. Subcommands ingest articles, list
and export events, and report on the store. Every failure is one line
naming what failed and why, never a traceback.
"""
from __future__ import annotations

import csv
import errno
import json
import os
import sqlite3
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from store import settings

from store.nlp.cues import EVENT_TYPES
from store.db.query import UNDATED, EventFilter, EventStore, UnknownName
from store.db.schema import SchemaError
from store.text.textsafe import one_line

from ..examples import ACTOR, TOWN
from .review import review_filter_options
from ..shaping import fit, resolve_shaping
from .options import check_date_bound, check_date_range

EPILOG = f"""\b
Examples:
  conflictui ingest sample_articles/
  conflictui events --actor {ACTOR.ar or ACTOR.en} --town "{TOWN.ar or TOWN.en}"
  conflictui events --actor ISIS --town "Deir ez-Zor" --format jsonl
  conflictui export --actor ISIS --format geojson -o isis.geojson
  conflictui                      # open the app
"""


def default_db() -> str:
    return settings.db_path()


def _version() -> str:
    try:
        return version("conflictui")
    except PackageNotFoundError:
        return "0.0.0+local"


def fail(message: str, code: int = 2) -> None:
    click.echo(f"conflictui: {one_line(message)}", err=True)
    sys.exit(code)


def open_store(ctx: click.Context) -> EventStore:
    """The store of --db, for a command that reads it: a path where no store
    exists is an error (exit 1), and nothing is made there. It is opened
    read-only (a store on a read-only mount can be read; a refused file is
    left as it was)."""
    path = Path(ctx.obj["db"])
    if not path.is_file() or path.stat().st_size == 0:
        fail(f"no store at {path} (ingest first, or check --db)", code=1)
    try:
        return EventStore(path, create=False, readonly=True)
    except SchemaError as exc:
        fail(f"{ctx.obj['db']}: {exc}")
    except Exception as exc:  # sqlite3.DatabaseError and friends
        fail(f"{ctx.obj['db']}: cannot open the store ({exc})")


def filter_options(f):
    """The filter options that events, export and the app share."""
    opts = [
        click.option("--actor", "actors", multiple=True, metavar="NAME",
                     help="Actor as actor1 or actor2: id, English or Arabic name, or alias. Repeat for any of several."),
        click.option("--town", "towns", multiple=True, metavar="NAME",
                     help="Town or place, including what lies inside it (neighbourhoods, facilities). Repeatable."),
        click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES), metavar="TYPE",
                     help="Event type (README, \"Event types\"): " + ", ".join(EVENT_TYPES) + ". Repeatable."),
        click.option("--since", metavar="YYYY-MM-DD", callback=check_date_bound,
                     help="Events on or after this date (or year YYYY, or month YYYY-MM)."),
        click.option("--until", metavar="YYYY-MM-DD", callback=check_date_bound,
                     help="Events on or before this date (or the end of year YYYY, or month YYYY-MM)."),
        click.option("--undated", type=click.Choice(UNDATED), default=None,
                     help="Events without a date: include them under --since/--until too, exclude them always, "
                          "or only them. Default: left out under --since/--until (the summary says how many)."),
        click.option("--exact", is_flag=True,
                     help="An actor is only itself, not also its parts (its ministries, forces, spokesmen)."),
        click.option("--search", "text", metavar="WORDS", help="Words in the event's sentence (Arabic, normalised)."),
        *review_filter_options(),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def make_filter(actors=(), towns=(), types=(), since=None, until=None, text=None, ids=(), undated=None,
                exact=False, **review) -> EventFilter:
    """`review`: the review filter options (tui/cli/review.py)."""
    check_date_range(since, until)
    return EventFilter(tuple(actors), tuple(towns), tuple(types), since, until, tuple(ids), text, undated, exact,
                       **review)


def checked_count(store: EventStore, flt: EventFilter) -> int:
    """The events under `flt`, after saying on stderr what its names took."""
    say_names_taken(store, flt)
    try:
        return store.count(flt)
    except UnknownName as exc:
        fail(str(exc))


def say_names_taken(store: EventStore, flt: EventFilter, shown: int = 6) -> None:
    """One stderr line per filter name that took more than one entry: the
    places a shared name matched, an actor's parts. An unknown name fails
    with the nearest names."""
    try:
        matches = store.names_taken(flt)
    except UnknownName as exc:
        fail(str(exc))
    for m in matches:
        if len(m.taken) < 2:
            continue
        names = ", ".join(m.labels[:shown]) + (f", +{len(m.labels) - shown} more" if len(m.labels) > shown else "")
        if m.kind == "place":
            click.echo(f"--town {m.text!r} took {len(m.taken)} places: {names}", err=True)
        elif len(m.named) == 1:
            click.echo(f"--actor {m.text!r} took {m.labels[0]} and its {len(m.taken) - 1} parts: "
                       f"{names.split(', ', 1)[1]} (--exact: the actor alone)", err=True)
        else:
            click.echo(f"--actor {m.text!r} took {len(m.taken)} actors: {names}", err=True)


def undated_note(store: EventStore, flt: EventFilter) -> str | None:
    """"+25 undated not shown" when the filter leaves undated events out."""
    n = store.undated_left_out(flt)
    return f"+{n} undated not shown (--undated include shows them)" if n else None


class DefaultToApp(click.Group):
    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "[OPTIONS] [COMMAND [ARGS]...]")

    def main(self, *args, **kwargs):
        """Every command, --help and --version included: output to a closed
        pipe (`| head`) ends quietly, output to a full disk with one line."""
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # short outputs fail here, not at exit
                _warn_undecodable()
        except OSError as exc:
            _output_failed(exc)
        except sqlite3.DatabaseError as exc:  # a damaged page or a failed read, met half-way through a command
            from store.db.damage import recover_hint

            if "I/O error" in str(exc):
                fail(f"{_db_of()}: cannot read the store ({one_line(str(exc))})", code=1)
            fail(f"{_db_of()}: the store is damaged ({one_line(str(exc))}); {recover_hint(_db_of())}", code=1)


def _db_of() -> str:
    return _RUN.get("db") or "the store"


_RUN: dict[str, str] = {}  # the store this run uses, for the messages of DefaultToApp.main


def _warn_undecodable() -> None:
    """Once per command: text that was not UTF-8 was shown with U+FFFD."""
    from store.db import schema

    if schema.undecodable["values"]:
        click.echo(f"conflictui: warning: {schema.undecodable['values']} text values in the store are not UTF-8 "
                   "(a damaged store); shown with U+FFFD; `conflictui doctor` says where", err=True)
        schema.undecodable["values"] = 0


def _output_failed(exc: OSError) -> None:
    """A write that failed: exit 1, quietly for a closed pipe, else with one
    line. Standard output is pointed at /dev/null first, so that the
    interpreter's last flush of what is still buffered does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if exc.errno == errno.EPIPE:
        sys.exit(1)
    where = os.fsdecode(exc.filename) if exc.filename else "standard output"
    fail(f"cannot write {where}: {exc.strerror or exc}", code=1)


@click.group(cls=DefaultToApp, invoke_without_command=True, epilog=EPILOG)
@click.option("--db", default=default_db, show_default="$CONFLICTUI_DB or the user data folder",
              metavar="PATH", help="The SQLite store to use.")
@click.option("--shaping", type=click.Choice(["auto", "on", "off"]), default=None,
              help="Arabic shaping on screen: auto (off in terminals that do bidi themselves), on, off. "
                   "Default: $CONFLICTUI_SHAPING or auto.")
@click.version_option(_version(), prog_name="conflictui")
@click.pass_context
def main(ctx: click.Context, db: str, shaping: str | None) -> None:
    """Explore events of the wars in Syria and Iraq, extracted from Arabic
    news articles into a local SQLite store.

    Run with no command to open the app (an empty store is first filled
    from the bundled sample articles, after asking when --db names an
    existing store)."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = _RUN["db"] = db
    try:
        ctx.obj["shaping"] = resolve_shaping(shaping)
    except ValueError as exc:
        fail(str(exc))
    if str(shaping or settings.shaping_mode()).strip().lower() == "auto" \
            and not sys.stdout.isatty():
        ctx.obj["shaping"] = False  # piped tables stay in logical order, as stored
    ctx.obj["shaping_mode"] = shaping
    if ctx.invoked_subcommand is None:
        from ..app import run_app

        # a store named by --db or $CONFLICTUI_DB is the user's: ask before adding the samples
        run_app(db, shaping, explicit_store=db != settings.db_path({}))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes that extract; one writer writes.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for files that don't give one.")
@click.option("--source", metavar="OUTLET", help="Outlet for files that don't name one.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--extracted", is_flag=True,
              help="PATHS are JSONL files made by `conflictui extract` (maybe on other machines): write them, "
                   "do not extract again.")
@click.option("--no-wait", is_flag=True,
              help="If another ingest into the same store is running, exit 3 instead of waiting for it.")
@click.pass_context
def ingest(ctx, paths, jobs, published, source, quiet, no_wait, extracted):
    """Read articles into the store: .txt/.md (optional YAML front matter),
    .json and .jsonl batches; folders are walked recursively.

    Ingesting an article already in the store adds nothing. Exits 1 when
    any file failed; each failure is one line naming the file and why.
    Two ingests into one store take turns (exit 3 with --no-wait).

    One article (a file, or one line of a .jsonl batch) may be up to 64 MB,
    and its text is cut at 500,000 characters; a .jsonl batch is read a line
    at a time and has no size limit."""
    import sqlite3

    from store.text.articles import clean_date
    from store.db.ingest import IngestBusy, ingest as run_ingest
    from store.db.processes import raise_on_termination

    raise_on_termination()  # SIGTERM, SIGHUP: unwind as on Ctrl-C, stopping the workers

    if published:
        try:
            published = clean_date(published)
        except ValueError as exc:
            fail(f"--published: {exc}")
    show = not quiet and sys.stderr.isatty()
    progress = _IngestProgress(list(paths), extracted) if show else None

    def on_article(path, reports, new):
        if progress:
            progress.article(path, new)

    def on_error(err):
        if show:
            click.echo("\r" + " " * 80 + "\r", err=True, nl=False)
        click.echo(f"error: {one_line(str(err))}", err=True)

    def on_wait():
        click.echo(f"waiting for another ingest into {ctx.obj['db']} to finish…", err=True)

    try:
        summary = run_ingest(ctx.obj["db"], list(paths), jobs=jobs, published=published, source=source,
                             on_article=on_article, on_error=on_error, wait=not no_wait, on_wait=on_wait,
                             extracted=extracted)
    except IngestBusy as exc:
        fail(f"{exc}; not waiting (--no-wait)", code=3)
    except SchemaError as exc:
        fail(f"{ctx.obj['db']}: {exc}")
    except sqlite3.DatabaseError as exc:
        fail(f"{ctx.obj['db']}: cannot use the store ({exc})")
    except OSError as exc:
        fail(f"{ctx.obj['db']}: {exc.strerror or exc}")
    except KeyboardInterrupt as exc:
        fail("interrupted; every article stored so far is complete, ingest again to add the rest",
             code=128 + getattr(exc, "signum", 2))
    if show:
        click.echo("\r" + " " * 80 + "\r", err=True, nl=False)
    _say_ingested(summary, ctx.obj["db"])
    sys.exit(0 if summary.ok else 1)


def _say_ingested(summary, db: str) -> None:
    """The notes and the one-line summary of an ingest, on stderr."""
    for note in summary.notes + _unpublished_note(summary.unpublished):
        click.echo(f"note: {one_line(note)}", err=True)
    click.echo(
        f"{summary.articles} articles ingested, {summary.duplicates} already in the store, "
        f"{summary.reports} event reports, {summary.events_new} new events, {len(summary.failures)} failed "
        f"→ {db}",
        err=True,
    )


def _unpublished_note(paths: list[str], shown: int = 10) -> list[str]:
    """The note on the articles stored without a publication date (their
    relative dates, yesterday, on Thursday, could not be placed), if any."""
    if not paths:
        return []
    more = f", +{len(paths) - shown} more" if len(paths) > shown else ""
    return [f"{len(paths)} article{'s' if len(paths) > 1 else ''} without a publication date, so "
            f"relative dates in {'them' if len(paths) > 1 else 'it'} (yesterday, on Thursday) are lost: "
            f"{', '.join(one_line(p) for p in paths[:shown])}{more}; give the date with --published YYYY-MM-DD "
            "(or a published: line in the front matter)"]


class _IngestProgress:
    """A progress bar on stderr: files done of files found, articles and new
    events so far. Files are counted first (a walk is cheap next to
    extraction); a JSONL batch is one file."""

    WIDTH = 24

    def __init__(self, paths: list[str], extracted: bool):
        from store.text.articles import ReadError, walk_paths

        if extracted:
            self.total = sum(1 for p in paths for _ in ([p] if Path(p).is_file() else Path(p).rglob("*.jsonl")))
        else:
            self.total = sum(1 for item in walk_paths(paths) if not isinstance(item, ReadError))
        self.files: set[str] = set()
        self.articles = 0
        self.events = 0

    def article(self, path: str, new_events: int) -> None:
        self.articles += 1
        self.events += new_events
        self.files.add(path.rsplit(":", 1)[0].rsplit("#", 1)[0] if not Path(path).exists() else path)
        done = min(len(self.files), self.total)
        filled = int(self.WIDTH * done / self.total) if self.total else self.WIDTH
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        click.echo(f"\r{bar} {done}/{self.total} files · {self.articles} articles · {self.events} new events ",
                   err=True, nl=False)


EVENT_COLUMNS = ["id", "date", "event_type", "actor1", "actor2", "place", "reported_by", "reports"]


def _name(ref: dict | None, lang: str = "both") -> str:
    if not ref:
        return ""
    en, ar = ref.get("name_en") or ref.get("id") or "", ref.get("name_ar") or ""
    return {"en": en, "ar": ar or en}.get(lang, f"{en} ({ar})" if ar and en else en or ar)


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table",
              show_default=True)
@click.option("--limit", type=int, default=None, help="At most this many events (table default: 50).")
@click.pass_context
def events(ctx, actors, towns, types, since, until, undated, exact, text, fmt, limit, **review):
    """List events, newest first, under the filters.

    \b
    conflictui events --actor داعش --town "دير الزور"
    conflictui events --actor ISIS --town "Deir ez-Zor" --format jsonl"""
    store = open_store(ctx)
    flt = make_filter(actors, towns, types, since, until, text, undated=undated, exact=exact, **review)
    total = checked_count(store, flt)
    undated_left = undated_note(store, flt)
    if undated_left and fmt != "table":
        click.echo(f"note: {undated_left}", err=True)
    if fmt == "table" and limit is None:
        limit = 50
    records = store.iter_records(flt)
    out = sys.stdout
    n = 0
    if fmt == "jsonl":
        for rec in records:
            if limit is not None and n >= limit:
                break
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for rec in records:
            if limit is not None and n >= limit:
                break
            out.write(("," if n else "") + "\n" + json.dumps(rec, ensure_ascii=False))
            n += 1
        out.write("\n]\n")
    elif fmt == "csv":
        from store.report.export import flatten_record, CSV_COLUMNS

        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for rec in records:
            if limit is not None and n >= limit:
                break
            w.writerow(flatten_record(rec))
            n += 1
    else:
        shaping = ctx.obj["shaping"]
        widths = [7, 10, 16, 24, 24, 22, 20, 3]
        click.echo("  ".join(h.upper()[:w].ljust(w) for h, w in zip(EVENT_COLUMNS, widths)))
        for rec in records:
            if n >= limit:
                break
            cells = [str(rec["id"]), rec["date"] or "", rec["event_type"], _name(rec["actor1"]), _name(rec["actor2"]),
                     _name(rec["place"]), _name(rec["reported_by"]), str(rec["reports"])]
            click.echo("  ".join(_cell(c, w, shaping) for c, w in zip(cells, widths)))
            n += 1
        click.echo(" · ".join(x for x in (f"{n} of {total} events", undated_left, flt.to_cli()) if x), err=True)


def _cell(text: str, width: int, shaping: bool) -> str:
    from rich.cells import cell_len

    shown = fit(one_line(text), width, shaping)
    return shown + " " * max(0, width - cell_len(shown))


def _facet_table(ctx, rows, header: list[str]):
    shaping = ctx.obj["shaping"]
    widths = [28, 30, 26, 18, 7]
    click.echo("  ".join(h.upper().ljust(w) for h, w in zip(header, widths)))
    for r in rows:
        cells = [r.id, r.name_en or "", r.name_ar or "", r.kind or "", str(r.count)]
        click.echo("  ".join(_cell(c, w, shaping) for c, w in zip(cells, widths)))


def _facet_command(name: str, facets: str, doc: str):
    """`actors` and `places`: a facet of the store under the filters."""

    @main.command(name=name, help=doc)
    @filter_options
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    @click.pass_context
    def command(ctx, actors, towns, types, since, until, undated, exact, text, fmt, **review):
        store = open_store(ctx)
        flt = make_filter(actors, towns, types, since, until, text, undated=undated, exact=exact, **review)
        checked_count(store, flt)
        if note := undated_note(store, flt):
            click.echo(f"note: {note}", err=True)
        rows = getattr(store, facets)(flt)
        if fmt == "json":
            click.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
        else:
            _facet_table(ctx, rows, ["id", "name_en", "name_ar", "kind", "events"])

    return command


actors = _facet_command("actors", "actor_facets",
                        "Actors with their event counts (as actor1 or actor2) under the filters.")
places = _facet_command("places", "place_facets",
                        "Places with their event counts under the filters; a place's count includes "
                        "the events of the places inside it.")


@main.command()
@click.option("--recover", "recover_to", metavar="NEW.db", type=click.Path(dir_okay=False),
              help="Copy what is readable of a damaged store into the new file NEW.db (SQLite's .recover where "
                   "the sqlite3 shell is installed, else every row a scan of each table reaches).")
@click.pass_context
def doctor(ctx, recover_to):
    """Report the store's schema version, counts and integrity check, and
    any text that is not UTF-8; exit 1 when anything is wrong."""
    from store.db.damage import recover, recover_hint, undecodable_text

    if recover_to:
        if not Path(ctx.obj["db"]).is_file():
            fail(f"no store at {ctx.obj['db']}", code=1)
        try:
            how = recover(ctx.obj["db"], recover_to)
        except (ValueError, OSError, sqlite3.DatabaseError) as exc:
            fail(f"cannot recover into {recover_to}: {exc}", code=1)
        click.echo(f"recovered {ctx.obj['db']} into {recover_to} with {how}; check it with "
                   f"`conflictui --db {recover_to} doctor`", err=True)
        return
    store = open_store(ctx)
    try:
        stats = store.stats()
        health = store.health()
        bad_text, where = undecodable_text(ctx.obj["db"])
    except sqlite3.DatabaseError as exc:  # a damaged file
        fail(f"{ctx.obj['db']}: the store is damaged ({exc}); {recover_hint(ctx.obj['db'])}", code=1)
    integrity = one_line(health["integrity_check"])
    partial, orphans = health["partial_articles"], health["orphan_rows"]
    click.echo(f"store: {ctx.obj['db']}")
    for k, v in stats.items():
        click.echo(f"{k}: {v}")
    click.echo(f"integrity_check: {integrity}")
    click.echo(f"partial_articles: {partial}")
    click.echo(f"orphan_rows: {orphans}")
    click.echo(f"undecodable_text: {bad_text}" + (f" ({', '.join(where)})" if where else ""))
    if integrity != "ok" or bad_text:
        click.echo(f"conflictui: the store is damaged; {recover_hint(ctx.obj['db'])}", err=True)
    sys.exit(0 if integrity == "ok" and not partial and not orphans and not bad_text else 1)


@main.command()
@click.option("--path", "show_path", is_flag=True, help="Print the user dictionary folder and exit.")
@click.option("--check", is_flag=True,
              help="List every broken row (file and line: wrong column count, a bad number, an unknown parent) "
                   "and unreadable file; exit 1 if there is any.")
@click.option("--cue", "cue_words", metavar="WORDS",
              help="The cues.tsv rows written as WORDS or generating them (a verb row from any of its conjugations), "
                   "each with every form it matches (normalised); exit 1 if no row does.")
def dicts(show_path, check, cue_words):
    """Where the dictionaries come from, and how many entries they hold.

    Put actors.tsv, places.tsv or cues.tsv in the user dictionary folder
    (same columns as the shipped files) to add or override entries. A
    broken row is left out, with a warning when the dictionaries load."""
    from store.nlp import dictionaries
    from store.nlp.dictionaries import Dictionaries, user_dict_dir

    if show_path:
        click.echo(str(user_dict_dir()))
        return
    if check:
        dictionaries.problem_notice = lambda problems: None  # listed below, not warned about
        d = Dictionaries()
        for problem in d.problems:
            click.echo(one_line(problem))
        click.echo(f"{len(d.problems)} problems in {len(d.sources)} files", err=True)
        sys.exit(1 if d.problems else 0)
    if cue_words is not None:
        _show_cue_forms(Dictionaries(), cue_words)
        return
    d = Dictionaries()
    click.echo(f"user folder: {d.user_dir}")
    for s in d.sources:
        click.echo(f"loaded: {s}")
    click.echo(f"actors: {len(d.actors)}  places: {len(d.places)}  cues: {len(d.cues)}")


def _show_cue_forms(d, words: str) -> None:
    from store.nlp.cues import rows_forming

    found = rows_forming(d.cues, words)
    for row, forms in found:
        conditions = "  ".join(f"{k}={row[k]}" for k in ("not_after", "requires", "after", "flags") if row.get(k))
        click.echo(one_line(f"{row['event_type']}\t{row['pattern']}\t{row.get('role') or 'verb'}\t{conditions}"))
        click.echo(one_line(f"  {len(forms)} forms: " + " ".join(forms)))
    if not found:
        click.echo(one_line(f"conflictui: no cue is written as or generates «{words}»"), err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True,
              help="The JSONL file to write (- for standard output); with --scheduler, a folder.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for files that don't give one.")
@click.option("--source", metavar="OUTLET", help="Outlet for files that don't name one.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster: tcp://HOST:8786, or local[:N] for N local worker processes. "
                   "-o is then a folder of parts with a manifest; a rerun skips the parts already written.")
@click.option("--part-files", type=click.IntRange(1, 10_000), default=4, show_default=True,
              help="With --scheduler: article files per part.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def extract(paths, output, published, source, scheduler, part_files, force):
    """Extract events from articles without a store, as JSON lines that
    `conflictui ingest --extracted` merges. Extraction is a pure function of
    an article, so a large corpus can be split across machines (or a Dask or
    Spark job calling store.db.extracted.extract_record) and merged by one
    writer.

    \b
    conflictui extract part1/ -o part1.jsonl      # on machine 1
    conflictui extract part2/ -o part2.jsonl      # on machine 2
    conflictui ingest --extracted part1.jsonl part2.jsonl

    \b
    conflictui extract --scheduler local:2 corpus/ -o parts/
    conflictui extract --scheduler tcp://HOST:8786 corpus/ -o parts/
    conflictui ingest --extracted parts/"""
    from store.text.articles import ReadError, clean_date, read_paths
    from store.nlp.dictionaries import default_dictionaries
    from store.nlp.extract import Extractor
    from store.db.extracted import extract_record
    from store.report.output import OutputRefused, opened, plan_output

    if published:
        try:
            published = clean_date(published)
        except ValueError as exc:
            fail(f"--published: {exc}")
    if scheduler:
        from .cluster import extract_on_cluster

        extract_on_cluster(list(paths), output, scheduler, {"published": published, "source": source}, part_files)
    try:  # written through a temporary file, renamed when complete (store/report/output.py)
        target = plan_output(output, force, inputs=list(paths))
    except (FileExistsError, OutputRefused) as exc:
        fail(str(exc))
    extractor = Extractor(default_dictionaries())
    failed = written = 0
    try:
        with opened(target) as out:
            for item in read_paths(list(paths), {"published": published, "source": source}):
                if isinstance(item, ReadError):
                    failed += 1
                    click.echo(f"error: {one_line(str(item))}", err=True)
                    continue
                out.write(json.dumps(extract_record(item, extractor), ensure_ascii=False) + "\n")
                written += 1
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}; nothing was replaced")
    except KeyboardInterrupt:
        fail(f"interrupted; {output} was not written", code=130)
    click.echo(f"{written} articles extracted, {failed} failed → {output}", err=True)
    sys.exit(1 if failed else 0)


def _register_optional_commands() -> None:
    """Commands that live in their own modules."""
    from .export import export
    from .disputes import disputes
    from .review import corrections, reextract, review

    main.add_command(export)
    main.add_command(disputes)
    for command in (review, corrections, reextract):
        main.add_command(command)


_register_optional_commands()

