"""Rule-based event extraction (docs/EVENTS.md), explainable event by event.

For each sentence: find actor, place, cue and time mentions in one pass
over normalised tokens (store.nlp.matcher), cut the sentence into clauses, and
for each cue build an event from the mentions of its clause: the subject
(actor1), the one acted on (actor2), the most precise place, the nearest
time expression, who the sentence attributes it to, fatalities, and the
negated/hedged flags. Every event records the rule that fired and the
character spans of what it used. `Extractor.extract` is a pure function of
an article, so it runs in worker processes.
"""
from __future__ import annotations

import datetime as dt

from ..text.arabic import Token, is_mostly_arabic, normalize, proclitic_variants, split_sentences, strip_article, tokenize
from ..text.morphology import ARTICLE
from ..text.articles import Article
from .cues import Cue, build_cue_index
from .dates import find_times, parse_date
from .dictionaries import Dictionaries
from .lexicon import (
    ADVERBS, AIR_POWERS, AIR_WORDS, ANAPHORS, BACKGROUND_OPENERS, BELONGING, BOMBINGS, CIVILIAN_TARGETS, CLAIMED,
    CLAUSE_WORDS, COUNTED, DEFUSING, DIPLOMATIC,
    DRAFT_WORDS, FORECASTS, GENERIC_AREAS, FLEEING_ADVERBS, GOVERNORATE_ANAPHORS, JOINERS, NARRATIVE_THEN, KILLERS, LOCATIVES, LOSER_MARKERS, MATERIAL_ACTOR_KINDS, MEMBERS, MOVEMENT,
    OBJECT_MARKERS, OFFICIALS, ONGOING, PEOPLE, POSSESSED_FORCES, PREPOSITIONS, QUANTITIES, REFER_BACK, RELATIVES,
    REPORTING, SOURCE_ANAPHORS, SPEAKER_KINDS, SUBJECT_SKIP, SUPPORT, TAKES_OBJECT, TITLES,
    TOWN_ANAPHORS,
    TOWN_KINDS, VIOLENT,
    AIR_SUBJECTS, AS_WORDS, THAT_PARTICLES, COUNTRYSIDE, ENABLING_STEMS, FORCES_WORDS, FORMERLY, FROM, FROM_IT,
    HOLDER_MARKERS, IN, IN_FAVOUR_OF, OUR_FORCES, RESOLUTION_WORDS, SINCE, SOURCE_WORDS, WAS, WHAT_WORDS, WITH,
)
from .matcher import Hit, PhraseIndex
from .sentence import (  # noqa: F401  (Event, Extraction, Mention, Sentence are this module's API too)
    Event, Extraction, Mention, Sentence, _bridge_asides, _clause_bounds, _clause_of, _coordinated, _dedupe, _drop_dateline,
    _fatalities, _flags, _glued_locative, _is_heading, _is_time_token, _merge_time_bounds, _prefer_specific,
)


def _national_army_first(actor) -> tuple:
    """A country's armed forces before its other state forces (police,
    security services): «قوات الأسد» are the Syrian army, not the Asayish."""
    name = actor.name_en.lower()
    army = "army" in actor.id or "armed forces" in name or "army" in name or actor.id.endswith("-forces")
    return (not army, len(actor.id), actor.id)


