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
