"""Diplomatic disputes built from the `positions` table.

A dispute is the positions of two or more parties on one subject in one
year, across all articles of the store (the same subject in two articles of
that year is one dispute; rival drafts in one article share its subject).
Parties are states and bodies: a spokesman's or a ministry's position is
rolled up to the government it speaks for (actors' parent chain).

`list_disputes(store)` gives the JSON shape the CLI and the app share:

    {id, subject, year, subject_en, subject_ar,
     parties: [{id, name_en, name_ar}],
     aspects: [{aspect, label, differs, positions: [{party_id, held_by, value, summary_en, text_ar,
                                                     article: {id, title, path, published}, sentence}]}],
     events: [{date, kind, party_id, value, summary_en, text_ar, article, sentence}],
     deadlines: [{date, summary_en, text_ar, article, sentence}]}

`render_markdown` and `write_exports` write the comparison (no overwriting
unless asked).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..nlp.positions.durations import human_duration

ASPECT_ORDER = [
    "mandate_length", "aid_duration", "ceasefire_length", "ceasefire_start", "start", "investigation_sites",
    "crossings", "crossings_closed", "finding_stance", "report_assessment", "responsibility",
    "ceasefire_exclusions", "measures", "displacement_direction", "displacement_cause", "duration", "vote",
    "draft_status", "criticises",
]
ASPECT_LABELS = {
    "mandate_length": "Mandate length", "aid_duration": "Aid authorisation", "ceasefire_length": "Ceasefire length",
    "ceasefire_start": "Ceasefire start", "start": "Start", "investigation_sites": "Sites to investigate",
    "crossings": "Crossings kept open", "crossings_closed": "Crossings closed", "finding_stance": "Stance on the finding",
    "report_assessment": "Judgement of the report", "responsibility": "Held responsible",
    "ceasefire_exclusions": "Excluded from the truce", "measures": "Measures",
    "displacement_direction": "Where civilians go", "displacement_cause": "Why civilians flee",
    "duration": "Duration", "vote": "Vote", "draft_status": "Draft", "criticises": "Criticises",
}
# what a party did (tabled a draft, voted), not a term it holds: compared
# only among the parties that did something, never "one-sided"
ACTS = {"vote", "draft_status"}
LEGEND = ("≠ the parties differ: they state different values, or only some of them state one "
          "(the others say nothing on it)")
# timeline kinds for draft_status / vote values
EVENT_KINDS = {"tabled": "tabled", "withdrawn": "withdrawn", "amended": "amended", "adopted": "adopted",
               "failed": "failed", "veto": "vetoed", "for": "voted", "against": "voted", "abstain": "voted"}


def _actors(store) -> dict[str, tuple[str, str, str, str]]:
    return {aid: (a["name_en"] or aid, a["name_ar"] or "", a["kind"] or "", a["parent"] or "")
            for aid, a in store.actor_table().items()}


def _top(actor_id: str | None, actors) -> str | None:
    """The government or body a party speaks for: up the parent chain."""
    seen = set()
    while actor_id in actors and actors[actor_id][3] and actors[actor_id][3] not in seen \
            and actors[actor_id][2] != "international_body":  # the Council speaks for itself, not for the UN
        seen.add(actor_id)
        parent = actors[actor_id][3]
        if parent not in actors:
            break
        actor_id = parent
    return actor_id


def _value_label(aspect: str, value: str, actors, places) -> str:
    if aspect in ("responsibility", "ceasefire_exclusions", "displacement_cause", "criticises") and value in actors:
        return actors[value][0]
    if aspect in ("investigation_sites", "crossings", "crossings_closed") and value in places:
        return places[value]
    return human_duration(value)  # P6M → "6 months"; other values as they are


def list_disputes(store) -> list[dict]:
    """Disputes in the store, most parties first (then by subject and year)."""
    actors = _actors(store)
    places = store.place_names()
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in store.positions():
        year = (row["article"]["published"] or "")[:4] or "undated"
        groups.setdefault((row["subject"], year), []).append(row)
    disputes = [d for (subject, year), rows in groups.items()
                if (d := _dispute(subject, year, rows, actors, places)) is not None]
    disputes.sort(key=lambda d: (-len(d["parties"]), -sum(len(a["positions"]) for a in d["aspects"]), d["id"]))
    return disputes


def _dispute(subject: str, year: str, rows: list[dict], actors, places) -> dict | None:
    """The dispute of one subject in one year; None with fewer than two parties."""
    parties = _parties(rows, actors)
    if len(parties) < 2:
        return None
    aspects, events, deadlines = _positions_by_aspect(rows, actors, places)
    events.sort(key=lambda e: (e["date"] or "", e["kind"] == "expires"))
    first = rows[0]
    return {
        "id": f"{subject}-{year}", "subject": subject, "year": year,
        "subject_en": first["subject_en"] or subject, "subject_ar": first["subject_ar"] or "",
        "parties": _party_list(parties, aspects, actors), "aspects": _aspect_list(aspects), "events": events,
        "deadlines": deadlines,
        "articles": [{"id": i, "path": p} for i, p in sorted({(r["article"]["id"], r["article"]["path"]) for r in rows})],
    }


def _parties(rows: list[dict], actors) -> dict[str, None]:
    """The governments and bodies that hold the positions, in order of
    appearance; each row gets its `party_top`."""
    parties: dict[str, None] = {}
    for r in rows:
        if r["party"]:
            r["party_top"] = _top(r["party"], actors)
            parties.setdefault(r["party_top"], None)
    return parties


def _positions_by_aspect(rows: list[dict], actors, places) -> tuple[dict[str, list[dict]], list[dict], list[dict]]:
    """({aspect: positions}, timeline events, deadlines), each told once."""
    aspects: dict[str, list[dict]] = {}
    events, deadlines = [], []
    seen = set()
    for r in rows:
        art = {k: r["article"][k] for k in ("id", "title", "path", "published")}
        if r["aspect"] == "deadline":
            if ("deadline", r["value"]) not in seen:
                seen.add(("deadline", r["value"]))
                deadlines.append(_sourced(r, art, date=r["value"]))
                events.append(_sourced(r, art, date=r["value"], kind="expires", party_id=None, value=r["value"]))
            continue
        if not r["party"]:
            continue
        key = (r["aspect"], r["party_top"], r["value"], art["id"], r["sentence_idx"])
        if key in seen:
            continue
        seen.add(key)
        aspects.setdefault(r["aspect"], []).append(_sourced(
            r, art, party_id=r["party_top"], held_by=r["party"], value=r["value"],
            value_label=_value_label(r["aspect"], r["value"], actors, places)))
        event = _timeline_event(r, art, actors)
        if event is not None:
            events.append(event)
    return aspects, events, deadlines


def _sourced(r: dict, art: dict, **fields) -> dict:
    """`fields`, then the position's summary, Arabic words, article and sentence."""
    return {**fields, "summary_en": r["summary_en"], "text_ar": r["text_ar"], "article": art,
            "sentence": r["sentence"]}


