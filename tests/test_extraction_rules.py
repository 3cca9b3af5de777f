"""Extraction rules, one small report of our own per rule: each test names
the construction it covers and fails if the rule is taken out."""
import pytest

from store.text.articles import Article
from store.nlp.dictionaries import Dictionaries
from store.nlp.extract import Extractor

PUB = "2019-05-22"  # a Wednesday


@pytest.fixture(scope="module")
def ex():
    return Extractor(Dictionaries(include_user=False))


def run(ex, *sentences, published=PUB):
    body = "بيروت - وكالات\n\n" + "\n\n".join(sentences)
    return ex.extract(Article(path="rule.txt", title="rule", body=body, published=published, language="ar")).events


def only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert found, f"no {event_type} in {[(e.event_type, e.actor1, e.place) for e in events]}"
    return found


# -- dates -------------------------------------------------------------------


def test_day_of_the_month_just_named(ex):
    events = run(ex, "وقتل ثلاثة جنود في الثالث من أيار الماضي، ثم قصفت قوات النظام مدينة إدلب في العاشر منه.")
    e = only(events, "shelling")[0]
    assert (e.date, e.place) == ("2019-05-10", "idlib")


def test_a_verbal_act_without_a_time_is_undated(ex):
    events = run(ex, "سيطرت قوات النظام اليوم على بلدة كفرنبودة.",
                 "ودعت الأمم المتحدة جميع الأطراف إلى حماية المدنيين.")
    assert only(events, "demand")[0].date is None


def test_what_is_said_in_a_council_session_takes_the_vote_date(ex):
    events = run(ex, "استخدمت روسيا أمس حق النقض ضد مشروع القرار في مجلس الأمن.",
                 "واتهمت المندوبة الأمريكية روسيا بحماية النظام السوري.")
    assert only(events, "accusation")[0].date == "2019-05-21"


def test_a_draft_tabled_in_a_relative_clause_is_not_dated_by_the_vote(ex):
    events = run(ex, "استخدمت روسيا أمس حق النقض ضد مشروع قرار قدمته فرنسا.")
    assert only(events, "veto")[0].date == "2019-05-21"
    assert only(events, "proposal")[0].date is None


def test_a_forecast_is_undated(ex):
    events = run(ex, "سيطرت القوات العراقية اليوم على قضاء القائم.",
                 "ومن المتوقع أن تسيطر القوات العراقية على مدينة راوة خلال أيام.")
    forecast = [e for e in events if e.place == "rawah"]
    assert forecast and forecast[0].date is None and forecast[0].hedged


def test_a_running_count_since_a_date_is_undated_but_a_stated_start_dates_it(ex):
    events = run(ex, "ونزح أكثر من 200 ألف مدني من ريف حماة منذ نهاية نيسان الماضي.",
                 "وفر 80 ألف شخص من الفلوجة منذ بدء العملية في 23 أيار الماضي.")
    flights = only(events, "displacement")
    by_place = {e.place: e for e in flights}
    assert by_place["SY-HM"].date is None
    assert by_place["al-fallujah"].date == "2019-05-23" or by_place["al-fallujah"].date == "2018-05-23"


def test_an_act_going_on_now_is_dated_to_publication_not_carried(ex):
    events = run(ex, "سيطرت قوات النظام أمس على بلدة كفرنبودة.",
                 "وقال المرصد إن تنظيم داعش سيطر على بلدة السخنة.",
                 "ولا تزال الاشتباكات مستمرة في مدينة خان شيخون.")
    e = [x for x in events if x.place == "khan-shaykhun"][0]
    assert e.date == PUB


def test_a_news_day_said_after_an_aside_dates_the_act(ex):
    e = only(run(ex, "سيطر جيش الفتح، الذي يضم جبهة النصرة وحركة أحرار الشام، أمس على مدينة جسر الشغور."),
             "territory_taken")
    assert [(x.actor1, x.actor2, x.place, x.date) for x in e] == \
        [("jaysh-al-fatah", None, "jisr-ash-shughur", "2019-05-21")]


# -- actors ------------------------------------------------------------------

def test_coordinated_subjects_before_the_verb_each_act(ex):
    events = run(ex, "أعلنت خلية الإعلام الحربي أن طيران الجيش العراقي وطائرات التحالف الدولي شنت غارات على "
                     "مواقع تنظيم داعش في قضاء القائم.")
    assert {e.actor1 for e in only(events, "airstrike")} == {"iraqi-air-force", "coalition"}


