"""A sentence as the extractor sees it (tokens, mentions, cues, times,
clauses) and the events it yields, with the sentence-level rules that need
no dictionary: clause boundaries, coordination, negation and hedging,
fatalities, headlines and datelines, and de-duplication."""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass, field

from ..text.arabic import Token, has_variant_in, normalize, proclitic_variants
from ..text.morphology import CONJUNCTIONS, PREFIX_PREPOSITIONS
from .cues import Cue
from .dates import TimeMention
from .identity import covers, same_event
from .lexicon import (
    ADVERBS, ALLEGED, CLAUSE_WORDS, DENIALS, DIRECTION_FILLER, FATAL_CUES, FORECASTS, HEDGES, INCLUDING, JOIN_FILLER,
    LOCATOR_DIRECTIONS, NEGATIONS, UNDERGOING, NUMBER_WORDS, RELATIVES, VAGUE_NUMBERS, VIOLENT, _LEXICON,
)

# «استعادت تلعفر بالكامل، بما في ذلك قلعتها»: adverbs of extent between coordinated places
COMPLETELY = _LEXICON.words("completely")
_SIDE_PHRASES = _LEXICON.phrases("side_phrases")  # «من جهة»: filler between coordinated places
_STILL_NEGATORS = _LEXICON.words("still_negators")  # «لا تزال»: still, not never
_STILL_VERBS = _LEXICON.words("still_verbs")
_DENY_VERBS = _LEXICON.words("deny_verbs")
_VERB_NEGATORS = _LEXICON.words("verb_negators")  # «لم تتمكن»: a failure
_EXCEPTIVES = _LEXICON.words("exceptives")  # «سوى»: only, not never
_NO_LONGER = _LEXICON.words("no_longer")  # «لم يعد»
_ATTEMPT_VERBS = _LEXICON.words("attempt_verbs")  # «سيحاول»
_THAT = _LEXICON.words("that_particles")
_NUMBER_SCALES = _LEXICON.values("number_scales")  # «500 ألف»


@dataclass
class Mention:
    kind: str  # actor | place | cue
    id: str
    i: int  # token range
    j: int
    start: int  # char offsets in the sentence
    end: int
    via: str = "name"  # name | coref | metonym | demonym


