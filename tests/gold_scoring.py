"""Scoring the extractor against hand-written gold, set by set.

Sets: `samples` (tests/gold/0NN_*.yaml, the five sample articles), `own`
(the other tests/gold/*.yaml), `heldout` (tests/heldout/gold, never used
to tune) and `realdev` (../shared/realdev/gold: third-party news beside
the checkout, read in place and never copied; the set is empty when the
folder is absent).

A predicted event matches a gold event when it comes from the sentence
that holds the gold `sentence:` substring and has the same type. Pairs are
matched one to one over the whole article, the best-agreeing pairs first
(agreement = how many fields agree; ties by gold order), as the
independent ../shared/tools/gold-score.py does. Event precision and
recall count matches. Each field is then scored over the matched pairs:
precision over the predicted non-null values, recall over the gold
non-null values, and `agree` = the share of matched pairs whose values are
equal, null equal to null (the figure gold-score.py prints). Actors agree
also when one is the parent of the other (a spokesman and his ministry).

Entries of realdev gold listed in tests/gold/realdev_disputed.yaml are
skipped: `skip: event` drops the gold entry (a prediction in its place
then counts as an extra, cause `disputed gold`); `skip: [field, ...]`
keeps the entry and leaves those fields unscored for it.

Each miss, extra and wrong field gets one cause, by the first of these
mechanical tests that holds (tests on the sentence use the extractor's own
analysis of it: its cue, actor and place mentions):

misses (a gold event with no prediction of its type in its sentence)
  sentence not found  the gold `sentence:` is in no sentence of the article
  merged              a prediction of the gold type in the sentence was
                      matched to another gold event (one for two)
  cue not matched     no cue of the gold type matched in the sentence
  actor unknown       gold actor1 is named and does not resolve to a
                      dictionary id
  place unknown       gold place is named and does not resolve
  wrong type          the sentence has an unmatched prediction of another
                      type (the cue was read as another act)
  rule dropped        a cue matched and the names are known, but the
                      extractor's rules made no event of it
extras (a prediction matched to no gold event)
  disputed gold       it has the sentence and type of a disputed gold entry
                      that was skipped
  split               another prediction of its type in the sentence was
                      matched (two for one gold event)
  common word         one of its names (actor1, actor2, place) was read
                      from a common word: matched by name on a single word
                      that general Arabic uses often both with and without
                      the article (Zipf frequency >= 3.9 in wordfreq for
                      both forms: «المدينة»/«مدينة»; a proper name such as
                      «العراق» is frequent in one form only), for an id
                      that no gold event of the article names
  wrong type          the sentence has a missed gold event of another type
  not an act in gold  the sentence holds no gold event left unmatched
wrong fields of matched pairs (actor1, actor2, place, date)
  actor unknown / place unknown  the gold value does not resolve
  common word         the predicted value was read from a common word (as
                      above)
  wrong actor1, wrong actor2, wrong place, wrong date  otherwise

Run `python tests/gold_scoring.py [--set samples|own|heldout|realdev|all]
[-v] [--no-disputes] [PATTERN]`: a table per set, the fields, and the
causes counted; `-v` lists each miss, extra and wrong field with its cause
(not for the held-out set, whose details are not for tuning).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.text.arabic import normalize  # noqa: E402
from store.text.articles import Article, read_file  # noqa: E402
from store.nlp.dictionaries import Dictionaries  # noqa: E402
from store.nlp.extract import Extractor  # noqa: E402

FIELDS = ("actor1", "actor2", "place", "date", "reported_by", "negated", "hedged")
CAUSE_FIELDS = ("actor1", "actor2", "place", "date")
NAME_FIELDS = ("actor1", "actor2", "place")
GOLD_DIR = ROOT / "tests" / "gold"
HELDOUT_DIR = ROOT / "tests" / "heldout" / "gold"
REALDEV_DIR = ROOT.parent / "shared" / "realdev" / "gold"
DISPUTED_FILE = GOLD_DIR / "realdev_disputed.yaml"
SAMPLE_STEM = re.compile(r"^\d{3}_")
SETS = ("samples", "own", "heldout", "realdev")
COMMON_ZIPF = 3.9


@dataclass
class Finding:
    """A miss, an extra or a wrong field, with its cause and a line for -v."""

    kind: str  # miss | extra | field
    cause: str
    line: str


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
    # per field: [ok among predicted, predicted, ok among gold, gold, agreeing pairs, scored pairs]
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0] * 6 for f in FIELDS})
    findings: list[Finding] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        super().add(other)
        for f in FIELDS:
            self.fields[f] = [a + b for a, b in zip(self.fields[f], other.fields[f])]
        self.findings += other.findings

    def field_pr(self, name: str) -> tuple[float, float]:
        ok_pred, n_pred, ok_gold, n_gold = self.fields[name][:4]
        return (ok_pred / n_pred if n_pred else 1.0, ok_gold / n_gold if n_gold else 1.0)

    def field_agree(self, name: str) -> float:
        agree, pairs = self.fields[name][4:]
        return agree / pairs if pairs else 1.0

    def causes(self, kind: str) -> Counter:
        return Counter(f.cause for f in self.findings if f.kind == kind)


class Resolver:
    """Gold may name actors and places by id or by any name or alias."""

    def __init__(self, dicts: Dictionaries):
        self.actor_names = dicts.actor_lookup()
        self.place_names = dicts.place_lookup()
        self.actors = dicts.actors
        self.places = dicts.places
        self.dicts = dicts

    def actor(self, value):
        return self._resolve(value, self.actors, self.actor_names)

    def place(self, value):
        return self._resolve(value, self.places, self.place_names)

    def same(self, field: str, got, want) -> bool:
        """Equal, or for actors one the parent of the other: a spokesman
        speaks for his ministry (docs/EVENTS.md), so either coding counts."""
        if field == "place" and got and got not in self.places:
            # a place the dictionaries lack («قرية X بريف إدلب») is written by its name in gold
            unlisted = self.dicts.unlisted(got)
            got = "?" + normalize(unlisted.name_ar) if unlisted else got
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

    def related(self, actor_or_place: str) -> set[str]:
        """The id with its parents, so that a gold «SY-HL» covers Aleppo's actors' chain too."""
        return self._chain(actor_or_place) | {actor_or_place}

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


_HARAKAT = re.compile("[\u064b-\u0652]")


def definite_and_bare(word: str) -> tuple[str, str]:
    """«وللمدينة» → («المدينة», «مدينة»): the word as written, its conjunction,
    preposition and article taken off, with and without the article."""
    word = _HARAKAT.sub("", word)
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    if word.startswith("لل"):
        word = "ال" + word[2:]
    elif word[:1] in "بلك" and word[1:3] == "ال":
        word = word[1:]
    bare = word[2:] if word.startswith("ال") else word
    return "ال" + bare, bare


@lru_cache(maxsize=None)
def is_common_word(word: str) -> bool:
    """A word that general Arabic uses often both with and without the
    article (wordfreq's Zipf scale): an ordinary noun or adjective («المدينة»،
    «الأخيرة»), where a proper name is frequent in one form only («العراق»،
    «دمشق»). False when wordfreq is not installed."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return False
    return all(zipf_frequency(form, "ar") >= COMMON_ZIPF for form in definite_and_bare(word))


