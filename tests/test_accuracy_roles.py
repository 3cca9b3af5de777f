"""Who acts is the subject of the act, not the nearest name (issue 12):
sentences of our own, each a shape of Arabic that names the doer apart
from the act."""
import pytest

from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)



def of_type(events, event_type):
    return [e for e in events if e.event_type == event_type]


@pytest.mark.parametrize("sentence,event_type,doer", [
    # an indefinite act and the verb that takes it as object: «غارات نفذها X»
    ("سقط خمسة قتلى فجر اليوم بغارات نفذها الطيران الروسي على أطراف سراقب.", "airstrike", "russian-forces"),
    ("وقالت مصادر محلية إن غارات مكثفة شنتها الطائرات التركية استهدفت قرية في ريف دهوك.", "airstrike",
     "turkish-army"),
    # the aircraft and their adjective stand between the verb and their owner
    ("وقتل 12 مدنيا أمس في غارات شنتها طائرات حربية روسية على مدينة معرة النعمان.", "airstrike", "russian-forces"),
    # members and «تابعة لـ» stand between the verb and the name
    ("جرح مزارعان أمس إثر هجوم شنه عناصر تابعة لداعش على قرية قرب خانقين.", "armed_clash", "isis"),
])
def test_the_subject_of_the_verb_that_takes_the_act_did_it(ex, sentence, event_type, doer):
    found = of_type(run(ex, sentence), event_type)
    assert found and all(e.actor1 == doer and e.actor2 != doer for e in found), \
        [(e.event_type, e.actor1, e.actor2) for e in found]


def test_a_verb_that_does_not_take_the_act_names_no_doer(ex):
    # «غارات استهدفت مواقع التنظيم»: the target after a verb of its own is no doer
    found = of_type(run(ex, "وقالت مصادر محلية إن غارات مجهولة استهدفت مواقع تنظيم داعش قرب البوكمال."), "airstrike")
    assert all(e.actor1 != "isis" for e in found)


@pytest.mark.parametrize("sentence", [
    "وقتلت القوات العراقية سبعة انتحاريين من داعش خلال صد هجوم على الرمادي.",
    "وطوقت القوات العراقية أربعة من الانتحاريين في مبنى شمال الرمادي.",
])
def test_bombers_counted_after_their_foes_act_are_its_target_not_a_bombing(ex, sentence):
    events = run(ex, sentence)
    assert "suicide_or_ied" not in [e.event_type for e in events]
    assert ("armed_clash", "iraqi-forces") in [(e.event_type, e.actor1) for e in events]


def test_bombers_who_strike_are_still_a_bombing(ex):
    events = run(ex, "وفجر انتحاريون سيارة مفخخة عند حاجز للجيش العراقي قرب الفلوجة.")
    assert "suicide_or_ied" in [e.event_type for e in events]


@pytest.mark.parametrize("sentence,doer", [
    ("وأصيب مدني في قصف الطائرات التركية على قرية قرب مدينة دهوك.", "turkish-army"),
    ("وقتل ثلاثة أشخاص في قصف لطائرات حربية روسية استهدف بلدة سراقب.", "russian-forces"),
])
def test_aircraft_right_after_a_bombardment_make_it_their_air_strike(ex, sentence, doer):
    events = run(ex, sentence)
    assert [(e.event_type, e.actor1) for e in events] == [("airstrike", doer)]


def test_artillery_and_aircraft_coordinated_are_two_acts(ex):
    events = run(ex, "وقالت مصادر إن سلاح المدفعية والطيران الحربي التابعين للجيش السوري دمرا مقار للتنظيم "
                     "في الميادين.")
    assert {"shelling", "airstrike"} <= {e.event_type for e in events}


@pytest.mark.parametrize("sentence,event_type,doer", [
    # the noun of «إن» right before the verb is its subject; the counted victims after it are the object
    ("وقال مصدر محلي إن تنظيم داعش خطف 30 مدنيا من قرية قرب الميادين.", "attack_on_civilians", "isis"),
    ("وذكر ناشطون أن هيئة تحرير الشام خطفت خمسة مدنيين في مدينة سرمدا.", "attack_on_civilians", "hts"),
])
def test_the_noun_of_that_before_the_verb_is_its_subject(ex, sentence, event_type, doer):
    found = of_type(run(ex, sentence), event_type)
    assert found and all(e.actor1 == doer for e in found), [(e.event_type, e.actor1, e.actor2) for e in found]


@pytest.mark.parametrize("sentence,event_type,doer", [
    # the passive agent: «على يد X», «من قبل X», «بأيدي X» after the act names its doer
    ("واختطف ثلاثة مدنيين على يد عناصر تنظيم داعش في قرية قرب الميادين.", "attack_on_civilians", "isis"),
    ("وتعرضت قرية قرب الميادين لهجوم على يد مسلحي تنظيم داعش.", "armed_clash", "isis"),
    ("وخطف أربعة رعاة بأيدي عناصر من هيئة تحرير الشام قرب مدينة سرمدا.", "attack_on_civilians", "hts"),
])
def test_the_agent_after_a_passive_act_is_its_doer(ex, sentence, event_type, doer):
    found = of_type(run(ex, sentence), event_type)
    assert found and all(e.actor1 == doer for e in found), [(e.event_type, e.actor1, e.actor2) for e in found]


