"""Scoring the extractor against the hand-written gold in tests/gold/.

A predicted event matches a gold event when it comes from the sentence
that holds the gold `sentence:` substring and has the same type; pairs are
matched one to one, the best-agreeing first. Event precision and recall
count matches; each field is then scored over the matched pairs (precision
over the predicted non-null values, recall over the gold non-null values).

Run `python tests/gold_scoring.py [-v]` for a report per article.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.text.arabic import normalize  # noqa: E402
from store.text.articles import Article, read_file  # noqa: E402
from store.nlp.dictionaries import Dictionaries  # noqa: E402
from store.nlp.extract import Extractor  # noqa: E402

FIELDS = ("actor1", "actor2", "place", "date", "reported_by", "negated", "hedged")
GOLD_DIR = ROOT / "tests" / "gold"


@dataclass
class Counts:
    """Matches, predictions and gold items, with precision, recall and F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score(Counts):
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0, 0] for f in FIELDS})

    def add(self, other: "Score") -> None:
        super().add(other)
        for f in FIELDS:
            self.fields[f] = [a + b for a, b in zip(self.fields[f], other.fields[f])]

    def field_pr(self, name: str) -> tuple[float, float]:
        ok_pred, n_pred, ok_gold, n_gold = self.fields[name]
        return (ok_pred / n_pred if n_pred else 1.0, ok_gold / n_gold if n_gold else 1.0)


class Resolver:
    """Gold may name actors and places by id or by any name or alias."""

    def __init__(self, dicts: Dictionaries):
        self.actor_names = dicts.actor_lookup()
        self.place_names = dicts.place_lookup()
        self.actors = dicts.actors
        self.places = dicts.places

    def actor(self, value):
        return self._resolve(value, self.actors, self.actor_names)

    def place(self, value):
        return self._resolve(value, self.places, self.place_names)

    def same(self, field: str, got, want) -> bool:
        """Equal, or for actors one the parent of the other: a spokesman
        speaks for his ministry (docs/EVENTS.md), so either coding counts."""
        if got == want:
            return True
        if field in ("actor1", "actor2", "reported_by") and got and want:
            return want in self._chain(got) or got in self._chain(want)
        return False

    def _chain(self, actor_id: str) -> set[str]:
        out = set()
        while actor_id in self.actors and actor_id not in out:
            out.add(actor_id)
            actor_id = self.actors[actor_id].parent
        return out

    @staticmethod
    def _resolve(value, ids, names):
        if value is None:
            return None
        value = str(value)
        if value in ids:
            return value
        found = names.get(normalize(value).strip())
        if found:
            return sorted(found)[0]
        return "?" + normalize(value)


def load_gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def article_for(gold: dict) -> Article:
    path = ROOT / gold["article"]
    items = [a for a in read_file(path, gold["article"], {}) if isinstance(a, Article)]
    return items[0]


def score_article(gold: dict, extractor: Extractor, resolver: Resolver, verbose: bool = False) -> Score:
    article = article_for(gold)
    ex = extractor.extract(article)
    body = article.body
    sent_of = {}  # gold index -> sentence idx
    for gi, g in enumerate(gold.get("events") or []):
        pos = body.find(g["sentence"])
        sent_of[gi] = next((s.idx for s in ex.sentences if s.start <= pos < s.end), None) if pos >= 0 else None
    score = Score(pred=len(ex.events), gold=len(gold.get("events") or []))
    used: set[int] = set()
    for gi, g in enumerate(gold.get("events") or []):
        want = {
            "actor1": resolver.actor(g.get("actor1")), "actor2": resolver.actor(g.get("actor2")),
            "place": resolver.place(g.get("place")), "date": str(g["date"]) if g.get("date") else None,
            "reported_by": resolver.actor(g.get("reported_by")),
            "negated": bool(g.get("negated")), "hedged": bool(g.get("hedged")),
        }
        cands = [
            (pi, e) for pi, e in enumerate(ex.events)
            if pi not in used and e.sentence_idx == sent_of[gi] and e.event_type == g["type"]
        ]
        if not cands:
            score.misses.append(f"{gold['article']}: {g['type']} «{g['sentence'][:60]}» {want}")
            continue

        def agree(pe):
            e = pe[1]
            return sum(resolver.same(f, getattr(e, f), want[f]) for f in FIELDS)

        pi, e = max(cands, key=agree)
        used.add(pi)
        score.tp += 1
        for f in FIELDS:
            got, exp = getattr(e, f), want[f]
            if f in ("negated", "hedged"):  # booleans: count the True ones
                got, exp = (got or None), (exp or None)
            counts = score.fields[f]
            ok = resolver.same(f, got, exp)
            if got is not None:
                counts[1] += 1
                counts[0] += ok
            if exp is not None:
                counts[3] += 1
                counts[2] += ok
            if verbose and not ok:
                print(f"    {f}: got {got!r} want {exp!r}  [{g['type']}] «{g['sentence'][:50]}»")
    for pi, e in enumerate(ex.events):
        if pi not in used:
            text = next(s.text for s in ex.sentences if s.idx == e.sentence_idx)
            t = e.spans.get("trigger", [0, 0])
            score.extras.append(f"{gold['article']}: {e.event_type} [{text[t[0]:t[1]]}] {e.actor1}/{e.actor2}@{e.place} «{text[:60]}»")
    return score


HELDOUT_DIR = ROOT / "tests" / "heldout" / "gold"


def score_gold_files(section: str, score, pattern: str = "*.yaml", verbose: bool = False,
                     gold_dir: Path = GOLD_DIR) -> dict:
    """{article stem: score(gold, extractor, resolver, verbose)} for every
    gold file under `gold_dir` with a non-empty `section` (events, positions)."""
    dicts = Dictionaries(include_user=False)
    extractor = Extractor(dicts)
    resolver = Resolver(dicts)
    out = {}
    for path in sorted(gold_dir.glob(pattern)):
        gold = load_gold(path)
        if not gold or not gold.get(section):
            continue
        if verbose:
            print(path.name)
        out[path.stem] = score(gold, extractor, resolver, verbose)
    return out


def score_all(pattern: str = "*.yaml", verbose: bool = False, gold_dir: Path = GOLD_DIR) -> dict[str, Score]:
    return score_gold_files("events", score_article, pattern, verbose, gold_dir)


def report(scores: dict[str, Score]) -> str:
    lines = [f"{'article':42} {'P':>5} {'R':>5} {'F1':>5}  gold pred"]
    total = Score()
    for name, s in scores.items():
        total.add(s)
        lines.append(f"{name[:42]:42} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.gold:4} {s.pred:4}")
    lines.append(f"{'ALL':42} {total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}  {total.gold:4} {total.pred:4}")
    for f in FIELDS:
        p, r = total.field_pr(f)
        lines.append(f"  {f:12} P {p:.2f}  R {r:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    pattern = next((a for a in sys.argv[1:] if not a.startswith("-")), "*.yaml")
    if "--heldout" in sys.argv:  # totals only: the held-out set is not for tuning
        total = Score()
        for s in score_all(pattern, False, HELDOUT_DIR).values():
            total.add(s)
        print(report({"heldout (all articles)": total}))
        sys.exit(0)
    scores = score_all(pattern, verbose)
    print(report(scores))
    if "-m" in sys.argv:
        total = Score()
        for s in scores.values():
            total.add(s)
        print("\nMISSES"); print("\n".join(total.misses))
        print("\nEXTRAS"); print("\n".join(total.extras))
