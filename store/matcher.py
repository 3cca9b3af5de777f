"""Finding dictionary phrases in tokenised text in one pass.

Every phrase (an actor name, a place alias, an event cue) is indexed by its
tuple of normalised tokens and by its letters with the spaces removed, so
«البو كمال» finds «البوكمال» and «الأممالمتحدة» finds «الأمم المتحدة».
Proclitics on the first token are stripped only when the rest is an entry.
One dictionary lookup per candidate window: no regex per entry.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .arabic import Token, normalize, proclitic_variants, tokenize

T = TypeVar("T")
_MIN_JOINED = 6  # joined-letters matching only for names this long
_MAX_JOINED_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    i: int  # first token index
    j: int  # one past the last token index
    start: int  # char offsets in the source, proclitics excluded
    end: int
    payloads: tuple[T, ...]
    phrase: str  # the normalised key that matched


def skip_norm_chars(text: str, k: int) -> int:
    """Offset in `text` (as written) after its first `k` normalised characters."""
    if k <= 0:
        return 0
    seen = 0
    for idx, ch in enumerate(text):
        if normalize(ch):
            seen += 1
            if seen == k:
                return idx + 1
    return len(text)


class PhraseIndex(Generic[T]):
    def __init__(self) -> None:
        self.by_tokens: dict[tuple[str, ...], list[T]] = {}
        self.by_joined: dict[str, list[T]] = {}
        self.first_max: dict[str, int] = {}  # first token -> longest phrase length

    def add(self, phrase: str, payload: T) -> None:
        toks = tuple(t.norm for t in tokenize(phrase))
        self.add_tokens(toks, payload)

    def add_tokens(self, toks: tuple[str, ...], payload: T) -> None:
        if not toks:
            return
        bucket = self.by_tokens.setdefault(toks, [])
        if payload not in bucket:
            bucket.append(payload)
        self.first_max[toks[0]] = max(self.first_max.get(toks[0], 0), len(toks))
        joined = "".join(toks)
        if len(joined) >= _MIN_JOINED:
            jb = self.by_joined.setdefault(joined, [])
            if payload not in jb:
                jb.append(payload)

    def __len__(self) -> int:
        return len(self.by_tokens)

    def find(self, tokens: list[Token], allow_overlap: bool = False) -> list[Hit[T]]:
        """Longest matches, left to right; without overlap unless asked."""
        hits: list[Hit[T]] = []
        n = len(tokens)
        i = 0
        while i < n:
            best = self._longest_at(tokens, i)
            if best is None:
                i += 1
                continue
            hits.append(best)
            i = i + 1 if allow_overlap else best.j
        return hits

    def _longest_at(self, tokens: list[Token], i: int) -> Hit[T] | None:
        first = tokens[i]
        n = len(tokens)
        for variant in proclitic_variants(first.norm):
            limit = self.first_max.get(variant, 0)
            for size in range(min(limit, n - i), 0, -1):
                key = (variant,) + tuple(t.norm for t in tokens[i + 1 : i + size])
                found = self.by_tokens.get(key)
                if found:
                    return self._hit(tokens, i, i + size, first, variant, found, " ".join(key))
        if self.by_joined:
            for variant in proclitic_variants(first.norm):
                for size in range(min(_MAX_JOINED_WINDOW, n - i), 0, -1):
                    joined = variant + "".join(t.norm for t in tokens[i + 1 : i + size])
                    if len(joined) < _MIN_JOINED:
                        break
                    found = self.by_joined.get(joined)
                    if found:
                        return self._hit(tokens, i, i + size, first, variant, found, joined)
        return None

    @staticmethod
    def _hit(tokens, i, j, first, variant, found, key) -> Hit:
        dropped = len(first.norm) - len(variant)
        if variant.startswith("ال") and not first.norm.endswith(variant):
            dropped += 1  # للرقه → الرقه: one letter dropped, one restored
        start = first.start + skip_norm_chars(first.text, dropped)
        return Hit(i, j, start, tokens[j - 1].end, tuple(found), key)


def build_index(pairs: Iterable[tuple[str, T]]) -> PhraseIndex[T]:
    index: PhraseIndex[T] = PhraseIndex()
    for phrase, payload in pairs:
        if normalize(phrase).strip():
            index.add(phrase, payload)
    return index
