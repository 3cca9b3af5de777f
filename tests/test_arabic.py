"""Normalisation, proclitics, tokens and sentences (store/text/arabic.py)."""
from store.text.arabic import (
    is_mostly_arabic, normalize, normalize_for_search, proclitic_variants, search_key, split_sentences, tokenize,
)
from store.nlp.matcher import build_index


def test_alef_forms_fold_to_bare_alef():
    assert normalize("أإآٱا") == "ااااا"


def test_ya_ta_marbuta_hamza_seats():
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("الرقة") == "الرقه"
    assert normalize("مسؤول") == "مسوول"
    assert normalize("القائم") == "القايم"


def test_diacritics_and_tatweel_are_dropped():
    assert normalize("الرَّقَّةُ") == normalize("الرقة")
    assert normalize("داعـــش") == "داعش"


def test_persian_and_kurdish_letters_map_to_arabic():
    assert normalize("کركوک") == normalize("كركوك")
    assert normalize("سوریا") == normalize("سوريا")
    assert normalize("ڕەقە") == "رهقه"


def test_arabic_indic_digits_become_ascii():
    assert normalize("٢٠١٧") == "2017"
    assert normalize("۱۲") == "12"


def test_latin_is_casefolded():
    assert normalize("ISIS") == "isis"


def test_normalize_is_idempotent_on_a_paragraph():
    text = "وأعلن المرصدُ السوريّ لحقوق الإنسان، أمس، أن «قوات النظام» تسيطر على ٩٥٪"
    assert normalize(normalize(text)) == normalize(text)


def test_proclitic_combinations():
    assert "الرقه" in proclitic_variants(normalize("وبالرقة"))
    assert "الرقه" in proclitic_variants(normalize("للرقة"))
    assert "الرقه" in proclitic_variants(normalize("وللـرقة"))
    assert "القايم" in proclitic_variants(normalize("فالقائم"))
    assert "الاسد" in proclitic_variants(normalize("كالأسد"))
    assert proclitic_variants("بغداد")[0] == "بغداد"  # the token itself first


def test_short_tokens_are_not_stripped_to_nothing():
    for tok in ("وب", "ول", "في", "بل"):
        assert all(len(v) >= 2 for v in proclitic_variants(tok))


def test_stripping_only_counts_when_the_rest_is_an_entry():
    # «بغداد» must not lose its ب: the matcher keeps a variant only if indexed
    idx = build_index([("بغداد", "baghdad"), ("الرقة", "raqqa")])
    hits = idx.find(tokenize("وصل إلى بغداد ثم وللرقة"))
    assert [h.payloads[0] for h in hits] == ["baghdad", "raqqa"]


def test_spacing_variants_match_both_ways():
    idx = build_index([("البو كمال", "abk"), ("الأمم المتحدة", "un")])
    text = "باتجاه البوكمال في الأممالمتحدة"
    hits = idx.find(tokenize(text))
    assert [h.payloads[0] for h in hits] == ["abk", "un"]
    assert text[hits[0].start:hits[0].end] == "البوكمال"


def test_spans_exclude_the_stripped_proclitic():
    idx = build_index([("دير الزور", "dz")])
    text = "تقدمت القوات بدير الزور"
    (hit,) = idx.find(tokenize(text))
    assert text[hit.start:hit.end] == "دير الزور"


def test_tokens_keep_offsets_into_the_original():
    text = "قال  المرصدُ: «الجيشُ»"
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text


def test_search_form_finds_stem_inside_clitics():
    col = normalize_for_search("والجيش السوري")
    assert search_key(normalize("جيش")) in col.split()
    assert search_key(normalize("الجيش")) in col.split()


def test_sentences_split_on_punctuation_and_lines_not_decimals():
    text = "قتل 4.4 مليون. هل انتهى؟ نعم!\nسطر جديد"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["قتل 4.4 مليون.", "هل انتهى؟", "نعم!", "سطر جديد"]


def test_overlong_sentence_is_cut():
    text = "كلمة " * 5000
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= 1200 for s, e in spans)


def test_language_detection():
    assert is_mostly_arabic("أعلن الجيش السوري السيطرة على المدينة")
    assert not is_mostly_arabic("The Syrian army said on Friday it had taken the city.")
    assert not is_mostly_arabic("ــــ ً ٌ ٍ")


def test_letter_counts_by_runs_match_counts_by_letter():
    # the Arabic share is counted over runs of letters; digits, tatweel,
    # underscores and marks count as they did letter by letter
    assert is_mostly_arabic("قال 12 ـــ abc_def الجيش")
    assert not is_mostly_arabic("abcdefgh ijklmno pqrs قال")  # 3 of 22 letters
    assert is_mostly_arabic("abcdefg قالت", threshold=0.3)  # 4 of 11 letters
    assert not is_mostly_arabic("ab ـ")


def test_a_word_that_only_begins_keys_is_not_scanned_when_nothing_follows_it(monkeypatch):
    # «في» begins the joined key «فيلقالشام» and «من» the phrase «من جديد»:
    # where the next word continues neither, no scan starts at them
    index = build_index([("فيلق الشام", "faylaq"), ("من جديد", "again")])
    calls = []
    real = type(index)._longest_at
    monkeypatch.setattr(type(index), "_longest_at", lambda self, *a: calls.append(a[1]) or real(self, *a))
    tokens = tokenize("قاتل في المدينة من أجل فيلقالشام ثم من جديد")
    hits = index.find(tokens)
    assert [h.payloads for h in hits] == [("faylaq",), ("again",)]
    assert calls == [5, 7]  # not 1 («في») nor 3 («من أجل»)


def test_an_entry_added_after_a_find_is_found():
    index = build_index([("فيلق الشام", "faylaq")])
    tokens = tokenize("في المدينة الصغيرة")
    assert index.find(tokens) == []
    index.add("في المدينة", "in-town")
    assert [h.payloads for h in index.find(tokens)] == [("in-town",)]
