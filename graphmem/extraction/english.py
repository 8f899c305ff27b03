"""English word lists and morphology used by the rule-based extractor.

Everything here is plain data and string functions: no spaCy, no I/O.
"""

from __future__ import annotations

import re

from graphmem.names import PREDICATE_RE as PREDICATE_RE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: relation nouns after a possessive ("my sister Anna") -> predicate of (owner, p, named)
#: Convention: the owner (usually the speaker) is the subject: (Melanie, has_sister, Anna).
KIN: dict[str, str] = {
    "sister": "has_sister", "brother": "has_brother", "sibling": "has_sibling",
    "mom": "has_mother", "mother": "has_mother", "mum": "has_mother", "mama": "has_mother",
    "mommy": "has_mother", "dad": "has_father", "father": "has_father", "papa": "has_father",
    "daddy": "has_father", "parent": "has_parent", "son": "has_child", "daughter": "has_child",
    "kid": "has_child", "child": "has_child", "baby": "has_child", "stepson": "has_child",
    "stepdaughter": "has_child", "grandma": "has_grandmother", "grandmother": "has_grandmother",
    "granny": "has_grandmother", "nana": "has_grandmother", "nan": "has_grandmother",
    "nanna": "has_grandmother", "gran": "has_grandmother", "grandpa": "has_grandfather",
    "grandfather": "has_grandfather", "grandparent": "has_grandparent", "aunt": "has_aunt",
    "uncle": "has_uncle", "cousin": "has_cousin", "niece": "has_niece", "nephew": "has_nephew",
    "grandson": "has_grandchild", "granddaughter": "has_grandchild",
    "grandchild": "has_grandchild", "grandkid": "has_grandchild", "husband": "married_to",
    "wife": "married_to", "spouse": "married_to", "fiance": "engaged_to",
    "fiancé": "engaged_to", "fiancee": "engaged_to", "fiancée": "engaged_to",
    "partner": "has_partner", "boyfriend": "has_partner", "girlfriend": "has_partner",
    "sweetheart": "has_partner", "bf": "has_partner", "gf": "has_partner",
    "beau": "has_partner", "fella": "has_partner", "bae": "has_partner", "boo": "has_partner",
    "lover": "has_partner", "hubby": "married_to", "missus": "married_to",
    "wifey": "married_to", "friend": "has_friend", "bff": "has_friend",
    "mate": "has_friend", "bestie": "has_friend", "buddy": "has_friend", "pal": "has_friend",
    "neighbour": "has_neighbour", "neighbor": "has_neighbour", "roommate": "has_roommate",
    "flatmate": "has_roommate", "housemate": "has_roommate", "colleague": "has_colleague",
    "coworker": "has_colleague", "co-worker": "has_colleague", "boss": "has_boss",
    "mentor": "has_mentor", "teammate": "has_teammate", "dog": "has_pet", "cat": "has_pet",
    "puppy": "has_pet", "kitten": "has_pet", "pet": "has_pet", "hamster": "has_pet",
    "rabbit": "has_pet", "bunny": "has_pet", "parrot": "has_pet", "horse": "has_pet",
    "turtle": "has_pet",
}  # fmt: skip
#: nouns for people who are not the speaker's relations ("The guy next door plays rugby",
#: "Our new intern is a data analyst"): a subject that is one is someone else
PEOPLE = _words(
    "guy girl boy man woman lady bloke dude chap intern landlord landlady manager lead "
    "director founder client student classmate coach trainer stranger ex"
)
#: a relation or another person: a subject that is one is not the speaker
SOMEONE = frozenset(KIN) | PEOPLE
FEMALE = _words(
    "sister mom mother mum mama mommy daughter stepdaughter grandma grandmother granny nana "
    "aunt niece granddaughter wife fiancee fiancée girlfriend gf missus wifey"
)
MALE = _words(
    "brother dad father papa daddy son stepson grandpa grandfather uncle nephew grandson "
    "husband fiance fiancé boyfriend bf hubby beau fella"
)
PETS = frozenset(k for k, v in KIN.items() if v == "has_pet")
#: the words for a favourite, chat's "fave" too
FAVOURITE = frozenset({"favourite", "favorite", "fave", "fav"})

#: preference verbs (lemma) -> polarity
LIKE_VERBS = {"like": "like", "love": "like", "enjoy": "like", "adore": "like",
              "prefer": "like", "hate": "dislike", "dislike": "dislike",
              "detest": "dislike", "despise": "dislike", "loathe": "dislike"}  # fmt: skip
