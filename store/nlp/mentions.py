"""The mention passes: who, where and which cue one sentence names.

`Extractor.analyse` runs the passes of `Extractor.PASSES["mentions"]` in
order over a `MentionDraft`; each pass has one job and reads or fills the
draft's actors, places and cues. `Mentions` holds the lookups the passes
share (a mixin of the Extractor, whose dictionaries and indexes it uses).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..text.arabic import Token, has_variant_in, normalize, proclitic_variants, variant_set
from ..text.morphology import (
    ARTICLE, CONJUNCTIONS, LAM_LAM, nisba_singulars, spells_other_hamza, strip_article,
    takes_a_definite_adjective, written_as_noun,
)
from .cues import PLACE_CONDITION, VERB_MARK, Cue
from .dictionaries import split_unlisted, unlisted_id
from .lexicon import (
    ABOUT_WORDS, AIR_WORDS, AIRCRAFT_NOUNS, ANAPHORS, CAMP_WORDS, COMMON_PLACE_NAMES, COMPOUND_NAME_OPENERS,
    COUNTRYSIDE, DIPLOMATIC, DRAFT_WORDS,
    FALSE_VERB_FORMS, FALSE_VERB_SPELLINGS, FIGHT_BETWEEN, FORCES_WORDS, FREQUENT_WORDS, GOVERNORATE_ANAPHORS,
    GLUED_WORDS, GOVERNORATE_WORDS, KIND_RANK, KNOWN_WORDS, LOCATIVES, UNLISTED_PLACE_HEADS, UNLISTED_SITE_HEADS,
    NAME_HEADS, NARRATIVE_THEN, OFFICIALS, OUR_FORCES, POSSESSED_FORCES, RECON_WORDS, REFER_BACK,
    RESOLUTION_WORDS, SYMBOL_HEADS, THAT_PARTICLES,
)
from .matcher import Hit, skip_norm_chars
from .participants import collective_mentions
from .sentence import Mention, Sentence, _coordinated, _glued_locative

# the words that may refer to an actor named before: the head words of names (the
# dictionaries' and the article's, all of ANAPHORS) and the words that refer back
_REFERRING = ANAPHORS | REFER_BACK


def _an_adjective_here(sent: Sentence, k: int, v: str) -> bool:
    """«حملته الأخيرة», «الفترة الأخيرة»: «الأخيرة» right after a word that
    takes a definite adjective qualifies it ("its latest campaign") and
    refers back to no one; «وقالت الأخيرة» does, and so does a word with a
    proclitic («التابعين للأخيرة»: an adjective takes none)."""
    if k == 0 or not v.startswith(ARTICLE) or sent.tokens[k].norm != v:
        return False
    prev, tok = sent.tokens[k - 1], sent.tokens[k]
    return not sent.text[prev.end:tok.start].strip() and takes_a_definite_adjective(prev.text)


@dataclass
class MentionDraft:
    """One sentence while the mention passes run over it."""
    text: str
    tokens: list[Token]
    context: set[str]  # the article's places, which choose between homonyms
    actor_hits: list[Hit]
    place_hits: list[Hit]
    cue_hits: list[Hit]
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    cues: list[tuple[Mention, Cue]] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # tokens a mention holds
    anchored: frozenset[str] = frozenset()  # places the article names after a locative (anchored_places)

    def prev(self, i: int) -> str:
        return self.tokens[i - 1].norm if i > 0 else ""

    def free(self, h: Hit) -> bool:
        return not any(k in self.taken for k in range(h.i, h.j))


def after_locative(tokens: list[Token], hit: Hit) -> bool:
    """Whether a locative governs the name: glued on («بدير الزور») or the
    word before it («في», «مدينة», «بلدة»; lexicon locatives)."""
    if _glued_locative(tokens[hit.i], hit.start):
        return True
    return hit.i > 0 and (tokens[hit.i - 1].norm in LOCATIVES or has_variant_in(tokens[hit.i - 1].norm, LOCATIVES))


def anchored_places(tokenized: list[list[Token]], place_hits: list[list[Hit]]) -> frozenset[str]:
    """The places an article names after a locative somewhere, by a name
    that opens with one, or joined by «و» to a list that a locative heads
    («بلدات صيدا والطيبة»): there a name that is also a common word is the
    place, and it stays the place where the article names it bare."""
    out: set[str] = set()
    for tokens, hits in zip(tokenized, place_hits):
        listed_to = -1  # the end of the last place a locative governs, directly or in its list
        for h in sorted(hits, key=lambda h: h.i):
            joined = h.i == listed_to and tokens[h.i].norm[:1] in CONJUNCTIONS
            qualified = h.j - h.i > 1 and has_variant_in(tokens[h.i].norm, LOCATIVES)  # «مدينة السلمية», one name
            if after_locative(tokens, h) or joined or qualified:
                out.update(h.payloads)
                listed_to = h.j
    return frozenset(out)


# -- the passes, in the order of Extractor.PASSES["mentions"] -------------------------


def actors_by_name(x, d: MentionDraft) -> None:
    """The actors named; a name that is both actor and place («إسرائيل»)
    is the place after a locative."""
    for h in d.actor_hits:
        place_here = any(p.i == h.i and p.j == h.j for p in d.place_hits)
        if place_here and (d.prev(h.i) in LOCATIVES or _glued_locative(d.tokens[h.i], h.start)) and \
                not _party_between(d, h):
            continue
        d.actors.append(Mention("actor", h.payloads[0], h.i, h.j, h.start, h.end))
        d.taken.update(range(h.i, h.j))


def shared_heads(x, d: MentionDraft) -> None:
    """«الطيران الروسي والسوري», «القوات العراقية والأمريكية»: an adjective
    coordinated after a name shares the name's head, and the head with it
    is a second name («الطيران السوري») when the dictionary has it."""
    for a in [a for a in d.actors if a.via == "name" and a.j - a.i >= 2]:
        head = tuple(t.norm for t in d.tokens[a.i : a.j - 1])
        last, k = d.tokens[a.j - 1].norm, a.j
        while k < len(d.tokens) and k not in d.taken:
            tok = d.tokens[k]
            word = tok.norm[1:] if tok.norm[:1] == CONJUNCTIONS[0] else ""
            ids = x.actor_index.by_tokens.get(head + (word,)) if word[:2] == last[:2] == ARTICLE else None
            # «الطائرات الروسية والسورية»: a force's head with a nationality is that country's force
            actor = ids[0] if ids else (word and x._is_force(a.id) and x._demonym_at(word))
            if not actor or actor == a.id:
                break
            start = tok.start + skip_norm_chars(tok.text, 1)
            d.actors.append(Mention("actor", actor, k, k + 1, start, tok.end, "shared-head"))
            d.taken.add(k)
            k += 1


def _party_between(d: MentionDraft, h: Hit) -> bool:
    """«المعارك بين إسرائيل وحزب الله»: after «بين», a name that is a state
    and a place is a party when the name joined to it by «و» is only an actor."""
    if d.prev(h.i) not in FIGHT_BETWEEN or h.j >= len(d.tokens) or not d.tokens[h.j].norm.startswith(CONJUNCTIONS[0]):
        return False
    other = next((a for a in d.actor_hits if a.i in (h.j, h.j + 1)), None)
    return other is not None and not any(p.i == other.i for p in d.place_hits)


def national_forces(x, d: MentionDraft) -> None:
    """«القوات الحكومية» says not whose: the government forces of the
    article's country, the one most of its places lie in (metonyms.tsv,
    kind=national); the dictionary's reading where the places say nothing."""
    for n, a in enumerate(d.actors):
        rest = [t.norm for t in d.tokens[a.i + 1 : a.j]]
        names = [" ".join([v, *rest]) for v in proclitic_variants(d.tokens[a.i].norm)]
        by_country = next((x.national[w] for w in names if w in x.national), None)
        country = x._article_country(d.context) if by_country else None
        if by_country and country in by_country and by_country[country] != a.id:
            d.actors[n] = Mention("actor", by_country[country], a.i, a.j, a.start, a.end, "national")


