"""Arabic text handling for matching and search.

Text is always stored as written. The normalised forms made here serve
matching and full-text search only, and every normalised token keeps the
character offsets of its source so that spans point into the original text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from .morphology import (  # noqa: F401  (read from here too)
    LETTER_FOLDS, has_variant_in, proclitic_variants, strip_article, variant_set, with_article,
)

# One table for every single-character rewrite; deletions map to "".
_CHAR_MAP: dict[str, str] = dict(LETTER_FOLDS)
for _i in range(10):
    _CHAR_MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _CHAR_MAP[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian) digits
_DELETE = (
    [chr(c) for c in range(0x0610, 0x061B)]  # Quranic signs
    + [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
for _c in _DELETE:
    _CHAR_MAP[_c] = ""
_TRANSLATE = str.maketrans(_CHAR_MAP)

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
# Any character of the Arabic script's blocks: letters, digits, marks, punctuation, presentation forms.
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Runs, not single characters: counting is summing run lengths, a few
# matches per word instead of one per letter.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ARABIC_LETTER_RUN = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
# A token is a run of letters, digits and the marks that sit inside words.
_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+")


def normalize(text: str) -> str:
    """The matching form of `text`: alef/ya/ta marbuta/hamza folded, marks and
    tatweel dropped, Persian and Kurdish letters mapped, digits made ASCII,
    Latin case-folded. Idempotent."""
    return text.translate(_TRANSLATE).casefold()


def has_arabic(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None


class Token(NamedTuple):  # a tuple: made by the million, so cheap to make
    text: str  # as written
    norm: str  # normalised
    start: int  # offsets into the source string
    end: int


# Words repeat, and str.translate with a big table costs more than a lookup.
_WORD_NORMS: dict[str, str] = {}
_WORD_NORMS_MAX = 200_000
_NORM = itemgetter(1)  # a Token's norm, for map()
_new_token = tuple.__new__  # Token(...) without its Python-level __new__: a fifth of tokenize's time


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of `text` with offsets (shifted by `offset`). Tokens whose
    normal form is empty (a lone tatweel or diacritic) are dropped."""
    out = []
    norms = _WORD_NORMS
    known = norms.get
    for m in _TOKEN.finditer(text):
        word = m.group()
        norm = known(word)
        if norm is None:
            if len(norms) >= _WORD_NORMS_MAX:
                norms.clear()
            norm = norms[word] = normalize(word)
        if norm:
            start = m.start() + offset
            out.append(_new_token(Token, (word, norm, start, start + len(word))))
    return out


@lru_cache(maxsize=200_000)
def search_terms(norm: str) -> tuple[str, ...]:
    """Every form of a normalised token that search should find it by: the
    token, its proclitic-stripped stems, and those without the article."""
    out = []
    for v in proclitic_variants(norm):
        out += [v, strip_article(v)]
    return tuple(dict.fromkeys(out))


def search_key(norm: str) -> str:
    """The one form a query word is looked up by (the barest stem)."""
    return strip_article(proclitic_variants(norm)[-1])


def normalize_for_search(text: str) -> str:
    """Space-separated search terms of `text`, so that FTS finds «جيش» in
    «والجيش». Used for the FTS column; queries use `search_key`."""
    return search_text(tokenize(text))


def sentence_search_text(sentence) -> str:
    """The FTS form of an extracted sentence: made from its tokens when it
    has them (one tokenisation serves extraction and search)."""
    norm = getattr(sentence, "norm", None)
    if norm:
        return norm
    tokens = getattr(sentence, "tokens", None)  # none for a sentence built by hand: read its text
    return search_text(tokens) if tokens else normalize_for_search(sentence.text)


def search_text(tokens: list[Token]) -> str:
    """normalize_for_search of the text `tokens` came from."""
    return " ".join(dict.fromkeys(chain.from_iterable(map(search_terms, map(_NORM, tokens)))))


_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟؛](?!\d)[\"'”»’)\]]*|\n+")
MAX_SENTENCE = 1200


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, trimmed of spaces.

    Splits at sentence punctuation (not inside numbers such as 4.4) and at
    line breaks; an overlong run without punctuation is cut at the last
    comma or space before MAX_SENTENCE characters so that one pathological
    paragraph cannot make matching quadratic."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.extend(_cut_long(text, start, m.end()))
        start = m.end()
    spans.extend(_cut_long(text, start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return out


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind("،"), window.rfind(","))
        if cut < MAX_SENTENCE // 3:
            cut = window.rfind(" ")
        if cut < MAX_SENTENCE // 3:
            cut = MAX_SENTENCE - 1
        out.append((start, start + cut + 1))
        start = start + cut + 1
    out.append((start, end))
    return out


def is_mostly_arabic(text: str, threshold: float = 0.3) -> bool:
    """Whether letters of `text` are mostly Arabic script: an English or
    French article gets no events, not garbage ones."""
    sample = text[:5000]  # enough letters to tell
    letters = sum(map(len, _LETTER_RUN.findall(sample))) - sample.count("\u0640")
    if letters < 3:
        return False
    arabic = sum(map(len, _ARABIC_LETTER_RUN.findall(sample)))
    return arabic / letters >= threshold


def is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")
