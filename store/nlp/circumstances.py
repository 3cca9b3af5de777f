"""Where and when: the place of an event and its date. Methods of a
mixin of the Extractor, which the event passes ask."""
from __future__ import annotations

from ..text.arabic import has_variant_in, proclitic_variants, variant_set
from ..text.morphology import CONJUNCTIONS
from .clauses import (
    counted_since, country_by_compass, described_actor, named_as_backer, named_as_origin, relative_clause,
)
from .cues import Cue
from .dates import parse_date
from .lexicon import (
    AREA_ANAPHORS, BACKGROUND_OPENERS, DEADLINE_WORDS, DIPLOMATIC, EPISODE_ANAPHORS, FIGHT_BETWEEN, FORECASTS,
    FORMERLY, FROM, FROM_IT, GOVERNORATE_ANAPHORS, HARM_CAUSES, INCLUDING, LOCATIVES, MOVEMENT, ONGOING, PREPOSITIONS,
    RELATIVES, RESUMPTIVES, SPECIFICALLY, THAT_PARTICLES, TOWN_ANAPHORS, TOWN_KINDS, VAGUE_TIMES, VERBAL_NOUN_ANAPHORS,
    VIOLENT,
)
from .memory import Memory
from .sentence import Event, Mention, Sentence


class Circumstances:
    """The place and the date of an event (a mixin of the Extractor)."""

    def _place(self, sent: Sentence, m: Mention, lo: int, hi: int, cue: Cue | None = None,
               memory: Memory | None = None) -> Mention | None:
        places = [p for p in sent.places if not (named_as_backer(sent, p) or self._not_where(sent, p, cue) or
                                                 described_actor(sent, m, p))]
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
            fled = self._place_of_the_cause(sent, m, places)
            if fled is not None:
                return fled
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
        # «قرى سهل الغاب بريف حماة وتحديدا بلدة قسطون»: the place the text singles out
        return next((p for p in cands[1:] if _singled_out(sent, p)), best)

    @staticmethod
    def _place_of_the_cause(sent: Sentence, m: Mention, places: list[Mention]) -> Mention | None:
        """«فرت 320 أسرة نحو مدينة زاخو، اليوم، بسبب المعارك في تلعفر»:
        the place of what they fled (after a harm-cause word, within four
        words, no actor between) is the place they left, which the gold
        guide prefers to where they went."""
        for k in range(m.j, len(sent.tokens)):
            if set(proclitic_variants(sent.tokens[k].norm)) & HARM_CAUSES:
                cause = [p for p in places if k < p.i <= k + 4 and not any(k < a.i < p.i for a in sent.actors)]
                return cause[0] if cause else None
        return None

    def _place_in_adjunct(self, sent: Sentence, hi: int, cue: Cue | None) -> Mention | None:
        """«دكت المدفعية مقرا في المحور الشرقي، قرب بلدة الهول», «أصابت
        الغارات قرى كثيرة، منها مدينة أريحا»: the clause after the act's that opens
        with a preposition or an including word and names no act and no actor only
        says where the act was: its place is the act's."""
        opening = set(proclitic_variants(sent.tokens[hi].norm)) if hi < len(sent.tokens) else set()
        if not (opening & PREPOSITIONS or any((v,) in INCLUDING for v in opening)) or opening & FIGHT_BETWEEN:
            return None  # «، بين سوريا ولبنان»: a stretch between two places is none of them
        end = next((b for b in sent.bounds if b > hi), len(sent.tokens))
        if any(hi <= m.i < end for m, _ in sent.cues) or any(hi <= a.i < end for a in sent.actors):
            return None
        places = [p for p in sent.places if hi <= p.i < end and not self._not_where(sent, p, cue)]
        if not places or _a_list(sent, places) or not all(set(proclitic_variants(t.norm)) & LOCATIVES
                                                         for t in sent.tokens[hi + 1:places[0].i]):
            return None  # one place, governed by the locatives before it («في تكرار لسيناريو الرقة» is none)
        return places[0]

    def _not_where(self, sent: Sentence, p: Mention, cue: Cue | None) -> bool:
        """A place named as where the fire of an act came from, or a country
        by its compass point: not where the act happened."""
        place = self.dicts.places.get(p.id)
        if place is not None and place.kind == "country" and country_by_compass(sent, p):
            return True
        return (cue is None or cue.event_type not in MOVEMENT) and named_as_origin(sent, p)

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

    def _place_referred(self, sent: Sentence, m: Mention, lo: int, hi: int, memory: Memory,
                        material: bool = False) -> Mention | None:
        """«المدينة», «البلدة», «منها», «فيها», «هناك»: the town named last;
        «المحافظة»: the governorate named last; for a material act,
        «المنطقة»: the area named last."""
        for k in range(lo, hi):
            t = sent.tokens[k]
            forms = variant_set(t.norm)
            target = None
            if forms & TOWN_ANAPHORS and _verbal_noun(sent, k, forms):
                continue  # «للقضاء على»: the verbal noun with its preposition
            if forms & TOWN_ANAPHORS and (self._town_before(sent, k) or memory.last_town):
                target = self._town_before(sent, k) or memory.last_town
            elif forms & GOVERNORATE_ANAPHORS and memory.last_governorate:
                target = memory.last_governorate
            elif forms & AREA_ANAPHORS and memory.last_area and material:
                target = memory.last_area  # «منطقة قنديل» ... «في المنطقة»
            if target:
                return Mention("place", target, k, k + 1, t.start, t.end, "coref")
        return None

    def _date(self, ev: Event, sent: Sentence, m: Mention, lo: int, hi: int, published,
              memory: Memory | None = None, cue: Cue | None = None) -> None:
        """The nearest time expression of the clause, else of the sentence.
        Without one: the date a continuing sentence carries over, the
        publication date for the lead and for acts told as going on now,
        and no date for background («وكان ... قد», a relative clause) nor
        for a verbal act told without a time (docs/EVENTS.md, the gold guide)."""
        relative = relative_clause(sent, m)
        forecast = any(t.norm in FORECASTS for t in sent.tokens[lo : m.i])
        pool = [t for t in self._times_of(sent, m, lo, hi, relative, forecast)
                if forecast or not _not_the_acts_time(sent, t, published)]
        vague = _vague_time_before(sent, m.i)
        if vague is not None:
            # «وفي وقت سابق، روى سكان الحي ...»: only a time told after the vague one dates the act
            pool = [t for t in pool if t.start >= vague]
            if not pool:
                return
        if pool:
            self._date_by_time(ev, sent, m, pool, memory, cue)
        elif published is not None and relative is None and not forecast:
            self._date_untimed(ev, sent, m, lo, hi, published, memory, cue)

    @staticmethod
    def _times_of(sent: Sentence, m: Mention, lo: int, hi: int, relative: int | None, forecast: bool) -> list:
        """The time expressions that may date the cue at m."""
        trig = sent.tokens[m.i].start
        hi = _resumed(sent, hi)
        times = [t for t in sent.times if t.date and not (t.eve and t.start > trig) and
                 not _describes_a_name(sent, m, t)]
        clause_end = sent.tokens[hi - 1].end if 0 < hi <= len(sent.tokens) else 10**9
        in_clause = [t for t in times if sent.tokens[lo].start <= t.start < clause_end]
        # a time in a later clause («... الذي يسيطر عليه منذ 2014») dates that clause only
        before = [t for t in times if t.end <= trig]
        pool = in_clause or before
        if relative is not None:
            # «مشروع قرار قدمته ألمانيا», «آخر مدينة كان يسيطر عليها»: a
            # description, dated only by a time of its own
            return [t for t in in_clause if t.start >= sent.tokens[relative].start]
        if forecast:
            return in_clause  # «ومن المتوقع أن تسيطر ... خلال ساعات»: not yet
        if not pool:
            # «سيطر «جيش الفتح»، الذي يضم ...، أمس على المدينة», «سيطر على
            # تكريت، مسقط رأس صدام حسين، في حزيران 2014»: the next time, when
            # no other act comes between
            later = next((t for t in times if t.start > trig), None)
            if later is not None and not any(trig < c.start < later.start for c, _ in sent.cues):
                pool = [later]
        return _told_not_telling(sent, m, pool)

    @staticmethod
    def _date_by_time(ev: Event, sent: Sentence, m: Mention, pool: list, memory, cue: Cue | None) -> None:
        """The nearest of the times; a vote's date is the session's."""
        trig = sent.tokens[m.i].start
        t = min(pool, key=lambda t: abs(t.start - trig))
        if cue is not None and (cue.event_type == "displacement" or cue.has("killing")) and \
                counted_since(sent, t):
            return  # «نزح 200 ألف مدني منذ نهاية نيسان»: a running count, not one act
        ev.date, ev.date_precision = t.date, t.precision
        ev.spans["date"] = [t.start, t.end]
        if memory is not None and cue is not None and cue.event_type in ("vote", "veto"):
            memory.session = (t.date, t.precision)

    def _date_untimed(self, ev: Event, sent: Sentence, m: Mention, lo: int, hi: int, published,
                      memory, cue: Cue | None) -> None:
        """An act told without a time of its own."""
        first = sent.tokens[0].norm if sent.tokens else ""
        if first in BACKGROUND_OPENERS or any(t.norm in FORMERLY for t in sent.tokens[lo:hi]):
            return  # background
        carried = memory.last_time if memory is not None else None
        continues = carried is not None and carried[2] == sent.idx - 1 and first[:1] == "و"
        if cue is None or cue.event_type in DIPLOMATIC:
            # a vote and what is said in the session share the session's date;
            # the next sentence of a statement, the statement's date
            if memory is not None and memory.session:
                ev.date, ev.date_precision = memory.session
            elif continues and carried[3]:
                ev.date, ev.date_precision = carried[0], carried[1]
            return
        ongoing = any(t.norm in ONGOING for t in sent.tokens[max(0, m.i - 4) : m.i + 1])
        told = memory.last_violent_date if memory is not None and cue.event_type in VIOLENT else None
        if ongoing or cue.tense == "present":
            ev.date, ev.date_precision = published.isoformat(), "day"
        elif told and told[1] == "day" and _names_the_act_told(sent, m):
            # «استشهاد 108 مدنيين أثناء المذبحة», «الشهود على المجزرة»: the act
            # told before, however long ago, dates what happened in it
            ev.date, ev.date_precision = told
        elif continues:
            ev.date, ev.date_precision = carried[0], carried[1]
        elif self._recent_episode(carried, sent, published):
            # the episode dated a sentence or three ago goes on («انسحب ... أمس»
            # then what the monitor said about it) if it is recent news
            ev.date, ev.date_precision = carried[0], "day"
        elif sent.idx <= 3:
            ev.date, ev.date_precision = published.isoformat(), "day"
        else:  # told without a time: reported in this article, within days of it
            ev.date, ev.date_precision = published.isoformat(), "week"

    @staticmethod
    def _recent_episode(carried, sent: Sentence, published) -> bool:
        if not (carried and carried[1] == "day" and sent.idx - carried[2] <= 3):
            return False
        d = parse_date(carried[0])
        return bool(d and 0 <= (published - d).days <= 7)


