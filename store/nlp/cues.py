"""Event cues from cues.tsv, with verb patterns expanded to their forms.

A pattern word written «~سيطر» stands for the verb's past and present
forms (سيطر، سيطرت، سيطروا، يسيطر، تسيطر، يسيطرون ...). The expansion
over-generates on purpose: a form that Arabic does not have costs nothing,
while a missing form loses events. The inflection itself (affixes, the
article) is morphology and lives in store/text/morphology.py; the adverbs a
phrase may hold are the lexicon class `phrase_inserts`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text.arabic import normalize, tokenize
from ..text.morphology import accusative_form, definite, future_forms, possessive_forms, pronoun_variants, verb_forms, with_object_pronouns
from .event_types import event_types
from .lexicon import ADVERBIAL_ACCUSATIVES, LOADED, PHRASE_INSERTS, VIOLENT
from .matcher import PhraseIndex

EVENT_TYPES = tuple(t.id for t in event_types())  # store/data/event_types.tsv
FUTURE_TYPES = VIOLENT | {"territory_taken"}  # the acts whose verbs also match in the future tense
PLACE_CONDITION = "@place"  # in `requires`: a place right after the cue

VERB_MARK = "~"  # a pattern written «~سيطر» is a verb, every form of it generated


# What a flag in the `flags` column of cues.tsv tells the rules (store/data/README.md).
CUE_FLAGS = {
    "negated": "the act is told as not done: a draft withdrawn, a vote that failed",
    "killing": "the named actor was killed; the act only when no other violent cue gives the toll",
    "generic": "a general verb (targeting, destroying) that is the own verb of a violent cue just before",
    "news": "a statement that is news in itself: a warning, a forecast, a denial, an assessment",
    "denial": "a statement that denies: the statement is negated",
    "verbal_attack": "an attack that a person, a ministry or an international body makes in words",
    "intercepting": "the missiles or aircraft named next are the target, not a second act",
    "loss": "a loss of territory: the actor it went to gains it",  # «خسارتها لصالح X»
    "stative": "a verb of holding: its present tells who holds what, a state; the act only as a change",
    "one_sided": "an attack by one side: aimed at no force and harming civilians, it is violence against civilians",
}


@dataclass(frozen=True)
class Cue:
    event_type: str
    pattern: str
    role: str  # verb | past | noun | passive | participle
    not_after: frozenset[str]
    tense: str  # past | present | noun | narrative (the present of a past-only verb)
    requires: frozenset[str] = frozenset()  # one must follow within 8 words; "@place": a place right after
    after: frozenset[str] = frozenset()  # one must come one or two words before
    flags: frozenset[str] = frozenset()  # of CUE_FLAGS

    def has(self, flag: str) -> bool:
        return flag in self.flags


def _words(cell: str | None) -> frozenset[str]:
    """The normal forms of a |-separated cell; `@name` stands for the words of
    the lexicon class `name` («@protest_words»), `@place` for itself (a place
    right after the cue). An unknown class stays `@name`, which no word
    matches: the condition fails rather than vanish."""
    out: set[str] = set()
    for w in (cell or "").replace("|", " ").split():
        if w.startswith("@") and w != PLACE_CONDITION:
            try:
                out |= LOADED.words(w[1:])
                continue
            except KeyError:
                pass
        out.add(w if w.startswith("@") else normalize(w))
    return frozenset(out)


def build_cue_index(rows: list[dict[str, str]]) -> PhraseIndex[Cue]:
    index: PhraseIndex[Cue] = PhraseIndex()
    index.inserts = PHRASE_INSERTS
    for row in rows:
        for tokens, cue in cue_forms(row):
            index.add_tokens(tokens, cue)
    return index


def cue_forms(row: dict[str, str]) -> list[tuple[tuple[str, ...], Cue]]:
    """The token sequences one cues.tsv row matches, each with its cue: a
    verb's conjugations, a noun's definite, possessive and accusative forms
    (`conflictui dicts --cue` lists them). Empty for an unknown event type."""
    etype, pattern, role = row["event_type"], row["pattern"], (row.get("role") or "verb")
    if etype not in EVENT_TYPES:
        return []
    not_after = frozenset(normalize(w) for w in (row.get("not_after") or "").split("|") if w.strip())
    conditions = {"requires": _words(row.get("requires")), "after": _words(row.get("after")),
                  "flags": frozenset(f.strip() for f in (row.get("flags") or "").split("|") if f.strip())}
    words = pattern.split()
    name = pattern if words[0].startswith("~") else pattern.replace("+", "")  # the rule's name stays «هجوم»
    first, rest = words[0], [t.norm for w in words[1:] for t in tokenize(w)]
    rest_variants = [rest]
    if rest:
        rest_variants = [rest[:-1] + [v] for v in pronoun_variants(rest[-1])]
    if first.startswith(VERB_MARK):
        firsts = _verb_firsts(first, role, etype in FUTURE_TYPES)
    else:
        firsts, rest_variants = _noun_firsts(first, role, rest_variants)
    return [((form, *rv), Cue(etype, name, role, not_after, tense, **conditions))
            for form, tense in firsts for rv in rest_variants]


def _verb_firsts(first: str, role: str, with_future: bool) -> list[tuple[str, str]]:
    """«~سيطر»: the past and present forms, for a material act the future too
    («سيقتحم»: told before it is done, a threat or a forecast); «~استعاد+»
    also with an object pronoun."""
    stem = normalize(first[1:].rstrip("+"))
    firsts = verb_forms(stem, with_present=True)
    if with_future:
        firsts += future_forms(firsts)
    if role == "past":
        # a past-only verb in the present tells the past only after «قبل أن», «بعد أن», «ثم»
        firsts = [(f, "narrative" if tense == "present" else tense) for f, tense in firsts]
    if first.endswith("+"):  # «~عارض+»: also عارضته، عارضتها
        firsts = with_object_pronouns(firsts, stem)
    return firsts


def _noun_firsts(first: str, role: str, rest_variants: list[list[str]]):
    """A noun's first words and the words after it: «قصف» also «القصف»,
    «غارات جوية» also «الغارات الجوية», «انسحاب+» also «انسحابها», and an
    indefinite noun of role `noun` also in the accusative: «تقدماً»,
    «قصفاً جوياً» (not the accusatives that are adverbs of another sense,
    lexicon class `adverbial_accusatives`: «اعتراضاً على» is "in protest")."""
    firsts = [(t.norm, "noun" if role in ("noun", "passive") else "past") for t in tokenize(first.rstrip("+"))]
    if role not in ("noun", "passive"):
        return firsts, rest_variants
    bare = list(firsts)
    firsts += [(definite(f), tense) for f, tense in bare if definite(f) != f]
    variants = rest_variants + [[definite(w) for w in rv] for rv in rest_variants]
    if first.endswith("+") and not rest_variants[0]:  # «انسحاب+»: also انسحابه، انسحابها، انسحابهم
        firsts += [(f, "noun") for f in possessive_forms(bare[0][0])]
    if role == "noun":
        accusatives = [(acc, tense) for f, tense in bare if (acc := accusative_form(f))
                       and acc not in ADVERBIAL_ACCUSATIVES]
        firsts += accusatives
        if accusatives and rest_variants[0]:  # «قصفاً جوياً»: the adjective agrees
            variants += [[accusative_form(w) or w for w in rv] for rv in rest_variants]
    return firsts, variants


def rows_forming(rows: list[dict[str, str]], words: str) -> list[tuple[dict[str, str], list[str]]]:
    """The cues.tsv rows whose pattern is `words` (its verb or noun written
    bare) or generates them, each with all the forms it generates, sorted:
    what `conflictui dicts --cue` shows."""
    want = " ".join(t.norm for t in tokenize(words))
    out = []
    for row in rows:
        forms = sorted({" ".join(tokens) for tokens, _ in cue_forms(row)})
        bare = " ".join(t.norm for w in row["pattern"].split() for t in tokenize(w.lstrip("~").rstrip("+")))
        if forms and (want == bare or want in forms):
            out.append((row, forms))
    return out
