"""Time expressions resolved against the publication date (store/nlp/dates.py)."""
import datetime as dt

import pytest

from store.text.arabic import tokenize
from store.nlp.dates import find_times

PUB = dt.date(2017, 11, 3)  # a Friday


def resolve(text, pub=PUB):
    times = find_times(tokenize(text), pub)
    assert times, f"no time found in {text!r}"
    return times[0].date, times[0].precision


@pytest.mark.parametrize("text,date,precision", [
    ("تقدمت القوات، اليوم، داخل المدينة", "2017-11-03", "day"),
    ("وأعلن المرصد، أمس، أن", "2017-11-02", "day"),
    ("أول أمس", "2017-11-01", "day"),
    ("تفجر الأربعاء خلاف جديد", "2017-11-01", "day"),
    ("وقال الجمعة إن", "2017-11-03", "day"),
    ("السبت الماضي", "2017-10-28", "day"),
    ("الأسبوع الماضي", "2017-10-27", "week"),
    ("في سبتمبر الماضي", "2017-09-01", "month"),
    ("في شهر أيلول الماضي", "2017-09-01", "month"),
    ("في سبتمبر/أيلول الماضي", "2017-09-01", "month"),
    ("في مارس 2011", "2011-03-01", "month"),
    ("في 16 نوفمبر الجاري", "2017-11-16", "day"),
    ("في 4 أبريل الماضي", "2017-04-04", "day"),
    ("في الرابع من نيسان (ابريل) الفائت", "2017-04-04", "day"),
    ("الجمعة (3 تشرين الثاني 2017)", "2017-11-03", "day"),
    ("في 29 حزيران(يونيو) 2014", "2014-06-29", "day"),
    ("دمشق ٢٣ كانون الثاني ٢٠١٩", "2019-01-23", "day"),
    ("منذ عام 2014", "2014-01-01", "year"),
    ("في الشهر الماضي", "2017-10-01", "month"),
    ("في 20 ديسمبر", "2016-12-20", "day"),  # a day-month over a month ahead is last year's
])
def test_resolution(text, date, precision):
    assert resolve(text) == (date, precision)


def test_december_in_january_is_last_year():
    assert resolve("في ديسمبر الماضي", dt.date(2018, 1, 10)) == ("2017-12-01", "month")


def test_without_publication_date_relative_is_unknown_but_explicit_resolves():
    assert find_times(tokenize("أمس"), None)[0].date is None
    assert find_times(tokenize("في 3 تشرين الثاني 2017"), None)[0].date == "2017-11-03"


def test_impossible_day_is_not_a_date():
    times = find_times(tokenize("في 31 شباط 2017"), PUB)
    assert not times or times[0].date is None


def test_plain_numbers_are_not_dates():
    assert find_times(tokenize("قتل 80 شخصا وأصيب 2017 آخرون"), PUB) == []


def test_years_ago():
    assert resolve("الحصار الذي فرضه التنظيم قبل ثلاث سنوات") == ("2014-01-01", "year")
    assert resolve("منذ عامين") == ("2015-01-01", "year")