def _verbal_noun(sent: Sentence, k: int, forms: frozenset[str]) -> bool:
    """Whether token k, a town anaphor, is a verbal noun here: its preposition
    follows it (lexicon verbal_noun_anaphors, «القضاء على»)."""
    nxt = sent.tokens[k + 1].norm if k + 1 < len(sent.tokens) else ""
    return any((v, nxt) in VERBAL_NOUN_ANAPHORS for v in forms)


def _a_list(sent: Sentence, places: list[Mention]) -> bool:
    """«في قرية س وقرية ص», «في س، ص»: the first two places are coordinated
    (a list of places, one act each), not a chain («قرية س في ريف ناحية جلولاء»)."""
    if len(places) < 2:
        return False
    gap = sent.text[sent.tokens[places[0].j - 1].end:sent.tokens[places[1].i].start]
    return "،" in gap or "," in gap or sent.tokens[places[1].i].norm.startswith(CONJUNCTIONS) or \
        any(t.norm in CONJUNCTIONS for t in sent.tokens[places[0].j:places[1].i])


def _singled_out(sent: Sentence, p: Mention) -> bool:
    """«وتحديدا بلدة تلدو», «وبالتحديد في حي الوعر»: a specifying word
    (lexicon specifically_words), then locatives only, before the place."""
    for k in range(p.i - 1, max(-1, p.i - 4), -1):
        forms = set(proclitic_variants(sent.tokens[k].norm))
        if forms & SPECIFICALLY:
            return True
        if not forms & LOCATIVES:
            return False
    return False