def test_an_enabled_expulsion_takes_territory(ex):
    events = run(ex, "وقال المرصد إن قوات النظام ومقاتلين من حزب الله تمكنوا من طرد عناصر تنظيم داعش من مدينة "
                     "البوكمال.")
    taken = only(events, "territory_taken")
    assert {(e.actor1, e.actor2) for e in taken} == {("syrian-army", "isis"), ("hezbollah", "isis")}
    assert not [e for e in events if e.event_type == "withdrawal"]


def test_a_toll_of_a_strike_is_not_a_second_act(ex):
    events = run(ex, "وقصفت قوات النظام مدينة إدلب، ما أدى إلى مقتل خمسة مدنيين.")
    assert [e.event_type for e in events] == ["shelling"]
    assert events[0].fatalities == 5


def test_the_fighters_killed_are_the_other_side_of_the_battle(ex):
    e = only(run(ex, "وقتل 15 عنصرا من وحدات حماية الشعب خلال الاشتباكات في ريف عفرين."), "armed_clash")[0]
    assert (e.actor2, e.fatalities) == ("ypg", 15)


def test_an_undated_toll_alone_is_not_coded(ex):
    assert not run(ex, "وقتل أكثر من 1500 مدني منذ بدء الهجوم، بحسب المرصد.")


def test_aircraft_that_destroy_make_an_air_strike(ex):
    events = run(ex, "ودمرت طائرات التحالف الدولي مخزنا للأسلحة في مدينة الموصل.")
    assert only(events, "airstrike")[0].actor1 == "coalition"
    assert not [e for e in events if e.event_type == "armed_clash"]


# -- cues and constructions ------------------------------------------------------

def test_a_town_falls_but_a_rocket_does_not(ex):
    events = run(ex, "وانسحب الجيش العراقي من كركوك بعد أيام من سقوط الموصل.",
                 "وأفاد المرصد بسقوط صاروخ قرب المطار.")
    falls = [e for e in events if e.event_type == "territory_taken"]
    assert [e.place for e in falls] == ["mosul"]


def test_a_warning_next_to_another_act_is_a_statement_of_its_speaker(ex):
    events = run(ex, "ودعت الأمم المتحدة جميع الأطراف إلى حماية المدنيين، محذرة من كارثة إنسانية.")
    assert only(events, "statement")[0].actor1 == "un"
    assert only(events, "demand")[0].actor1 == "un"


def test_a_denial_is_a_negated_statement(ex):
    events = run(ex, "واتهمت قوات سوريا الديمقراطية تركيا بخرق الاتفاق، فيما نفت وزارة الدفاع التركية ذلك.")
    e = only(events, "statement")[0]
    assert (e.actor1, e.negated) == ("turkish-mod", True)


def test_a_bracketed_gloss_is_not_a_second_act(ex):
    events = run(ex, "استخدمت روسيا حق النقض (الفيتو) في مجلس الأمن ضد مشروع القرار.")
    assert [(e.event_type, e.actor1) for e in events if e.event_type == "veto"] == [("veto", "russia")]


def test_targeting_after_a_bomb_is_the_bombing(ex):
    events = run(ex, "انفجرت سيارة مفخخة يقودها انتحاري من داعش استهدفت تجمعا للقوات العراقية في بيجي.")
    assert not [e for e in events if e.event_type == "shelling"]
    assert only(events, "suicide_or_ied")


def test_it_is_noted_that_quotes_no_one(ex):
    events = run(ex, "وقالت مصادر محلية إن الاشتباكات مستمرة في مدينة عرسال.",
                 "يذكر أن تنظيم داعش سيطر على بلدة عرسال في آب 2014.")
    e = [x for x in events if x.event_type == "territory_taken"][0]
    assert (e.actor1, e.reported_by, e.date) == ("isis", None, "2014-08-01")