class Extractor:
    """Holds the indexes built from the dictionaries; `extract` is pure."""

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
        for row in dicts.metonyms:
            if row["actor_id"] in dicts.actors:
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
        from .positions import PositionFinder

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

    # -- mentions -------------------------------------------------------------
    def _place_ok(self, tokens: list[Token], hit: Hit, sentence: str) -> bool:
        """A place needs a locative cue before it or must be well known:
        many common Arabic words are also the names of villages in GeoNames,
        from which places_geonames.tsv is built."""
        pid = hit.payloads[0]
        place = self.dicts.places.get(pid)
        if place is None:
            return False
        if "ك" in normalize(tokens[hit.i].text[: hit.start - tokens[hit.i].start]):
            return False  # «محور كبانة» is no «بانه»: a glued ك is the first letter of an unknown name
        if _glued_locative(tokens[hit.i], hit.start):
            return True  # «بدير الزور»: a preposition is glued on
        if hit.i > 0 and (tokens[hit.i - 1].norm in LOCATIVES or
                          any(v in LOCATIVES for v in proclitic_variants(tokens[hit.i - 1].norm))):
            return True
        well_known = place.kind in ("country", "governorate", "region", "river", "facility",
                                    "border_crossing", "neighbourhood") or not place.geonameid
        return well_known or place.population >= 20000

    def _best_place(self, ids: tuple[str, ...], context: set[str]) -> str:
        """Among homonyms, prefer one in the same country or governorate as
        the article's other places, then the most populous (CLAVIN-style)."""
        if len(ids) == 1:
            return ids[0]

        def score(pid: str):
            chain = {p.id for p in self.dicts.place_chain(pid)}
            place = self.dicts.places[pid]
            curated = 0 if place.geonameid else 1
            return (len(chain & context), curated, place.population)

        return max((i for i in ids if i in self.dicts.places), key=score, default=ids[0])

    def analyse(self, idx: int, start: int, text: str, published: dt.date | None, context: set[str],
                tokens: list[Token] | None = None, place_hits: list[Hit] | None = None) -> Sentence:
        tokens = tokenize(text) if tokens is None else tokens
        actor_hits = self.actor_index.find(tokens)
        place_hits = self.place_index.find(tokens) if place_hits is None else place_hits
        cue_hits = self.cue_index.find(tokens)
        actors: list[Mention] = []
        taken: set[int] = set()
        for h in actor_hits:
            # A name that is both actor and place («إسرائيل») is a place after a locative.
            prev = tokens[h.i - 1].norm if h.i > 0 else ""
            glued = _glued_locative(tokens[h.i], h.start)
            place_here = any(p.i == h.i and p.j == h.j for p in place_hits)
            if place_here and (prev in LOCATIVES or glued):
                continue
            actors.append(Mention("actor", h.payloads[0], h.i, h.j, h.start, h.end))
            taken.update(range(h.i, h.j))
        places: list[Mention] = []
        for h in place_hits:
            if any(k in taken for k in range(h.i, h.j)):
                continue
            prev = tokens[h.i - 1].norm if h.i > 0 else ""
            glued = _glued_locative(tokens[h.i], h.start)
            norm = " ".join(t.norm for t in tokens[h.i:h.j])
            variants = proclitic_variants(tokens[h.i].norm) if h.j - h.i == 1 else (norm,)
            capital = next((self.capitals[v] for v in variants if v in self.capitals), None)
            if capital and not (prev in LOCATIVES or glued):
                actors.append(Mention("actor", capital, h.i, h.j, h.start, h.end, "metonym"))
                taken.update(range(h.i, h.j))
                continue
            if not self._place_ok(tokens, h, text):
                continue
            pid = self._best_place(h.payloads, context)
            if prev and any(v in COUNTRYSIDE for v in proclitic_variants(prev)) and self.dicts.places.get(pid) and \
                    self.dicts.places[pid].kind in ("city", "town", "village"):
                parent = self.dicts.places[pid].parent
                if parent in self.dicts.places:
                    pid = parent
            places.append(Mention("place", pid, h.i, h.j, h.start, h.end))
            taken.update(range(h.i, h.j))
        cues: list[tuple[Mention, Cue]] = []
        for h in cue_hits:
            if any(k in taken for k in range(h.i, h.j)):
                continue
            prev = tokens[h.i - 1].norm if h.i > 0 else ""
            prev_forms = set(proclitic_variants(prev)) if prev else set()
            for cue in h.payloads:  # the first reading that its context allows
                if prev_forms & cue.not_after:
                    continue
                if cue.tense == "narrative" and not (
                        prev_forms & NARRATIVE_THEN or
                        (prev in THAT_PARTICLES and h.i > 1 and tokens[h.i - 2].norm in NARRATIVE_THEN)):
                    continue  # «ثم تستعيدها الفصائل», «قبل أن تستعيده الهيئة»: the past told in the present
                need = cue.requires
                if need and "@place" in need:
                    # «سقوط الموصل», «سقوط مدينة يبرود»: a town falls, not a rocket
                    if not any(h.j <= p.i <= h.j + 1 for p in places):
                        continue
                elif need and not any(t.norm in need or any(v in need for v in proclitic_variants(t.norm))
                                      for t in tokens[h.j : h.j + 8]):
                    continue
                before = cue.after
                if before and not (prev_forms & before or
                                               (h.i > 1 and tokens[h.i - 2].norm in before)):
                    continue
                cues.append((Mention("cue", cue.event_type, h.i, h.j, h.start, h.end), cue))
                break
        # «حق النقض (الفيتو)», «عبوة ناسفة (لغم)»: a gloss in brackets is the same cue again
        cues = [c for n, c in enumerate(cues) if not (n and cues[n - 1][1].event_type == c[1].event_type and
                                                       cues[n - 1][0].j == c[0].i and
                                                       "(" in text[cues[n - 1][0].end : c[0].start])]
        # «قصفت طائرات حربية روسية البلدة», «استهدفت مسيرة تركية»: a shelling verb whose subject is
        # the aircraft right after it is the air strike those aircraft make, not a second act
        cues = [c for n, c in enumerate(cues) if not (
            c[1].event_type == "shelling" and c[1].role in ("verb", "past") and n + 1 < len(cues) and
            cues[n + 1][1].event_type == "airstrike" and cues[n + 1][0].i == c[0].j)]
        # «أعلن الأردن», «وكان الأردن أعلن»: a country that speaks is its government
        speech_at = {m.i for m, c in cues if c.role != "noun" and (c.event_type in DIPLOMATIC or
                                                                    c.event_type == "statement")}
        if speech_at:
            for p in [p for p in places if p.i - 1 in speech_at or p.j in speech_at]:
                gov = self.governments.get(p.id)
                if gov and not (p.i > 0 and tokens[p.i - 1].norm in LOCATIVES) and not _glued_locative(tokens[p.i], p.start):
                    places.remove(p)
                    actors.append(Mention("actor", gov, p.i, p.j, p.start, p.end, "metonym"))
        # demonyms after a weapon or force cue: «المدفعية العراقية», «الطيران الروسي»
        for m, cue in cues:
            j = m.j
            if cue.event_type in DIPLOMATIC:
                continue  # «مشروع القرار الروسي» is Russia's, handled with drafts below
            while j < len(tokens) and cue.role == "noun":
                if j in taken:
                    # «طائرات حربية روسية وسورية»: an adjective, not the country
                    as_place = [p for p in places if p.i == j and p.j == j + 1]
                    if not as_place or not self._demonym_at(tokens[j].norm):
                        break
                    places.remove(as_place[0])
                    taken.discard(j)
                norm = tokens[j].norm
                actor = self.demonyms.get(norm) or (self.demonyms.get(norm[1:]) if norm.startswith("و") else None) \
                    or (self.demonyms.get(ARTICLE + norm) if not norm.startswith(ARTICLE) else None) \
                    or (self.demonyms.get(ARTICLE + norm[1:]) if norm.startswith("و") else None)
                if not actor:
                    break
                actors.append(Mention("actor", actor, j, j + 1, tokens[j].start, tokens[j].end, "demonym"))
                taken.add(j)
                j += 1
        # «المشروع الروسي», «مشروع قرار فرنسي»: the state behind a draft
        for k, tok in enumerate(tokens):
            if tok.norm in DRAFT_WORDS and k + 1 < len(tokens):
                j = k + 2 if tokens[k + 1].norm in RESOLUTION_WORDS else k + 1
                while j < len(tokens) and j not in taken and tokens[j].norm in self.states:
                    actors.append(Mention("actor", self.states[tokens[j].norm], j, j + 1, tokens[j].start,
                                          tokens[j].end, "draft"))
                    taken.add(j)
                    j += 1
        # «المندوب الروسي», «السفيرة الأميركية»: an envoy speaks for its state
        for k, tok in enumerate(tokens[:-1]):
            nxt = tokens[k + 1].norm
            if tok.norm in OFFICIALS and nxt in self.states and k + 1 not in taken and k not in taken:
                actors.append(Mention("actor", self.states[nxt], k, k + 2, tok.start, tokens[k + 1].end, "envoy"))
                taken.update((k, k + 1))
        # «قوات الرئيس بشار الأسد»: the forces of a government or leader
        for n, a in enumerate(actors):
            actor = self.dicts.actors.get(a.id)
            if a.i > 0 and tokens[a.i - 1].norm in FORCES_WORDS and actor and \
                    actor.kind in ("government", "person") and actor.country in self.forces_of:
                actors[n] = Mention("actor", self.forces_of[actor.country], a.i - 1, a.j,
                                    tokens[a.i - 1].start, a.end, "forces-of")
        actors.sort(key=lambda m: m.i)
        times = find_times(tokens, published)
        bounds = _merge_time_bounds(_clause_bounds(text, tokens), tokens, times)
        asides: list[tuple[int, int]] = []
        if len(bounds) > 2:
            bounds, asides = _bridge_asides(bounds, tokens, {m.i for m, _ in cues})
        return Sentence(idx, start, text and start + len(text), text, tokens, actors, places, cues, times, bounds,
                        asides)

    # -- events ----------------------------------------------------------------
    def extract(self, article: Article) -> Extraction:
        body = article.body
        published = parse_date(article.published)
        notes: list[str] = []
        spans = split_sentences(body)
        if not is_mostly_arabic(body):
            notes.append("not Arabic text: no events extracted")
            return Extraction([], [], [], notes)
        tokenized = [tokenize(body[s:e]) for s, e in spans]
        place_hits = [self.place_index.find(tokens) for tokens in tokenized]
        context = self._article_places(place_hits)
        sentences: list[Sentence] = []
        events: list[Event] = []
        memory = _Memory()
        for idx, (s, e) in enumerate(spans):
            sent = self.analyse(idx, s, body[s:e], published, context, tokenized[idx], place_hits[idx])
            if _is_heading(body, s, e, sent):
                sent.cues = []  # headlines, captions, subheads: the body reports the acts
            self._resolve_anaphora(sent, memory)
            if idx == 0 or (idx == 1 and len(sentences) and len(sentences[0].tokens) < 20):
                _drop_dateline(sent)
            for p in sent.places:
                context.update(pl.id for pl in self.dicts.place_chain(p.id))
            sentences.append(sent)
            new = self._events(sent, published, memory)
            events.extend(new)
            memory.date_of(sent, new)
            for a in sent.actors:
                memory.see(a.id, self.dicts.actors.get(a.id))
            acted_in = [e.place for e in new if e.place and
                        self.dicts.places.get(e.place) and self.dicts.places[e.place].kind in TOWN_KINDS]
            for p in sent.places:
                place = self.dicts.places.get(p.id)
                if place and place.kind in TOWN_KINDS and not acted_in:
                    memory.last_town = p.id
                elif place and place.kind == "governorate":
                    memory.last_governorate = p.id
            if acted_in:  # «المدينة» later means where the acts happened, not every town named
                memory.last_town = acted_in[0]
        diplomatic = any(c.event_type in DIPLOMATIC for s in sentences for _, c in s.cues) or \
            any(t.norm in DRAFT_WORDS for s in sentences for t in s.tokens)
        positions = self.position_finder.find(sentences, events, published) if diplomatic else []
        return Extraction(sentences, events, positions, notes)

    def _article_places(self, hits_per_sentence: list[list[Hit]]) -> set[str]:
        """Places the article names without ambiguity, with their ancestors:
        the context that chooses between homonyms (CLAVIN-style)."""
        context: set[str] = set()
        for hits in hits_per_sentence:
            for h in hits:
                if len(h.payloads) == 1:
                    context.update(p.id for p in self.dicts.place_chain(h.payloads[0])
                                   if p.kind not in ("country",))
        return context

    @staticmethod
    def _governed(sent: Sentence, a: Mention) -> bool:
        """Whether a preposition or a members-word governs the mention, so it
        cannot be a subject; «الآلاف من المدنيين» counts people, not place."""
        if a.i == 0:
            return False
        prev = sent.tokens[a.i - 1].norm
        if prev in FROM and a.i > 1 and (sent.tokens[a.i - 2].norm in QUANTITIES or sent.tokens[a.i - 2].norm.isdigit()):
            return False
        if prev in MEMBERS:
            # «إن مقاتلي الجيش الحر سيطروا»: the fighters are the subject,
            # unless a preposition governs them («على عناصر التنظيم»)
            return a.i > 1 and sent.tokens[a.i - 2].norm in PREPOSITIONS
        return prev in PREPOSITIONS

    def _acting_force(self, a: Mention) -> Mention:
        """A leader or spokesman acts through his body, a government through
        its armed forces: «طائرات النظام السوري» are the Syrian army's."""
        actor = self.dicts.actors.get(a.id)
        seen = set()
        while actor is not None and actor.kind == "person" and actor.parent and actor.parent not in seen:
            seen.add(actor.parent)
            actor = self.dicts.actors.get(actor.parent)
        if actor is not None and actor.kind == "government" and actor.country in self.forces_of:
            actor = self.dicts.actors.get(self.forces_of[actor.country])
        if actor is None or actor.id == a.id:
            return a
        return Mention("actor", actor.id, a.i, a.j, a.start, a.end, a.via)

    def _demonym_at(self, norm: str) -> str | None:
        for form in (norm, norm[1:] if norm.startswith("و") else "", ARTICLE + norm,
                     ARTICLE + norm[1:] if norm.startswith("و") else ""):
            if form and form in self.demonyms:
                return self.demonyms[form]
        return None

    def _resolve_anaphora(self, sent: Sentence, memory: "_Memory") -> None:
        """«التنظيم», «المرصد», «الأخيرة»: bare head words that refer to an
        actor named earlier in the article become mentions of that actor."""
        taken = {k for m in sent.actors + sent.places for k in range(m.i, m.j)}
        taken |= {k for m, _ in sent.cues for k in range(m.i, m.j)}
        added = []
        for k, tok in enumerate(sent.tokens):
            if k in taken:
                continue
            actor = None
            for v in proclitic_variants(tok.norm):
                if v in self.heads:
                    actor = memory.latest(self.heads[v])
                    if actor:
                        break
                if v in REFER_BACK:
                    # the owner: the last party named before, not the outlet quoted («لرووداو»)
                    owner = [a.id for a in sent.actors if a.j <= k and self._kind(a.id) not in ("media", "monitor")]
                    owner_actor = self.dicts.actors.get(owner[-1]) if owner else None
                    if v in POSSESSED_FORCES and owner_actor is not None and owner_actor.kind == "person":
                        # «قال قائد العمليات الساعدي إن قواته»: the force he commands
                        commanded = next((x for x in self._chain_order(owner_actor.id) if self._is_force(x)), None)
                        if commanded:
                            actor = commanded
                            break
                    if v in POSSESSED_FORCES and owner_actor is not None and \
                            owner_actor.kind in ("person", "government") and owner_actor.country in self.forces_of:
                        actor = self.forces_of[owner_actor.country]  # «هنأ العبادي قواته»: his forces
                        break
                    here = [a.id for a in sent.actors if a.j <= k and self._is_force(a.id)]
                    actor = here[-1] if here else memory.latest_matching(self._is_force)
                    if actor:
                        break
            if actor is None and tok.norm in OUR_FORCES:
                countries = [self.dicts.actors[a.id].country for a in sent.actors
                             if a.j <= k and a.id in self.dicts.actors and self.dicts.actors[a.id].country]
                actor = self.forces_of.get(countries[-1]) if countries else None
            if actor:
                added.append(Mention("actor", actor, k, k + 1, tok.start, tok.end, "coref"))
        if added:
            sent.actors = sorted(sent.actors + added, key=lambda m: m.i)

    def _events(self, sent: Sentence, published: dt.date | None, memory: "_Memory") -> list[Event]:
        out: list[Event] = []
        speaker, speaker_m, speech_cues = self._attribution(sent, memory)
        diplomatic_at = min((m.i for m, c in sent.cues if c.event_type in
                             ("accusation", "criticism", "praise", "finding", "demand", "vote", "veto", "threat",
                              "proposal")),
                            default=None)
        # «حمّل ... مسؤولية سقوط الموصل»: the fall is what the blame is about
        blame_at = min((m.i for m, c in sent.cues if c.event_type in ("accusation", "criticism", "finding")),
                       default=None)
        main_subjects: list[Mention] = []  # the actors of the sentence's first material act
        killed: Mention | None = None  # who the sentence says was killed
        main_place: Mention | None = None  # and where it happened
        for m, cue in sent.cues:
            if cue.event_type == "statement":
                continue
            if cue.event_type in ("demand", "proposal") and cue.role != "noun" and m.i > 0 and \
                    not cue.after and sent.tokens[m.i - 1].norm in DRAFT_WORDS | RESOLUTION_WORDS:
                continue  # «مشروع قرار يدعو إلى»: what the draft says
            if diplomatic_at is not None and m.i > diplomatic_at and cue.event_type != "chemical_attack" and \
                    (cue.event_type in VIOLENT | {"withdrawal", "displacement"} or
                     (cue.event_type == "territory_taken" and blame_at is not None and m.i > blame_at)):
                continue  # what an accusation or a report says is not a second act
            lo, hi = _clause_of(sent, m.i)
            ev = Event(cue.event_type, sent.idx, rule=f"{cue.event_type}:{cue.role}:{cue.pattern}")
            ev.spans["trigger"] = [m.start, m.end]
            before = [(m2, c) for m2, c in sent.cues if lo <= m2.i and m2.j <= m.i]
            if cue.event_type in ("airstrike", "shelling") and cue.role == "noun" and before and \
                    before[-1][1].event_type == "armed_clash" and (
                        before[-1][1].has("intercepting") or
                        (before[-1][1].role != "noun" and m.i - before[-1][0].j <= 1)):
                continue  # «أسقطت طائرتين حربيتين», «تصدت لطائرات مسيرة», «اعتراض الصواريخ»: the target
            if cue.has("generic") and any(c.event_type in VIOLENT and not c.has("generic") and
                                                   0 < m.i - m2.i <= 6 for m2, c in sent.cues):
                continue  # «سيارة مفخخة ... استهدفت تجمعا لهم»: the bombing's own verb
            if cue.event_type == "territory_taken" and cue.role != "noun":
                rel = _relative_clause(sent, m)
                if rel and sent.tokens[rel].norm in RELATIVES and sent.tokens[rel - 1].norm in GENERIC_AREAS:
                    continue  # «من الأراضي التي سيطروا عليها»: no place in particular
            if cue.event_type == "withdrawal" and sent.tokens[m.i].norm in FLEEING_ADVERBS and \
                    any(c.event_type == "displacement" for _, c in sent.cues):
                continue  # «نزح 45 ألف شخص هربا من المعارك»: how they fled, not a second flight
            if cue.event_type == "displacement" and cue.role == "noun" and \
                    any(c.event_type in MOVEMENT and c.role != "noun" for _, c in sent.cues):
                continue  # «نزحوا ... إلى مخيمات في الرقة»: the camps are where the flight went
            if cue.event_type == "suicide_or_ied" and cue.role == "noun" and \
                    any(v in DEFUSING for t in sent.tokens[max(lo, m.i - 6) : m.i] for v in proclitic_variants(t.norm)):
                continue  # «تعمل وحدات الهندسة على تفكيك العبوات الناسفة»: no bombing
            killing = cue.has("killing")
            if killing and any(c.event_type in VIOLENT and not c.has("killing") for _, c in sent.cues):
                # «أسفر القصف عن مقتل 5 مدنيين»: the toll of the strike, not a
                # second act; the killed are who the strike hit
                killed = killed or self._killing(sent, m, lo, hi)[1]
                continue
            subjects = self._subjects(sent, m, cue, lo, hi, memory) if not killing else []
            if not subjects and cue.role == "noun" and cue.event_type in VIOLENT and main_subjects:
                # «سيطرت القوات على البلدة بعد معارك عنيفة مع التنظيم»: the
                # sentence's actors fought the battle that won it
                subjects = main_subjects
            if diplomatic_at is not None and m.i > diplomatic_at:
                subjects = [a for a in subjects if a.i > diplomatic_at]  # «أشادت فرنسا بتقرير ... السارين»
            if not subjects and cue.event_type in DIPLOMATIC and cue.role == "noun" and speaker_m is not None and \
                    speaker_m.via != "according" and speaker_m.start < m.start:
                subjects = [speaker_m]  # «وأكدت الخارجية الروسية أن خلاصات التقرير "مشكوك" فيها»: the speaker judges
            if killing:
                subjects, obj = self._killing(sent, m, lo, hi)
                if obj is not None and subjects and self._kind(obj.id) == "civilians":
                    ev.event_type = "attack_on_civilians"  # «قتل ثلاثة مدنيين برصاص عناصر من قسد»
            else:
                obj = self._object(sent, m, cue, lo, hi, {s.id for s in subjects})
                obj = self._civilian_victims(sent, m, cue, lo, hi, obj)
            gainer = self._gainer(sent, m, cue)
            if gainer is not None:
                # «بعد خسارتها لصالح فصائل المعارضة»: the town went to them
                ev.event_type, ev.rule, subjects, obj = "territory_taken", ev.rule + "+gain", [gainer], None
            if cue.role == "passive" and subjects and subjects[0].j <= m.i and obj and not killing:
                ev.event_type = "territory_taken"  # «تمكنوا من طرد عناصر التنظيم»: they expel it
                ev.rule += "+active"
            elif cue.role == "passive" and subjects and not obj and not killing:
                if subjects[0].j <= m.i:
                    # «تمكنت القوات من طرد مسلحي التنظيم»: an active expulsion takes territory
                    after = [a for a in sent.actors if m.j <= a.i < hi and a.id not in {x.id for x in subjects}]
                    if after:
                        obj = after[0]
                        ev.event_type = "territory_taken"
                        ev.rule += "+active"
                else:
                    obj, subjects = subjects[0], []
            place = self._place(sent, m, lo, hi, cue, memory)
            if place is None or self._wide(place.id):
                # «سيطرت على المدينة في محافظة دير الزور»: the town referred to is more precise
                place = self._place_referred(sent, m, lo, hi, memory) or place
            if place is None and cue.event_type in VIOLENT and main_place is not None:
                place = main_place  # «سيطر ... على مدينة جسر الشغور بعد معارك عنيفة»: the same place
            if place and cue.event_type in DIPLOMATIC and \
                    self.dicts.places.get(place.id) and self.dicts.places[place.id].kind == "country":
                place = None  # «سيادة سوريا» is not where a demand happens
            self._date(ev, sent, m, lo, hi, published, memory, cue)
            # a reporting verb attributes what follows it, not what came before
            if speaker_m is None or speaker_m.via == "according" or speaker_m.start < m.start:
                ev.reported_by = speaker
                if speaker_m is not None:
                    ev.spans["reported_by"] = [speaker_m.start, speaker_m.end]
            if obj:
                ev.actor2 = obj.id
                ev.spans["actor2"] = [obj.start, obj.end]
            if place:
                ev.place = place.id
                ev.spans["place"] = [place.start, place.end]
            ev.negated, ev.hedged = _flags(sent, m, cue, lo)
            if cue.has("negated"):
                ev.negated = True
            if cue.event_type == "vote" and any(t.norm in CLAIMED for t in sent.tokens[m.j : m.j + 5]):
                # «وتبنى تنظيم داعش الهجوم»: the claimant did the attack it claims
                claimed = {t.norm for t in sent.tokens[m.j : m.j + 5]}
                ev.event_type = "suicide_or_ied" if claimed & BOMBINGS else (memory.last_violent_type or "armed_clash")
                ev.rule += "+claim"
                claimant = self._first_actor_after(sent, m.j, limit=3)
                if claimant is not None:
                    ev.reported_by, ev.spans["reported_by"] = claimant.id, [claimant.start, claimant.end]
                if memory.last_violent_place and not ev.place:
                    ev.place = memory.last_violent_place  # where the claimed attack was told to be
                if "date" not in ev.spans and memory.last_violent_date:
                    ev.date, ev.date_precision = memory.last_violent_date  # and when
            if ev.event_type in VIOLENT:
                ev.fatalities = _fatalities(sent, lo, hi)
            if not subjects and not obj and not place and ev.event_type != "vote" and \
                    not (ev.event_type in VIOLENT and ev.fatalities is not None and "date" in ev.spans and not killing):
                # a toll alone is coded only when dated («مقتل 150 مدنيا منذ بدء الحملة في 19 حزيران»)
                continue  # nothing to anchor the event to (a toll is anchor enough)
            if ev.event_type == "displacement" and place is None and all(x.via == "victims" for x in subjects) and \
                    not any(t.norm.isdigit() or t.norm in QUANTITIES for t in sent.tokens[lo:hi]):
                continue  # «أمام النازحين»: the displaced named in passing, no flight told
            if ev.event_type == "armed_clash" and cue.role == "noun" and place is None and "date" not in ev.spans and \
                    proclitic_variants(sent.tokens[m.i].norm)[-1].startswith(ARTICLE):
                continue  # «تصاعد الهجمات», «لتعليق الهجوم»: the attack told before, not a new one
            variants = [ev]
            for extra in _coordinated(sent, place, sent.places)[1:]:
                e = Event(**{**ev.__dict__, "spans": dict(ev.spans)})
                e.place, e.spans["place"] = extra.id, [extra.start, extra.end]
                e.fatalities = None  # a shared toll goes on the first place only
                variants.append(e)
            for extra in _coordinated(sent, obj, sent.actors)[1:]:
                e = Event(**{**ev.__dict__, "spans": dict(ev.spans)})
                e.actor2, e.spans["actor2"] = extra.id, [extra.start, extra.end]
                variants.append(e)
            for base, subj in ((b, s_) for b in variants for s_ in (subjects or [None])):
                e = Event(**{**base.__dict__, "spans": dict(base.spans)})
                if e.event_type == "armed_clash" and cue.has("verbal_attack") and subj is not None and \
                        self._attacks_in_words(subj.id):
                    e.event_type = "criticism"  # «هاجم وزير الخارجية الموقف التركي»: an attack in words
                    e.rule += "+verbal"
                    e.date, e.date_precision = None, "unknown"
                    e.spans.pop("place", None)
                    e.place = None
                elif e.event_type == "withdrawal" and subj is not None and self._kind(subj.id) == "civilians":
                    e.event_type = "displacement"
                elif e.event_type == "displacement" and subj is not None and \
                        self._kind(subj.id) in ("armed_group", "militia", "state_force"):
                    e.event_type = "withdrawal"
                if e.event_type == "shelling" and subj is not None and self._airborne(subj.id, sent, lo, hi):
                    e.event_type = "airstrike"
                    e.rule += "+air"
                elif e.event_type == "armed_clash" and cue.role in ("verb", "past") and subj is not None and \
                        subj.via == "name" and ("air-force" in subj.id or
                                                {sent.tokens[k].norm for k in (subj.i - 1, subj.i) if k >= 0} &
                                                AIR_SUBJECTS):
                    e.event_type = "airstrike"  # «طيران الجيش وطائرات التحالف دمرت ...»
                    e.rule += "+air"
                if subj is not None:
                    if subj.id == e.actor2:
                        e.actor2 = None
                        e.spans.pop("actor2", None)
                    e.actor1 = subj.id
                    if subj.via == "pro-drop":
                        e.rule += "+pro-drop"  # no word names it: the subject of the last act
                    else:
                        e.spans["actor1"] = [subj.start, subj.end]
                out.append(e)
                if subj is not None:
                    actor = self.dicts.actors.get(subj.id)
                    if actor and actor.kind in ("state_force", "armed_group", "militia", "coalition"):
                        memory.latest_force = subj.id
                        if e.event_type in VIOLENT | {"territory_taken", "withdrawal"}:
                            memory.last_actor1 = (subj.id, sent.idx)
                if subj is not None and not main_subjects and e.event_type in VIOLENT | {"territory_taken"} \
                        and self._is_force(subj.id):
                    main_subjects = [x for x in subjects if self._is_force(x.id)]
                if main_place is None and place is not None and e.event_type in VIOLENT | {"territory_taken"}:
                    main_place = place
                if e.event_type in VIOLENT and "+claim" not in e.rule:
                    memory.last_violent_type = e.event_type
                    memory.last_violent_place = e.place or memory.last_violent_place
                    if e.date:
                        memory.last_violent_date = (e.date, e.date_precision)
        for e in out:
            if e.reported_by and e.actor1 and (e.event_type in DIPLOMATIC or e.event_type == "statement") and \
                    self._chain(e.actor1) & self._chain(e.reported_by):
                e.reported_by = None  # a speaker's own verbal act is not relayed (docs/EVENTS.md)
                e.spans.pop("reported_by", None)
        if killed is not None and self._kind(killed.id) != "civilians":  # the fighters killed were the enemy's
            for e in out:
                if e.event_type in VIOLENT and e.actor2 is None and not (e.actor1 and self._chain(e.actor1) &
                                                                         self._chain(killed.id)):
                    e.actor2, e.spans["actor2"] = killed.id, [killed.start, killed.end]
        out = _prefer_specific(_dedupe(out, sent), sent)
        # A plain «قال» that carries no act is rarely news; a warning, a
        # forecast, a denial, a claim or an assessment is (docs/EVENTS.md), when
        # what it says is not itself a coded act.
        for m, c in sent.cues:
            if c.event_type != "statement" or not c.has("news") or \
                    any(e.event_type == "statement" for e in out):
                continue
            end = _content_end(sent, m)
            if any(m.j <= m2.i < end and c2.event_type != "statement" for m2, c2 in sent.cues):
                continue
            if c.role == "participle":  # «..., محذرة من كارثة»: the sentence's subject warns
                who = next((a for a in sent.actors if a.j <= m.i and self._is_speaker(a.id) and
                            not self._governed(sent, a)), None)
            else:
                who = self._first_actor_after(sent, m.j, limit=4)
            if who is not None and not self._is_speaker(who.id):
                who = None
            actor = who.id if who is not None else (speaker if m.i <= 1 or speaker_m is None else None)
            if actor is None:
                continue
            lo, hi = _clause_of(sent, m.i)
            ev = Event("statement", sent.idx, actor1=actor, rule="statement:verb:" + sent.text[m.start:m.end])
            ev.spans["trigger"] = [m.start, m.end]
            anchor = who or speaker_m
            if anchor is not None:
                ev.spans["actor1"] = [anchor.start, anchor.end]
            if speaker and speaker != actor and speaker_m is not None and speaker_m.start < m.start:
                ev.reported_by = speaker  # «قال المرصد إن X حذر»: relayed
            self._date(ev, sent, m, 0, len(sent.tokens), published, memory)
            ev.negated, ev.hedged = _flags(sent, m, None, lo)
            ev.negated = ev.negated or c.has("denial")
            out.append(ev)
        return out

    def _attribution(self, sent: Sentence, memory: "_Memory"):
        """Who the sentence attributes its content to: the subject of a
        reporting verb (نقلت سانا عن مصدر → سانا), else the source after حسب /
        وفقا لـ / نقلا عن, else the previous speaker for «وأضاف»."""
        # «يذكر أن», «يشار إلى أن»: the outlet's own aside, no one is quoted
        speech = [m for m, c in sent.cues if c.event_type == "statement" and sent.tokens[m.i].norm not in BACKGROUND_OPENERS]
        speaker = None
        for m in speech:
            if memory.speaker and m.j < len(sent.tokens) and sent.tokens[m.j].norm in SOURCE_ANAPHORS:
                # «ونفى المصدر», «وأضاف المصدر»: the source quoted before goes on
                return memory.speaker, None, speech
            subj = self._first_actor_after(sent, m.j, limit=6) or self._nearest_before(sent, m.i, 6)
            if subj and self._is_speaker(subj.id):
                speaker = subj
                before = [t.norm for t in sent.tokens[max(0, m.i - 2) : m.i]]
                if before and before[-1] in AS_WORDS | WHAT_WORDS and \
                        (before[-1] not in WHAT_WORDS or any(v in REPORTING for b in before for v in proclitic_variants(b))):
                    # «بحسب ما أفادت شبكة ...», «وفق ما أعلن متحدث»: covers the whole sentence
                    speaker = Mention(subj.kind, subj.id, subj.i, subj.j, subj.start, subj.end, "according")
                break
        if speaker is None:
            for k, tok in enumerate(sent.tokens):
                if any(v in REPORTING for v in proclitic_variants(tok.norm)):
                    cand = self._first_actor_after(sent, k + 1, limit=5, skip_preps=True)
                    if cand:  # «حسب فرانس برس» covers the whole sentence
                        speaker = Mention(cand.kind, cand.id, cand.i, cand.j, cand.start, cand.end, "according")
                        break
        if speaker is None and speech and speech[0].i <= 1 and memory.speaker:
            memory.speaker_used = True
            return memory.speaker, None, speech
        if speaker is not None:
            memory.speaker = speaker.id
            return speaker.id, speaker, speech
        return None, None, speech

    def _is_force(self, actor_id: str) -> bool:
        actor = self.dicts.actors.get(actor_id)
        return actor is not None and actor.kind in ("state_force", "armed_group", "militia", "coalition")

    def _is_speaker(self, actor_id: str) -> bool:
        actor = self.dicts.actors.get(actor_id)
        return actor is not None and (actor.kind in SPEAKER_KINDS or not actor.kind)

    def _first_actor_after(self, sent: Sentence, k: int, limit: int, skip_preps: bool = False) -> Mention | None:
        for a in sent.actors:
            if k <= a.i <= k + limit:
                between = sent.tokens[k : a.i]
                if all(t.norm in ADVERBS or t.norm in DRAFT_WORDS or t.norm in COUNTED or t.norm.isdigit()
                       or t.norm in AIR_WORDS or t.norm in MEMBERS  # «دمرت طائرات التحالف», «قتل عناصر التنظيم»
                       or t.norm in TITLES  # «قال قائد العمليات الفريق الركن X»
                       or t.norm in SUBJECT_SKIP or t.norm in QUANTITIES or t.norm in FROM or t.norm in RESOLUTION_WORDS
                       or (skip_preps and (t.norm in PREPOSITIONS or t.norm in SOURCE_WORDS))  # «حسب وكالة سانا»
                       or _is_time_token(sent, t) for t in between):
                    return a
        return None

    def _nearest_before(self, sent: Sentence, k: int, limit: int) -> Mention | None:
        best = None
        for a in sent.actors:
            if a.j <= k and k - a.j <= limit:
                prev = sent.tokens[a.i - 1].norm if a.i > 0 else ""
                if prev not in PREPOSITIONS:
                    best = a
        return best

    def _attacks_in_words(self, actor_id: str) -> bool:
        """A person, a ministry or an international body «attacks» in words;
        a state named as such may also strike («هاجمت تركيا مواقع قسد»)."""
        actor = self.dicts.actors.get(actor_id)
        return actor is not None and (actor.kind in ("person", "international_body", "media") or
                                      (actor.kind == "government" and bool(actor.parent)))

    def _subjects_of(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int, memory) -> list[Mention]:
        found = self._subjects_any(sent, m, cue, lo, hi, memory)
        if cue.has("verbal_attack") and found and self._attacks_in_words(found[0].id):
            return found[:1]  # «هاجم وزير الخارجية الموقف التركي»: the speaker, not his forces
        if cue.event_type in VIOLENT | {"territory_taken"}:
            found = [self._acting_force(a) for a in found]
        if cue.event_type in ("vote", "veto"):
            found = [a for a in found if a.via != "draft"]  # «المسودة الروسية» is voted on, not voting
        if cue.event_type in DIPLOMATIC:
            found = [a for a in found if self._kind(a.id) != "media"]  # an agency relays, it does not demand
        if cue.event_type in VIOLENT | {"territory_taken"}:
            found = [a for a in found if self._kind(a.id) in MATERIAL_ACTOR_KINDS]
        elif cue.event_type in ("displacement", "withdrawal"):  # fleeing civilians are displaced
            people = any(t.norm in PEOPLE or strip_article(t.norm) in PEOPLE  # «مئات من اللاجئين فروا»
                         for t in sent.tokens[max(lo, m.i - 4) : m.j + 3])
            # a government is not displaced: «أعلن الأردن أنه لن يفتح حدوده أمام النازحين»
            found = [a for a in found if self._kind(a.id) in MATERIAL_ACTOR_KINDS - {"government"} | {"civilians"}]
            if (cue.event_type == "displacement" or people) and not found and "civilians" in self.dicts.actors:
                # «نزح أكثر من 400 ألف شخص»: those displaced are civilians unless named
                k = m.i
                return [Mention("actor", "civilians", k, k + 1, sent.tokens[k].start, sent.tokens[k].end, "victims")]
        return found

    def _gainer(self, sent: Sentence, m: Mention, cue: Cue) -> Mention | None:
        """Who a loss went to: «خسارتها لصالح X», «خسرها لمصلحة X»."""
        if not cue.has("loss"):
            return None
        return next((a for a in sent.actors if m.j <= a.i <= m.j + 6 and a.i > 0 and
                     sent.tokens[a.i - 1].norm in IN_FAVOUR_OF), None)

    def _killing(self, sent: Sentence, m: Mention, lo: int, hi: int) -> tuple[list[Mention], Mention | None]:
        """«مقتل 20 عنصرا من التنظيم», «عشرات من عناصر داعش قتلوا», «قتل
        ثلاثة مدنيين برصاص عناصر من قسد»: the killed are actor2, the one
        whose fire («برصاص», «بنيران», «على يد») killed them actor1."""
        killer = None
        for k in range(m.j, hi):
            if any(v in KILLERS for v in proclitic_variants(sent.tokens[k].norm)):
                killer = self._first_actor_after(sent, k + 1, limit=4)
                break
        fighters = [a for a in sent.actors if a is not killer and
                    self._kind(a.id) in MATERIAL_ACTOR_KINDS | {"civilians"}]
        victims = [a for a in fighters if m.j <= a.i < hi and (killer is None or a.i < killer.i)]
        if not victims:  # «عشرات من عناصر داعش قتلوا»
            victims = [a for a in fighters if lo <= a.i and a.j <= m.i and m.i - a.j <= 3][-1:]
        return ([killer] if killer else []), (victims[0] if victims else None)

    def _civilian_victims(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int,
                          obj: Mention | None) -> Mention | None:
        """ACLED: in violence against civilians the victims are actor2; a
        strike on homes, a hospital or a market hits civilians too."""
        if "civilians" not in self.dicts.actors or cue.event_type not in VIOLENT - {"armed_clash"}:
            return obj
        if obj is not None and (cue.event_type != "attack_on_civilians" or self._kind(obj.id) == "civilians"):
            return obj
        for k in range(m.j, hi):
            t = sent.tokens[k]
            if any(v in CIVILIAN_TARGETS for v in proclitic_variants(t.norm)) or \
                    cue.event_type == "attack_on_civilians":
                return Mention("actor", "civilians", k, k + 1, t.start, t.end, "victims")
        return obj

    def _airborne(self, actor_id: str, sent: Sentence, lo: int, hi: int) -> bool:
        """«قصف التحالف الدولي», «قصفت طائراته»: a coalition or an air force
        bombs from the air."""
        actor = self.dicts.actors.get(actor_id)
        if self._kind(actor_id) == "coalition" or "air-force" in actor_id or \
                (actor is not None and actor.country in AIR_POWERS):
            return True  # Russia, the US, Israel, France, Britain strike Syria and Iraq from the air
        return any(t.norm in AIR_WORDS or strip_article(t.norm) in AIR_WORDS for t in sent.tokens[lo:hi])

    def _kind(self, actor_id: str) -> str:
        actor = self.dicts.actors.get(actor_id)
        return actor.kind if actor else ""

    def _subjects(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int, memory) -> list[Mention]:
        """actor1 and actors coordinated with it («X وY»), of a kind that can
        do the act: a newspaper does not take a town. Actors inside an aside
        («، الذي يضم X وY،») take no part in an act outside it."""
        if not sent.asides:
            return self._subjects_of(sent, m, cue, lo, hi, memory)
        actors = sent.actors
        sent.actors = _outside_asides(sent, m)
        try:
            return self._subjects_of(sent, m, cue, lo, hi, memory)
        finally:
            sent.actors = actors

    def _subjects_any(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int, memory) -> list[Mention]:
        first = None
        if cue.role == "participle":
            # «..., داعيا إلى», «متهمة X بـ»: the main subject of the sentence acts
            before = [a for a in sent.actors if a.j <= m.i and
                      not (a.i > 0 and sent.tokens[a.i - 1].norm in PREPOSITIONS | MEMBERS)]
            first = next((a for a in before if self._is_speaker(a.id)), before[0] if before else None)
            return [first] if first else []
        if cue.role == "passive" and _enabled(sent, m):
            # «تمكنت القوات ومقاتلون من حزب الله من طرد عناصر التنظيم»: they expel
            cands = [a for a in sent.actors if lo <= a.i and a.j <= m.i and not self._governed(sent, a)]
            first = _chain_start(sent, cands)
        elif cue.role in ("verb", "past", "passive"):
            first = self._first_actor_after(sent, m.j, limit=3)
            partitive = first is not None and first.i == m.j + 2 and sent.tokens[m.j + 1].norm in FROM and \
                sent.tokens[m.j].norm in JOINERS | SUBJECT_SKIP  # «حررت وحدات من الجيش»
            if first and first.i > 0 and sent.tokens[first.i - 1].norm in PREPOSITIONS and not partitive:
                first = None
            if first is None:
                # SVO or the subject of a relative clause: the nearest actor before, in the clause
                cands = [a for a in sent.actors if lo <= a.i and a.j <= m.i and not self._governed(sent, a)]
                rel = m.i > 0 and any(t.norm in RELATIVES for t in sent.tokens[max(0, m.i - 2) : m.i])
                if rel:
                    cands = [a for a in sent.actors if a.j <= m.i and m.i - a.j <= 4] or cands
                first = _chain_start(sent, cands)
        else:  # noun cue: the genitive after it, else the actor leading its clause
            after = self._first_actor_after(sent, m.j, limit=2)
            members_first = after is not None and after.i == m.j + 1 and sent.tokens[m.j].norm in MEMBERS
            if after is None and m.j < len(sent.tokens) and sent.tokens[m.j].norm in MEMBERS:
                nxt = [a for a in sent.actors if a.i == m.j + 1]
                after, members_first = (nxt[0], True) if nxt else (None, False)
            if after and (members_first or not (after.i > 0 and sent.tokens[after.i - 1].norm in OBJECT_MARKERS)):
                first = after
            rel_at = next((k for k in range(m.j, min(m.j + 3, len(sent.tokens))) if sent.tokens[k].norm in RELATIVES),
                          None)
            if first is None and rel_at is not None:
                # «الحصار الذي فرضه تنظيم داعش», «الفيتو السابع الذي تستخدمه موسكو»
                rel = [a for a in sent.actors if rel_at + 1 < a.i <= rel_at + 4]
                if rel:
                    first = rel[0]
            if first is None:
                # «سلاح المدفعية والطيران الحربي التابعين للأخيرة»: the owner acts
                for k in range(m.j, min(m.j + 6, len(sent.tokens))):
                    if sent.tokens[k].norm in BELONGING:
                        owner = [a for a in sent.actors if a.i in (k + 1, k + 2)]
                        if owner:
                            first = owner[0]
                        break
            if first is None:
                cands = [a for a in sent.actors if lo <= a.i and a.j <= m.i and
                         not (a.i > 0 and sent.tokens[a.i - 1].norm in PREPOSITIONS | MEMBERS)]
                first = _chain_start(sent, cands)
        if first is None and cue.role in ("verb", "past") and cue.event_type in DIPLOMATIC and \
                m.i - lo <= 2 and memory.speaker:
            # «واتهمت موسكو بـ...» after «قالت المندوبة الأميركية»: the speaker goes on
            k = m.i
            return [Mention("actor", memory.speaker, k, k, sent.tokens[k].start, sent.tokens[k].start, "pro-drop")]
        if first is None and cue.role in ("verb", "past") and cue.event_type in VIOLENT | {"territory_taken", "withdrawal"} \
                and memory.last_actor1 and memory.last_actor1[1] >= sent.idx - 1 and m.i - lo <= 2:
            # «باتت تسيطر الآن على ...», «وخاضوا مواجهات»: Arabic drops the
            # subject pronoun; the force that acted last is still the subject.
            k = m.i
            return [Mention("actor", memory.last_actor1[0], k, k, sent.tokens[k].start, sent.tokens[k].start, "pro-drop")]
        if first is None:
            return []
        out = [first]
        # coordination: «المدفعية العراقية وطيران الجيش والتحالف الدولي»
        last = first
        for a in sent.actors:
            if a.i <= first.i or a.i > hi:
                continue
            if a.i != m.i and _joined(sent, last, a):
                out.append(a)
                last = a
            elif a.i > last.j + 3:
                break
        return out

    def _object(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int, subjects: set[str]) -> Mention | None:
        """The one acted on: after an object word («على مواقع التنظيم»), the
        loser of a town («من داعش», «آخر معقل لتنظيم داعش»), the accused."""
        if cue.event_type not in TAKES_OBJECT and cue.role != "passive":
            return None
        related = set()
        for sid in subjects:
            related |= self._chain(sid)
        actors = _outside_asides(sent, m) if sent.asides else sent.actors
        # a leader praises or orders his own forces («هنأ العبادي قواته»); in a fight the same side is no target
        own_ok = cue.event_type in ("praise", "demand")
        cands = [a for a in actors if m.j <= a.i < hi and a.id not in subjects and
                 (own_ok or not (self._chain(a.id) & related))]
        if cue.event_type in ("vote", "veto", "proposal"):
            # only the body a draft goes to («على مجلس الأمن»)
            return next((a for a in cands if self._kind(a.id) == "international_body"), None)
        for a in cands:
            prev = sent.tokens[a.i - 1].norm if a.i > 0 else ""
            prev_vars = set(proclitic_variants(prev))
            if cue.event_type == "territory_taken":
                if prev_vars & (LOSER_MARKERS | MEMBERS | HOLDER_MARKERS):
                    return a
                continue
            if cue.event_type in DIPLOMATIC:
                if a.i - m.j <= 4:
                    return a  # «اتهم X ...», «انتقد X»: the object follows closely
                continue
            if cue.role == "passive" or prev_vars & (OBJECT_MARKERS | MEMBERS):
                return a
            if a.i - m.j <= 1 and cue.role in ("verb", "past"):
                continue  # that is the subject
            return a
        if cue.event_type == "territory_taken":
            # «... مدينة دير الزور، آخر مدينة كبرى يسيطر عليها تنظيم داعش»
            later = [a for a in actors if a.i >= m.j and a.id not in subjects and
                     self._kind(a.id) in ("armed_group", "militia") and not (self._chain(a.id) & related)]
            return later[0] if later else None
        return None

    def _chain(self, actor_id: str) -> frozenset[str]:
        chain = self._chains.get(actor_id)
        if chain is None:
            chain = self._chains[actor_id] = frozenset(self._chain_order(actor_id))
        return chain

    def _chain_order(self, actor_id: str) -> list[str]:
        """The actor, its parent, the parent's parent ...: a spokesman, his ministry, its state."""
        out: list[str] = []
        while actor_id and actor_id not in out:
            out.append(actor_id)
            actor = self.dicts.actors.get(actor_id)
            actor_id = actor.parent if actor else ""
        return out

    def _place(self, sent: Sentence, m: Mention, lo: int, hi: int, cue: Cue | None = None,
               memory: "_Memory | None" = None) -> Mention | None:
        places = [p for p in sent.places if not _backer(sent, p)]
        if cue is not None and cue.event_type in MOVEMENT:
            # «فروا من المدينة إلى تل رفعت»: the place left, else where they went
            for k in range(m.j, hi):
                if sent.tokens[k].norm in FROM or proclitic_variants(sent.tokens[k].norm)[-1] in FROM_IT:
                    origin = [p for p in places if p.i in (k + 1, k + 2)]
                    if origin:
                        return origin[0]
                    if sent.tokens[k].norm not in FROM or (k + 1 < hi and sent.tokens[k + 1].norm in TOWN_ANAPHORS):
                        target = self._town_before(sent, k) or (memory.last_town if memory is not None else None)
                        if target:
                            t = sent.tokens[k]
                            return Mention("place", target, k, k + 1, t.start, t.end, "coref")
                    break
        after = [p for p in places if m.j <= p.i < hi]
        before = [p for p in places if lo <= p.i and p.j <= m.i]
        cands = after or before[::-1] or []
        if not cands:
            return None
        best = cands[0]
        # «حي الصناعة في شرق مدينة الرقة»: keep the most precise of a chain
        for p in cands[1:3]:
            if best.id in {x.id for x in self.dicts.place_chain(p.id)[1:]}:
                best = p
        return best

    def _wide(self, place_id: str) -> bool:
        place = self.dicts.places.get(place_id)
        return place is not None and place.kind in ("country", "governorate")

    def _town_before(self, sent: Sentence, k: int) -> str | None:
        """The last town-level place named before token k in the sentence."""
        for p in reversed(sent.places):
            place = self.dicts.places.get(p.id)
            if p.j <= k and place is not None and place.kind in TOWN_KINDS:
                return p.id
        return None

    def _place_referred(self, sent: Sentence, m: Mention, lo: int, hi: int, memory: "_Memory") -> Mention | None:
        """«المدينة», «البلدة», «منها», «فيها», «هناك»: the town named last;
        «المحافظة»: the governorate named last."""
        for k in range(lo, hi):
            t = sent.tokens[k]
            forms = set(proclitic_variants(t.norm))
            target = None
            if forms & TOWN_ANAPHORS and (self._town_before(sent, k) or memory.last_town):
                target = self._town_before(sent, k) or memory.last_town
            elif forms & GOVERNORATE_ANAPHORS and memory.last_governorate:
                target = memory.last_governorate
            if target:
                return Mention("place", target, k, k + 1, t.start, t.end, "coref")
        return None

    def _date(self, ev: Event, sent: Sentence, m: Mention, lo: int, hi: int, published,
              memory: "_Memory | None" = None, cue: Cue | None = None) -> None:
        """The nearest time expression of the clause, else of the sentence.
        Without one: the date a continuing sentence carries over, the
        publication date for the lead and for acts told as going on now,
        and no date for background («وكان ... قد», a relative clause) nor
        for a verbal act told without a time (docs/EVENTS.md, the gold guide)."""
        times = [t for t in sent.times if t.date]
        trig = sent.tokens[m.i].start
        clause_end = sent.tokens[hi - 1].end if 0 < hi <= len(sent.tokens) else 10**9
        in_clause = [t for t in times if sent.tokens[lo].start <= t.start < clause_end]
        # a time in a later clause («... الذي يسيطر عليه منذ 2014») dates that clause only
        before = [t for t in times if t.end <= trig]
        pool = in_clause or before
        relative = _relative_clause(sent, m)
        forecast = any(t.norm in FORECASTS for t in sent.tokens[lo : m.i])
        if relative is not None:
            # «مشروع قرار قدمته ألمانيا», «آخر مدينة كان يسيطر عليها»: a
            # description, dated only by a time of its own
            pool = [t for t in in_clause if t.start >= sent.tokens[relative].start]
        elif forecast:
            pool = in_clause  # «ومن المتوقع أن تسيطر ... خلال ساعات»: not yet
        elif not pool:
            # «سيطر «جيش الفتح»، الذي يضم ...، أمس على المدينة», «سيطر على
            # تكريت، مسقط رأس صدام حسين، في حزيران 2014»: the next time, when
            # no other act comes between
            later = next((t for t in times if t.start > trig), None)
            if later is not None and not any(trig < c.start < later.start for c, _ in sent.cues):
                pool = [later]
        if pool:
            t = min(pool, key=lambda t: abs(t.start - trig))
            if cue is not None and (cue.event_type == "displacement" or cue.has("killing")) and \
                    _counted_since(sent, t):
                return  # «نزح 200 ألف مدني منذ نهاية نيسان»: a running count, not one act
            ev.date, ev.date_precision = t.date, t.precision
            ev.spans["date"] = [t.start, t.end]
            if memory is not None and cue is not None and cue.event_type in ("vote", "veto"):
                memory.session = (t.date, t.precision)
            return
        if published is None or relative is not None or forecast:
            return
        first = sent.tokens[0].norm if sent.tokens else ""
        background = first in BACKGROUND_OPENERS or \
            any(t.norm in FORMERLY for t in sent.tokens[lo:hi])
        if background:
            return
        carried = memory.last_time if memory is not None else None
        verbal = cue is None or cue.event_type in DIPLOMATIC
        if verbal:
            # a vote and what is said in the session share the session's date;
            # the next sentence of a statement, the statement's date
            if memory is not None and memory.session:
                ev.date, ev.date_precision = memory.session
            elif carried and carried[2] == sent.idx - 1 and carried[3] and first[:1] == "و":
                ev.date, ev.date_precision = carried[0], carried[1]
            return
        ongoing = any(t.norm in ONGOING for t in sent.tokens[max(0, m.i - 4) : m.i + 1])
        present = cue is not None and cue.tense == "present"
        if ongoing or present:
            ev.date, ev.date_precision = published.isoformat(), "day"
            return
        if carried and carried[2] == sent.idx - 1 and first[:1] == "و":
            ev.date, ev.date_precision = carried[0], carried[1]
            return
        if carried and carried[1] == "day" and sent.idx - carried[2] <= 3:
            # the episode dated a sentence or three ago goes on («انسحب ... أمس»
            # then what the monitor said about it) if it is recent news
            d = parse_date(carried[0])
            if d and 0 <= (published - d).days <= 7:
                ev.date, ev.date_precision = carried[0], "day"
                return
        if sent.idx <= 3:
            ev.date, ev.date_precision = published.isoformat(), "day"
        else:  # told without a time: reported in this article, within days of it
            ev.date, ev.date_precision = published.isoformat(), "week"