def _timeline_event(r: dict, art: dict, actors) -> dict | None:
    """The timeline entry of a draft's status or a vote against; None for
    other positions (a vote for or an abstention is no event of its own)."""
    kind = EVENT_KINDS.get(r["value"]) if r["aspect"] in ("draft_status", "vote") else None
    if not kind or (r["aspect"] == "vote" and kind == "voted" and r["value"] != "against"):
        return None
    return {"date": r["date"] or art["published"], "kind": kind, "party_id": r["party_top"], "value": r["value"],
            "summary_en": f"{actors.get(r['party_top'], (r['party_top'],))[0]} {r['summary_en']}",
            "text_ar": r["text_ar"], "article": art, "sentence": r["sentence"]}


def _aspect_list(aspects: dict[str, list[dict]]) -> list[dict]:
    """The aspects in their reading order, each saying whether and how the
    parties differ (`differs_how`: "values", "one_side" or None)."""
    ordered = sorted(aspects, key=lambda a: (ASPECT_ORDER.index(a) if a in ASPECT_ORDER else 99, a))
    sides = {p["party_id"] for a in aspects if a not in ACTS for p in aspects[a]}
    out = []
    for a in ordered:
        how = _differs(aspects[a], set() if a in ACTS else sides)
        out.append({"aspect": a, "label": ASPECT_LABELS.get(a, a.replace("_", " ")), "differs": how is not None,
                    "differs_how": how, "positions": aspects[a]})
    return out


def _differs(positions: list[dict], sides: set[str]) -> str | None:
    """"values" when the parties that state a value state different ones;
    "one_side" when all agree but some of `sides` (the parties that state
    terms anywhere in the dispute) state none on this aspect; else None."""
    values: dict[str, set] = {}
    for p in positions:
        values.setdefault(p["party_id"], set()).add(p["value"])
    if len(values) > 1 and len({frozenset(v) for v in values.values()}) > 1:
        return "values"
    if sides - set(values):
        return "one_side"
    return None


