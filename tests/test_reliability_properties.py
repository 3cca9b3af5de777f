"""Property-based tests (hypothesis) on normalisation, clitic stripping,
date resolution and extraction: no exception on any input, and the
invariants the store relies on (idempotence, spans inside sentences,
dates near the publication date)."""
from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent / "badinput"))
from make_corpus import sample_sentences  # noqa: E402

from store.text.arabic import normalize, proclitic_variants, split_sentences, tokenize  # noqa: E402
from store.text.articles import Article  # noqa: E402
from store.nlp.dates import find_times  # noqa: E402
from store.nlp.dictionaries import Dictionaries  # noqa: E402
from store.nlp.extract import Extractor  # noqa: E402
from store.text.textsafe import one_line, strip_controls  # noqa: E402

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
SENTENCES = sample_sentences()
EXTRACTOR = Extractor(Dictionaries(user_dir=Path(__file__).parent / "badinput" / "no-user-dicts"))

arabic_chars = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
marks = st.sampled_from(list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u0670\u200c\u200d\u202e\u2067"))
mixed = st.text(st.one_of(arabic_chars, marks, st.characters(), st.sampled_from(list(" .،؟\n0123456789٠١٢٣"))),
                max_size=200)
DATE_WORDS = ["اليوم", "أمس", "البارحة", "الأسبوع", "الماضي", "الجاري", "المقبل", "الشهر", "العام", "عام", "في",
              "منذ", "خلال", "شهر", "الأحد", "الاثنين", "الجمعة", "الأول", "من", "سبتمبر", "كانون", "الثاني",
              "آذار", "ديسمبر", "يناير", "فبراير", "هذا", "السنة", "أول", "16", "31", "29", "1", "2017", "1999",
              "2100", "1900", "٢٠١٨", "٣", "نيسان", "تشرين", "حزيران", "(يونيو)", "/أيلول"]
pub_dates = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)))


@settings(max_examples=400, **SETTINGS)
@given(mixed)
def test_normalize_idempotent_and_total(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, **SETTINGS)
@given(st.text(max_size=300))
def test_normalize_any_unicode(text):
    assert isinstance(normalize(text), str)
    assert isinstance(tokenize(text), list)


@settings(max_examples=400, **SETTINGS)
@given(st.text(st.one_of(arabic_chars, st.sampled_from(list("ولبكفال"))), min_size=1, max_size=12))
def test_proclitic_variants(word):
    norm = normalize(word)
    variants = proclitic_variants(norm)
    assert variants and variants[0] == norm
    for v in variants[1:]:
        assert v, "never empty"
        assert len(v) >= 2
        # a suffix of the token, or the لل→ال form of one
        assert norm.endswith(v) or (v.startswith("ال") and norm.endswith(v[2:]) and "لل" in norm), (norm, v)


@settings(max_examples=300, **SETTINGS)
@given(st.text(max_size=400))
def test_strip_controls_leaves_nothing_dangerous(text):
    out = strip_controls(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", out)
    out.encode("utf-8")  # no lone surrogates
    line = one_line(text)
    assert "\n" not in line and "\x1b" not in line


@settings(max_examples=300, **SETTINGS)
@given(mixed)
def test_split_sentences_in_bounds(text):
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text) and e - s <= 1200


@settings(max_examples=500, **SETTINGS)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=14), pub_dates)
def test_find_times_resolves_near_publication(words, pub):
    text = " ".join(words)
    toks = tokenize(text)
    for m in find_times(toks, pub):
        assert 0 <= m.start < m.end <= len(text)
        if m.date is None:
            continue
        d = dt.date.fromisoformat(m.date)
        said = normalize(text[m.start:m.end])
        if re.search(r"\d{4}", said) or said.startswith(("قبل", "منذ")):
            # an explicit year, or «منذ 16 عاما» (years ago): within 1900-2100
            assert dt.date(1900, 1, 1) <= d <= dt.date(2100, 12, 31), (text, m)
        else:  # relative to the publication date
            assert pub is not None
            assert pub - dt.timedelta(days=800) <= d <= pub + dt.timedelta(days=731), (text, pub, m)


@settings(max_examples=200, **SETTINGS)
@given(st.text(max_size=300), pub_dates)
def test_find_times_any_text(text, pub):
    find_times(tokenize(text), pub)


def _check_extraction(body: str, pub: dt.date | None) -> None:
    art = Article(path="x", title="t", body=body, published=pub.isoformat() if pub else None)
    ex = EXTRACTOR.extract(art)
    texts = {s.idx: s.text for s in ex.sentences}
    for s in ex.sentences:
        assert body[s.start:s.end] == s.text
    for ev in ex.events:
        sent = texts[ev.sentence_idx]
        for role, (a, b) in ev.spans.items():
            assert 0 <= a < b <= len(sent), (role, a, b, sent)


@settings(max_examples=200, **SETTINGS)
@given(st.text(max_size=400), pub_dates)
def test_extract_arbitrary_unicode(body, pub):
    _check_extraction(body, pub)


@settings(max_examples=150, **SETTINGS)
@given(st.randoms(use_true_random=False), st.integers(1, 8), pub_dates, st.booleans())
def test_extract_shuffled_arabic(rnd: random.Random, n, pub, glue):
    sents = [rnd.choice(SENTENCES) for _ in range(n)]
    if glue:  # words shuffled across sentences, punctuation dropped
        words = " ".join(sents).split()
        rnd.shuffle(words)
        body = " ".join(words)
    else:
        body = "\n".join(sents)
    _check_extraction(body, pub)


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.text(alphabet="ab دير", min_size=1, max_size=6).filter(str.strip), min_size=2, max_size=5),
       st.sampled_from(["\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\n"]))
def test_a_line_break_of_any_system_keeps_the_words_apart(words, brk):
    assert one_line(brk.join(words)) == " ".join(" ".join(words).split())
