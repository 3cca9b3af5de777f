"""Finding dictionary phrases in tokenised text in one pass.

Every phrase (an actor name, a place alias, an event cue) is indexed by its
tuple of normalised tokens and by its letters with the spaces removed, so
«البو كمال» finds «البوكمال» and «الأممالمتحدة» finds «الأمم المتحدة».
Proclitics on the first token are stripped only when the rest is an entry.
One dictionary lookup per candidate window: no regex per entry.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from ..text.arabic import Token, normalize, proclitic_variants, tokenize
from ..text.morphology import ARTICLE

T = TypeVar("T")
_MIN_JOINED = 6  # joined-letters matching only for names this long
_MAX_JOINED_WINDOW = 3
_MAX_INSERTS = 2
_UNPLANNED = object()
_MAX_PAIRS = 200_000  # (form, next form) verdicts kept


class Hit(NamedTuple, Generic[T]):  # a tuple: cheaper to make than a frozen dataclass
    i: int  # first token index
    j: int  # one past the last token index
    start: int  # char offsets in the source, proclitics excluded
    end: int
    payloads: tuple[T, ...]
    phrase: str  # the normalised key that matched


@lru_cache(maxsize=50_000)  # per (word, count): a name after «و», «ب», «ال» repeats
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
        # Every prefix of every key, so that a scan stops as soon as no
        # entry can continue, and a per-token verdict "can start a match".
        self._token_prefixes: set[tuple[str, ...]] = set()
        self._joined_prefixes: set[str] = set()
        self._starts: dict[str, tuple | None] = {}  # token form -> _plan()
        self._pairs: dict[tuple[str, str | None], bool] = {}  # (form, next form) -> _may_continue()
        self._inserts: frozenset[str] = frozenset()

    @property
    def inserts(self) -> frozenset[str]:
        """Words that may stand inside a phrase without breaking it (time
        adverbs in a verb phrase); a phrase never starts or ends on one."""
        return self._inserts

    @inserts.setter
    def inserts(self, words: frozenset[str]) -> None:
        self._inserts = frozenset(words)
        self._pairs.clear()  # its verdicts read the inserts

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
        self._token_prefixes.update(toks[:k] for k in range(1, len(toks) + 1))
        self._starts.clear()
        self._pairs.clear()
        joined = "".join(toks)
        if len(joined) >= _MIN_JOINED:
            jb = self.by_joined.setdefault(joined, [])
            if payload not in jb:
                jb.append(payload)
            self._joined_prefixes.update(joined[:k] for k in range(1, len(joined) + 1))

    def __len__(self) -> int:
        return len(self.by_tokens)

    def find(self, tokens: list[Token], allow_overlap: bool = False) -> list[Hit[T]]:
        """Longest matches, left to right; without overlap unless asked."""
        hits: list[Hit[T]] = []
        n = len(tokens)
        i = 0
        plans, pairs = self._starts, self._pairs
        while i < n:
            norm = tokens[i].norm
            plan = plans.get(norm, _UNPLANNED)
            if plan is _UNPLANNED:
                plan = plans[norm] = self._plan(norm)
            if plan is None:
                i += 1
                continue
            if not plan[2]:  # nothing here is an entry alone: the next token must continue one
                pair = (norm, tokens[i + 1].norm if i + 1 < n else None)
                ok = pairs.get(pair)
                if ok is None:
                    if len(pairs) >= _MAX_PAIRS:
                        pairs.clear()
                    ok = pairs[pair] = self._may_continue(plan, pair[1])
                if not ok:
                    i += 1
                    continue
            best = self._longest_at(tokens, i, plan)
            if best is None:
                i += 1
                continue
            hits.append(best)
            i = i + 1 if allow_overlap else best.j
        return hits

    def _plan(self, norm: str):
        """What a token of this form can start, worked out once per form:
        (variants with the longest phrase each begins, variants that begin
        a joined-letters key), or None when it starts nothing."""
        variants = proclitic_variants(norm)
        by_first = tuple((v, self.first_max[v]) for v in variants if v in self.first_max)
        joined = tuple(v for v in variants if v in self._joined_prefixes) if self.by_joined else ()
        alone = any((v,) in self.by_tokens for v, _ in by_first) or \
            any(len(v) >= _MIN_JOINED and v in self.by_joined for v in joined)
        return (by_first, joined, alone) if by_first or joined else None

    def _may_continue(self, plan, nxt: str | None) -> bool:
        """Whether a phrase of `plan` can go on with the next token `nxt`
        (None: there is none); False means `_longest_at` finds nothing.
        Most tokens that plan anything are short words («في», «من») that
        only begin a longer key, so this verdict, kept per pair of forms,
        saves most calls to `_longest_at`."""
        if nxt is None:
            return False
        by_first, joined, _ = plan
        if by_first and nxt in self.inserts:
            return True
        return any((v, nxt) in self._token_prefixes for v, _ in by_first) or \
            any(v + nxt in self._joined_prefixes for v in joined)

    def _longest_at(self, tokens: list[Token], i: int, plan) -> Hit[T] | None:
        # The longest entry starting at token i, trying the token itself
        # before its proclitic-stripped variants; scanning forward stops as
        # soon as no key has the tokens seen so far as a prefix.
        by_first, joined_variants, _ = plan
        first = tokens[i]
        n = len(tokens)
        by_tokens, prefixes = self.by_tokens, self._token_prefixes
        inserts = self.inserts
        for variant, longest in by_first:
            key = (variant,)
            best, best_j = (key, i + 1) if key in by_tokens else (None, 0)
            k, skipped = i + 1, 0
            while len(key) < longest and k < n:
                norm = tokens[k].norm
                if key + (norm,) in prefixes:
                    key += (norm,)
                    if key in by_tokens:
                        best, best_j = key, k + 1
                elif norm in inserts and skipped < _MAX_INSERTS:
                    skipped += 1  # «قضت أمس على»: an adverb inside the phrase
                else:
                    break
                k += 1
            if best is not None:
                return self._hit(tokens, i, best_j, first, variant, by_tokens[best], " ".join(best))
        if joined_variants:
            jprefixes, by_joined = self._joined_prefixes, self.by_joined
            window = min(_MAX_JOINED_WINDOW, n - i)
            for variant in joined_variants:
                joined = variant
                best_j, best_size = None, 0
                size = 1
                while True:
                    if len(joined) >= _MIN_JOINED and joined in by_joined:
                        best_j, best_size = joined, size
                    if size >= window:
                        break
                    joined = joined + tokens[i + size].norm
                    if joined not in jprefixes:
                        break
                    size += 1
                if best_j is not None:
                    return self._hit(tokens, i, i + best_size, first, variant, by_joined[best_j], best_j)
        return None

    @staticmethod
    def _hit(tokens, i, j, first, variant, found, key) -> Hit:
        dropped = len(first.norm) - len(variant)
        if variant.startswith(ARTICLE) and not first.norm.endswith(variant):
            dropped += 1  # للرقه → الرقه: one letter dropped, one restored
        start = first.start + skip_norm_chars(first.text, dropped)
        return Hit(i, j, start, tokens[j - 1].end, tuple(found), key)


def build_index(pairs: Iterable[tuple[str, T]]) -> PhraseIndex[T]:
    index: PhraseIndex[T] = PhraseIndex()
    for phrase, payload in pairs:
        if normalize(phrase).strip():
            index.add(phrase, payload)
    return index
