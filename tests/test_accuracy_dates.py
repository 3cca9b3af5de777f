"""Dates that are not the event's date (issue 12): a night spans two days,
a deadline or a date still to come never dates an act told as done.
Sentences of our own; the article is published on Wednesday 2019-05-22."""
import datetime as dt

import pytest

from store.nlp.dates import find_times
from store.text.arabic import tokenize
from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)

WEDNESDAY = dt.date(2019, 5, 22)


@pytest.mark.parametrize("text,day", [
    ("ليل الأحد الاثنين", "2019-05-19"),  # a night is dated by its first day
    ("ليلة الأحد على الاثنين", "2019-05-19"),
    ("بعد منتصف ليل الأحد الاثنين", "2019-05-20"),  # past midnight: the second day
    ("منتصف ليلة السبت الأحد", "2019-05-19"),
])
def test_a_night_is_one_time_of_one_day(text, day):
    assert [t.date for t in find_times(tokenize(text), WEDNESDAY)] == [day]


def test_two_days_that_are_no_night_stay_two():
    assert [t.date for t in find_times(tokenize("يومي الأحد والاثنين"), WEDNESDAY)] == ["2019-05-19", "2019-05-20"]


@pytest.mark.parametrize("sentence,day", [
    ("وبعد منتصف ليل الأحد الاثنين قصفت قوات النظام بلدة سراقب.", "2019-05-20"),
    ("وقصفت قوات النظام بلدة سراقب فجر اليوم.", "2019-05-22"),
    # a past «حتى» is «as of» and dates the act
    ("وقالت القوات إن أكثر من نصف بلدة الحويجة كان قد حرر حتى الأحد.", "2019-05-19"),
])
def test_the_act_takes_the_day_told(ex, sentence, day):
    assert {e.date for e in run(ex, sentence)} == {day}


@pytest.mark.parametrize("sentence", [
    "وسيطرت القوات التركية على بلدة جنديرس التي ستبقى تحت إدارتها حتى يوليو 2023.",
    "واستعادت القوات العراقية بلدة الحويجة، على أن تعقد الجولة المقبلة من المحادثات في الثامن من حزيران.",
])
def test_a_deadline_or_a_coming_date_never_dates_the_act(ex, sentence):
    assert {e.date for e in run(ex, sentence)} == {"2019-05-22"}


def test_a_coming_date_does_not_leak_to_the_next_sentence(ex):
    events = run(ex, "وتعقد الجولة المقبلة من المحادثات في الثامن من حزيران.", "وقصفت قوات النظام بلدة سراقب.")
    assert [(e.event_type, e.date) for e in events] == [("shelling", "2019-05-22")]


@pytest.mark.parametrize("text,day", [
    ("وقعت المجزرة بتاريخ 14/3/2013 في القرية", "2013-03-14"),  # the day first, as Arabic news write it
    ("في 2013/3/14", "2013-03-14"),
    ("يوم 14-3-2013", "2013-03-14"),
])
def test_a_date_in_digits_is_one_day(text, day):
    assert [t.date for t in find_times(tokenize(text), WEDNESDAY, text)] == [day]


@pytest.mark.parametrize("text", ["في 31/2/2013", "قتل 14 - 3 2013", "بنسبة 3.5 بالمئة"])
def test_numbers_that_are_no_date_in_digits(text):
    assert all(t.precision != "day" for t in find_times(tokenize(text), WEDNESDAY, text))


def test_what_follows_the_morning_after_happened_the_day_before(ex):
    events = run(ex, "وقصفت قوات النظام بلدة سراقب الثلاثاء، غداة هجوم شنته هيئة تحرير الشام على بلدة كفرنبل.")
    assert sorted((e.event_type, e.date) for e in events) == [
        ("armed_clash", "2019-05-20"), ("shelling", "2019-05-21")]


def test_what_follows_the_eve_happened_the_day_after():
    text = "قصفت الطائرات المدينة أمس عشية الانتخابات"
    assert [t.date for t in find_times(tokenize(text), WEDNESDAY, text)] == ["2019-05-21", "2019-05-22"]


@pytest.mark.parametrize("sentence", [
    "وفي وقت سابق، قال ناشطون إن قوات النظام قصفت بلدة سراقب.",
    "وسيطرت القوات التركية على بلدة جنديرس الأحد، ولاحقا قصفت قوات النظام بلدة سراقب.",
])
def test_an_act_told_after_a_vague_time_has_no_date(ex, sentence):
    assert [e.date for e in run(ex, sentence) if e.event_type == "shelling"] == [None]


def test_a_time_told_after_the_vague_one_dates_the_act(ex):
    events = run(ex, "وفي وقت سابق الثلاثاء، قصفت قوات النظام بلدة سراقب.")
    assert [(e.event_type, e.date) for e in events] == [("shelling", "2019-05-21")]


# A lead told without a time takes the day a later report of the same act tells.
SITE_LEAD = "تعرض مطار الشعيرات لقصف صاروخي أسفر عن أضرار كبيرة."


