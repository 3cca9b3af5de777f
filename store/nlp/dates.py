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
from functools import cached_property, lru_cache

from ..text.arabic import Token
from .lexicon import _LEXICON

PRECISIONS = ("day", "week", "month", "year", "unknown")

def _period(value: str) -> tuple[int, str]:
    """«2 week» → (14, "week"): a span of lexicon.tsv's periods in days (in
    months for a month), with the precision it dates to."""
    count, unit = value.split()
    if unit not in _UNIT_LENGTHS:
        raise ValueError(f"no unit {unit!r}")
    return int(count) * _UNIT_LENGTHS[unit], unit


_UNIT_LENGTHS = {"day": 1, "week": 7, "month": 1}

# normalised token tuple -> month number
MONTHS: dict[tuple[str, ...], int] = {tuple(name.split()): m for name, m in _LEXICON.values("months").items()}
WEEKDAYS = _LEXICON.values("weekdays")  # Python weekday numbers
_ORDINALS = _LEXICON.values("ordinal_days")
# «الحادي عشر», «الخامس والعشرين», «الحادي والثلاثين»: compound ordinal days
_UNITS = _LEXICON.values("ordinal_units")
_TENS = _LEXICON.values("ordinal_tens")
_ROUND = _LEXICON.values("ordinal_round_days")
_PAST = _LEXICON.words("period_past")
_NEXT = _LEXICON.words("period_next")
_CURRENT = _LEXICON.words("period_current")
_TODAY = _LEXICON.words("today")
_YESTERDAY = _LEXICON.words("yesterday")
_BEFORE_YESTERDAY = _LEXICON.words("before_yesterday")
_WEEK = _LEXICON.words("week_words")
_MONTH_WORD = _LEXICON.words("month_words")
_YEAR_WORD = _LEXICON.words("year_words")
_SAME = _LEXICON.words("period_same")  # «الشهر نفسه»: the month just named
_DAY_OF = _LEXICON.words("day_of")  # «الرابع من نيسان»
_OF_IT = _LEXICON.words("of_it")  # «في العاشر منه»: of the month just named
_MONTH_OPENERS = _LEXICON.words("period_prepositions")
_YEAR_OPENERS = _LEXICON.words("year_openers")
# longest first: «وفي» before «و»
_GLUED = sorted(_LEXICON.words("glued_to_dates"), key=lambda p: (-len(p), p))
_AGO = _LEXICON.words("ago")
_AGO_OR_SINCE = _LEXICON.words("ago_or_since")
_PERIODS_BACK = _LEXICON.values("periods_back", _period)  # «قبل يومين»
_PERIOD_UNITS = _LEXICON.values("period_units", _period)  # «قبل ثلاثة أيام»
_TWO_YEARS = _LEXICON.words("two_years")
# «قبل ثلاث سنوات», «منذ 16 عاما»: never the definite «العام»
_YEARS_BACK_UNITS = _LEXICON.words("years_back_units")
_COUNT_WORDS = _LEXICON.values("number_words")  # «قبل ثلاث سنوات», «قبل عشرة أيام»
_RELATIVE = _TODAY | _YESTERDAY | set(WEEKDAYS)
_NIGHT = _LEXICON.words("night_words")  # «ليل الأحد الاثنين»: one night, two days
_MIDNIGHT = _LEXICON.words("midnight_words")  # «بعد منتصف ليل ...»: the second day
_NIGHT_JOINERS = _LEXICON.words("night_joiners")  # «ليلة السبت على الأحد»
_EVES = _LEXICON.values("eve_words")  # «غداة», «عشية»: days from the sentence's day to what they name
_DATE_MARKS = frozenset("/-.")  # «25/5/2012»: between the numbers of a date


# Words that can begin a time expression (the gate of find_times).
_STARTS = (
    {k[0] for k in MONTHS} | set(WEEKDAYS) | set(_ORDINALS) | _TODAY | _YESTERDAY | _WEEK | _MONTH_WORD
    | _YEAR_WORD | _CURRENT | set(_UNITS) | set(_ROUND) | _AGO_OR_SINCE | _BEFORE_YESTERDAY
)


@dataclass(frozen=True)
class TimeMention:
    start: int  # char offsets in the source text
    end: int
    date: str | None  # YYYY-MM-DD: the first day of the period for week/month/year
    precision: str
    text: str
    relative: bool = False  # «اليوم», «أمس», a weekday: the day of the news itself
    eve: bool = False  # «غداة», «عشية»: dates only what is told after it


@lru_cache(maxsize=50_000)
@lru_cache(maxsize=100_000)
def _strip(norm: str) -> str:
    """A token without the prepositions that glue to dates (في، ب، منذ is separate)."""
    for p in _GLUED:
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


