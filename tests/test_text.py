"""Tokenising in one place (``graphmem.text``): what keyword indexes receive, the content
words of a query and the entity keys it may name."""

from __future__ import annotations

from graphmem.text import keywords, query_entity_keys, query_keywords, query_terms


def test_keyword_indexes_receive_only_plain_word_tokens() -> None:
    assert query_terms('she said "NEAR" OR * ( ) -x @y ~z') == [
        "she",
        "said",
        "near",
        "or",
        "x",
        "y",
        "z",
    ]
    assert query_terms("Anna's café, ANNA's") == ["anna", "s", "café"]
    assert query_terms("`})] // \\ ") == []
    assert query_terms("0:_ __") == ["0"]  # RediSearch refuses "0|_"


def test_keywords_are_the_content_words() -> None:
    assert keywords("Where didn't Anna's sister go in May?") == ["anna's", "sister", "go", "may"]


def test_a_query_keeps_no_keyword_of_asking_about_the_present() -> None:
    # "these days" says when, not what: no turn matches for saying "these days" too
    assert query_keywords("Where's Nadia's home these days?") == ["where's", "nadia's", "home"]
    assert query_keywords("Who is Tom dating at the moment?") == ["tom", "dating"]
    assert query_keywords("What's her current job, currently?") == ["job"]
    assert query_keywords("How many days was the trip?") == ["many", "days", "trip"]


def test_entity_keys_are_the_spans_of_up_to_three_words() -> None:
    assert query_entity_keys("Where does New York City lie?") == sorted(
        {"new", "york", "city", "lie", "new york", "york city", "new york city", "where does",
         "does new", "city lie", "where does new", "does new york", "york city lie"}
    )  # fmt: skip