@dataclass
class Event:
    event_type: str
    sentence_idx: int
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    date: str | None = None
    date_precision: str = "unknown"
    reported_by: str | None = None
    fatalities: int | None = None
    negated: bool = False
    hedged: bool = False
    rule: str = ""
    spans: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Sentence:
    idx: int
    start: int
    end: int
    text: str
    tokens: list[Token]
    actors: list[Mention]
    places: list[Mention]
    cues: list[tuple[Mention, Cue]]
    times: list[TimeMention]
    bounds: list[int]  # clause start token indexes
    asides: list[tuple[int, int]] = field(default_factory=list)  # «، الذي يضم ...،»: token ranges
    speaker: str | None = None  # who the sentence is attributed to (Roles._attribution), once its events are read
    _unglued: list[str] | None = field(default=None, repr=False)
    _markers: tuple | None = field(default=None, repr=False)
    _norms: list[str] | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def norms(self) -> list[str]:
        """The normalised tokens, listed once for every pass that reads them."""
        if self._norms is None:
            self._norms = [t.norm for t in self.tokens]
        return self._norms

    def token_at(self, offset: int) -> int:
        """The token that holds `offset` (the last one starting at or before
        it; 0 before the first): where an event's trigger span begins, also
        inside a token after a glued proclitic («وقصفت»), by bisection."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return max(bisect_right(self._starts, offset) - 1, 0)

    @property
    def unglued(self) -> list[str]:
        """The normalised tokens with a conjunction taken off a particle («ولم» → «لم»)."""
        if self._unglued is None:
            self._unglued = list(map(_unglued, self.norms))
        return self._unglued

    @property
    def markers(self) -> tuple[list[int], list[int], list[int]]:
        """Where the sentence says «نفى», a forecast word and «أن»: found once, used by every act."""
        if self._markers is None:
            ung = self.unglued
            self._markers = ([k for k, w in enumerate(ung) if w in _DENY_VERBS],
                             [k for k, w in enumerate(ung) if w in FORECASTS],
                             [k for k, w in enumerate(ung) if w in _THAT])
        return self._markers


@dataclass
class Extraction:
    sentences: list[Sentence]
    events: list[Event]
    positions: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


PURPOSE = PREFIX_PREPOSITIONS[1]  # «لاجتثاث»: the «ل» of an act's aim
_CLAUSE_PUNCT = re.compile(r"[،,;؛:()\[\]]|\s-\s")


def _glued_locative(tok: Token, name_start: int) -> bool:
    """Whether the letters glued before a name include the preposition ب
    («بدير الزور», «وبالرقة»); a bare و or ل is no sign of a place
    («والكويت», «الموالية لأنقرة»)."""
    glued = tok.text[: name_start - tok.start]
    return "ب" in normalize(glued)


def _clause_bounds(text: str, tokens: list[Token]) -> list[int]:
    """The tokens that begin a clause: after a clause punctuation mark, or a
    clause word. The marks are found in one scan of the text; each lies in
    the gap before the token bisect_right gives (no mark is a word letter)."""
    if len(tokens) < 2:
        return [0]
    starts = [t.start for t in tokens]
    punct_before = {bisect_right(starts, m.start()) for m in _CLAUSE_PUNCT.finditer(text)}
    bounds = [0]
    for k in range(1, len(tokens)):
        if k in punct_before or _clause_word(tokens[k].norm):
            bounds.append(k)
    return bounds


@lru_cache(maxsize=100_000)
def _clause_word(norm: str) -> bool:
    return norm in CLAUSE_WORDS or (norm.startswith("و") and norm[1:] in CLAUSE_WORDS)


def _merge_time_bounds(bounds: list[int], tokens: list[Token], times) -> list[int]:
    """«وعرضت روسيا، أمس، على أعضاء مجلس الأمن»: commas around a time
    expression or an adverb do not end the clause."""
    def inert(a: int, b: int) -> bool:
        return all(t.norm in ADVERBS or any(tm.start <= t.start and t.end <= tm.end for tm in times)
                   for t in tokens[a:b])
    out = list(bounds)
    i = 1
    while i < len(out):
        nxt = out[i + 1] if i + 1 < len(out) else len(tokens)
        if inert(out[i], nxt) and nxt - out[i] <= 10:
            del out[i]
            if i < len(out) and out[i] == nxt:
                del out[i]
            continue
        i += 1
    return out


def _bridge_asides(bounds: list[int], tokens: list[Token], cue_at: set[int]) -> tuple[list[int], list[tuple[int, int]]]:
    """«سيطر جيش الفتح، الذي يضم جبهة النصرة وأحرار الشام، أمس على جسر
    الشغور»: a relative clause between commas that holds no act is an
    aside; the clause it interrupts goes on after it."""
    out = list(bounds)
    asides = []
    i = 1
    while i + 1 < len(out):
        b, e = out[i], out[i + 1]
        nxt = tokens[e].norm
        if tokens[b].norm in RELATIVES and e - b <= 15 and not any(k in cue_at for k in range(b, e)) and \
                nxt not in CLAUSE_WORDS and not (nxt.startswith("و") and nxt[1:] in CLAUSE_WORDS) and \
                not any(k in cue_at for k in range(e, min(e + 2, len(tokens)))):
            asides.append((b, e))
            del out[i : i + 2]
            continue
        i += 1
    return out, asides


def _clause_of(sent: Sentence, k: int) -> tuple[int, int]:
    lo, hi = 0, len(sent.tokens)
    for b in sent.bounds:
        if b <= k:
            lo = b
        else:
            hi = b
            break
    # a clause of a few words borrows its neighbour («، اليوم،»)
    if hi - lo < 4:
        later = [b for b in sent.bounds if b > hi]
        hi = later[0] if later else len(sent.tokens)
    return lo, hi


def _coordinated(sent: Sentence, first: Mention | None, pool: list[Mention]) -> list[Mention]:
    """`first` and the mentions joined to it by «و», a comma or «بما في ذلك»:
    «في أحياء الحميدية والجبيلة والرشدية», «اتهم روسيا والصين», «من ريف إدلب
    الجنوبي وريف حماة», «حطين والقادسية (غرب) والبريد»."""
    if first is None:
        return []
    out = [first]
    k = first.j
    for m in pool:
        if m.i < k or m is first or m.i <= first.i:
            continue
        raw = sent.tokens[k : m.i]
        gap = [t.norm for n, t in enumerate(raw) if t.norm not in DIRECTION_FILLER and t.norm not in COMPLETELY and
               not (n + 1 < len(raw) and (t.norm, raw[n + 1].norm) in _SIDE_PHRASES)]
        glued = sent.tokens[m.i].norm.startswith("و") and m.start > sent.tokens[m.i].start
        between = sent.text[sent.tokens[k - 1].end : m.start]
        if not glued and not (gap and gap[0].startswith("و")) and _locates(raw, sent.tokens[m.i]):
            k = m.j  # «غرب مدينة سامراء، شمال بغداد»: where the place before lies, no second place
            continue
        joined = (
            (not gap and (glued or "،" in between or "," in between))
            or (gap and gap[0].startswith("و") and
                all(g in JOIN_FILLER or g[1:] in JOIN_FILLER or g == "و" for g in gap))
            or tuple(gap) in INCLUDING
        )
        if not joined:
            break
        out.append(m)
        k = m.j
    return out


def _locates(gap: list[Token], first: Token) -> bool:
    """Whether a place after a comma is named with a bare direction before
    it («، شمال بغداد», «، غربي العراق»): it says where the place before it
    lies; it is no place of its own."""
    before = gap[-1].norm if gap else ""
    return before in LOCATOR_DIRECTIONS or first.norm in LOCATOR_DIRECTIONS


def _is_time_token(sent: Sentence, tok: Token) -> bool:
    return any(t.start <= tok.start and tok.end <= t.end for t in sent.times)


def _flags(sent: Sentence, m: Mention, cue: Cue | None, lo: int) -> tuple[bool, bool]:
    """(negated, hedged): a denied or failed act; an attempt, a forecast,
    an intention, an alleged act."""
    toks = sent.tokens
    ung = sent.unglued
    # «ولم تتمكن», «فلا»: a negation with a conjunction glued on is still one
    window = ung[max(lo, m.i - 3) : m.i]
    negated = not NEGATIONS.isdisjoint(window)
    if negated and any(a in _STILL_NEGATORS and b in _STILL_VERBS
                       for a, b in zip(window, window[1:] + [toks[m.i].norm])):
        negated = False  # «لا تزال الفصائل تسيطر»: still, not never
    # «لم تتمكن القوات حتى الآن من دخول», «نفت دمشق وقوع أي هجوم»
    wide = ung[max(lo, m.i - 7) : m.i]
    for k, w in enumerate(wide):
        if w in DENIALS and (w in _DENY_VERBS or (k > 0 and wide[k - 1] in _VERB_NEGATORS)):
            negated = True
    # «نفى التحالف الدولي، في بيان، أن تكون قواته دخلت»: what a denial's «أن» clause says
    deny_at, forecast_at, that_at = sent.markers
    denied = next((k for k in deny_at if m.i - 14 <= k < m.i), None)
    if denied is not None and any(denied < k < m.i for k in that_at):
        negated = True
    if negated and not _EXCEPTIVES.isdisjoint(sent.norms[m.i : m.i + 8]):
        negated = False  # «لا يسيطر التنظيم سوى على راوة»: only, not never
    if window[-2:] and window[-1] in _NO_LONGER:
        negated = True
    hedge_window = sent.norms[max(lo, m.i - 4) : m.i + 1]
    hedged = any(has_variant_in(w, HEDGES) for w in hedge_window)
    if not ALLEGED.isdisjoint(sent.norms[m.j : m.j + 3]):
        hedged = True  # «هجوم كيميائي مفترض»
    first = toks[m.i]
    if cue is not None and cue.role == "noun" and first.norm.startswith("ل") and m.start > first.start \
            and proclitic_variants(first.norm)[-1].startswith("ا") and \
            not any(has_variant_in(t.norm, UNDERGOING) for t in toks[lo : m.i]):
        hedged = True  # «لاقتحامها», «للسيطرة»: a purpose, not a completed act («تعرضت للقصف» is one)
    if any(w.startswith("س") and w[1:] in _ATTEMPT_VERBS for w in hedge_window):
        hedged = True
    # «ومن المتوقع أن تتوجه القوات ... بعد السيطرة على», «نتوقع منهم أن يحاولوا الفرار»: a forecast
    if any(m.i - 12 <= k < m.i for k in forecast_at) and any(m.i - 12 <= k < m.i for k in that_at):
        hedged = True
    if cue is not None and cue.event_type == "threat":
        hedged = False  # a threat is itself the act
    return negated, hedged


_PARTICLES = NEGATIONS | FORECASTS | _THAT


@lru_cache(maxsize=100_000)
def _unglued(norm: str) -> str:
    """«ولم» → «لم», «فلن» → «لن»: a negation or a particle behind و or ف."""
    if norm[:1] in ("و", "ف") and norm[1:] in _PARTICLES:
        return norm[1:]
    return norm


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _is_fatal(tok: Token) -> bool:
    return has_variant_in(tok.norm, FATAL_CUES)


def _fatalities(sent: Sentence, lo: int, hi: int) -> int | None:
    """The toll of the act whose clause is tokens [lo, hi): told in that
    clause, else in the clauses after it («، ما أدى إلى مقتل 7»), else in
    those before it, up to a clause that holds another violent act (the
    toll there is that act's: «، فيما قتل 7 في قصف ...»). A clause of details
    («، بينها غارات بالبراميل») holds no other act."""
    toks = sent.tokens
    norms = sent.norms
    starts = sorted({0, *sent.bounds} - {len(toks)})
    clauses = [(a, b) for a, b in zip(starts, [*starts[1:], len(toks)]) if b <= lo or a >= hi]
    acts = [m.i for m, _ in sent.cues if m.id in VIOLENT and not _is_fatal(toks[m.i])]  # what has a toll

    def foreign(a: int, b: int) -> bool:
        details = any(tuple(norms[a:a + n]) in INCLUDING for n in (1, 2, 3))
        return not details and any(a <= i < b for i in acts)

    order = [range(lo, hi)]
    for side in ([c for c in clauses if c[0] >= hi], [c for c in reversed(clauses) if c[1] <= lo]):
        for a, b in side:
            if foreign(a, b):
                break
            order.append(range(a, b))
    for k in itertools.chain.from_iterable(order):
        if not _is_fatal(toks[k]):
            continue
        for n in range(k + 1, min(k + 5, len(toks))):
            value = _number_at(toks, n)
            if value is not None:
                return value
        for n in range(max(0, k - 3), k):
            value = _number_at(toks, n)
            if value is not None:
                return value
    return None


# No war reports more dead, wounded or displaced in one act; a figure above it is no figure.
MAX_FIGURE = 10_000_000


def _number_at(toks: list[Token], n: int) -> int | None:
    norm = toks[n].norm
    if norm in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[norm]
    if norm in NUMBER_WORDS:
        return NUMBER_WORDS[norm]
    if _NUMBER.fullmatch(norm):
        value = float(norm.replace(",", "."))
        nxt = toks[n + 1].norm if n + 1 < len(toks) else ""
        value *= _NUMBER_SCALES.get(nxt, 1)
        return int(value) if value <= MAX_FIGURE else None  # 10**400 is a typo or an attack, not a toll
    return None


_END_PUNCT = ".!?؟:»\"”'"
_CLOSING = ".!?؟"  # what closes a sentence of the body


def _is_heading(body: str, s: int, e: int, sent: Sentence) -> bool:
    """A short line of its own without closing punctuation: a headline,
    a photo caption or a subhead, which the article body reports again.
    The body's last line after closed sentences is no headline: it is a
    paragraph cut off mid-sentence, as excerpts and feeds cut the text."""
    line_start = s == 0 or body[s - 1] == "\n" or not body[:s].strip(" \t")
    line_end = e >= len(body.rstrip()) or body[e:e + 1] in ("\n", "")
    cut_off = not body[e:].strip() and any(c in body[:s] for c in _CLOSING)
    return line_start and line_end and not cut_off and len(sent.tokens) < 16 and \
        sent.text.rstrip()[-1:] not in _END_PUNCT


def _drop_dateline(sent: Sentence) -> None:
    """«دمشق 23 يناير 2019 /», «بيروت - أ ف ب»: where the report was filed."""
    m = re.match(r"\s*[^\s/\-–—(]{2,}(?:\s[^\s/\-–—(]{2,}){0,2}\s*(?:\(|-|–|—|/|\d)", sent.text)
    if not m:
        return
    limit = m.end()
    sent.places = [p for p in sent.places if p.start >= limit]
    sent.actors = [a for a in sent.actors if not (a.via == "metonym" and a.start < limit)]


def _prefer_specific(events: list[Event], sent: Sentence) -> list[Event]:
    """«الهجوم بغاز السارين»: a chemical attack, not also an armed clash; so
    too revenge on civilians. An attack that names its means («هجوما
    بعشرات الانتحاريين») stays both a clash and a bombing (the gold guide)."""
    specific = {"chemical_attack", "attack_on_civilians"}
    def clause(e):
        return _clause_of(sent, sent.token_at(e.spans.get("trigger", [0])[0]))
    marked = {(clause(e), e.actor1) for e in events if e.event_type in specific}
    return [e for e in events if not (e.event_type == "armed_clash" and
                                      ((clause(e), e.actor1) in marked or (clause(e), None) in marked))]


def _scope(sent: Sentence, a: Event, b: Event) -> str | None:
    """"phrase" when the two events' cues touch (no word between them:
    «الهجوم بغاز "السارين"»), else "clause" (the caller's clause test);
    None (the writer's rule, which keeps a hedged report apart) when one is
    hedged and the other a finite verb joined after it by «و» that tells the
    act as done."""
    (s1, e1), (s2, e2) = sorted((a.spans.get("trigger", [0, 0]), b.spans.get("trigger", [0, 0])))
    gap = sent.text[e1:s2] if s2 > e1 else ""
    hedged, done = (a, b) if a.hedged else (b, a)
    if a.hedged != b.hedged and _told_after_as_done(sent, done, hedged) and not _a_purpose(sent, hedged):
        return None  # «حاولت ... السيطرة على البلدة وسيطرت عليها»: the attempt and the act told as done
    return "clause" if any(ch.isalpha() for ch in gap) else "phrase"


def _told_after_as_done(sent: Sentence, done: Event, hedged: Event) -> bool:
    """«... وسيطرت عليها»: a finite verb of its own, joined by a conjunction
    after the hedged cue. A verb the hedge merely does not reach («يرجح مصدر
    أن طائرات التحالف شنت غارات») is the same act told once."""
    start = done.spans.get("trigger", [0])[0]
    if not _told_by_a_verb(done) or start <= hedged.spans.get("trigger", [0])[0]:
        return False
    tok = next((t for t in sent.tokens if t.start <= start < t.end), None)
    return tok is not None and start > tok.start and sent.text[tok.start] in CONJUNCTIONS


def _a_purpose(sent: Sentence, e: Event) -> bool:
    """«نفذت عمليات لاجتثاث التنظيم»: the act's aim, «ل» glued on its noun; the act is the one it aims at."""
    start = e.spans.get("trigger", [0])[0]
    tok = next((t for t in sent.tokens if t.start <= start < t.end), None)
    return tok is not None and tok.norm[:1] == PURPOSE and start > tok.start


def _told_by_a_verb(e: Event) -> bool:
    """Whether the event's cue is a finite verb (its rule is «type:verb:...» or «type:past:...»)."""
    return e.rule.split(":")[1:2] in (["verb"], ["past"])


def _dedupe(events: list[Event], sent: Sentence) -> list[Event]:
    """One event per act: «استعاد ... السيطرة على» and «صواريخ أو قذائف» are
    one act told with two cues in one clause. When two reports are one event
    is decided by store/nlp/identity.py (the writer's rule, told the clause);
    of the two, the one that names the place stays, else the first."""
    def clause(e):
        return _clause_of(sent, sent.token_at(e.spans.get("trigger", [0])[0]))
    keyed = [(e, clause(e)) for e in events]
    def outdone(i: int, e: Event, c: int) -> bool:
        return any(j != i and c == d and same_event(e, f, _scope(sent, e, f)) and covers(f, e)
                   and (j < i or not covers(e, f)) for j, (f, d) in enumerate(keyed))
    return [e for i, (e, c) in enumerate(keyed) if not outdone(i, e, c)]