def find_times(tokens: list[Token], published: dt.date | None, text: str = "") -> list[TimeMention]:
    """Time expressions among `tokens` (of `text`, when given: the marks
    between digits tell «25/5/2012»), resolved against `published`.

    Without a publication date, relative expressions resolve to None with
    their precision kept, and explicit dates still resolve."""
    norms = [_strip(t.norm) for t in tokens]
    slashed = frozenset(k for k in range(len(tokens) - 1) if norms[k].isdigit() and
                        text[tokens[k].end : tokens[k + 1].start] in _DATE_MARKS)
    out: list[TimeMention] = []
    at: list[tuple[int, int]] = []  # the tokens of each time, i..j
    i = 0
    n = len(tokens)
    while i < n:
        if norms[i] not in _STARTS and not norms[i].isdigit():
            i += 1  # most words cannot begin a time expression
            continue
        named = next((parse_date(t.date) for t in reversed(out) if t.date and t.precision in ("day", "month")), None)
        res = _match_at(norms, i, published, named, slashed)
        if res is None:
            i += 1
            continue
        used, date, precision = res
        start, end = tokens[i].start, tokens[i + used - 1].end
        out.append(TimeMention(start, end, date.isoformat() if date else None, precision, "",
                               norms[i] in _RELATIVE))
        at.append((i, i + used))
        i += used
    return _eves(_nights(out, at, norms), tokens, norms)


def _eves(out: list[TimeMention], tokens: list[Token], norms: list[str]) -> list[TimeMention]:
    """«قتل 11 مدنيا الإثنين، غداة إعلان موسكو ...»: what «غداة» names
    happened the day before the sentence's day, what «عشية» names the day
    after: a time at the word, from the nearest day told in the sentence."""
    days = [t for t in out if t.date and t.precision == "day"]
    if not days:
        return out
    for k, norm in enumerate(norms):
        if norm not in _EVES:
            continue
        tok = tokens[k]
        anchor = min(days, key=lambda t: abs(t.start - tok.start))
        day = dt.date.fromisoformat(anchor.date) + dt.timedelta(days=_EVES[norm])
        out.append(TimeMention(tok.start, tok.end, day.isoformat(), "day", "", eve=True))
    return sorted(out, key=lambda t: t.start)


def _nights(out: list[TimeMention], at: list[tuple[int, int]], norms: list[str]) -> list[TimeMention]:
    """«ليل الأحد الاثنين», «ليلة السبت على الأحد»: one night, dated by its
    first day; «بعد منتصف ليل الأحد الاثنين», past midnight, by its second."""
    k = 0
    while k + 1 < len(out):
        (i, j), (i2, j2), first = at[k], at[k + 1], out[k]
        night = i > 0 and norms[i - 1] in _NIGHT and norms[i] in WEEKDAYS and norms[i2] in WEEKDAYS
        if night and first.date and all(n in _NIGHT_JOINERS for n in norms[j:i2]):
            day = dt.date.fromisoformat(first.date)
            if i > 1 and norms[i - 2] in _MIDNIGHT:
                day += dt.timedelta(days=1)
            out[k : k + 2] = [TimeMention(first.start, out[k + 1].end, day.isoformat(), "day", "", True)]
            at[k : k + 2] = [(i, j2)]
        k += 1
    return out


Match = tuple[int, "dt.date | None", str]  # tokens used, the date (None: unknown), its precision


class _At:
    """Where a time expression may start: the tokens, the index, the
    publication date and the date named last, with what the shapes ask."""

    def __init__(self, norms: list[str], i: int, pub: dt.date | None, named: dt.date | None,
                 slashed: frozenset[int] = frozenset()):
        self.norms, self.i, self.pub, self.named = norms, i, pub, named
        self.slashed = slashed  # the digit tokens a «/», «-» or «.» joins to the next
        self.tok = norms[i]
        self.nxt = self.word(i + 1)
        self.before = norms[i - 1] if i > 0 else ""

    def word(self, k: int) -> str:
        return self.norms[k] if k < len(self.norms) else ""

    @cached_property
    def day(self) -> tuple[int, int] | None:
        """(day, index after it) of a day number or an ordinal at i."""
        found = _day_at(self.norms, self.i)
        return (found[0], self.i + found[1]) if found else None

    def month_from(self, j: int) -> tuple[int, int, int | None] | None:
        """(month, index after it and a gloss, year told there) of a month
        name at j: «3 تشرين الثاني 2017», «حزيران (يونيو)»."""
        month = _month_at(self.norms, j) if j < len(self.norms) else None
        if not month:
            return None
        k = _skip_gloss(self.norms, j + month[1])
        return month[0], k, _year(self.word(k))


