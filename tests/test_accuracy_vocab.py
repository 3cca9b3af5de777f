"""Cues that real news words differently (issue 12, "cue not matched"): the
act's noun with its doer as a pronoun, a paragraph cut off at the end of an
excerpt. Sentences of our own; each class has a counterpart that stays out."""
import pytest

from store.nlp.cues import build_cue_index
from store.text.arabic import normalize, tokenize
from store.text.morphology import possessive_forms
from tests.accuracy_support import PUB, ex, run  # noqa: F401  (ex is a fixture)
from store.text.articles import Article


def types(x, *sentences):
    return [e.event_type for e in run(x, *sentences)]


@pytest.mark.parametrize("sentence,event_type", [
    # «معركة», «هجمات»: the possessive is a reference to a war or a record, not one act
    ("وقال المحلل إن التنظيم خسر معركته في الشرق.", "armed_clash"),
])
def test_nouns_not_marked_take_no_possessive(ex, sentence, event_type):
    assert event_type not in types(ex, sentence)


def test_possessive_forms_turn_the_ta_marbuta_and_skip_the_definite():
    assert possessive_forms(normalize("سيطرة")) == [normalize(w) for w in ("سيطرته", "سيطرتها", "سيطرتهم", "سيطرتهما")]
    assert normalize("انسحابها") in possessive_forms(normalize("انسحاب"))
    assert possessive_forms(normalize("الانسحاب")) == [] and possessive_forms(normalize("هجوما")) == []


def test_a_noun_cue_with_a_plus_keeps_its_rule_name():
    index = build_cue_index([{"event_type": "withdrawal", "pattern": "انسحاب+", "role": "noun"}])
    hits = index.find(tokenize("وأكد سبب انسحابهم أمس"))
    assert [c.pattern for h in hits for c in h.payloads] == ["انسحاب"]


def _article(body):
    return Article(path="p.txt", title="p", body=body, published=PUB, language="ar")


def test_a_cut_off_last_paragraph_is_not_a_headline(ex):
    body = ("بيروت - وكالات\n\nقال المرصد إن الاشتباكات تواصلت في ريف حلب.\n\n"
            "وشن عناصر من التنظيم هجوما على حاجز للجيش قرب")
    last = ex.extract(_article(body)).sentences[-1]
    assert "armed_clash" in [cue.event_type for _, cue in last.cues]


def test_a_headline_without_punctuation_still_gives_no_act(ex):
    body = ("الجيش يشن هجوما على مواقع التنظيم قرب حلب\n\n"
            "قال مصدر عسكري إن وحدات الجيش تقدمت في ريف حلب الجنوبي.")
    first = ex.extract(_article(body)).sentences[0]
    assert first.cues == []


@pytest.mark.parametrize("sentence", [
    "ووصل وزير الهجرة إلى مخيم النازحين في دهوك.",  # a visitor arrives where the displaced live
    "ووصلت القوات إلى مدينة الرقة بعد معارك عنيفة.",  # no displaced named
])
def test_an_arrival_without_counted_displaced_is_no_displacement(ex, sentence):
    assert "displacement" not in types(ex, sentence)


def test_here_is_not_congratulated_but_the_verb_with_its_hamza_is(ex):
    assert "praise" not in types(ex, "وقال المتحدث إن القوات موجودة هنا في وسط المدينة.")
    assert "praise" in types(ex, "وهنأ الرئيس السوري الجيش على تحرير مدينة تدمر.")


@pytest.mark.parametrize("sentence", [
    "وتقع البلدة تحت سيطرة القوات العراقية منذ عامين.",  # who holds it, not a capture
    "وقال المتحدث إن المنطقة خالية من المسلحين.",  # a state: no word of change before it
    "وباتت القرية خالية من السكان بعد المعارك.",  # emptied of people, not of fighters
])
def test_control_held_or_a_place_emptied_of_people_is_no_capture(ex, sentence):
    assert "territory_taken" not in types(ex, sentence)


@pytest.mark.parametrize("sentence,event_type", [
    # the act's noun with its doer or target as a pronoun
    ("وأكد مصدر أمني أن قوات البشمركة أكملت انسحابها من قضاء مخمور.", "withdrawal"),
    ("وجاء ذلك بعد هجومه ليل الأحد على بلدة الباغوز.", "armed_clash"),
    ("وأعلن الجيش العراقي اقتحامها من ثلاثة محاور صباح اليوم.", "armed_clash"),
    ("وأعلن الجيش العراقي دخوله إلى مركز مدينة الرمادي صباح اليوم.", "territory_taken"),
    # the displaced arriving, counted
    ("وأعلنت سلطات الإقليم وصول 400 عائلة نازحة من قضاء سنجار إلى دهوك.", "displacement"),
    ("ووصلت أمس 20 حافلة تقل لاجئين سوريين إلى مدينة إدلب.", "displacement"),
    # a place comes under control: a change of state
    ("وأكد قائد العمليات أن مبنى المحافظة أصبح تحت سيطرة القوات العراقية بالكامل.", "territory_taken"),
    ("وقال المتحدث العسكري إن بلدة القصير باتت خالية تماما من المسلحين.", "territory_taken"),
    # an operation launched against an enemy
    ("وفي الشهر الماضي أطلقت تركيا عملية \"النسر\" ضد مواقع الحزب في جبال قنديل.", "armed_clash"),
    # a claim of fabrication
    ("وقالت الخارجية الروسية إن الغرب فبرك الهجوم الكيميائي في دوما.", "accusation"),
    ("واتهمت دمشق واشنطن بفبركة الحادث في خان شيخون.", "accusation"),
])
def test_the_act_told_in_these_words_is_found(ex, sentence, event_type):
    assert event_type in types(ex, sentence)


@pytest.mark.parametrize("sentence", [
    "وأطلقت الأمم المتحدة عملية إغاثة واسعة في ريف إدلب.",  # no enemy, no launching verb just before
    "وقال المبعوث إن العملية السياسية ضد مصلحة السوريين.",  # the political process
])
def test_an_operation_that_is_not_launched_against_an_enemy_is_no_clash(ex, sentence):
    assert "armed_clash" not in types(ex, sentence)
