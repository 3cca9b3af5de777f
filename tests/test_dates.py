"""Time expressions resolved against the publication date (store/nlp/dates.py)."""
import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from store.text.arabic import tokenize
from store.nlp import dates
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


@pytest.mark.parametrize("text,date,precision", [
    ("في العاشر منه", "2017-11-10", "day"),  # no month named before: the publication's
    ("في الخامس والعشرين من الشهر الماضي", "2017-10-25", "day"),
    ("في التاسع من الشهر الجاري", "2017-11-09", "day"),
    ("الخميس المقبل", "2017-11-09", "day"),
    ("قبل ثلاثة أيام", "2017-10-31", "day"),
    ("قبل أسبوعين", "2017-10-20", "week"),
    ("قبل شهرين", "2017-09-01", "month"),
    ("قبل خمس سنوات", "2012-01-01", "year"),
    ("هذا العام", "2017-01-01", "year"),
    ("العام الماضي", "2016-01-01", "year"),
    ("عام 2014", "2014-01-01", "year"),
    ("هذا الأسبوع", "2017-11-03", "week"),
    ("في حزيران المقبل", "2018-06-01", "month"),
    ("منذ أيلول", "2017-09-01", "month"),
    ("بالأمس", "2017-11-02", "day"),  # a preposition glued to the date word
    ("في جانفي 2016", "2016-01-01", "month"),  # the Maghrebi series
    ("في دجنبر الماضي", "2016-12-01", "month"),
    ("في 25 ديسمبر المقبل", "2017-12-25", "day"),
])
def test_more_shapes(text, date, precision):
    assert resolve(text) == (date, precision)


@pytest.mark.parametrize("text,date,precision", [
    ("قبل عشرة أيام", "2017-10-24", "day"),
    ("قبل سبعة أشهر", "2017-04-01", "month"),
    ("منذ عشرين عاما", "1997-01-01", "year"),
])
def test_periods_back_count_with_every_number_word(text, date, precision):
    # counted by the one list of number words; main's own list lacked «عشرة», «سبعة», «عشرين»
    assert resolve(text) == (date, precision)


def test_a_day_of_it_or_of_the_same_month_is_of_the_month_named_before():
    times = find_times(tokenize("اندلعت المعارك في 3 تشرين الأول 2016، وفي العاشر منه سقطت البلدة"), PUB)
    assert [(t.date, t.precision) for t in times] == [("2016-10-03", "day"), ("2016-10-10", "day")]
    times = find_times(tokenize("في 5 أيار 2016 ثم في الثاني من الشهر نفسه"), PUB)
    assert times[-1].date == "2016-05-02"


def test_a_bare_month_name_dates_nothing():
    # no year, no «الماضي», no «في»: a word that happens to be a month's name
    assert find_times(tokenize("ساحة مارس الكبرى"), PUB) == []


def _shape(name, text, pub=PUB, named=None):
    norms = [dates._strip(t.norm) for t in tokenize(text)]
    return getattr(dates, name)(dates._At(norms, 0, pub, named))


@pytest.mark.parametrize("name,text,found", [
    ("_day_of_it", "العاشر منه", (2, dt.date(2017, 11, 10), "day")),
    ("_day_of_it", "العاشر من نيسان", None),
    ("_day_of_month_word", "الثاني من الشهر الماضي", (4, dt.date(2017, 10, 2), "day")),
    ("_day_of_month_word", "الثاني من الشهر المقبل", None),  # only the current, past or same month
    ("_day_month", "الرابع من نيسان الفائت", (4, dt.date(2017, 4, 4), "day")),
    ("_day_month", "3 كانون الثاني 2019", (4, dt.date(2019, 1, 3), "day")),
    ("_day_month", "الحادي عشر من شباط", (4, dt.date(2017, 2, 11), "day")),
    ("_month_year", "شهر أيلول الماضي", (3, dt.date(2017, 9, 1), "month")),
    ("_month_year", "تموز", None),
    ("_today", "اليوم", (1, PUB, "day")),
    ("_yesterday", "أمس", (1, dt.date(2017, 11, 2), "day")),
    ("_weekday", "السبت الماضي", (2, dt.date(2017, 10, 28), "day")),
    ("_weekday", "الجمعة الماضية", (2, dt.date(2017, 10, 27), "day")),  # the news's own weekday, said past
    ("_week", "الاسبوع الجاري", (2, PUB, "week")),
    ("_month_word", "الشهر الماضي", (2, dt.date(2017, 10, 1), "month")),
    ("_year_word", "السنة الحالية", (2, dt.date(2017, 1, 1), "year")),
    ("_years_ago", "منذ عامين", (2, dt.date(2015, 1, 1), "year")),
    ("_years_ago", "منذ العام", None),
    ("_periods_ago", "قبل 3 أسابيع", (3, dt.date(2017, 10, 13), "week")),
    # «منذ يومين»: the act began two days before (the gold guide: «منذ X» → X; a running count
    # «منذ» is left undated by counted_since)
    ("_periods_ago", "منذ يومين", (2, dt.date(2017, 11, 1), "day")),
    ("_bare_year", "2014", None),  # a year alone is a number
])
def test_each_shape_on_its_own(name, text, found):
    assert _shape(name, text) == found


def test_the_shapes_named_in_one_list_are_tried_in_its_order():
    assert dates.SHAPES.index(dates._day_month) < dates.SHAPES.index(dates._month_year)
    assert resolve("16 نوفمبر") == ("2017-11-16", "day")  # the day-month shape wins over the month shape
    assert all(callable(s) and s.__name__.startswith("_") for s in dates.SHAPES)


ARTICLE = """---
title: غارات على الرقة
published: 2017-09-10
---
شنت طائرات التحالف الدولي غارات على مدينة الرقة في 5 غشت.
"""


def _extracted(tmp_path, folder):
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / f"{folder.name}.jsonl"
    subprocess.run([sys.executable, "-m", "tui.cli", "extract", str(art), "-o", str(out), "--force"],
                   check=True, capture_output=True, env={**os.environ, "CONFLICTUI_DICT_DIR": str(folder)})
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    return [(e["event_type"], e["date"], e["date_precision"]) for e in record["events"]]


def test_a_month_spelling_added_in_the_user_folder_dates_the_event(tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    # «غشت»: Morocco's August, which the shipped series lack
    (folder / "lexicon.tsv").write_text("class\tword\tvalue\nmonths_maghrebi\tغشت\t8\n", encoding="utf-8")
    assert _extracted(tmp_path, tmp_path / "none") == [("airstrike", "2017-09-10", "day")]  # the news's own day
    assert _extracted(tmp_path, folder) == [("airstrike", "2017-08-05", "day")]
