"""What the act is (issue 12): an act told again, acts that had no type
before. Sentences of our own."""
import pytest

from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)

SHELLING = "سقطت قذائف هاون على حي الميدان في دمشق اليوم."



def types_in(events, sentence_idx):
    return [e.event_type for e in events if e.sentence_idx == sentence_idx]


@pytest.mark.parametrize("first,again,event_type", [
    ("فجر انتحاري سيارة مفخخة عند حاجز للجيش العراقي قرب مدينة تكريت صباح اليوم.",
     "وجرح خمسة عشر شخصا في الهجوم الذي ضرب المدخل الشمالي لتكريت.", "suicide_or_ied"),
    (SHELLING, "وأصيب خمسة مدنيين في الهجوم الذي استهدف سوق حي الميدان.", "shelling"),
])
def test_the_attack_told_again_is_the_act_told_before(ex, first, again, event_type):
    events = run(ex, first, again)
    last = max(e.sentence_idx for e in events)
    assert types_in(events, last) == [event_type]


def test_the_bombardment_told_again_after_a_strike_from_the_air_is_that_strike(ex):
    # the report a day later («أمس») of the strike told as today's news is the same strike
    events = run(ex, "وقصفت طائرات التحالف الدولي مواقع لتنظيم داعش في سنجار اليوم.",
                 "وقال ناشط إن القصف استهدف أمس مواقع للتنظيم داخل قضاء سنجار.")
    assert types_in(events, max(e.sentence_idx for e in events)) == ["airstrike"]


def test_the_bombardment_told_again_after_shelling_stays_shelling(ex):
    events = run(ex, SHELLING, "وقال ناشط إن القصف استهدف سوق حي الميدان.")
    assert types_in(events, max(e.sentence_idx for e in events)) == ["shelling"]


@pytest.mark.parametrize("again", [
    # an adjective of its own says what kind of attack it was
    "وأسفر الهجوم البري الذي شنته الفصائل على حي جوبر عن مقتل عشرة عناصر.",
    # a day of its own: the offensive, not the shelling of today
    "وكان الهجوم الذي انطلق في العاشر من الشهر الماضي قد تعثر قرب حي جوبر.",
])
def test_another_attack_keeps_its_own_type(ex, again):
    events = run(ex, SHELLING, again)
    last = max(e.sentence_idx for e in events)
    assert types_in(events, last) == ["armed_clash"]


# -- acts that had no type: truces, agreements, releases ------------------------------------


def test_the_new_types_carry_their_acled_and_cameo_codes():
    from store.nlp.event_types import event_types

    types = {t.id: t for t in event_types()}
    for type_id, cameo in (("ceasefire", "0871"), ("agreement", "057"), ("release", "0841")):
        t = types[type_id]
        assert (t.acled_event_type, t.acled_sub_event_types, t.cameo) == \
            ("Strategic developments", ("Agreement",), cameo)


@pytest.mark.parametrize("sentence", [
    "وأعلن الجيش السوري هدنة لمدة ثلاثة أيام في الغوطة الشرقية.",
    "ودخل وقف إطلاق النار حيز التنفيذ في مدينة درعا منتصف الليل.",
    "وأعلنت روسيا وتركيا التوصل إلى اتفاق لوقف إطلاق النار في إدلب أمس.",
])
def test_a_truce_declared_agreed_or_in_force_is_a_ceasefire_never_a_clash(ex, sentence):
    types = [e.event_type for e in run(ex, sentence)]
    assert "ceasefire" in types and "armed_clash" not in types and "agreement" not in types


@pytest.mark.parametrize("sentence", [
    "وقال المرصد إن وقف إطلاق النار لا يزال ساريا في ريف إدلب منذ أسبوعين.",  # a state
    "واتهمت المعارضة قوات النظام بخرق الهدنة في الغوطة الشرقية.",  # a violation
    "وطالبت الولايات المتحدة بوقف إطلاق النار في إدلب.",  # a demand
])
def test_a_truce_that_holds_is_broken_or_demanded_is_no_act_of_its_own(ex, sentence):
    types = [e.event_type for e in run(ex, sentence)]
    assert "ceasefire" not in types and "armed_clash" not in types


