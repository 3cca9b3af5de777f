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


def strip_article(norm: str) -> str:
    return norm[len(ARTICLE):] if norm.startswith(ARTICLE) and len(norm) > 4 else norm


def with_article(norm: str) -> str:
    """`norm` with the definite article before it."""
    return ARTICLE + norm
