"""Rule-based event extraction (docs/EVENTS.md), explainable event by event.

For each sentence: find actor, place, cue and time mentions in one pass
over normalised tokens (store.nlp.matcher), cut the sentence into clauses, and
for each cue build an event from the mentions of its clause: the subject
(actor1), the one acted on (actor2), the most precise place, the nearest
time expression, who the sentence attributes it to, fatalities, and the
negated/hedged flags. Every event records the rule that fired and the
character spans of what it used. `Extractor.extract` is a pure function of
an article, so it runs in worker processes.

The rules are passes, each a small function with one job, and
`Extractor.PASSES` lists them in the order they run: the mention passes
(store/nlp/mentions.py) for each sentence, then the cue, variant and
sentence passes (store/nlp/events.py) for its events, and last the
article passes over all the article's events. Who does what, where
and when, which those passes ask, is in store/nlp/roles.py and
store/nlp/circumstances.py; clause structure in store/nlp/clauses.py.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..text.arabic import Token, is_mostly_arabic, normalize, split_sentences, tokenize, variant_set
from ..text.morphology import ARTICLE
from ..text.articles import Article
from . import events as ev
from . import mentions as mn
from .circumstances import Circumstances
from .cues import build_cue_index
from .dates import find_times, parse_date
from .dictionaries import Dictionaries
from .events import cue_event, event_variants, sentence_events
from .lexicon import ANAPHORS, AREA_KINDS, AREA_WORDS, DIPLOMATIC, DRAFT_WORDS, TOWN_KINDS
from .matcher import Hit, PhraseIndex
from .memory import Memory
from .participants import COLLECTIVE, remember_meeting
from .mentions import MentionDraft, Mentions, anchored_places
from .positions import PositionFinder
from .roles import Roles
from .sentence import (  # noqa: F401  (Event, Extraction, Mention, Sentence are this module's API too)
    Event, Extraction, Mention, Sentence, _bridge_asides, _clause_bounds, _drop_dateline, _is_heading,
    _merge_time_bounds,
)


class SentenceHits(NamedTuple):
    """What the phrase indexes found in one sentence's tokens."""
    actors: list[Hit]
    places: list[Hit]
    cues: list[Hit]


def _national_army_first(actor) -> tuple:
    """A country's armed forces before its other state forces (police,
    security services): «قوات الأسد» are the Syrian army, not the Asayish."""
    name = actor.name_en.lower()
    army = "army" in actor.id or "armed forces" in name or "army" in name or actor.id.endswith("-forces")
    return (not army, len(actor.id), actor.id)


