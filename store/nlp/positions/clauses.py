"""Positions clause by clause: a list of passes, each reading one kind of
value (one normaliser of aspects.tsv) from a clause. What a draft settles
belongs to its sponsors (`content`); judgements and accusations belong to
whoever the pass names, mostly the speaker (`judged`). CLAUSE_PASSES is the
order they run in: a later pass may look at what an earlier one found."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...text.arabic import proclitic_variants
from .aspects import Aspect
from .durations import human_duration, _hours, iso_duration
from .model import Draft, Position, Subject
from .tokens import _has_seq, _negated_any
from .words import (APPROVE, ARMED, CRITIC_WORDS, DRAFT_WORDS, ENDORSE, ERRORS, FINDING_WORDS, FREEZE, HELICOPTER,
                    OPPOSE, PAST_TIME, PRAISE_WORDS, REFUSAL, REJECT, RESPONSIBLE_NOUNS, STATEMENT_WORDS, SUFFICE,
                    TIME_REFERENCES)

if TYPE_CHECKING:
    from .finder import PositionFinder


@dataclass
class Clause:
    """One clause of a sentence and what the passes found in it."""
    s: object  # the Sentence
    norms: list[str]
    lo: int
    hi: int
    subject: str
    subj: Subject | None
    draft: Draft | None  # the draft the clause is about, if any
    status_draft: Draft | None  # the draft a bare status word is about
    speaker: list[str]
    vs: list[set[str]]  # each token's proclitic variants
    allv: set[str]  # every variant of the clause
    span: dict[str, list[int]] = field(default_factory=dict)  # the clause's, and the draft mention's
    content: list[tuple[str, str, str]] = field(default_factory=list)
    judged: list[tuple[str, str, str, list[str], str]] = field(default_factory=list)
    settled: list[Position] = field(default_factory=list)  # positions made outright

    @property
    def content_holders(self) -> list[str]:
        return list(self.draft.sponsors) if self.draft else list(self.speaker)

    @property
    def is_report(self) -> bool:
        return bool(self.subj and self.subj.kind == "report")

    def body_named(self) -> bool:
        """Whether the body that votes on the subject is named in the clause."""
        body = self.subj.body if self.subj else ""
        return bool(body) and any(a.id == body and self.lo <= a.i < self.hi for a in self.s.actors)

    def holds(self, aspect: Aspect, value: str, summary: str | None = None) -> None:
        """What the draft (or the speaker) holds."""
        self.content.append((aspect.aspect, value, aspect.describe(value) if summary is None else summary))

    def judges(self, aspect: Aspect, value: str, holders: list[str], summary: str | None = None) -> None:
        """A judgement held by `holders`."""
        self.judged.append((aspect.aspect, value, aspect.describe(value) if summary is None else summary,
                            holders, aspect.event_type or "criticism"))

    def cued(self, f: PositionFinder, normaliser: str) -> Aspect | None:
        """The subject's aspect of this normaliser, if a word of its cue is in the clause."""
        aspect = f.aspects.get(self.subject, normaliser)
        return aspect if aspect and self.allv & aspect.cue_words else None

    def first_at(self, words) -> int | None:
        if not self.allv & words:
            return None  # no token of the clause has one: no scan
        return next((self.lo + i for i, vs in enumerate(self.vs) if vs & words), None)


def durations_and_delays(f: PositionFinder, c: Clause) -> None:
    """«بعد 72 ساعة» → PT72H (a delay before a start), «لمدة ستة أشهر» →
    P6M: the delays, then the first duration of the clause, not one in the
    past («قبل ستة أشهر»), and outside a draft only near a cue word."""
    delay, duration = f.aspects.get(c.subject, "delay"), f.aspects.get(c.subject, "duration")
    if duration and not (c.draft or c.allv & duration.cue_words):
        duration = None  # outside a draft, a duration far from its cue words is not the clause's
    if not (delay or duration):
        return  # nothing to read: no token-by-token scan
    norms = c.norms
    for k in range(c.lo, c.hi):
        hours = _hours(norms, k) if delay else None
        if hours and k > c.lo and norms[k - 1] in delay.cue_words:
            c.holds(delay, hours, delay.describe(human_duration(hours)))
            continue
        dur = iso_duration(norms, k) if duration else None
        if dur and not any(v in PAST_TIME for v in norms[max(c.lo, k - 2):k]) and not \
                any(v in PAST_TIME for v in norms[k + dur[1]:k + dur[1] + 1]):
            c.holds(duration, dur[0], duration.describe(human_duration(dur[0])))
            break


