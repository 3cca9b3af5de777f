"""The parties of a meeting, who later speak as one: «أجريت محادثات بين X
وY وZ» or «قرر مجلس الجامعة في اجتماع طارئ» names them, «وشددت X وY على»
(a joint verbal act) too; then «وشدد الطرفان على ضرورة», «وأكد
المجتمعون», «البيان الختامي» and, after a joint statement («نشر بيان
مشترك»), «ودعا البيان إلى» are those parties. The words are classes of
store/data/lexicon.tsv; the parties are kept in the article's Memory.

A collective speaker is a mention of each party on the one word that
names them all (via "collective"); only verbal acts, statements and
settlements take it as their subject (roles.py), never a material act."""
from __future__ import annotations

from ..text.arabic import has_variant_in, proclitic_variants, variant_set
from .clauses import chain_start, governed_by_preposition, joined
from .lexicon import LOADED, SPOKEN_ACTS
from .memory import Memory
from .sentence import Event, Mention, Sentence

MEETING_WORDS = LOADED.words("meeting_words")
MEETING_VERBS = LOADED.words("meeting_verbs")
MEETING_BETWEEN = LOADED.words("meeting_between")
MEETING_IN = LOADED.words("meeting_in")
COLLECTIVE_SPEAKERS = LOADED.phrases("collective_speakers")
JOINT_WORDS = LOADED.words("joint_words")
JOINT_STATEMENT_NOUNS = LOADED.words("joint_statement_nouns")
JOINT_STATEMENT_ANAPHORS = LOADED.words("joint_statement_anaphors")
_MEETING_ANY = MEETING_VERBS | MEETING_WORDS  # meeting_parties reads a token of these
_COLLECTIVE_FIRST = frozenset(p[0] for p in COLLECTIVE_SPEAKERS)  # a collective speaker begins so
_COLLECTIVE_OR_JOINT = _COLLECTIVE_FIRST | JOINT_STATEMENT_ANAPHORS  # a word that may begin one
COLLECTIVE = "collective"  # the via of a party's mention on a collective speaker
PRO_DROP = "pro-drop"  # the via of a dropped subject (roles.py)
BETWEEN_REACH = 6  # tokens from «بين» to the first party: «بين معاوني وزراء خارجية إيران»


def coordinated_from(sent: Sentence, first: Mention) -> list[str]:
    """The ids of `first` and the actors joined to it by «و» after it."""
    out, last = [first.id], first
    for a in sent.actors:
        if a.i > last.i and joined(sent, last, a):
            out.append(a.id)
            last = a
    return list(dict.fromkeys(out))


def meeting_parties(sent: Sentence, before: int | None = None) -> tuple[int, list[str]]:
    """The parties of the meeting the sentence tells of (before token
    `before`), and where its word stands: those named after «بين» right
    after the meeting word, else, for «في/خلال اجتماع», the ungoverned
    actors before it (who holds the meeting); after a verb of meeting
    («اجتمع», «التقى»), the parties named in its clause after it."""
    toks = sent.tokens
    for k in range(len(toks) if before is None else before):
        variants = variant_set(toks[k].norm)
        if variants.isdisjoint(_MEETING_ANY):
            continue  # no word of meeting
        if variants & MEETING_VERBS:
            lo, hi = k + 1, next((b for b in sent.bounds if b > k), len(toks))
            parties = list(dict.fromkeys(a.id for a in sent.actors if lo <= a.i < hi and a.via != COLLECTIVE))
            if len(parties) >= 2:
                return k, parties
            continue
        if not variants & MEETING_WORDS:
            continue
        between = next((b for b in range(k + 1, min(k + 3, len(toks))) if toks[b].norm in MEETING_BETWEEN), None)
        if between is not None:
            first = next((a for a in sent.actors if between < a.i <= between + BETWEEN_REACH), None)
            if first is not None:
                return k, coordinated_from(sent, first)
        if k > 0 and toks[k - 1].norm in MEETING_IN:
            holders = [a for a in sent.actors if a.j < k and not governed_by_preposition(sent, a.i)
                       and a.via != COLLECTIVE]
            first = chain_start(sent, holders)
            if first is not None:
                return k, coordinated_from(sent, first)
    return -1, []