def _party_list(parties: dict[str, None], aspects: dict[str, list[dict]], actors) -> list[dict]:
    """The parties with their names, the ones with the most positions first."""
    party_list = [{"id": p, "name_en": actors.get(p, (p, ""))[0], "name_ar": actors.get(p, (p, ""))[1]}
                  for p in parties]
    count = {p: sum(len([x for x in aspects[a] if x["party_id"] == p]) for a in aspects) for p in parties}
    party_list.sort(key=lambda p: -count[p["id"]])
    return party_list


def get_dispute(store, dispute_id: str) -> dict | None:
    return next((d for d in list_disputes(store) if d["id"] == dispute_id), None)


def cell(dispute: dict, aspect: str, party_id: str) -> list[dict]:
    """The positions of one party on one aspect."""
    for a in dispute["aspects"]:
        if a["aspect"] == aspect:
            return [p for p in a["positions"] if p["party_id"] == party_id]
    return []


def _md(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def shown_value(position: dict, code: str = "") -> str:
    """The value as people read it, with the normalised one: "6 months
    (P6M)"; `code` goes around the normalised value (Markdown's "`")."""
    label, value = position.get("value_label") or position["value"], position["value"]
    return f"{code}{value}{code}" if label == value else f"{label} ({code}{value}{code})"


def render_markdown(disputes: list[dict]) -> str:
    """Each dispute as a table (aspects × parties), then its sources and timeline."""
    out = []
    for d in disputes:
        out.append(f"## {d['subject_en']} ({d['year']})")
        out.append("")
        if d["subject_ar"]:
            out.append(f"{d['subject_ar']}")
            out.append("")
        names = [p["name_en"] for p in d["parties"]]
        out.append("| aspect | " + " | ".join(_md(n) for n in names) + " |")
        out.append("|---|" + "---|" * len(names))
        for a in d["aspects"]:
            cells = []
            for p in d["parties"]:
                vals = cell(d, a["aspect"], p["id"])
                cells.append("; ".join(dict.fromkeys(f"**{_md(v['value_label'])}**" for v in vals)) or "—")
            mark = " ≠" if a["differs"] else ""
            out.append(f"| {_md(a['label'])}{mark} | " + " | ".join(cells) + " |")
        out.append("")
        if any(a["differs"] for a in d["aspects"]):
            out.append(LEGEND)
            out.append("")
        out.append("### Positions")
        out.append("")
        for a in d["aspects"]:
            for v in a["positions"]:
                name = next((p["name_en"] for p in d["parties"] if p["id"] == v["party_id"]), v["party_id"])
                out.append(f"- **{_md(name)}**, {_md(a['label'])} = {_md(shown_value(v, '`'))}: {_md(v['summary_en'])}. "
                           f"«{_md(v['text_ar'])}» ({_md(v['article']['path'])})")
        if d["events"]:
            out.append("")
            out.append("### Timeline")
            out.append("")
            for e in d["events"]:
                out.append(f"- {e['date'] or '?'} {e['kind']}: {_md(e['summary_en'])}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_json(disputes: list[dict]) -> str:
    return json.dumps(disputes, ensure_ascii=False, indent=2)


class ExportExists(Exception):
    """The export file exists and overwriting was not confirmed."""

    def __init__(self, paths: list[Path]):
        super().__init__(", ".join(str(p) for p in paths))
        self.paths = paths


def export_paths(directory: str | Path, dispute: dict) -> tuple[Path, Path]:
    base = Path(directory) / f"dispute-{dispute['id']}"
    return base.with_suffix(".md"), base.with_suffix(".json")


def write_exports(dispute: dict, directory: str | Path, overwrite: bool = False) -> list[Path]:
    """Write the comparison as Markdown and JSON; refuses to overwrite an
    existing file unless `overwrite` (raises ExportExists)."""
    md, js = export_paths(directory, dispute)
    existing = [p for p in (md, js) if p.exists()]
    if existing and not overwrite:
        raise ExportExists(existing)
    md.parent.mkdir(parents=True, exist_ok=True)
    md.write_text(render_markdown([dispute]), encoding="utf-8")
    js.write_text(render_json([dispute]) + "\n", encoding="utf-8")
    return [md, js]
