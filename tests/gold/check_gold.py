#!/usr/bin/env python
"""Check gold files: YAML parses, fields are complete, sentences occur verbatim."""
import datetime
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLD = pathlib.Path(__file__).resolve().parent
# the one list of event types (store/data/event_types.tsv), not a copy that falls behind it
TYPES = {line.split("\t", 1)[0] for line in (ROOT / "store" / "data" / "event_types.tsv").read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")} - {"id"}
PRECS = {"day", "week", "month", "year", "unknown"}
FIELDS = ["sentence", "type", "actor1", "actor2", "place", "date", "date_precision",
          "reported_by", "fatalities", "negated", "hedged"]


def check(path):
    errs = []
    g = yaml.safe_load(path.read_text(encoding="utf-8"))
    art = ROOT / g["article"]
    if art.stem != path.stem:
        errs.append(f"article stem {art.stem} != gold stem {path.stem}")
    text = art.read_text(encoding="utf-8")
    head = text.split("---", 2)[1] if text.startswith("---") else ""
    meta = yaml.safe_load(head) or {}
    if str(meta.get("published")) != str(g["published"]):
        errs.append(f"published {g['published']} != front matter {meta.get('published')}")
    for i, e in enumerate(g.get("events") or []):
        if list(e) != FIELDS:
            errs.append(f"event {i}: fields {list(e)}")
        if e["sentence"] not in text:
            errs.append(f"event {i}: sentence not found: {e['sentence']!r}")
        if e["type"] not in TYPES:
            errs.append(f"event {i}: bad type {e['type']}")
        if e["date_precision"] not in PRECS:
            errs.append(f"event {i}: bad precision")
        if (e["date"] is None) != (e["date_precision"] == "unknown"):
            errs.append(f"event {i}: date/precision mismatch")
        if e["date"] is not None and not isinstance(e["date"], datetime.date):
            errs.append(f"event {i}: date not a date")
        if e["fatalities"] is not None and not isinstance(e["fatalities"], int):
            errs.append(f"event {i}: fatalities not int")
        if not isinstance(e["negated"], bool) or not isinstance(e["hedged"], bool):
            errs.append(f"event {i}: flags")
    for i, p in enumerate(g.get("positions") or []):
        if p["sentence"] not in text:
            errs.append(f"position {i}: sentence not found: {p['sentence']!r}")
        for k in ("party", "subject", "aspect", "value"):
            if not p.get(k):
                errs.append(f"position {i}: missing {k}")
    return errs, len(g.get("events") or []), len(g.get("positions") or [])


def main():
    bad = 0
    for path in sorted(GOLD.glob("*.yaml")):
        if path.name == "realdev_disputed.yaml":  # a list of disputes, not gold
            continue
        errs, ne, np_ = check(path)
        print(f"{path.name}: {ne} events, {np_} positions" + (" FAIL" if errs else ""))
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