def remember_meeting(sent: Sentence, memory: Memory, events: list[Event]) -> None:
    """After a sentence: the parties of a meeting it tells of and its date
    (the last day it names: «أمس واليوم», the day it ended), else those of
    a verbal act or agreement that several parties did together; and
    whether it names a joint statement («بيان مشترك»)."""
    _, parties = meeting_parties(sent)
    if parties:
        times = [t for t in sent.times if t.date]
        memory.participants = parties
        memory.meeting_date = (times[-1].date, times[-1].precision) if times else None
    else:
        joint = joint_act(events)
        # the meeting's own parties acting together are still its parties, on its date
        if joint and not {e.actor1 for e in joint} <= set(memory.participants):
            memory.participants = list(dict.fromkeys(e.actor1 for e in joint))
            memory.meeting_date = (joint[0].date, joint[0].date_precision) if joint[0].date else None
    toks = sent.tokens
    if any(toks[k].norm in JOINT_WORDS and set(proclitic_variants(toks[k - 1].norm)) & JOINT_STATEMENT_NOUNS
           for k in range(1, len(toks))):
        memory.joint_statement = True


def joint_act(events: list[Event]) -> list[Event]:
    """The events of the first verbal act or agreement whose subject is
    several parties named together («وقعت روسيا وتركيا اتفاقا», «وشددت روسيا
    وإيران وتركيا على»): one event per party, of one trigger."""
    by_trigger: dict[tuple[int, int], list[Event]] = {}
    for e in events:
        if e.event_type in SPOKEN_ACTS and e.actor1 and "actor1" in e.spans:  # named, no dropped subject
            by_trigger.setdefault(tuple(e.spans["trigger"]), []).append(e)
    return next((group for group in by_trigger.values() if len({e.actor1 for e in group}) >= 2), [])


def collective_mentions(sent: Sentence, memory: Memory, taken: set[int]) -> list[Mention]:
    """A mention of each party of the meeting told before (earlier in the
    sentence, else in the article) on a collective speaker that no
    preposition governs («وشدد الطرفان», not «بين الطرفين»)."""
    out: list[Mention] = []
    toks = sent.tokens
    if not any(has_variant_in(t.norm, _COLLECTIVE_OR_JOINT) for t in toks):
        return out  # no word here may begin a collective speaker (the test is cached per word)
    k = 0
    while k < len(toks):
        n = 0 if k in taken or governed_by_preposition(sent, k) else _collective_at(sent, k, memory)
        at, here = meeting_parties(sent, k) if n else (-1, [])
        parties = here or memory.participants
        if n and parties:
            start, end = toks[k].start, toks[k + n - 1].end
            out += [Mention("actor", p, k, k + n, start, end, COLLECTIVE) for p in parties]
        k += max(n, 1)
    return out


def said_by_the_meeting(subjects: list[Mention], memory: Memory) -> bool:
    """Whether the subjects are the meeting's parties speaking as one
    («وشدد الطرفان», «قال البيان: ندعو»): what they say is said there."""
    ids = {a.id for a in subjects}
    return bool(ids) and ids <= set(memory.participants) and \
        any(a.via == COLLECTIVE or (a.via == PRO_DROP and a.id in memory.speaker_group) for a in subjects)


def _collective_at(sent: Sentence, k: int, memory: Memory) -> int:
    """How many tokens from k name the meeting's parties (0: none)."""
    toks = sent.tokens
    first = variant_set(toks[k].norm)
    if memory.joint_statement and first & JOINT_STATEMENT_ANAPHORS:
        return 1
    if first.isdisjoint(_COLLECTIVE_FIRST):
        return 0  # no phrase begins with this word
    for phrase in COLLECTIVE_SPEAKERS:
        if phrase[0] in first and k + len(phrase) <= len(toks) and \
                all(toks[k + n].norm == w for n, w in enumerate(phrase[1:], 1)):
            return len(phrase)
    return 0
