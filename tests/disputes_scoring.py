"""Scoring the position finder against the gold `positions:` in tests/gold/.

A predicted position matches a gold one when it comes from the sentence
that holds the gold `sentence:` substring and has the same party (or its
parent / child: a spokesman speaks for his ministry), subject, aspect and
value (actor and place values resolved through the dictionaries; durations
compared as ISO 8601 with 12 months = 1 year). Pairs are matched one to
one. Deadlines (no party) are not positions of a party and are not scored.

Run `python tests/disputes_scoring.py [-v]` for a report per article.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from gold_scoring import Counts, Resolver, article_for, score_gold_files  # noqa: E402
from store.nlp.extract import Extractor  # noqa: E402

ACTOR_ASPECTS = {"responsibility", "ceasefire_exclusions", "displacement_cause", "criticises"}
PLACE_ASPECTS = {"crossings", "crossings_closed", "investigation_sites"}


class PScore(Counts):
    """Positions matched against gold positions."""


def canon_duration(value: str) -> str:
    m = re.fullmatch(r"P(\d+)M", value or "")
    if m and int(m.group(1)) % 12 == 0:
        return f"P{int(m.group(1)) // 12}Y"
    return value


def canon_value(resolver: Resolver, aspect: str, value) -> str | None:
    if value is None:
        return None
    value = str(value)
    if aspect in ACTOR_ASPECTS and value != "reject":
        return resolver.actor(value)
    if aspect in PLACE_ASPECTS:
        return resolver.place(value)
    return canon_duration(value)


def scored_positions(extraction) -> list:
    return [p for p in extraction.positions if p.party is not None and p.aspect != "deadline"]


def score_article(gold: dict, extractor: Extractor, resolver: Resolver, verbose: bool = False) -> PScore:
    article = article_for(gold)
    ex = extractor.extract(article)
    preds = scored_positions(ex)
    golds = gold.get("positions") or []
    score = PScore(pred=len(preds), gold=len(golds))
    used: set[int] = set()
    for g in golds:
        pos = article.body.find(g["sentence"])
        sidx = next((s.idx for s in ex.sentences if s.start <= pos < s.end), None) if pos >= 0 else None
        party = resolver.actor(g["party"])
        value = canon_value(resolver, g["aspect"], g["value"])
        hit = None
        for pi, p in enumerate(preds):
            if pi in used or p.sentence_idx != sidx or p.aspect != g["aspect"] or p.subject != g["subject"]:
                continue
            if not resolver.same("actor1", p.party, party):
                continue
            if canon_value(resolver, p.aspect, p.value) != value and not (
                    p.aspect in ACTOR_ASPECTS and resolver.same("actor1", p.value, value)):
                continue
            hit = pi
            break
        if hit is None:
            score.misses.append(f"{g['party']} {g['subject']} {g['aspect']}={g['value']} «{g['sentence'][:60]}»")
        else:
            used.add(hit)
            score.tp += 1
    for pi, p in enumerate(preds):
        if pi not in used:
            score.extras.append(f"{p.party} {p.subject} {p.aspect}={p.value} «{p.text_ar[:60]}»")
    return score


def score_all(pattern: str = "*.yaml", verbose: bool = False) -> dict[str, PScore]:
    return score_gold_files("positions", score_article, pattern, verbose)


def report(scores: dict[str, PScore], verbose: bool = False) -> str:
    lines = [f"{'article':42} {'P':>5} {'R':>5} {'F1':>5}  gold pred"]
    total = PScore()
    for name, s in scores.items():
        total.add(s)
        lines.append(f"{name[:42]:42} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.gold:4} {s.pred:4}")
        if verbose:
            lines += [f"    MISS  {m}" for m in s.misses] + [f"    EXTRA {e}" for e in s.extras]
    lines.append(f"{'ALL':42} {total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}  {total.gold:4} {total.pred:4}")
    return "\n".join(lines)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    print(report(score_all(verbose=verbose), verbose))