def places_by_name(x, d: MentionDraft) -> None:
    """The places named where no actor is; a capital that no locative
    governs stands for its state («أعلنت أنقرة»)."""
    for h in d.place_hits:
        if not d.free(h):
            continue
        prev = d.prev(h.i)
        glued = _glued_locative(d.tokens[h.i], h.start)
        norm = " ".join(t.norm for t in d.tokens[h.i:h.j])
        variants = proclitic_variants(d.tokens[h.i].norm) if h.j - h.i == 1 else (norm,)
        capital = next((x.capitals[v] for v in variants if v in x.capitals), None)
        if capital and not (prev in LOCATIVES or glued):
            d.actors.append(Mention("actor", capital, h.i, h.j, h.start, h.end, "metonym"))
            d.taken.update(range(h.i, h.j))
            continue
        if not x._place_ok(d.tokens, h, d.text, d.anchored) or prev in SYMBOL_HEADS:
            continue  # «ورفعت علم العراق فوق المبنى»: whose flag, no place of the act
        pid = x._countryside_of(x._best_place(h.payloads, d.context), prev)
        d.places.append(Mention("place", pid, h.i, h.j, h.start, h.end))
        d.taken.update(range(h.i, h.j))


def governorates_listed(x, d: MentionDraft) -> None:
    """«محافظتي السليمانية وأربيل», «في إدلب ودير الزور وريف دمشق»: a town
    that gives its name to its governorate stands for the governorate after
    a governorate word, and in a list of places whose other members are
    governorates (one at least) or such towns."""
    seen: set[int] = set()
    for first in d.places:
        if id(first) in seen:
            continue
        run = _coordinated(d, first, d.places)
        seen.update(id(m) for m in run)
        named = has_variant_in(d.prev(first.i), GOVERNORATE_WORDS)
        govs = [x._governorate_named_after(m.id) for m in run]
        wide = [x._is_governorate(m.id) for m in run]
        if not (named or (any(wide) and all(g or w for g, w in zip(govs, wide)))):
            continue
        for n, (m, gov) in enumerate(zip(run, govs)):
            if gov and not x._named_in(gov, m.id, run):
                d.places[d.places.index(m)] = Mention("place", gov, m.i, m.j, m.start, m.end, "governorate")
            elif not (gov or wide[n]):
                break


