"""The analyst's reviews as gold (`conflictui corrections --as-gold DIR`):
one YAML file per reviewed article in the format of tests/gold/ (see
tests/gold/README.md), beside a copy of the article's text that its
`article:` names, so that `python tests/gold_scoring.py --gold DIR`
measures the extractor on the analyst's own sources.

Only reviewed events are written (confirmed, corrected, added; a rejected
one is no event), and only for the articles all of whose events are
reviewed: a partly reviewed article would count the extractor's unreviewed
finds as false positives. The partial ones are listed, not written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_GOLD_FIELDS = ("event_type", "actor1", "actor2", "place", "date", "date_precision", "reported_by", "fatalities",
                "negated", "hedged")


def _stem(path: str, content_hash: str) -> str:
    name = re.sub(r"[^\w.-]+", "_", Path(path.split(":", 1)[0]).stem, flags=re.ASCII).strip("_") or "article"
    return f"{name[:40]}_{content_hash[:8]}"


def _front_matter(row: dict) -> str:
    lines = ["---", f"title: {yaml.safe_dump(row['title'] or '', allow_unicode=True).splitlines()[0]}"]
    if row["published"]:
        lines.append(f"published: {row['published']}")
    return "\n".join(lines + ["---", ""])


def gold_event(row: dict) -> dict:
    event = {"sentence": row["sentence"]}
    for name in _GOLD_FIELDS:
        value = row[name]
        event["type" if name == "event_type" else name] = bool(value) if name in ("negated", "hedged") else value
    return event


@dataclass
class GoldResult:
    written: list[Path] = field(default_factory=list)  # the YAML files
    partial: list[str] = field(default_factory=list)  # paths of articles left out: some events unreviewed


def write_gold(mentions: list[dict], directory: str | Path) -> GoldResult:
    """Write the gold files of `mentions` (EventStore.reviewed_mentions) of
    the fully reviewed articles into `directory`."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_article: dict[int, list[dict]] = {}
    for m in mentions:
        by_article.setdefault(m["article_id"], []).append(m)
    result = GoldResult()
    for rows in by_article.values():
        first = rows[0]
        if not first["complete"]:
            result.partial.append(first["path"])
            continue
        stem = _stem(first["path"], first["hash"])
        text = out_dir / f"{stem}.txt"
        text.write_text(_front_matter(first) + first["body"], encoding="utf-8")
        seen, events = set(), []
        for r in rows:
            event = gold_event(r)
            key = tuple(sorted((k, str(v)) for k, v in event.items()))
            if key not in seen:  # one event told twice in one sentence is one row
                seen.add(key)
                events.append(event)
        gold = {"article": str(text.resolve()), "published": first["published"], "events": events}
        path = out_dir / f"{stem}.yaml"
        path.write_text(yaml.safe_dump(gold, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result.written.append(path)
    return result
