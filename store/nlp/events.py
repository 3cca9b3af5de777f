"""The event passes: from the cues of one analysed sentence to its events.

`Extractor._events` runs the passes of `Extractor.PASSES["opening"]` once
over the sentence's state (who the sentence is attributed to), then, for
each cue of the sentence, the passes of `Extractor.PASSES["cue"]` in order
over a `CueEvent`; a pass that returns
True ends the cue (no event: what it names is no act here). The event is
then made once per coordinated place, object and subject, and the passes
of `PASSES["variant"]` run on each of these. After the last cue the
passes of `PASSES["sentence"]` run once; after the last sentence of the
article, the passes of `PASSES["article"]` run over all its events. Each
pass is a function `(extractor, sentence_state, cue_state[, event,
subject])` (an article pass: `(extractor, events, published)`) with one job;
the roles, places and dates they ask for are methods of the Extractor
(store/nlp/roles.py, store/nlp/circumstances.py).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..text.arabic import has_variant_in, proclitic_variants, strip_article, variant_set
from ..text.morphology import ARTICLE, CONJUNCTIONS, PREFIX_PREPOSITIONS, has_variant_in
from .clauses import content_end, governed_by_preposition, relative_clause
from .cues import Cue
from .dates import parse_date
from .lexicon import (
    ABOUT_WORDS, AIR_SUBJECTS, AIR_WORDS, ATTACK_ANAPHORS, COUNTED_PEOPLE, BACKGROUND_OPENERS, BECOMING, BOMBER_NOUNS, BOMBINGS,
    CIVILIAN_TARGETS, CLAIMED, CLAUSE_WORDS, CUMULATIVE_COUNTS, DEFUSING, DIPLOMATIC, DRAFT_WORDS, FLEEING_ADVERBS,
    FROM, FUTURE_MARKERS, GENERIC_AREAS, GROUND_FIRE, HABITUAL, HABITUAL_PHRASES, HARM_WORDS, MOOD_PARTICLES, MOVEMENT, MUNITIONS,
    NARRATIVE_THEN, NUMBER_WORDS, ONGOING, QUANTITIES, REFER_BACK, RELATIVES, RESOLUTION_BARE, RESULT_VERBS,
    SETTLEMENTS, TOWN_KINDS, USING, VIOLENT,
)
from .memory import Memory
from .participants import COLLECTIVE, PRO_DROP, said_by_the_meeting
from .sentence import Event, Mention, Sentence, _clause_of, _coordinated, _dedupe, _fatalities, _flags, _prefer_specific

_VERBAL = ("accusation", "criticism", "praise", "finding", "demand", "vote", "veto", "threat", "proposal")
_BLAME = ("accusation", "criticism", "finding")
MATERIAL_ACTS = VIOLENT | {"territory_taken"}
PURPOSE = PREFIX_PREPOSITIONS[1]  # the «ل» of purpose: «للتنديد»
INSTRUMENT = PREFIX_PREPOSITIONS[0]  # the «ب» of the means: «بستة صواريخ»
TOLD_BEFORE = "+told-before"  # the rule's mark of «القصف», «الهجوم» read as the act told before
LEAD_SENTENCES = 3  # the lead: the sentences whose untimed acts take the publication date
RECENT_DAYS = 7
# a site so small that two reports of one kind of act there are one act («قاعدة عين الأسد»);
# a city sees many
SITES = TOWN_KINDS - {"city"}


@dataclass
class SentenceEvents:
    """What the event passes of one sentence share."""
    sent: Sentence
    published: dt.date | None
    memory: Memory
    speaker: str | None  # who the sentence is attributed to
    speaker_m: Mention | None
    diplomatic_at: int | None  # the first verbal act: what follows it is what it says
    blame_at: int | None  # «حمّل ... مسؤولية سقوط الموصل»: the fall is what the blame is about
    main_subjects: list[Mention] = field(default_factory=list)  # the actors of the sentence's first material act
    killed: Mention | None = None  # who the sentence says was killed
    main_place: Mention | None = None  # and where it happened
    out: list[Event] = field(default_factory=list)
    holders: set[int] = field(default_factory=set)  # where the holders of states told so far stand


def sentence_events(extractor, sent: Sentence, published: dt.date | None, memory: Memory) -> SentenceEvents:
    """The state the passes of one sentence share, before the "opening" passes fill it."""
    diplomatic_at = min((m.i for m, c in sent.cues if c.event_type in _VERBAL), default=None)
    blame_at = min((m.i for m, c in sent.cues if c.event_type in _BLAME), default=None)
    return SentenceEvents(sent, published, memory, None, None, diplomatic_at, blame_at)


# -- opening passes: once per sentence, before its first cue ----------------------------


def who_the_sentence_is_attributed_to(x, s: SentenceEvents) -> None:
    """The speaker or source the sentence is attributed to (Roles._attribution):
    the cue passes read it, and so does the position finder (Sentence.speaker)."""
    s.speaker, s.speaker_m, _ = x._attribution(s.sent, s.memory)
    s.sent.speaker = s.speaker


@dataclass
class CueEvent:
    """One cue while the cue passes make its event."""
    m: Mention
    cue: Cue
    lo: int  # the cue's clause: tokens lo..hi
    hi: int
    ev: Event
    killing: bool
    subjects: list[Mention] = field(default_factory=list)
    obj: Mention | None = None
    place: Mention | None = None


def cue_event(sent: Sentence, m: Mention, cue: Cue) -> CueEvent:
    lo, hi = _clause_of(sent, m.i)
    ev = Event(cue.event_type, sent.idx, rule=f"{cue.event_type}:{cue.role}:{cue.pattern}")
    ev.spans["trigger"] = [m.start, m.end]
    return CueEvent(m, cue, lo, hi, ev, cue.has("killing"))


# -- cue passes: is it an act here? ---------------------------------------------------


def statements_wait(x, s: SentenceEvents, c: CueEvent) -> bool:
    """A statement is an event only when it is news: statements_that_are_news."""
    return c.cue.event_type == "statement"


def what_a_draft_says(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«مشروع قرار يدعو إلى»: what the draft says is no act; nor is what it
    is for: «مشروع قرار صاغته الصين لإدانة القصف»."""
    cue, m, toks = c.cue, c.m, s.sent.tokens
    if cue.event_type in ("demand", "proposal") and cue.role != "noun" and m.i > 0 and \
            not cue.after and toks[m.i - 1].norm in DRAFT_WORDS | RESOLUTION_BARE:
        return True
    purpose = toks[m.i].norm[:1] == PURPOSE and proclitic_variants(toks[m.i].norm)[-1] != toks[m.i].norm
    return cue.event_type in DIPLOMATIC and purpose and \
        any(t.norm in DRAFT_WORDS for t in toks[max(c.lo, m.i - 4) : m.i])


