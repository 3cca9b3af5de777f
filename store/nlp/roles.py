"""Who does what: the subject of a cue (actor1), the one acted on
(actor2), the killed and their killers, the source a sentence is
attributed to. Methods of a mixin of the Extractor, which the event
passes ask; they read the dictionaries' actors and the article's memory."""
from __future__ import annotations

from ..text.arabic import has_variant_in, proclitic_variants, strip_article, variant_set
from ..text.morphology import CONJUNCTIONS, PREFIX_PREPOSITIONS
from .clauses import chain_start, enabled_act, governed_by_preposition, joined, outside_asides
from .cues import Cue
from .lexicon import (
    ACT_ADJECTIVES, ADVERBS, AFTER_WORDS, AGENT_MARKERS, AIRCRAFT_ADJECTIVES, AIR_POWERS, AIR_WORDS, AS_WORDS, BACKGROUND_OPENERS, BELONGING,
    CIVILIAN_TARGETS, COUNTED, HARM_CAUSES,
    DIPLOMATIC, DRAFT_WORDS, FIGHT_BETWEEN, FROM, HOLDER_MARKERS, IN_FAVOUR_OF, JOINERS, KILLERS, LOSER_MARKERS,
    MATERIAL_ACTOR_KINDS, MEMBERS, NUMBER_WORDS, OBJECT_MARKERS, PEOPLE, PERPETRATING_VERBS, PREPOSITIONS, QUANTITIES,
    RELATIVES, THAT_PARTICLES,
    REPORTING, RESOLUTION_WORDS, SOURCE_ANAPHORS, SOURCE_WORDS, SPEAKER_KINDS, SPOKEN_ACTS, SUBJECT_SKIP,
    TAKES_OBJECT, TITLES, UNDERGOING,
    VIOLENT, WHAT_WORDS,
)
from .memory import Memory
from .participants import COLLECTIVE
from .sentence import Mention, Sentence, _is_time_token

PURPOSE = PREFIX_PREPOSITIONS[1]  # the «ل» of a genitive doer: «قصف مماثل لقوات النظام»