def _dates(events, kind):
    return [(e.sentence_idx, e.date) for e in events if e.event_type == kind]


def test_a_later_report_at_the_same_site_dates_the_lead(ex):
    events = run(ex, SITE_LEAD, "وقال ناشطون إن مطار الشعيرات تعرض لقصف صاروخي مساء الاثنين.")
    assert {d for _, d in _dates(events, "shelling")} == {"2019-05-20"}


@pytest.mark.parametrize("later", [
    "وكان مطار الشعيرات قد تعرض لقصف صاروخي يوم الاثنين.",  # background: an earlier act
    "وقال ناشطون إن مدينة حلب تعرضت لقصف صاروخي مساء الاثنين.",  # another place
])
def test_no_later_report_of_the_same_act_leaves_the_lead_dated_by_the_news(ex, later):
    events = run(ex, SITE_LEAD, later)
    assert _dates(events, "shelling")[0] == (1, "2019-05-22")


def test_a_city_is_no_site_two_reports_of_it_may_be_two_days(ex):
    events = run(ex, "تعرضت مدينة حلب لقصف صاروخي أسفر عن أضرار كبيرة.",
                 "وقال ناشطون إن مدينة حلب تعرضت لقصف صاروخي مساء الاثنين.")
    assert _dates(events, "shelling") == [(1, "2019-05-22"), (2, "2019-05-20")]


def test_an_act_told_as_going_on_now_keeps_the_news_day(ex):
    events = run(ex, "تتواصل الاشتباكات في محيط مطار الشعيرات بين قوات النظام وتنظيم داعش.",
                 "وقال ناشطون إن اشتباكات اندلعت في محيط مطار الشعيرات مساء الاثنين.")
    assert _dates(events, "armed_clash")[0] == (1, "2019-05-22")


def test_a_verbal_act_told_again_by_the_same_party_next_takes_its_day(ex):
    events = run(ex, "منعت روسيا تبني قرار في مجلس الأمن حول سوريا.",
                 "ولجأت روسيا أمس إلى حق النقض (الفيتو) لإسقاط مشروع القرار.")
    assert {d for _, d in _dates(events, "veto")} == {"2019-05-21"}


# A time of another clause: a relative clause on a place, the saying and what is said.
def test_a_time_in_a_relative_clause_on_a_place_dates_the_place_not_the_act(ex):
    events = run(ex, "واستعادت القوات العراقية مدينة الرمادي التي سقطت في يد التنظيم في أيار 2015.")
    assert [(e.event_type, e.date) for e in events if e.event_type == "territory_taken"][0] == \
        ("territory_taken", "2019-05-22")


def test_a_relative_clause_between_commas_ends_before_the_acts_time(ex):
    events = run(ex, "وسيطرت «هيئة تحرير الشام»، التي تضم فصائل عدة، أمس على بلدة سراقب.")
    assert [(e.event_type, e.date) for e in events] == [("territory_taken", "2019-05-21")]


def test_a_time_of_what_is_said_dates_the_act_before_the_time_of_saying(ex):
    events = run(ex, "وأفاد المرصد اليوم الأربعاء أن تنظيم داعش خطف 40 مدنيا من بلدة الصالحية، وذلك إثر هجومه "
                     "الاثنين على مدينة دير الزور.")
    assert {e.date for e in events if e.event_type == "attack_on_civilians"} == {"2019-05-20"}


def test_the_time_of_saying_dates_an_act_said_without_one(ex):
    events = run(ex, "وأفاد المرصد اليوم الثلاثاء أن قوات النظام قصفت بلدة سراقب.")
    assert [(e.event_type, e.date) for e in events] == [("shelling", "2019-05-21")]


@pytest.mark.parametrize("text,date,precision", [
    ("تطالب الحكومة منذ أسبوعين بتسليم المعبر", "2019-05-08", "week"),
    ("تحاصر القوات البلدة منذ ثلاثة أيام", "2019-05-19", "day"),
])
def test_since_a_span_is_when_the_act_began(text, date, precision):
    assert [(t.date, t.precision) for t in find_times(tokenize(text), WEDNESDAY, text)] == [(date, precision)]


# An act told in the massacre told before, however long ago, takes its day.
MASSACRE = "وفي 14/3/2013 ارتكبت قوات النظام مجزرة بحق المدنيين في بلدة البيضا."


def test_what_happened_in_the_massacre_told_before_takes_its_day(ex):
    events = run(ex, MASSACRE, "وتؤكد الإحصائيات مقتل 40 مدنيا أثناء المذبحة.",
                 "والتقى المراسل بأحد الناجين من المجزرة في الوقت الذي قتل فيه أفراد أسرته.")
    assert {e.date for e in events if e.event_type == "attack_on_civilians"} == {"2013-03-14"}


def test_an_act_with_no_word_of_the_massacre_is_dated_by_the_news(ex):
    events = run(ex, MASSACRE, "قال ناشطون إن قوات النظام قصفت بلدة سراقب.")
    assert [e.date for e in events if e.event_type == "shelling"] == ["2019-05-22"]