def load_gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def article_for(gold: dict) -> Article:
    path = ROOT / gold["article"]
    items = [a for a in read_file(path, gold["article"], {}) if isinstance(a, Article)]
    return items[0]


def gold_wants(g: dict, resolver: Resolver) -> dict:
    return {
        "actor1": resolver.actor(g.get("actor1")), "actor2": resolver.actor(g.get("actor2")),
        "place": resolver.place(g.get("place")), "date": str(g["date"]) if g.get("date") else None,
        "reported_by": resolver.actor(g.get("reported_by")),
        "negated": bool(g.get("negated")), "hedged": bool(g.get("hedged")),
    }


@dataclass
class ArticleRun:
    """One article's gold, the extraction of it and the matching between them."""

    name: str
    golds: list[dict]
    wants: list[dict]
    skip_fields: list[set]
    gold_sent: list[int | None]
    ex: object
    sents: dict
    pairs: dict[int, int]  # gold index -> prediction index
    skipped: set  # (sentence, type) of the gold entries dropped as disputed
    named_ids: set


def _locate(body: str, ex, sentence: str) -> int | None:
    pos = body.find(sentence)
    if pos < 0:
        return None
    return next((s.idx for s in ex.sentences if s.start <= pos < s.end), None)


def _match(run: ArticleRun, resolver: Resolver) -> None:
    """One-to-one pairs of same sentence and type, the best-agreeing first."""
    cands = []
    for gi, want in enumerate(run.wants):
        for pi, e in enumerate(run.ex.events):
            if run.gold_sent[gi] is not None and e.sentence_idx == run.gold_sent[gi] \
                    and e.event_type == run.golds[gi]["type"]:
                agree = sum(resolver.same(f, getattr(e, f), want[f]) for f in FIELDS)
                cands.append((-agree, gi, pi))
    used_g, used_p = set(), set()
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            run.pairs[gi] = pi