def immediate_start(f: PositionFinder, c: Clause) -> None:
    """«دون تأخير», «فورا»: a start without delay."""
    aspect = f.aspects.get(c.subject, "immediate")
    if aspect and any(_has_seq(c.norms[c.lo:c.hi], phrase) for phrase in aspect.cue_phrases):
        c.holds(aspect, "P0D")


def refused_start(f: PositionFinder, c: Clause) -> None:
    """«رفضت أي مهلة»: the speaker refuses any fixed start."""
    aspect = c.cued(f, "refusal")
    if aspect and c.allv & REFUSAL:
        c.judges(aspect, "reject", c.speaker)


def places(f: PositionFinder, c: Clause) -> None:
    """Which crossings stay open or close, where investigators go."""
    crossing = f.aspects.get(c.subject, "crossing")
    closed = f.aspects.get(c.subject, "closed_crossing")
    site = f.aspects.get(c.subject, "site")
    sending = bool(site and c.allv & site.cue_words)
    closing_from = c.first_at(closed.cue_words) if closed else None
    for p in c.s.places:
        place = f.dicts.places.get(p.id) if c.lo <= p.i < c.hi else None
        if place is None:
            continue
        if crossing and crossing.counts_place(place.kind):
            if closing_from is not None and closing_from < p.i:
                c.holds(closed, p.id, closed.describe(place.name_en))
            else:
                c.holds(crossing, p.id, crossing.describe(place.name_en))
        elif sending and site.counts_place(place.kind):
            c.holds(site, p.id, site.describe(place.name_en))


def finding_stance(f: PositionFinder, c: Clause) -> None:
    """What happens to a finding: frozen, rejected, put to the Council, endorsed."""
    aspect, allv = c.cued(f, "finding"), c.allv
    if aspect is None:
        return
    if allv & FREEZE:
        c.holds(aspect, "freeze", "freezes the finding until an investigation on site")
    elif (allv & REJECT or _negated_any(c.norms, c.lo, c.hi, SUFFICE)) and not c.is_report:
        c.judges(aspect, "reject", c.speaker or c.content_holders, "rejects the finding")
    elif allv & APPROVE and c.body_named():
        c.holds(aspect, "council-approval", "findings need the Council's approval")
    elif allv & ENDORSE and not c.is_report:
        c.holds(aspect, "endorse", "endorses the finding (grave concern)")


def independent_mechanism(f: PositionFinder, c: Clause) -> None:
    """«آلية تحدد المسؤولين»: the mechanism names those responsible itself."""
    _cue_with(f, c, "independent", RESPONSIBLE_NOUNS, "independent")


def responsibility(f: PositionFinder, c: Clause) -> None:
    """Who is held responsible: by the draft's sponsors, else the speaker."""
    aspect = f.aspects.get(c.subject, "responsible")
    if aspect is None:
        return
    for resp in f._responsible(c.s, c.norms, c.lo, c.hi, set(c.speaker) | set(c.content_holders)):
        c.judges(aspect, resp, c.content_holders if c.draft else c.speaker, aspect.describe(f._name(resp)))


def denials(f: PositionFinder, c: Clause) -> None:
    """«نفت دمشق»: the denier rejects the act or its attribution."""
    aspect = c.cued(f, "denial")
    if aspect:
        for denier in f._subject_after(c.s, c.allv, c.lo, c.hi, aspect.cue_words):
            c.judges(aspect, "reject", [denier])


