"""`conflictui disputes`: rival positions on one subject, side by side.

Thin wrapper around store.report.disputes (the app's Disputes tab uses the same
functions).
"""
from __future__ import annotations

import shutil

import click

from store.db.query import UnknownName
from store.report.disputes import list_disputes, render_json, render_markdown


def _table(disputes: list[dict], width: int, shaping: bool) -> str:
    from ..shaping import fit

    lines = []
    for d in disputes:
        names = [p["name_en"] for p in d["parties"]]
        lines.append(f"{d['id']}: {d['subject_en']} ({d['year']}), parties: {', '.join(names)}")
        col = max(12, min(28, (width - 26) // max(1, len(names))))
        lines.append(f"  {'aspect':22}" + "".join(f"{fit(n, col, False):{col}} " for n in names))
        for a in d["aspects"]:
            cells = []
            for p in d["parties"]:
                vals = [v["value_label"] for v in a["positions"] if v["party_id"] == p["id"]]
                text = ", ".join(dict.fromkeys(vals)) or "-"
                cells.append(fit(text, col, shaping))
            mark = "*" if a["differs"] else " "
            lines.append(f" {mark}{a['label'][:22]:22}" + "".join(f"{c:{col}} " for c in cells).rstrip())
        for e in d["events"]:
            lines.append(f"    {e['date'] or '?':10} {e['kind']:9} {fit(e['summary_en'], width - 26, False)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "No disputes in the store.\n"


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help="table: aspects x parties; json: the full comparison; markdown: for reports.")
@click.option("--subject", metavar="NAME",
              help="Only disputes on this subject: its id, name or a keyword of subjects.tsv (jim-mandate, JIM).")
@click.pass_context
def disputes(ctx, fmt, subject):
    """Diplomatic disputes: positions of two or more parties on one subject
    (a draft, a report, a question) in one year, across all articles, aspect
    by aspect, each with its sentence and article; '*' marks aspects where
    the parties differ."""
    from .main import fail, open_store

    store = open_store(ctx)
    items = list_disputes(store)
    none = "No disputes in the store.\n"
    if subject:
        try:
            ids = store.resolve_subject(subject)
        except UnknownName as exc:
            fail(str(exc))
        labels = ", ".join(store.subject_label(i) for i in ids)
        if [i.casefold() for i in ids] != [subject.casefold()]:  # a name or keyword: say what it took
            click.echo(f"--subject {subject!r} took {labels}", err=True)
        items = [d for d in items if d["subject"] in ids]
        none = f"No disputes on {labels} in the store.\n"
    if fmt == "json":
        click.echo(render_json(items))
    elif fmt == "markdown":
        click.echo(render_markdown(items) if items else none, nl=False)
    else:
        # --shaping, and logical order when piped, as the main command decided
        click.echo(_table(items, max(80, shutil.get_terminal_size().columns), ctx.obj["shaping"]) if items else none,
                   nl=False)
