"""Common words read as names (issue 12): a name that a frequent word folds
into only by dropping a hamza the text writes («بأنه» → «بانه», Baneh) is
that word, unless a locative makes it the place. Sentences of our own; each
case has a counterpart where the name stays."""
import pytest

from store.text.morphology import spells_other_hamza
from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)


@pytest.mark.parametrize("written,name,other", [
    ("بأنه", "بانه", True),  # "that it" is no Baneh
    ("وأن", "وان", True),  # "and that" is no Van
    ("بانه", "بانه", False),  # the name as the name is written
    ("ادلب", "إدلب", False),  # a hamza left out is forgiven
    ("إدلب", "إدلب", False),
    ("بِأنَّه", "بانه", True),  # marks do not count
    ("بانة", "بانه", False),  # a ta marbuta is no hamza
    ("تل أبيض", "تل ابيض", True),
    ("أ ب", "ابانه", False),  # other lengths: no reading
])
def test_a_hamza_the_name_lacks(written, name, other):
    assert spells_other_hamza(written, name) is other


def _places(x, sentence):
    return {e.place for e in run(x, sentence)}


@pytest.mark.parametrize("sentence", [
    "وأعلنت وزارة الدفاع في بيان بأنه قصف مواقع للمسلحين اليوم.",
    "وذكر المرصد بأنه قتل ثلاثة مدنيين في غارة جوية اليوم.",
])
def test_a_frequent_word_with_its_hamza_is_no_place(ex, sentence):
    assert "baneh" not in _places(ex, sentence)


def test_the_name_after_a_locative_is_the_place(ex):
    assert "baneh" in _places(ex, "وقصفت طائرات حربية مواقع قرب مدينة بانه اليوم.")


_CAPTURE = "وسيطرت القوات العراقية على مدينة القائم أمس."


def test_a_verbal_noun_with_its_preposition_is_no_town_anaphor(ex):
    """«للقضاء على»: to eliminate, not «the district» referring back to the town."""
    strikes = [e for e in run(ex, _CAPTURE, "وشنت طائرات التحالف غارات جوية للقضاء على مسلحي داعش.")
               if e.event_type == "airstrike"]
    assert strikes and all(e.place is None for e in strikes)


def test_the_district_refers_back_to_the_town(ex):
    strikes = [e for e in run(ex, _CAPTURE, "وشنت طائرات التحالف غارات جوية على مواقع داعش في القضاء.")
               if e.event_type == "airstrike"]
    assert [e.place for e in strikes] == ["al-qaim"]


def test_names_that_are_common_words_are_listed():
    """common_names.tsv (scripts/build_common_names.py): «السلمية» is also
    "peaceful", «الباب» "the door"; a proper name frequent in one form only is not listed."""
    from store.nlp.lexicon import COMMON_PLACE_NAMES
    from store.text.arabic import normalize
    assert {normalize("السلمية"), normalize("الباب"), normalize("حديثة")} <= COMMON_PLACE_NAMES
    assert not {normalize("دمشق"), normalize("العراق"), normalize("حلب")} & COMMON_PLACE_NAMES


_SHELLED = "وقصفت قوات النظام مدينة السلمية أمس."
_BARE = "وقتلت قوات النظام ثلاثة مدنيين في قصف طال السلمية مجددا اليوم."


@pytest.mark.parametrize("sentences", [
    ("وفرقت قوات النظام الاحتجاجات السلمية بالرصاص الحي وقتلت خمسة مدنيين أمس.",),  # peaceful protests
    (_BARE,),  # bare, and the article never names the town after a locative
])
def test_a_common_word_alone_is_no_place(ex, sentences):
    assert "as-salamiyah" not in {e.place for e in run(ex, *sentences)}


def test_a_common_word_after_a_locative_is_the_place(ex):
    assert [e.place for e in run(ex, _SHELLED)] == ["as-salamiyah"]


def test_once_named_after_a_locative_the_bare_name_is_the_place(ex):
    assert [e.place for e in run(ex, _SHELLED, _BARE)] == ["as-salamiyah", "as-salamiyah"]


def test_a_list_that_a_locative_heads_names_places(ex):
    places = {e.place for e in run(ex, "وشنت طائرات حربية روسية غارات على بلدات صيدا والطيبة أمس.")}
    assert {"saida-daraa", "taybeh-daraa"} <= places


@pytest.mark.parametrize("sentence", [
    "وهاجمت فرقة من قوات النظام مواقع الفصائل أمس.",  # a division: «ف» + «رقة» would be Raqqa
    "وقدمت روسيا ورقة إلى مجلس الأمن تدين الهجوم على المدنيين أمس.",  # a paper: «و» + «رقة»
])
def test_a_frequent_word_is_no_name_behind_a_proclitic(ex, sentence):
    assert "raqqa" not in {e.place for e in run(ex, sentence)}


@pytest.mark.parametrize("sentence", [
    "وقصفت طائرات حربية مدينة الرقة أمس.",
    "وقصفت طائرات التحالف والرقة أمس.",  # «و» glued on the name itself
])
def test_the_name_behind_a_proclitic_stays(ex, sentence):
    assert "raqqa" in {e.place for e in run(ex, sentence)}


def test_glued_words_are_listed():
    from store.nlp.lexicon import GLUED_WORDS
    from store.text.arabic import normalize
    assert {normalize("فرقة"), normalize("ورقة")} <= GLUED_WORDS
    assert not {normalize("وسوريا"), normalize("والرقة"), normalize("لسوريا")} & GLUED_WORDS


@pytest.mark.parametrize("written,adjective", [
    ("حملته", True),  # «حملته الأخيرة»: its latest campaign
    ("الفترة", True),  # «الفترة الأخيرة»: the last period
    ("وقالت", False),  # «وقالت الأخيرة»: the latter said
    ("أن", False),
    ("حملة", False),  # a ta marbuta is no possessive pronoun
])
def test_what_takes_a_definite_adjective(written, adjective):
    from store.text.morphology import takes_a_definite_adjective

    assert takes_a_definite_adjective(written) is adjective


def test_the_latest_after_a_noun_is_an_adjective_not_the_latter(ex):
    # «حملته الأخيرة» is "its latest campaign": «الأخيرة» refers back to no one, so the group
    # named before is not made the doer of the campaign against itself
    events = run(ex, "قصف الجيش العراقي مواقع تنظيم داعش في الأنبار أمس.",
                 "ويواصل العراق حملته الأخيرة للقضاء على داعش.")
    campaign = [e for e in events if "القضاء" in e.rule]
    assert campaign and all(e.actor1 != "isis" for e in campaign)
    assert all(e.actor2 == "isis" for e in campaign)


def test_the_latter_alone_or_after_a_preposition_still_refers_back(ex):
    events = run(ex, "قصف الجيش السوري مواقع المعارضة في حماة.", "وشنت الأخيرة هجوما على مواقعه أمس.")
    assert [e.actor1 for e in events if e.event_type == "armed_clash"] == ["syrian-army"]
    events = run(ex, "قصف الجيش السوري مواقع المعارضة في حماة.",
                 "وقالت مصادر إن المدفعية التابعة للأخيرة قصفت مواقع في ريف حماة أمس.")
    assert [(e.event_type, e.actor1) for e in events if e.sentence_idx == 2] == [("shelling", "syrian-army")]
