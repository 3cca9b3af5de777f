"""Diplomatic positions: who holds what on which subject, clause by clause.

A position is (party, subject, aspect, value) with the clause it comes from.
Parties come from the sponsor of a draft («عرضت روسيا مشروع قرار»،
«المشروع الروسي»، «مشروع القرار الذي عرضته الولايات المتحدة»، «مشروع
قراره»، «المسودة»), from voters and vetoers, and from the actor of an
accusation, criticism or praise. Subjects come from subjects.tsv. Aspects
and their normalised values:

    mandate_length / aid_duration / ceasefire_length   ISO 8601 (P6M, P2Y)
    investigation_sites, crossings                     place ids
    finding_stance                                     freeze | endorse | reject
    report_assessment                                  praise | reject
    responsibility                                     actor id held responsible
    vote                                               for | against | abstain | veto
    draft_status                                       tabled | withdrawn | adopted | failed
    deadline                                           YYYY-MM-DD (party: none)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.arabic import normalize, proclitic_variants
from .event_types import event_types
from .lexicon import _LEXICON, DRAFT_WORDS, RELATIVES
from .matcher import PhraseIndex


_W = _LEXICON.words

TABLING = _W("tabling_verbs")
WITHDRAW = _W("withdrawal_verbs")
ADOPT = _W("adoption_words")
FAIL = _W("failure_verbs")
FREEZE = _W("freeze_words")
ENDORSE = _W("endorse_words")
REJECT = _W("reject_words")
FINDING_WORDS = _W("finding_words")
SEND = _W("sending_words")
CLOSE = _W("closing_words")
RESPONSIBLE = _W("responsibility_words")
ABSTAIN = _W("abstain_words")
VETO = _W("veto_words")
DEADLINE = _W("deadline_verbs")
# event types whose sentences may state a position: the verbal ones
HOLDS_POSITIONS = {t.id for t in event_types() if t.family == "verbal"}
MANDATE = _W("mandate_words")
CONTENT = _W("content_verbs")
AMEND = _W("amendment_words")
ORDINALS = _LEXICON.values("draft_ordinals")
NOT_PARTIES = {"media", "monitor", "civilians", "civilian", "ngo"}
NOT_HELD = {"media", "monitor"}
# verbal cues that name a speaker (a finding is the text's, not a speaker's)
VERBAL = HOLDS_POSITIONS - {"finding"}
SPEECH = _W("speech_verbs")
APPROVE = _W("approval_words")
SUFFICE = _W("sufficiency_words")
IDENTIFY = _W("identify_words")
RESPONSIBLE_NOUNS = _W("responsible_nouns")
DENY = _W("deny_words")
SANCTION_WORDS = _W("sanction_words")
OPPOSE = _W("oppose_words")
EMBARGO = _W("embargo_words")
HELICOPTER = _W("helicopter_words")
EXCLUDE = _W("exclusion_words")
ARMED = {"non_state_armed_group", "jihadist_group", "armed_group", "militia", "rebel_group", "group",
         "terrorist_group", "opposition"}
DIRECTIONS = _LEXICON.values("displacement_directions", str)
REPORT_SUBJECTS = {"opcw-report"}
PRAISE_WORDS = _W("praise_words")
CRITIC_WORDS = _W("criticism_words")
STATEMENT_WORDS = _W("statement_nouns")
ERRORS = _W("error_words")
CAUSE = _W("cause_words")
ACCUSE = _W("accusation_verbs")
VETO_VERBS = _W("veto_verbs")
VOTE_AGAINST_STRICT = _W("vote_against")
VOTE_FOR_STRICT = _W("vote_for")
VOTE_VERBS = _W("vote_verbs")
BLOCK = _W("blocking_verbs")
ORDINAL_ADJ = _W("ordinal_adjectives")
OBJECT_MARKERS = _W("speech_object_markers")
POSITION_WORDS = _W("position_nouns")
DRAFT_HEADS = _W("draft_heads")
RESOLUTION_NOUNS = _W("resolution_nouns")
NEW_DRAFTS = _W("new_draft_words")
RESOLUTION_WORDS = _W("resolution_words")
VENUE_PREPOSITIONS = _W("venue_prepositions")
DURATION_OPENERS = _W("duration_openers")
SINGLE_UNITS = _W("single_units")
WHOLE_UNITS = _W("whole_units")
ONE_WHOLE = _W("one_whole")
HOUR_UNITS = _W("hour_units")
DELAY_PREPOSITIONS = _W("delay_prepositions")
WITHOUT_DELAY = _LEXICON.phrases("without_delay")
REFUSAL = _W("refusal_verbs")
DEADLINE_NOUNS = _W("deadline_nouns")
TIME_REFERENCES = _W("time_reference_words")
SANCTION_TARGETS = _W("sanction_targets")
PRONOUN_SUFFIXES = tuple(sorted(_W("pronoun_suffixes")))
DUAL_PLURAL_ENDINGS = tuple(sorted(_W("dual_plural_endings")))

_NUMBER_WORDS = _LEXICON.values("duration_numbers")
_UNITS = _LEXICON.values("duration_units", str)
_DUALS = _LEXICON.values("dual_durations", str)
_AGO = _W("past_time_words")


@dataclass
class Subject:
    id: str
    name_en: str
    name_ar: str
    duration_aspect: str


@dataclass
class Draft:
    sponsors: tuple[str, ...]
    subject: str | None
    first_sentence: int
    ordinal: int = 1


@dataclass
class Position:
    sentence_idx: int
    party: str | None
    subject: str
    subject_en: str
    subject_ar: str
    aspect: str
    value: str
    summary_en: str
    text_ar: str
    spans: dict[str, list[int]] = field(default_factory=dict)
    event_type: str | None = None
    date: str | None = None


def load_subjects(rows: list[dict[str, str]]) -> tuple[dict[str, Subject], PhraseIndex[str]]:
    """The dispute subjects of subjects.tsv rows, and the index of their keywords."""
    subjects: dict[str, Subject] = {}
    index: PhraseIndex[str] = PhraseIndex()
    for row in rows:
        sid = row["id"]
        subjects[sid] = Subject(sid, row.get("name_en", ""), row.get("name_ar", ""),
                                row.get("duration_aspect") or "duration")
        for kw in row.get("keywords", "").split("|"):
            if kw.strip():
                index.add(kw.strip(), sid)
    return subjects, index


def iso_duration(norms: list[str], k: int) -> tuple[str, int] | None:
    """An ISO 8601 duration starting at token k: «6 أشهر», «ستة أشهر»,
    «لسنتين», «12 شهرا» (12 months → P1Y), with the tokens used."""
    tok = norms[k]
    for v in proclitic_variants(tok):
        if v in _DUALS:
            return _DUALS[v], 1
    for v in proclitic_variants(tok):
        if v in _UNITS and k > 0 and norms[k - 1] in DURATION_OPENERS and v in SINGLE_UNITS:
            return f"P1{_UNITS[v]}" if _UNITS[v] != "W" else "P7D", 1
        if v in _UNITS and (k == 0 or not _count(norms[k - 1])):
            if v in WHOLE_UNITS and k + 1 < len(norms) and norms[k + 1] in ONE_WHOLE:
                return f"P1{_UNITS[v]}", 2
    n = _count(tok)
    if n is not None and k + 1 < len(norms):
        unit = next((_UNITS[v] for v in proclitic_variants(norms[k + 1]) if v in _UNITS), None)
        if unit:
            if unit == "M" and n % 12 == 0:
                return f"P{n // 12}Y", 2
            if unit == "W":
                return f"P{n * 7}D", 2
            return f"P{n}{unit}", 2
    return None


def _count(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    for v in proclitic_variants(tok):
        if v in _NUMBER_WORDS:
            return _NUMBER_WORDS[v]
    return None


class PositionFinder:
    def __init__(self, extractor):
        self.x = extractor
        self.dicts = extractor.dicts
        self.subjects, self.subject_index = load_subjects(self.dicts.subjects)
        # a country named as a place stands for its government when it votes or sponsors
        self.country_government: dict[str, str] = {}
        govs = {}
        for a in self.dicts.actors.values():
            if a.kind == "government" and a.country and not a.parent:
                govs.setdefault(a.country, a.id)
        for pl in self.dicts.places.values():
            if pl.kind == "country" and pl.id in govs:
                self.country_government[pl.id] = govs[pl.id]
        self.state_adjectives: dict[str, str] = {}
        for row in self.dicts.metonyms:
            if row["kind"] == "state" and row["actor_id"] in self.dicts.actors:
                for form in _adjective_forms(row["name"]):
                    self.state_adjectives[form] = row["actor_id"]

    # -- helpers -------------------------------------------------------------
    def _party(self, actor_id: str) -> str:
        """A spokesman speaks for his ministry, a ministry for its state:
        positions are held by states and bodies (docs/EVENTS.md, actors)."""
        actor = self.dicts.actors.get(actor_id)
        seen = set()
        while actor and actor.kind in ("person", "state_force") and actor.parent and actor.parent not in seen:
            seen.add(actor.parent)
            parent = self.dicts.actors.get(actor.parent)
            if parent is None:
                break
            actor = parent
        return actor.id if actor else actor_id

    # -- main ------------------------------------------------------------------
    def find(self, sentences, events, published) -> list[Position]:
        """Positions of an article. Two passes: first the drafts and where
        each sentence mentions them, then clause by clause the aspects, held
        by the draft's sponsors (what a draft settles) or by the speaker of
        the sentence (votes, accusations, judgements)."""
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
        speaker: list[str] = []
        vetoed: set[str] = set()
        for s in sentences:
            norms = [t.norm for t in s.tokens]
            mentions = mentions_of[s.idx]
            own = subjects_of[s.idx]
            subject = main if (mentions and main) else (own[0] if own else main)
            if not subject:
                continue
            speaker = self._speaker(s, norms) or (speaker if self._continues(s, norms) else [])
            if not (mentions or own or any(c.event_type in HOLDS_POSITIONS for _, c in s.cues)
                    or any(v in DEADLINE for n in norms for v in proclitic_variants(n))):
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
                vs = {v for t in s.tokens for v in proclitic_variants(t.norm)}
                weight = 3.0 if vs & (TABLING | CONTENT) else 2.0
            for rank, sub in enumerate(subs):
                score[sub] = score.get(sub, 0) + weight / (rank + 1)
                first.setdefault(sub, s.idx)
        if not score:
            return None
        return max(score, key=lambda k: (score[k], -first[k]))

    def _draft_mentions(self, s, drafts: list[Draft], last: list[Draft]) -> list[tuple[int, Draft]]:
        norms = [t.norm for t in s.tokens]
        mentions: list[tuple[int, Draft]] = []
        for k, tok in enumerate(s.tokens):
            if not any(v in DRAFT_WORDS for v in proclitic_variants(tok.norm)):
                continue
            if k > 0 and norms[k - 1] in DRAFT_HEADS and tok.norm in RESOLUTION_NOUNS:
                continue
            sponsors = self._adjective_sponsors(norms, k, s)
            if not sponsors:
                sponsors = self._relative_sponsors(s, k)
            if not sponsors and tok.norm.endswith(PRONOUN_SUFFIXES) and last:
                sponsors = list(last[-1].sponsors)  # «مشروع قراره»
            if not sponsors:
                sponsors = self._tabling_subject(s, k)
            ordinal = self._ordinal(norms, k)
            draft = None
            if sponsors:
                key = tuple(dict.fromkeys(sponsors))
                same = [d for d in drafts if set(d.sponsors) == set(key)]
                if ordinal and ordinal > 1:
                    draft = next((d for d in same if d.ordinal == ordinal), None)
                    if draft is None:
                        draft = Draft(key, None, s.idx, ordinal)
                        drafts.append(draft)
                elif same:
                    draft = same[0]
                else:
                    draft = Draft(key, None, s.idx, 1)
                    drafts.append(draft)
            elif drafts and tok.norm not in NEW_DRAFTS:
                draft = last[-1] if last else drafts[-1]  # «المسودة», «الوثيقة», «المشروع»
            if draft:
                mentions.append((k, draft))
                last.append(draft)
        return mentions

    @staticmethod
    def _ordinal(norms, k) -> int | None:
        for n in norms[k + 1:k + 5]:
            if n in ORDINALS:
                return ORDINALS[n]
        return None

    def _party_of_mention(self, m) -> str | None:
        a = self.dicts.actors.get(m.id)
        if a is None or a.kind in NOT_PARTIES:
            return None
        return self._party(m.id)

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
                        if any(v in TABLING for v in proclitic_variants(s.tokens[i].norm))), None)
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
        for i, j, party in named:
            if i < nxt:
                continue
            if (not out and i == nxt) or (out and i == nxt and s.tokens[i].norm.startswith("و")):
                out.append((i, party))
                nxt = j
            else:
                break
        return out

    def _named_parties(self, s) -> list[tuple[int, int, str]]:
        """(i, j, party) of actors and countries named in the sentence."""
        out = []
        for a in s.actors:
            party = self._party_of_mention(a)
            if party and a.via != "demonym":
                out.append((a.i, a.j, party))
        for p in s.places:
            gov = self.country_government.get(p.id)
            if gov and not any(i <= p.i < j for i, j, _ in out):
                out.append((p.i, p.j, gov))
        return sorted(out)

    def _tabling_subject(self, s, k) -> list[str]:
        """«عرضت روسيا، أمس، على أعضاء مجلس الأمن مشروع قرار»: the subject
        of a tabling verb before the draft, in the same clause."""
        for i in range(k - 1, max(-1, k - 12), -1):
            if any(v in TABLING or v in WITHDRAW for v in proclitic_variants(s.tokens[i].norm)):
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
        if any(v in SPEECH for n in norms[:2] for v in proclitic_variants(n)):
            first = [(i, j, p) for i, j, p in named if i < 8]
            if first:
                cues.append((0, [p for _, p in self._coordinated(s, first[0][0])] or [first[0][2]]))
        spots = [(m.i, m.j, m.id) for m, cue in s.cues]
        spots += [(k, k + 1, "statement") for k in range(2, len(norms))
                  if set(proclitic_variants(norms[k])) & SPEECH and not any(i == k for i, _, _ in spots)]
        for mi, mj, kind in sorted(spots):
            m = type("M", (), {"i": mi, "j": mj, "id": kind})
            if m.id not in VERBAL or (m.i > 0 and norms[m.i - 1] in RELATIVES):
                continue
            if cues and cues[0][0] == 0 and m.i < 10:
                continue
            after = [(i, j, p) for i, j, p in named if m.j <= i <= m.j + 3
                     and not (i > 0 and norms[i - 1] in OBJECT_MARKERS)]
            if after:
                cues.append((m.i, [p for _, p in self._coordinated(s, after[0][0])] or [after[0][2]]))
                continue
            before = [(i, j, p) for i, j, p in named if m.i - 3 <= i < m.i and j <= m.i]
            if before:
                cues.append((m.i, [before[-1][2]]))
        out = {}
        for lo, hi in self._clause_ranges(s):
            got = [ps for at, ps in cues if at < hi]
            out[lo] = got[-1] if got else carried
        return out

    def _speaker(self, s, norms) -> list[str]:
        """Who speaks or acts in the sentence: the party named right after
        (or just before) its first verbal cue («قالت المندوبة الأميركية»,
        «اتهم الجيش الروسي», «روسيا تتهم»)."""
        named = self._named_parties(s)
        for m, cue in s.cues:
            if m.id not in VERBAL:
                continue
            after = [(i, j, p) for i, j, p in named if m.j <= i <= m.j + 3]
            if after:
                i0 = after[0][0]
                return [p for _, p in self._coordinated(s, i0)] or [after[0][2]]
            before = [(i, j, p) for i, j, p in named if m.i - 3 <= i < m.i and j <= m.i]
            if before:
                return [before[-1][2]]
        # «وأبدى المتحدث باسم وزارة الدفاع الروسية»: the first party in the first clause
        lo, hi = self._clause_ranges(s)[0] if s.tokens else (0, 0)
        first = [p for i, j, p in named if lo <= i < min(hi, 8)]
        if first and any(v in SPEECH for n in norms[:3] for v in proclitic_variants(n)):
            return [first[0]]
        return []

    def _continues(self, s, norms) -> bool:
        """«وأضاف ...», «وزعم الجنرال الروسي»: a sentence that goes on with
        the last speaker."""
        return bool(norms) and any(v in SPEECH for n in norms[:2] for v in proclitic_variants(n))

    def _clause_ranges(self, s) -> list[tuple[int, int]]:
        bounds = sorted(set(list(s.bounds) + [0])) + [len(s.tokens)]
        return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i + 1] > bounds[i]]

    # -- clauses -------------------------------------------------------------------
    def _from_clauses(self, s, norms, mentions, subject, speakers) -> list[Position]:
        """Aspects, clause by clause: what a draft settles belongs to its
        sponsors; judgements and accusations to the speaker."""
        out: list[Position] = []
        subj = self.subjects.get(subject)
        name_en, name_ar = (subj.name_en, subj.name_ar) if subj else (subject, "")
        for lo, hi in self._clause_ranges(s):
            here = [d for k, d in mentions if lo <= k < hi]
            before = [d for k, d in mentions if k < lo]
            draft = here[-1] if here else (before[-1] if before else None)
            status_draft = draft or (mentions[0][1] if mentions else None)  # «سحبت الكويت والسويد، ... المشروع»
            speaker = speakers.get(lo, [])
            content_holders = list(draft.sponsors) if draft else list(speaker)
            text = s.text[s.tokens[lo].start: s.tokens[hi - 1].end]
            span = {"clause": [s.tokens[lo].start, s.tokens[hi - 1].end]}
            if draft:
                span["draft"] = [s.idx, mentions[0][0]]
            vs_clause = [set(proclitic_variants(n)) for n in norms[lo:hi]]
            allv = set().union(*vs_clause) if vs_clause else set()
            content: list[tuple[str, str, str]] = []
            judged: list[tuple[str, str, str, list[str]]] = []
            # durations of a mandate, an authorisation or a truce; delays
            for k in range(lo, hi):
                hours = _hours(norms, k)
                if hours and k > lo and norms[k - 1] in DELAY_PREPOSITIONS:
                    aspect = "ceasefire_start" if subject == "ceasefire" else "start"
                    content.append((aspect, hours, f"starts {_human(hours)} after adoption"))
                    continue
                dur = iso_duration(norms, k)
                if dur and not (draft or allv & MANDATE):
                    dur = None
                if dur and not any(v in _AGO for v in norms[max(lo, k - 2):k]) and not \
                        any(v in _AGO for v in norms[k + dur[1]:k + dur[1] + 1]):
                    aspect = subj.duration_aspect if subj and subj.duration_aspect else "duration"
                    content.append((aspect, dur[0], f"{aspect.replace('_', ' ')}: {_human(dur[0])}"))
                    break
            if any(_has_seq(norms[lo:hi], phrase) for phrase in WITHOUT_DELAY):
                if subject == "ceasefire":
                    content.append(("ceasefire_start", "P0D", "starts without delay"))
            if subject == "ceasefire" and allv & REFUSAL and allv & DEADLINE_NOUNS:
                judged.append(("ceasefire_start", "reject", "rejects any fixed start", speaker))
            # where investigators go, which crossings stay open or close
            sending = bool(allv & SEND)
            closing_from = next((lo + i for i, vs in enumerate(vs_clause) if vs & CLOSE), None)
            for p in s.places:
                if not lo <= p.i < hi:
                    continue
                place = self.dicts.places.get(p.id)
                if place is None:
                    continue
                if place.kind == "border_crossing" or (subject == "cross-border-aid" and place.kind in
                                                       ("border_crossing", "facility", "town", "city", "village")):
                    if closing_from is not None and closing_from < p.i:
                        content.append(("crossings_closed", p.id, f"closes or drops the {place.name_en} crossing"))
                    else:
                        content.append(("crossings", p.id, f"keeps the {place.name_en} crossing open"))
                elif sending and place.kind not in ("country", "governorate", "region"):
                    content.append(("investigation_sites", p.id, f"sends investigators to {place.name_en}"))
            # what happens to a finding
            if allv & FINDING_WORDS:
                if allv & FREEZE:
                    content.append(("finding_stance", "freeze", "freezes the finding until an investigation on site"))
                elif (allv & REJECT or _negated_any(norms, lo, hi, SUFFICE)) and subject not in REPORT_SUBJECTS:
                    judged.append(("finding_stance", "reject", "rejects the finding", speaker or content_holders))
                elif allv & APPROVE and any(a.id == "unsc" and lo <= a.i < hi for a in s.actors):
                    content.append(("finding_stance", "council-approval", "findings need the Council's approval"))
                elif allv & ENDORSE and subject not in REPORT_SUBJECTS:
                    content.append(("finding_stance", "endorse", "endorses the finding (grave concern)"))
            if allv & IDENTIFY and allv & RESPONSIBLE_NOUNS:
                content.append(("finding_stance", "independent", "the mechanism names those responsible itself"))
            # who is held responsible
            for resp in self._responsible(s, norms, lo, hi, set(speaker) | set(content_holders)):
                aspect = "displacement_cause" if subject == "civilians-displacement" else "responsibility"
                summary = (f"civilians flee because of {self._name(resp)}" if aspect == "displacement_cause"
                           else f"holds {self._name(resp)} responsible")
                holders = content_holders if draft else speaker
                judged.append((aspect, resp, summary, holders))
            if allv & DENY:
                deniers = self._subject_after(s, allv, lo, hi, DENY)
                for d in deniers:
                    judged.append(("responsibility", "reject", "denies the act or the attribution", [d]))
            # measures of a sanctions draft
            if allv & SANCTION_WORDS:
                if allv & OPPOSE:
                    judged.append(("measures", "reject", "opposes sanctions", speaker))
                elif draft:
                    content.append(("measures", "sanctions", "sanctions (blacklist, asset freeze, travel ban)"))
            if allv & EMBARGO and allv & HELICOPTER:
                content.append(("measures", "helicopter-embargo", "bans the sale of helicopters"))
            # exclusions from a truce
            if allv & EXCLUDE:
                at = next(lo + i for i, vs in enumerate(vs_clause) if vs & EXCLUDE)
                for a in s.actors:
                    if at < a.i < hi and self.dicts.actors.get(a.id) and \
                            self.dicts.actors[a.id].kind in ARMED:
                        content.append(("ceasefire_exclusions", a.id, f"excludes {self._name(a.id)}"))
            # draft status
            status = self._status(allv)
            if status == "adopted" and any(n in TIME_REFERENCES for n in norms[lo:hi]) and not \
                    any(a.id == "unsc" and lo <= a.i < hi for a in s.actors):
                status = None  # «بعد 72 ساعة من تبني القرار»: a time reference, not the vote
            if status and status_draft and not draft:
                for party in status_draft.sponsors:
                    out.append(Position(s.idx, party, subject, name_en, name_ar, "draft_status", status,
                                        f"draft {status}", text, dict(span), "proposal"))
                status = None
            if status and draft:
                content.append(("draft_status", status, f"draft {status}"))
            elif status == "adopted" and any(a.id == "unsc" and lo <= a.i < hi for a in s.actors):
                judged.append(("draft_status", "adopted", "the Council adopted the text", ["unsc"]))
            # displacement: where civilians go
            if subject == "civilians-displacement":
                for k in range(lo, hi):
                    d = DIRECTIONS.get(norms[k]) or next((DIRECTIONS[v] for v in proclitic_variants(norms[k])
                                                          if v in DIRECTIONS), None)
                    if d and not _negated_any(norms, lo, k + 1, None):
                        content.append(("displacement_direction", d, f"civilians go {d}"))
            # judgements of a report or a statement
            if allv & (REJECT | PRAISE_WORDS | CRITIC_WORDS) and speaker:
                value = "praise" if allv & PRAISE_WORDS and not allv & (REJECT | CRITIC_WORDS) else "reject"
                if subject in REPORT_SUBJECTS or allv & (FINDING_WORDS | STATEMENT_WORDS | DRAFT_WORDS) or \
                        allv & ERRORS:
                    if not (value == "reject" and any(a[0] == "finding_stance" for a in judged)):
                        judged.append(("report_assessment", value, "judges the report sound" if value == "praise"
                                       else "calls the report or text doubtful or biased", speaker))
            for aspect, value, summary in content:
                for party in content_holders:
                    out.append(Position(s.idx, party, subject, name_en, name_ar, aspect, value, summary, text,
                                        dict(span), "proposal" if draft else "statement"))
            for aspect, value, summary, holders in judged:
                for party in holders:
                    out.append(Position(s.idx, party, subject, name_en, name_ar, aspect, value, summary, text,
                                        dict(span), "accusation" if aspect == "responsibility" else "criticism"))
        return out

    def _subject_after(self, s, allv, lo, hi, words) -> list[str]:
        at = next((k for k in range(lo, hi) if set(proclitic_variants(s.tokens[k].norm)) & words), None)
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
        «بسبب الولايات المتحدة», «عقوبات على النظام السوري»."""
        actors = [a for a in s.actors if lo <= a.i < hi and a.id in self.dicts.actors
                  and self.dicts.actors[a.id].kind not in NOT_HELD]
        out: list[str] = []

        def chain(start: int) -> list[str]:
            got = []
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

        for k in range(lo, hi):
            vs = set(proclitic_variants(norms[k]))
            if vs & RESPONSIBLE and _negated_any(norms, max(lo, k - 5), k, None):
                continue
            if vs & RESPONSIBLE:
                # «ستتحملان مسؤولية»: the coordinated names just before; «تحمل دمشق مسؤولية»
                prev = [a for a in actors if a.j <= k and k - a.j <= 3 and self._party(a.id) not in holders]
                if prev:
                    first = prev[-1]
                    group = [a for a in prev if a.j >= first.i - 2]
                    start = min(a.i for a in group)
                    out += chain(start) or [first.id]
                else:
                    nxt = [a for a in actors if k < a.i <= k + 4 and self._party(a.id) not in holders]
                    if nxt:
                        out += chain(nxt[0].i)
            elif vs & CAUSE and not _negated_any(norms, max(lo, k - 2), k, None):
                got = chain(k + 1) or chain(k + 2)
                out += [a for a in got if a != "civilians"]
            elif vs & ACCUSE:
                cand = [a for a in actors if a.i > k and self._party(a.id) not in holders
                        and not self._in_relative(norms, k, a.i)]
                if cand:
                    out += chain(cand[0].i) or [cand[0].id]
            elif vs & SANCTION_WORDS and k + 1 < hi and norms[k + 1] in SANCTION_TARGETS:
                out += chain(k + 2)
        return list(dict.fromkeys(self._held(a) for a in out))

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
        out: list[Position] = []
        subj = self.subjects.get(subject)
        name_en, name_ar = (subj.name_en, subj.name_ar) if subj else (subject, "")
        named = self._named_parties(s)
        segments = []
        for lo, hi in self._clause_ranges(s):
            cut = [lo] + [k for k in range(lo + 1, hi) if norms[k].startswith("و") and
                          set(proclitic_variants(norms[k])) & VOTE_VERBS] + [hi]
            segments += [(cut[i], cut[i + 1]) for i in range(len(cut) - 1)]
        for lo, hi in segments:
            clause = [set(proclitic_variants(n)) for n in norms[lo:hi]]
            allv = set().union(*clause) if clause else set()
            stance = None
            if (allv & VETO and allv & VETO_VERBS) or (allv & BLOCK and allv & DRAFT_WORDS):
                stance = "veto"
                if allv & ORDINAL_ADJ:  # «وهو الفيتو السابع الذي تستخدمه موسكو»: a count, not a vote
                    continue
            elif allv & ABSTAIN:
                stance = "abstain"
            elif allv & VOTE_AGAINST_STRICT:
                stance = "against"
            elif allv & VOTE_FOR_STRICT:
                stance = "for"
            if stance is None or allv & POSITION_WORDS:
                continue
            # the voters: named parties of the clause, not the sponsors of a
            # draft named in it, not a body the vote happens in
            draft_at = next((lo + i for i, vs in enumerate(clause) if vs & DRAFT_WORDS), hi)
            voters = []
            for i, j, party in named:
                if not lo <= i < hi or i > draft_at:
                    continue
                if i > 0 and norms[i - 1] in VENUE_PREPOSITIONS:
                    continue
                voters.append(party)
            if stance == "veto":
                vetoed.update(voters)
            else:
                voters = [v for v in voters if v not in vetoed]
            text = s.text[s.tokens[lo].start: s.tokens[hi - 1].end]
            span = {"clause": [s.tokens[lo].start, s.tokens[hi - 1].end]}
            summary = {"veto": "vetoed the draft", "abstain": "abstained", "against": "voted against",
                       "for": "voted for"}[stance]
            for v in dict.fromkeys(voters):
                out.append(Position(s.idx, v, subject, name_en, name_ar, "vote", stance, summary, text, span,
                                    "veto" if stance == "veto" else "vote"))
        return out

    def _deadline(self, s, norms, subject, published=None) -> list[Position]:
        """«ينتهي التفويض المعطى لها في 16 نوفمبر الجاري»."""
        if not any(v in DEADLINE for n in norms for v in proclitic_variants(n)):
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
                         "deadline", date, f"ends on {date}", s.text,
                         {"date": [t.start, t.end]}, None, date)]

    def _name(self, actor_id: str) -> str:
        a = self.dicts.actors.get(actor_id)
        return a.name_en if a else actor_id


