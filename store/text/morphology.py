"""The letters of Arabic words: the one module that spells Arabic in code.

Every other module reads its Arabic words from store/data/ (lexicon.tsv and
the dictionaries); what is here is below the level of words: which letters
fold into which for matching, the proclitics that glue onto a word, and the
article. A test (tests/test_architecture.py) keeps Arabic out of the rest."""
from __future__ import annotations

from functools import lru_cache

# Letter variants folded to one form for matching: alef with hamza or madda,
# alef maqsura and Persian ya, ta marbuta, waw with hamza, Persian and Kurdish
# letters.
LETTER_FOLDS: dict[str, str] = {
    **dict.fromkeys("أإآٱٲٳ", "ا"),
    "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي", "ئ": "ي", "ۍ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه", "ہ": "ه",
    "ؤ": "و", "ۆ": "و", "ۇ": "و", "ۈ": "و", "ۋ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ڕ": "ر", "ڵ": "ل", "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
}

CONJUNCTIONS = ("و", "ف")  # proclitic conjunctions
PREFIX_PREPOSITIONS = ("ب", "ل", "ك")  # proclitic prepositions
ARTICLE = "ال"
LAM_LAM = "لل"  # ل + ال contracted: للرقه
TA_MARBUTA = "ة"  # as written, before folding: a noun's ending, never a verb's
_MARKS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0640"  # harakat and tatweel
_DROP_MARKS = str.maketrans("", "", _MARKS)


def written_as_noun(written: str) -> bool:
    """Whether a word as written ends in a ta marbuta («استعادة», «غارةً»):
    folded to «ه» it may spell a verb with a pronoun («استعاده»); written, it is a noun."""
    return written.rstrip(_MARKS).endswith(TA_MARBUTA)


@lru_cache(maxsize=200_000)
def proclitic_variants(norm: str) -> tuple[str, ...]:
    """Candidate stems of a normalised token after removing the proclitics
    و ف (conjunctions), ب ل ك (prepositions) and the lam-lam contraction
    (للرقه → الرقه), the token itself first. The caller keeps a variant only
    when it is a dictionary entry: light stemming mangles proper nouns."""
    out = [norm]
    bases = [norm]
    if norm[:1] in CONJUNCTIONS and len(norm) >= 3:  # «وفر» → «فر»
        bases.append(norm[1:])
    for base in bases:
        if base.startswith(LAM_LAM) and len(base) > 3:
            stripped = ARTICLE + base[2:]
        elif base[:1] in PREFIX_PREPOSITIONS and len(base) > 3:
            stripped = base[1:]
        else:
            stripped = ""
        for cand in (base, stripped):
            if len(cand) >= 2 and cand not in out:
                out.append(cand)
    return tuple(out)


HAMZA_SEATS = "أإآؤئ"  # letters written with a hamza or madda, folded to their bare seat for matching


def spells_other_hamza(written: str, name: str) -> bool:
    """Whether `written`, folding to the same form as `name`, writes a hamza
    on a letter that `name` leaves bare: «بأنه» ("that it") is no «بانه»
    (Baneh), «وأن» no «وان» (Van). Folding forgives a hamza left out
    («ادلب» for «إدلب»), never one the name does not have."""
    w = " ".join(written.translate(_DROP_MARKS).split())
    n = " ".join(name.translate(_DROP_MARKS).split())
    return len(w) == len(n) and any(a in HAMZA_SEATS and b not in HAMZA_SEATS for a, b in zip(w, n))


@lru_cache(maxsize=200_000)
def variant_set(norm: str) -> frozenset[str]:
    """The proclitic variants of `norm` as a set, made once per word: the
    rules intersect it with word classes token by token."""
    return frozenset(proclitic_variants(norm))


@lru_cache(maxsize=500_000)
def has_variant_in(norm: str, words: frozenset[str]) -> bool:
    """Whether a proclitic variant of `norm` is one of `words`: the test a
    rule makes of every token, answered once per word and class."""
    return any(v in words for v in proclitic_variants(norm))


def strip_article(norm: str) -> str:
    return norm[len(ARTICLE):] if norm.startswith(ARTICLE) and len(norm) > 4 else norm


def with_article(norm: str) -> str:
    """`norm` with the definite article before it."""
    return ARTICLE + norm


def definite(norm: str) -> str:
    """The word with the article: «قصف» → «القصف» (a number stays as it is)."""
    return norm if norm.startswith(ARTICLE) or norm[:1].isdigit() else ARTICLE + norm


# -- verb inflection: the forms a cue verb «~سيطر» stands for ---------------------------
# No object pronouns: «سيطرته» is far more often the noun "its control".
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "وه", "وها")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ين", "وا", "ونه", "ونها")


def verb_forms(stem: str, with_present: bool) -> list[tuple[str, str]]:
    """(form, tense) pairs of a normalised past-tense stem."""
    forms = [(stem + s, "past") for s in _PAST_SUFFIXES]
    if stem.endswith("ي") or stem.endswith("ا"):  # نفى، دعا، تبنى: drop the final weak letter
        forms += [(stem[:-1] + s, "past") for s in ("ت", "وا")]
    if with_present:
        for b in _present_bases(stem):
            for p in _PRESENT_PREFIXES:
                forms += [(p + b + s, "present") for s in _PRESENT_SUFFIXES]
    return forms


FUTURE_PREFIX = "س"  # «سيقتحم», «ستحرر»: the present with the future particle glued on