def test_a_head_word_the_article_gave_a_name_refers_back_to_it(ex):
    # «لمنظمة "بي كا كا"» names the PKK with the head «منظمة»; «للمنظمة الإرهابية» later is the PKK
    events = run(ex, 'أعلن الجيش التركي أنه دمر ملاجئ ومستودعات لمنظمة "بي كا كا" في جبال قنديل.',
                 "وقال الجيش إن مقاتلات تركية قصفت أمس مخازن ذخيرة للمنظمة الإرهابية في منطقة قنديل.")
    assert ("airstrike", "turkish-army", "pkk") in [(e.event_type, e.actor1, e.actor2) for e in events]


def test_the_council_that_would_issue_a_blocked_resolution_is_not_its_target(ex):
    # «على مجلس الأمن» is where a draft goes; «قرار من مجلس الأمن» is the Council's own act, blocked
    events = run(ex, "وعرقلت روسيا مساء الاثنين صدور قرار من مجلس الأمن حول إدلب.")
    assert [(e.event_type, e.actor1, e.actor2) for e in events if e.event_type == "veto"] == [("veto", "russia", None)]


@pytest.mark.parametrize("sentence,doer,loser", [
    # who withdrew before the capture («بعد انسحاب X», «بعدما انسحبت X») lost the place
    ("ودخلت القوات العراقية وسط مدينة كركوك بعد انسحاب قوات البشمركة منها.", "iraqi-forces", "peshmerga"),
    ("وسيطرت قوات النظام على بلدة كفرنبل، بعدما انسحبت هيئة تحرير الشام منها.", "syrian-army", "hts"),
])
def test_who_withdrew_before_a_capture_lost_the_place(ex, sentence, doer, loser):
    found = of_type(run(ex, sentence), "territory_taken")
    assert [(e.actor1, e.actor2) for e in found] == [(doer, loser)]


@pytest.mark.parametrize("word,singular", [
    ("روسيتين", "روسيه"), ("الأمريكيين", "الامريكي"), ("تركيتان", "تركيه"), ("الإيرانيون", "الايراني"),
])
def test_an_adjective_of_nationality_in_the_dual_or_plural_has_its_singular(word, singular):
    from store.text.arabic import normalize
    from store.text.morphology import nisba_singulars
    assert nisba_singulars(normalize(word)) == [singular]
    assert nisba_singulars(normalize("مدنيين")) != [normalize("المدني")]  # no article is invented


def test_the_enemy_named_by_its_adjective_is_the_state(ex):
    # Syrian state media call Israel «العدو»: «العدو الإسرائيلي» doing an air act is an Israeli air strike
    events = run(ex, "وقال مصدر عسكري إن العدو الإسرائيلي نفذ عدوانا جويا على مطار حلب الدولي.")
    assert [(e.event_type, e.actor1) for e in events if e.event_type == "airstrike"] == [("airstrike", "israel-army")]


@pytest.mark.parametrize("sentence,event_type,doer,target", [
    # who comes under the act («تعرضت X لقصف») is its target, never its doer
    ("وتعرضت مواقع قوات النظام في ريف حماة لقصف صاروخي.", "shelling", None, "syrian-army"),
    ("وتعرضت بلدة كفرنبل لقصف قوات النظام.", "shelling", "syrian-army", None),
    # members of the group after the verb of doing are its subject: «شن عناصر من داعش هجوما»
    ("وشن عناصر من تنظيم داعش هجوما مسلحا على قرية قرب خانقين.", "armed_clash", "isis", None),
])
def test_who_comes_under_an_act_and_who_does_it(ex, sentence, event_type, doer, target):
    found = of_type(run(ex, sentence), event_type)
    assert [(e.actor1, e.actor2) for e in found] == [(doer, target)]


def test_a_relative_clause_with_no_subject_goes_on_with_the_doer(ex):
    # «القرية التي سيطر عليها»: the antecedent is the place taken; the group that acted took it
    events = run(ex, "وقال المرصد إن تنظيم داعش خطف 40 مدنيا من سكان قرية البغيلية التي سيطر عليها أمس.")
    assert [(e.event_type, e.actor1) for e in events] == [("attack_on_civilians", "isis"), ("territory_taken", "isis")]


def test_yazidi_fighters_are_the_sinjar_units(ex):
    events = run(ex, "واتهمت القوات العراقية أمس المقاتلين الإيزيديين بنصب حواجز في سنوني.")
    assert [(e.event_type, e.actor1, e.actor2) for e in events] == [("accusation", "iraqi-forces", "ybs")]


@pytest.mark.parametrize("sentence", [
    # a base named by its state came under the act: the state's forces are the target
    "وتعرضت قاعدة عين الأسد الأمريكية مساء أمس لقصف صاروخي.",
    "وأفاد مصدر أمني بأن قاعدة عين الأسد الأمريكية غرب الأنبار تعرضت لقصف صاروخي.",
])
def test_a_base_named_by_its_state_is_the_target(ex, sentence):
    assert [(e.event_type, e.actor1, e.actor2) for e in run(ex, sentence)] == [("shelling", None, "us-forces")]


def test_the_source_before_a_verb_of_undergoing_is_no_target(ex):
    events = run(ex, "وقال مصدر أمني إن بلدة كفرنبل تعرضت لقصف صاروخي.")
    assert [(e.actor1, e.actor2) for e in events] == [(None, None)]


def test_hamas_is_named_by_the_movement_not_by_the_bare_word(ex):
    # «حماس» alone is also "zeal": only «حركة حماس» names the movement
    events = run(ex, "واندلعت اشتباكات عنيفة بين الجيش الإسرائيلي وحركة حماس قرب مدينة رفح.")
    assert "hamas" in {a for e in events for a in (e.actor1, e.actor2)}
    from store.nlp.dictionaries import Dictionaries
    names = {n for a in Dictionaries(include_user=False).actors.values() for n in a.names()}
    assert "حماس" not in names
