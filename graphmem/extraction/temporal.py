"""Resolve explicit and relative date expressions against a reference time.

``resolve_dates("I went there last Friday", at)`` returns
``[("last Friday", datetime(2023, 5, 5, tzinfo=UTC), "day")]``. Every value is a
timezone-aware UTC datetime at midnight of the *start* of the period it names:

========== ===================================================
granularity value
========== ===================================================
day        that day ("yesterday", "7 May 2023", "last Friday")
weekend    the Saturday ("last weekend")
week       the Monday ("last week", "two weeks ago", "two weeks back")
month      the 1st ("last month", "in May", "the end of May", "it's been two months
           since")
season     the first day of the season (Mar/Jun/Sep/Dec 1; "over the summer": the
           latest one begun)
year       1 January ("last year", "in 2019")
========== ===================================================

Expressions without a year ("in May", "on Saturday", "May 7") are placed in the past
of ``at`` by default (``prefer="past"``), or in its future (``"future"``). Vague
expressions ("recently", "a few days ago", "the other day") are not resolved. The
function is pure and deterministic; nothing depends on the wall clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from graphmem.timeutil import to_utc

Prefer = Literal["past", "future"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
#: holidays by name -> (month, day); Easter's day is worked out for each year
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "xmas": (12, 25), "new year's": (1, 1), "new year": (1, 1),
    "halloween": (10, 31), "valentine's": (2, 14), "easter": (0, 0),
}  # fmt: skip

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip
_WD = r"(?P<wd>" + "|".join([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS]) + r")\.?"
_NUM = r"(?P<num>\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_ON = r"(?P<prep>(?:on|in|during|at)\s+)?"


@dataclass(frozen=True)
class DateMention:
    """One resolved date expression: its text and character span in the input."""

    text: str
    start: int
    end: int
    value: datetime
    granularity: str
    #: True when the span carries its own preposition or is adverbial ("yesterday")
    adverbial: bool = True
    #: True for a span of time back from the reference time ("for two years"): when a
    #: state that still holds began, if the clause says it still holds
    lasting: bool = False

    @property
    def ends(self) -> datetime:
        """The end of the period the date names (the start of the next): what began
        "last year" began by the end of that year."""
        return period_end(self.value, self.granularity)


#: the length of each granularity's period, in months or days
_MONTHS = {"month": 1, "season": 3, "year": 12}
_DAYS = {"day": 1, "weekend": 2, "week": 7}


def period_end(value: datetime, granularity: str) -> datetime:
    """The start of the period after the one of ``granularity`` that starts at ``value``."""
    if granularity in _MONTHS:
        start = value.date()
        return datetime.combine(_add_months(start, _MONTHS[granularity]), value.timetz())
    return value + timedelta(days=_DAYS.get(granularity, 1))


def _utc(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_in_direction(today: date, month: int, prefer: Prefer) -> date:
    candidate = date(today.year, month, 1)
    if prefer == "past" and candidate > today:
        return date(today.year - 1, month, 1)
    if prefer == "future" and month < today.month:
        return date(today.year + 1, month, 1)
    return candidate


def _weekday_in_direction(today: date, weekday: int, direction: str) -> date:
    if direction == "past":
        back = (today.weekday() - weekday) % 7 or 7
        return today - timedelta(days=back)
    if direction == "future":
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    # "this <weekday>": the one in the current week
    return _monday(today) + timedelta(days=weekday)


def _season_start(today: date, season: int, offset: int) -> date:
    """Start of the season ``offset`` seasons-of-that-name from the current one."""
    year = today.year if not (season == 12 and today.month < 3) else today.year - 1
    start = date(year, season, 1)
    if offset == 0:
        return start
    if offset < 0:
        # "last summer": the most recent one that has ended
        ended = _add_months(start, 3) <= today
        return start if ended else date(start.year - 1, season, 1)
    return start if start > today else date(start.year + 1, season, 1)


def _period(today: date, unit: str, offset: int) -> tuple[date, str]:
    if unit == "day":
        return today + timedelta(days=offset), "day"
    if unit == "week":
        return _monday(today) + timedelta(weeks=offset), "week"
    if unit == "weekend":
        saturday = _monday(today) + timedelta(days=5)
        if offset < 0:
            back = saturday - timedelta(weeks=1)
            return back, "weekend"
        return saturday + timedelta(weeks=max(offset - 1, 0)), "weekend"
    if unit == "month":
        return _add_months(date(today.year, today.month, 1), offset), "month"
    return date(today.year + offset, 1, 1), "year"


def _num(text: str) -> int:
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else NUMBERS[text]


_OFFSETS = {"last": -1, "past": -1, "this past": -1, "previous": -1, "this": 0,
            "next": 1, "this coming": 1, "coming": 1}  # fmt: skip
_REL = r"(?P<rel>this past|this coming|last|past|previous|this|next|coming)"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", _ON + r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ("dmy", _ON + r"\b(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR + r"\b"),
    ("mdy", _ON + r"\b" + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"),
    ("dm", _ON + r"\b(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON + r"\b"),
    ("md", _ON + r"\b" + _MON + r"\s+" + _DAY + r"\b"),
    ("my", _ON + r"\b(?:early\s+|late\s+|mid-?)?" + _MON + r",?\s+" + _YEAR + r"\b"),
    ("sy", _ON + r"\b(?:the\s+)?" + _SEASON + r"\s+(?:of\s+)?" + _YEAR + r"\b"),
    (
        "m",
        r"\b(?P<prep>in|during|since|until|till|by|from|as of|(?:the\s+)?(?:start|beginning|end"
        r"|middle)\s+of)\s+(?:early\s+|late\s+|mid-?)?" + _MON + r"\b",
    ),
    ("relm", r"\b" + _REL + r"\s+" + _MON + r"\b"),
    (
        "y",
        r"\b(?P<prep>in|during|since|until|till|by|from|around|of)\s+"
        r"(?:the\s+year\s+)?" + _YEAR + r"\b",
    ),
    (
        "word",
        r"\b(?:earlier\s+|later\s+)?(?P<word>the day before yesterday|the day after "
        r"tomorrow|yesterday|today|tonight|tomorrow|last night|this morning|this afternoon"
        r"|this evening|yesterday morning|yesterday afternoon|yesterday evening)\b",
    ),
    ("relwd", r"\b" + _REL + r"\s+" + _WD + r"\b"),
    ("onwd", r"\b(?P<prep>on|as of)\s+" + _WD + r"\b(?!s|\s+(?:morning|afternoon|evening|night)s)"),
    ("relunit", r"\b(?:the\s+)?" + _REL + r"\s+(?P<unit>week|weekend|month|year)\b"),
    ("relseason", r"\b" + _REL + r"\s+" + _SEASON + r"\b"),
    ("theseason", r"\b(?P<prep>over|in|during|since)\s+the\s+" + _SEASON + r"\b"),
    ("ago", r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?:ago|back)\b"),
    # "It's been three months since we moved": as long ago
    (
        "beensince",
        r"\bbeen\s+(?:about\s+|nearly\s+|over\s+)?" + _NUM + r"\s+" + _UNIT + r"\s+since\b",
    ),
    ("in", r"\b(?P<prep>in)\s+" + _NUM + r"\s+" + _UNIT + r"\b(?!\s+ago)"),
    (
        "holiday",
        r"\b(?:(?P<prep>since|at|over|after|before|until|till|by|from|on|for)\s+)?"
        r"(?:(?P<rel>last|this|next)\s+)?(?P<hol>" + "|".join(HOLIDAYS) + r")(?:\s+day)?\b",
    ),
)
_COMPILED = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in _PATTERNS)
#: a span of time back from now: "for two years", "for about six months", "for the past
#: three weeks"
_LASTING = re.compile(
    r"\bfor\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|the\s+(?:past|last)\s+)?"
    + _NUM
    + r"\s+"
    + _UNIT
    + r"\b(?P<half>\s+and\s+a\s+half)?",
    re.IGNORECASE,
)
_QUICK = re.compile(
    r"\d|day|night|morning|afternoon|evening|week|month|year|tomorrow|mon|tue|wed|thu|fri|sat|sun|"
    r"christmas|xmas|easter|halloween|valentine|"
    + "|".join(MONTHS)
    + r"|spring|summer|fall|autumn|winter",
    re.IGNORECASE,
)
_WORDS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
          "this afternoon": 0, "this evening": 0, "tomorrow": 1,
          "the day before yesterday": -2, "the day after tomorrow": 2,
          "yesterday morning": -1, "yesterday afternoon": -1,
          "yesterday evening": -1}  # fmt: skip


#: "is so" before "last year": out of fashion
_OUT_OF_FASHION = re.compile(r"(?:\bis|\bare|\bwas|\bwere|'s|’s|'re|’re)\s+so\s+$", re.IGNORECASE)
#: words before "in three years" that make it a span ("the first time in", "the best
#: night out in"), read within the clause
_A_SPAN_BEFORE = re.compile(
    r"\b(?:first|best|worst|only|longest|biggest|happiest)\b[^,.;!?]*$", re.IGNORECASE
)


def _resolve(name: str, m: re.Match[str], today: date, prefer: Prefer) -> tuple[date, str] | None:
    g = m.groupdict()
    mon = g.get("mon")
    ambiguous = mon is not None and mon.lower().rstrip(".") in {"may", "march"}
    if ambiguous and mon is not None and mon.islower() and name in {"m", "relm", "md", "dm"}:
        return None  # "I may go", "march on": only capitalised bare months count
    month = MONTHS[mon.lower().rstrip(".")] if mon else 0
    if name == "iso":
        d = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
        return (d, "day") if d else None
    if name in {"dmy", "mdy"}:
        d = _safe_date(int(g["year"]), month, int(g["day"]))
        return (d, "day") if d else None
    if name in {"dm", "md"}:
        d = _safe_date(today.year, month, int(g["day"]))
        if d is None:
            return None
        if prefer == "past" and d > today:
            d = _safe_date(today.year - 1, month, d.day)
        elif prefer == "future" and d < today:
            d = _safe_date(today.year + 1, month, d.day)
        return (d, "day") if d else None
    if name == "my":
        return date(int(g["year"]), month, 1), "month"
    if name == "sy":
        return date(int(g["year"]), SEASONS[g["season"].lower()], 1), "season"
    if name == "m":
        direction: Prefer = "future" if g["prep"].lower() in {"until", "till", "by"} else prefer
        return _month_in_direction(today, month, direction), "month"
    if name == "relm":
        offset = _OFFSETS[" ".join(g["rel"].lower().split())]
        if offset == 0:
            return _month_in_direction(today, month, prefer), "month"
        start = _month_in_direction(today, month, "past" if offset < 0 else "future")
        if start.month == today.month and start.year == today.year:
            start = date(start.year + offset, month, 1)
        return start, "month"
    if name == "y":
        return date(int(g["year"]), 1, 1), "year"
    if name == "word":
        return today + timedelta(days=_WORDS[" ".join(g["word"].lower().split())]), "day"
    if name in {"relwd", "onwd"}:
        wd = g["wd"].lower()
        weekday = WEEKDAYS.get(wd, WEEKDAY_ABBREVIATIONS.get(wd, 0))
        rel = "on" if name == "onwd" else " ".join(g["rel"].lower().split())
        direction_wd: str
        if rel == "on":
            direction_wd = prefer
        else:
            offset = _OFFSETS[rel]
            direction_wd = "past" if offset < 0 else "future" if offset > 0 else "this"
        return _weekday_in_direction(today, weekday, direction_wd), "day"
    if name == "relunit" and _OUT_OF_FASHION.search(m.string[max(0, m.start() - 12) : m.start()]):
        return None  # "burritos are so last year": out of fashion, not a date (but "so last
        # week I upgraded" is)
    if name == "relunit":
        return _period(today, g["unit"].lower(), _OFFSETS[" ".join(g["rel"].lower().split())])
    if name == "theseason":  # "over the summer": the latest one begun
        season = SEASONS[g["season"].lower()]
        start = _season_start(today, season, 0)
        return (start if start <= today else date(start.year - 1, season, 1)), "season"
    if name == "relseason":
        offset = _OFFSETS[" ".join(g["rel"].lower().split())]
        return _season_start(today, SEASONS[g["season"].lower()], offset), "season"
    if name == "in" and _A_SPAN_BEFORE.search(m.string[max(0, m.start() - 40) : m.start()]):
        return None  # "my first swim in three years": how long since, not when
    if name == "holiday":
        return _holiday(m, today, prefer)
    if name in {"ago", "beensince", "in"}:
        n = _num(g["num"]) * (-1 if name in {"ago", "beensince"} else 1)
        unit = g["unit"].lower()
        if unit == "day":
            return today + timedelta(days=n), "day"
        if unit == "week":
            return _monday(today + timedelta(weeks=n)), "week"
        if unit == "month":
            return _add_months(date(today.year, today.month, 1), n), "month"
        return date(today.year + n, 1, 1), "year"
    return None  # pragma: no cover - every pattern name is handled above


def _back(today: date, n: int, unit: str) -> tuple[date, str]:
    """The start of a span of ``n`` ``unit`` reaching back to ``today``: the day for days,
    the Monday for weeks, the month for months and years."""
    if unit == "day":
        return today - timedelta(days=n), "day"
    if unit == "week":
        return _monday(today - timedelta(weeks=n)), "week"
    months = n * (12 if unit == "year" else 1)
    return _add_months(date(today.year, today.month, 1), -months), "month"


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar, the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(m: re.Match[str], today: date, prefer: Prefer) -> tuple[date, str] | None:
    """ "since Christmas", "at Easter", "last Halloween": the day of the holiday nearest
    in the direction asked ("last" the latest one before today, "next" the first after
    it, "this" this year's); a bare name needs a preposition or "last"/"this"/"next",
    and "New Year" its capitals ("in the new year" is no day)."""
    hol, rel, prep = m.group("hol"), m.group("rel"), m.group("prep")
    if rel is None and prep is None:
        return None
    key = " ".join(hol.lower().split())
    if key.startswith("new year") and not hol.startswith("New"):
        return None

    def on(year: int) -> date:
        month, day = HOLIDAYS[key]
        return _easter(year) if key == "easter" else date(year, month, day)

    this = on(today.year)
    if rel is not None and rel.lower() == "this":
        return this, "day"
    if rel is None and prep is not None and prep.lower() in {"until", "till", "by"}:
        prefer = "future"  # "vegan until Christmas"
    elif rel is None and prep is not None and prep.lower() == "since":
        prefer = "past"
    if (rel is not None and rel.lower() == "last") or (rel is None and prefer == "past"):
        before = this < today or (rel is None and this == today)
        return (this if before else on(today.year - 1)), "day"
    return (this if this > today else on(today.year + 1)), "day"


def find_dates(
    text: str, at: datetime, *, prefer: Prefer = "past", lasting: bool = False
) -> list[DateMention]:
    """All date expressions in ``text``, resolved against ``at``, in text order; with
    ``lasting``, spans of time back from ``at`` too ("for two years": two years before,
    ``DateMention.lasting``)."""
    if not _QUICK.search(text):
        return []
    today = to_utc(at).date()
    found: list[tuple[int, int, DateMention]] = []
    for m in _LASTING.finditer(text) if lasting else ():
        unit = m.group("unit").lower()
        half = bool(m.group("half")) and unit == "year"  # "for a year and a half"
        n = _num(m.group("num")) * (12 if half else 1) + (6 if half else 0)
        start, granularity = _back(today, n, "month" if half else unit)
        mention = DateMention(m.group(0), m.start(), m.end(), _utc(start), granularity, True, True)
        found.append((m.start(), -(m.end() - m.start()), mention))
    for name, rx in _COMPILED:
        for m in rx.finditer(text):
            try:
                resolved = _resolve(name, m, today, prefer)
            except (OverflowError, ValueError):  # beyond year 1 or 9999: no such date
                continue
            if resolved is None:
                continue
            value, granularity = resolved
            prep = m.groupdict().get("prep")
            adverbial = name in {"word", "relwd", "relunit", "relseason", "ago", "beensince"} or (
                prep is not None and prep.strip().lower() in {"on", "in", "during", "at"}
            )
            mention = DateMention(
                m.group(0), m.start(), m.end(), _utc(value), granularity, adverbial
            )
            found.append((m.start(), -(m.end() - m.start()), mention))
    found.sort(key=lambda item: (item[0], item[1]))
    kept: list[DateMention] = []
    for _, _, mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def resolve_dates(
    text: str, at: datetime, *, prefer: Prefer = "past"
) -> list[tuple[str, datetime, str]]:
    """``(span_text, start_of_period_utc, granularity)`` for each date expression."""
    return [(m.text, m.value, m.granularity) for m in find_dates(text, at, prefer=prefer)]


def describe(value: datetime, granularity: str, *, with_preposition: bool = True) -> str:
    """An absolute phrase for a resolved date: "on 7 May 2023", "in May 2023", ..."""
    day = f"{value.day} {value:%B %Y}"
    phrases = {
        "day": ("on ", day),
        "weekend": ("on ", f"the weekend of {day}"),
        "week": ("in ", f"the week of {day}"),
        "month": ("in ", f"{value:%B %Y}"),
        "season": ("in ", f"{_season_name(value.month)} {value.year}"),
        "year": ("in ", f"{value.year}"),
    }
    prep, phrase = phrases.get(granularity, phrases["day"])
    return prep + phrase if with_preposition else phrase


def _season_name(month: int) -> str:
    return {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(month, "season")