# -- one act per small report: (what the rule covers, text, type, fields, values)
SINGLE = [
    ("a compound ordinal day of the current month",
     "وكانت قوات النظام قد سيطرت على بلدة كفرنبودة في الحادي عشر من الشهر الجاري.", "territory_taken",
     ("date", "date_precision"), ("2019-05-11", "day")),
    ("fighters named by a members word are the subject",
     "وقال ناشطون إن مقاتلي الجيش السوري الحر سيطروا على معبر باب الهوى.", "territory_taken", ("actor1",), ("fsa",)),
    ("a killing told alone is a clash with the killed as actor2",
     "وقتل 20 عنصرا من تنظيم داعش في ريف دير الزور.", "armed_clash",
     ("actor1", "actor2", "place", "fatalities"), (None, "isis", "SY-DY", 20)),
    ("civilians shot by a named force",
     "قتل ثلاثة مدنيين برصاص عناصر من قوات سوريا الديمقراطية في مدينة الرقة.", "attack_on_civilians",
     ("actor1", "actor2", "place"), ("sdf", "civilians", "raqqa")),
    ("«بحسب ما أفادت X» attributes the sentence",
     "سيطرت قوات النظام على بلدة كفرنبودة، بحسب ما أفادت وكالة سانا.", "territory_taken", ("reported_by",), ("sana",)),
    ("the loss of a town is the loser's withdrawal",
     "جاء ذلك بعد خسارة القوات النظامية مدينة إدلب.", "withdrawal", ("actor1", "place"), ("syrian-army", "idlib")),
    ("raising the flag takes the place",
     "رفعت قوات جهاز مكافحة الإرهاب العراقي، أمس، العلم العراقي وسط مدينة الفلوجة.", "territory_taken",
     ("actor1", "place", "date"), ("cts", "al-fallujah", "2019-05-21")),
    ("fleeing people are displaced civilians",
     "وذكرت مفوضية اللاجئين أن 80 ألف شخص فروا من الفلوجة.", "displacement",
     ("actor1", "place", "reported_by"), ("civilians", "al-fallujah", "unhcr")),
    ("a speaker's own verbal act is not relayed",
     "وقالت الإدارة الذاتية في بيان إن المقاومة مستمرة، متهمة المجتمع الدولي بالصمت.", "accusation",
     ("actor1", "reported_by"), ("aanes", None)),
    ("«وحدات من الجيش» after the verb is its subject",
     "حررت وحدات من الجيش العربي السوري اليوم مدينة بصرى الشام.", "territory_taken",
     ("actor1", "actor2", "place"), ("syrian-army", None, "busra-ash-sham")),
    ("a country that speaks is its government",
     "وكان الأردن أعلن أمس أنه سيبقي حدوده مغلقة، محذرا من كارثة إنسانية.", "statement", ("actor1",), ("jordan",)),
    ("carrying on operations against a named enemy is a battle",
     "وواصلت قوات النظام عملياتها ضد تنظيم جبهة النصرة في ريف إدلب.", "armed_clash",
     ("actor1", "actor2", "place"), ("syrian-army", "hts", "SY-ID")),
    ("«لم يتبق للتنظيم سوى X» asserts control of X",
     "ولم يتبق لتنظيم داعش سوى ناحية العياضية شمال غرب تلعفر.", "territory_taken",
     ("actor1", "place", "negated"), ("isis", "al-ayadiya", False)),
    ("«قواته» of a commander are the force he commands, not the outlet's",
     "وقال قائد العمليات الفريق الركن عبد الوهاب الساعدي لرووداو إن قواته حررت مدينة الفلوجة.", "territory_taken",
     ("actor1", "reported_by"), ("cts", "abdul-wahab-al-saadi")),
    ("a verb with an object pronoun («تقتحمها»)",
     "سيطر المسلحون على حي درعا البلد قبل أن تقتحمها قوات النظام في نيسان 2011.", "armed_clash",
     ("actor1", "date"), ("syrian-army", "2011-04-01")),
    ("a leader praises his own forces",
     "وهنأ رئيس الوزراء حيدر العبادي قوات جهاز مكافحة الإرهاب بالنصر في الموصل.", "praise",
     ("actor1", "actor2"), ("haider-al-abadi", "cts")),
    ("a loss to X is X's gain, and a backer is no place",
     "وجاء ذلك بعد أيام من خسارة القوات الحكومية مدينة سراقب لصالح فصائل المعارضة المدعومة من تركيا.",
     "territory_taken", ("actor1", "place"), ("syrian-opposition", "saraqib")),
    ("an evaluative word is the speaker's criticism",
     "وأكدت الخارجية الروسية أن خلاصات التقرير مشكوك فيها.", "criticism", ("actor1",), ("russian-mfa",)),
    ("fighters «neutralised» are killed in a battle",
     "وقالت وزارة الدفاع التركية إن قواتها حيدت خمسة من عناصر حزب العمال الكردستاني في منطقة زاخو.",
     "armed_clash", ("actor2", "place", "fatalities"), ("pkk", "zaxo", 5)),
    ("car bombs in the dual",
     "وهاجم عناصر التنظيم السجن بسيارتين مفخختين في الحسكة.", "suicide_or_ied", ("place",), ("al-hasakah",)),
    ("an «aggression» from the air is an air strike",
     "ونفذت إسرائيل عدوانا جويا على مواقع قرب دمشق.", "airstrike", ("actor1", "place"), ("israel-army", "damascus")),
    ("a drone named by its owner strikes",
     "واستهدفت مسيرة تركية سيارة في قضاء سنجار اليوم.", "airstrike", ("actor1", "place"), ("turkish-army", "sinjar")),
    ("a formal protest is criticism",
     "واحتجت بغداد على القصف التركي.", "criticism", ("actor1",), ("iraqi-government",)),
    ("an assassination is a killing; «بريف X» is the governorate",
     "وأفاد ناشطون باغتيال قيادي في هيئة تحرير الشام بريف إدلب اليوم.", "armed_clash",
     ("actor2", "place", "reported_by"), ("hts", "SY-ID", "activists")),
    ("intercepting missiles is a clash, the missiles are no second act",
     "وشهدت سماء الكسوة انفجارات ناجمة عن اعتراض الصواريخ اليوم.", "armed_clash", ("place",), ("al-kiswah",)),
    ("a past-only verb in the present after «ثم» tells the past",
     "هاجمت الفصائل مدينة سراقب في 2018، ثم تستعيدها قوات النظام في 2019.", "territory_taken",
     ("actor1", "date"), ("syrian-army", "2019-01-01")),
    ("Syrian state media's air defences are the Syrian army's",
     "وتصدت وسائط دفاعنا الجوي فجر اليوم لصواريخ إسرائيلية في محيط دمشق.", "armed_clash",
     ("actor1", "actor2"), ("syrian-army", "israel-army")),
    ("a dual is a toll of two",
     "وقتل جنديان تركيان في هجوم لحزب العمال الكردستاني في دهوك أمس.", "armed_clash", ("fatalities",), (2,)),
    ("«رئيس الجمهورية», «المبعوث الأممي» are titles before the speaker's name",
     "وانتقد رئيس الجمهورية برهم صالح القصف التركي.", "criticism", ("actor1",), ("barham-salih",)),
    ("the Syrian foreign ministry by its full name",
     "ودانت وزارة الخارجية والمغتربين العدوان الإسرائيلي على ريف دمشق.", "criticism", ("actor1",), ("syrian-mfa",)),
    ("«قبل يومين»: days back from publication",
     "وسيطرت قوات النظام قبل يومين على بلدة كفرنبودة.", "territory_taken",
     ("date", "date_precision"), ("2019-05-20", "day")),
    ("«قبل أسبوعين»: weeks back from publication",
     "وسيطرت قوات النظام قبل أسبوعين على بلدة كفرنبودة.", "territory_taken",
     ("date", "date_precision"), ("2019-05-08", "week")),
    ("«قبل شهرين»: months back from publication",
     "وسيطرت قوات النظام قبل شهرين على بلدة كفرنبودة.", "territory_taken",
     ("date", "date_precision"), ("2019-03-01", "month")),
    ("summoning an ambassador is a protest",
     "واستدعت الخارجية الروسية السفير الإسرائيلي في موسكو اليوم.", "criticism",
     ("actor1", "actor2"), ("russian-mfa", "israel")),
    ("an execution gives its toll",
     "وأعدم تنظيم داعش 12 مدنيا في الموصل اليوم.", "attack_on_civilians", ("fatalities",), (12,)),
    ("a glued ك is part of an unknown name, not a proclitic («كبانة» is no «بانه»)",
     "وصدت هيئة تحرير الشام هجوما لقوات النظام على محور كبانة اليوم.", "armed_clash", ("place",), (None,)),
    ("homonymous neighbourhoods: the one in the city named",
     "وسقطت قذائف هاون على حي الميدان في دمشق اليوم.", "shelling", ("place",), ("al-midan-damascus",)),
    ("a group's cells are the group",
     "وهاجمت خلايا تابعة لداعش نقطة للجيش السوري في بادية دير الزور اليوم.", "armed_clash",
     ("actor1", "actor2"), ("isis", "syrian-army")),
    ("an execution verb with its victims as a pronoun («أعدمهم»)",
     "ووجدت جثث 40 مدنيا أعدمهم داعش في سنجار العام الماضي.", "attack_on_civilians",
     ("actor1", "place", "fatalities"), ("isis", "sinjar", 40)),
    ("a minister who «attacks» a position criticises it",
     "وهاجم وزير الخارجية السوري فيصل المقداد الموقف التركي.", "criticism", ("actor1",), ("syrian-mfa",)),
    ("condemnation said through «أعرب عن»",
     "وأعرب الأمين العام للأمم المتحدة عن إدانته للهجوم.", "criticism", ("actor1",), ("antonio-guterres",)),
    ("a renewed demand («جددت مطالبتها»)",
     "وجددت دمشق مطالبتها بانسحاب القوات الأمريكية من الأراضي السورية.", "demand",
     ("actor1",), ("syrian-government",)),
    ("a rocket attack is shelling",
     "وأصيب خمسة جنود أتراك بهجوم صاروخي على قاعدة بعشيقة اليوم.", "shelling", ("place",), ("bashiqa",)),
    ("people forced to leave their homes are displaced",
     "واضطر أكثر من 10 آلاف شخص إلى ترك منازلهم في قضاء سنجار.", "displacement",
     ("actor1", "place"), ("civilians", "sinjar")),
    ("tens written as words",
     "ولقي عشرون مدنيا حتفهم بقصف لقوات النظام على بلدة كفرنبل اليوم.", "shelling", ("fatalities",), (20,)),
]