class Roles:
    """Roles of the actors around a cue (a mixin of the Extractor)."""

    @staticmethod
    def _governed(sent: Sentence, a: Mention) -> bool:
        """Whether a preposition or a members-word governs the mention, so it
        cannot be a subject; «الآلاف من المدنيين» counts people, not place."""
        if a.i == 0:
            return False
        prev = sent.tokens[a.i - 1].norm
        if prev in FROM and a.i > 1 and (sent.tokens[a.i - 2].norm in QUANTITIES or sent.tokens[a.i - 2].norm.isdigit()):
            return False
        if partitive(sent, a):
            return False  # «شن عناصر من داعش هجوما»: some of them act
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

    def _attribution(self, sent: Sentence, memory: Memory):
        """Who the sentence attributes its content to: the subject of a
        reporting verb (نقلت سانا عن مصدر → سانا), else the source after حسب /
        وفقا لـ / نقلا عن, else the previous speaker for «وأضاف»."""
        # «يذكر أن», «يشار إلى أن»: the outlet's own aside, no one is quoted
        speech = [m for m, c in sent.cues if c.event_type == "statement" and sent.tokens[m.i].norm not in BACKGROUND_OPENERS]
        speaker = None
        for m in speech:
            if memory.speaker and m.j < len(sent.tokens) and sent.tokens[m.j].norm in SOURCE_ANAPHORS and \
                    not any(a.i == m.j and a.via == COLLECTIVE for a in sent.actors):
                # «ونفى المصدر», «وأضاف المصدر»: the source quoted before goes on
                return memory.speaker, None, speech
            subj = speaker_of(sent, sent.actors, m.i, m.j)
            if subj and self._is_speaker(subj.id):
                speaker = subj
                before = [t.norm for t in sent.tokens[max(0, m.i - 2) : m.i]]
                if before and before[-1] in AS_WORDS | WHAT_WORDS and \
                        (before[-1] not in WHAT_WORDS or any(has_variant_in(b, REPORTING) for b in before)):
                    # «بحسب ما أفادت شبكة ...», «وفق ما أعلن متحدث»: covers the whole sentence
                    speaker = Mention(subj.kind, subj.id, subj.i, subj.j, subj.start, subj.end, "according")
                break
        if speaker is None:
            for k, tok in enumerate(sent.tokens):
                if has_variant_in(tok.norm, REPORTING):
                    cand = self._first_actor_after(sent, k + 1, limit=5, skip_preps=True)
                    if cand:  # «حسب فرانس برس» covers the whole sentence
                        speaker = Mention(cand.kind, cand.id, cand.i, cand.j, cand.start, cand.end, "according")
                        break
        if speaker is None and speech and speech[0].i <= 1 and memory.speaker:
            memory.speaker_used = True
            return memory.speaker, None, speech
        if speaker is not None:
            memory.speaker = speaker.id
            # «وقال البيان»: the meeting's parties speak, and go on speaking («ندعو»)
            memory.speaker_group = [a.id for a in sent.actors if a.i == speaker.i and a.via == COLLECTIVE]
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
            if k <= a.i <= k + limit and subject_gap(sent, k, a.i, skip_preps):
                return a
        return None

    def _attacks_in_words(self, actor_id: str) -> bool:
        """A person, a ministry or an international body «attacks» in words;
        a state named as such may also strike («هاجمت تركيا مواقع قسد»)."""
        actor = self.dicts.actors.get(actor_id)
        return actor is not None and (actor.kind in ("person", "international_body", "media") or
                                      (actor.kind == "government" and bool(actor.parent)))

    def _subjects(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int, memory) -> list[Mention]:
        """actor1 and actors coordinated with it («X وY»), of a kind that can
        do the act: a newspaper does not take a town. Actors inside an aside
        («، الذي يضم X وY،») take no part in an act outside it."""
        visible = outside_asides(sent, m) if sent.asides else sent.actors
        if cue.event_type not in SPOKEN_ACTS:  # a meeting's parties act as one only in words
            visible = [a for a in visible if a.via != COLLECTIVE]
        if visible is sent.actors or len(visible) == len(sent.actors):
            return self._subjects_of(sent, m, cue, lo, hi, memory)
        actors = sent.actors
        sent.actors = visible
        try:
            return self._subjects_of(sent, m, cue, lo, hi, memory)
        finally:
            sent.actors = actors

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

    def _subjects_any(self, sent: Sentence, m: Mention, cue: Cue, lo: int, hi: int, memory) -> list[Mention]:
        """actor1 by the cue's role, else the subject Arabic dropped, and the
        actors coordinated with it."""
        agent = self._named_agent(sent, m, hi) if cue.event_type in VIOLENT | {"territory_taken"} else None
        if agent is not None:
            return self._with_coordinated(sent, m, agent, hi)
        if cue.role == "participle":
            first = self._subject_of_participle(sent, m)
            return [first] if first else []
        if cue.role == "passive" and enabled_act(sent, m):
            # «تمكنت القوات ومقاتلون من حزب الله من طرد عناصر التنظيم»: they expel
            first = self._subject_before(sent, m, lo)
        elif cue.role in ("verb", "past", "passive"):
            first = self._subject_of_verb(sent, m, lo)
        else:
            party = self._first_party_between(sent, self._with_adjectives(sent, m, cue), cue)
            if party is not None:
                return [party]  # «اشتباكات بين X وY»: X fights Y, its coordinate is the other side
            # «تعرضت مواقع قوات النظام لقصف»: who comes under the act does not do it
            under = self._undergoer(sent, m, lo) if cue.event_type in VIOLENT else None
            first = self._subject_of_noun(sent, self._with_adjectives(sent, m, cue), m.i if under else lo)
        if first is None:
            return self._dropped_subject(sent, m, cue, lo, memory)
        return self._with_coordinated(sent, m, first, hi)

    @staticmethod
    def _undergoer(sent: Sentence, m: Mention, lo: int) -> Mention | None:
        """«تعرضت مواقع قوات النظام لقصف», «تتعرض البلدة لغارات»: the
        subject of the verb of undergoing before a noun of the act; the
        actor named in it (or None), and the verb found at all."""
        toks = sent.tokens
        verb = next((k for k in range(m.i - 1, lo - 1, -1) if has_variant_in(toks[k].norm, UNDERGOING)), None)
        if verb is None:
            return None
        between = next((a for a in sent.actors if verb < a.i and a.j <= m.i), None)
        # «أن القاعدة الأمريكية ... تعرضت لقصف»: the subject before the verb
        start = max([lo] + [k + 1 for k in range(lo, verb) if has_variant_in(toks[k].norm, THAT_PARTICLES)])
        before = [a for a in sent.actors if start <= a.i and a.j <= verb and not governed_by_preposition(sent, a.i)]
        return between or (before[-1] if before else None) or \
            Mention("verb", "", verb, verb + 1, toks[verb].start, toks[verb].end)

    @staticmethod
    def _named_agent(sent: Sentence, m: Mention, hi: int) -> Mention | None:
        """«اختطف ثلاثة مدنيين على يد عناصر التنظيم», «لقصف من قبل قوات
        النظام»: the doer named after the act, before any other act is told."""
        toks = sent.tokens
        end = min([hi] + [c.i for c, _ in sent.cues if c.i >= m.j])
        for k in range(m.j, end):
            if not has_variant_in(toks[k].norm, AGENT_MARKERS.firsts):
                continue  # no marker begins with this word
            for n in (1, 2):
                words = [t.norm for t in toks[k : k + n]]
                if len(words) == n and any((v, *words[1:]) in AGENT_MARKERS for v in proclitic_variants(words[0])):
                    return next((a for a in sent.actors if k + n <= a.i <= k + n + 2 and
                                 subject_gap(sent, k + n, a.i)), None)
        return None

    @staticmethod
    def _first_party_between(sent: Sentence, m: Mention, cue: Cue) -> Mention | None:
        """«اشتباكات بين الجيش والفصائل», «الحرب الدائرة بين X وY»: the first
        party named after «بين» (lexicon class fight_between) right after a
        violent noun, or after one word that describes it."""
        if cue.event_type not in VIOLENT:
            return None
        toks = sent.tokens
        k = next((k for k in range(m.j, min(m.j + 2, len(toks))) if toks[k].norm in FIGHT_BETWEEN), None)
        if k is None:
            return None
        return next((a for a in sent.actors if k < a.i <= k + 2 and subject_gap(sent, k + 1, a.i)), None)

    @staticmethod
    def _with_adjectives(sent: Sentence, m: Mention, cue: Cue) -> Mention:
        """A strike noun with the adjectives after it, whose genitive doer
        follows them: «قصف مماثل لقوات النظام», «القصف البري للجيش»."""
        if cue.event_type not in VIOLENT:
            return m
        j = m.j
        while j < len(sent.tokens) and j - m.j < 2 and sent.tokens[j].norm in ACT_ADJECTIVES:
            j += 1
        genitive = j < len(sent.tokens) and sent.tokens[j].norm.startswith(PURPOSE) and \
            any(a.i == j and a.start > sent.tokens[j].start for a in sent.actors)  # «لقوات», «للجيش»
        return Mention(m.kind, m.id, m.i, j, m.start, sent.tokens[j - 1].end, m.via) if j > m.j and genitive else m

    def _subject_of_participle(self, sent: Sentence, m: Mention) -> Mention | None:
        """«..., داعيا إلى», «متهمة X بـ»: the main subject of the sentence acts."""
        before = [a for a in sent.actors if a.j <= m.i and
                  not (a.i > 0 and sent.tokens[a.i - 1].norm in PREPOSITIONS | MEMBERS)]
        return next((a for a in before if self._is_speaker(a.id)), before[0] if before else None)

    def _subject_before(self, sent: Sentence, m: Mention, lo: int) -> Mention | None:
        """The actors before the cue in its clause that no preposition governs."""
        cands = [a for a in sent.actors if lo <= a.i and a.j <= m.i and not self._governed(sent, a)]
        return chain_start(sent, cands)

    def _subject_of_verb(self, sent: Sentence, m: Mention, lo: int) -> Mention | None:
        """VSO: the actor right after the verb; else SVO or the subject of a
        relative clause: the nearest actor before, in the clause."""
        noun_of_that = self._noun_of_that(sent, m, lo)
        if noun_of_that is not None:
            return noun_of_that
        first = self._first_actor_after(sent, m.j, limit=3)
        partitive = first is not None and first.i == m.j + 2 and sent.tokens[m.j + 1].norm in FROM and \
            sent.tokens[m.j].norm in JOINERS | SUBJECT_SKIP | MEMBERS  # «حررت وحدات من الجيش», «شن عناصر من داعش»
        if first and first.i > 0 and sent.tokens[first.i - 1].norm in PREPOSITIONS and not partitive:
            first = None
        if first is not None:
            return first
        cands = [a for a in sent.actors if lo <= a.i and a.j <= m.i and not self._governed(sent, a)]
        rel = m.i > 0 and any(t.norm in RELATIVES for t in sent.tokens[max(0, m.i - 2) : m.i])
        if rel:
            # «التنظيم الذي سيطر»: the antecedent; «القرية التي سيطر عليها»: a place, so a dropped subject
            near = [a for a in sent.actors if a.j <= m.i and m.i - a.j <= 4]
            cands = near or ([] if sent.tokens[m.i - 1].norm in RELATIVES else cands)
        return chain_start(sent, cands)

    def _noun_of_that(self, sent: Sentence, m: Mention, lo: int) -> Mention | None:
        """«أن تنظيم داعش خطف 30 مدنيا», «إن مقاتلات تركية دمرت»: the noun of
        أن / إن right before the verb is its subject, whatever follows the verb."""
        cands = [a for a in sent.actors if lo <= a.i and a.j <= m.i and not self._governed(sent, a)]
        if not cands or cands[-1].j != m.i:
            return None
        first = chain_start(sent, cands)
        k = first.i - 1
        while k >= lo and (strip_article(sent.tokens[k].norm) in AIR_WORDS or sent.tokens[k].norm in MEMBERS):
            k -= 1  # «مقاتلات تركية»: the aircraft of the state named by its adjective
        return first if k >= 0 and set(proclitic_variants(sent.tokens[k].norm)) & THAT_PARTICLES else None

    def _subject_of_noun(self, sent: Sentence, m: Mention, lo: int) -> Mention | None:
        """A noun cue: the genitive after it, the subject of a relative clause
        after it, the owner named after it, else the actor leading its clause."""
        first = None
        after = self._first_actor_after(sent, m.j, limit=2)
        members_first = after is not None and after.i == m.j + 1 and sent.tokens[m.j].norm in MEMBERS
        if after is None and m.j < len(sent.tokens) and sent.tokens[m.j].norm in MEMBERS:
            nxt = [a for a in sent.actors if a.i == m.j + 1]
            after, members_first = (nxt[0], True) if nxt else (None, False)
        if after and (members_first or not (after.i > 0 and sent.tokens[after.i - 1].norm in OBJECT_MARKERS)):
            first = after
        rel_at = next((k for k in range(m.j, min(m.j + 3, len(sent.tokens))) if sent.tokens[k].norm in RELATIVES),
                      None)
        if first is None and rel_at is not None and not any(m.j <= p.i < rel_at for p in sent.places):
            # (a place between: «استعادة الرمادي التي سقطت في يد التنظيم» tells of the place)
            # «الحصار الذي فرضه تنظيم داعش», «الفيتو السابع الذي تستخدمه موسكو»
            rel = [a for a in sent.actors if rel_at + 1 < a.i <= rel_at + 4]
            if rel:
                first = rel[0]
        if first is None:
            first = self._perpetrator_after(sent, m)
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
                     (partitive(sent, a) or not (a.i > 0 and sent.tokens[a.i - 1].norm in PREPOSITIONS | MEMBERS))]
            first = chain_start(sent, cands)
        return first

    @staticmethod
    def _perpetrator_after(sent: Sentence, m: Mention) -> Mention | None:
        """«غارات نفذها الطيران الروسي», «هجوم مسلح شنه عناصر تابعة للتنظيم»:
        the subject of the verb that takes the act as its object did it."""
        toks = sent.tokens
        verb = next((k for k in range(m.j, min(m.j + 2, len(toks)))
                     if has_variant_in(toks[k].norm, PERPETRATING_VERBS)), None)
        if verb is None:
            return None
        skip = MEMBERS | BELONGING | SUBJECT_SKIP | QUANTITIES | FROM | AIRCRAFT_ADJECTIVES
        for a in sent.actors:
            if verb < a.i <= verb + 4 and all(t.norm in skip or strip_article(t.norm) in AIR_WORDS or t.norm.isdigit()
                                              for t in toks[verb + 1 : a.i]):
                return a
        return None

    def _dropped_subject(self, sent: Sentence, m: Mention, cue: Cue, lo: int, memory) -> list[Mention]:
        """Arabic drops the subject pronoun: a verb that opens its clause
        goes on with the speaker (all the parties of a collective one:
        «وقال البيان: ندعو»), or with the force that acted last."""
        if cue.role not in ("verb", "past"):
            return []
        k = m.i
        tok = sent.tokens[k]
        # «قتل بعضهم و اعتقل الباقين و أحرق مخازنهم»: a verb joined by «و» to a verb
        # of an act in its clause goes on with that act's doer
        chained = ((sent.tokens[k - 1].norm == CONJUNCTIONS[0] if k > 0 else False) or
                   (tok.norm[:1] == CONJUNCTIONS[0] and m.start > tok.start)) and \
            any(c.role in ("verb", "past") and lo <= v.i < k for v, c in sent.cues)
        opens = m.i - lo <= 2
        # «حي الجورة الذي استولى عليه»: a relative clause with no subject of its own goes on with the act's doer
        relative = k > 0 and sent.tokens[k - 1].norm in RELATIVES and memory.last_actor1 is not None and \
            memory.last_actor1[1] == sent.idx
        if not (opens or relative) and not (chained and memory.last_actor1 and memory.last_actor1[1] == sent.idx):
            return []
        if cue.event_type in DIPLOMATIC and memory.speaker and opens:
            # «واتهمت موسكو بـ...» after «قالت المندوبة الأميركية»: the speaker goes on
            group = memory.speaker_group if memory.speaker in memory.speaker_group else [memory.speaker]
            return [Mention("actor", a, k, k, sent.tokens[k].start, sent.tokens[k].start, "pro-drop") for a in group]
        if cue.event_type in VIOLENT | {"territory_taken", "withdrawal"} and memory.last_actor1 and \
                memory.last_actor1[1] >= sent.idx - 1:
            # «باتت تسيطر الآن على ...», «وخاضوا مواجهات»: the force that acted last is still the subject
            return [Mention("actor", memory.last_actor1[0], k, k, sent.tokens[k].start, sent.tokens[k].start,
                            "pro-drop")]
        return []

    @staticmethod
    def _with_coordinated(sent: Sentence, m: Mention, first: Mention, hi: int) -> list[Mention]:
        """The subject and the actors coordinated with it: «المدفعية العراقية
        وطيران الجيش والتحالف الدولي»."""
        if first.via == COLLECTIVE:  # «الطرفان»: one word names them all
            return [a for a in sent.actors if a.i == first.i and a.via == COLLECTIVE]
        out = [first]
        last = first
        for a in sent.actors:
            if a.i <= first.i or a.i > hi:
                continue
            if a.i != m.i and joined(sent, last, a):
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
        actors = [a for a in (outside_asides(sent, m) if sent.asides else sent.actors) if a.via != COLLECTIVE]
        # a leader praises or orders his own forces («هنأ العبادي قواته»); in a fight the same side is no target
        own_ok = cue.event_type in ("praise", "demand")
        under = self._undergoer(sent, m, lo) if cue.event_type in VIOLENT and cue.role == "noun" else None
        if under is not None and under.kind == "actor" and under.id not in subjects:
            return under  # «تعرضت مواقع قوات النظام لقصف»: they came under it
        cands = [a for a in actors if m.j <= a.i < hi and a.id not in subjects and
                 (own_ok or not (self._chain(a.id) & related))]
        if cue.event_type in ("vote", "veto", "proposal"):
            # only the body a draft goes to («على مجلس الأمن»), not the one that would issue it («قرار من مجلس الأمن»)
            return next((a for a in cands if self._kind(a.id) == "international_body" and
                         not (a.i > 0 and set(proclitic_variants(sent.tokens[a.i - 1].norm)) & FROM)), None)
        for a in cands:
            prev = sent.tokens[a.i - 1].norm if a.i > 0 else ""
            prev_vars = variant_set(prev)
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
            left = self._left_before(sent, m, related)
            if left is not None:
                return left
            # «... مدينة دير الزور، آخر مدينة كبرى يسيطر عليها تنظيم داعش»
            later = [a for a in actors if a.i >= m.j and a.id not in subjects and
                     self._kind(a.id) in ("armed_group", "militia") and not (self._chain(a.id) & related)]
            return later[0] if later else None
        return None

    def _left_before(self, sent: Sentence, m: Mention, related: set[str]) -> Mention | None:
        """«دخلت القوات وسط المدينة بعد انسحاب البشمركة», «بعدما انسحبت قوات
        البشمركة»: who withdrew before the capture lost the place."""
        toks = sent.tokens
        for w, cue in sent.cues:
            if cue.event_type == "withdrawal" and w.i > m.j and set(proclitic_variants(toks[w.i - 1].norm)) & AFTER_WORDS:
                return next((a for a in sent.actors if w.j <= a.i <= w.j + 1 and not (self._chain(a.id) & related)),
                            None)
        return None

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
        killer = ahead = self.killer_before_the_count(sent, m)
        for k in range(m.j, hi):
            if killer is None and has_variant_in(sent.tokens[k].norm, KILLERS):
                killer = self._first_actor_after(sent, k + 1, limit=4)
                break
        fighters = [a for a in sent.actors if (killer is None or a.i != killer.i) and a.via != COLLECTIVE and
                    self._kind(a.id) in MATERIAL_ACTOR_KINDS | {"civilians"}]
        # the killed come before «برصاص X», after a killer named as the subject
        victims = [a for a in fighters if m.j <= a.i < hi and (killer is None or a.i < killer.i or killer is ahead)]
        if not victims and hi < len(sent.tokens) and sent.tokens[hi].norm in FROM:
            # «قتل 12 من أفراد القوات، من حرس الحدود»: the next clause says who they were
            victims = [a for a in fighters if hi < a.i <= hi + 2 and killer is None]
        if not victims:  # «عشرات من عناصر داعش قتلوا»
            victims = [a for a in fighters if lo <= a.i and a.j <= m.i and m.i - a.j <= 3][-1:]
        return ([killer] if killer else []), (victims[0] if victims else None)

    def killer_before_the_count(self, sent: Sentence, m: Mention) -> Mention | None:
        """«قتل المسلحون 6 من حراس المعبر»: a force right after the verb and
        the count of the killed right after the force is the verb's subject,
        the killer (the passive puts the count first: «قتل 11 من مقاتلي الحشد»)."""
        doer = next((a for a in sent.actors if a.i == m.j and self._kind(a.id) in MATERIAL_ACTOR_KINDS), None)
        if doer is None or doer.j >= len(sent.tokens):
            return None
        count = sent.tokens[doer.j].norm
        return doer if count.isdigit() or count in NUMBER_WORDS or count in QUANTITIES else None

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
            if has_variant_in(t.norm, CIVILIAN_TARGETS) or \
                    cue.event_type == "attack_on_civilians":
                return Mention("actor", "civilians", k, k + 1, t.start, t.end, "victims")
        return self._victims_before(sent, m, cue) if obj is None else obj

    @staticmethod
    def _victims_before(sent: Sentence, m: Mention, cue: Cue) -> Mention | None:
        """«قتل 11 مدنيا جراء غارات», «أصيب مدنيان ... جراء مواصلة قوات النظام
        قصفها»: civilians harmed before a word of cause that leads to the act;
        no other act is told between the cause and the act («بقذائف المدفعية»
        is one)."""
        toks = sent.tokens
        cause = next((k for k in range(m.i - 1, -1, -1)
                      if has_variant_in(toks[k].norm, HARM_CAUSES)), None)
        if cause is None or any(cause < c.i < m.i and other.event_type != cue.event_type
                                for c, other in sent.cues):
            return None
        for k in range(cause - 1, -1, -1):
            if any(k < c.i < cause for c, _ in sent.cues):
                return None
            if has_variant_in(toks[k].norm, CIVILIAN_TARGETS):
                return Mention("actor", "civilians", k, k + 1, toks[k].start, toks[k].end, "victims")
        return None

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