def test_an_agreement_signed_is_one_event_per_party(ex):
    events = run(ex, "ووقعت الحكومة العراقية وحكومة إقليم كردستان اتفاقا بشأن سنجار اليوم.")
    assert sorted((e.event_type, e.actor1, e.place) for e in events) == \
        [("agreement", "iraqi-government", "sinjar"), ("agreement", "krg", "sinjar")]


@pytest.mark.parametrize("sentence,releaser", [
    ("وأفرجت هيئة تحرير الشام عن ثلاثة أسرى من حزب الله أمس في جرود عرسال.", "hts"),
    ("وأطلق تنظيم داعش سراح عشرين مدنيا في بلدة الحويجة.", "isis"),
])
def test_a_release_is_coded_with_the_one_who_releases(ex, sentence, releaser):
    assert [(e.event_type, e.actor1) for e in run(ex, sentence)] == [("release", releaser)]


def test_a_release_demanded_is_no_release(ex):
    events = run(ex, "وطالبت الولايات المتحدة بالإفراج عن المعتقلين في سوريا.")
    assert [e.event_type for e in events] == ["demand"]


# -- demands made without a demand verb -------------------------------------------------------


@pytest.mark.parametrize("sentence,who", [
    ("وشددت فرنسا وبريطانيا على ضرورة إدخال المساعدات إلى الغوطة الشرقية.", {"france", "uk"}),
    ("وأكدت الخارجية التركية على ضرورة وقف التصعيد في إدلب.", {"turkish-mfa"}),
    ("والتقى وزير الخارجية التركي مولود جاويش أوغلو نظيره الروسي في أنقرة، مشددا على أهمية الحل السياسي في سوريا.",
     {"turkish-mfa"}),
])
def test_stressing_a_necessity_is_a_demand_by_the_subject(ex, sentence, who):
    demands = [e for e in run(ex, sentence) if e.event_type == "demand"]
    assert demands and {e.actor1 for e in demands} == who


def test_stressing_a_fact_is_no_demand(ex):
    events = run(ex, "وشددت فرنسا على أن الهجوم الكيميائي وقع في دوما.")
    assert "demand" not in [e.event_type for e in events]


# -- drafts: who makes them, who votes them down, what they are for -------------------------

REJECTED = "ورفض مجلس الأمن الدولي مساء أمس مشروع قرار صاغته روسيا لإدانة الضربات الغربية على سوريا."


def test_a_body_that_rejects_a_draft_votes_it_down(ex):
    events = run(ex, REJECTED)
    assert ("vote", "unsc") in [(e.event_type, e.actor1) for e in events]
    assert "criticism" not in [e.event_type for e in events]  # nor is what the draft is for («للتنديد») an act


def test_a_state_that_rejects_a_draft_criticises_it(ex):
    events = run(ex, "ورفضت الحكومة السورية مشروع القرار الفرنسي.")
    assert ("criticism", "syrian-government") in [(e.event_type, e.actor1) for e in events]


def test_the_draft_is_made_by_the_subject_of_the_verb_after_it(ex):
    proposals = [e for e in run(ex, REJECTED) if e.event_type == "proposal"]
    assert [e.actor1 for e in proposals] == ["russia"]


# -- the means of an act --------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "وقال ناشط إن القصف استهدف مواقع للتنظيم داخل قضاء سنجار أمس، بستة صواريخ.",
    "وقال مصدر إن الطائرات قصفت مقرات التنظيم في الرقة أمس، بعدد من الصواريخ.",
])
def test_munitions_after_the_instrument_ba_are_the_means_of_the_act_before(ex, sentence):
    events = run(ex, sentence)
    assert events and not [e.rule for e in events if e.rule.endswith(":صواريخ")]


def test_munitions_of_another_clause_are_an_act_of_their_own(ex):
    events = run(ex, "وقصفت قوات النظام بالمدفعية قرى قلعة المضيق، فيما استهدفت فصائل المعارضة بقذائف الهاون "
                     "مواقع للنظام في بلدة السقيلبية.")
    assert {e.actor1 for e in events if e.event_type == "shelling"} == {"syrian-army", "syrian-opposition"}


