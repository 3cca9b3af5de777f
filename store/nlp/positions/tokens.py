"""Tests on a clause's tokens that the position rules share: a phrase in a
run of tokens, a negated word, the forms of a state adjective."""
from __future__ import annotations

from functools import lru_cache

from ...text.arabic import normalize, proclitic_variants, variant_set
from ...text.morphology import ARTICLE
from .words import DUAL_PLURAL_ENDINGS, NEGATORS


def _adjective_forms(adj: str) -> set[str]:
    """روسي → الروسي، روسية، الروسية؛ الأمريكي → أمريكي ..."""
    # «ألماني» only looks like it has the article once normalised
    base = adj[len(ARTICLE):] if adj.startswith(ARTICLE) else adj
    base = normalize(base)
    base = base[:-1] if base.endswith("ه") else base
    return {base, base + "ه", ARTICLE + base, ARTICLE + base + "ه", base + "ا"}  # «مشروع قرار أمريكيا»


@lru_cache(maxsize=256)
def _normalized(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize(w) for w in words)


def _has_seq(norms: list[str], words: tuple[str, ...]) -> bool:
    ws = _normalized(words)
    if not any(ws[0] in variant_set(n) for n in norms):
        return False  # the first word is nowhere: the common case, decided in one pass
    for i in range(len(norms) - len(ws) + 1):
        if all(ws[j] in variant_set(norms[i + j]) for j in range(len(ws))):
            return True
    return False


def _negated_any(norms, lo, hi, words) -> bool:
    """A negator before one of `words` in norms[lo:hi] (any word if None)."""
    for k in range(lo, hi):
        if norms[k] in NEGATORS:
            if words is None:
                return True
            if any(variant_set(n) & words for n in norms[k + 1:min(hi, k + 3)]):
                return True
    return False


def _singular_adj(norm: str) -> str:
    """«روسيان», «الروسيين» → روسي (two Russian drafts)."""
    for suf in DUAL_PLURAL_ENDINGS:
        if norm.endswith("ي" + suf) and len(norm) > 4:
            return norm[: -len(suf)]
    return norm