def _outside_asides(sent: Sentence, m: Mention) -> list[Mention]:
    """The actors of the sentence but those of an aside that `m` is not in."""
    out = sent.actors
    for b, e in sent.asides:
        if not b <= m.i < e:
            out = [a for a in out if not b <= a.i < e]
    return out


def _backer(sent: Sentence, p: Mention) -> bool:
    """«المدعومة من تركيا», «بدعم من روسيا»: a country named as a backer."""
    toks = sent.tokens
    prev = toks[p.i - 1].norm if p.i > 0 else ""
    return prev in SUPPORT or (prev in FROM and p.i > 1 and toks[p.i - 2].norm in SUPPORT)


def _joined(sent: Sentence, left: Mention, right: Mention) -> bool:
    """«X وY», «X ومقاتلون من Y», «طيران X وطائرات Y»: two coordinated actors."""
    between = sent.tokens[left.j : right.i]
    if right.i - left.j > 3:
        return False
    if not between:
        return sent.tokens[right.i].norm.startswith("و")
    return (between[0].norm.startswith("و") or between[0].norm in WITH) and \
        all(t.norm in JOINERS or t.norm[1:] in JOINERS for t in between)


def _chain_start(sent: Sentence, cands: list[Mention]) -> Mention | None:
    """The first of the coordinated actors that end with the last candidate:
    the subject before a verb is «X وY», not only Y."""
    if not cands:
        return None
    k = len(cands) - 1
    while k > 0 and _joined(sent, cands[k - 1], cands[k]):
        k -= 1
    return cands[k]