def _day_of_it(at: _At) -> Match | None:
    """«في العاشر منه»: a day of the month named just before, else of the current one."""
    if at.day is None:
        return None
    day, j = at.day
    base = at.named or at.pub
    if at.word(j) in _OF_IT and base:
        return j - at.i + 1, _safe_date(base.year, base.month, day), "day"
    return None


def _after_day_of(at: _At, j: int) -> int:
    """The index after «من» between a day and its month, if it is there."""
    return j + 1 if at.word(j) in _DAY_OF else j


def _day_of_month_word(at: _At) -> Match | None:
    """«في التاسع من الشهر الجاري», «الثاني من الشهر نفسه», «العاشر من الشهر الماضي»."""
    if at.day is None or at.pub is None:
        return None
    day, j = at.day
    j = _after_day_of(at, j)
    which = at.word(j + 1)
    if at.word(j) not in _MONTH_WORD or not (which in _CURRENT or which in _PAST or (which in _SAME and at.named)):
        return None
    if which in _SAME:
        return j + 2 - at.i, _safe_date(at.named.year, at.named.month, day), "day"
    return j + 2 - at.i, _month_of_day(day, at.pub, 1 if which in _PAST else 0), "day"


def _day_month(at: _At) -> Match | None:
    """«16 نوفمبر الجاري», «3 تشرين الثاني 2017», «الرابع من نيسان»: a day
    of a named month, in the year told or else the one the news means."""
    if at.day is None:
        return None
    day, j = at.day
    found = at.month_from(_after_day_of(at, j))
    if not found:
        return None
    m, k, year = found
    used = k - at.i + (1 if year else 0)
    if year is None and at.pub is not None:
        year, said = _year_of_day_month(m, day, at.word(k), at.pub)
        used += said
    return used, _safe_date(year, m, day) if year else None, "day"


def _year_of_day_month(m: int, day: int, word: str, pub: dt.date) -> tuple[int, int]:
    """(year, words that told it) of «16 نوفمبر» with no year: the current,
    the coming or the past one as `word` says, else the publication's year
    unless the day is later than the news (a month ahead, or said past)."""
    if word in _CURRENT:
        return pub.year, 1
    if word in _NEXT:
        return (pub.year if m >= pub.month else pub.year + 1), 1
    past = word in _PAST
    cand = _safe_date(pub.year, m, day)
    late = cand is not None and cand > pub and (past or (cand - pub).days > 31)
    return pub.year - 1 if late else pub.year, 1 if past else 0


def _month_year(at: _At) -> Match | None:
    """«سبتمبر الماضي», «مارس 2011», «شهر أيلول الماضي»: a month, in the
    year told or the one the news means."""
    found = at.month_from(at.i + 1 if at.tok in _MONTH_WORD else at.i)
    if not found:
        return None
    m, k, year = found
    used = k - at.i + (1 if year else 0)
    if year is None:
        if at.pub is None:
            return used, None, "month"
        told = _year_of_month(at, m, at.word(k))
        if told is None:
            return None
        year, said = told
        used += said
    return used, dt.date(year, m, 1), "month"


def _year_of_month(at: _At, m: int, word: str) -> tuple[int, int] | None:
    """(year, words that told it) of a month named without a year: past,
    current or coming as `word` says; the latest one after «شهر» or «في»;
    else none (a bare month name dates nothing)."""
    pub = at.pub
    if word in _PAST:
        return _most_recent_month(m, pub, strictly_before=True), 1
    if word in _CURRENT:
        return pub.year, 1
    if word in _NEXT:
        return (pub.year if m > pub.month else pub.year + 1), 1
    if at.tok in _MONTH_WORD or at.before in _MONTH_OPENERS:
        return _most_recent_month(m, pub, strictly_before=False), 0
    return None


def _today(at: _At) -> Match | None:
    return (1, at.pub, "day") if at.tok in _TODAY else None


def _yesterday(at: _At) -> Match | None:
    """«أمس», «أول أمس»."""
    if at.tok not in _YESTERDAY:
        return None
    back = 2 if at.before in _BEFORE_YESTERDAY else 1
    return 1, at.pub - dt.timedelta(days=back) if at.pub else None, "day"


def _weekday(at: _At) -> Match | None:
    """«الأربعاء», «السبت الماضي», «الخميس المقبل»: the latest such day,
    the one before it, or the coming one."""
    if at.tok not in WEEKDAYS:
        return None
    wd, pub, nxt = WEEKDAYS[at.tok], at.pub, at.nxt
    if pub is None:
        return 1, None, "day"
    back = (pub.weekday() - wd) % 7
    if nxt in _PAST and back == 0:
        back = 7
    if nxt in _NEXT:
        ahead = (wd - pub.weekday()) % 7 or 7
        return 2, pub + dt.timedelta(days=ahead), "day"
    return (2 if nxt in _PAST else 1), pub - dt.timedelta(days=back), "day"