def _adjective_forms(adj: str) -> set[str]:
    """روسي → الروسي، روسية، الروسية؛ الأمريكي → أمريكي ..."""
    base = adj[2:] if adj.startswith("ال") else adj  # «ألماني» only looks like it has the article once normalised
    base = normalize(base)
    base = base[:-1] if base.endswith("ه") else base
    return {base, base + "ه", "ال" + base, "ال" + base + "ه", base + "ا"}  # «مشروع قرار أمريكيا»


def _human(iso: str) -> str:
    m = re.fullmatch(r"P(\d+)([DWMY])", iso)
    if not m:
        return iso
    n, unit = int(m.group(1)), {"D": "day", "W": "week", "M": "month", "Y": "year"}[m.group(2)]
    return f"{n} {unit}{'s' if n != 1 else ''}"


def _dedupe(positions: list[Position]) -> list[Position]:
    seen = set()
    out = []
    for p in positions:
        key = (p.sentence_idx, p.party, p.subject, p.aspect, p.value)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _hours(norms: list[str], k: int) -> str | None:
    """«72 ساعة» → PT72H."""
    if k + 1 < len(norms) and norms[k].isdigit() and norms[k + 1] in HOUR_UNITS:
        return f"PT{int(norms[k])}H"
    return None


@lru_cache(maxsize=256)
def _normalized(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize(w) for w in words)


def _has_seq(norms: list[str], words: tuple[str, ...]) -> bool:
    ws = _normalized(words)
    if not any(ws[0] in proclitic_variants(n) for n in norms):
        return False  # the first word is nowhere: the common case, decided in one pass
    for i in range(len(norms) - len(ws) + 1):
        if all(ws[j] in proclitic_variants(norms[i + j]) for j in range(len(ws))):
            return True
    return False


NEGATORS = _W("clause_negators")


def _negated_any(norms, lo, hi, words) -> bool:
    """A negator before one of `words` in norms[lo:hi] (any word if None)."""
    for k in range(lo, hi):
        if norms[k] in NEGATORS:
            if words is None:
                return True
            if any(set(proclitic_variants(n)) & words for n in norms[k + 1:min(hi, k + 3)]):
                return True
    return False


def _singular_adj(norm: str) -> str:
    """«روسيان», «الروسيين» → روسي (two Russian drafts)."""
    for suf in DUAL_PLURAL_ENDINGS:
        if norm.endswith("ي" + suf) and len(norm) > 4:
            return norm[: -len(suf)]
    return norm