#: preference verbs that become a dislike when negated ("I don't like coffee")
NEGATABLE_LIKES = frozenset({"like", "enjoy"})
#: "I'm into / passionate about / obsessed with X" (adjective or preposition after "be")
LIKE_ADJ = {"passionate": "about", "obsessed": "with", "crazy": "about", "fond": "of",
            "keen": "on", "mad": "about", "nuts": "about"}  # fmt: skip

#: durable states after "I'm" that are facts (is_a)
STATE_ADJ = _words(
    "vegan vegetarian single married divorced widowed retired pregnant engaged transgender "
    "trans gay lesbian bisexual queer nonbinary non-binary sober unemployed self-employed"
)
#: the relations of a partner, which each side has of the other
PARTNERS = frozenset({"has_partner", "married_to", "engaged_to"})
#: "be + ADJ + to X": predicate
ADJ_RELATIONS = {"allergic": "allergic_to", "married": "married_to", "engaged": "engaged_to"}

#: (lemma, preposition) -> normalised fact predicate
FACT_PREDICATES: dict[tuple[str, str], str] = {
    ("live", "in"): "lives_in", ("live", "at"): "lives_in", ("live", "near"): "lives_in",
    ("live", "on"): "lives_in", ("live", "outside"): "lives_in",
    ("reside", "in"): "lives_in", ("move", "to"): "lives_in",
    ("relocate", "to"): "lives_in", ("work", "at"): "works_at", ("work", "for"): "works_at",
    ("work", "in"): "works_at", ("work", "with"): "works_at", ("work", "as"): "works_as",
    ("grow up", "in"): "grew_up_in", ("grow up", "on"): "grew_up_in",
    ("grow up", "near"): "grew_up_in", ("grow up", "outside"): "grew_up_in",
    ("bear", "in"): "born_in", ("come", "from"): "is_from",
    ("be", "from"): "is_from", ("marry", ""): "married_to", ("date", ""): "has_partner",
    ("study", "at"): "studies_at",
    ("study", "in"): "studies_at", ("study", ""): "studies", ("belong", "to"): "member_of",
    ("volunteer", "at"): "volunteers_at", ("volunteer", "for"): "volunteers_at",
    ("volunteer", "with"): "volunteers_at", ("teach", "at"): "teaches_at",
}  # fmt: skip
#: predicates that take a place / an organisation / a person as object
PLACE_PREDICATES = frozenset({"lives_in", "grew_up_in", "born_in", "is_from", "moved_to"})
ORG_PREDICATES = frozenset({"works_at", "studies_at", "member_of", "volunteers_at", "teaches_at"})
#: verbs whose "as" names the job one does ("working as a health visitor", "qualified as
#: an electrician")
SERVING_AS = frozenset(
    {"work", "qualify", "start", "hire", "employ", "retrain", "serve", "admit", "appoint"}
)
#: relations whose object is a person whatever the tagger takes the name for
PERSON_PREDICATES = frozenset({"married_to", "engaged_to", "has_partner"})

