"""`conflictui disputes`: rival positions on one subject, side by side.

Thin wrapper around store.report.disputes (the app's Disputes tab uses the same
functions).
"""
from __future__ import annotations

import shutil

import click

from store.db.query import UnknownName
from store.report.disputes import LEGEND, list_disputes, render_json, render_markdown

from ..shaping import fit
from ..widgets.common import cell, content_widths


def _table(disputes: list[dict], width: int, shaping: bool) -> str:
    """Each dispute as aspects x parties, its columns as wide as their
    content (cut only where the terminal has no room), then its timeline
    and the legend of the mark."""
    lines = []
    for d in disputes:
        names = [p["name_en"] for p in d["parties"]]
        lines.append(f"{d['id']}: {d['subject_en']} ({d['year']}), parties: {', '.join(names)}")
        rows = [(("*" if a["differs"] else " ") + a["label"], [_cell_value(a, p["id"]) for p in d["parties"]])
                for a in d["aspects"]]
        label_w = max(len(" aspect"), *(len(label) for label, _ in rows))
        needs = [max([len(n)] + [len(values[k]) for _, values in rows]) for k, n in enumerate(names)]
        cols = content_widths(needs, width - label_w - 2 - len(names), minimum=6)
        lines.append(_line(" aspect", label_w, names, cols, False))
        lines += [_line(label, label_w, values, cols, shaping) for label, values in rows]
        for e in d["events"]:
            lines.append(f"    {e['date'] or '?':10} {e['kind']:9} {fit(e['summary_en'], width - 26, False)}")
        if any(a["differs"] for a in d["aspects"]):
            lines.append("  " + LEGEND.replace("≠", "*", 1))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "No disputes in the store.\n"


def _cell_value(aspect: dict, party_id: str) -> str:
    """A party's values on an aspect as people read them, or "-"."""
    vals = [v["value_label"] for v in aspect["positions"] if v["party_id"] == party_id]
    return ", ".join(dict.fromkeys(vals)) or "-"


def _line(label: str, label_w: int, cells: list[str], cols: list[int], shaping: bool) -> str:
    """One row: the label padded to its column, then each cell padded to
    its width, one space between (a cut cell ends in "…", never glued)."""
    out = cell(label, label_w, False) + " "
    return (out + " ".join(cell(c, w, shaping) for c, w in zip(cells, cols))).rstrip()


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