@pytest.mark.parametrize("rule,text,event_type,fields,values", SINGLE, ids=[c[0] for c in SINGLE])
def test_single_act(ex, rule, text, event_type, fields, values):
    e = only(run(ex, text), event_type)[0]
    assert tuple(getattr(e, f) for f in fields) == values, rule


# -- negation and hedging ------------------------------------------------------

@pytest.mark.parametrize("text,negated,hedged", [
    ("ولم تتمكن القوات العراقية حتى الآن من السيطرة على حي الزنجيلي في الموصل.", True, False),
    ("نفى التحالف الدولي، في بيان صدر اليوم، أن تكون قواته قد دخلت مدينة منبج.", True, False),
    ("ومن المتوقع أن تتوجه قوات النظام بعد السيطرة على ريف درعا الشرقي نحو مدينة درعا.", False, True),
    ("سيطرت قوات النظام اليوم على بلدة كفرنبودة.", False, False),
], ids=["glued «ولم»", "a denial's «أن» clause", "a forecast's «أن» clause", "a plain act"])
def test_negated_and_hedged(ex, text, negated, hedged):
    e = only(run(ex, text), "territory_taken")[0]
    assert (e.negated, e.hedged) == (negated, hedged)


def test_destroying_after_a_strike_is_the_strike(ex):
    events = run(ex, "وشنت طائرات التحالف الدولي غارات دمرت مقرا لتنظيم داعش في مدينة الرقة.")
    assert not [e for e in events if e.event_type == "armed_clash"]
    assert only(events, "airstrike")[0].actor1 == "coalition"