@pytest.mark.parametrize("sentence", [
    "وقالت مصادر أمنية إن مسلحين صدموا بشاحنة ملغومة حاجزا للجيش العراقي قرب مدينة سامراء، ما أسفر عن مقتل 12 جنديا.",
    "وقتل 20 شخصا بعد تفجيرين انتحاريين وقعا في سوق شعبي وسط بغداد.",
])
def test_a_bomb_named_by_its_carrier_or_counted_two_is_a_bombing_with_its_toll(ex, sentence):
    assert [e.event_type for e in run(ex, sentence)] == ["suicide_or_ied"]


def test_a_security_sweep_is_a_clash(ex):
    events = run(ex, "وتشن القوات العراقية عمليات أمنية واسعة ضد خلايا تنظيم داعش في صحراء الأنبار.")
    assert ("armed_clash", "iraqi-forces") in [(e.event_type, e.actor1) for e in events]


# A strike told with no actor is flown by the aircraft just before it, or by the air campaign told
# in the sentence before, unless ground fire is named (sentences of our own).
def test_strikes_after_the_aircraft_are_one_air_strike(ex):
    events = run(ex, "وسددت الطائرات ضربات على مواقع لتنظيم داعش قرب بلدة سراقب.")
    assert [e.event_type for e in events] == ["airstrike"]


AIR_LEAD = "وقصفت طائرات التحالف الدولي مواقع لتنظيم داعش في سنجار."


def test_a_strike_with_no_actor_after_an_air_strike_is_flown(ex):
    events = run(ex, AIR_LEAD, "وذكر ناشط أنه تم قصف موقعين للتنظيم قرب البلدة.")
    assert [(e.sentence_idx, e.event_type) for e in events] == [(1, "airstrike"), (2, "airstrike")]


@pytest.mark.parametrize("later", [
    "وذكر ناشط أنه تم قصف موقعين للتنظيم بقذائف الهاون.",  # ground fire named
    "وذكر ناشط أن صاروخا أطلق على قاعدة للتحالف قرب البلدة.",  # a missile fired: from the ground
])
def test_ground_fire_after_an_air_strike_stays_shelling(ex, later):
    events = run(ex, AIR_LEAD, later)
    assert [(e.sentence_idx, e.event_type) for e in events] == [(1, "airstrike"), (2, "shelling")]


def test_a_strike_with_no_actor_two_sentences_after_the_air_strike_is_not_read_as_flown(ex):
    events = run(ex, AIR_LEAD, "وقال الناشط إن المدنيين نزحوا من البلدة.", "وذكر أنه تم قصف موقعين للتنظيم قرب البلدة.")
    assert [e.event_type for e in events if e.sentence_idx == 3] == ["shelling"]


@pytest.mark.parametrize("sentence", [
    "وتتهم المعارضة القوات الروسية باستخدام صواريخ عنقودية في سوريا.",
    "وأشار إلى استخدامها لصواريخ بعيدة المدى في سوريا.",
])
def test_munitions_told_as_what_a_force_uses_are_no_act(ex, sentence):
    assert [e.event_type for e in run(ex, sentence) if e.event_type in ("shelling", "airstrike")] == []


def test_munitions_fired_are_still_an_act(ex):
    events = run(ex, "وسقطت صواريخ على حي الميدان في دمشق اليوم.")
    assert [e.event_type for e in events] == ["shelling"]


# -- suicide bombers: the doers or the target ----------------------------------------------


def test_bombers_as_the_genitive_of_a_killing_are_its_victims(ex):
    events = run(ex, "ودارت اشتباكات بين القوات العراقية ومسلحي التنظيم أدت إلى مقتل الانتحاريين الستة.")
    assert "suicide_or_ied" not in [e.event_type for e in events]


def test_an_attack_the_bombers_launch_is_their_bombing(ex):
    events = run(ex, "وشن أربعة انتحاريين من تنظيم داعش هجوما على حاجز للجيش العراقي قرب مدينة الرمادي.")
    assert [e.event_type for e in events] == ["suicide_or_ied"]


def test_an_attack_that_names_bombers_as_its_means_stays_both(ex):
    events = run(ex, "وشن تنظيم داعش هجوما على حاجز للجيش العراقي قرب مدينة الرمادي بعشرات الانتحاريين.")
    assert sorted({e.event_type for e in events}) == ["armed_clash", "suicide_or_ied"]
