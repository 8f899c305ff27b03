"""The given-names list: the census's names are in, words that are also places, months
or lexicon words are not."""

from graphmem.extraction import lexicon as lx


def test_census_names_are_in_and_place_or_month_words_are_not() -> None:
    names = lx.first_names()
    assert {"Thelma", "Thaddeus", "Rufus", "Aarav"} <= names
    assert not {"Paris", "May", "June", "Long", "Mercedes", "Sunday"} & names
    assert not any(n.startswith("#") for n in names)


def test_names_wordnet_lists_as_people_are_in_but_common_words_are_not() -> None:
    names = lx.first_names()
    assert {"Helena", "Marina", "Hazel"} <= names  # WordNet nouns, but rare as words
    assert not {"Cliff", "Cherry", "Destiny", "Harmony", "Penny"} & names  # common words
