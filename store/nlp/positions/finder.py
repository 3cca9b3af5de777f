"""The position finder: the drafts of an article and their sponsors, the
subject of each sentence, who speaks in each clause; then the clause passes
(clauses.py), the votes and the deadlines. Values and their aspects:

    duration aspects (mandate_length, aid_duration ...)   ISO 8601 (P6M, P2Y)
    investigation_sites, crossings                       place ids
    finding_stance                                       freeze | endorse | reject ...
    report_assessment                                    praise | reject
    responsibility                                       actor id held responsible
    vote                                                 for | against | abstain | veto
    draft_status                                         tabled | withdrawn | adopted | failed
    deadline                                             YYYY-MM-DD (party: none)
"""
from __future__ import annotations

from typing import NamedTuple

from ...text.arabic import has_variant_in, proclitic_variants, variant_set
from ..clauses import chain_start, governed_by_preposition
from ..lexicon import PREPOSITIONS
from ..roles import speaker_of
from .aspects import AspectTable
from .clauses import CLAUSE_PASSES, Clause
from .model import Draft, Position, load_subjects
from .tokens import _adjective_forms, _negated_any, _singular_adj
from .words import (ABSTAIN, ACCUSE, ADOPT, AMEND, BLOCK, CAUSE, CONTENT, DRAFT_HEADS, DRAFT_WORDS, FAIL,
                    HOLDS_POSITIONS, NEW_DRAFTS, NOT_HELD, NOT_PARTIES, OBJECT_MARKERS, ORDINALS, ORDINAL_ADJ,
                    POSITION_WORDS, PRONOUN_SUFFIXES, RELATIVES, RESOLUTION_NOUNS, RESOLUTION_WORDS, RESPONSIBLE,
                    SANCTION_TARGETS, SANCTION_WORDS, TABLING, COMPLEMENTISERS, DISOWNING, REPORTED_CONTENT,
                    VENUE_PREPOSITIONS, VERBAL, VETO, VETO_VERBS, VOTE_AGAINST_STRICT, VOTE_FOR_STRICT, VOTE_VERBS, WITHDRAW, _LEXICON)

# the words _responsible reads a party from; a token of none of them is passed over
_HOLDING = RESPONSIBLE | CAUSE | ACCUSE | SANCTION_WORDS
_TABLED_OR_WITHDRAWN = TABLING | WITHDRAW


