"""Arabic shaping for display: exact code points, never pictures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui import shaping
from tui.shaping import ELLIPSIS, fit, resolve_shaping, shape_line, wrap


def rev_shaped(word: str) -> str:
    """A single Arabic word, shaped and reversed: what it must look like
    inside any RTL run. Built from the reshaper only, independently of bidi."""
    return shaping._reshape(word)[::-1]


# --- letters --------------------------------------------------------------


def test_letters_become_presentation_forms_in_visual_order():
    # بغداد: beh initial, ghain medial, dal final, alef isolated, dal isolated;
    # drawn right to left, so the last letter comes first.
    assert shape_line("بغداد", True) == "\ufea9\ufe8d\ufeaa\ufed0\ufe91"


def test_lam_alef_ligature_shortens_the_word():
    out = shape_line("الأمن", True)
    assert out == "\ufee6\ufee3\ufef7\ufe8d"  # lam + alef-hamza -> U+FEF7
    assert cell_len("الأمن") == 5 and cell_len(out) == 4


def test_allah_is_not_the_fdf2_ligature():
    # lam initial, lam medial, heh final -- not U+FDF2
    assert shape_line("الله", True) == "\ufeea\ufee0\ufedf\ufe8d"
    assert shape_line("حزب الله", True) == "\ufeea\ufee0\ufedf\ufe8d \ufe8f\ufeb0\ufea3"
    for text in ["الله", "حزب الله", "قال حزب الله إن", "والله", "لله"]:
        assert "\ufdf2" not in shape_line(text, True)
        assert "\ufdf2" not in fit(text, 20, True)


def test_harakat_are_deleted():
    assert shape_line("قَتَلَ", True) == shape_line("قتل", True)


# --- bidi -------------------------------------------------------------------


def test_brackets_are_mirrored_in_rtl():
    text = "قال (الأمم المتحدة) اليوم"
    expected = (
        rev_shaped("اليوم") + " (" + rev_shaped("المتحدة") + " " + rev_shaped("الأمم") + ") " + rev_shaped("قال")
    )
    assert shape_line(text, True) == expected


def test_guillemets_are_mirrored_in_rtl():
    text = "قالت «سوريا» أمس"
    expected = rev_shaped("أمس") + " «" + rev_shaped("سوريا") + "» " + rev_shaped("قالت")
    assert shape_line(text, True) == expected


def test_latin_in_brackets_inside_arabic():
    text = "قال مجلس الأمن (UNSC) إن"
    expected = rev_shaped("إن") + " (UNSC) " + rev_shaped("الأمن") + " " + rev_shaped("مجلس") + " " + rev_shaped("قال")
    assert shape_line(text, True) == expected


def test_ltr_line_with_arabic_in_brackets():
    text = "The UN (الأمم المتحدة) said"
    expected = "The UN (" + rev_shaped("المتحدة") + " " + rev_shaped("الأمم") + ") said"
    assert shape_line(text, True) == expected


def test_mirroring_uses_the_fast_rust_levels_path():
    before = dict(shaping.stats)
    shaping._shape_cached.cache_clear()
    shape_line("قال (الأمم المتحدة) و«داعش» [مصدر]", True)
    assert shaping.stats["mirrored"] == before["mirrored"] + 1
    assert shaping.stats["fallback"] == before["fallback"]


def test_mixed_numbers_and_latin_keep_reading_order():
    text = "قتل 12 مدنيا في ISIS attack"
    expected = "ISIS attack " + rev_shaped("في") + " " + rev_shaped("مدنيا") + " 12 " + rev_shaped("قتل")
    assert shape_line(text, True) == expected


def test_numbers_with_separators_stay_whole():
    out = shape_line("سقط 1,250 قتيلا عام 2019", True)
    assert "1,250" in out and "2019" in out
    # 2019 is read after 1,250 in RTL, so it is drawn to its left
    assert out.index("2019") < out.index("1,250")


def test_base_direction_from_first_strong_character():
    assert shape_line("ISIS قال", True) == "ISIS " + rev_shaped("قال")
    assert shape_line("12 قال ok", True).startswith("ok")


def test_no_arabic_is_unchanged_with_shaping():
    for text in ["(UN) said [x] <y>", "", "12 + 3", "Ünïcödé ✓"]:
        assert shape_line(text, True) == text


def test_shaping_off_returns_logical_text():
    assert shape_line("قال (الأمم)", False) == "قال (الأمم)"
    assert shape_line("a\nb\tc\r\nd", False) == "a b c  d"


def test_newlines_never_reach_bidi():
    out = shape_line("قال\nاليوم", True)
    assert "\n" not in out
    assert out == rev_shaped("اليوم") + " " + rev_shaped("قال")


@pytest.mark.parametrize(
    "text",
    ["", "\x00\x01\x1b[31m", "\ud800", "قال \udfff", "\u202e قال \u202c", "\u2067abc\u2069", "\u200f\u200e", "ـــ", "\u064b\u064c"],
)
def test_never_raises_on_odd_input(text):
    for sh in (True, False):
        assert isinstance(shape_line(text, sh), str)
        assert cell_len(fit(text, 5, sh)) <= 5
        assert isinstance(wrap(text, 5, sh), list)


# --- fit --------------------------------------------------------------------


def test_fit_keeps_the_first_words_and_respects_width():
    text = "قتل 12 مدنيا في ISIS attack"
    out = fit(text, 10, True)
    assert cell_len(out) <= 10
    # logical cut "قتل 12 مد" + "…", then shaped: the END was dropped
    assert out == shape_line("قتل 12 مد" + ELLIPSIS, True)
    assert "ISIS" not in out and "12" in out
    assert out.endswith(rev_shaped("قتل"))  # first word drawn at the right end
    assert out.startswith(ELLIPSIS)  # the cut is at the logical end = visual left


def test_fit_without_shaping_and_short_text():
    assert fit("abcdefgh", 4, False) == "abc" + ELLIPSIS
    assert fit("abc", 4, False) == "abc"
    assert fit("abc", 0, False) == ""
    assert fit("abcdef", 1, False) == ELLIPSIS
    assert fit("قال", 3, True) == rev_shaped("قال")
    assert fit("中文字", 3, False) == "中" + ELLIPSIS


def test_fit_measures_before_shaping():
    # «الأمن» is 5 cells logical, 4 shaped: width 5 fits without a cut
    assert fit("الأمن", 5, True) == shape_line("الأمن", True)
    assert ELLIPSIS in fit("الأمن", 4, True)


# --- wrap -------------------------------------------------------------------


def test_wrap_shapes_each_line_separately():
    text = "قتل 12 مدنيا في غارة جوية على ريف دير الزور"
    lines = wrap(text, 12, True)
    assert lines == [
        shape_line("قتل 12 مدنيا", True),
        shape_line("في غارة جوية", True),
        shape_line("على ريف دير", True),
        shape_line("الزور", True),
    ]
    assert lines[0].endswith(rev_shaped("قتل"))
    assert all(cell_len(line) <= 12 for line in lines)


def test_wrap_continuation_line_keeps_paragraph_direction():
    # the second line starts with a Latin word but belongs to an RTL paragraph,
    # so it is still laid out right to left: «attack» is read first, drawn right
    lines = wrap("قال مصدر إن ISIS attack على البلدة", 15, True)
    assert lines[0] == shape_line("قال مصدر إن", True)
    assert lines[1] == rev_shaped("على") + " ISIS attack"
    assert lines[2] == rev_shaped("البلدة")
    # shape_line alone would use LTR for that line
    assert shape_line("ISIS attack على", True) == "ISIS attack " + rev_shaped("على")


def test_wrap_plain_and_edge_cases():
    assert wrap("one two three four", 9, False) == ["one two", "three", "four"]
    assert wrap("abcdefghij", 4, False) == ["abcd", "efgh", "ij"]
    assert wrap("a\nb", 10, False) == ["a", "b"]
    assert wrap("", 10, True) == [""]
    assert wrap("abc", 0, True) == []


# --- resolve_shaping -------------------------------------------------------


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, True),
        ({"TERM": "xterm-256color"}, True),
        ({"KONSOLE_VERSION": "230804"}, False),
        ({"MLTERM": "3.9.3"}, False),
        ({"VTE_VERSION": "7600"}, False),
        ({"VTE_VERSION": "5800"}, False),
        ({"VTE_VERSION": "5202"}, True),
        ({"VTE_VERSION": "garbage"}, True),
        ({"TERM_PROGRAM": "Apple_Terminal"}, False),
        ({"TERM_PROGRAM": "iTerm.app"}, True),
        ({"CONFLICTUI_SHAPING": "on", "KONSOLE_VERSION": "1"}, True),
        ({"CONFLICTUI_SHAPING": "off"}, False),
        ({"CONFLICTUI_SHAPING": "auto", "MLTERM": "1"}, False),
    ],
)
def test_resolve_shaping_env(env, expected):
    assert resolve_shaping(None, env) is expected


def test_resolve_shaping_explicit_mode_wins():
    assert resolve_shaping("on", {"KONSOLE_VERSION": "1"}) is True
    assert resolve_shaping("off", {}) is False
    assert resolve_shaping("auto", {"VTE_VERSION": "6003"}) is False
    with pytest.raises(ValueError):
        resolve_shaping("sometimes", {})
    with pytest.raises(ValueError):
        resolve_shaping(None, {"CONFLICTUI_SHAPING": "yes"})


def test_resolve_shaping_reads_os_environ(monkeypatch):
    for var in ("KONSOLE_VERSION", "MLTERM", "VTE_VERSION", "TERM_PROGRAM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CONFLICTUI_SHAPING", "off")
    assert resolve_shaping() is False


# --- property tests ----------------------------------------------------------

arabicish = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(list(" ()[]{}«»<>0123456789.,-:؟،ISabc\u200d\u200f\u202e\u2066\u2069\t\n")),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(text=arabicish, width=st.integers(min_value=-2, max_value=40), sh=st.booleans())
def test_property_never_raises_and_fit_respects_width(text, width, sh):
    out = shape_line(text, sh)
    assert isinstance(out, str)
    assert "\n" not in out
    f = fit(text, width, sh)
    assert cell_len(f) <= max(width, 0)
    lines = wrap(text, width, sh)
    assert all(cell_len(line) <= width for line in lines)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80), sh=st.booleans())
def test_property_arbitrary_text(text, sh):
    shape_line(text, sh)
    fit(text, 7, sh)
    wrap(text, 7, sh)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A) | st.sampled_from(" ()"), max_size=40))
def test_property_shaping_keeps_brackets_balanced_in_rtl(text):
    # in a purely Arabic line, every bracket is in an RTL run: after
    # mirroring, the drawn line has the same bracket multiset, reversed+mirrored
    out = shape_line(text, True)
    if not shaping.has_arabic(text):
        return
    logical_brackets = [c for c in shaping._clean(text) if c in "()"]
    drawn_brackets = [c for c in out if c in "()"]
    mirror = {"(": ")", ")": "("}
    assert drawn_brackets == [mirror[c] for c in reversed(logical_brackets)]


def test_fallback_to_pure_python_bidi_still_mirrors(monkeypatch):
    # if python-bidi's debug output ever changes, the slow path takes over
    monkeypatch.setattr(shaping, "_rust_levels", lambda text, base: None)
    shaping._shape_cached.cache_clear()
    before = shaping.stats["fallback"]
    text = "قال (الأمم المتحدة) اليوم"
    expected = (
        rev_shaped("اليوم") + " (" + rev_shaped("المتحدة") + " " + rev_shaped("الأمم") + ") " + rev_shaped("قال")
    )
    assert shape_line(text, True) == expected
    assert shaping.stats["fallback"] == before + 1
    shaping._shape_cached.cache_clear()