def unlisted_places(x, d: MentionDraft) -> None:
    """«في قرية بسقلا بريف إدلب», «بلدتي س وص شمال مدينة القصير»,
    «مجمع خنيفيس في بادية تدمر»: a word of a place's kind, then one word no
    dictionary or class knows, then (within three other words, in the same
    clause) a known place: the name is a place of that kind inside the
    known one, which gives it its coordinates (`Dictionaries.unlisted`)."""
    tokens = d.tokens
    cue_tokens = {k for h in d.cue_hits for k in range(h.i, h.j)}
    for k in range(len(tokens) - 1):
        head, kind = _place_head(tokens[k].norm)
        if not (head or kind):
            continue
        n = k + 1
        if head and head == strip_article(head) and k not in d.taken and \
                _site_named_after_a_town(x, d, k, head, kind):
            continue
        if not kind or k in d.taken or n in d.taken or n in cue_tokens:
            continue
        if head and head != strip_article(head) and not (tokens[n].norm.startswith(ARTICLE) and
                                                          not x._demonym_at(tokens[n].norm)):
            continue  # «المجمع الحكومي»: a definite site is named by the word that qualifies it, never a people
        last = n + 1 if _opens_a_name(d, n, cue_tokens) else n  # «قرية أم الحنطة»: two words
        if last == n and not _a_name(tokens[n]):
            continue
        parent = _parent_after(x, d, last, kind, cue_tokens)
        if parent is None:
            continue
        # a site is named with its head word, proclitics off («بمجمع دوكري» → «مجمع دوكري»)
        i, start = (k, tokens[k].end - len(head)) if head else (n, tokens[n].start)
        pid = unlisted_id(parent, kind, d.text[start:tokens[last].end])
        d.places.append(Mention("place", pid, i, last + 1, start, tokens[last].end, "unlisted"))
        d.taken.update(range(i, last + 1))
    d.places.sort(key=lambda m: m.i)


@lru_cache(maxsize=200_000)
def _place_head(norm: str) -> tuple[str | None, str | None]:
    """The site word among a token's proclitic variants («بمجمع» → «مجمع»)
    and the kind of place or site it names, once per word."""
    forms = proclitic_variants(norm)
    head = next((v for v in forms if strip_article(v) in UNLISTED_SITE_HEADS), None)
    kind = UNLISTED_SITE_HEADS[strip_article(head)] if head else \
        next((UNLISTED_PLACE_HEADS[v] for v in forms if v in UNLISTED_PLACE_HEADS), None)
    return head, kind


