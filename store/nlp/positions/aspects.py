"""The aspects of the dispute subjects, read from aspects.tsv: what the
positions on a subject are compared on, and which normaliser reads each
aspect's value from a clause (see store/data/README.md).

A row names a subject (or `*` for every subject), the aspect, the
normaliser and the word class that cues it. A subject's own row for a
normaliser takes the place of the `*` row; a normaliser that has no row for
a subject does not run on its clauses."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import Lexicon

# The normalisers an aspects.tsv row may name: the clause passes
# (clauses.py) and the sentence passes (finder.py) that read a value.
NORMALISERS = frozenset({
    "duration",  # a duration as ISO 8601 (P6M); outside a draft only near a cue word
    "delay",  # a delay in hours just after a cue word (PT72H)
    "immediate",  # a start without delay, on a cue phrase (P0D)
    "refusal",  # a refused fixed start: a refusal verb and a cue word (reject)
    "crossing",  # a place of the row's kinds, kept open (place id)
    "closed_crossing",  # a place of the crossing row's kinds after a cue word: closed or dropped (place id)
    "site",  # a place of the row's kinds where a cue word sends investigators (place id)
    "finding",  # what happens to a finding a cue word names: freeze, reject, council-approval, endorse
    "independent",  # a mechanism that names those responsible itself, on a cue word (independent)
    "responsible",  # the actor held responsible (actor id)
    "denial",  # the party after a cue word denies the act or its attribution (reject)
    "sanctions",  # sanctions a cue word names: proposed (sanctions) or opposed (reject)
    "embargo",  # a ban on the sale of helicopters, on a cue word (helicopter-embargo)
    "exclusion",  # an armed group after a cue word, excluded from a truce (actor id)
    "status",  # what became of a draft: tabled, withdrawn, amended, adopted, failed
    "direction",  # where civilians go: the value of a cue word, of a class with values (north, home)
    "assessment",  # a report or a text judged sound or doubtful: praise, reject
    "vote",  # a vote cast: for, against, abstain, veto
    "deadline",  # the day a mandate ends, on a cue word (YYYY-MM-DD, held by no party)
})


@dataclass(frozen=True)
class Aspect:
    subject: str  # a subject id, or "*"
    aspect: str
    normaliser: str
    summary: str  # English; {value} stands for the value in words
    event_type: str  # of a judgement on this aspect; "" for criticism
    cue_words: frozenset[str]
    cue_phrases: frozenset[tuple[str, ...]]
    cue_values: tuple[tuple[str, str], ...]  # (normalised word, value) of a class with values
    include_kinds: frozenset[str]
    exclude_kinds: frozenset[str]

    def counts_place(self, kind: str) -> bool:
        """Whether a place of this kind can hold this aspect's value."""
        if self.include_kinds:
            return kind in self.include_kinds
        return kind not in self.exclude_kinds

    def describe(self, value: str) -> str:
        return self.summary.replace("{value}", value)


class AspectTable:
    """Aspects by (subject, normaliser); rows that cannot be used are
    named in `problems` and left out, the others still load."""

    def __init__(self, rows: Iterable[dict[str, str]], lexicon: Lexicon):
        self.problems: list[str] = []
        self._by: dict[tuple[str, str], Aspect] = {}
        for row in rows:
            aspect = self._aspect(row, lexicon)
            if aspect is not None:
                self._by[(aspect.subject, aspect.normaliser)] = aspect  # a later row replaces an earlier one

    def _aspect(self, row: dict[str, str], lexicon: Lexicon) -> Aspect | None:
        where = f"aspects.tsv: aspect {row.get('aspect', '')!r} of {row.get('subject', '')!r}"
        normaliser = row.get("normaliser", "")
        if normaliser not in NORMALISERS:
            self.problems.append(f"{where}: unknown normaliser {normaliser!r} (one of {', '.join(sorted(NORMALISERS))})")
            return None
        cue = row.get("cue", "")
        try:
            phrases = lexicon.phrases(cue) if cue else set()
            values = tuple(lexicon.values(cue, str).items()) if cue else ()
        except (KeyError, ValueError) as err:
            self.problems.append(f"{where}: cue {cue!r}: {err.args[0]}")
            return None
        kinds = [k for k in row.get("kinds", "").split("|") if k.strip()]
        return Aspect(row.get("subject") or "*", row["aspect"], normaliser, row.get("summary", ""),
                      row.get("event_type", ""), frozenset(p[0] for p in phrases if len(p) == 1),
                      frozenset(phrases), values,
                      frozenset(k.strip() for k in kinds if not k.startswith("!")),
                      frozenset(k.strip()[1:] for k in kinds if k.startswith("!")))

    @classmethod
    def load(cls, subject_rows: Iterable[dict[str, str]], aspect_rows: Iterable[dict[str, str]],
             lexicon: Lexicon) -> AspectTable:
        """The aspects of aspects.tsv rows, after those that subjects.tsv rows
        of older files name in a `duration_aspect` column (an aspects.tsv row
        for the same subject and normaliser wins)."""
        implied = [{"subject": row["id"], "aspect": row["duration_aspect"], "normaliser": "duration",
                    "cue": "mandate_words", "summary": row["duration_aspect"].replace("_", " ") + ": {value}"}
                   for row in subject_rows if row.get("duration_aspect")]
        return cls([*implied, *aspect_rows], lexicon)

    def get(self, subject: str, normaliser: str) -> Aspect | None:
        """The subject's aspect read by this normaliser: its own row, else
        the `*` row, else None (the normaliser does not run)."""
        return self._by.get((subject, normaliser)) or self._by.get(("*", normaliser))