class PositionFinder:
    def __init__(self, extractor):
        self.dicts = extractor.dicts
        self.subjects, self.subject_index = load_subjects(self.dicts.subjects)
        self.aspects = AspectTable.load(self.dicts.subjects, self.dicts.aspects, _LEXICON)
        # a country named as a place stands for its government when it votes or sponsors
        self.country_government: dict[str, str] = {}
        govs = {}
        for a in self.dicts.actors.values():
            if a.kind == "government" and a.country and not a.parent:
                govs.setdefault(a.country, a.id)
        for pl in self.dicts.places.values():
            if pl.kind == "country" and pl.id in govs:
                self.country_government[pl.id] = govs[pl.id]
        self._parties: dict[str, str] = {}  # actor → the party it speaks for (_party)
        self._named: dict[int, list] = {}  # sentence idx → its named parties, for the article being read
        self.state_adjectives: dict[str, str] = {}
        for row in self.dicts.metonyms:
            if row["kind"] == "state" and row["actor_id"] in self.dicts.actors:
                for form in _adjective_forms(row["name"]):
                    self.state_adjectives[form] = row["actor_id"]

    # -- helpers -------------------------------------------------------------
    def _party(self, actor_id: str) -> str:
        """A spokesman speaks for his ministry, a ministry for its state:
        positions are held by states and bodies (docs/EVENTS.md, actors).
        A function of the dictionaries alone, so kept per actor."""
        party = self._parties.get(actor_id)
        if party is None:
            chain = self.dicts.actor_chain(actor_id)
            body = next((a for a in chain if a.kind not in SPEAKING_FOR), chain[-1] if chain else None)
            party = self._parties[actor_id] = body.id if body else actor_id
        return party

    # -- main ------------------------------------------------------------------
    def find(self, sentences, events, published) -> list[Position]:
        """Positions of an article. Two passes: first the drafts and where
        each sentence mentions them, then clause by clause the aspects, held
        by the draft's sponsors (what a draft settles) or by the speaker of
        the sentence (votes, accusations, judgements)."""
        self._named = {}
        subjects_of = {s.idx: self._subjects_in(s) for s in sentences}
        drafts: list[Draft] = []
        mentions_of: dict[int, list[tuple[int, Draft]]] = {}
        last: list[Draft] = []
        for s in sentences:
            mentions_of[s.idx] = self._draft_mentions(s, drafts, last)
        main = self._main_subject(sentences, subjects_of, mentions_of)
        for d in drafts:  # rival drafts in one article are one dispute
            d.subject = main
        positions: list[Position] = []
        vetoed: set[str] = set()
        for s in sentences:
            norms = s.norms
            mentions = mentions_of[s.idx]
            own = subjects_of[s.idx]
            subject = main if (mentions and main) else (own[0] if own else main)
            if not subject:
                continue
            speaker = self._speaker(s)
            if not (mentions or own or any(c.event_type in HOLDS_POSITIONS for _, c in s.cues)
                    or self._may_end(subject, norms)):
                continue  # nothing in this sentence can hold a position: skip the clause work
            positions += self._from_clauses(s, norms, mentions, subject, self._clause_speakers(s, norms, speaker))
            positions += self._votes(s, norms, subject, vetoed)
            positions += self._deadline(s, norms, subject, published)
        return _dedupe(positions)

    # -- pass 1: drafts and subjects -------------------------------------------
    def _subjects_in(self, s) -> list[str]:
        order = list(self.subjects)
        hits = {p for h in self.subject_index.find(s.tokens) for p in h.payloads}
        return sorted(hits, key=order.index)

    def _main_subject(self, sentences, subjects_of, mentions_of) -> str | None:
        """The subject of the article's drafts: the subjects named where
        drafts are mentioned, twice as heavy where one is tabled or its
        content described; without drafts, the most named subject."""
        score: dict[str, float] = {}
        first: dict[str, int] = {}
        for s in sentences:
            subs = subjects_of[s.idx]
            if not subs:
                continue
            weight = 1.0
            if mentions_of[s.idx]:
                vs = set().union(*map(variant_set, s.norms))
                weight = 3.0 if vs & (TABLING | CONTENT) else 2.0
            for rank, sub in enumerate(subs):
                score[sub] = score.get(sub, 0) + weight / (rank + 1)
                first.setdefault(sub, s.idx)
        if not score:
            return None
        return max(score, key=lambda k: (score[k], -first[k]))

    def _draft_mentions(self, s, drafts: list[Draft], last: list[Draft]) -> list[tuple[int, Draft]]:
        """Where the sentence mentions a draft, and which: a new draft of
        named sponsors, or one named before. `drafts` and `last` (the
        drafts in the order mentioned) grow as the article is read."""
        norms = s.norms
        mentions: list[tuple[int, Draft]] = []
        for k, tok in enumerate(s.tokens):
            if not has_variant_in(tok.norm, DRAFT_WORDS):
                continue
            if k > 0 and norms[k - 1] in DRAFT_HEADS and tok.norm in RESOLUTION_NOUNS:
                continue  # «مشروع قراره»: one mention
            sponsors = self._sponsors(s, norms, k, last)
            if sponsors:
                draft = _draft_of(tuple(dict.fromkeys(sponsors)), self._ordinal(norms, k), drafts, s.idx)
            elif drafts and tok.norm not in NEW_DRAFTS:
                draft = last[-1] if last else drafts[-1]  # «المسودة», «الوثيقة», «المشروع»
            else:
                draft = None
            if draft:
                mentions.append((k, draft))
                last.append(draft)
        return mentions

    def _sponsors(self, s, norms, k, last: list[Draft]) -> list[str]:
        """Who tables the draft named at k: an adjective («المشروع الروسي»),
        a relative clause («الذي عرضته»), a possessive («مشروع قراره»: the
        last draft's), or the subject of a tabling verb before it."""
        sponsors = self._adjective_sponsors(norms, k, s) or self._relative_sponsors(s, k)
        if not sponsors and s.tokens[k].norm.endswith(PRONOUN_SUFFIXES) and last:
            sponsors = list(last[-1].sponsors)
        return sponsors or self._tabling_subject(s, k)

    @staticmethod
    def _ordinal(norms, k) -> int | None:
        for n in norms[k + 1:k + 5]:
            if n in ORDINALS:
                return ORDINALS[n]
        return None

    def _party_of_mention(self, m) -> str | None:
        return self._party_of_id(m.id)

    def _party_of_id(self, actor_id: str | None) -> str | None:
        a = self.dicts.actors.get(actor_id) if actor_id else None
        if a is None or a.kind in NOT_PARTIES:
            return None
        return self._party(actor_id)

    def _adjective_sponsors(self, norms: list[str], k: int, s=None) -> list[str]:
        """«المشروع الروسي», «مشروع قرار روسي», «المشروع الألماني البلجيكي الكويتي»."""
        out = []
        j = k + 1
        if j < len(norms) and norms[j] in RESOLUTION_WORDS:
            j += 1
        while j < len(norms) and len(out) < 5:
            actor = self.state_adjectives.get(norms[j]) or self.state_adjectives.get(_singular_adj(norms[j]))
            if actor is None:
                break
            out.append(actor)
            j += 1
        return out

    def _relative_sponsors(self, s, k) -> list[str]:
        """«مشروع القرار الذي عرضته الولايات المتحدة», «مشروع قرار قدمته ألمانيا وبلجيكا والكويت»."""
        verb_at = next((i for i in range(k + 1, min(k + 5, len(s.tokens)))
                        if has_variant_in(s.tokens[i].norm, TABLING)), None)
        if verb_at is None:
            return []
        out: list[str] = []
        nxt = verb_at + 1
        for i, party in self._coordinated(s, nxt):
            out.append(party)
        return out

    def _coordinated(self, s, at: int) -> list[tuple[int, str]]:
        """Parties named from token `at` on, joined by «و»: «روسيا والصين»,
        «ألمانيا وبلجيكا والكويت» (a country named as a place counts as its
        government)."""
        named = self._named_parties(s)
        out = []
        nxt = at
        span = None
        for i, j, party in named:
            if (i, j) == span:  # «الطرفان»: one word names several parties (participants.py)
                out.append((i, party))
                continue
            if i < nxt:
                continue
            if (not out and i == nxt) or (out and i == nxt and s.tokens[i].norm.startswith("و")):
                out.append((i, party))
                nxt, span = j, (i, j)
            else:
                break
        return out

    def _named_parties(self, s) -> list[Named]:
        """(i, j, party) of actors and countries named in the sentence,
        made once per sentence of the article `find` reads."""
        named = self._named.get(s.idx)
        if named is None:
            named = self._named[s.idx] = self._parties_named(s)
        return list(named)

    def _parties_named(self, s) -> list[Named]:
        out = []
        for a in s.actors:
            party = self._party_of_mention(a)
            if party and a.via != "demonym":
                out.append(Named(a.i, a.j, party))
        for p in s.places:
            gov = self.country_government.get(p.id)
            if gov and not any(i <= p.i < j for i, j, _ in out):
                out.append(Named(p.i, p.j, gov))
        return sorted(out)

    def _tabling_subject(self, s, k) -> list[str]:
        """«عرضت روسيا، أمس، على أعضاء مجلس الأمن مشروع قرار»: the subject
        of a tabling verb before the draft, in the same clause."""
        for i in range(k - 1, max(-1, k - 12), -1):
            if not variant_set(s.tokens[i].norm).isdisjoint(_TABLED_OR_WITHDRAWN):
                after = [p for p in self._coordinated(s, i + 1)]
                if after:
                    return [p for _, p in after]
                return []
        return []

    # -- speakers ------------------------------------------------------------------
    def _clause_speakers(self, s, norms, carried: list[str]) -> dict[int, list[str]]:
        """The speaker of each clause (by its start): the party of the last
        verbal cue at or before the clause, else the sentence's speaker."""
        named = self._named_parties(s)
        cues = []
        opening = next((m for m, c in s.cues if c.event_type == "statement" and m.i < 2), None)
        if opening is not None:
            speakers = self._speaker_at(s, named, opening.i, opening.j)
            if speakers:
                cues.append((0, speakers))
        spots = [(m.i, m.j, m.id) for m, cue in s.cues]
        for mi, mj, kind in sorted(spots):
            if kind not in VERBAL or (mi > 0 and norms[mi - 1] in RELATIVES):
                continue
            if cues and cues[0][0] == 0 and mi < 10:
                continue
            # «رد على روسيا», «انتقد تصريحات روسيا»: what is spoken of is no speaker
            speakers = self._speaker_at(s, named, mi, mj, lambda i: not (i > 0 and norms[i - 1] in OBJECT_MARKERS))
            if speakers:
                cues.append((mi, speakers))
        out = {}
        for lo, hi in self._clause_ranges(s):
            got = [ps for at, ps in cues if at < hi]
            out[lo] = got[-1] if got else carried
        return out

    def _speaker(self, s) -> list[str]:
        """Who speaks or acts in the sentence, as the extractor reads it: the
        source it is attributed to (Roles._attribution: the subject of a verb
        of saying, the source after «حسب», the speaker before for «وأضاف»),
        else the parties named at its first verbal cue («اتهم الجيش الروسي»,
        «روسيا تتهم»: _speaker_at, as for each clause)."""
        party = self._party_of_id(s.speaker)
        if party:
            return [party]
        named = self._named_parties(s)
        for m, cue in s.cues:
            if m.id in VERBAL:
                speakers = self._speaker_at(s, named, m.i, m.j, lambda i: True)
                if speakers:
                    return speakers
        return []

    def _speaker_at(self, s, named, mi: int, mj: int, may_speak=None) -> list[str]:
        """The speakers of a verbal cue at tokens mi:mj, read as the extractor
        reads a speaker (roles.speaker_of), among the parties named: those
        after it, coordinated («قالت روسيا والصين»), of those that
        `may_speak`; else the nearest before it («روسيا تتهم», «وكان الوزير
        X قد قال»)."""
        speaker = speaker_of(s, named, mi, mj, may_speak)
        if speaker is None:
            return []
        if speaker.i >= mj:
            return [p for _, p in self._coordinated(s, speaker.i)] or [speaker.party]
        return [speaker.party]

    def _clause_ranges(self, s) -> list[tuple[int, int]]:
        bounds = sorted(set(list(s.bounds) + [0])) + [len(s.tokens)]
        return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i + 1] > bounds[i]]

    # -- clauses -------------------------------------------------------------------
    def _from_clauses(self, s, norms, mentions, subject, speakers) -> list[Position]:
        """Aspects, clause by clause: each pass of CLAUSE_PASSES reads its
        values, then the clause's positions are made."""
        out: list[Position] = []
        for lo, hi in self._clause_ranges(s):
            c = self._clause(s, norms, lo, hi, mentions, subject, speakers.get(lo, []))
            for run in CLAUSE_PASSES:
                run(self, c)
            out += self._clause_positions(c)
        return out

    def _clause(self, s, norms, lo, hi, mentions, subject, speaker) -> Clause:
        """The clause, with the draft it is about: one mentioned in it, else
        one mentioned before it in the sentence."""
        here = [d for k, d in mentions if lo <= k < hi]
        before = [d for k, d in mentions if k < lo]
        draft = here[-1] if here else (before[-1] if before else None)
        status_draft = draft or (mentions[0][1] if mentions else None)  # «سحبت الكويت والسويد، ... المشروع»
        vs = [variant_set(n) for n in norms[lo:hi]]
        span = {"clause": [s.tokens[lo].start, s.tokens[hi - 1].end]}
        if draft:
            span["draft"] = [s.idx, mentions[0][0]]
        return Clause(s, norms, lo, hi, subject, self.subjects.get(subject), draft, status_draft, speaker, vs,
                      set().union(*vs) if vs else set(), span)

    def _position(self, c: Clause, party, aspect: str, value: str, summary: str, event_type: str) -> Position:
        subj = c.subj
        name_en, name_ar = (subj.name_en, subj.name_ar) if subj else (c.subject, "")
        text = c.s.text[c.s.tokens[c.lo].start: c.s.tokens[c.hi - 1].end]
        return Position(c.s.idx, party, c.subject, name_en, name_ar, aspect, value, summary, text, dict(c.span),
                        event_type)

    def _clause_positions(self, c: Clause) -> list[Position]:
        """What the draft settles, held by its sponsors (or by the speaker
        outside a draft); then the judgements, held by whom each names."""
        out = list(c.settled)
        for aspect, value, summary in c.content:
            for party in c.content_holders:
                out.append(self._position(c, party, aspect, value, summary, "proposal" if c.draft else "statement"))
        for aspect, value, summary, holders, event_type in c.judged:
            for party in holders:
                out.append(self._position(c, party, aspect, value, summary, event_type))
        return out

    def _subject_after(self, s, allv, lo, hi, words) -> list[str]:
        at = next((k for k in range(lo, hi) if variant_set(s.tokens[k].norm) & words), None)
        if at is None:
            return []
        return [p for _, p in self._coordinated(s, at + 1)]

    def _status(self, vs: set[str]) -> str | None:
        if vs & WITHDRAW:
            return "withdrawn"
        if vs & FAIL:
            return "failed"
        if vs & ADOPT:
            return "adopted"
        if vs & AMEND:
            return "amended"
        if vs & TABLING:
            return "tabled"
        return None

    def _responsible(self, s, norms, lo, hi, holders: set[str]) -> list[str]:
        """«تحمل دمشق مسؤولية», «روسيا والصين ستتحملان مسؤولية», «اتهم X Y بـ»,
        «بسبب الولايات المتحدة», «عقوبات على النظام السوري»: the parties
        held responsible in norms[lo:hi], not one of `holders`."""
        actors = [a for a in s.actors if lo <= a.i < hi and a.id in self.dicts.actors
                  and self.dicts.actors[a.id].kind not in NOT_HELD]
        others = [a for a in actors if self._party(a.id) not in holders]
        out: list[str] = []
        for k in range(lo, hi):
            vs = variant_set(norms[k])
            if not vs & _HOLDING:
                continue  # no word of responsibility, cause, accusation or sanction
            if self._not_theirs(s, norms, lo, k, holders):
                continue
            if vs & RESPONSIBLE:
                if not _negated_any(norms, max(lo, k - 5), k, None):
                    out += self._bearing_responsibility(s, actors, others, k)
            elif vs & CAUSE and not _negated_any(norms, max(lo, k - 2), k, None):
                got = _chain(s, actors, k + 1) or _chain(s, actors, k + 2)
                out += [a for a in got if self.dicts.actors[a].kind != "civilians"]  # victims cause nothing
            elif vs & ACCUSE:
                cand = [a for a in others if a.i > k and not self._in_relative(norms, k, a.i)]
                if cand:
                    out += _chain(s, actors, cand[0].i) or [cand[0].id]
            elif vs & SANCTION_WORDS and k + 1 < hi and norms[k + 1] in SANCTION_TARGETS:
                out += _chain(s, actors, k + 2)
        return list(dict.fromkeys(self._held(a) for a in out))

    def _not_theirs(self, s, norms, lo, k, holders: set[str]) -> bool:
        """Whether the blame at token k is not the holders' own: denied or
        refused («نفت أن تكون ... مسؤولة», «رفضت تحميل»), told as someone
        else's conclusion or claim («إلى الاستنتاج بأن», «مزاعم بأن»), or
        said by another party («الولايات المتحدة تتهم ...» in Russia's words)."""
        # a clause that opens with «أن» completes the verb or noun before it
        complement = bool(variant_set(norms[lo]) & COMPLEMENTISERS)
        speech = {m.i for m, c in s.cues if c.event_type == "statement"}  # the verbs of saying
        for i in range(max(0 if complement else lo, k - 8), k + 1):
            vs = variant_set(norms[i])
            if i < k and vs & DISOWNING:
                return True
            if i < k and vs & REPORTED_CONTENT and \
                    any(variant_set(n) & COMPLEMENTISERS for n in norms[i + 1:i + 3]):
                return True
            if i >= lo and (vs & ACCUSE or i in speech) and self._said_by_another(s, i, holders):
                return True
        return False

    def _said_by_another(self, s, i: int, holders: set[str]) -> bool:
        """«الولايات المتحدة تتهم»: a party named just before the verb at i
        (the first of «X وY», not governed by a preposition: «بين روسيا
        وأمريكا اتهم» is no subject) that is not one of `holders`."""
        before = [a for a in s.actors if a.j <= i]
        if not before or before[-1].j != i:
            return False
        first = chain_start(s, before)
        if first.i > 0 and (s.tokens[first.i - 1].norm in PREPOSITIONS or s.tokens[first.i].norm.startswith("و")):
            return False  # governed, or the second of «X وY» whose X names no actor
        party = self._party_of_mention(before[-1])
        return party is not None and party not in holders

    @staticmethod
    def _bearing_responsibility(s, actors, others, k) -> list[str]:
        """«ستتحملان مسؤولية»: the coordinated names just before the word;
        «تحمل دمشق مسؤولية»; else the names just after it."""
        prev = [a for a in others if a.j <= k and k - a.j <= 3]
        if prev:
            first = prev[-1]
            start = min(a.i for a in prev if a.j >= first.i - 2)
            return _chain(s, actors, start) or [first.id]
        nxt = [a for a in others if k < a.i <= k + 4]
        return _chain(s, actors, nxt[0].i) if nxt else []

    def _held(self, actor_id: str) -> str:
        a = self.dicts.actors.get(actor_id)
        return self._party(actor_id) if a and a.kind == "person" and a.parent else actor_id

    @staticmethod
    def _in_relative(norms, k, i) -> bool:
        """Is token i inside a relative clause («الذي يشن حملة ... بشار الأسد») opened after k?"""
        rel = [r for r in range(k + 1, i) if norms[r] in RELATIVES]
        return bool(rel) and i - rel[-1] < 10 and not any(n == "،" for n in norms[rel[-1]:i])

    # -- votes ---------------------------------------------------------------------
    def _votes(self, s, norms, subject, vetoed: set[str]) -> list[Position]:
        """One position per named voter: «استخدمت روسيا والصين حق النقض»,
        «عارضتها ست دول بينها الولايات المتحدة وبريطانيا وفرنسا», «امتنعت
        الصين عن التصويت». Bare counts name nobody and give nothing."""
        aspect = self.aspects.get(subject, "vote")
        if aspect is None:
            return []
        subj = self.subjects.get(subject)
        name_en, name_ar = (subj.name_en, subj.name_ar) if subj else (subject, "")
        named = self._named_parties(s)
        out: list[Position] = []
        for lo, hi in self._vote_segments(s, norms):
            clause = [variant_set(n) for n in norms[lo:hi]]
            stance = _stance(set().union(*clause) if clause else set())
            if stance is None:
                continue
            voters = self._voters(norms, named, lo, hi, clause)
            if stance == "veto":
                vetoed.update(voters)
            else:
                voters = [v for v in voters if v not in vetoed]
            text = s.text[s.tokens[lo].start: s.tokens[hi - 1].end]
            span = {"clause": [s.tokens[lo].start, s.tokens[hi - 1].end]}
            for v in dict.fromkeys(voters):
                out.append(Position(s.idx, v, subject, name_en, name_ar, aspect.aspect, stance, VOTE_SUMMARIES[stance],
                                    text, span, "veto" if stance == "veto" else "vote"))
        return out

    def _vote_segments(self, s, norms) -> list[tuple[int, int]]:
        """The clauses, cut again before each «و» + vote verb: «وعارضته ...
        وامتنعت ...» are two voters' segments."""
        segments = []
        for lo, hi in self._clause_ranges(s):
            cut = [lo] + [k for k in range(lo + 1, hi) if norms[k].startswith("و") and
                          variant_set(norms[k]) & VOTE_VERBS] + [hi]
            segments += [(cut[i], cut[i + 1]) for i in range(len(cut) - 1)]
        return segments

    @staticmethod
    def _voters(norms, named, lo, hi, clause) -> list[str]:
        """The named parties of a segment, not the sponsors of a draft named
        in it, not a body the vote happens in («في مجلس الأمن»)."""
        draft_at = next((lo + i for i, vs in enumerate(clause) if vs & DRAFT_WORDS), hi)
        return [party for i, j, party in named
                if lo <= i < hi and i <= draft_at and not (i > 0 and norms[i - 1] in VENUE_PREPOSITIONS)]

    def _may_end(self, subject, norms) -> bool:
        """Whether the sentence has a word of a mandate's end («ينتهي»)."""
        aspect = self.aspects.get(subject, "deadline")
        return aspect is not None and any(has_variant_in(n, aspect.cue_words) for n in norms)

    def _deadline(self, s, norms, subject, published=None) -> list[Position]:
        """«ينتهي التفويض المعطى لها في 16 نوفمبر الجاري»."""
        aspect = self.aspects.get(subject, "deadline")
        if not self._may_end(subject, norms):
            return []
        day = [t for t in s.times if t.precision == "day" and t.date]
        if not day:
            return []
        subj = self.subjects.get(subject)
        t = day[0]
        date = t.date
        pub = str(published)[:10] if published else None
        if pub and date < pub and len(date) == 10:  # a mandate ends ahead: «10 كانون الثاني» in December
            date = f"{int(date[:4]) + 1}{date[4:]}"
        return [Position(s.idx, None, subject, subj.name_en if subj else subject, subj.name_ar if subj else "",
                         aspect.aspect, date, aspect.describe(date), s.text, {"date": [t.start, t.end]}, None, date)]

    def _name(self, actor_id: str) -> str:
        a = self.dicts.actors.get(actor_id)
        return a.name_en if a else actor_id



