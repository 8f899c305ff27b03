"""resolve_dates against a fixed reference time (Monday 8 May 2023, 13:56 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from graphmem.extraction.temporal import describe, find_dates, resolve_dates

AT = datetime(2023, 5, 8, 13, 56, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "span", "day", "granularity"),
    [
        ("I went there yesterday", "yesterday", "2023-05-07", "day"),
        ("today was long", "today", "2023-05-08", "day"),
        ("see you tomorrow", "tomorrow", "2023-05-09", "day"),
        ("this morning I ran", "this morning", "2023-05-08", "day"),
        ("last night was fun", "last night", "2023-05-07", "day"),
        ("last Friday I adopted a dog", "last Friday", "2023-05-05", "day"),
        ("last Monday", "last Monday", "2023-05-01", "day"),
        ("I did it on Saturday", "on Saturday", "2023-05-06", "day"),
        ("next Friday", "next Friday", "2023-05-12", "day"),
        ("last Fri we met", "last Fri", "2023-05-05", "day"),
        ("last week", "last week", "2023-05-01", "week"),
        ("two weeks ago", "two weeks ago", "2023-04-24", "week"),
        ("last weekend", "last weekend", "2023-05-06", "weekend"),
        ("3 days ago", "3 days ago", "2023-05-05", "day"),
        ("a couple of days ago", "a couple of days ago", "2023-05-06", "day"),
        ("next month", "next month", "2023-06-01", "month"),
        ("last month", "last month", "2023-04-01", "month"),
        ("a month ago", "a month ago", "2023-04-01", "month"),
        ("five months ago", "five months ago", "2022-12-01", "month"),
        ("moved two months back", "two months back", "2023-03-01", "month"),
        ("since the end of March", "the end of March", "2023-03-01", "month"),
        ("started over the winter", "over the winter", "2022-12-01", "season"),
        ("we moved in the summer", "in the summer", "2022-06-01", "season"),
        ("it's been three months since we moved", "been three months since", "2023-02-01", "month"),
        ("last year", "last year", "2022-01-01", "year"),
        ("two years ago", "two years ago", "2021-01-01", "year"),
        ("in May", "in May", "2023-05-01", "month"),
        ("in June", "in June", "2022-06-01", "month"),
        ("in March 2022", "in March 2022", "2022-03-01", "month"),
        ("last May", "last May", "2022-05-01", "month"),
        ("on 7 May 2023", "on 7 May 2023", "2023-05-07", "day"),
        ("the 7th of May, 2023", "the 7th of May, 2023", "2023-05-07", "day"),
        ("May 7, 2023", "May 7, 2023", "2023-05-07", "day"),
        ("on 2023-05-07", "on 2023-05-07", "2023-05-07", "day"),
        ("on May 3", "on May 3", "2023-05-03", "day"),
        ("since 2019", "since 2019", "2019-01-01", "year"),
        ("in 2015", "in 2015", "2015-01-01", "year"),
        ("last summer", "last summer", "2022-06-01", "season"),
        ("the summer of 2021", "the summer of 2021", "2021-06-01", "season"),
        ("in two weeks", "in two weeks", "2023-05-22", "week"),
        ("we've been together since Easter", "since Easter", "2023-04-09", "day"),
        ("my last Christmas in Oslo", "last Christmas", "2022-12-25", "day"),
        ("dry until Christmas", "until Christmas", "2023-12-25", "day"),
        ("off sugar since New Year", "since New Year", "2023-01-01", "day"),
        ("a gift for Valentine's Day", "for Valentine's Day", "2023-02-14", "day"),
        ("next Halloween", "next Halloween", "2023-10-31", "day"),
        ("team lead as of Monday", "as of Monday", "2023-05-01", "day"),
        ("vegan as of March", "as of March", "2023-03-01", "month"),
    ],
)
def test_resolves(text: str, span: str, day: str, granularity: str) -> None:
    [(got_span, value, got_granularity)] = resolve_dates(text, AT)
    assert got_span.lower() == span.lower()
    assert value.date().isoformat() == day
    assert got_granularity == granularity
    assert value.tzinfo is not None and value.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text",
    [
        "I may go",
        "March on!",
        "I have 2000 stamps",
        "on Saturdays I swim",
        "the other day",
        "a few days ago",
        "recently",
        "my first swim in three years",
        "the best night out in two years",
        "flares are so last year",
        "Christmas jumpers are fun",
        "a run with the club on Sunday mornings",
        "see you in the new year",
        "",
    ],
)
def test_ignores(text: str) -> None:
    assert resolve_dates(text, AT) == []


def test_several_in_text_order() -> None:
    got = resolve_dates("Yesterday I saw him, and last Friday too", AT)
    assert [s for s, _, _ in got] == ["Yesterday", "last Friday"]


def test_future_preference() -> None:
    [(_, value, _)] = resolve_dates("in March", AT, prefer="future")
    assert value.date().isoformat() == "2024-03-01"
    [(_, value, _)] = resolve_dates("on Saturday", AT, prefer="future")
    assert value.date().isoformat() == "2023-05-13"


def test_reference_time_in_other_zone_is_converted() -> None:
    late = datetime(2023, 5, 8, 23, 30, tzinfo=timezone(timedelta(hours=-5)))  # 9 May UTC
    [(_, value, _)] = resolve_dates("yesterday", late)
    assert value.date().isoformat() == "2023-05-08"


def test_character_offsets() -> None:
    text = "We met last week, I think."
    [mention] = find_dates(text, AT)
    assert text[mention.start : mention.end] == "last week"


def test_describe() -> None:
    day = datetime(2023, 5, 7, tzinfo=UTC)
    assert describe(day, "day") == "on 7 May 2023"
    assert describe(day, "month") == "in May 2023"
    assert describe(day, "year") == "in 2023"
    assert describe(day, "week", with_preposition=False) == "the week of 7 May 2023"


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("since last year", "2023-01-01"),
        ("over the winter", "2023-03-01"),
        ("last month", "2023-05-01"),
        ("in March 2021", "2021-04-01"),
        ("last week", "2023-05-08"),
        ("yesterday", "2023-05-08"),
    ],
)
def test_a_date_ends_where_its_period_does(text: str, ends: str) -> None:
    [mention] = find_dates(text, AT)
    assert mention.ends == datetime.fromisoformat(ends).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("year", "day"), [(2019, "2019-04-21"), (2024, "2024-03-31"), (2038, "2038-04-25")]
)
def test_easter_falls_on_its_sunday(year: int, day: str) -> None:
    at = datetime(year, 12, 1, tzinfo=UTC)
    [(_, value, _)] = resolve_dates("since Easter", at)
    assert value.date().isoformat() == day


@pytest.mark.parametrize(
    ("text", "day", "granularity"),
    [
        ("vegan for two years now", "2021-05-01", "month"),
        ("in Derby for about six months", "2022-11-01", "month"),
        ("for the past three weeks", "2023-04-17", "week"),
        ("for a year and a half", "2021-11-01", "month"),
    ],
)
def test_a_span_back_from_now_is_found_only_when_asked(
    text: str, day: str, granularity: str
) -> None:
    assert find_dates(text, AT) == []
    [mention] = find_dates(text, AT, lasting=True)
    assert mention.lasting and mention.value.date().isoformat() == day
    assert mention.granularity == granularity
