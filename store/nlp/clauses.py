"""Clause structure around a cue: where a relative clause or what a
speech verb says begins and ends, asides, coordinated actors, «منذ» counts.
Pure functions of a Sentence, which the role and event passes ask."""
from __future__ import annotations

from ..text.arabic import proclitic_variants
from .lexicon import (
    CLAUSE_WORDS, DIRECTION_FILLER, DRAFT_WORDS, ENABLING_STEMS, FROM, IN, JOINERS, ORIGIN_PHRASES, PREPOSITIONS,
    RELATIVES, RESOLUTION_INDEFINITE, SINCE, SUPPORT, TIME_HEADS, WAS, WITH,
)
from .sentence import Mention, Sentence


def outside_asides(sent: Sentence, m: Mention) -> list[Mention]:
    """The actors of the sentence but those of an aside that `m` is not in."""
    out = sent.actors
    for b, e in sent.asides:
        if not b <= m.i < e:
            out = [a for a in out if not b <= a.i < e]
    return out


def named_as_backer(sent: Sentence, p: Mention) -> bool:
    """«المدعومة من تركيا», «بدعم من روسيا»: a country named as a backer."""
    toks = sent.tokens
    prev = toks[p.i - 1].norm if p.i > 0 else ""
    return prev in SUPPORT or (prev in FROM and p.i > 1 and toks[p.i - 2].norm in SUPPORT)


_ORIGIN_REACH = max(ORIGIN_PHRASES.lengths, default=0) + 3  # how far back an origin phrase may begin


def named_as_origin(sent: Sentence, p: Mention) -> bool:
    """«من اتجاه التنف شرقي حمص», «انطلاقا من الأراضي التركية»:
    the first place within three words after an origin phrase is where the
    fire came from."""
    norms = sent.norms
    if not any(w in ORIGIN_PHRASES.firsts for w in norms[max(0, p.i - _ORIGIN_REACH):p.i]):
        return False  # no origin phrase begins in reach of the place
    for phrase in ORIGIN_PHRASES:
        n = len(phrase)
        for k in range(max(0, p.i - n - 3), p.i - n + 1):
            if tuple(norms[k:k + n]) == phrase and \
                    not any(k + n <= q.i < p.i for q in sent.places) and "،" not in sent.text[
                        sent.tokens[k].start:sent.tokens[p.i].start]:
                return True
    return False


def described_actor(sent: Sentence, m: Mention, p: Mention) -> bool:
    """«معارك بين الجيش ومقاتلين مرتبطين بالحزب الذي يشن تمردا في تركيا»:
    a place in a relative clause after the act that describes an actor
    («الذي» right after its name) tells of the actor, not of the act."""
    for r in range(m.j, p.i):
        gap = sent.text[sent.tokens[r].start:sent.tokens[p.i].start]
        if sent.tokens[r].norm in RELATIVES and any(a.j == r for a in sent.actors) and \
                not any(r < b <= p.i for b in sent.bounds) and "،" not in gap and "," not in gap:
            return True  # «، الذي يضم ...، على المدينة»: the aside has ended before the place
    return False


def country_by_compass(sent: Sentence, p: Mention) -> bool:
    """«في شمال العراق», «شمال شرق سوريا»: a part of a country by its
    compass point names no place in particular (the gold guide: null);
    the caller checks that p is a country."""
    return p.i > 0 and bool(set(proclitic_variants(sent.tokens[p.i - 1].norm)) & DIRECTION_FILLER)


def joined(sent: Sentence, left: Mention, right: Mention) -> bool:
    """«X وY», «X ومقاتلون من Y», «طيران X وطائرات Y»: two coordinated actors."""
    between = sent.tokens[left.j : right.i]
    if right.i - left.j > 3:
        return False
    if not between:
        return sent.tokens[right.i].norm.startswith("و")
    return (between[0].norm.startswith("و") or between[0].norm in WITH) and \
        all(t.norm in JOINERS or t.norm[1:] in JOINERS for t in between)


def governed_by_preposition(sent: Sentence, i: int) -> bool:
    """Whether a preposition stands just before token i (no subject then)."""
    return i > 0 and sent.tokens[i - 1].norm in PREPOSITIONS


def chain_start(sent: Sentence, cands: list[Mention]) -> Mention | None:
    """The first of the coordinated actors that end with the last candidate:
    the subject before a verb is «X وY», not only Y."""
    if not cands:
        return None
    k = len(cands) - 1
    while k > 0 and joined(sent, cands[k - 1], cands[k]):
        k -= 1
    return cands[k]


def enabled_act(sent: Sentence, m: Mention) -> bool:
    """«تمكنوا من طرد», «نجحت في إخراج»: the verbal noun is the subject's act."""
    toks = sent.tokens
    return m.i >= 2 and toks[m.i - 1].norm in FROM | IN and \
        any(stem in t.norm for stem in ENABLING_STEMS for t in toks[max(0, m.i - 8) : m.i - 1])


def content_end(sent: Sentence, m: Mention) -> int:
    """Where what a speech verb says ends: at the next clause that opens
    with «فيما», «بينما» ..., or the end of the sentence."""
    for b in sent.bounds:
        if b > m.i:
            norm = sent.tokens[b].norm
            if norm in CLAUSE_WORDS or (norm.startswith("و") and norm[1:] in CLAUSE_WORDS):
                return b
    return len(sent.tokens)


def counted_since(sent: Sentence, t) -> bool:
    """Whether «منذ» opens the time a word or two before it, with no «في»
    that would date a start («منذ بدء العملية في 23 أيار» dates the start)."""
    k = next((i for i, tok in enumerate(sent.tokens) if tok.start >= t.start), len(sent.tokens))
    window = [tok.norm for tok in sent.tokens[max(0, k - 2) : k + 1]]
    since = next((n for n, w in enumerate(window) if w in SINCE), None)
    return since is not None and not any(w in IN for w in window[since:])


def relative_clause(sent: Sentence, m: Mention) -> int | None:
    """Where the relative clause that holds a verb cue starts, if it is one:
    «الذي فرضه», «التي دعت», «مشروع قرار قدمته», «كان يسيطر عليها»."""
    toks = sent.tokens
    if m.i == 0:
        return None
    for k in (m.i - 1, m.i - 2):
        if k >= 0 and toks[k].norm in RELATIVES:
            # «في الوقت الذي احترق فيه ...»: a clause of time (while), no description
            return None if k > 0 and toks[k - 1].norm in TIME_HEADS else k
    prev = toks[m.i - 1].norm
    if prev in WAS or prev in DRAFT_WORDS or prev in RESOLUTION_INDEFINITE:
        return m.i
    return None