def what_an_accusation_says(x, s: SentenceEvents, c: CueEvent) -> bool:
    """What an accusation or a report says is not a second act."""
    cue, m = c.cue, c.m
    return s.diplomatic_at is not None and m.i > s.diplomatic_at and cue.event_type != "chemical_attack" and \
        (cue.event_type in VIOLENT | {"withdrawal", "displacement"} | SETTLEMENTS or
         (cue.event_type == "territory_taken" and s.blame_at is not None and m.i > s.blame_at))


def intercepted_target(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«أسقطت طائرتين حربيتين», «تصدت لطائرات مسيرة», «اعتراض الصواريخ»: the target, not a strike."""
    cue, m = c.cue, c.m
    before = [(m2, c2) for m2, c2 in s.sent.cues if c.lo <= m2.i and m2.j <= m.i]
    return cue.event_type in ("airstrike", "shelling") and cue.role == "noun" and bool(before) and \
        before[-1][1].event_type == "armed_clash" and (
            before[-1][1].has("intercepting") or (before[-1][1].role != "noun" and m.i - before[-1][0].j <= 1))


def what_the_truce_does(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«دخل وقف إطلاق النار حيز التنفيذ»: the truce enters into force; the verb
    whose subject is a ceasefire or an agreement right after it is no act."""
    return c.cue.event_type not in SETTLEMENTS and c.cue.role in ("verb", "past") and \
        any(m2.i == c.m.j and c2.event_type in SETTLEMENTS for m2, c2 in s.sent.cues)


def told_by_its_verb(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«مشروع قرار أعدته روسيا»: the noun and the verb right after it that
    takes it as object (a verb read only after such a noun: the cue column
    `after`) are one act; the verb, which names the doer, tells it."""
    return c.cue.role == "noun" and any(
        c2.event_type == c.cue.event_type and c2.role in ("verb", "past") and bool(c2.after) and
        c.m.j <= m2.i <= c.m.j + 1 for m2, c2 in s.sent.cues)


def generic_verb_of_an_act(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«سيارة مفخخة ... استهدفت تجمعا لهم»: the bombing's own verb."""
    return c.cue.has("generic") and any(c2.event_type in VIOLENT and not c2.has("generic") and
                                        0 < c.m.i - m2.i <= 6 for m2, c2 in s.sent.cues)


def no_place_in_particular(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«من الأراضي التي سيطروا عليها»: control of no place in particular."""
    if c.cue.event_type != "territory_taken" or c.cue.role == "noun":
        return False
    rel = relative_clause(s.sent, c.m)
    return bool(rel) and s.sent.tokens[rel].norm in RELATIVES and s.sent.tokens[rel - 1].norm in GENERIC_AREAS


def a_state_not_an_act(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«يسيطر التنظيم منذ 2014 على المدينة», «الأحياء التي يسيطر عليها»,
    «لا تزال الفصائل تسيطر»: the present of a verb of holding tells who holds
    what, no act. It tells the hold reached after an auxiliary of becoming,
    with the subject between («باتت القوات تسيطر»), and the act itself right
    after a particle of the subjunctive or jussive («قبل أن تسيطر», «لم يسيطر»)."""
    if not c.cue.has("stative") or c.cue.tense != "present":
        return False
    toks, k = s.sent.tokens, c.m.i - 1
    if k >= c.lo and variant_set(toks[k].norm) & (MOOD_PARTICLES | NARRATIVE_THEN):
        return False
    names = {i for a in s.sent.actors for i in range(a.i, a.j)}
    while k >= c.lo and k in names:
        k -= 1  # «باتت قوات سوريا الديمقراطية تسيطر»: the subject between
    if k >= c.lo and variant_set(toks[k].norm) & BECOMING:
        return False
    for holder in x._subjects(s.sent, c.m, c.cue, c.lo, c.hi, s.memory)[:1]:
        _remember_force(x, s, holder, acted=True)  # the holder is on the scene: «... ثم غادروا»
        s.holders.add(holder.i)
    return True


def many_acts_counted(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«شنت خلال السنوات الماضية مئات الغارات», «نفذ آلاف الضربات»: strikes
    counted by the hundred are background, no single act (people counted,
    «مئات محاصرين», are not acts counted)."""
    k = c.m.i - 1
    return c.cue.event_type in ("airstrike", "shelling") and c.cue.role == "noun" and k >= 0 and \
        bool(variant_set(s.sent.tokens[k].norm) & CUMULATIVE_COUNTS)


def habitual_acts(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«ودأب التنظيم على تنفيذ هجمات», «يشن هجمات بين الحين والآخر»: a
    violent act told as a habit of its doer, in its clause, is no single act."""
    if c.cue.event_type not in VIOLENT:
        return False
    norms = s.sent.norms[c.lo : c.hi]
    if any(has_variant_in(w, HABITUAL) for w in norms):
        return True
    return HABITUAL_PHRASES.found_in(norms)


def how_they_fled(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«نزح 45 ألف شخص هربا من المعارك»: how they fled, not a second flight."""
    return c.cue.event_type == "withdrawal" and s.sent.tokens[c.m.i].norm in FLEEING_ADVERBS and \
        any(c2.event_type == "displacement" for _, c2 in s.sent.cues)


def where_the_flight_went(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«نزحوا ... إلى مخيمات في الرقة»: the camps are where the flight went."""
    return c.cue.event_type == "displacement" and c.cue.role == "noun" and \
        any(c2.event_type in MOVEMENT and c2.role != "noun" for _, c2 in s.sent.cues)


def mines_cleared(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«تعمل وحدات الهندسة على تفكيك العبوات الناسفة»: no bombing."""
    m = c.m
    return c.cue.event_type == "suicide_or_ied" and c.cue.role == "noun" and \
        any(has_variant_in(t.norm, DEFUSING) for t in s.sent.tokens[max(c.lo, m.i - 6) : m.i])


def bombers_acted_on(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«قتلت القوات العراقية 14 انتحاريا», «حاصرت القوات خمسة من الانتحاريين»:
    the bombers counted after an act of their foes are its target, no
    bombing; so are the bombers named as the genitive of such an act («مقتل
    الانتحاريين»)."""
    toks, m = s.sent.tokens, c.m
    if c.cue.event_type != "suicide_or_ied" or toks[m.i].norm not in BOMBER_NOUNS or m.i == 0:
        return False
    if any(m2.j == m.i and c2.event_type != "suicide_or_ied" for m2, c2 in s.sent.cues):
        return True  # «أدت إلى مقتل الانتحاريين التسعة»: the genitive of another act is who it befell
    k = m.i - 2 if toks[m.i - 1].norm in FROM and m.i > 1 else m.i - 1
    counted = toks[k].norm.isdigit() or toks[k].norm in NUMBER_WORDS or toks[k].norm in QUANTITIES
    return counted and any(c.lo <= m2.i < k and c2.role != "noun" and c2.event_type != "suicide_or_ied"
                           for m2, c2 in s.sent.cues)


def attack_of_the_bombers(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«شن خمسة انتحاريين من التنظيم هجوما على حواجز أمنية»: an attack whose
    doers are the bombers, named before it in its clause with no act of
    their foes before them, is their bombing, no clash besides (an attack
    that names bombers as its means, «هجوما بعشرات الانتحاريين», stays both)."""
    if c.cue.event_type != "armed_clash" or c.cue.role != "noun":
        return False
    toks, cues = s.sent.tokens, s.sent.cues
    bombers = [m2 for m2, c2 in cues if c2.event_type == "suicide_or_ied" and c.lo <= m2.i < c.m.i and
               toks[m2.i].norm in BOMBER_NOUNS]
    return any(not any(c.lo <= m3.i < b.i and c3.event_type != "suicide_or_ied" for m3, c3 in cues)
               for b in bombers)


def means_of_the_act(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«إن القصف استهدف مواقع التنظيم بستة صواريخ», «تعرضت القاعدة للقصف بعدد
    من الصواريخ»: munitions after the «ب» of the instrument, with a violent
    act before them, are that act's means, no act of their own; so are
    munitions told as what a force uses («تستعمل صواريخ موجهة»)."""
    toks, m = s.sent.tokens, c.m
    if c.cue.role != "noun" or toks[m.i].norm not in MUNITIONS and \
            proclitic_variants(toks[m.i].norm)[-1] not in MUNITIONS:
        return False
    if m.i > 0 and set(proclitic_variants(toks[m.i - 1].norm)) & USING:
        return True  # «وتستعمل القوات قنابل ...», «استخدامها لصواريخ موجهة»: the weapons it uses, no act
    # «بعشرات القذائف المدفعية، وأصناف أخرى من القذائف»: munitions joined to the means are means too
    joined = m.i >= 2 and toks[m.i - 1].norm in FROM and \
        any(toks[k].norm[:1] == CONJUNCTIONS[0] for k in range(max(0, m.i - 3), m.i - 1)) and \
        any(_told_as_means(toks, k) for k in range(max(0, m.i - 12), m.i - 2)
            if has_variant_in(toks[k].norm, MUNITIONS))
    def new_clause(k: int) -> bool:  # «..., فيما استهدفت الفصائل بقذائف»: another act
        return any(has_variant_in(t.norm, CLAUSE_WORDS) for t in toks[k : m.i])
    return (_told_as_means(toks, m.i) or joined) and any(c2.event_type in VIOLENT and not c2.has("generic") and m.i - 12 <= m2.i < m.i and
                                 not new_clause(m2.j) for m2, c2 in s.sent.cues)


def _told_as_means(toks, i: int) -> bool:
    """Whether the munitions at i follow the «ب» of the instrument: «بستة صواريخ», «بعدد من القذائف»."""
    window = [t.norm for t in toks[max(0, i - 3) : i + 1]]
    return any(w[:1] == INSTRUMENT and len(w) > 2 and
               (w[1:].isdigit() or w[1:] in NUMBER_WORDS or w[1:] in QUANTITIES or w[1:] in MUNITIONS or
                proclitic_variants(w)[-1] in MUNITIONS) for w in window)


def toll_of_another_act(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«أسفر القصف عن مقتل 5 مدنيين»: the toll of the strike, not a second
    act; the killed are who the strike hit (killed_were_the_enemy)."""
    if c.killing and any(c2.event_type in VIOLENT and not c2.has("killing") for _, c2 in s.sent.cues):
        if x.killer_before_the_count(s.sent, c.m) is not None and not any(
                c2.event_type in VIOLENT and not c2.has("killing") and c.lo <= m2.i < c.hi for m2, c2 in s.sent.cues):
            return False  # «...، ولاحقا قتل المسلحون 6 من حراس المعبر»: a killer of its own, a clause of its own
        s.killed = s.killed or x._killing(s.sent, c.m, c.lo, c.hi)[1]
        return True
    return False


# -- cue passes: who ------------------------------------------------------------------


def subjects(x, s: SentenceEvents, c: CueEvent) -> None:
    """actor1 and the actors coordinated with it (roles.py)."""
    c.subjects = x._subjects(s.sent, c.m, c.cue, c.lo, c.hi, s.memory) if not c.killing else []
    # «تعرضت الأحياء التي تسيطر عليها الفصائل لقصف»: the holder told in a state does not shell
    c.subjects = [a for a in c.subjects if a.i not in s.holders]
    # «قتل 12 من عناصر الجيش والحشد في هجوم انتحاري»: the killed, told before the act, did not do it
    killed = {a.i for a in _killed_run(x, s) if a.j <= c.m.i}
    c.subjects = [a for a in c.subjects if a.i not in killed]


def a_body_rejects_a_draft_by_vote(x, s: SentenceEvents, c: CueEvent) -> None:
    """«رفض مجلس الأمن مشروع قرار أعدته روسيا»: a body that rejects a draft
    put to it votes it down; a state that rejects one criticises it."""
    if c.cue.event_type != "criticism" or c.cue.role not in ("verb", "past") or not c.subjects:
        return
    subj = c.subjects[0]
    after = s.sent.tokens[max(c.m.j, subj.j) : max(c.m.j, subj.j) + 3]
    if x._kind(subj.id) == "international_body" and any(t.norm in DRAFT_WORDS for t in after):
        c.ev.event_type = "vote"
        c.ev.rule += "+rejected"


def battle_of_the_main_act(x, s: SentenceEvents, c: CueEvent) -> None:
    """«سيطرت القوات على البلدة بعد معارك عنيفة مع التنظيم»: the sentence's
    actors fought the battle that won it."""
    if not c.subjects and c.cue.role == "noun" and c.cue.event_type in VIOLENT and s.main_subjects:
        c.subjects = s.main_subjects


def subjects_after_a_verbal_act(x, s: SentenceEvents, c: CueEvent) -> None:
    """«أشادت فرنسا بتقرير ... السارين»: what a verbal act is about has its
    own subjects, after it."""
    if s.diplomatic_at is not None and c.m.i > s.diplomatic_at:
        c.subjects = [a for a in c.subjects if a.i > s.diplomatic_at]


def speaker_judges(x, s: SentenceEvents, c: CueEvent) -> None:
    """«وأكدت الخارجية الروسية أن خلاصات التقرير "مشكوك" فيها»: the speaker
    judges; so does the speaker told before who goes on («ولفتت الوزارة
    ...» then «وأكدت أن ... "المفبرك"»: a verb of saying that opens the
    sentence and names no one)."""
    sm = s.speaker_m
    if c.subjects or c.cue.event_type not in DIPLOMATIC or c.cue.role != "noun":
        return
    if sm is not None and sm.via != "according" and sm.start < c.m.start:
        c.subjects = [sm]
    elif sm is None and s.speaker and _opened_by_speech(s.sent, c.m):
        k = s.sent.tokens[0]
        c.subjects = [Mention("actor", a, 0, 0, k.start, k.start, PRO_DROP) for a in _speakers_going_on(s)]


def _opened_by_speech(sent: Sentence, m: Mention) -> bool:
    """A verb of saying opens the sentence (its first two words), before `m`."""
    return any(c.event_type == "statement" and m2.i <= 1 and m2.j <= m.i for m2, c in sent.cues)


def _speakers_going_on(s: SentenceEvents) -> list[str]:
    group = s.memory.speaker_group
    return group if s.speaker in group else [s.speaker]


def roles_of_a_killing(x, s: SentenceEvents, c: CueEvent) -> None:
    """«قتل ثلاثة مدنيين برصاص عناصر من قسد»: the killer acts on the killed;
    civilians killed make it an attack on civilians."""
    if c.killing:
        c.subjects, c.obj = x._killing(s.sent, c.m, c.lo, c.hi)
        if c.obj is not None and c.subjects and x._kind(c.obj.id) == "civilians":
            c.ev.event_type = "attack_on_civilians"


def acted_on(x, s: SentenceEvents, c: CueEvent) -> None:
    """actor2: the one acted on, or the civilians a strike hit (roles.py)."""
    if not c.killing:
        obj = x._object(s.sent, c.m, c.cue, c.lo, c.hi, {a.id for a in c.subjects})
        c.obj = x._civilian_victims(s.sent, c.m, c.cue, c.lo, c.hi, obj)


def an_attack_that_harms_civilians(x, s: SentenceEvents, c: CueEvent) -> None:
    """«شن عناصر التنظيم هجوما مسلحا أصاب فيه أربعة من رعاة الأغنام»,
    «أفاد مصدر بإصابة مدنيين بهجوم شنه مسلحون»: an attack by one side (cue
    flag `one_sided`) aimed at no force, whose harmed are civilians, is
    violence against civilians (ACLED); a clash stays a clash."""
    if c.ev.event_type != "armed_clash" or not c.cue.has("one_sided") or \
            (c.obj is not None and x._kind(c.obj.id) != "civilians"):
        return
    toks, m = s.sent.tokens, c.m
    if proclitic_variants(toks[m.i].norm)[-1].startswith(ARTICLE):
        return  # «الهجوم»: the attack told before, whose type its first report settled
    # after it, up to the next act the sentence tells («..., أصاب فيه أربعة من المدنيين»), or
    # before it when it is the means («بإصابة مدنيين بهجوم»), not a toll counted «منذ بدء الهجوم»
    by_it = toks[m.i].norm.startswith(INSTRUMENT) and m.start > toks[m.i].start
    start = c.lo if by_it else m.j
    end = min([len(toks)] + [m2.i for m2, c2 in s.sent.cues if m2.i >= m.j and c2.event_type != "armed_clash"])
    harmed = next((a for a in s.sent.actors if start <= a.i < end and a.id == "civilians" and
                   any(has_variant_in(t.norm, HARM_WORDS) for t in toks[max(c.lo, a.i - HARM_REACH) : a.i])), None)
    if harmed is not None:
        c.ev.event_type, c.obj = "attack_on_civilians", c.obj or harmed


HARM_REACH = 4  # tokens from the harm to the harmed: «أصاب فيه أربعة من رعاة الأغنام»


def who_gained_a_loss(x, s: SentenceEvents, c: CueEvent) -> None:
    """«بعد خسارتها لصالح فصائل المعارضة»: the town went to them."""
    gainer = x._gainer(s.sent, c.m, c.cue)
    if gainer is not None:
        c.ev.event_type, c.ev.rule, c.subjects, c.obj = "territory_taken", c.ev.rule + "+gain", [gainer], None


def passive_roles(x, s: SentenceEvents, c: CueEvent) -> None:
    """A passive cue: «طرد عناصر التنظيم» names the expelled; with a subject
    before it («تمكنت القوات من طرد مسلحي التنظيم») it is an active expulsion
    that takes territory."""
    if c.cue.role != "passive" or not c.subjects or c.killing:
        return
    m, ev = c.m, c.ev
    if c.subjects[0].j <= m.i and c.obj:
        ev.event_type = "territory_taken"
        ev.rule += "+active"
    elif not c.obj and c.subjects[0].j <= m.i:
        after = [a for a in s.sent.actors if m.j <= a.i < c.hi and a.id not in {x_.id for x_ in c.subjects}]
        if after:
            c.obj = after[0]
            ev.event_type = "territory_taken"
            ev.rule += "+active"
    elif not c.obj:
        c.obj, c.subjects = c.subjects[0], []


# -- cue passes: where, when, from whom -----------------------------------------------


def place(x, s: SentenceEvents, c: CueEvent) -> None:
    """The most precise place of the clause, else of a clause of place
    after it; «سيطرت على المدينة في محافظة دير الزور»: the town referred to
    is more precise than a wide place."""
    c.place = x._place(s.sent, c.m, c.lo, c.hi, c.cue, s.memory) or \
        (x._place_in_adjunct(s.sent, c.hi, c.cue) if c.subjects else None)  # a place is no act's only anchor
    if c.place is None or x._wide(c.place.id):
        material = c.cue.event_type in MATERIAL_ACTS
        c.place = x._place_referred(s.sent, c.m, c.lo, c.hi, s.memory, material) or c.place


def place_of_the_main_act(x, s: SentenceEvents, c: CueEvent) -> None:
    """«سيطر ... على مدينة جسر الشغور بعد معارك عنيفة»: the same place."""
    if c.place is None and c.cue.event_type in VIOLENT and s.main_place is not None:
        c.place = s.main_place


def no_country_for_a_verbal_act(x, s: SentenceEvents, c: CueEvent) -> None:
    """«سيادة سوريا» is not where a demand happens; the country what a
    party demands is for, after a preposition, is what it concerns («على
    ضرورة عودة اللاجئين إلى سوريا», «المساعدات لسوريا»: the gold guide's
    place of a verbal act), and so is the country any verbal act is about
    («قرار بشأن سورية», «حول سوريا»)."""
    p = c.place
    if p and c.cue.event_type in DIPLOMATIC and x.dicts.places.get(p.id) and x.dicts.places[p.id].kind == "country":
        demanded_for = c.cue.event_type == "demand" and _after_a_preposition(s.sent, p)
        about = p.i > 0 and bool(set(proclitic_variants(s.sent.tokens[p.i - 1].norm)) & ABOUT_WORDS)
        if not (p.i >= c.m.j and c.subjects and (demanded_for or about)):
            c.place = None  # with no doer, a country is no anchor of a verbal act either


def _after_a_preposition(sent: Sentence, p: Mention) -> bool:
    """«إلى سوريا», «لسوريا» (the preposition joined to the name)."""
    return governed_by_preposition(sent, p.i) or p.start > sent.tokens[p.i].start


def date(x, s: SentenceEvents, c: CueEvent) -> None:
    """The event's date (circumstances.py)."""
    x._date(c.ev, s.sent, c.m, c.lo, c.hi, s.published, s.memory, c.cue)


def said_at_the_meeting(x, s: SentenceEvents, c: CueEvent) -> None:
    """«وشدد الطرفان على ضرورة ...» with no time of its own: the meeting's
    parties said it at the meeting, on its date (participants.py)."""
    if "date" not in c.ev.spans and s.memory.meeting_date and said_by_the_meeting(c.subjects, s.memory):
        c.ev.date, c.ev.date_precision = s.memory.meeting_date


def reported_by(x, s: SentenceEvents, c: CueEvent) -> None:
    """A reporting verb attributes what follows it, not what came before."""
    sm = s.speaker_m
    if sm is not None and sm.via == COLLECTIVE:
        return  # «وقال البيان»: the meeting's parties speak for themselves, no one of them relays
    if sm is None or sm.via == "according" or sm.start < c.m.start:
        c.ev.reported_by = s.speaker
        if sm is not None:
            c.ev.spans["reported_by"] = [sm.start, sm.end]


def actor2_and_place(x, s: SentenceEvents, c: CueEvent) -> None:
    """The one acted on and the place go on the event, with their spans."""
    if c.obj:
        c.ev.actor2 = c.obj.id
        c.ev.spans["actor2"] = [c.obj.start, c.obj.end]
    if c.place:
        c.ev.place = c.place.id
        c.ev.spans["place"] = [c.place.start, c.place.end]


def negated_and_hedged(x, s: SentenceEvents, c: CueEvent) -> None:
    """A denied or failed act, an attempt or a forecast; a cue flagged
    `negated` («فشل», «سحب») is told as not done."""
    c.ev.negated, c.ev.hedged = _flags(s.sent, c.m, c.cue, c.lo)
    if c.cue.has("negated"):
        c.ev.negated = True


def claimed_attack(x, s: SentenceEvents, c: CueEvent) -> None:
    """«وتبنى تنظيم داعش الهجوم»: the claimant did the attack it claims,
    where and when the last attack was told."""
    sent, m, ev, memory = s.sent, c.m, c.ev, s.memory
    if ev.event_type != "vote" or not any(t.norm in CLAIMED for t in sent.tokens[m.j : m.j + 5]):
        return
    claimed = {t.norm for t in sent.tokens[m.j : m.j + 5]}
    ev.event_type = "suicide_or_ied" if claimed & BOMBINGS else (memory.last_violent_type or "armed_clash")
    ev.rule += "+claim"
    claimant = x._first_actor_after(sent, m.j, limit=3)
    if claimant is not None:
        ev.reported_by, ev.spans["reported_by"] = claimant.id, [claimant.start, claimant.end]
    if memory.last_violent_place and not ev.place:
        ev.place = memory.last_violent_place
    if "date" not in ev.spans and memory.last_violent_date:
        ev.date, ev.date_precision = memory.last_violent_date


def a_future_act_is_a_threat(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«قال أردوغان إن قواته ستدخل منبج», «أكد المتحدث أن الجيش سيحرر المدينة»:
    a material act told in the future tense (a cue form of tense `future`,
    or after a future word, lexicon class future_markers: «ستكون تطهير
    الجيوب», «سوف يتم اقتحام») by a party that speaks for the side that will do it is that speaker's
    threat against its target, dated by the speech (the gold guide). Told
    by anyone else, or with no speaker, it is a forecast that this one
    future verb is too weak a signal to code: no act here."""
    toks, m = s.sent.tokens, c.m
    future = c.cue.tense == "future" or any(t.norm in FUTURE_MARKERS for t in toks[max(c.lo, m.i - 2) : m.i])
    if not future or c.ev.event_type not in MATERIAL_ACTS:
        return False
    sm, doer = s.speaker_m, (c.subjects[0] if c.subjects else None)
    party = sm is not None and sm.via != "according" and x._kind(sm.id) not in ("media", "monitor", "civilians")
    if party and (doer is None or x._chain(doer.id) & x._chain(sm.id) or _same_country(x, doer.id, sm.id)):
        c.ev.event_type, c.ev.rule, c.ev.hedged, c.subjects = "threat", c.ev.rule + "+future", False, [sm]
        return False
    return True  # a forecast told by one verb alone: too weak to code (precision first)


def _same_country(x, a: str, b: str) -> bool:
    """Two actors of one state: «أردوغان» and «الجيش التركي»."""
    ca, cb = (getattr(x.dicts.actors.get(i), "country", "") for i in (a, b))
    return bool(ca) and ca == cb


def toll(x, s: SentenceEvents, c: CueEvent) -> None:
    """The fatalities of a violent act."""
    if c.ev.event_type in VIOLENT:
        c.ev.fatalities = _fatalities(s.sent, c.lo, c.hi)


# -- cue passes: is there enough to code? ----------------------------------------------


def unanchored(x, s: SentenceEvents, c: CueEvent) -> bool:
    """Nothing to anchor the event to; a toll alone is coded only when dated
    («مقتل 150 مدنيا منذ بدء الحملة في 19 حزيران») or when it names the
    force it hit («قتل 20 من عناصر الشرطة في هجوم انتحاري»: the killed are
    the act's actor2, killed_were_the_enemy)."""
    ev = c.ev
    toll = ev.event_type in VIOLENT and ev.fatalities is not None and not c.killing
    return not c.subjects and not c.obj and not c.place and ev.event_type != "vote" and \
        not (toll and ("date" in ev.spans or _killed_force(x, s) is not None))


def _killed_force(x, s: SentenceEvents) -> Mention | None:
    """The armed force the sentence says was killed, if it names one."""
    killed = s.killed
    return killed if killed is not None and x._kind(killed.id) != "civilians" else None


def _killed_run(x, s: SentenceEvents) -> list[Mention]:
    """The armed forces the sentence says were killed: the one named and those coordinated with it."""
    killed = _killed_force(x, s)
    return _coordinated(s.sent, killed, s.sent.actors) if killed is not None else []


def displaced_named_in_passing(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«أمام النازحين»: the displaced named in passing, no flight told."""
    return c.ev.event_type == "displacement" and c.place is None and all(a.via == "victims" for a in c.subjects) \
        and not any(t.norm.isdigit() or t.norm in QUANTITIES for t in s.sent.tokens[c.lo:c.hi])


def attack_told_before(x, s: SentenceEvents, c: CueEvent) -> bool:
    """«تصاعد الهجمات», «لتعليق الهجوم»: the attack told before, not a new one."""
    return c.ev.event_type == "armed_clash" and c.cue.role == "noun" and c.place is None and \
        "date" not in c.ev.spans and proclitic_variants(s.sent.tokens[c.m.i].norm)[-1].startswith(ARTICLE)


REMOTE_ACTS = ("suicide_or_ied", "shelling", "airstrike", "chemical_attack")


def attack_told_again(x, s: SentenceEvents, c: CueEvent) -> None:
    """«صدموا بشاحنة ملغومة ...» then «وجرح ثلاثة غيرهم في الهجوم على الحاجز ...»,
    «قصفت طائرات التحالف ...» then «إن القصف استهدف ...»: the definite attack
    or bombardment is the bombing (the shelling, the strike) told before,
    of its type, unless an adjective or a day of its own says it is another."""
    sent, m = s.sent, c.m
    # «الهجوم» is the last violent act if it was a remote one, «القصف» the last strike from the air
    last = s.memory.last_violent_type if c.ev.event_type == "armed_clash" else s.memory.last_remote_type
    if c.cue.role != "noun" or m.j - m.i != 1 or last not in REMOTE_ACTS or \
            (c.ev.event_type, last) not in (("armed_clash", last), ("shelling", "airstrike")):
        return
    if not has_variant_in(sent.tokens[m.i].norm, ATTACK_ANAPHORS):
        return
    nxt = sent.tokens[m.j].norm if m.j < len(sent.tokens) else ""
    if nxt.startswith(ARTICLE) and nxt not in RELATIVES | REFER_BACK:
        return  # «الهجوم البري»: an attack of another kind
    if "date" in c.ev.spans and not _within_a_day(s.memory.last_violent_date, c.ev.date):
        return  # «الهجوم الذي انطلق في الثاني من الشهر»: an attack of another day, the offensive
    c.ev.event_type = last
    c.ev.rule += TOLD_BEFORE



def doer_told_before(x, s: SentenceEvents, c: CueEvent) -> None:
    """«قصفت طائرات التحالف ...» then «إن القصف استهدف ...» or «وسددت
    الطائرات ضربات»: the strike told again (the definite act, or the
    definite aircraft of a strike) with no doer named in its sentence is done
    by the doer of the last strike told, a few sentences back (a strike told
    in between with no doer breaks the thread)."""
    told, m = s.memory.last_remote_doer, c.m
    if c.subjects or c.cue.role != "noun" or told is None or told[1] is None or told[0] != c.ev.event_type or \
            s.sent.idx - told[2] > DOER_TOLD_WITHIN:
        return
    word = proclitic_variants(s.sent.tokens[m.i].norm)[-1]
    if TOLD_BEFORE not in c.ev.rule and not (c.ev.event_type == "airstrike" and m.j - m.i == 1 and
                                             word.startswith(ARTICLE)):
        return
    tok = s.sent.tokens[m.i]
    c.subjects = [Mention("actor", told[1], m.i, m.i, tok.start, tok.start, "told-doer")]


DOER_TOLD_WITHIN = 3  # sentences back to the strike whose doer a strike told again keeps


def _within_a_day(told: tuple[str, str] | None, date: str | None) -> bool:
    """Whether a date is the day told before or next to it (a report «أمس» of «اليوم»'s news)."""
    a, b = parse_date(told[0]) if told else None, parse_date(date)
    return a is not None and b is not None and abs((a - b).days) <= 1


# -- one event per coordinated place, object and subject --------------------------------


def event_variants(s: SentenceEvents, c: CueEvent) -> Iterator[tuple[Event, Mention | None]]:
    """«في الرقة ودير الزور», «على داعش والنصرة», «X وY»: the event once for
    each place, object and subject; a shared toll goes on the first place only."""
    sent, ev = s.sent, c.ev
    variants = [ev]
    for extra in _coordinated(sent, c.place, sent.places)[1:]:
        e = Event(**{**ev.__dict__, "spans": dict(ev.spans)})
        e.place, e.spans["place"] = extra.id, [extra.start, extra.end]
        e.fatalities = None
        variants.append(e)
    for extra in _coordinated(sent, c.obj, sent.actors)[1:]:
        e = Event(**{**ev.__dict__, "spans": dict(ev.spans)})
        e.actor2, e.spans["actor2"] = extra.id, [extra.start, extra.end]
        variants.append(e)
    for base in variants:
        for subj in c.subjects or [None]:
            yield Event(**{**base.__dict__, "spans": dict(base.spans)}), subj


# -- variant passes --------------------------------------------------------------------


def attack_in_words(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """«هاجم وزير الخارجية الموقف التركي»: an attack in words (the cue flag `verbal_attack`)."""
    if e.event_type == "armed_clash" and c.cue.has("verbal_attack") and subj is not None and \
            x._attacks_in_words(subj.id):
        e.event_type = "criticism"
        e.rule += "+verbal"
        e.date, e.date_precision = None, "unknown"
        e.spans.pop("place", None)
        e.place = None


def who_moves(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """Civilians who withdraw are displaced; armed men displaced withdraw."""
    if subj is None:
        return
    if e.event_type == "withdrawal" and x._kind(subj.id) == "civilians":
        e.event_type = "displacement"
    elif e.event_type == "displacement" and x._kind(subj.id) in ("armed_group", "militia", "state_force"):
        e.event_type = "withdrawal"


def from_the_air(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """«قصف التحالف الدولي», «طيران الجيش وطائرات التحالف دمرت ...»: an
    attack from aircraft is an air strike; so is one told with no actor
    after the aircraft that fly it («ووجهت الطائرات غارات نحو مقر»)."""
    sent = s.sent
    if subj is None:
        if e.event_type == "shelling" and not e.actor1 and _flown(s, c):
            e.event_type = "airstrike"
            e.rule += "+air"
        return
    if e.event_type == "shelling" and x._airborne(subj.id, sent, c.lo, c.hi):
        e.event_type = "airstrike"
        e.rule += "+air"
    elif e.event_type == "armed_clash" and c.cue.role in ("verb", "past") and subj.via == "name" and \
            ("air-force" in subj.id or {sent.tokens[k].norm for k in (subj.i - 1, subj.i) if k >= 0} & AIR_SUBJECTS):
        e.event_type = "airstrike"
        e.rule += "+air"


def _flown(s: SentenceEvents, c: CueEvent) -> bool:
    """A strike told with no actor is flown when the aircraft come just
    before it («وسددت الطائرات ضربات»), or when the sentence before told an
    air strike, the cue names the strike and not a missile («صاروخ أطلق»:
    fired from the ground) and no ground fire is named («... قصفت طائرات
    التحالف ...» then «وذكر أنه تم قصف موقعين»)."""
    toks = s.sent.tokens
    if any(strip_article(t.norm) in AIR_WORDS for t in toks[max(c.lo, c.m.i - 3) : c.m.i]):
        return True
    told = s.memory.last_remote_doer
    if told is None or told[0] != "airstrike" or told[2] != s.sent.idx - 1:
        return False
    fired = MUNITIONS | GROUND_FIRE
    return not any(strip_article(v) in fired for t in toks[c.lo : c.hi] for v in proclitic_variants(t.norm))


def actor1(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """The subject is actor1 (and so not actor2 too); a dropped subject has no span."""
    if subj is None:
        return
    if subj.id == e.actor2:
        e.actor2 = None
        e.spans.pop("actor2", None)
    e.actor1 = subj.id
    if subj.via in ("pro-drop", "told-doer"):
        e.rule += "+" + subj.via  # no word names it: the subject of the last act, the doer of the act told before
    else:
        e.spans["actor1"] = [subj.start, subj.end]


def keep(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    s.out.append(e)


def remember_the_force(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """The last force named and the last that acted: for «قواته» and a dropped subject."""
    _remember_force(x, s, subj, acted=e.event_type in VIOLENT | {"territory_taken", "withdrawal"})


def _remember_force(x, s: SentenceEvents, subj: Mention | None, acted: bool) -> None:
    actor = x.dicts.actors.get(subj.id) if subj is not None else None
    if actor and actor.kind in ("state_force", "armed_group", "militia", "coalition"):
        s.memory.latest_force = subj.id
        if acted:
            s.memory.last_actor1 = (subj.id, s.sent.idx)


def remember_the_main_act(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """The forces and the place of the sentence's first material act: for
    the battles told after it (battle_of_the_main_act, place_of_the_main_act)."""
    if subj is not None and not s.main_subjects and e.event_type in MATERIAL_ACTS and x._is_force(subj.id) and \
            subj.via != "told-doer":  # the doer of a strike told again fought no battle of this sentence
        s.main_subjects = [a for a in c.subjects if x._is_force(a.id)]
    if s.main_place is None and c.place is not None and e.event_type in MATERIAL_ACTS:
        s.main_place = c.place


def remember_the_violence(x, s: SentenceEvents, c: CueEvent, e: Event, subj: Mention | None) -> None:
    """The type, place and date of the last violent act: what «تبنى ... الهجوم» claims."""
    memory = s.memory
    if e.event_type in VIOLENT and "+claim" not in e.rule:
        memory.last_violent_type = e.event_type
        if e.event_type in REMOTE_ACTS:
            memory.last_remote_type = e.event_type
            memory.last_remote_doer = (e.event_type, subj.id if subj is not None else None, s.sent.idx)
        memory.last_violent_place = e.place or memory.last_violent_place
        if e.date:
            memory.last_violent_date = (e.date, e.date_precision)


# -- sentence passes --------------------------------------------------------------------


def own_verbal_act_not_relayed(x, s: SentenceEvents) -> None:
    """A speaker's own verbal act, or the truce it announces, is not relayed (docs/EVENTS.md)."""
    for e in s.out:
        own_word = e.event_type in DIPLOMATIC | SETTLEMENTS or e.event_type == "statement"
        group = s.memory.speaker_group  # «وقال البيان: ندعو»: the parties speak as one
        if e.reported_by and e.actor1 and own_word and \
                (x._chain(e.actor1) & x._chain(e.reported_by) or {e.actor1, e.reported_by} <= set(group)):
            e.reported_by = None
            e.spans.pop("reported_by", None)


def killed_were_the_enemy(x, s: SentenceEvents) -> None:
    """The fighters the sentence says were killed are the violent acts' actor2."""
    run = _killed_run(x, s)
    for e in list(s.out):
        if e.event_type not in VIOLENT or e.actor2 is not None:
            continue
        hit = [k for k in run if not (e.actor1 and x._chain(e.actor1) & x._chain(k.id))]
        for n, k in enumerate(hit):  # «من الشرطة الاتحادية والحشد الشعبي»: one event per force hit
            v = e if n == 0 else Event(**{**e.__dict__, "spans": dict(e.spans), "fatalities": None})
            v.actor2, v.spans["actor2"] = k.id, [k.start, k.end]
            if n:
                s.out.append(v)


def civilians_hit_by_the_strike(x, s: SentenceEvents) -> None:
    """«قصفت المدفعية القرية ما أدى إلى إصابة راعيين», «مواطنا اصيب
    في قصف الطائرات»: a strike, shelling, bombing or chemical attack whose
    outcome («ما أدى إلى», «أسفر عن») or whose victims right before it are
    civilians killed or wounded, and that names no armed target, hit
    civilians: they are its actor2 (tests/gold/README.md, issue 12). The
    outcome is the last act's told before it; like a shared toll, it goes to
    the act's first place only."""
    if "civilians" not in x.dicts.actors:
        return
    sent, toks, seen = s.sent, s.sent.tokens, set()
    acts = [c.i for c, cue in sent.cues if cue.event_type in VIOLENT and not cue.has("killing")]
    for e in s.out:
        trigger = tuple(e.spans.get("trigger", ()))
        if e.event_type not in REMOTE_ACTS or not trigger or trigger in seen:
            continue
        seen.add(trigger)
        at = next((k for k, t in enumerate(toks) if t.start <= trigger[0] < t.end), None)
        # the outcome ends where a clause tells another act
        later = [k for k in acts if at is not None and k > at and any(at < b <= k for b in sent.bounds)]
        harmed = _civilians_harmed(toks, at, min(later + [len(toks)])) if at is not None else None
        if harmed is not None and e.actor2 is None:
            e.actor2, e.spans["actor2"] = "civilians", [toks[harmed].start, toks[harmed].end]


def _civilians_harmed(toks, at: int, end: int) -> int | None:
    """The civilians killed or wounded in the outcome of the act at token
    `at` (before token `end`), or right before it: their token."""
    def word_in(k: int, words) -> bool:
        return any(v in words for v in proclitic_variants(toks[k].norm))
    harms = [k for k in range(at + 1, end) if word_in(k, HARM_WORDS) and
             any(word_in(r, RESULT_VERBS) for r in range(max(at + 1, k - 3), k))]
    harms += [k for k in range(max(0, at - 3), at) if word_in(k, HARM_WORDS)]  # «مواطنا اصيب في قصف الطائرات»
    return next((n for k in harms for n in range(max(0, k - 3), min(len(toks), k + 4))
                 if n != k and word_in(n, CIVILIAN_TARGETS)), None)


def an_agreement_on_a_truce_is_the_truce(x, s: SentenceEvents) -> None:
    """«التوصل إلى اتفاق لوقف إطلاق النار»: one act, the ceasefire, not also an agreement."""
    tokens = s.sent.tokens
    def token_at(pos: int) -> int:
        return next((k for k, t in enumerate(tokens) if t.start <= pos < t.end), -1)
    truces = {(e.actor1, token_at(e.spans["trigger"][0])) for e in s.out if e.event_type == "ceasefire"}
    def on_a_truce(e: Event) -> bool:
        last = token_at(e.spans["trigger"][1] - 1)
        return any(actor == e.actor1 and 0 < k - last <= 2 for actor, k in truces)
    s.out = [e for e in s.out if not (e.event_type == "agreement" and on_a_truce(e))]


def the_displaced_beside_the_fighters(x, s: SentenceEvents) -> None:
    """«خرج منها 116 مقاتلا و6101 لاجئ»: the people counted beside the
    fighters who withdrew were displaced, an act of their own (who_moves
    makes civilians who withdraw displaced; here both are told)."""
    toks = s.sent.tokens
    for e in list(s.out):
        if e.event_type != "withdrawal" or "civilians" not in x.dicts.actors:
            continue
        k = s.sent.token_at(e.spans["trigger"][1] - 1) + 1  # the token after the trigger (len: none)
        end = min([b for b in s.sent.bounds if b > k] + [k + 8, len(toks) - 1])  # in the act's clause
        for n in range(k, end):
            count = toks[n].norm[1:] if toks[n].norm[:1] == CONJUNCTIONS[0] else ""
            if (count.isdigit() or count in NUMBER_WORDS) and has_variant_in(toks[n + 1].norm, COUNTED_PEOPLE):
                d = Event(**{**e.__dict__, "spans": dict(e.spans)})
                d.event_type, d.actor1, d.actor2, d.fatalities = "displacement", "civilians", None, None
                d.rule += "+displaced"
                d.spans["actor1"] = [toks[n + 1].start, toks[n + 1].end]
                d.spans.pop("actor2", None)
                s.out.append(d)
                break


def one_event_per_act(x, s: SentenceEvents) -> None:
    """The same act read from two cues is one event, the more specific."""
    s.out = _prefer_specific(_dedupe(s.out, s.sent), s.sent)


def statements_that_are_news(x, s: SentenceEvents) -> None:
    """A plain «قال» that carries no act is rarely news; a warning, a
    forecast, a denial, a claim or an assessment (the cue flag `news`) is
    (docs/EVENTS.md), when what it says is not itself a coded act."""
    sent = s.sent
    for m, c in sent.cues:
        if c.event_type != "statement" or not c.has("news") or any(e.event_type == "statement" for e in s.out):
            continue
        end = content_end(sent, m)
        if any(m.j <= m2.i < end and c2.event_type != "statement" for m2, c2 in sent.cues):
            continue
        ev = _statement(x, s, m, c)
        if ev is not None:
            s.out.append(ev)


def _statement(x, s: SentenceEvents, m: Mention, c: Cue) -> Event | None:
    sent, speaker, speaker_m = s.sent, s.speaker, s.speaker_m
    if c.role == "participle":  # «..., محذرة من كارثة»: the sentence's subject warns
        who = next((a for a in sent.actors if a.j <= m.i and x._is_speaker(a.id) and
                    not x._governed(sent, a)), None)
    else:
        who = x._first_actor_after(sent, m.j, limit=4)
    if who is not None and not x._is_speaker(who.id):
        who = None
    actor = who.id if who is not None else (speaker if m.i <= 1 or speaker_m is None else None)
    if actor is None:
        return None
    lo, _ = _clause_of(sent, m.i)
    ev = Event("statement", sent.idx, actor1=actor, rule="statement:verb:" + sent.text[m.start:m.end])
    ev.spans["trigger"] = [m.start, m.end]
    anchor = who or speaker_m
    if anchor is not None:
        ev.spans["actor1"] = [anchor.start, anchor.end]
    if speaker and speaker != actor and speaker_m is not None and speaker_m.start < m.start:
        ev.reported_by = speaker  # «قال المرصد إن X حذر»: relayed
    x._date(ev, sent, m, 0, len(sent.tokens), s.published, s.memory)
    ev.negated, ev.hedged = _flags(sent, m, None, lo)
    ev.negated = ev.negated or c.has("denial")
    return ev


# -- article passes: over the events of the whole article ------------------------------


def lead_dated_by_its_later_report(x, events: list[Event], published: dt.date | None,
                                   sentences: list[Sentence]) -> None:
    """«قصفت طائرات التحالف مواقع التنظيم في سنجار» in the lead, then «إن
    القصف استهدف مواقعه يوم أمس»: the lead tells without a time the act
    that a later report dates, so the act told first takes that date (ACLED
    codes the day it happened, not the day it was reported). The later report
    is the same act when it says so («القصف», «الهجوم»: the act told before),
    names the same site (a base, a village; not a city), or is the same
    doer's same verbal act in the next sentence; a later act merely of the
    same type may be another, and background («وكان ... قد») is an earlier
    act. An act told as going on now keeps the news day. An act told only
    as «within days» (precision week) anywhere in the article is dated so
    too, and so is what the first report's episode told between the two at
    its place."""
    if published is None:
        return
    for e in events:
        if not _untimed_report(e, published) or _told_as_now(sentences[e.sentence_idx], e):
            continue
        later = next((o for o in events if o.sentence_idx > e.sentence_idx and "date" in o.spans and
                      o.event_type == e.event_type and not _background(sentences[o.sentence_idx]) and
                      _retells(x, e, o)), None)
        when = parse_date(later.date) if later is not None and later.date_precision == "day" else None
        earliest = 0 if e.date is None else 1  # an undated verbal act may be dated the day of the news
        if when is None or not earliest <= (published - when).days <= RECENT_DAYS:
            continue
        told = (e.date, e.date_precision)
        for f in events:  # the episode between: «الهجوم نفذته ...», «اعتراض الصواريخ» at the same site
            if f is e or (e.place and f.place == e.place and "date" not in f.spans and
                          (f.date, f.date_precision) == told and e.sentence_idx <= f.sentence_idx < later.sentence_idx):
                f.date, f.date_precision = later.date, later.date_precision


def _told_as_now(sent: Sentence, e: Event) -> bool:
    """«تتواصل الاشتباكات في المدينة»: an act told as going on now is
    dated by the news, not by a report of an earlier day."""
    at = e.spans.get("trigger")
    for m, c in sent.cues:
        if at and m.start == at[0]:
            return c.tense == "present" or any(t.norm in ONGOING for t in sent.tokens[max(0, m.i - 4) : m.i + 1])
    return False


def _background(sent: Sentence) -> bool:
    """«وكانت القوات قد قصفت البلدة أمس»: background, an earlier act."""
    return bool(sent.tokens) and sent.tokens[0].norm in BACKGROUND_OPENERS


def _untimed_report(e: Event, published: dt.date) -> bool:
    """An act told with no time of its own: in the lead, dated by the news
    (a verbal act there: undated), or anywhere, dated only to its week."""
    if "date" in e.spans:
        return False
    if e.date == published.isoformat() and e.date_precision == "week":
        return True
    if e.sentence_idx > LEAD_SENTENCES:
        return False
    return e.date is None if e.event_type in DIPLOMATIC else e.date == published.isoformat()


def _retells(x, e: Event, o: Event) -> bool:
    """The later report `o` tells the act `e` again: nothing contradicts it,
    and it says so, names the same site (not a city), or, for a verbal act, has
    the same doer in the next sentence."""
    if not _same_act_told(x, e, o):
        return False
    if TOLD_BEFORE in o.rule:
        return True
    place = x.dicts.places.get(e.place) if e.place and e.place == o.place else None
    if place is not None and place.kind in SITES:
        return True
    # «عرقلت روسيا ... . واستخدمت روسيا أمس حق النقض»: one vote, one veto; strikes of one
    # force in two sentences may be two days' strikes
    return e.event_type in DIPLOMATIC and bool(e.actor1) and e.actor1 == o.actor1 and \
        o.sentence_idx == e.sentence_idx + 1


def _same_act_told(x, e: Event, o: Event) -> bool:
    """No side and no place of one contradicts the other's."""
    for f in ("actor1", "actor2"):
        a, b = getattr(e, f), getattr(o, f)
        if a and b and not (x._chain(a) & x._chain(b)):
            return False
    if e.place and o.place:
        chain = {p.id for p in x.dicts.place_chain(e.place)} | {p.id for p in x.dicts.place_chain(o.place)}
        return e.place in chain and o.place in chain
    return True