def test_camps_after_a_flight_are_its_destination(ex):
    events = run(ex, "وقالت مصادر محلية إن آلاف المدنيين نزحوا من محافظة دير الزور إلى مخيمات في الرقة.")
    assert [(e.event_type, e.place) for e in events if e.event_type == "displacement"] == [("displacement", "SY-DY")]


def test_refugees_who_flee_are_displaced(ex):
    e = only(run(ex, "وأفادت مصادر محلية بأن مئات من اللاجئين السوريين فروا من مدينة عرسال."), "displacement")[0]
    assert (e.actor1, e.place) == ("civilians", "aarsal")


def test_adverb_of_extent_keeps_the_coordinated_place(ex):
    events = run(ex, "استعادت القوات العراقية السيطرة على مدينة تلعفر بالكامل، بما في ذلك قلعة تلعفر.")
    assert {e.place for e in events if e.event_type == "territory_taken"} == {"tall-afar", "tal-afar-citadel"}


# -- what is not an act: (what the rule covers, sentences, the type that must not appear)
NONE = [
    ("the displaced named in passing are no flight",
     ["وكان الأردن أعلن أمس أنه لن يفتح حدوده أمام النازحين."], "displacement"),
    ("clearing mines is no bombing",
     ["وأكد المصدر أن وحدات الهندسة تعمل على تفكيك العبوات الناسفة التي زرعها المسلحون في مدينة السخنة."],
     "suicide_or_ied"),
    ("aircraft shot down are the target, not a strike",
     ["قالت وزارة الدفاع التركية إن قواتها أسقطت طائرتين حربيتين سوريتين فوق إدلب."], "airstrike"),
    ("the attack referred to again is not a new one",
     ["قصفت قوات النظام اليوم مدينة إدلب.", "وقالت قوات سوريا الديمقراطية إن الهجوم لن يؤثر على خططها."],
     "armed_clash"),
    ("control of unnamed lands is not an act",
     ["وقد طرد مسلحو التنظيم من الأراضي التي سيطروا عليها في العراق."], "territory_taken"),
    ("a shelling verb whose subject is aircraft is only their air strike",
     ["وقصفت طائرات حربية روسية اليوم بلدة سنوني."], "shelling"),
    ("the missiles intercepted are no shelling",
     ["وشهدت سماء الكسوة انفجارات ناجمة عن اعتراض الصواريخ اليوم."], "shelling"),
    ("an aircraft shot down further on in the clause is the target",
     ["وأسقطت الدفاعات الجوية السورية طائرة مسيرة فوق مطار حماة اليوم."], "airstrike"),
    ("how the displaced fled is no second flight",
     ["ونزح نحو 45 ألف شخص من منازلهم في حي غويران هربا من المعارك."], "withdrawal"),
    ("summoning troops is no protest",
     ["واستدعى الجيش قوات الاحتياط."], "criticism"),
    ("a state that attacks positions fights",
     ["وهاجمت تركيا مواقع قسد في تل تمر اليوم."], "criticism"),
    ("what a demand asks for is no act",
     ["وجددت دمشق مطالبتها بانسحاب القوات الأمريكية من الأراضي السورية."], "withdrawal"),
    ("a march is no drone",
     ["وخرجت مسيرة احتجاجية في مدينة السويداء اليوم ضد الحكومة التركية."], "airstrike"),
    ("a past-only verb in the present after «أن» of an attempt is no act",
     ["وتحاول قوات النظام أن تستعيد مدينة سراقب."], "territory_taken"),
]


