"""Time expressions in Arabic news and their resolution against the
publication date: اليوم، أمس، weekday names، الأسبوع الماضي، «في سبتمبر
الماضي»، «16 نوفمبر الجاري»، explicit dates with Gregorian month names in
both the Egyptian (يناير) and the Levantine (كانون الثاني) series.

`find_times` works on normalised tokens (store.text.arabic.tokenize) so it sees
«امس» for «أمس» and 2017 for ٢٠١٧.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from ..text.arabic import Token, normalize

PRECISIONS = ("day", "week", "month", "year", "unknown")

_MONTHS_RAW = {
    1: ["يناير", "كانون الثاني", "جانفي", "كانون ثاني"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "حزيران", "جوان", "يونيه"],
    7: ["يوليو", "تموز", "جويلية", "يوليه"],
    8: ["أغسطس", "آب", "اغسطس", "أوت"],
    9: ["سبتمبر", "أيلول"],
    10: ["أكتوبر", "تشرين الأول", "تشرين اول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون اول", "دجنبر"],
}
# normalised token tuple -> month number
MONTHS: dict[tuple[str, ...], int] = {}
for _m, _names in _MONTHS_RAW.items():
    for _n in _names:
        MONTHS[tuple(normalize(_n).split())] = _m

WEEKDAYS = {  # Python weekday numbers
    normalize(w): i
    for w, i in [("الاثنين", 0), ("الإثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الخميس", 3),
                 ("الجمعة", 4), ("السبت", 5), ("الأحد", 6)]
}
_ORDINALS = {
    normalize(w): i
    for i, w in enumerate(
        ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
         "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر",
         "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين"],
        start=1,
    )
    if " " not in w
}
# «الحادي عشر», «الخامس والعشرين», «الحادي والثلاثين»: compound ordinal days
_UNITS = {normalize(w): i for i, w in enumerate(
    ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"], start=1)}
_TENS = {normalize("عشر"): 10, normalize("والعشرين"): 20, normalize("والثلاثين"): 30}
_ROUND = {normalize("العشرين"): 20, normalize("الثلاثين"): 30}
_PAST = {normalize(w) for w in ("الماضي", "الماضية", "الفائت", "الفائتة", "المنصرم", "المنصرمة", "السابق")}
_NEXT = {normalize(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة")}
_CURRENT = {normalize(w) for w in ("الجاري", "الحالي", "الحالية", "هذا", "هذه")}
_TODAY = {normalize(w) for w in ("اليوم",)}
_YESTERDAY = {normalize(w) for w in ("أمس", "الأمس", "البارحة")}
_WEEK = {normalize(w) for w in ("الأسبوع", "الاسبوع")}
_MONTH_WORD = {normalize(w) for w in ("الشهر", "شهر")}
_YEAR_WORD = {normalize(w) for w in ("العام", "عام", "السنة", "سنة")}
_SAME = {normalize(w) for w in ("نفسه", "ذاته", "عينه")}  # «الشهر نفسه»: the month just named
_OF_IT = normalize("منه")  # «في العاشر منه»: of the month just named
_RELATIVE = _TODAY | _YESTERDAY | set(WEEKDAYS)


# Words that can begin a time expression (the gate of find_times).
_STARTS = (
    {k[0] for k in MONTHS} | set(WEEKDAYS) | set(_ORDINALS) | _TODAY | _YESTERDAY | _WEEK | _MONTH_WORD
    | _YEAR_WORD | _CURRENT | set(_UNITS) | set(_ROUND) | {normalize("قبل"), normalize("منذ"), normalize("اول")}
)


@dataclass(frozen=True)
class TimeMention:
    start: int  # char offsets in the source text
    end: int
    date: str | None  # YYYY-MM-DD: the first day of the period for week/month/year
    precision: str
    text: str
    relative: bool = False  # «اليوم», «أمس», a weekday: the day of the news itself


@lru_cache(maxsize=50_000)
def _strip(norm: str) -> str:
    """A token without the prepositions that glue to dates (في، ب، منذ is separate)."""
    for p in ("وفي", "في", "و", "ب", "ل"):
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            rest = norm[len(p):]
            if rest in _TODAY or rest in _YESTERDAY or rest in WEEKDAYS or (rest,) in MONTHS:
                return rest
    return norm


def _year(tok: str) -> int | None:
    if tok.isascii() and tok.isdigit() and len(tok) == 4 and 1900 <= int(tok) <= 2100:
        return int(tok)
    return None


def _day(tok: str) -> int | None:
    if tok.isascii() and tok.isdigit() and 1 <= int(tok) <= 31 and len(tok) <= 2:
        return int(tok)
    return _ORDINALS.get(tok)


def _day_at(norms: list[str], i: int) -> tuple[int, int] | None:
    """(day, tokens used) of a day number or an ordinal, compound ones
    included: «9», «التاسع», «الحادي عشر», «الخامس والعشرين»."""
    tok = norms[i]
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    if tok in _UNITS and nxt in _TENS and _TENS[nxt] + _UNITS[tok] <= 31:
        return _TENS[nxt] + _UNITS[tok], 2
    if tok in _ROUND:
        return _ROUND[tok], 1
    day = _day(tok)
    return (day, 1) if day is not None else None


def _month_of_day(day: int, pub: dt.date, back: int = 0) -> dt.date | None:
    """«في التاسع من الشهر الجاري»: `day` of the publication month (or of
    the month `back` months earlier)."""
    y, m = pub.year, pub.month - back
    while m < 1:
        y, m = y - 1, m + 12
    return _safe_date(y, m, day)


def _month_at(norms: list[str], i: int) -> tuple[int, int] | None:
    """(month, tokens used) when a month name starts at i."""
    for size in (2, 1):
        key = tuple(norms[i : i + size])
        if len(key) == size and key in MONTHS:
            return MONTHS[key], size
    return None


def _most_recent_month(month: int, published: dt.date, strictly_before: bool) -> int:
    """The year of the most recent `month` on or before the publication."""
    year = published.year
    if month > published.month or (strictly_before and month == published.month):
        year -= 1
    return year


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_times(tokens: list[Token], published: dt.date | None) -> list[TimeMention]:
    """Time expressions among `tokens`, resolved against `published`.

    Without a publication date, relative expressions resolve to None with
    their precision kept, and explicit dates still resolve."""
    norms = [_strip(t.norm) for t in tokens]
    out: list[TimeMention] = []
    i = 0
    n = len(tokens)
    while i < n:
        if norms[i] not in _STARTS and not norms[i].isdigit():
            i += 1  # most words cannot begin a time expression
            continue
        named = next((parse_date(t.date) for t in reversed(out) if t.date and t.precision in ("day", "month")), None)
        res = _match_at(norms, i, published, named)
        if res is None:
            i += 1
            continue
        used, date, precision = res
        start, end = tokens[i].start, tokens[i + used - 1].end
        out.append(TimeMention(start, end, date.isoformat() if date else None, precision, "",
                               norms[i] in _RELATIVE))
        i += used
    return out


def _match_at(norms: list[str], i: int, pub: dt.date | None, named: dt.date | None = None):
    tok = norms[i]
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    # explicit day month [year] : "16 نوفمبر الجاري", "3 تشرين الثاني 2017", "الرابع من نيسان"
    day_size = _day_at(norms, i)
    day = day_size[0] if day_size else None
    if day is not None:
        j = i + day_size[1]
        if j < len(norms) and norms[j] == _OF_IT and (named or pub):
            # «في العاشر منه»: of the month named just before, else the current one
            base = named or pub
            return j - i + 1, _safe_date(base.year, base.month, day), "day"
        if j < len(norms) and norms[j] == "من":
            j += 1
        word = norms[j + 1] if j + 1 < len(norms) else ""
        if j < len(norms) and norms[j] in _MONTH_WORD and pub is not None and \
                (word in _CURRENT or word in _PAST or (word in _SAME and named)):
            # «في التاسع من الشهر الجاري», «الثاني من الشهر نفسه», «العاشر من الشهر الماضي»
            if word in _SAME:
                d = _safe_date(named.year, named.month, day)
            else:
                d = _month_of_day(day, pub, 1 if word in _PAST else 0)
            return j + 2 - i, d, "day"
        month = _month_at(norms, j) if j < len(norms) else None
        if month:
            m, size = month
            k = j + size
            k = _skip_gloss(norms, k)
            year = _year(norms[k]) if k < len(norms) else None
            used = k - i + (1 if year else 0)
            if year is None and pub is not None:
                word = norms[k] if k < len(norms) else ""
                if word in _CURRENT:
                    year, used = pub.year, used + 1
                elif word in _NEXT:
                    year = pub.year if m >= pub.month else pub.year + 1
                    used += 1
                else:
                    past = word in _PAST
                    year = pub.year
                    cand = _safe_date(year, m, day)
                    if cand and (cand > pub and (past or (cand - pub).days > 31)):
                        year -= 1
                    used += 1 if past else 0
            d = _safe_date(year, m, day) if year else None
            return used, d, "day"
    # month [year] : "سبتمبر الماضي", "مارس 2011", "شهر أيلول الماضي"
    j = i + 1 if tok in _MONTH_WORD else i
    month = _month_at(norms, j) if j < len(norms) else None
    if month:
        m, size = month
        k = _skip_gloss(norms, j + size)
        year = _year(norms[k]) if k < len(norms) else None
        used = k - i + (1 if year else 0)
        if year is None:
            word = norms[k] if k < len(norms) else ""
            if pub is None:
                return used, None, "month"
            if word in _PAST:
                year, used = _most_recent_month(m, pub, strictly_before=True), used + 1
            elif word in _CURRENT:
                year, used = pub.year, used + 1
            elif word in _NEXT:
                year, used = (pub.year if m > pub.month else pub.year + 1), used + 1
            elif tok in _MONTH_WORD or (i > 0 and norms[i - 1] in ("في", "خلال", "منذ")):
                year = _most_recent_month(m, pub, strictly_before=False)
            else:
                return None
        return used, dt.date(year, m, 1), "month"
    if tok in _TODAY:
        return 1, pub, "day"
    if tok in _YESTERDAY:
        if i > 0 and norms[i - 1] == "اول":
            return 1, pub - dt.timedelta(days=2) if pub else None, "day"
        return 1, pub - dt.timedelta(days=1) if pub else None, "day"
    if tok in WEEKDAYS:
        wd = WEEKDAYS[tok]
        if pub is None:
            return 1, None, "day"
        back = (pub.weekday() - wd) % 7
        if nxt in _PAST and back == 0:
            back = 7
        if nxt in _NEXT:
            ahead = (wd - pub.weekday()) % 7 or 7
            return 2, pub + dt.timedelta(days=ahead), "day"
        return (2 if nxt in _PAST else 1), pub - dt.timedelta(days=back), "day"
    if tok in _WEEK and (nxt in _PAST or nxt in _CURRENT):
        if pub is None:
            return 2, None, "week"
        return 2, pub - dt.timedelta(days=7 if nxt in _PAST else 0), "week"
    if tok in _CURRENT and nxt in _WEEK:
        return 2, pub, "week"
    if tok in _MONTH_WORD and (nxt in _PAST or nxt in _CURRENT):
        if pub is None:
            return 2, None, "month"
        if nxt in _PAST:
            y, m = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            return 2, dt.date(y, m, 1), "month"
        return 2, dt.date(pub.year, pub.month, 1), "month"
    if tok in _YEAR_WORD:
        year = _year(nxt)
        if year:
            return 2, dt.date(year, 1, 1), "year"
        if nxt in _PAST and pub:
            return 2, dt.date(pub.year - 1, 1, 1), "year"
        if nxt in _CURRENT and pub:
            return 2, dt.date(pub.year, 1, 1), "year"
    if tok in _CURRENT and nxt in _YEAR_WORD and pub:
        return 2, dt.date(pub.year, 1, 1), "year"
    # «قبل ثلاث سنوات», «منذ عامين»: years back from the publication
    if tok in _norms_ago and pub is not None and i + 1 < len(norms):
        n = _count_word(norms[i + 1])
        unit_tok = norms[i + 2] if i + 2 < len(norms) else ""
        if norms[i + 1] in _DUAL_YEARS:
            return 2, dt.date(pub.year - 2, 1, 1), "year"
        if n and n <= 60 and unit_tok in _YEARS_AGO_UNITS:
            return 3, dt.date(pub.year - n, 1, 1), "year"
    # «قبل يومين», «قبل ثلاثة أيام», «قبل أسبوعين», «قبل شهرين»: days, weeks, months back
    if tok == _AGO and pub is not None and i + 1 < len(norms):
        back = _DUALS_BACK.get(norms[i + 1])
        if back is None:
            n, unit_tok = _count_word(norms[i + 1]), (norms[i + 2] if i + 2 < len(norms) else "")
            if n and unit_tok in _UNITS_BACK:
                back = (n * _UNITS_BACK[unit_tok][0], _UNITS_BACK[unit_tok][1], 3)
        if back:
            amount, precision, width = back[0], back[1], back[2] if len(back) > 2 else 2
            if precision == "month":
                y, m = divmod(pub.year * 12 + pub.month - 1 - amount, 12)
                return width, dt.date(y, m + 1, 1), "month"
            return width, pub - dt.timedelta(days=amount), precision
    year = _year(tok)
    if year and i > 0 and norms[i - 1] in ("في", "منذ", "عام", "خلال", "سنه"):
        return 1, dt.date(year, 1, 1), "year"
    return None


_norms_ago = {normalize("قبل"), normalize("منذ")}
_AGO = normalize("قبل")
_DUALS_BACK = {normalize("يومين"): (2, "day"), normalize("أسبوعين"): (14, "week"), normalize("اسبوعين"): (14, "week"),
               normalize("شهرين"): (2, "month"), normalize("أسبوع"): (7, "week"), normalize("اسبوع"): (7, "week"),
               normalize("شهر"): (1, "month")}
_UNITS_BACK = {normalize("أيام"): (1, "day"), normalize("ايام"): (1, "day"), normalize("يوما"): (1, "day"),
               normalize("أسابيع"): (7, "week"), normalize("اسابيع"): (7, "week"),
               normalize("أشهر"): (1, "month"), normalize("اشهر"): (1, "month"), normalize("شهور"): (1, "month")}
_DUAL_YEARS = {normalize("عامين"), normalize("سنتين")}
_YEARS_PLURAL = {normalize(w) for w in ("سنوات", "أعوام", "سنين", "عاما")}
# «قبل ثلاث سنوات», «منذ 16 عاما»: never the definite «العام»
_YEARS_AGO_UNITS = _YEARS_PLURAL | {normalize(w) for w in ("عام", "سنة", "سنه")}
_COUNT_WORDS = {normalize(w): n for w, n in [("ثلاث", 3), ("ثلاثة", 3), ("أربع", 4), ("أربعة", 4), ("خمس", 5),
                                             ("خمسة", 5), ("ست", 6), ("ستة", 6), ("سبع", 7), ("ثماني", 8),
                                             ("تسع", 9), ("عشر", 10)]}


def _count_word(tok: str) -> int | None:
    if tok.isdigit() and len(tok) <= 2:
        return int(tok)
    return _COUNT_WORDS.get(tok)


def _skip_gloss(norms: list[str], k: int) -> int:
    """Skip a bracketed or slashed second month name: «سبتمبر/أيلول», «حزيران (يونيو)».
    Brackets and slashes are not tokens, so a second month name simply follows."""
    if k < len(norms) and _month_at(norms, k):
        return k + _month_at(norms, k)[1]
    return k


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