def prepare(gold: dict, extractor: Extractor, resolver: Resolver, disputes: dict) -> ArticleRun:
    article = article_for(gold)
    ex = extractor.extract(article)
    name = Path(gold["article"]).stem
    all_golds = gold.get("events") or []
    dropped = {i for i, s in disputes.items() if s == "event"}
    keep = [i for i in range(len(all_golds)) if i not in dropped]
    golds = [all_golds[i] for i in keep]
    run = ArticleRun(
        name=name, golds=golds, wants=[gold_wants(g, resolver) for g in golds],
        skip_fields=[set(disputes.get(i) or ()) for i in keep],
        gold_sent=[_locate(article.body, ex, g["sentence"]) for g in golds],
        ex=ex, sents={s.idx: s for s in ex.sentences}, pairs={},
        skipped={(_locate(article.body, ex, all_golds[i]["sentence"]), all_golds[i]["type"]) for i in dropped},
        named_ids=set(),
    )
    for want in run.wants:
        for f in ("actor1", "actor2", "place", "reported_by"):
            if want[f] and not want[f].startswith("?"):
                run.named_ids |= resolver.related(want[f])
    _match(run, resolver)
    return run


def _name_surface(run: ArticleRun, e, name_field: str) -> tuple[str, str] | None:
    """(surface, via) of the mention a prediction's name comes from."""
    span = e.spans.get(name_field)
    sent = run.sents.get(e.sentence_idx)
    if not span or sent is None:
        return None
    mentions = list(getattr(sent, "actors", [])) + list(getattr(sent, "places", []))
    via = next((m.via for m in mentions if (m.start, m.end) == tuple(span)), "name")
    return sent.text[span[0]:span[1]], via


def from_common_word(run: ArticleRun, e, name_field: str, resolver: Resolver) -> bool:
    value = getattr(e, name_field)
    if not value or value in run.named_ids:
        return False
    found = _name_surface(run, e, name_field)
    if not found or found[1] != "name":
        return False
    words = found[0].split()
    return len(words) == 1 and is_common_word(words[0])


def _cue_types(sent) -> set[str]:
    return {cue.event_type for _, cue in getattr(sent, "cues", [])}


def miss_cause(run: ArticleRun, gi: int) -> str:
    sidx, gtype, want = run.gold_sent[gi], run.golds[gi]["type"], run.wants[gi]
    if sidx is None:
        return "sentence not found"
    same = [pi for pi, e in enumerate(run.ex.events) if e.sentence_idx == sidx and e.event_type == gtype]
    if any(pi in run.pairs.values() for pi in same):
        return "merged"
    if gtype not in _cue_types(run.sents[sidx]):
        return "cue not matched"
    if want["actor1"] and want["actor1"].startswith("?"):
        return "actor unknown"
    if want["place"] and want["place"].startswith("?"):
        return "place unknown"
    matched = set(run.pairs.values())
    if any(e.sentence_idx == sidx and pi not in matched for pi, e in enumerate(run.ex.events)):
        return "wrong type"
    return "rule dropped"


def extra_cause(run: ArticleRun, pi: int, resolver: Resolver) -> str:
    e = run.ex.events[pi]
    if (e.sentence_idx, e.event_type) in run.skipped:
        return "disputed gold"
    if any(run.ex.events[pj].sentence_idx == e.sentence_idx and run.ex.events[pj].event_type == e.event_type
           for pj in run.pairs.values()):
        return "split"
    if any(from_common_word(run, e, f, resolver) for f in NAME_FIELDS):
        return "common word"
    missed = [gi for gi in range(len(run.golds)) if gi not in run.pairs and run.gold_sent[gi] == e.sentence_idx]
    if missed:
        return "wrong type"
    return "not an act in gold"


def field_cause(run: ArticleRun, e, f: str, want, resolver: Resolver) -> str:
    if f in NAME_FIELDS and want and want.startswith("?"):
        return "place unknown" if f == "place" else "actor unknown"
    if f in NAME_FIELDS and from_common_word(run, e, f, resolver):
        return "common word"
    return f"wrong {f}"