#: verbs that never make a generic fact or event (mental, light, speech, desire)
STOP_VERBS = _words(
    "be have do get make give see know think mean feel need want guess say tell ask thank "
    "hope wish miss appreciate understand agree let keep find seem sound look hear remember "
    "forget bet wonder try call put go come use believe suppose imagine consider plan "
    "intend expect wait tend decide like love enjoy adore prefer hate dislike detest "
    "despise loathe stand mind care realize realise notice learn check figure love can will "
    "would happen help start begin continue stop talk chat catch owe deserve matter count"
)
#: verbs that, in the past tense, are still not events
PAST_STOP = _words(
    "be feel think know mean want need seem guess say tell thank hope wish miss appreciate "
    "understand agree sound look hear remember forget bet wonder believe suppose imagine "
    "consider plan intend expect wait tend like love enjoy adore prefer hate dislike "
    "realize realise notice mind care happen use"
)
#: governors whose complement clause is reported, wished or supposed - never a fact
REPORT_VERBS = _words(
    "say tell think believe guess suppose hope wish doubt wonder hear claim pretend imagine "
    "dream want plan consider expect fear bet mean ask feel reckon assume"
)
MODALS = frozenset(
    [
        "might",
        "may",
        "could",
        "would",
        "should",
        "must",
        "can",
        "will",
        "shall",
        "ought",
        "'ll",
        "'d",
    ]
)
#: words that make a whole sentence hypothetical or conditional
#: feelings that news is told with ("Happy to say ...", "Sad to report ...")
FEELINGS = _words("happy glad proud pleased thrilled excited delighted sad sorry relieved")
HYPOTHETICAL = _words(
    "if unless whether imagine suppose supposing hypothetically maybe perhaps someday "
    "probably possibly"
)
#: the adverbs among them that may hedge a single word instead ("meat maybe twice a week")
HEDGING_ADVERBS = _words("maybe perhaps probably possibly")
HABIT_ADVERBS = _words(
    "usually always often normally typically regularly generally frequently habitually "
    "routinely daily weekly nightly"
)
#: adverbs and discourse words dropped from memory texts
DROP_WORDS = _words(
    "just really actually honestly so also too finally totally absolutely definitely "
    "literally basically kinda sorta pretty well oh um uh like yeah haha lol anyway much "
    "currently much"
)
PRONOUN_OBJECTS = _words(
    "it this that these those them they you he she him her us we me i something anything "
    "everything nothing one ones what which who whom all some lot any stuff mine yours hers "
    "ours theirs"
)
#: copula complements that are not identities ("I'm part of it", "you're an inspiration")
STOP_ATTRS = _words(
    "part one lot bit kind sort type way thing something anything everything nothing reason "
    "example piece game inspiration pleasure honor honour deal mess wreck blast fun help "
    "joy source step chance time moment sign reminder proof case point idea believer sucker "
    "testament home convert history news couple item pair"
)
#: light verbs: past-tense uses are events only when a date is given
LIGHT_VERBS = frozenset(
    ["have", "get", "make", "take", "do", "give", "find", "put", "keep", "see", "come"]
)
CLASS_NOUNS = frozenset({"kind", "type", "sort", "genre", "style", "form", "variety"})

_SIBILANT = re.compile(r"(s|sh|ch|x|z|o)$")
_CVC = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprtv]$")
#: past forms of common irregular verbs, which a tagger may take for a base form at the
#: start of a chat's subjectless sentence ("Took a tour today", "Got a free sample")
IRREGULAR_PAST = _words(
    "ate bought brought came caught did drank drove fell felt found gave got had heard "
    "kept left lost made met paid ran rode sat saw sang slept spent stood swam took "
    "taught thought told went won wore wrote"
)
_IRREGULAR_3RD = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_IRREGULAR_ING = {"be": "being", "see": "seeing", "lie": "lying", "die": "dying", "tie": "tying"}
_DOUBLING = _words(
    "admit commit submit permit omit begin forget prefer refer occur regret control compel "
    "equip upset"
)
_SNAKE = re.compile(r"[^a-z0-9]+")


def third_person(lemma: str) -> str:
    """Present tense, third person singular: run -> runs, watch -> watches, try -> tries."""
    word = lemma.lower()
    if word in _IRREGULAR_3RD:
        return _IRREGULAR_3RD[word]
    if _SIBILANT.search(word):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def gerund(lemma: str) -> str:
    """The -ing form: paint -> painting, make -> making, run -> running."""
    word = lemma.lower()
    if word in _IRREGULAR_ING:
        return _IRREGULAR_ING[word]
    if word.endswith("ing") and len(word) > 5:
        return word
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return word[:-1] + "ing"
    if (_CVC.match(word) and len(word) <= 4) or word in _DOUBLING:
        return word + word[-1] + "ing"
    return word + "ing"


def snake(*parts: str) -> str | None:
    """Join words into a snake_case predicate; None when it would not be valid."""
    text = "_".join(p for p in (_SNAKE.sub("_", part.lower()).strip("_") for part in parts) if p)
    text = re.sub(r"_+", "_", text)[:64].rstrip("_")
    return text if PREDICATE_RE.match(text) else None


def possessive(name: str) -> str:
    """Melanie -> Melanie's; James -> James'."""
    return name + ("'" if name.endswith("s") else "'s")


#: the dictionary's words (lower case) of the loaded pipeline's lemmatizer, if known
_DICTIONARY: set[str] = set()


def set_dictionary(words: set[str]) -> None:
    """Register the words a dictionary knows (``in_dictionary``)."""
    _DICTIONARY.update(words)


def in_dictionary(low: str) -> bool:
    """Whether ``low`` is a word of the dictionary ("music", "queen"), not a coined name
    ("coldplay"); every word is when no dictionary is registered."""
    return not _DICTIONARY or low in _DICTIONARY