def _site_named_after_a_town(x, d: MentionDraft, k: int, head: str, kind: str) -> bool:
    """«معسكر سنجار», «مجمع تلعفر»: a site word in construct with a known
    town names a site of that town («معسكر سنجار» is a place of its own,
    inside Sinjar), not the town itself."""
    town = next((p for p in d.places if p.i == k + 1 and p.start == d.tokens[k + 1].start), None)
    place = x.dicts.places.get(town.id) if town is not None else None
    if place is None or place.kind not in ("city", "town", "village", "governorate"):
        return False
    # «مبنى محافظة كركوك»: a governorate's building stands in the town it is named after; a
    # governorate named after no town («منشأة المثنى») tells nothing of where the site is
    seat = next((t for t, g in x.dicts.governorate_named_after.items() if g == place.id), None) \
        if place.kind == "governorate" else place.id
    if seat is None:
        return False
    start = d.tokens[k].end - len(head)
    site = Mention("place", unlisted_id(seat, kind, d.text[start:town.end]), k, town.j, start, town.end, "unlisted")
    d.places[d.places.index(town)] = site
    d.taken.update(range(k, town.j))
    return True


def _opens_a_name(d: MentionDraft, n: int, cue_tokens: set[int]) -> bool:
    """«أم الحنطة», «تل الضمان»: a word that opens two-word place names,
    then a word that may be a name (no mention, cue or known word)."""
    word = d.tokens[n].norm
    word = word[1:] if word.startswith(CONJUNCTIONS) and word[1:] in COMPOUND_NAME_OPENERS else word
    return word in COMPOUND_NAME_OPENERS and n + 1 < len(d.tokens) and n + 1 not in d.taken and \
        n + 1 not in cue_tokens and _a_name(d.tokens[n + 1])


def _a_name(tok: Token) -> bool:
    """A word that may be an unknown name: Arabic letters, no word the rules
    know, and no frequent indefinite word («قرية صغيرة», «حي سكني»: the
    head's adjective); «للنازحين», with a preposition glued on, names none."""
    forms = (tok.norm, tok.norm[1:]) if tok.norm.startswith(CONJUNCTIONS) else (tok.norm,)
    return len(tok.norm) >= 3 and tok.norm.isalpha() and not tok.norm.startswith(LAM_LAM) and \
        not any(v in KNOWN_WORDS or v in FREQUENT_WORDS for v in forms)


def _parent_after(x, d: MentionDraft, n: int, kind: str, cue_tokens: set[int]) -> str | None:
    """The known place that holds the name at n, named next after it: at
    most three words between, locative words («شمال مدينة») not counted, no
    actor, cue or clause break («،» «.») between, and a place wider than
    the kind or as wide («شمال مدينة القصير»: near it). Places coordinated with the name («حيي س وجورة الشياح») are
    its siblings, passed over: the last one's parent holds them all when
    no wider place follows."""
    sibling = None
    for p in sorted((p for p in d.places if p.i > n), key=lambda p: p.i):
        if p.via == "unlisted" or any(n < a.i < p.i for a in d.actors) or any(n < k < p.i for k in cue_tokens):
            break
        gap = d.text[d.tokens[n].end:d.tokens[p.i].start]
        between = [t.norm for t in d.tokens[n + 1:p.i]]
        if "،" in gap or "," in gap or "." in gap or \
                sum(not set(proclitic_variants(t)) & LOCATIVES for t in between) > 3:
            break
        place = x.dicts.places.get(p.id)
        if place is None:
            break
        if between in ([], list(CONJUNCTIONS[:1])) and (between or d.tokens[p.i].norm.startswith(CONJUNCTIONS)):
            sibling, n = place, p.j - 1
            continue
        return place.id if KIND_RANK.get(place.kind, 0) >= KIND_RANK.get(kind, 0) else None
    parent = x.dicts.places.get(sibling.parent) if sibling is not None else None
    return parent.id if parent is not None and KIND_RANK.get(parent.kind, 0) >= KIND_RANK.get(kind, 0) else None


def cues_in_context(x, d: MentionDraft) -> None:
    """The cues where no name is: of the readings of the words, the first
    whose conditions (cues.tsv: not_after, requires, after) the context meets."""
    for h in d.cue_hits:
        if not d.free(h):
            continue
        cue = next((c for c in h.payloads if _reading_fits(d, h, c)), None)
        if cue is not None:
            d.cues.append((Mention("cue", cue.event_type, h.i, h.j, h.start, h.end), cue))