def _describe_gold(run: ArticleRun, gi: int) -> str:
    g, w = run.golds[gi], run.wants[gi]
    return f"{run.name}: {g['type']} {w['actor1']}/{w['actor2']}@{w['place']} {w['date']} «{g['sentence'][:50]}»"


def _describe_pred(run: ArticleRun, e) -> str:
    sent = run.sents.get(e.sentence_idx)
    text = sent.text if sent else ""
    t = e.spans.get("trigger", [0, 0])
    return f"{run.name}: {e.event_type} [{text[t[0]:t[1]]}] {e.actor1}/{e.actor2}@{e.place} {e.date} «{text[:50]}»"


def _score_pair(score: Score, run: ArticleRun, gi: int, e, resolver: Resolver) -> None:
    want = run.wants[gi]
    for f in FIELDS:
        if f in run.skip_fields[gi]:
            continue
        got, exp = getattr(e, f), want[f]
        if f in ("negated", "hedged"):  # booleans: count the True ones
            got, exp = (got or None), (exp or None)
        counts = score.fields[f]
        ok = resolver.same(f, got, exp)
        counts[0] += ok and got is not None
        counts[1] += got is not None
        counts[2] += ok and exp is not None
        counts[3] += exp is not None
        counts[4] += ok
        counts[5] += 1
        if not ok and f in CAUSE_FIELDS:
            cause = field_cause(run, e, f, exp, resolver)
            line = f"{f}: got {got!r} want {exp!r}  [{run.golds[gi]['type']}] «{run.golds[gi]['sentence'][:50]}»"
            score.findings.append(Finding("field", cause, f"{run.name}: {line}"))


def score_run(run: ArticleRun, resolver: Resolver) -> Score:
    score = Score(pred=len(run.ex.events), gold=len(run.golds), tp=len(run.pairs))
    for gi in range(len(run.golds)):
        if gi in run.pairs:
            _score_pair(score, run, gi, run.ex.events[run.pairs[gi]], resolver)
            continue
        line = _describe_gold(run, gi)
        score.misses.append(line)
        score.findings.append(Finding("miss", miss_cause(run, gi), line))
    matched = set(run.pairs.values())
    for pi, e in enumerate(run.ex.events):
        if pi not in matched:
            line = _describe_pred(run, e)
            score.extras.append(line)
            score.findings.append(Finding("extra", extra_cause(run, pi, resolver), line))
    return score


def score_article(gold: dict, extractor: Extractor, resolver: Resolver, verbose: bool = False,
                  disputes: dict | None = None) -> Score:
    score = score_run(prepare(gold, extractor, resolver, disputes or {}), resolver)
    if verbose:
        for f in score.findings:
            print(f"  {f.kind:5} [{f.cause}] {f.line}")
    return score


def load_disputes(path: Path = DISPUTED_FILE) -> dict[str, dict[int, object]]:
    """{article stem: {event index: "event" or [fields]}} from realdev_disputed.yaml,
    each entry checked against its gold (type and any identifying field given)."""
    if not path.exists():
        return {}
    doc = load_gold(path) or {}
    out: dict[str, dict[int, object]] = {}
    for entry in doc.get("disputed") or []:
        stem, idx = entry["article"], int(entry["index"])
        gold_path = REALDEV_DIR / f"{stem}.yaml"
        if gold_path.exists():
            events = load_gold(gold_path).get("events") or []
            g = events[idx] if idx < len(events) else {}
            for key in ("type", "actor1", "actor2", "place"):
                if key in entry and g.get(key) != entry[key]:
                    raise SystemExit(f"{path.name}: {stem} event {idx}: {key} is {g.get(key)!r} in the gold, "
                                     f"not {entry[key]!r}: the gold changed, check the dispute")
        out.setdefault(stem, {})[idx] = entry.get("skip", "event")
    return out