def sanctions(f: PositionFinder, c: Clause) -> None:
    """Sanctions a draft proposes, or a speaker opposes."""
    aspect = c.cued(f, "sanctions")
    if aspect and c.allv & OPPOSE:
        c.judges(aspect, "reject", c.speaker, "opposes sanctions")
    elif aspect and c.draft:
        c.holds(aspect, "sanctions", "sanctions (blacklist, asset freeze, travel ban)")


def embargo(f: PositionFinder, c: Clause) -> None:
    """A ban on the sale of helicopters."""
    _cue_with(f, c, "embargo", HELICOPTER, "helicopter-embargo")


def exclusions(f: PositionFinder, c: Clause) -> None:
    """«تستثني الهدنة داعش»: armed groups named after the cue are excluded from a truce."""
    aspect = f.aspects.get(c.subject, "exclusion")
    at = c.first_at(aspect.cue_words) if aspect else None
    if at is None:
        return
    for a in c.s.actors:
        actor = f.dicts.actors.get(a.id)
        if at < a.i < c.hi and actor and actor.kind in ARMED:
            c.holds(aspect, a.id, aspect.describe(f._name(a.id)))


def draft_status(f: PositionFinder, c: Clause) -> None:
    """What became of a draft. A status word in a clause that names no
    draft is about the draft the sentence named first («سحبت الكويت
    والسويد، ... المشروع»); the body that adopts a text adopts it."""
    aspect = f.aspects.get(c.subject, "status")
    status = f._status(c.allv) if aspect else None
    if status == "adopted" and any(n in TIME_REFERENCES for n in c.norms[c.lo:c.hi]) and not c.body_named():
        status = None  # «بعد 72 ساعة من تبني القرار»: a time reference, not the vote
    if status and c.status_draft and not c.draft:
        for party in c.status_draft.sponsors:
            c.settled.append(f._position(c, party, aspect.aspect, status, aspect.describe(status), "proposal"))
        status = None
    if status and c.draft:
        c.holds(aspect, status)
    elif status == "adopted" and c.body_named():
        c.judges(aspect, "adopted", [c.subj.body], "the Council adopted the text")


def directions(f: PositionFinder, c: Clause) -> None:
    """Where civilians go: «نزحوا إلى الشمال», «يعودون إلى ديارهم», unless negated."""
    aspect = f.aspects.get(c.subject, "direction")
    if aspect is None:
        return
    values = dict(aspect.cue_values)
    for k in range(c.lo, c.hi):
        d = values.get(c.norms[k]) or next((values[v] for v in proclitic_variants(c.norms[k]) if v in values), None)
        if d and not _negated_any(c.norms, c.lo, k + 1, None):
            c.holds(aspect, d)


def report_assessment(f: PositionFinder, c: Clause) -> None:
    """A report or a text judged sound or doubtful by the speaker (not
    twice: a rejected finding is already a judgement)."""
    aspect = f.aspects.get(c.subject, "assessment")
    allv = c.allv
    if not (aspect and allv & (REJECT | PRAISE_WORDS | CRITIC_WORDS) and c.speaker):
        return
    value = "praise" if allv & PRAISE_WORDS and not allv & (REJECT | CRITIC_WORDS) else "reject"
    if not (c.is_report or allv & (FINDING_WORDS | STATEMENT_WORDS | DRAFT_WORDS) or allv & ERRORS):
        return
    finding = f.aspects.get(c.subject, "finding")
    if value == "reject" and finding and any(j[0] == finding.aspect for j in c.judged):
        return
    c.judges(aspect, value, c.speaker, "judges the report sound" if value == "praise"
             else "calls the report or text doubtful or biased")


def _cue_with(f: PositionFinder, c: Clause, normaliser: str, also: frozenset[str], value: str) -> None:
    """A cue word and a word of `also` in the clause: the draft (or the speaker) holds `value`."""
    aspect = c.cued(f, normaliser)
    if aspect and c.allv & also:
        c.holds(aspect, value)


CLAUSE_PASSES: tuple[Callable[[PositionFinder, Clause], None], ...] = (
    durations_and_delays, immediate_start, refused_start, places, finding_stance, independent_mechanism,
    responsibility, denials, sanctions, embargo, exclusions, draft_status, directions, report_assessment,
)