def _not_the_acts_time(sent: Sentence, t, published) -> bool:
    """A date still to come («الجولة المقبلة في الثامن من شباط», «حتى يوليو
    2023» in 2019) is not yet, and a deadline that is not past («حتى اليوم»,
    «بحلول نهاية الشهر») ends a span: neither dates an act told as done. A past
    «حتى» («كان قد حُرر حتى 13 تشرين الأول») is «as of» and dates it."""
    if published is None or t.date is None:
        return False
    k = next((i for i, tok in enumerate(sent.tokens) if tok.start <= t.start < tok.end), None)
    deadline = bool(k) and has_variant_in(sent.tokens[k - 1].norm, DEADLINE_WORDS)
    return t.date > published.isoformat() or (deadline and t.date >= published.isoformat()[: len(t.date)])


def _vague_time_before(sent: Sentence, i: int) -> int | None:
    """The char offset of the last vague time («في وقت سابق», «لاحقا», with a
    glued «و») told before token i, if any."""
    toks = sent.tokens
    for k in range(i - 1, -1, -1):  # the last one: read back from i
        if not has_variant_in(toks[k].norm, VAGUE_TIMES.firsts):
            continue
        forms = variant_set(toks[k].norm)
        for phrase in VAGUE_TIMES:
            if k + len(phrase) <= i and phrase[0] in forms and \
                    all(toks[k + n].norm == w for n, w in enumerate(phrase[1:], 1)):
                return toks[k].start
    return None