def _enabled(sent: Sentence, m: Mention) -> bool:
    """«تمكنوا من طرد», «نجحت في إخراج»: the verbal noun is the subject's act."""
    toks = sent.tokens
    return m.i >= 2 and toks[m.i - 1].norm in FROM | IN and \
        any(stem in t.norm for stem in ENABLING_STEMS for t in toks[max(0, m.i - 8) : m.i - 1])


def _content_end(sent: Sentence, m: Mention) -> int:
    """Where what a speech verb says ends: at the next clause that opens
    with «فيما», «بينما» ..., or the end of the sentence."""
    for b in sent.bounds:
        if b > m.i:
            norm = sent.tokens[b].norm
            if norm in CLAUSE_WORDS or (norm.startswith("و") and norm[1:] in CLAUSE_WORDS):
                return b
    return len(sent.tokens)


def _counted_since(sent: Sentence, t) -> bool:
    """Whether «منذ» opens the time a word or two before it, with no «في»
    that would date a start («منذ بدء العملية في 23 أيار» dates the start)."""
    k = next((i for i, tok in enumerate(sent.tokens) if tok.start >= t.start), len(sent.tokens))
    window = [tok.norm for tok in sent.tokens[max(0, k - 2) : k + 1]]
    since = next((n for n, w in enumerate(window) if w in SINCE), None)
    return since is not None and not any(w in IN for w in window[since:])