@pytest.mark.parametrize("rule,sentences,event_type", NONE, ids=[c[0] for c in NONE])
def test_no_act(ex, rule, sentences, event_type):
    assert not [e for e in run(ex, *sentences) if e.event_type == event_type], rule


def test_a_government_is_never_the_displaced(ex):
    events = run(ex, "وكان الأردن أعلن أمس أن آلاف النازحين وصلوا إلى حدوده.")
    assert [e.actor1 for e in events if e.event_type == "displacement"] == ["civilians"]


# -- phrases with an adverb inside --------------------------------------------


@pytest.mark.parametrize("adverb", ["بالكامل", "أمس"])
def test_an_adverb_inside_a_verb_phrase_does_not_break_it(ex, adverb):
    events = run(ex, f"وكانت مدينة الرمادي سقطت {adverb} بيد تنظيم داعش.")
    e = only(events, "territory_taken")[0]
    assert (e.actor1, e.place) == ("isis", "ramadi")


def test_an_adverb_does_not_glue_words_that_are_no_phrase(ex):
    from store.text.arabic import tokenize
    hits = ex.cue_index.find(tokenize("سقطت أمس قذيفة قرب المدرسة"))
    assert all("بيد" not in h.phrase for h in hits)
    assert all(h.j - h.i == 1 for h in hits)  # no phrase spans the adverb when nothing follows it


# -- tolls ---------------------------------------------------------------------


def test_a_toll_belongs_to_the_act_it_is_told_with(ex):
    events = run(ex, "قصفت الطائرات الروسية مدينة إدلب أمس، فيما قتل 7 مدنيين في قصف لقوات النظام على مدينة حماة.")
    assert only(events, "airstrike")[0].fatalities is None
    assert only(events, "shelling")[0].fatalities == 7