def _describes_a_name(sent: Sentence, m: Mention, t) -> bool:
    """«واستعادة الرمادي التي سقطت في يد التنظيم في أيار»: a time in a
    relative clause on a place named after the cue (up to the clause's end)
    dates what the clause says of the place, not the act."""
    toks = sent.tokens
    for r in range(m.j + 1, len(toks)):
        if toks[r].start >= t.start:
            return False
        if toks[r].norm in RELATIVES and any(p.i <= r - 1 < p.j for p in sent.places):
            end = next((b for b in sent.bounds if b > r), len(toks))
            return end >= len(toks) or t.start < toks[end].start
    return False


def _told_not_telling(sent: Sentence, m: Mention, pool: list) -> list:
    """«أفاد المرصد اليوم الأحد أن التنظيم خطف 400 مدني ... إثر هجومه أمس
    السبت»: a time of what is said dates the act said before a time of the
    saying does («اليوم» of «أفاد»); with only the saying's, it dates it."""
    if not pool:
        return pool  # nothing to choose between
    toks = sent.tokens
    that = next((k for k in range(m.i - 1, -1, -1) if has_variant_in(toks[k].norm, THAT_PARTICLES)), None)
    if that is None:
        return pool
    said = [t for t in pool if t.start >= toks[that].start]
    return said or pool


def _resumed(sent: Sentence, hi: int) -> int:
    """«احتجزت الميليشيا 60 راعيا ...، وذلك عقب غارتها فجر الخميس»: a clause that
    opens with «وذلك» tells the circumstances of the clause before it, so
    that clause runs on to its end."""
    toks = sent.tokens
    if hi < len(toks) and toks[hi].norm in RESUMPTIVES:
        return next((b for b in sent.bounds if b > hi), len(toks))
    return hi


def _names_the_act_told(sent: Sentence, m: Mention) -> bool:
    """Whether the sentence names the violent act told before by a definite
    noun, the cue's own or another: «أثناء المذبحة», «الشهود على المجزرة»."""
    return any(has_variant_in(t.norm, EPISODE_ANAPHORS) for t in sent.tokens)