class Extractor(Mentions, Roles, Circumstances):
    """Holds the indexes built from the dictionaries; `extract` is pure."""

    # The passes, in the order they run. For each sentence: "mentions" make
    # its actors, places and cues (a pass fills a MentionDraft); then for each
    # cue the "cue" passes make its event (a pass that returns True ends the
    # cue: no act here), the "variant" passes run on each copy of the event
    # per coordinated place, object and subject, and the "sentence" passes
    # once after the last cue; the "opening" passes run once before the
    # first cue.
    PASSES = {
        "mentions": (
            mn.actors_by_name, mn.national_forces, mn.shared_heads, mn.places_by_name, mn.governorates_listed, mn.unlisted_places,
            mn.cues_in_context, mn.glosses_are_one_cue,
            mn.aircraft_shelling_is_their_strike, mn.speaking_countries, mn.demonyms_after_cues,
            mn.draft_sponsors, mn.envoys, mn.forces_of_leaders,
        ),
        "opening": (ev.who_the_sentence_is_attributed_to,),
        "cue": (
            # is it an act here?
            ev.statements_wait, ev.what_a_draft_says, ev.what_an_accusation_says, ev.intercepted_target,
            ev.what_the_truce_does, ev.told_by_its_verb,
            ev.generic_verb_of_an_act, ev.a_state_not_an_act, ev.no_place_in_particular, ev.many_acts_counted,
            ev.habitual_acts, ev.how_they_fled, ev.where_the_flight_went,
            ev.mines_cleared, ev.bombers_acted_on, ev.attack_of_the_bombers, ev.means_of_the_act,
            ev.toll_of_another_act,
            # who
            ev.subjects, ev.a_body_rejects_a_draft_by_vote, ev.battle_of_the_main_act, ev.subjects_after_a_verbal_act,
            ev.speaker_judges,
            ev.roles_of_a_killing, ev.acted_on, ev.who_gained_a_loss, ev.passive_roles,
            # where, when, from whom, how
            ev.place, ev.place_of_the_main_act, ev.no_country_for_a_verbal_act, ev.date, ev.said_at_the_meeting,
            ev.reported_by, ev.an_attack_that_harms_civilians,
            ev.actor2_and_place, ev.negated_and_hedged, ev.a_future_act_is_a_threat, ev.claimed_attack, ev.toll,
            # enough to code?
            ev.unanchored, ev.displaced_named_in_passing, ev.attack_told_before, ev.attack_told_again, ev.doer_told_before,
        ),
        "variant": (
            ev.attack_in_words, ev.who_moves, ev.from_the_air, ev.actor1, ev.keep,
            ev.remember_the_force, ev.remember_the_main_act, ev.remember_the_violence,
        ),
        "sentence": (
            ev.own_verbal_act_not_relayed, ev.killed_were_the_enemy, ev.an_agreement_on_a_truce_is_the_truce,
            ev.the_displaced_beside_the_fighters, ev.one_event_per_act, ev.civilians_hit_by_the_strike,
            ev.statements_that_are_news,
        ),
        "article": (ev.lead_dated_by_its_later_report,),
    }

    def __init__(self, dicts: Dictionaries):
        self.dicts = dicts
        self.actor_index: PhraseIndex[str] = PhraseIndex()
        for a in dicts.actors.values():
            for name in a.names():
                self.actor_index.add(name, a.id)
        self.place_index: PhraseIndex[str] = PhraseIndex()
        for p in dicts.places.values():
            for name in p.names():
                self.place_index.add(name, p.id)
        self.cue_index = build_cue_index(dicts.cues)
        self._chains: dict[str, frozenset[str]] = {}  # actor → itself and its parents
        self.capitals: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.states: dict[str, str] = {}
        self.national: dict[str, dict[str, str]] = {}  # «القوات الحكومية» → {country: its actor}
        for row in dicts.metonyms:
            if row["actor_id"] in dicts.actors:
                if row["kind"] == "national":
                    country = dicts.actors[row["actor_id"]].country
                    self.national.setdefault(normalize(row["name"]), {}).setdefault(country, row["actor_id"])
                    continue
                if row["kind"] == "state":
                    base = normalize(row["name"])
                    for form in (base, base + "ه", ARTICLE + base, ARTICLE + base + "ه"):
                        self.states[form] = row["actor_id"]
                    continue
                target = self.capitals if row["kind"] == "capital" else self.demonyms
                target[normalize(row["name"])] = row["actor_id"]
        # a country → its government, from the nationality adjectives («أردني» → jordan)
        self.governments: dict[str, str] = {}
        for actor_id in self.states.values():
            actor = dicts.actors.get(actor_id)
            if actor is not None and actor.country and actor.kind == "government":
                self.governments.setdefault(actor.country, actor_id)
        # «قوات X» for a government or a leader X means X's armed forces
        self.forces_of: dict[str, str] = {}
        for a in sorted(dicts.actors.values(), key=_national_army_first):
            if a.kind == "state_force" and a.country and not a.parent.endswith("-army"):
                self.forces_of.setdefault(a.country, a.id)
        self.position_finder = PositionFinder(self)
        # head word (first token of a name) → actors, for «التنظيم» and «المرصد»
        self.heads: dict[str, set[str]] = {}
        for a in dicts.actors.values():
            for name in a.names():
                toks = tokenize(name)
                if len(toks) >= 2 or normalize(name) in ANAPHORS:
                    head = toks[0].norm if toks else ""
                    head = head if head.startswith(ARTICLE) else ARTICLE + head
                    if head in ANAPHORS:
                        self.heads.setdefault(head, set()).add(a.id)

    def analyse(self, idx: int, start: int, text: str, published: dt.date | None, context: set[str],
                tokens: list[Token] | None = None, hits: SentenceHits | None = None,
                anchored: frozenset[str] = frozenset()) -> Sentence:
        """One sentence's mentions (the "mentions" passes), times and clauses;
        `anchored`: the article's places named after a locative (anchored_places)."""
        tokens = tokenize(text) if tokens is None else tokens
        hits = self.matched([tokens])[0] if hits is None else hits
        d = MentionDraft(text, tokens, context, hits.actors, hits.places, hits.cues, anchored=anchored)
        for mention_pass in self.PASSES["mentions"]:
            mention_pass(self, d)
        d.actors.sort(key=lambda m: m.i)
        times = find_times(tokens, published, text)
        bounds = _merge_time_bounds(_clause_bounds(text, tokens), tokens, times)
        asides: list[tuple[int, int]] = []
        if len(bounds) > 2:
            bounds, asides = _bridge_asides(bounds, tokens, {m.i for m, _ in d.cues})
        return Sentence(idx, start, text and start + len(text), text, tokens, d.actors, d.places, d.cues, times,
                        bounds, asides)

    # The stages of `extract`, in order; bench/run.py times each of them.
    def tokenized(self, body: str, spans: list[tuple[int, int]]) -> list[list[Token]]:
        """Normalise and tokenise: the tokens of each sentence, offsets from its start."""
        return [tokenize(body[s:e]) for s, e in spans]

    def matched(self, tokenized: list[list[Token]]) -> list[SentenceHits]:
        """Match: the dictionary names and the cues in each sentence's tokens."""
        actors, places, cues = self.actor_index.find, self.place_index.find, self.cue_index.find
        return [SentenceHits(actors(tokens), places(tokens), cues(tokens)) for tokens in tokenized]

    def extract(self, article: Article) -> Extraction:
        body = article.body
        published = parse_date(article.published)
        spans = split_sentences(body)
        if not is_mostly_arabic(body):
            return Extraction([], [], [], ["not Arabic text: no events extracted"])
        tokenized = self.tokenized(body, spans)
        return self.analysed(body, published, spans, tokenized, self.matched(tokenized))

    def analysed(self, body: str, published: dt.date | None, spans: list[tuple[int, int]],
                 tokenized: list[list[Token]], hits: list[SentenceHits]) -> Extraction:
        """Analyse: the sentences' mentions, their events and the positions."""
        context = self._article_places([h.places for h in hits])
        anchored = anchored_places(tokenized, [h.places for h in hits])
        sentences: list[Sentence] = []
        events: list[Event] = []
        memory = Memory()
        for idx, (s, e) in enumerate(spans):
            sent = self.analyse(idx, s, body[s:e], published, context, tokenized[idx], hits[idx], anchored)
            if _is_heading(body, s, e, sent):
                sent.cues = []  # headlines, captions, subheads: the body reports the acts
            self._resolve_anaphora(sent, memory)
            self._resolve_sites(sent, memory)
            if idx == 0 or (idx == 1 and len(sentences) and len(sentences[0].tokens) < 20):
                _drop_dateline(sent)
            for p in sent.places:
                context.update(pl.id for pl in self.dicts.place_chain(p.id))
            sentences.append(sent)
            new = self._events(sent, published, memory)
            events.extend(new)
            memory.date_of(sent, new)
            remember_meeting(sent, memory, new)
            for a in sent.actors:
                if a.via != COLLECTIVE:  # the parties were seen where they were named
                    memory.see(a.id, self.dicts.actors.get(a.id))
            self._note_heads(sent, memory)
            acted_in = [e.place for e in new if e.place and
                        self.dicts.places.get(e.place) and self.dicts.places[e.place].kind in TOWN_KINDS]
            for p in sent.places:
                place = self.dicts.places.get(p.id)
                if place and place.kind in TOWN_KINDS and not acted_in:
                    memory.last_town = p.id
                elif place and place.kind == "governorate":
                    memory.last_governorate = p.id
                if place and (place.kind in AREA_KINDS or
                              (p.i > 0 and variant_set(sent.tokens[p.i - 1].norm) & AREA_WORDS)):
                    memory.last_area = p.id
            if acted_in:  # «المدينة» later means where the acts happened, not every town named
                memory.last_town = acted_in[0]
        for article_pass in self.PASSES["article"]:
            article_pass(self, events, published, sentences)
        diplomatic = any(c.event_type in DIPLOMATIC for s in sentences for _, c in s.cues) or \
            any(t.norm in DRAFT_WORDS for s in sentences for t in s.tokens)
        positions = self.position_finder.find(sentences, events, published) if diplomatic else []
        return Extraction(sentences, events, positions, [])

    def _events(self, sent: Sentence, published: dt.date | None, memory: Memory) -> list[Event]:
        """One sentence's events: the "opening", "cue", "variant" and "sentence" passes."""
        s = sentence_events(self, sent, published, memory)
        for opening_pass in self.PASSES["opening"]:
            opening_pass(self, s)
        for m, cue in sent.cues:
            c = cue_event(sent, m, cue)
            if _ends_the_cue(self, s, c):
                continue
            for e, subj in event_variants(s, c):
                for variant_pass in self.PASSES["variant"]:
                    variant_pass(self, s, c, e, subj)
        for sentence_pass in self.PASSES["sentence"]:
            sentence_pass(self, s)
        return s.out


def _ends_the_cue(x: Extractor, s, c) -> bool:
    """Run the "cue" passes in order until one ends the cue (a plain loop:
    any() over a generator costs a frame per pass, for every cue)."""
    for cue_pass in x.PASSES["cue"]:
        if cue_pass(x, s, c):
            return True
    return False