def _reading_fits(d: MentionDraft, h: Hit, cue: Cue) -> bool:
    tokens, prev = d.tokens, d.prev(h.i)
    prev_forms = variant_set(prev) if prev else set()
    if prev_forms & cue.not_after or _another_word(d, h, cue, prev_forms):
        return False
    if cue.tense == "narrative" and not (
            prev_forms & NARRATIVE_THEN or
            (prev in THAT_PARTICLES and h.i > 1 and tokens[h.i - 2].norm in NARRATIVE_THEN)):
        return False  # «ثم تستعيدها الفصائل», «قبل أن تستعيده الهيئة»: the past told in the present
    need = cue.requires
    if need and PLACE_CONDITION in need:
        # «سقوط الموصل», «سقوط مدينة يبرود»: a town falls, not a rocket
        if not any(h.j <= p.i <= h.j + 1 for p in d.places):
            return False
    elif need and not any(has_variant_in(t.norm, need)
                          for t in tokens[h.j : h.j + 8]):
        return False
    before = cue.after
    return not before or bool(prev_forms & before or (h.i > 1 and tokens[h.i - 2].norm in before))


def _another_word(d: MentionDraft, h: Hit, cue: Cue, prev_forms: set[str]) -> bool:
    """The cue's words read as another word or name here: «وأمن الحشد» is
    security, not «أمّن»; «ساحة الطيران» a square; «حول الاتهامات» the topic;
    «مخيم للنازحين» where they live; «طائرات الاستطلاع» aircraft that watch."""
    first = proclitic_variants(d.tokens[h.i].norm)
    if cue.tense != "noun":
        written = d.tokens[h.i].text
        # «واستعادة»: a ta marbuta as written is a noun's, whatever verb the folded letters spell
        return any(v in FALSE_VERB_FORMS for v in first) or (cue.pattern[:1] == VERB_MARK and written_as_noun(written)) or \
            written in FALSE_VERB_SPELLINGS or written[1:] in FALSE_VERB_SPELLINGS and written[:1] in CONJUNCTIONS
    nxt = d.tokens[h.j].norm if h.j < len(d.tokens) else ""
    return bool(prev_forms & NAME_HEADS) or (cue.event_type in DIPLOMATIC and bool(prev_forms & ABOUT_WORDS)) or \
        (cue.event_type == "displacement" and bool(prev_forms & CAMP_WORDS)) or \
        (cue.event_type == "airstrike" and nxt in RECON_WORDS)


def glosses_are_one_cue(x, d: MentionDraft) -> None:
    """«حق النقض (الفيتو)», «عبوة ناسفة (لغم)»: a gloss in brackets is the same cue again."""
    cues = d.cues
    d.cues = [c for n, c in enumerate(cues) if not (n and cues[n - 1][1].event_type == c[1].event_type and
                                                     cues[n - 1][0].j == c[0].i and
                                                     "(" in d.text[cues[n - 1][0].end : c[0].start])]


def aircraft_shelling_is_their_strike(x, d: MentionDraft) -> None:
    """«قصفت طائرات حربية روسية البلدة», «استهدفت مسيرة تركية», «في قصف
    لطائرات حربية», «قصف الطائرات التركية»: a shelling verb or noun whose
    doer is the aircraft right after it is the air strike those aircraft
    make, not a second act; so are the strikes right after the aircraft
    («وسددت الطائرات ضربات»)."""
    cues = d.cues

    def of_the_aircraft(n: int) -> bool:  # «المدفعية والطيران»: coordinated, not the doer
        m, cue = cues[n]
        nxt = d.tokens[m.j].norm if m.j < len(d.tokens) else ""
        return cue.role in ("verb", "past") or (cue.role == "noun" and not nxt.startswith(CONJUNCTIONS))
    def after_the_aircraft(n: int) -> bool:  # «وسددت الطائرات ضربات», «شنت طائرات التحالف ضربات»
        m, cue = cues[n]
        prev_m, prev = cues[n - 1] if n else (None, None)
        return cue.role == "noun" and prev is not None and prev.event_type == "airstrike" and \
            prev.role == "noun" and all(k in d.taken for k in range(prev_m.j, m.i)) and m.i - prev_m.j <= 3
    d.cues = [c for n, c in enumerate(cues) if not (
        c[1].event_type == "shelling" and n + 1 < len(cues) and cues[n + 1][1].event_type == "airstrike" and
        cues[n + 1][0].i == c[0].j and of_the_aircraft(n)) and not (c[1].event_type == "shelling" and
                                                                     after_the_aircraft(n))]


def speaking_countries(x, d: MentionDraft) -> None:
    """«أعلن الأردن», «وكان الأردن أعلن»: a country that speaks is its government."""
    speech_at = {m.i for m, c in d.cues if c.role != "noun" and (c.event_type in DIPLOMATIC or
                                                                  c.event_type == "statement")}
    if not speech_at:
        return
    for p in [p for p in d.places if p.i - 1 in speech_at or p.j in speech_at]:
        gov = x.governments.get(p.id)
        if gov and d.prev(p.i) not in LOCATIVES and not _glued_locative(d.tokens[p.i], p.start):
            d.places.remove(p)
            d.actors.append(Mention("actor", gov, p.i, p.j, p.start, p.end, "metonym"))