SPEAKER_WINDOW = 6  # tokens between a verb of saying and its speaker after it
SPEAKER_BEFORE = 2  # tokens between a speaker before the verb and the verb: «روسيا تتهم», «موسكو قد اقترحت»


def speaker_of(sent: Sentence, cands: list, i: int, j: int, may_speak=None):
    """The speaker of a verb of saying (or a verbal act) at tokens i:j,
    among `cands` (mentions, or any spans with .i and .j, in token order):
    the first after it with only titles, times or adverbs between
    (subject_gap, within SPEAKER_WINDOW) that `may_speak`, else the nearest
    before it that ends at most SPEAKER_BEFORE tokens before the verb and
    that no preposition governs. The
    extractor's attribution (Roles._attribution) and the position finder's
    speakers (positions/finder.py) both read a speaker so."""
    after = next((a for a in cands if j <= a.i <= j + SPEAKER_WINDOW and (may_speak is None or may_speak(a.i))
                  and subject_gap(sent, j, a.i)), None)
    if after is not None:
        return after
    before = None
    for a in cands:
        if a.j <= i and i - a.j <= SPEAKER_BEFORE and not governed_by_preposition(sent, a.i):
            before = a
    return before


def partitive(sent: Sentence, a: Mention) -> bool:
    """«عناصر من داعش», «مسلحون من التنظيم»: members of the actor, no
    preposition governing the members («على عناصر من داعش» is governed)."""
    toks = sent.tokens
    return a.i > 1 and toks[a.i - 1].norm in FROM and toks[a.i - 2].norm in MEMBERS and \
        not (a.i > 2 and toks[a.i - 3].norm in PREPOSITIONS)


def subject_gap(sent: Sentence, k: int, i: int, skip_preps: bool = False) -> bool:
    """Whether only words that may stand between a verb and its subject lie
    in tokens k:i: adverbs, times, titles, counts («قال قائد العمليات الفريق
    الركن X», «دمرت طائرات التحالف»); with `skip_preps`, prepositions and
    source words too («حسب وكالة سانا»)."""
    return all(t.norm in ADVERBS or t.norm in DRAFT_WORDS or t.norm in COUNTED or t.norm.isdigit()
               or t.norm in AIR_WORDS or t.norm in MEMBERS or t.norm in TITLES
               or t.norm in SUBJECT_SKIP or t.norm in QUANTITIES or t.norm in FROM or t.norm in RESOLUTION_WORDS
               or (skip_preps and (t.norm in PREPOSITIONS or t.norm in SOURCE_WORDS))
               or _is_time_token(sent, t) for t in sent.tokens[k:i])