def test_a_toll_after_the_act_and_its_details_is_its_toll(ex):
    events = run(ex, "وشن الطيران الحربي أمس أكثر من 20 غارة على مدينة إدلب، بينها غارات بالبراميل المتفجرة، "
                     "ما أدى إلى مقتل 9 مدنيين.")
    assert only(events, "airstrike")[0].fatalities == 9


def test_a_phrase_in_a_word_set_is_refused_not_silently_dead():
    from store.nlp.lexicon import _norms

    with pytest.raises(ValueError):
        _norms("الطائرات المروحية")
    assert _norms("المروحيات") == {"المروحيات"}


# -- who: the genitive doer of a strike noun ---------------------------------------


def test_strike_noun_adjectives_then_its_genitive_doer(ex):
    # «قصف مماثل لقوات النظام»: the «ل» after the noun's adjectives names who shelled, not the target
    e = only(run(ex, "وأدى قصف مماثل لقوات النظام على بلدة كفرنبل أمس إلى دمار واسع."), "shelling")[0]
    assert (e.actor1, e.actor2, e.place) == ("syrian-army", None, "kafranbel")
    e = only(run(ex, "وتسبب القصف المدفعي العنيف للجيش التركي على قرية في ريف الحسكة أمس بدمار كبير."), "shelling")[0]
    assert (e.actor1, e.actor2) == ("turkish-army", None)


def test_strike_noun_genitive_after_a_target_is_the_target(ex):
    # «قصف مماثل على مواقع لتنظيم داعش»: the «ل» follows the target, whose owner is actor2
    e = only(run(ex, "وأدى قصف مماثل على مواقع لتنظيم داعش في ريف حمص أمس إلى مقتل عشرة من عناصره."), "shelling")[0]
    assert (e.actor1, e.actor2) == (None, "isis")


def test_adjectives_lend_no_doer_to_words(ex):
    # the rule is for acts of violence: a new condemnation «لتركيا» is of Turkey
    e = only(run(ex, "وأدت إدانة جديدة لتركيا أمس إلى أزمة."), "criticism")[0]
    assert (e.actor1, e.actor2) == (None, "turkey")


def test_civilians_harmed_before_the_cause_of_a_strike(ex):
    # «قتل خمسة مدنيين ... جراء غارات»: the victims stand before the word of cause, the strike after it
    e = only(run(ex, "قتل خمسة مدنيين أمس جراء غارات شنتها طائرات روسية على بلدة كفرنبل."), "airstrike")[0]
    assert (e.actor1, e.actor2) == ("russian-forces", "civilians")
    e = only(run(ex, "أصيب مواطنان بجروح أمس جراء قصف مدفعي لقوات النظام على بلدة كفرنبل."), "shelling")[0]
    assert (e.actor1, e.actor2) == ("syrian-army", "civilians")


def test_civilians_of_another_act_are_not_the_strikes(ex):
    # the civilians died in the ambush told before; the soldiers were hit by the shelling
    e = only(run(ex, "قتل مدنيان في كمين أمس، وأصيب ثلاثة جنود جراء قصف لقوات النظام على بلدة كفرنبل."), "shelling")[0]
    assert (e.actor1, e.actor2) == ("syrian-army", None)
    e = only(run(ex, "أصيب ثلاثة جنود أمس جراء قصف لقوات النظام على بلدة كفرنبل."), "shelling")[0]
    assert e.actor2 is None


# -- where: «المنطقة» refers back to an area ----------------------------------------


AREA_LEAD = "قصفت طائرات تركية أمس مواقع حزب العمال الكردستاني في منطقة قنديل قرب الحدود الإيرانية."


def test_the_area_refers_back_to_the_area_named(ex):
    events = run(ex, AREA_LEAD, "ودمرت المقاتلات مخازن أسلحة للحزب في المنطقة.")
    assert [e.place for e in events] == ["qandil", "qandil"]


def test_the_area_is_no_town_nor_the_region_of_talks(ex):
    # a town named as a town is not «المنطقة»; in a demand «المنطقة» is the Middle East
    town = run(ex, "قصفت طائرات تركية أمس مواقع حزب العمال الكردستاني في بلدة سنجار.",
               "ودمرت المقاتلات مخازن أسلحة للحزب في المنطقة.")
    assert [e.place for e in town] == ["sinjar", None]
    talks = run(ex, AREA_LEAD, "ودعت الأمم المتحدة إلى وقف التصعيد في المنطقة.")
    assert only(talks, "demand")[0].place is None