def demonyms_after_cues(x, d: MentionDraft) -> None:
    """A weapon or a force named by its country: «المدفعية العراقية», «الطيران
    الروسي»; aircraft too where they are no cue: «طائرتين روسيتين نفذتا غارة»;
    a base: «قاعدة حرير الجوية الأمريكية»."""
    # «مشروع القرار الروسي» is Russia's: draft_sponsors
    heads = [m.j for m, cue in d.cues if cue.event_type not in DIPLOMATIC and cue.role == "noun"]
    heads += [k + 1 for k, t in enumerate(d.tokens) if k not in d.taken and _names_aircraft(t.norm)]
    # «قاعدة حرير الجوية الأمريكية», «قاعدة حميميم الروسية»: the state whose base it is
    heads += [p.j + (p.j < len(d.tokens) and d.tokens[p.j].norm in AIR_WORDS) for p in d.places
              if x.dicts.places.get(p.id) is not None and x.dicts.places[p.id].kind == "facility"]
    for j in sorted(set(heads)):
        while j < len(d.tokens):
            if j in d.taken:
                # «طائرات حربية روسية وسورية»: an adjective, not the country
                as_place = [p for p in d.places if p.i == j and p.j == j + 1]
                if not as_place or not x._demonym_at(d.tokens[j].norm):
                    break
                d.places.remove(as_place[0])
                d.taken.discard(j)
            actor = x._demonym_at(d.tokens[j].norm)
            if not actor:
                break
            d.actors.append(Mention("actor", actor, j, j + 1, d.tokens[j].start, d.tokens[j].end, "demonym"))
            d.taken.add(j)
            j += 1


@lru_cache(maxsize=200_000)
def _names_aircraft(norm: str) -> bool:
    """Whether the word is an aircraft noun, with proclitics or the article off."""
    return has_variant_in(norm, AIRCRAFT_NOUNS) or strip_article(norm) in AIRCRAFT_NOUNS


def draft_sponsors(x, d: MentionDraft) -> None:
    """«المشروع الروسي», «مشروع قرار فرنسي»: the state behind a draft."""
    tokens = d.tokens
    for k, tok in enumerate(tokens):
        if tok.norm in DRAFT_WORDS and k + 1 < len(tokens):
            j = k + 2 if tokens[k + 1].norm in RESOLUTION_WORDS else k + 1
            while j < len(tokens) and j not in d.taken and tokens[j].norm in x.states:
                d.actors.append(Mention("actor", x.states[tokens[j].norm], j, j + 1, tokens[j].start,
                                        tokens[j].end, "draft"))
                d.taken.add(j)
                j += 1


def envoys(x, d: MentionDraft) -> None:
    """«المندوب الروسي», «السفيرة الأميركية»: an envoy speaks for its state."""
    tokens = d.tokens
    for k, tok in enumerate(tokens[:-1]):
        nxt = tokens[k + 1].norm
        if tok.norm in OFFICIALS and nxt in x.states and k + 1 not in d.taken and k not in d.taken:
            d.actors.append(Mention("actor", x.states[nxt], k, k + 2, tok.start, tokens[k + 1].end, "envoy"))
            d.taken.update((k, k + 1))


def forces_of_leaders(x, d: MentionDraft) -> None:
    """«قوات الرئيس بشار الأسد»: the forces of a government or a leader are its armed forces."""
    for n, a in enumerate(d.actors):
        actor = x.dicts.actors.get(a.id)
        if a.i > 0 and d.tokens[a.i - 1].norm in FORCES_WORDS and actor and \
                actor.kind in ("government", "person") and actor.country in x.forces_of:
            d.actors[n] = Mention("actor", x.forces_of[actor.country], a.i - 1, a.j,
                                  d.tokens[a.i - 1].start, a.end, "forces-of")


