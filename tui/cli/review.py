"""`conflictui review`, `conflictui corrections` and `conflictui reextract`:
the analyst in the loop.

Thin wrappers around the store's review API (store/db/review.py, the same
calls as the app's), store/db/corrections.py (export and import),
store/report/gold.py (--as-gold) and store/db/reextract.py. Events are
named by id; the correction is filed under the key of the report it
corrects (README, "Review and corrections").
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from store.nlp.dates import PRECISIONS

from store.db.corrections import Correction, CorrectionError
from store.db.query import UnknownName
from store.text.textsafe import one_line


def review_filter_options() -> list:
    """The review filter options that `events`, `export` and the app share
    (EventFilter's review, contested, include_rejected)."""
    from store.db.query import REVIEW_FILTERS

    return [
        click.option("--review", type=click.Choice(list(REVIEW_FILTERS)), default="any", show_default=True,
                     help="Events by review: unreviewed, reviewed (confirmed, corrected, added), corrected"
                          " (corrected or added) or rejected."),
        click.option("--contested", is_flag=True,
                     help="Events whose sources disagree: reports with different tolls, or a rival event"
                          " (another actor 1, same act and place within a day) told by another article."),
        click.option("--include-rejected", is_flag=True, help="Keep the events a reviewer rejected."),
    ]


def _store(ctx, write: bool = False):
    """The store of --db, checked as every command checks it (read-only);
    with `write`, opened again for writing (a correction is a write)."""
    from store.db.query import EventStore

    from .main import open_store

    store = open_store(ctx)
    if not write:
        return store
    store.close()
    try:
        return EventStore(store.path, create=False)
    except Exception as exc:  # sqlite3.OperationalError on a read-only file or mount
        _fail(f"{store.path}: cannot open the store for writing ({exc})")


def _fail(message: str) -> None:
    from .main import fail

    fail(message)


def _say(c: Correction, event_id: int | None = None) -> None:
    what = f"event {event_id}: " if event_id is not None else ""
    changes = ", ".join(f"{k}={v}" for k, v in c.changes.items())
    click.echo(f"{what}{c.action}{' ' + changes if changes else ''} by {c.by}"
               f" (report {c.key.article_hash[:12]} sentence {c.key.sentence_idx} {c.key.trigger} {c.key.rule})")


def _value_options(f):
    """The fields a correction sets (edit, add)."""
    opts = [
        click.option("--type", "event_type", metavar="TYPE", help="Event type (README, \"Event types\")."),
        click.option("--actor1", metavar="NAME", help="Actor 1: id or name; '-' clears it."),
        click.option("--actor2", metavar="NAME", help="Actor 2: id or name; '-' clears it."),
        click.option("--place", metavar="NAME", help="Place: id or name; '-' clears it."),
        click.option("--date", metavar="YYYY-MM-DD", help="Date ('-' clears it)."),
        click.option("--precision", "date_precision", type=click.Choice(PRECISIONS),
                     help="Precision of the date."),
        click.option("--fatalities", metavar="N", help="Fatalities (a number; '-' clears it)."),
        click.option("--negated/--not-negated", default=None, help="The act did not happen / did."),
        click.option("--hedged/--not-hedged", default=None, help="Told as uncertain / as fact."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _who_options(f):
    f = click.option("--note", metavar="TEXT", help="Why (kept with the correction).")(f)
    return click.option("--by", metavar="NAME", help="Who makes the correction (default: $USER).")(f)


def _changes(values: dict) -> dict:
    return {k: (None if v == "-" else v) for k, v in values.items() if v is not None}


def _run(action):
    """Call `action`, turning a bad correction or name into one line."""
    try:
        return action()
    except (CorrectionError, UnknownName) as exc:
        _fail(str(exc))


@click.group()
def review():
    """Confirm, reject, edit or add events; undo the last correction.
    Corrections are kept in the store and win in every view and export.

    \b
    conflictui review confirm 12 14
    conflictui review reject 15 --note "a headline, not an event"
    conflictui review edit 12 --fatalities 36 --place "خان شيخون"
    conflictui review add --event 12 --type shelling --actor1 syrian-army
    conflictui review undo"""


@review.command()
@click.argument("event_ids", nargs=-1, type=int, required=True)
@_who_options
@click.pass_context
def confirm(ctx, event_ids, by, note):
    """The events are right as they are."""
    store = _store(ctx, write=True)
    for i in event_ids:
        _say(_run(lambda: store.confirm(i, by, note)), i)


@review.command()
@click.argument("event_ids", nargs=-1, type=int, required=True)
@_who_options
@click.pass_context
def reject(ctx, event_ids, by, note):
    """The events are no events: they leave every view and export
    (unless --include-rejected)."""
    store = _store(ctx, write=True)
    for i in event_ids:
        _say(_run(lambda: store.reject(i, by, note)), i)


@review.command()
@click.argument("event_id", type=int)
@_value_options
@_who_options
@click.pass_context
def edit(ctx, event_id, by, note, **values):
    """Change some of the event's values."""
    store = _store(ctx, write=True)
    _say(_run(lambda: store.edit(event_id, _changes(values), by, note)), event_id)


@review.command()
@click.option("--event", "event_id", type=int, help="On the sentence of this event.")
@click.option("--article", "article_id", type=int, help="On a sentence of this article (with --sentence).")
@click.option("--sentence", "sentence_idx", type=int, help="The sentence's index in its article.")
@click.option("--trigger", metavar="START:END", help="The words that tell the act (offsets in the sentence).")
@_value_options
@_who_options
@click.pass_context
def add(ctx, event_id, article_id, sentence_idx, trigger, by, note, **values):
    """Add an event the extractor missed (--type is required)."""
    store = _store(ctx, write=True)
    if event_id is not None:
        found = store.sentence_of_event(event_id)
        if found is None:
            _fail(f"--event {event_id}: no such event")
        article_id, sentence_idx = found
    if article_id is None or sentence_idx is None:
        _fail("add: give --event ID, or --article ID and --sentence N")
    span = None
    if trigger:
        try:
            start, end = (int(x) for x in trigger.split(":"))
            span = (start, end)
        except ValueError:
            _fail(f"--trigger {trigger!r}: give START:END, two numbers")
    c, new_id = _run(lambda: store.add(article_id, sentence_idx, _changes(values), by, note, span))
    _say(c, new_id)


@review.command()
@click.option("--by", metavar="NAME", help="Undo the last correction by this reviewer.")
@click.pass_context
def undo(ctx, by):
    """Undo the last correction."""
    store = _store(ctx, write=True)
    c = store.undo_last(by)
    if c is None:
        _fail("nothing to undo" + (f" by {by}" if by else ""))
    click.echo("undone: ", nl=False)
    _say(c)
    for kept in store.orphan_corrections(c.key):  # an added event's edits by others: listed, never dropped
        click.echo(_orphan_line(kept))


@click.group(invoke_without_command=True)
@click.option("--as-gold", "gold_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Write the reviewed events as gold (tests/gold/ format) into DIR.")
@click.pass_context
def corrections(ctx, gold_dir):
    """List the corrections (and those whose report is gone), share them
    (export, import), or write the reviewed events as gold.

    \b
    conflictui corrections export reviews.jsonl
    conflictui corrections import reviews.jsonl
    conflictui corrections --as-gold mygold/ && python tests/gold_scoring.py --gold mygold/"""
    if ctx.invoked_subcommand is not None:
        return
    store = _store(ctx)
    if gold_dir:
        from store.report.gold import write_gold

        try:
            result = write_gold(store.reviewed_mentions(), gold_dir)
        except OSError as exc:
            _fail(f"--as-gold {gold_dir}: cannot write ({exc.strerror or exc})")
        for path in result.partial:
            click.echo(one_line(f"conflictui: {path}: skipped, some of its events are not reviewed"), err=True)
        click.echo(f"{len(result.written)} gold files written to {gold_dir}")
        return
    gone = {c.id for c in store.orphan_corrections()}
    for c in store.corrections():
        changes = json.dumps(c.changes, ensure_ascii=False) if c.changes else ""
        mark = "  (report gone)" if c.id in gone else ""
        click.echo(one_line(f"{c.at[:19]} {c.by} {c.action} {c.key.text()} {changes} {c.note or ''}").rstrip()
                   + mark)


@corrections.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.pass_context
def export_corrections(ctx, path, force):
    """Write every correction to PATH as JSON lines ('-': standard output);
    never over the store, nor over an existing file without --force."""
    from store.db.corrections import export_lines
    from store.report.output import OutputRefused, opened, plan_output, store_files

    store = _store(ctx)
    try:  # through a temporary file, renamed when complete (store/report/output.py)
        target = plan_output(path, force, protected=store_files(store.path))
    except (FileExistsError, OutputRefused) as exc:
        _fail(str(exc))
    lines = list(export_lines(store.conn))
    try:
        with opened(target) as out:
            out.write("".join(line + "\n" for line in lines))
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror or exc})")
    if path != "-":
        click.echo(f"{len(lines)} corrections written to {path}")


@corrections.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def import_corrections(ctx, path):
    """Add the corrections of PATH (from `corrections export`): those
    already here are skipped; one that contradicts another reviewer's is
    reported and not stored."""
    lines = _read_corrections(path)
    store = _store(ctx, write=True)
    items = []
    for n, c in lines:  # the values checked as `review edit` checks them; the good lines still land
        try:
            items.append(store.checked(c))
        except (CorrectionError, UnknownName) as exc:
            click.echo(f"conflictui: {path}:{n}: skipped, {one_line(str(exc))}", err=True)
    result = store.import_corrections(items)
    for line in result.conflicts:
        click.echo(f"conflict: {line}", err=True)
    click.echo(f"{result.added} corrections imported, {result.duplicates} already here,"
               f" {len(result.conflicts)} conflicts (not imported)")


def _read_corrections(path: str) -> list[tuple[int, Correction]]:
    """(line number, correction) of each line of PATH that reads as one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})")
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append((n, Correction.from_json(json.loads(line))))
        except (ValueError, CorrectionError) as exc:  # the good lines still land
            click.echo(f"conflictui: {path}:{n}: skipped, {one_line(str(exc))}", err=True)
    return items


@click.command()
@click.option("--article", "articles", multiple=True, metavar="ID|PATH|HASH",
              help="Only this stored article (its id, path, or hash or its first 8+ characters). Repeatable.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after this date.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: up to 4).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def reextract(ctx, articles, since, jobs, quiet):
    """Extract the stored articles again with this conflictui and its
    dictionaries (after an upgrade or a dictionary change). Each article is
    replaced in one transaction; every correction whose report is still
    found is applied again, and one whose report is gone is listed and kept."""
    import sys

    from store.db.ingest import default_jobs
    from store.db.processes import raise_on_termination
    from store.db.reextract import NoSuchArticle, reextract as run
    from store.db.schema import SchemaError

    raise_on_termination()  # SIGTERM, SIGHUP: unwind as on Ctrl-C (the batch rolls back), stopping the workers

    _store(ctx).close()  # a clear line for a missing or foreign store
    show = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            filled = 24 * done // max(total, 1)
            click.echo(f"\r{'█' * filled}{'░' * (24 - filled)} {done}/{total} articles ", err=True, nl=False)

    try:
        summary = run(ctx.obj["db"], tuple(articles), since, jobs or default_jobs(), on_article=progress)
    except NoSuchArticle as exc:
        _fail(str(exc))
    except SchemaError as exc:  # a damaged store is refused, as ingest refuses it
        _fail(f"{ctx.obj['db']}: {exc}")
    if show:
        click.echo("", err=True)
    for line in summary.failures:
        click.echo(f"conflictui: {one_line(line)}", err=True)
    click.echo(f"{summary.articles} articles re-extracted: {summary.reports_before} reports before,"
               f" {summary.reports_after} after; {len(summary.orphans)} corrections whose report is gone (kept)")
    for c in summary.orphans:
        click.echo(_orphan_line(c))


def _orphan_line(c) -> str:
    """One line for a correction kept whose report (or added event) is gone."""
    return one_line(f"  kept, report gone: {c.action} {c.key.text()} by {c.by} {c.note or ''}").rstrip()