def set_files(which: str, pattern: str = "*.yaml") -> list[Path]:
    """The gold files of one set; realdev is empty when ../shared/realdev is absent."""
    if which in ("samples", "own"):
        paths = [p for p in sorted(GOLD_DIR.glob(pattern)) if p != DISPUTED_FILE]
        return [p for p in paths if bool(SAMPLE_STEM.match(p.name)) == (which == "samples")]
    folder = HELDOUT_DIR if which == "heldout" else REALDEV_DIR
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def score_gold_files(section: str, score, pattern: str = "*.yaml", verbose: bool = False,
                     gold_dir: Path = GOLD_DIR, paths: list[Path] | None = None,
                     per_article: dict[str, dict] | None = None) -> dict:
    """{article stem: score(gold, extractor, resolver, verbose, **per_article[stem])}
    for every gold file under `gold_dir` (or of `paths`) with a non-empty
    `section` (events, positions)."""
    dicts = Dictionaries(include_user=False)
    extractor = Extractor(dicts)
    resolver = Resolver(dicts)
    out = {}
    for path in paths if paths is not None else sorted(gold_dir.glob(pattern)):
        if path == DISPUTED_FILE:
            continue
        gold = load_gold(path)
        if not gold or not gold.get(section):
            continue
        if verbose:
            print(path.name)
        out[path.stem] = score(gold, extractor, resolver, verbose, **(per_article or {}).get(path.stem, {}))
    return out


def score_all(pattern: str = "*.yaml", verbose: bool = False, gold_dir: Path = GOLD_DIR) -> dict[str, Score]:
    return score_gold_files("events", score_article, pattern, verbose, gold_dir)


def score_set(which: str, pattern: str = "*.yaml", verbose: bool = False, disputes: bool = True) -> dict[str, Score]:
    """{article stem: Score} of one set; realdev skips the disputed entries unless told not to."""
    per_article = {}
    if which == "realdev" and disputes:
        per_article = {stem: {"disputes": d} for stem, d in load_disputes().items()}
    return score_gold_files("events", score_article, verbose=verbose, paths=set_files(which, pattern),
                            per_article=per_article)


def total_of(scores: dict[str, Score]) -> Score:
    total = Score()
    for s in scores.values():
        total.add(s)
    return total


def report(scores: dict[str, Score]) -> str:
    lines = [f"{'article':42} {'P':>5} {'R':>5} {'F1':>5}  gold pred"]
    total = total_of(scores)
    for name, s in scores.items():
        lines.append(f"{name[:42]:42} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.gold:4} {s.pred:4}")
    lines.append(f"{'ALL':42} {total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}  {total.gold:4} {total.pred:4}")
    lines.append(fields_report(total))
    return "\n".join(lines)


def fields_report(total: Score) -> str:
    return "\n".join(f"  {f:12} P {total.field_pr(f)[0]:.2f}  R {total.field_pr(f)[1]:.2f}  agree {total.field_agree(f):.2f}"
                     for f in FIELDS)


def causes_report(totals: dict[str, Score]) -> str:
    """Misses, extras and wrong fields counted by cause, one column per set."""
    names = list(totals)
    lines = [f"{'':8} {'cause':20} " + " ".join(f"{n:>8}" for n in names)]
    for kind in ("miss", "extra", "field"):
        causes = sorted({c for t in totals.values() for c in t.causes(kind)})
        for cause in causes:
            lines.append(f"{kind:8} {cause:20} " + " ".join(f"{totals[n].causes(kind)[cause]:8}" for n in names))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    if "--gold" in argv[:-1]:  # another gold folder, e.g. from `conflictui corrections --as-gold DIR`
        print(report(score_all(verbose=verbose, gold_dir=Path(argv[argv.index("--gold") + 1]))))
        return 0
    which = argv[argv.index("--set") + 1] if "--set" in argv else "all"
    if "--heldout" in argv:
        which = "heldout"
    chosen = SETS if which == "all" else (which,)
    if any(w not in SETS for w in chosen):
        print(f"--set: {which!r} is not one of {', '.join(SETS)}, all")
        return 2
    skip = {"--set", which, "--heldout"}
    pattern = next((a for a in argv if not a.startswith("-") and a not in skip), "*.yaml")
    totals = {}
    for w in chosen:
        details = verbose and w != "heldout"  # the held-out set is not for tuning
        print(f"== {w}")
        scores = score_set(w, pattern, details, disputes="--no-disputes" not in argv)
        totals[w] = total_of(scores)
        print(report(scores) if w != "heldout" else report({"heldout (all articles)": totals[w]}))
        if not scores:
            print("  (no gold: ../shared/realdev is absent)" if w == "realdev" else "  (no gold)")
    print("\n== causes (misses, extras, wrong fields of matched pairs)")
    print(causes_report(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