class Mentions:
    """The lookups of the mention passes (a mixin of the Extractor)."""

    def _place_ok(self, tokens: list[Token], hit: Hit, sentence: str,
                  anchored: frozenset[str] = frozenset()) -> bool:
        """A place needs a locative cue before it or must be well known:
        many common Arabic words are also the names of villages in GeoNames,
        from which places_geonames.tsv is built."""
        pid = hit.payloads[0]
        place = self.dicts.places.get(pid)
        if place is None:
            return False
        if "ك" in normalize(tokens[hit.i].text[: hit.start - tokens[hit.i].start]):
            return False  # «محور كبانة» is no «بانه»: a glued ك is the first letter of an unknown name
        if hit.j - hit.i == 1 and hit.start > tokens[hit.i].start and tokens[hit.i].norm in GLUED_WORDS:
            return False  # «فرقة» (a division) is no «ف» + «رقة» (Raqqa), «ورقة» (a paper) no «و» + «رقة»
        if after_locative(tokens, hit):
            return True
        if self._common_word_respelled(place, sentence[hit.start:hit.end], hit.phrase):
            return False  # «بأنه» is «أنه» with «ب», not Baneh: only a locative makes it the place
        if hit.phrase in COMMON_PLACE_NAMES and place.kind not in ("country", "governorate"):
            return any(p in anchored for p in hit.payloads)  # «السلمية» ("peaceful"): Salamiyah once
            # the article names it after a locative («في السلمية»), else the word
        well_known = place.kind in ("country", "governorate", "region", "river", "facility",
                                    "border_crossing", "neighbourhood") or not place.geonameid
        return well_known or place.population >= 20000

    @staticmethod
    def _common_word_respelled(entry, written: str, phrase: str) -> bool:
        """Whether a name matched only by folding a hamza the text writes and
        no spelling of the name has, and its folded form is a frequent word
        (frequent_words.tsv): the text wrote that word, not the name."""
        if strip_article(phrase) not in FREQUENT_WORDS and phrase not in FREQUENT_WORDS:
            return False
        key = normalize(written)
        same = [n for n in entry.names() if normalize(n) == key]
        return bool(same) and all(spells_other_hamza(written, n) for n in same)

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

    def _is_governorate(self, pid: str) -> bool:
        place = self.dicts.places.get(pid)
        return place is not None and place.kind == "governorate"

    def _governorate_named_after(self, pid: str) -> str | None:
        """The governorate a town is the seat and namesake of: Idlib of
        Idlib Governorate (places.tsv `namesake`)."""
        place = self.dicts.places.get(pid)
        if place is None or place.kind not in ("city", "town"):
            return None
        return self.dicts.governorate_named_after.get(pid)

    def _named_in(self, gov: str, pid: str, run: list[Mention]) -> bool:
        """«دمشق وريف دمشق»: the town is told apart from a governorate of the
        list that carries its name, so it stays the town (or it is that governorate)."""
        town = {f" {normalize(n)} " for n in self.dicts.places[pid].names()}
        for m in run:
            other = self.dicts.places.get(m.id)
            if m.id != pid and other is not None and m.id != gov and \
                    any(t in f" {normalize(n)} " for t in town for n in other.names()):
                return True  # the town's name, as whole words, in the other's (Arabic or English)
        return any(m.id == gov for m in run if m.id != pid)

    def _countryside_of(self, pid: str, prev: str) -> str:
        """«ريف إدلب»: the countryside of a town is the area around it, its parent."""
        place = self.dicts.places.get(pid)
        if prev and has_variant_in(prev, COUNTRYSIDE) and place and \
                place.kind in ("city", "town", "village") and place.parent in self.dicts.places:
            return place.parent
        return pid

    def _article_country(self, context: set[str]) -> str | None:
        """The country most of the article's places lie in."""
        counts: dict[str, int] = {}
        for pid in context:
            place = self.dicts.places.get(pid)
            if place is not None and place.country:
                counts[place.country] = counts.get(place.country, 0) + 1
        return max(counts, key=lambda c: (counts[c], c)) if counts else None

    def _demonym_at(self, norm: str) -> str | None:
        """The state force an adjective of nationality names, in any number
        and gender: «الروسي», «وروسية», «روسيتين»."""
        for word in (norm, *nisba_singulars(norm)):
            for form in (word, word[1:] if word.startswith("و") else "", ARTICLE + word,
                         ARTICLE + word[1:] if word.startswith("و") else ""):
                if form and form in self.demonyms:
                    return self.demonyms[form]
        return None

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

    def _resolve_sites(self, sent: Sentence, memory) -> None:
        """«السيطرة على المجمع» after «المجمع الحكومي في وسط الرمادي»: a
        definite site word alone is the unlisted site of that word the
        article named last; a site named here is remembered."""
        added = []
        taken = {k for m in sent.actors + sent.places for k in range(m.i, m.j)} if memory.sites else range(len(sent.tokens))
        for k, tok in enumerate(sent.tokens):
            if k in taken:
                continue  # a name, or no site named before in the article: nothing to refer to
            forms = proclitic_variants(tok.norm)
            site = next((memory.sites[v] for v in forms if v in memory.sites and v != strip_article(v)), None)
            j = k + 1
            if site is None and j < len(sent.tokens) and \
                    sent.tokens[j].norm in GOVERNORATE_ANAPHORS:  # «مبنى المحافظة»: of the governorate named
                site = next((memory.sites.get(ARTICLE + v) for v in forms if v in UNLISTED_SITE_HEADS), None)
                j += 1
            if site:
                added.append(Mention("place", site, k, j, tok.start, sent.tokens[j - 1].end, "coref"))
        if added:
            sent.places = sorted(sent.places + added, key=lambda m: m.i)
        for p in sent.places:
            parts = split_unlisted(p.id) if p.via == "unlisted" else None
            if parts and strip_article(normalize(parts[2].split()[0])) in UNLISTED_SITE_HEADS:
                memory.sites[ARTICLE + strip_article(normalize(parts[2].split()[0]))] = p.id

    def _resolve_anaphora(self, sent: Sentence, memory) -> None:
        """«التنظيم», «المرصد», «الأخيرة»: bare head words that refer to an
        actor named earlier in the article become mentions of that actor."""
        taken = {k for m in sent.actors + sent.places for k in range(m.i, m.j)}
        taken |= {k for m, _ in sent.cues for k in range(m.i, m.j)}
        added = []
        for k, tok in enumerate(sent.tokens):
            if k in taken or (variant_set(tok.norm).isdisjoint(_REFERRING) and tok.norm not in OUR_FORCES):
                continue  # no head word, no word that refers back, no «قواتنا»
            actor = None
            for v in proclitic_variants(tok.norm):
                if v in self.heads or v in memory.headed:
                    actor = memory.latest(self.heads.get(v, set()) | memory.headed.get(v, set()))
                    if actor:
                        break
                if v in REFER_BACK and not _an_adjective_here(sent, k, v):
                    actor = self._referred_back(sent, k, v, memory)
                    if actor:
                        break
            if actor is None and tok.norm in OUR_FORCES:
                countries = [self.dicts.actors[a.id].country for a in sent.actors
                             if a.j <= k and a.id in self.dicts.actors and self.dicts.actors[a.id].country]
                actor = self.forces_of.get(countries[-1]) if countries else None
            if actor:
                added.append(Mention("actor", actor, k, k + 1, tok.start, tok.end, "coref"))
        added += collective_mentions(sent, memory, taken | {k for m in added for k in range(m.i, m.j)})
        if added:
            sent.actors = sorted(sent.actors + added, key=lambda m: m.i)

    def _note_heads(self, sent: Sentence, memory) -> None:
        """«لمنظمة "بي كا كا" المحظورة», «حركة "X"»: a head word the article
        puts before a name refers to that actor later («المنظمة», «الحركة»)."""
        for a in sent.actors:
            if a.via != "name" or a.i == 0:
                continue
            for v in proclitic_variants(sent.tokens[a.i - 1].norm):
                head = v if v.startswith(ARTICLE) else ARTICLE + v
                if head in ANAPHORS:
                    memory.headed.setdefault(head, set()).add(a.id)
                    break

    def _referred_back(self, sent: Sentence, k: int, v: str, memory) -> str | None:
        """«الأخيرة», «قواته»: the force the word at k refers back to."""
        # the owner: the last party named before, not the outlet quoted («لرووداو»)
        owner = [a.id for a in sent.actors if a.j <= k and self._kind(a.id) not in ("media", "monitor")]
        owner_actor = self.dicts.actors.get(owner[-1]) if owner else None
        if v in POSSESSED_FORCES and owner_actor is not None and owner_actor.kind == "person":
            # «قال قائد العمليات الساعدي إن قواته»: the force he commands
            commanded = next((x for x in self._chain_order(owner_actor.id) if self._is_force(x)), None)
            if commanded:
                return commanded
        if v in POSSESSED_FORCES and owner_actor is not None and \
                owner_actor.kind in ("person", "government") and owner_actor.country in self.forces_of:
            return self.forces_of[owner_actor.country]  # «هنأ العبادي قواته»: his forces
        here = [a.id for a in sent.actors if a.j <= k and self._is_force(a.id)]
        return here[-1] if here else memory.latest_matching(self._is_force)