def _relative_clause(sent: Sentence, m: Mention) -> int | None:
    """Where the relative clause that holds a verb cue starts, if it is one:
    «الذي فرضه», «التي دعت», «مشروع قرار قدمته», «كان يسيطر عليها»."""
    toks = sent.tokens
    if m.i == 0:
        return None
    for k in (m.i - 1, m.i - 2):
        if k >= 0 and toks[k].norm in RELATIVES:
            return k
    prev = toks[m.i - 1].norm
    if prev in WAS or prev in DRAFT_WORDS or prev in RESOLUTION_WORDS:
        return m.i
    return None


class _Memory:
    """What earlier sentences of the article said: for anaphora and «وأضاف»."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.speaker: str | None = None
        self.speaker_used = False
        self.latest_force: str | None = None
        self.last_time: tuple[str, str, int, bool] | None = None  # the lead act's date, sentence, verbal
        self.session: tuple[str, str] | None = None  # the date of the Council session (a vote)
        self.last_town: str | None = None  # for «المدينة», «منها», «هناك»
        self.last_actor1: tuple[str, int] | None = None  # (actor, sentence) of the last material act
        self.last_violent_type: str | None = None  # what «تبنى ... الهجوم» claims
        self.last_violent_place: str | None = None
        self.last_violent_date: tuple[str, str] | None = None
        self.last_governorate: str | None = None
        self.lead = False

    def date_of(self, sent: Sentence, events: list[Event]) -> None:
        """The date the sentence's first dated act carries on to the next
        sentences; background («وكان ... قد») carries nothing."""
        first = sent.tokens[0].norm if sent.tokens else ""
        if first in BACKGROUND_OPENERS:
            return
        lead = next((e for e in events if e.date), None)
        if lead is not None:
            self.last_time = (lead.date, lead.date_precision, sent.idx,
                              lead.event_type in DIPLOMATIC or lead.event_type == "statement")

    def see(self, actor_id: str, actor) -> None:
        if actor_id in self.order:
            self.order.remove(actor_id)
        self.order.append(actor_id)

    def latest_matching(self, test) -> str | None:
        for a in reversed(self.order):
            if test(a):
                return a
        return None

    def latest(self, ids: set[str]) -> str | None:
        for a in reversed(self.order):
            if a in ids:
                return a
        return None
