"""Add to ``graphmem/data/first_names.txt`` the given names of the 1990 US census (public
domain, as the ``names`` package ships them), leaving out those that are also a place,
a month or day, a stop word, a word of the extractor's lexicons ("Paris", "May",
"Mercedes") or a common English word: one of the spaCy model's WordNet index that is
frequent in English text (Zipf frequency 4 or more in ``wordfreq``'s English list:
"Long", "Rose", "Grace", "Mark"). WordNet also lists many people as nouns ("Nina",
"Flora", "Bruno"), which are names, not words. The names already in the file stay.
The extractor reads the file (``lexicon.first_names``); this script is only for
refreshing it:

    pip install names==0.3.0 wordfreq==3.1.1 && python tools/first_names.py
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

import graphmem.extraction.lexicon as lx
from graphmem.extraction.spacy_extractor import SpacyExtractor
from graphmem.extraction.temporal import MONTHS, WEEKDAYS

OUT = Path(__file__).resolve().parents[1] / "graphmem" / "data" / "first_names.txt"
HEADER = (
    "# Given names: the list first written by hand, and the 1990 US census's (public\n"
    "# domain, via the names package) but for places, months, days and English words;\n"
    "# written by tools/first_names.py. One name a line.\n"
)


def census() -> set[str]:
    out = set()
    for part in ("dist.female.first", "dist.male.first"):
        text = resources.files("names").joinpath(part).read_text("utf-8")
        out |= {line.split()[0].title() for line in text.splitlines() if line.strip()}
    return out


#: the Zipf frequency from which a word is a common one (the scale's own high-frequency
#: band starts at 4: about one in 100,000 words of text)
COMMON = 4.0


def english_words() -> set[str]:
    """The common words of the spaCy model's lemma index (WordNet's nouns, verbs,
    adjectives and adverbs) and the words of the extractor's lexicons."""
    index = SpacyExtractor().nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    out: set[str] = {
        w
        for pos in ("noun", "verb", "adj", "adv")
        for w in index.get(pos)
        if zipf_frequency(w, "en") >= COMMON
    }
    for name, value in vars(lx).items():
        if name.isupper() and isinstance(value, (set, frozenset)):
            out |= {w for w in value if isinstance(w, str)}
    return out


def main() -> None:
    kept = set(lx.first_names())
    words = english_words() | set(STOP_WORDS) | set(MONTHS) | set(WEEKDAYS)
    added = {n for n in census() - kept if n not in lx.place_names() and n.lower() not in words}
    OUT.write_text(HEADER + "\n".join(sorted(kept | added)) + "\n", encoding="utf-8")
    print(f"{len(kept)} kept, {len(added)} added -> {OUT}")


if __name__ == "__main__":
    main()
