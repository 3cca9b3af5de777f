"""The words the extractor reasons with: prepositions, negations, hedges,
reporting words, anaphors and the like, normalised once. Names of actors
and places and the event cues are data files (store/data/); these are the
closed classes of Arabic grammar and news style that the rules rely on.

The words themselves are data: store/data/lexicon.tsv, plus the rows of a
user's own lexicon.tsv, which add words to a class. They are read once, when
this module is first imported."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from .. import settings
from ..text.arabic import normalize
from ..text.morphology import verb_forms
from .dictionaries import _rows, dictionary_texts

VIOLENT = {"armed_clash", "airstrike", "shelling", "suicide_or_ied", "chemical_attack", "attack_on_civilians"}
DIPLOMATIC = {"accusation", "criticism", "praise", "proposal", "demand", "vote", "veto", "threat", "finding"}
TAKES_OBJECT = VIOLENT | DIPLOMATIC | {"territory_taken"}
SETTLEMENTS = {"ceasefire", "agreement", "release"}  # acts that end or ease the fighting
# acts done in words or by agreement, which a meeting's parties do as one (participants.py)
SPOKEN_ACTS = DIPLOMATIC | SETTLEMENTS | {"statement"}
# Who can do a material act: not a newspaper, a monitor or a UN body.
MATERIAL_ACTOR_KINDS = {"state_force", "armed_group", "militia", "coalition", "government", ""}
SPEAKER_KINDS = {"media", "monitor", "person", "government", "international_body", "coalition",
                 "state_force", "armed_group", "militia"}


@lru_cache(maxsize=4096)
def _norms(*words: str) -> frozenset[str]:
    """The normal forms of single words, for tests of one token; a phrase
    here could never match (phrases go to the dictionaries' PhraseIndex)."""
    phrases = [w for w in words if len(w.split()) != 1]
    if phrases:
        raise ValueError(f"not single words: {phrases}")
    return frozenset(normalize(w) for w in words)


class Phrases(frozenset):
    """A class's phrases, each a tuple of normalised words, with what a
    scan for them needs: the words they begin with and their lengths."""

    def __init__(self, phrases=()):
        super().__init__()
        self.firsts = frozenset(p[0] for p in self if p)
        self.lengths = sorted({len(p) for p in self})

    def found_in(self, norms: list[str]) -> bool:
        """Whether one of the phrases stands in `norms` (one cut short by
        the end counts as the shorter phrase it is, if that is one)."""
        if () in self:
            return bool(norms)
        firsts, lengths = self.firsts, self.lengths
        return any(tuple(norms[k : k + n]) in self for k, w in enumerate(norms) if w in firsts for n in lengths)


class Lexicon:
    """Closed word classes: class name → its words (or phrases, or words
    with values), from rows of lexicon.tsv. A word `@other` includes every
    word of the class `other`."""

    def __init__(self, rows: Iterable[dict[str, str]], digests: tuple[str, ...] = ()):
        self.digests = digests  # of the files read, to tell two lexicons apart
        self._rows: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            self._rows.setdefault(row["class"], []).append((row.get("word", ""), row.get("value", "")))

    def _entries(self, name: str, within: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
        if name not in self._rows:
            raise KeyError(f"store/data/lexicon.tsv: no word class {name!r}")
        for word, value in self._rows[name]:
            if not word.startswith("@"):
                yield word, value
            elif word[1:] in within + (name,):
                raise ValueError(f"store/data/lexicon.tsv: class {name!r} includes itself through {word}")
            else:
                yield from self._entries(word[1:], within + (name,))

    def words(self, name: str) -> frozenset[str]:
        """The normal forms of the class's single words."""
        return _norms(*(word for word, _ in self._entries(name)))

    def every_word(self) -> frozenset[str]:
        """The normal forms of every single word of every class: words the
        rules know as something, so never as an unknown name."""
        return frozenset(normalize(word) for rows in self._rows.values() for word, _ in rows
                         if word and not word.startswith("@") and len(word.split()) == 1)

    def spellings(self, name: str) -> frozenset[str]:
        """The class's words as written, letters unfolded (the hamza kept)."""
        return frozenset(word for word, _ in self._entries(name))

    def phrases(self, name: str) -> Phrases:
        """The class's phrases, each as a tuple of normalised words."""
        return Phrases(tuple(normalize(w) for w in word.split()) for word, _ in self._entries(name))

    def values(self, name: str, kind: Callable[[str], object] = int) -> dict[str, object]:
        """Normalised word → its value, in file order; a row whose value
        does not read as `kind` is left out."""
        out = {}
        for word, value in self._entries(name):
            try:
                out[normalize(word)] = kind(value)
            except ValueError:
                continue
        return out


def load_lexicon(include_user: bool = True) -> Lexicon:
    """The shipped lexicon.tsv, then the user's (settings.dict_dir())."""
    texts = list(dictionary_texts(["lexicon.tsv"], settings.dict_dir() if include_user else None))
    digests = tuple(hashlib.sha256(text.encode("utf-8")).hexdigest() for _, text in texts)
    return Lexicon((row for where, text in texts for row in _rows(text, where, key="class")), digests)


LOADED = _LEXICON = load_lexicon()  # what this process's rules use

PREPOSITIONS = _LEXICON.words("prepositions")
LOCATIVES = _LEXICON.words("locatives")
OBJECT_MARKERS = _LEXICON.words("object_markers")
LOSER_MARKERS = _LEXICON.words("loser_markers")
MEMBERS = _LEXICON.words("members")
CLAUSE_WORDS = _LEXICON.words("clause_words")
RELATIVES = _LEXICON.words("relatives")
NEGATIONS = _LEXICON.words("negations")
HEDGES = _LEXICON.words("hedges")
# «تفكيك العبوات الناسفة», «وحدات الهندسة»: mines cleared or lying about, not a bombing (the gold guide)
DEFUSING = _LEXICON.words("defusing")
# «الأراضي التي سيطروا عليها»: control told of no place in particular
GENERIC_AREAS = _LEXICON.words("generic_areas")
# ranks and offices between a verb and a name: «قال قائد العمليات الفريق الركن عبد الوهاب الساعدي»
TITLES = _LEXICON.words("titles")
# «الفصائل المدعومة من تركيا», «بدعم من التحالف»: a backer is no place of the act
SUPPORT = _LEXICON.words("support")
# «برصاص عناصر من قسد», «بنيران الجيش», «على يد التنظيم»: who killed
KILLERS = _LEXICON.words("killers")
AFTER_WORDS = _LEXICON.words("after_words")  # «بعد انسحاب X»: X left before the capture
AGENT_MARKERS = _LEXICON.phrases("agent_markers")
# a forecast dates nothing but what it names: «من المتوقع أن تسيطر»
FORECASTS = _LEXICON.words("forecasts")
# «يذكر أن», «وكان ... قد»: background, dated only by a time of its own
BACKGROUND_OPENERS = _LEXICON.words("background_openers")
ALLEGED = _LEXICON.words("alleged")
DENIALS = _LEXICON.words("denials")
REPORTING = _LEXICON.words("reporting")
ADVERBS = _LEXICON.words("adverbs")
FATAL_CUES = _LEXICON.words("fatal_cues")
HARM_WORDS = _LEXICON.words("harm_words")  # the killed or wounded: «إصابة سيدة»
RESULT_VERBS = _LEXICON.words("result_verbs")  # «ما أدى إلى», «أسفر عن»: the outcome of the act
# «مقتل خمسة مدنيين»: numbers written as words
NUMBER_WORDS = _LEXICON.values("number_words")
VAGUE_NUMBERS = _LEXICON.values("vague_numbers")
ANAPHORS = _LEXICON.words("anaphors")
ONGOING = _LEXICON.words("ongoing")
COUNTED = _LEXICON.words("counted")
DRAFT_WORDS = _LEXICON.words("draft_words")
DIRECTION_FILLER = _LEXICON.words("direction_filler")
LOCATOR_DIRECTIONS = _LEXICON.words("locator_directions")
SYMBOL_HEADS = _LEXICON.words("symbol_heads")  # «علم العراق»: a flag, no place
# «تعرضت القاعدة للقصف»: the verbs (every form) whose «ل» takes the act undergone, not a purpose
UNDERGOING = frozenset(form for stem in _LEXICON.words("undergoing_verbs") for form, _ in verb_forms(stem, True))  # «، شمال بغداد»: where the place before lies
AIR_WORDS = _LEXICON.words("air_words")
AIRCRAFT_NOUNS = _LEXICON.words("aircraft_nouns")  # «طائرتين روسيتين»: aircraft named by their state
FLEEING_ADVERBS = _LEXICON.words("fleeing_adverbs")
NARRATIVE_THEN = _LEXICON.words("narrative_then")
JOINERS = _LEXICON.words("joiners")
# «قرية X», «مجمع X» before a name no dictionary has: its kind (mentions.unlisted_places)
UNLISTED_PLACE_HEADS = _LEXICON.values("unlisted_place_heads", str)
UNLISTED_SITE_HEADS = _LEXICON.values("unlisted_site_heads", str)
SPECIFICALLY = _LEXICON.words("specifically_words")  # «وتحديدا بلدة تلدو»: the place singled out
COMPOUND_NAME_OPENERS = _LEXICON.words("compound_name_openers")  # «أم الحنطة»: a two-word name
KNOWN_WORDS = _LEXICON.every_word() - COMPOUND_NAME_OPENERS
ORIGIN_PHRASES = _LEXICON.phrases("origin_phrases")  # «من اتجاه»: where the fire came from


def _frequent_words() -> frozenset[str]:
    """store/data/frequent_words.tsv (scripts/build_frequent_words.py): the
    words general Arabic uses most without the article, normalised."""
    return frozenset(line.strip() for _, text in dictionary_texts(["frequent_words.tsv"], None)
                     for line in text.splitlines()[1:] if line.strip() and not line.startswith("#") and
                     line.strip() != "word")


FREQUENT_WORDS = _frequent_words()


def _common_names(kind: str) -> frozenset[str]:
    """store/data/common_names.tsv (scripts/build_common_names.py), the
    normalised names of one kind: «place», names that are also an ordinary
    word with and without the article («السلمية», «الباب»), which need a
    locative; «glued», frequent words that spell a place name behind a
    proclitic («فرقة» = ف + «رقة»), which are never that place."""
    return frozenset(cols[0] for _, text in dictionary_texts(["common_names.tsv"], None)
                     for cols in (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
                     if len(cols) > 1 and cols[1] == kind)


COMMON_PLACE_NAMES = _common_names("place")
GLUED_WORDS = _common_names("glued")
# how wide a place of each kind is: an unlisted place lies in a wider one (mentions.unlisted_places)
KIND_RANK = {"neighbourhood": 1, "facility": 1, "camp": 1, "border_crossing": 1, "village": 2, "town": 3, "city": 4,
             "district": 5, "mountain": 5, "river": 5, "governorate": 6, "region": 6, "country": 7}
TOWN_KINDS = {"city", "town", "village", "neighbourhood", "facility", "border_crossing"}
TOWN_ANAPHORS = _LEXICON.words("town_anaphors")
VERBAL_NOUN_ANAPHORS = _LEXICON.phrases("verbal_noun_anaphors")
GOVERNORATE_ANAPHORS = _LEXICON.words("governorate_anaphors")
AREA_ANAPHORS = _LEXICON.words("area_anaphors")
AREA_WORDS = _LEXICON.words("area_words")
AREA_KINDS = {"region", "mountain"}
BELONGING = _LEXICON.words("belonging")
SUBJECT_SKIP = _LEXICON.words("subject_skip")
CIVILIAN_TARGETS = _LEXICON.words("civilian_targets")
OFFICIALS = _LEXICON.words("officials")
QUANTITIES = _LEXICON.words("quantities")
POSSESSED_FORCES = _LEXICON.words("possessed_forces")
# words that may stand between two coordinated places: «وريف», «وحي», «وبلدة»
JOIN_FILLER = _LEXICON.words("join_filler")
INCLUDING = _LEXICON.phrases("including")
MOVEMENT = {"withdrawal", "displacement"}
AIR_POWERS = {"RU", "US", "IL", "FR", "GB"}
BOMBINGS = _LEXICON.words("bombings")
CLAIMED = _LEXICON.words("claimed")
SOURCE_ANAPHORS = _LEXICON.words("source_anaphors")
REFER_BACK = _LEXICON.words("refer_back")
# counted people: «فر 500 ألف شخص» are displaced civilians
PEOPLE = _LEXICON.words("people")
COUNTED_PEOPLE = PEOPLE | _LEXICON.words("displaced_people")  # «6101 لاجئ», «560 لاجئا»

# --- extractor rules ---
PHRASE_INSERTS = _LEXICON.words("phrase_inserts")
COUNTRYSIDE = _LEXICON.words("countryside")
GOVERNORATE_WORDS = _LEXICON.words("governorate_words")
THAT_PARTICLES = _LEXICON.words("that_particles")  # shared with the sentence rules' block
RESOLUTION_WORDS = _LEXICON.words("resolution_words")
RESOLUTION_INDEFINITE = _LEXICON.words("resolution_indefinite")
RESOLUTION_BARE = _LEXICON.words("resolution_bare")
FORCES_WORDS = _LEXICON.words("forces_words")
OUR_FORCES = _LEXICON.words("our_forces")
AIR_SUBJECTS = _LEXICON.words("air_subjects")
AS_WORDS = _LEXICON.words("as_words")
WHAT_WORDS = _LEXICON.words("what_words")
SOURCE_WORDS = _LEXICON.words("source_words")
FROM = _LEXICON.words("from")
IN = _LEXICON.words("in")
WITH = _LEXICON.words("with")
FROM_IT = _LEXICON.words("from_it")
SINCE = _LEXICON.words("since")
FORMERLY = _LEXICON.words("formerly")
WAS = _LEXICON.words("was")
ENABLING_STEMS = _LEXICON.words("enabling_stems")
IN_FAVOUR_OF = _LEXICON.words("in_favour_of")
HOLDER_MARKERS = _LEXICON.words("holder_markers")
BECOMING = _LEXICON.words("becoming")  # «باتت تسيطر»: the hold reached
MOOD_PARTICLES = _LEXICON.words("mood_particles")  # «قبل أن تسيطر»: the present as an act
CUMULATIVE_COUNTS = _LEXICON.words("cumulative_counts")  # «مئات الغارات»: background
HABITUAL = _LEXICON.words("habitual")  # «دأب على»: an act told as a habit
HABITUAL_PHRASES = _LEXICON.phrases("habitual_phrases")  # «بين الحين والآخر»

# --- accuracy ---
# «غارات نفذها الطيران الروسي», «هجوم شنه عناصر التنظيم»: the verb's subject did the act named before it
PERPETRATING_VERBS = _LEXICON.words("perpetrating_verbs")
# «الهجوم» told again after a bombing or a shelling is that act, of its type
ATTACK_ANAPHORS = _LEXICON.words("attack_anaphors")
FALSE_VERB_FORMS = _LEXICON.words("false_verb_forms")  # «أمن» security, not «أمّن» secured
FALSE_VERB_SPELLINGS = _LEXICON.spellings("false_verb_spellings")  # «هنا» here, not «هنأ»
ADVERBIAL_ACCUSATIVES = _LEXICON.words("adverbial_accusatives")  # «اعتراضا على» in protest, not an interception
NAME_HEADS = _LEXICON.words("name_heads")  # «ساحة الطيران» is a square
ABOUT_WORDS = _LEXICON.words("about_words")  # «حول الاتهامات»: the topic spoken of
CAMP_WORDS = _LEXICON.words("camp_words")  # «مخيم للنازحين»
RECON_WORDS = _LEXICON.words("recon_words")  # «طائرات الاستطلاع»
BOMBER_NOUNS = _LEXICON.words("bomber_nouns")  # «14 انتحاريا»: the men
DEADLINE_WORDS = _LEXICON.words("deadline_words")  # «حتى يوليو 2023»: the end of a span, not the act's date
EPISODE_ANAPHORS = _LEXICON.words("episode_anaphors")  # «أثناء المذبحة»: the violent act told before
TIME_HEADS = _LEXICON.words("time_heads")  # «في الوقت الذي»: while, no relative clause
RESUMPTIVES = _LEXICON.words("resumptives")  # «، وذلك إثر هجومه أمس»: the clause before goes on
VAGUE_TIMES = _LEXICON.phrases("vague_times")  # «في وقت سابق», «لاحقا»: an act told after one has no date
GROUND_FIRE = _LEXICON.words("ground_fire")  # «بالمدفعية», «قذائف الهاون»: a strike not from the air
USING = _LEXICON.words("using_words")  # «تستعمل صواريخ»: munitions told as what a force uses
MUNITIONS = _LEXICON.words("munitions")  # «بستة صواريخ»: the means of the strike told before
AIRCRAFT_ADJECTIVES = _LEXICON.words("aircraft_adjectives")  # «طائرات حربية روسية»
ACT_ADJECTIVES = _LEXICON.words("act_adjectives")  # «قصف مماثل لقوات النظام»
HARM_CAUSES = _LEXICON.words("harm_causes")  # «أصيب مدنيان جراء القصف»
FIGHT_BETWEEN = _LEXICON.words("fight_between")  # «اشتباكات بين X وY»: X fights Y
FUTURE_MARKERS = _LEXICON.words("future_markers")  # «ستكون تطهير الجيوب»: an act still to come