class Named(NamedTuple):
    """A party named in a sentence, at tokens i:j."""
    i: int
    j: int
    party: str


SPEAKING_FOR = {"person", "state_force"}  # kinds that hold no position of their own but their parent's

VOTE_SUMMARIES = {"veto": "vetoed the draft", "abstain": "abstained", "against": "voted against", "for": "voted for"}


def _stance(allv: set[str]) -> str | None:
    """The vote a segment tells of, if any: «استخدمت حق النقض» (not «الفيتو
    السابع», a count), «امتنعت», «عارضته», «أيدته»; not «الموقف» (a stance)."""
    stance = None
    if (allv & VETO and allv & VETO_VERBS) or (allv & BLOCK and allv & DRAFT_WORDS):
        if allv & ORDINAL_ADJ:  # «وهو الفيتو السابع الذي تستخدمه موسكو»: a count, not a vote
            return None
        stance = "veto"
    elif allv & ABSTAIN:
        stance = "abstain"
    elif allv & VOTE_AGAINST_STRICT:
        stance = "against"
    elif allv & VOTE_FOR_STRICT:
        stance = "for"
    return None if allv & POSITION_WORDS else stance


def _draft_of(sponsors: tuple[str, ...], ordinal: int | None, drafts: list[Draft], idx: int) -> Draft:
    """The sponsors' draft: their first, or the one of that ordinal
    («المشروع الروسي الثاني»); a new draft when they have none such yet."""
    same = [d for d in drafts if set(d.sponsors) == set(sponsors)]
    if ordinal and ordinal > 1:
        draft = next((d for d in same if d.ordinal == ordinal), None)
    else:
        draft = same[0] if same else None
        ordinal = 1
    if draft is None:
        draft = Draft(sponsors, None, idx, ordinal)
        drafts.append(draft)
    return draft


def _chain(s, actors, start: int) -> list[str]:
    """The actors named from token `start` on, joined by «و»."""
    got: list[str] = []
    nxt = start
    for a in actors:
        if a.i < nxt:
            continue
        if a.i == nxt or (got and a.i <= nxt + 1 and s.tokens[a.i].norm.startswith("و")):
            got.append(a.id)
            nxt = a.j
        elif got:
            break
    return got


def _dedupe(positions: list[Position]) -> list[Position]:
    seen = set()
    out = []
    for p in positions:
        key = (p.sentence_idx, p.party, p.subject, p.aspect, p.value)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