def future_forms(forms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The future of the present forms: «يقتحم» → «سيقتحم» (tense `future`)."""
    return [(FUTURE_PREFIX + f, "future") for f, tense in forms if tense == "present"]


def _present_bases(stem: str) -> set[str]:
    """What follows the prefix of the present tense: أكد → ؤكد, قال → قول/قيل,
    تبقى → تبقي/تبق (the jussive after «لم»)."""
    bases = {stem[1:] if stem.startswith("ا") else stem}
    if stem.startswith("ا"):
        bases.add("و" + stem[1:])  # أكد → يؤكد
    for b in list(bases):
        if len(b) >= 3 and b[-2] == "ا":  # hollow: قال → يقول، أشار → يشير
            bases.update({b[:-2] + "و" + b[-1], b[:-2] + "ي" + b[-1]})
        if b.endswith("ي") or b.endswith("ا"):
            bases.update({b[:-1] + "ي", b[:-1] + "و"})
            if len(b) >= 4:
                bases.add(b[:-1])  # the jussive after «لم»: «لم يتبق»
    return bases


def with_object_pronouns(forms: list[tuple[str, str]], stem: str) -> list[tuple[str, str]]:
    """The forms followed by an object pronoun as well: «تستعيده», «تقتحمها»,
    «استعادوه» (for a cue written «~استعاد+»)."""
    bare_present = {p + b for p in _PRESENT_PREFIXES for b in _present_bases(stem)}
    forms = forms + [(f + suf, tense) for f, tense in forms
                     if f.endswith(("ت", "وا")) or f == stem or f in bare_present
                     for suf in ("ه", "ها", "هم")]
    return forms + [(f.rstrip("ا") + suf, tense) for f, tense in forms if f.endswith("وا")
                    for suf in ("ه", "ها")]


_NISBA = "ي"  # the ya of an adjective of nationality: روسي
_NISBA_FEMININE = ("تين", "تان", "ات")  # «روسيتين», «روسيتان», «روسيات» → روسيه
_NISBA_MASCULINE = ("ين", "ون", "ان")  # «روسيين», «روسيون», «روسيان» → روسي


def nisba_singulars(norm: str) -> list[str]:
    """An adjective of nationality in the dual or plural, its singulars:
    «طائرتين روسيتين» → روسيه, «الجنود الأمريكيين» → الامريكي (folded forms)."""
    for suf in _NISBA_FEMININE:
        if norm.endswith(_NISBA + suf) and len(norm) > len(suf) + 2:
            return [norm[: -len(suf)] + "ه"]
    for suf in _NISBA_MASCULINE:
        if norm.endswith(_NISBA + suf) and len(norm) > len(suf) + 2:
            return [norm[: -len(suf)]]
    return []


_POSSESSIVES = ("ه", "ها", "هم", "هما")


def possessive_forms(norm: str) -> list[str]:
    """A noun with a possessive pronoun: «انسحاب» → «انسحابها», «هجوم» →
    «هجومه»; a ta marbuta (folded to «ه») turns into «ت»: «سيطره» → «سيطرته».
    An accusative «هجوما» or a word with the article takes none."""
    if norm.startswith(ARTICLE) or norm.endswith("ا") or len(norm) < 3:
        return []
    base = norm[:-1] + "ت" if norm.endswith("ه") else norm
    return [base + suf for suf in _POSSESSIVES]


def takes_a_definite_adjective(written: str) -> bool:
    """Whether a definite word after this one can be its adjective: a word
    with the article («الفترة الأخيرة») or a noun with a possessive pronoun
    as written («حملته الأخيرة», never a ta marbuta «حملة»). A verb or a
    particle takes none, so «وقالت الأخيرة», «أن الأخيرة» are the word alone."""
    norm = written.translate(_DROP_MARKS)
    bare = norm[1:] if norm[:1] in CONJUNCTIONS + PREFIX_PREPOSITIONS and len(norm) > 3 else norm
    if bare.startswith(ARTICLE) or norm.startswith(LAM_LAM):
        return True
    return len(norm) >= 4 and any(norm.endswith(p) for p in _POSSESSIVES)


_ACCUSATIVE_ALEF = "ا"
_NO_TANWEEN_ALEF = ("ه", "ا", "ء", "ات", "ين", "ون")  # ta marbuta, alef and hamza endings, sound plurals


def accusative_form(norm: str) -> str:
    """The indefinite accusative spelled with its alef: «تقدم» → «تقدما»
    («تقدماً»), «قصف» → «قصفا»; empty for a word that takes no alef: the
    definite, a ta marbuta («غارة»), a sound plural («مواجهات»), a word ending
    in an alef or a hamza («إخلاء»). A nisba takes it: «انتحاري» → «انتحاريا»."""
    if norm.startswith(ARTICLE) or norm.endswith(_NO_TANWEEN_ALEF) or len(norm) < 3:
        return ""
    return norm + _ACCUSATIVE_ALEF


def pronoun_variants(word: str) -> list[str]:
    """A pronoun-suffixed word also with the other pronouns: سيطرته → سيطرتها."""
    out = [word]
    for suf, alts in (("ته", ("تها", "تهم")), ("ه", ("ها", "هم"))):
        if word.endswith(suf) and len(word) > len(suf) + 2:
            out += [word[: -len(suf)] + a for a in alts]
            break
    return out
