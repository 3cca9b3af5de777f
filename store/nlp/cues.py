"""Event cues from cues.tsv, with verb patterns expanded to their forms.

A pattern word written «~سيطر» stands for the verb's past and present
forms (سيطر، سيطرت، سيطروا، يسيطر، تسيطر، يسيطرون ...). The expansion
over-generates on purpose: a form that Arabic does not have costs nothing,
while a missing form loses events.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text.arabic import normalize, tokenize
from .event_types import event_types
from .matcher import PhraseIndex

EVENT_TYPES = tuple(t.id for t in event_types())  # store/data/event_types.tsv


# What a flag in the `flags` column of cues.tsv tells the rules (store/data/README.md).
CUE_FLAGS = {
    "negated": "the act is told as not done: a draft withdrawn, a vote that failed",
    "killing": "the named actor was killed; the act only when no other violent cue gives the toll",
    "generic": "a general verb (targeting, destroying) that is the own verb of a violent cue just before",
    "news": "a statement that is news in itself: a warning, a forecast, a denial, an assessment",
    "denial": "a statement that denies: the statement is negated",
    "verbal_attack": "an attack that a person, a ministry or an international body makes in words",
    "intercepting": "the missiles or aircraft named next are the target, not a second act",
    "loss": "a loss: an actor after «لصالح» gains the territory",
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
    """The normal forms of a |-separated cell."""
    return frozenset(normalize(w) for w in (cell or "").replace("|", " ").split())


# No object pronouns: «سيطرته» is far more often the noun "its control".
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "وه", "وها")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ين", "وا", "ونه", "ونها")


def verb_forms(stem: str, with_present: bool) -> list[tuple[str, str]]:
    """(form, tense) pairs of a normalised past-tense stem."""
    forms = [(stem + s, "past") for s in _PAST_SUFFIXES]
    if stem.endswith("ي") or stem.endswith("ا"):  # نفى، دعا، تبنى: drop the final weak letter
        forms += [(stem[:-1] + s, "past") for s in ("ت", "وا")]
    if with_present:
        for b in _present_bases(stem):
            for p in _PRESENT_PREFIXES:
                forms += [(p + b + s, "present") for s in _PRESENT_SUFFIXES]
    return forms


def _present_bases(stem: str) -> set[str]:
    """What follows the prefix of the present tense: أكد → ؤكد, قال → قول/قيل,
    تبقى → تبقي/تبق (the jussive after «لم»)."""
    bases = {stem[1:] if stem.startswith("ا") else stem}
    if stem.startswith("ا"):
        bases.add("و" + stem[1:])  # أكد → يؤكد
    for b in list(bases):
        if len(b) >= 3 and b[-2] == "ا":  # hollow: قال → يقول، أشار → يشير
            bases.update({b[:-2] + "و" + b[-1], b[:-2] + "ي" + b[-1]})
        if b.endswith("ي") or b.endswith("ا"):
            bases.update({b[:-1] + "ي", b[:-1] + "و"})
            if len(b) >= 4:
                bases.add(b[:-1])  # the jussive after «لم»: «لم يتبق»
    return bases


def _tail_variants(word: str) -> list[str]:
    """A pronoun-suffixed word also with the other pronouns: سيطرته → سيطرتها."""
    out = [word]
    for suf, alts in (("ته", ("تها", "تهم")), ("ه", ("ها", "هم"))):
        if word.endswith(suf) and len(word) > len(suf) + 2:
            out += [word[: -len(suf)] + a for a in alts]
            break
    return out


def _definite(word: str) -> str:
    return word if word.startswith("ال") or word[:1].isdigit() else "ال" + word


# Adverbs that wire copy puts between a verb and the rest of its phrase
# («قضت أمس على», «سقطت بالكامل بيد», «سيطرت مجددا على»).
# Written once each: the index matches their normal forms (hamza, tanween folded).
PHRASE_INSERTS = ("أمس", "اليوم", "الليلة", "ليلا", "فجر", "صباح", "مساء", "فجرا", "صباحا",
                  "بالكامل", "كليا", "تماما", "نهائيا", "مجددا", "أيضا", "رسميا", "جزئيا")


def build_cue_index(rows: list[dict[str, str]]) -> PhraseIndex[Cue]:
    index: PhraseIndex[Cue] = PhraseIndex()
    index.inserts = frozenset(normalize(w) for w in PHRASE_INSERTS)
    for row in rows:
        etype, pattern, role = row["event_type"], row["pattern"], (row.get("role") or "verb")
        if etype not in EVENT_TYPES:
            continue
        not_after = frozenset(normalize(w) for w in (row.get("not_after") or "").split("|") if w.strip())
        conditions = {"requires": _words(row.get("requires")), "after": _words(row.get("after")),
                      "flags": frozenset(f.strip() for f in (row.get("flags") or "").split("|") if f.strip())}
        words = pattern.split()
        first, rest = words[0], [t.norm for w in words[1:] for t in tokenize(w)]
        rest_variants = [rest]
        if rest:
            rest_variants = [rest[:-1] + [v] for v in _tail_variants(rest[-1])]
        if first.startswith("~"):
            with_objects = first.endswith("+")  # «~عارض+»: also عارضته، عارضتها
            stem = normalize(first[1:].rstrip("+"))
            firsts = verb_forms(stem, with_present=True)
            if role == "past":
                # a past-only verb in the present tells the past only after «قبل أن», «بعد أن», «ثم»
                firsts = [(f, "narrative" if tense == "present" else tense) for f, tense in firsts]
            if with_objects:
                bare_present = {p + b for p in _PRESENT_PREFIXES for b in _present_bases(stem)}
                firsts += [(f + suf, tense) for f, tense in list(firsts)
                           if f.endswith(("ت", "وا")) or f == stem or f in bare_present  # «تستعيده», «تقتحمها»
                           for suf in ("ه", "ها", "هم")]
                firsts += [(f.rstrip("ا") + suf, tense) for f, tense in list(firsts) if f.endswith("وا")
                           for suf in ("ه", "ها")]
        else:
            firsts = [(t.norm, "noun" if role in ("noun", "passive") else "past") for t in tokenize(first)]
            if role in ("noun", "passive"):
                # «قصف» also as «القصف», «غارات جوية» as «الغارات الجوية»
                firsts += [(_definite(f), tense) for f, tense in firsts if _definite(f) != f]
                rest_variants += [[_definite(w) for w in rv] for rv in rest_variants]
        for form, tense in firsts:
            cue = Cue(etype, pattern, role, not_after, tense, **conditions)
            for rv in rest_variants:
                index.add_tokens((form, *rv), cue)
    return index