def _week(at: _At) -> Match | None:
    """«الأسبوع الماضي», «الأسبوع الجاري», «هذا الأسبوع»."""
    tok, nxt, pub = at.tok, at.nxt, at.pub
    if tok in _WEEK and (nxt in _PAST or nxt in _CURRENT):
        if pub is None:
            return 2, None, "week"
        return 2, pub - dt.timedelta(days=7 if nxt in _PAST else 0), "week"
    if tok in _CURRENT and nxt in _WEEK:
        return 2, pub, "week"
    return None


def _month_word(at: _At) -> Match | None:
    """«الشهر الماضي», «الشهر الجاري»."""
    nxt, pub = at.nxt, at.pub
    if at.tok not in _MONTH_WORD or not (nxt in _PAST or nxt in _CURRENT):
        return None
    if pub is None:
        return 2, None, "month"
    if nxt in _PAST:
        y, m = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        return 2, dt.date(y, m, 1), "month"
    return 2, dt.date(pub.year, pub.month, 1), "month"


def _year_word(at: _At) -> Match | None:
    """«عام 2014», «العام الماضي», «العام الجاري», «هذا العام»."""
    tok, nxt, pub = at.tok, at.nxt, at.pub
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
    return None


def _years_ago(at: _At) -> Match | None:
    """«قبل ثلاث سنوات», «منذ عامين»: years back from the publication."""
    if at.tok not in _AGO_OR_SINCE or at.pub is None or at.i + 1 >= len(at.norms):
        return None
    if at.nxt in _TWO_YEARS:
        return 2, dt.date(at.pub.year - 2, 1, 1), "year"
    n = _count_word(at.nxt)
    if n and n <= 60 and at.word(at.i + 2) in _YEARS_BACK_UNITS:
        return 3, dt.date(at.pub.year - n, 1, 1), "year"
    return None


def _periods_ago(at: _At) -> Match | None:
    """«قبل يومين», «قبل ثلاثة أيام», «قبل أسبوعين», «قبل شهرين»: days,
    weeks or months back from the publication; «منذ أسبوعين», an act that
    began then (the gold guide: «منذ X» → X)."""
    if at.tok not in _AGO_OR_SINCE or at.pub is None or at.i + 1 >= len(at.norms):
        return None
    width, back = 2, _PERIODS_BACK.get(at.nxt)
    if back is None:
        n, unit = _count_word(at.nxt), _PERIOD_UNITS.get(at.word(at.i + 2))
        if not (n and unit):
            return None
        width, back = 3, (n * unit[0], unit[1])
    amount, precision = back
    if precision == "month":
        y, m = divmod(at.pub.year * 12 + at.pub.month - 1 - amount, 12)
        return width, dt.date(y, m + 1, 1), "month"
    return width, at.pub - dt.timedelta(days=amount), precision


def _bare_year(at: _At) -> Match | None:
    """«في 2014», «منذ 2011», «عام 2014»: a year after a word that makes it one."""
    year = _year(at.tok)
    if year and at.before in _YEAR_OPENERS:
        return 1, dt.date(year, 1, 1), "year"
    return None


def _numeric_date(at: _At) -> Match | None:
    """«25/5/2012», «25-5-2012», «2012/5/25»: day, month and year in digits
    joined by marks (the day first, as Arabic news write it)."""
    i = at.i
    if not (i in at.slashed and i + 1 in at.slashed and at.word(i + 2).isdigit()):
        return None
    first, month, last = at.tok, at.nxt, at.word(i + 2)
    year, day = (_year(last), _day(first)) if _year(last) else (_year(first), _day(last))
    if year is None or day is None or not (month.isascii() and month.isdigit()):
        return None
    date = _safe_date(year, int(month), day)
    return (3, date, "day") if date else None


# The shapes of a time expression, tried in this order at each token; the
# first that matches wins.
SHAPES = (
    _numeric_date, _day_of_it, _day_of_month_word, _day_month, _month_year, _today, _yesterday, _weekday, _week, _month_word,
    _year_word, _years_ago, _periods_ago, _bare_year,
)


def _match_at(norms: list[str], i: int, pub: dt.date | None, named: dt.date | None = None,
              slashed: frozenset[int] = frozenset()) -> Match | None:
    at = _At(norms, i, pub, named, slashed)
    return next((found for shape in SHAPES if (found := shape(at)) is not None), None)


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
