"""Changes whose slot the graph knows (``graphmem.changes``): a turn that says a value
is over without saying which fact it was ("Haim was all I played for years") changes
the speaker's current fact that holds that value. With the real models: what a turn
states depends on them. The single cases run on every available store; the long lists
of wordings, which differ only in how a turn is read, run on the embedded store."""

from __future__ import annotations

import pytest

from graphmem.engine import GraphMem
from graphmem.invariants import violations
from graphmem.models import Memory, Status

pytestmark = pytest.mark.real_models
#: a list of wordings runs on one store: the stores' part is the same for each
WORDINGS_ON_ONE_STORE = pytest.mark.parametrize("store", ["embedded"], indirect=True)


def _say(mem: GraphMem, *turns: str) -> list[Memory]:
    for i, text in enumerate(turns):
        mem.add(
            {"speaker": "Maya", "content": text, "ref": f"t{i}", "at": f"2024-0{i + 1}-10"},
            session_id=f"s{i}",
        )
    return [m for m in mem.memories(include_closed=True) if m.subject == "Maya"]


def _slot(memories: list[Memory], predicate: str) -> set[tuple[str | None, str | None, str]]:
    return {(m.object, m.polarity, m.status.value) for m in memories if m.predicate == predicate}


def test_a_value_said_to_be_over_gives_its_slot_the_new_value(mem: GraphMem) -> None:
    found = _say(
        mem,
        "My favourite band is Haim.",
        "Haim was all I played for years, these days it's all Wet Leg.",
    )
    assert _slot(found, "favourite_band") == {
        ("Haim", "like", "superseded"),
        ("Wet Leg", "like", "generated"),
    }
    [haim] = [m for m in found if m.object == "Haim"]
    [wet_leg] = [m for m in found if m.object == "Wet Leg"]
    assert haim.superseded_by == wet_leg.id and wet_leg.refs == ("t1",)


@WORDINGS_ON_ONE_STORE
def test_a_value_dismissed_with_who_ends(mem: GraphMem) -> None:
    found = _say(mem, "My favourite band is Slayer.", "Slayer who? It's all jazz now.")
    assert ("Slayer", "ended", "generated") in _slot(found, "favourite_band"), found


def test_a_value_that_lost_its_crown_gives_way_to_the_one_that_took_it(mem: GraphMem) -> None:
    found = _say(mem, "My favourite food is curry.", "Curry lost its crown to pho.")
    assert _slot(found, "favourite_food") == {
        ("curry", "like", "superseded"),
        ("pho", "like", "generated"),
    }


def test_a_value_said_to_be_over_with_no_new_one_ends_it(mem: GraphMem) -> None:
    found = _say(mem, "My favourite band is Haim.", "I've stopped listening to Haim.")
    assert _slot(found, "favourite_band") == {
        ("Haim", "like", "superseded"),
        ("Haim", "ended", "generated"),
    }
    [end] = [m for m in found if m.polarity == "ended"]
    assert end.text == "Maya's favourite band is no longer Haim." and end.refs == ("t1",)


def test_a_multi_valued_slot_ends_the_old_value_and_keeps_the_new(mem: GraphMem) -> None:
    found = _say(
        mem,
        "I have a cat called Socks.",
        "We rehomed Socks with my aunt, and now we've got Marmalade, a dog.",
    )
    assert _slot(found, "has_pet") == {
        ("Socks", None, "superseded"),
        ("Socks", "ended", "generated"),
        ("Marmalade", None, "generated"),
    }


def test_a_sport_said_to_replace_the_one_before_ends_it(mem: GraphMem) -> None:
    found = _say(
        mem,
        "I've been playing netball on Tuesdays for ages.",
        "I stopped the Tuesday games and joined a bouldering gym.",
    )
    assert _slot(found, "plays_sport") == {
        ("netball", None, "superseded"),
        ("netball", "ended", "generated"),
        ("bouldering", None, "generated"),
    }


def test_a_sport_switched_from_ends_the_favourite_when_none_is_played(mem: GraphMem) -> None:
    found = _say(
        mem,
        "Tennis is my favourite sport.",
        "I switched to padel in the summer and I'm never going back.",
    )
    assert _slot(found, "favourite_sport") == {
        ("Tennis", "like", "superseded"),
        ("Tennis", "ended", "generated"),
    }
    assert ("padel", None, "generated") in _slot(found, "plays_sport")


def test_a_sport_practised_is_played_and_ends_when_stopped(mem: GraphMem) -> None:
    found = _say(
        mem,
        "I practise yoga most mornings.",
        "I stopped yoga a month ago and boxing's my new thing.",
    )
    assert ("yoga", None, "superseded") in _slot(found, "plays_sport")
    assert ("yoga", "ended", "generated") in _slot(found, "plays_sport")


def test_a_favourite_ruined_for_the_speaker_ends(mem: GraphMem) -> None:
    found = _say(
        mem,
        "Lasagna is my favourite food.",
        "Food poisoning ruined lasagna for me forever, can't even look at it.",
    )
    assert _slot(found, "favourite_food") == {
        ("Lasagna", "like", "superseded"),
        ("Lasagna", "ended", "generated"),
    }


def test_a_car_whose_s_gone_is_read_as_a_possessive_still_ends(mem: GraphMem) -> None:
    found = _say(
        mem,
        "My little Honda Civic just hit 150k miles.",
        "civic's gone but look at my new baby, a Mazda CX-5",  # "'s" read as "of"
    )
    assert ("Honda Civic", None, "superseded") in _slot(found, "drives")


def test_a_car_called_by_its_make_then_by_its_model_is_one_car(mem: GraphMem) -> None:
    found = _say(
        mem,
        "My Hyundai failed its MOT on the brakes.",
        "Took the Ioniq for a long drive up the coast.",
        "Sold my car, the Ioniq has gone to a new home.",
    )
    current = [m for m in found if m.predicate == "drives" and m.is_current]
    assert [(m.object, m.polarity) for m in current] == [("Hyundai", "ended")]
    assert violations(mem.store, "u1", mem.config) == []


def test_which_of_two_sports_a_new_one_replaced_is_not_guessed(mem: GraphMem) -> None:
    found = _say(mem, "I play volleyball and tennis.", "I joined a padel club instead.")
    assert _slot(found, "plays_sport") == {
        ("volleyball", None, "generated"),
        ("tennis", None, "generated"),
        ("padel", None, "generated"),
    }


def test_a_value_no_current_fact_holds_changes_nothing(mem: GraphMem) -> None:
    found = _say(mem, "Haim was all I played for years, these days it's all Wet Leg.")
    assert not [m for m in found if m.status == Status.SUPERSEDED or m.polarity == "ended"]


def test_an_end_is_of_the_fact_that_holds_the_value(mem: GraphMem) -> None:
    found = _say(
        mem,
        "Me and Freya have been together for two years.",
        "Freya moved out, we called it quits.",  # the wording alone reads like a pet
    )
    assert _slot(found, "has_partner") == {
        ("Freya", None, "superseded"),
        ("Freya", "ended", "generated"),
    }
    assert _slot(found, "has_pet") == set()


def test_an_old_value_no_fact_holds_is_recorded_as_the_slots_past(mem: GraphMem) -> None:
    found = _say(mem, "Left Danone for a job at Heineken.")
    assert _slot(found, "works_at") == {
        ("Danone", None, "superseded"),
        ("Danone", "ended", "superseded"),
        ("Heineken", None, "generated"),
    }
    [heineken] = [m for m in found if m.object == "Heineken"]
    danone = [m for m in found if m.object == "Danone"]
    assert all(m.valid_to is not None for m in danone)
    history = sorted(mem.history(heineken.id), key=lambda m: m.version)
    assert [(m.object, m.polarity) for m in history] == [
        ("Danone", None),
        ("Danone", "ended"),
        ("Heineken", None),
    ]


def test_a_value_said_over_beside_its_successor_is_the_slots_past(mem: GraphMem) -> None:
    # the end and the new value read from two clauses of one turn, nothing held before
    found = _say(mem, "Not Muse any more - Haim are my favourite band now, my niece won.")
    assert _slot(found, "favourite_band") == {
        ("Muse", "like", "superseded"),
        ("Muse", "ended", "superseded"),
        ("Haim", "like", "generated"),
    }
    [haim] = [m for m in found if m.object == "Haim"]
    history = sorted(mem.history(haim.id), key=lambda m: m.version)
    assert [m.object for m in history] == ["Muse", "Muse", "Haim"]


def test_the_end_of_a_past_value_closes_an_earlier_end(mem: GraphMem) -> None:
    found = _say(
        mem,
        "I work at Nokia.",
        "I don't work at Nokia any more.",
        "Left Danone for a job at Heineken.",
    )
    current = [m for m in found if m.predicate == "works_at" and m.is_current]
    assert [(m.object, m.polarity) for m in current] == [("Heineken", None)]
    assert violations(mem.store, "u1", mem.config) == []


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate"),
    [
        ("My boyfriend Tom is great.", "Tom and I called it off.", "has_partner"),
        ("My boyfriend Tom is great.", "We broke up last month.", "has_partner"),
        ("My boyfriend Tom is great.", "I'm single again.", "has_partner"),
        ("My husband Tom is great.", "We're getting divorced.", "married_to"),
        ("My husband Tom is great.", "Tom and I are getting divorced.", "married_to"),
        ("My boyfriend Tom is great.", "Tom and I split in the autumn.", "has_partner"),
        ("My boyfriend Tom is great.", "Single again, and fine with it.", "has_partner"),
        ("My boyfriend Tom is great.", "Back to being single, I guess.", "has_partner"),
        ("My boyfriend Tom is great.", "Tom and I called it a day last month.", "has_partner"),
        ("My boyfriend Tom is great.", "Tom and I have wrapped things up.", "has_partner"),
        ("My husband Tom is great.", "Tom and I are divorcing.", "married_to"),
        ("My husband Tom is great.", "Tom and I are getting a divorce.", "married_to"),
        ("My husband Tom is great.", "I filed for divorce in the spring.", "married_to"),
        ("My boyfriend Tom is great.", "Tom and I separated over the summer.", "has_partner"),
    ],
)
def test_a_couple_that_ends_ends_the_partner(
    mem: GraphMem, first: str, then: str, predicate: str
) -> None:
    found = _say(mem, first, then)
    assert _slot(found, predicate) == {("Tom", None, "superseded"), ("Tom", "ended", "generated")}


def test_a_partner_who_went_their_own_way_is_followed_by_the_new_one(mem: GraphMem) -> None:
    found = _say(
        mem,
        "My boyfriend Tom is great.",
        "Tom and I went our separate ways, and I've met someone new, Ben.",
    )
    assert {(o, s) for o, _, s in _slot(found, "has_partner")} == {
        ("Tom", "superseded"),
        ("Ben", "generated"),
    }


@pytest.mark.parametrize("held", [False, True])
def test_the_value_not_chosen_ends_only_if_it_was_held(mem: GraphMem, held: bool) -> None:
    first = "My favourite food is soup." if held else "Nice weather today."
    found = _slot(_say(mem, first, "These days I prefer pastries over soup."), "favourite_food")
    if held:
        assert ("soup", "ended", "generated") in found
    else:
        assert found == set()  # no past favourite made up from a comparison


def test_a_fact_of_the_rules_own_wording_is_no_slot_a_change_ends(mem: GraphMem) -> None:
    # the rules also read "Maya quits tennis" (a predicate of their own): the sport
    # played is still the one fact that holds tennis
    found = _say(mem, "I play tennis every Sunday.", "I quit tennis and started playing squash.")
    assert ("tennis", "ended", "generated") in _slot(found, "plays_sport")
    assert ("tennis", None, "superseded") in _slot(found, "plays_sport")


def test_a_partner_being_dated_ends_with_the_slot(mem: GraphMem) -> None:
    found = _say(mem, "I'm dating Karin these days.", "Karin and I broke up.")
    assert _slot(found, "has_partner") == {
        ("Karin", None, "superseded"),
        ("Karin", "ended", "generated"),
    }
    [end] = [m for m in found if m.polarity == "ended"]
    assert end.text == "Maya is no longer with Karin."  # the partner slot's wording


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate", "old", "new"),
    [
        (
            "I work at Unilever.",
            "Unilever let me go, but Nestle hired me a month later.",
            "works_at",
            "Unilever",
            "Nestle",
        ),
        (
            "Lasagne is my favourite food.",
            "Curry has replaced lasagne as my favourite food.",
            "favourite_food",
            "Lasagne",
            "Curry",
        ),
        # a contrast, a stint told as past, a couple over in a clause of its own
        (
            "I live in Leeds.",
            "Less Leeds, more Sheffield these days.",
            "lives_in",
            "Leeds",
            "Sheffield",
        ),
        (
            "I work at Aldi.",
            "My years at Aldi taught me a lot, but these days I'm at Tesco.",
            "works_at",
            "Aldi",
            "Tesco",
        ),
        (
            "My partner is Oskar.",
            "Oskar moved to Oslo and we called it off; I'm with Tobias now.",
            "has_partner",
            "Oskar",
            "Tobias",
        ),
        # "to" read as the mark of an infinitive ("to squash"), "swapped" as an adjective
        ("I row twice a week.", "Switched to squash in March.", "plays_sport", "rowing", "squash"),
        (
            "I play cricket.",
            "no more dashing off at six, swapped cricket for golf, the club is nearer",
            "plays_sport",
            "cricket",
            "golf",
        ),
        # the old car someone else got, the new one got around in
        (
            "I drive a Jeep.",
            "My uncle Bo got my Jeep cheap, and I've been getting around in a Kia Niro since then.",
            "drives",
            "Jeep",
            "Kia Niro",
        ),
    ],
)
def test_the_value_that_gave_way_is_superseded_by_the_new_one(
    mem: GraphMem, first: str, then: str, predicate: str, old: str, new: str
) -> None:
    found = _slot(_say(mem, first, then), predicate)
    assert {(o, s) for o, p, s in found if p != "ended"} == {
        (old, "superseded"),
        (new, "generated"),
    }, found


def test_a_new_value_dated_before_the_end_its_turn_states_is_current(mem: GraphMem) -> None:
    # "last month" starts Ben before the end said today: the end makes way for him
    found = _say(
        mem,
        "My boyfriend Tom is great.",
        "Tom and I are divorced now. Moved in with Ben last month.",
    )
    current = [o for o, _, s in _slot(found, "has_partner") if s == "generated"]
    assert current == ["Ben"], _slot(found, "has_partner")


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("then", "current", "past"),
    [
        # "last year" (2023) may have begun after December 20th, when Bosch was said
        ("I've been at Siemens since last year.", "Siemens", "Bosch"),
        ("Trained up at Siemens over the winter and loving it.", "Siemens", "Bosch"),
        # 2022 ended before it: Siemens came first, Bosch holds
        ("Started at Siemens in 2022, what a year that was.", "Bosch", "Siemens"),
    ],
)
def test_a_value_said_later_that_may_have_begun_after_the_held_one_holds(
    mem: GraphMem, then: str, current: str, past: str
) -> None:
    for i, (at, text) in enumerate([("2023-12-20", "I work at Bosch."), ("2024-10-05", then)]):
        mem.add({"speaker": "Maya", "content": text, "ref": f"t{i}", "at": at}, session_id="s")
    found = {
        m.object: m
        for m in mem.memories(include_closed=True)
        if m.subject == "Maya" and m.predicate == "works_at"
    }
    assert (found[current].status, found[past].status) == (
        Status.GENERATED,
        Status.SUPERSEDED,
    ), found
    # the versions follow one another: the later one begins where the earlier one ends
    earlier, later = sorted(found.values(), key=lambda m: m.valid_from)
    assert earlier.valid_to == later.valid_from, found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate", "old"),
    [
        # a semicolon parts two statements: the modal after it does not reach the sale
        (
            "I have a horse called Blaze.",
            "I sold Blaze in the spring; my knees can't take riding any more.",
            "has_pet",
            "Blaze",
        ),
        # a cause told after "since" is asserted, whatever the clause it hangs from
        (
            "We have a cat called Smudge.",
            "The flat feels so empty since we lost Smudge.",
            "has_pet",
            "Smudge",
        ),
        (
            "I have a rabbit called Hops.",
            "We buried Hops in the garden yesterday.",
            "has_pet",
            "Hops",
        ),
        # a car gone for good, named by its make only
        (
            "I drive a Vauxhall Astra.",
            "The Vauxhall has gone to the scrapyard.",
            "drives",
            "Vauxhall Astra",
        ),
        (
            "I drive a Honda Jazz.",
            "The Honda has gone, I take the train now.",
            "drives",
            "Honda Jazz",
        ),
        ("I drive a Skoda Fabia.", "My daughter has my old Skoda now.", "drives", "Skoda Fabia"),
        ("My partner is Callum.", "Callum and I parted at Easter.", "has_partner", "Callum"),
        (
            "My favourite band is Muse.",
            "I've grown tired of Muse, to be honest.",
            "favourite_band",
            "Muse",
        ),
        ("I'm on the paleo diet.", "I've abandoned paleo, too much meat.", "diet", "paleo"),
        (
            "I work at Unilever.",
            "I took early retirement from Unilever in March.",
            "works_at",
            "Unilever",
        ),
        ("I'm a librarian.", "I retired last spring.", "works_as", "librarian"),
        # written off in a phrase the parser cannot read
        ("I live in Derby.", "Derby's out, Nottingham is in.", "lives_in", "Derby"),
        (
            "I'm dairy-free.",
            "The allergy test was clear, so dairy-free is out of the window.",
            "diet",
            "dairy-free",
        ),
        ("My boyfriend is Kieran.", "Kieran is old news, honestly.", "has_partner", "Kieran"),
        ("My girlfriend is Abby.", "Abby feels like a lifetime ago.", "has_partner", "Abby"),
        # a pet that died or went to live elsewhere; an emoji parts two statements
        ("We have a budgie called Percy.", "Percy passed last week.", "has_pet", "Percy"),
        (
            "I have a dog named Rolo.",
            "Rolo crossed the rainbow bridge on Sunday 💔 the house is so quiet.",
            "has_pet",
            "Rolo",
        ),
        (
            "We have a guinea pig called Fudge.",
            "Fudge went to a farm with lots of space.",
            "has_pet",
            "Fudge",
        ),
        # a taste the speaker cannot stand any more; "X and Y" one dish
        (
            "My favourite food is fish and chips.",
            "I can't stand fish and chips anymore.",
            "favourite_food",
            "fish and chips",
        ),
        ("My husband is Gareth.", "Our divorce went through last week.", "married_to", "Gareth"),
        ("My boyfriend is Niall.", "Niall dumped me 😢", "has_partner", "Niall"),
        ("My girlfriend is Ines.", "Ines is a fond memory now.", "has_partner", "Ines"),
        ("I work at Lidl.", "Lidl is in the rear-view mirror now.", "works_at", "Lidl"),
        (
            "My favourite band is Keane.",
            "Gone completely off Keane this year.",
            "favourite_band",
            "Keane",
        ),
        (
            "I drive a Mini Cooper.",
            "The lease on the Mini ended last week.",
            "drives",
            "Mini Cooper",
        ),
        (
            "I drive a Ford Focus.",
            "Someone stole my Focus from the station car park.",
            "drives",
            "Ford Focus",
        ),
        (
            "My favourite band is Busted.",
            "The Strokes have completely taken over from Busted.",
            "favourite_band",
            "Busted",
        ),
        (
            "My partner is Leon.",
            "Things with Leon fizzled out over the summer.",
            "has_partner",
            "Leon",
        ),
        (
            "I play tennis every Saturday.",
            "Got a new job, done with tennis.",
            "plays_sport",
            "tennis",
        ),
        (  # the parser made the name a modifier of "dropped"
            "I do CrossFit five days a week.",
            "I dropped CrossFit after hurting my shoulder in the spring.",
            "plays_sport",
            "CrossFit",
        ),
        (  # whatever the parser made of "team lead"
            "I'm a team lead at a bank.",
            "I stepped down as team lead in March and left, so I'm between jobs.",
            "works_as",
            "team lead",
        ),
        (
            "My favourite food is ramen.",
            "Honestly ramen has dropped to second place for me.",
            "favourite_food",
            "ramen",
        ),
        (  # the gear of a sport not touched since
            "I play tennis every Saturday.",
            "Haven't touched my tennis racket since the spring.",
            "plays_sport",
            "tennis",
        ),
        (  # a firm's name with its ampersand
            "I work at Ernst & Young.",
            "Since handing in my notice at Ernst & Young I've had loads of free time.",
            "works_at",
            "Ernst & Young",
        ),
        (  # the job said by its head
            "I'm a freelance photographer.",
            "Not a photographer anymore, between jobs.",
            "works_as",
            "freelance photographer",
        ),
        # a time of life that is over ("days" here are no working day), the diet in a
        # word of its own
        (
            "I eat no meat, vegetarian for years.",
            "My veggie days are behind me.",
            "diet",
            "vegetarian",
        ),
        ("I'm keto.", "My keto days are done, pasta is back.", "diet", "keto"),
        # what did not last, what is off the table, what bores or no longer works
        ("I row twice a week.", "Rowing never stuck, to be honest.", "plays_sport", "rowing"),
        ("I play golf.", "Golf is off the table since my back surgery.", "plays_sport", "golf"),
        (
            "My favourite band is Muse.",
            "Honestly Muse bores me these days.",
            "favourite_band",
            "Muse",
        ),
        (
            "I'm pescatarian.",
            "The pescatarian thing, honestly, that's over.",
            "diet",
            "pescatarian",
        ),
        (
            "I drive a Renault Clio.",
            "The Clio is at the scrapyard, sadly.",
            "drives",
            "Renault Clio",
        ),
        # a chat's opening verb parted from the clause after its comma
        ("I do judo.", "Packed in the judo, my shoulder couldn't take it.", "plays_sport", "judo"),
        # a job lost in layoffs, or left with a redundancy package
        (
            "I work at Spotify.",
            "I got caught up in the Spotify layoffs in May.",
            "works_at",
            "Spotify",
        ),
        ("I work at Aviva.", "Accepted a redundancy package from Aviva.", "works_at", "Aviva"),
        ("I drive a Ford Focus.", "The Focus got nicked outside the gym.", "drives", "Ford Focus"),
        (
            "I drive a Ford Focus.",
            "Said goodbye to the old Focus yesterday.",
            "drives",
            "Ford Focus",
        ),
        # a pet that died, was rehomed or given to a rescue
        (
            "We have a rabbit called Clover.",
            "Clover didn't make it through the winter.",
            "has_pet",
            "Clover",
        ),
        (
            "We have a guinea pig called Nibbles.",
            "Good news, Nibbles has found a new family nearby.",
            "has_pet",
            "Nibbles",
        ),
        (
            "My cat is called Pixel.",
            "Took Pixel to a rescue, my allergies won.",
            "has_pet",
            "Pixel",
        ),
        # someone else bought the speaker's car or took in their pet
        (
            "I drive a Skoda Fabia.",
            "My neighbour Raj bought my Fabia in May.",
            "drives",
            "Skoda Fabia",
        ),
        (
            "We have a guinea pig, Toffee.",
            "Our friend Lena adopted our Toffee.",
            "has_pet",
            "Toffee",
        ),
        ("We adopted a dog called Rolo.", "Lost Rolo to a tumour last spring.", "has_pet", "Rolo"),
    ],
)
def test_a_value_said_to_be_over_in_passing_ends(
    mem: GraphMem, first: str, then: str, predicate: str, old: str
) -> None:
    found = _slot(_say(mem, first, then), predicate)
    assert (old, "ended", "generated") in found, found
    assert {o for o, p, s in found if p != "ended"} == {old}, found  # nothing else held
    assert all(s == "superseded" for _, p, s in found if p != "ended"), found


def test_not_a_name_anymore_is_the_partner_that_ended(mem: GraphMem) -> None:
    # the tagger made "Lukas" a verb between "Not" and "anymore"
    found = _slot(
        _say(
            mem, "My boyfriend Lukas is lovely.", "Not Lukas anymore - it's Jonas I'm seeing now."
        ),
        "has_partner",
    )
    assert ("Jonas", None, "generated") in found, found
    assert ("Lukas", None, "superseded") in found, found


def test_a_sport_on_pause_ends_and_the_one_taken_up_is_held(mem: GraphMem) -> None:
    found = _slot(
        _say(mem, "I go running every morning.", "Into bouldering now, running's on pause."),
        "plays_sport",
    )
    assert ("bouldering", None, "generated") in found, found
    assert not [o for o, p, s in found if o == "running" and s == "generated" and p != "ended"]


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "old"),
    [
        ("My cat Biscuit knocked my coffee over.", "Biscuit lives with my mum now.", "Biscuit"),
        ("Our dog Mochi loves the beach.", "Mochi's with my ex now.", "Mochi"),
        (
            "My hamster Pickles is tiny.",
            "Pickles went to live with my brother once I started travelling.",
            "Pickles",
        ),
        ("My parrot Captain talks all day.", "Captain moved in with my brother.", "Captain"),
        # a place that takes in animals, whatever the name sounds like
        (
            "Our iguana Dennis loves his lamp.",
            "Dennis had to move to a reptile sanctuary.",
            "Dennis",
        ),
    ],
)
def test_a_pet_gone_to_live_with_someone_else_ends(
    mem: GraphMem, first: str, then: str, old: str
) -> None:
    found = _slot(_say(mem, first, then), "has_pet")
    assert (old, "ended", "generated") in found, found
    assert all(s == "superseded" for _, p, s in found if p != "ended"), found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("then", "predicate", "held"),
    [
        ("Tom has gone to Paris for work.", "has_partner", "Tom"),  # gone somewhere, not for good
        ("My dad retired last year.", "works_at", "Shell"),  # someone else's working life
        ("I still love my old Polo.", "drives", "Volkswagen Polo"),  # the speaker's own, still
        ("Tom is out tonight with his mates.", "has_partner", "Tom"),
        ("Guess who I bumped into in York? Tom!", "has_partner", "Tom"),  # not the speaker
        ("We split the bill at the tapas place.", "has_partner", "Tom"),  # a bill, no couple
        ("Tom didn't make it to the pub quiz.", "has_partner", "Tom"),  # late, not dead
        ("Long day at Shell, my feet are done.", "works_at", "Shell"),  # a day, not a job
        ("Tom is a bus driver these days.", "has_partner", "Tom"),  # a job, no car
        ("My friend Dev asked me to be his best man.", "has_partner", "Tom"),  # no couple
        ("Heard there are layoffs at Shell, fingers crossed.", "works_at", "Shell"),  # not yet
        ("We called it a night early.", "has_partner", "Tom"),  # a night, not the couple
    ],
)
def test_what_only_sounds_like_an_end_ends_nothing(
    mem: GraphMem, then: str, predicate: str, held: str
) -> None:
    first = {"has_partner": "My partner is Tom.", "works_at": "I work at Shell."}.get(
        predicate, "I drive a Polo."
    )
    found = _slot(_say(mem, first, then), predicate)
    assert found == {(held, None, "generated")}, found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate", "new"),
    [
        # "they" is what was named before it, and "my favourite" is the speaker's
        (
            "My favourite food is lasagne.",
            "My flatmate got me into dumplings and they've become my favourite.",
            "favourite_food",
            "dumplings",
        ),
        (
            "My favourite band is Blur.",
            "A friend dragged me to see Wet Leg and they have become my favourite band.",
            "favourite_band",
            "Wet Leg",
        ),
        # "gone" with a complement is a value taken up, not one gone for good
        ("I'm vegetarian.", "I've gone vegan, no more cheese for me.", "diet", "vegan"),
        # "it"/"they" is what was named just before, in this sentence or the last
        (
            "My favourite food is pizza.",
            "Made dumplings from scratch at the weekend. Honestly they're my favourite thing to eat now.",  # noqa: E501
            "favourite_food",
            "dumplings",
        ),
        (
            "My favourite band is Keane.",
            "Saw Idles in Leeds last night. They're my favourite band now.",
            "favourite_band",
            "Idles",
        ),
        ("My favourite band is Blur.", "Blur → Pulp, no regrets.", "favourite_band", "Pulp"),
        ("I work at Spotify.", "Jumped ship to Zalando last week.", "works_at", "Zalando"),
        # the one named just before "we" are a couple; where "here" is
        (
            "My girlfriend is Ruth.",
            "Anika took me to the cinema. We've been dating a month now.",
            "has_partner",
            "Anika",
        ),
        ("I live in Sydney.", "The cafés here in Hobart are brilliant.", "lives_in", "Hobart"),
        # a favourite since then holds now
        (
            "My favourite band is Keane.",
            "Saw Wolf Alice last night. They've been my favourite band since their first album.",
            "favourite_band",
            "Wolf Alice",
        ),
        # "Guess who ...?" teases with the speaker's own news
        ("I drive a Kia Rio.", "Guess who just bought a Mazda MX-5?", "drives", "Mazda MX-5"),
        (
            "I'm a cashier.",
            "Guess who's the new pharmacist at the hospital? Me!",
            "works_as",
            "pharmacist",
        ),
        # what someone got the speaker into is the speaker's
        (
            "My favourite band is Keane.",
            "My brother got me into Idles and now I've got them on repeat.",
            "favourite_band",
            "Idles",
        ),
        # the speaker's own hedge and avowal assert what follows
        (
            "I'm vegan.",
            "I've started eating eggs again, so I suppose I'm vegetarian now.",
            "diet",
            "vegetarian",
        ),
        (
            "I live in Leeds.",
            "I must say I don't miss the Leeds rain since we moved to Malaga.",
            "lives_in",
            "Malaga",
        ),
        # the town of a home, not the home's name; who asked to be the speaker's partner
        (
            "I live in Leeds.",
            "Unpacking the last boxes in our new Bristol flat.",
            "lives_in",
            "Bristol",
        ),
        (
            "My boyfriend is Tom.",
            "Idris asked me to be his girlfriend last night!",
            "has_partner",
            "Idris",
        ),
        # a work badge's name; a name the tagger took for a verb after "this guy"
        (
            "I work at Oracle.",
            "My lanyard says Atlassian now, still getting used to it.",
            "works_at",
            "Atlassian",
        ),
        (
            "My girlfriend is Ruth.",
            "I've been seeing this guy Ravi for about two months.",
            "has_partner",
            "Ravi",
        ),
        # a car upgraded to; what replaced the favourite is of its kind
        (
            "I drive a Ford Focus.",
            "We upgraded to an Outlander, the kids needed the space.",
            "drives",
            "Mitsubishi Outlander",
        ),
        (
            "My favourite food is lasagne.",
            "Kottu has replaced lasagne as my favourite.",
            "favourite_food",
            "Kottu",
        ),
        # a car by its model, got or driven
        (
            "I drive a Renault Clio.",
            "Picked up a Yaris, lovely little thing.",
            "drives",
            "Toyota Yaris",
        ),
        ("I drive a Renault Clio.", "I'm a Skoda driver these days.", "drives", "Skoda"),
        # a diet said with no verb; what went before it is no one
        ("I'm vegan.", "Officially a flexitarian since spring.", "diet", "flexitarian"),
        ("I'm vegetarian.", "Now dairy is gone as well, strict vegan.", "diet", "vegan"),
    ],
)
def test_a_new_value_said_in_passing_is_current(
    mem: GraphMem, first: str, then: str, predicate: str, new: str
) -> None:
    found = _say(mem, first, then)
    current = [o for o, p, s in _slot(found, predicate) if s == "generated" and p != "ended"]
    assert current == [new], _slot(found, predicate)
    assert all(m.subject == "Maya" for m in found if m.predicate == predicate)


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("then", "new"),
    [
        ("We got a puppy! She's a collie called Luna.", "Luna"),  # no one else "she" is
        ("We've taken on a rescue mare, Bonnie.", "Bonnie"),  # a horse by its kind
    ],
)
def test_a_pet_said_by_its_kind_is_the_speakers_next_pet(
    mem: GraphMem, then: str, new: str
) -> None:
    found = _slot(_say(mem, "We have a cat called Pip.", then), "has_pet")
    assert (new, None, "generated") in found, found
    assert ("Pip", None, "generated") in found, found  # a second pet, the first one kept


def test_a_sport_swapped_with_a_day_before_it_ends(mem: GraphMem) -> None:
    # "Swapped" read as a name, the day's name between it and the sport
    found = _slot(
        _say(mem, "I play rugby.", "Swapped Sunday rugby for squash, my knees are grateful."),
        "plays_sport",
    )
    assert ("rugby", "ended", "generated") in found, found
    assert ("squash", None, "generated") in found, found
    assert ("rugby", None, "generated") not in found, found


@WORDINGS_ON_ONE_STORE
def test_a_favourite_singer_is_the_favourite_artist_a_new_one_replaces(mem: GraphMem) -> None:
    found = _say(mem, "My favourite singer is Dua Lipa.", "Raye has overtaken Dua Lipa for me.")
    current = [m for m in found if m.status is Status.GENERATED and m.predicate.startswith("fav")]
    assert [(m.predicate, m.object) for m in current] == [("favourite_band", "Raye")], found


@WORDINGS_ON_ONE_STORE
def test_a_partner_out_of_the_picture_ends(mem: GraphMem) -> None:
    found = _say(mem, "My boyfriend is Kit.", "Kit's out of the picture now.")
    assert ("Kit", "ended", "generated") in _slot(found, "has_partner"), found


def test_a_partner_out_of_the_picture_gives_way(mem: GraphMem) -> None:
    found = _say(
        mem,
        "I'm with Jonas.",
        "Jonas is out of the picture, Ben's my partner now.",
    )
    slot = _slot(found, "has_partner")
    assert ("Ben", None, "generated") in slot, slot
    assert ("Jonas", None, "generated") not in slot, slot


def test_a_partner_in_the_past_ends(mem: GraphMem) -> None:
    found = _say(mem, "My girlfriend is Lena.", "Lena's in the past; Ana makes me so happy.")
    slot = _slot(found, "has_partner")
    assert ("Lena", None, "generated") not in slot, slot


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    "then",
    ["Shame have replaced Blur as my favourite.", "Shame have overtaken Blur for me."],
)
def test_a_name_that_replaced_the_favourite_is_the_new_one(mem: GraphMem, then: str) -> None:
    found = _say(mem, "My favourite band is Blur.", then)
    assert _slot(found, "favourite_band") >= {("Blur", "like", "superseded")}, found
    assert ("Shame", "like", "generated") in _slot(found, "favourite_band"), found


@WORDINGS_ON_ONE_STORE
def test_the_one_the_speaker_moves_in_with_next_month_is_the_partner(mem: GraphMem) -> None:
    found = _say(mem, "My boyfriend Tom is great.", "I'm moving in with Sven in the spring.")
    assert ("Sven", None, "generated") in _slot(found, "has_partner"), found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    "text", ["Jonas is history.", "Jonas's history, honestly.", "I'm loving being single."]
)
def test_a_partner_said_to_be_history_or_a_single_life_enjoyed_ends_the_partner(
    mem: GraphMem, text: str
) -> None:
    found = _say(mem, "My boyfriend Jonas is lovely.", text)
    assert ("Jonas", "ended", "generated") in _slot(found, "has_partner"), found
    assert not _slot(found, "studies"), found  # no history studied


@WORDINGS_ON_ONE_STORE
def test_a_band_the_speaker_would_pick_over_the_favourite_replaces_it(mem: GraphMem) -> None:
    found = _say(mem, "My favourite band is Blur.", "I'd pick Caribou over Blur any day now.")
    assert _slot(found, "favourite_band") >= {
        ("Blur", "like", "superseded"),
        ("Caribou", "like", "generated"),
    }, found


@WORDINGS_ON_ONE_STORE
def test_a_lift_the_speaker_would_give_over_a_weekend_is_no_taste(mem: GraphMem) -> None:
    found = _say(mem, "I'd pick Jonas up over the weekend if he asked.")
    assert not [m for m in found if m.kind == "preference"], found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    "then",
    [
        "My girlfriend and I broke up over the summer.",
        "My partner and I split up.",
        "Arvid lied to me for months, so I dumped him.",
        "Arvid cheated, so I left him.",
        "My boyfriend was awful to me, so I left him.",
    ],
)
def test_a_couple_ended_by_the_kin_noun_or_a_him_the_speaker_left_ends_the_partner(
    mem: GraphMem, then: str
) -> None:
    found = _say(mem, "My partner Arvid is a nurse.", then)
    assert ("Arvid", "ended", "generated") in _slot(found, "has_partner"), found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    "then",
    ["My sister and I split the bill.", "Arvid introduced me to Linnea and I dumped him."],
)
def test_a_bill_split_or_a_him_with_another_name_between_ends_no_partner(
    mem: GraphMem, then: str
) -> None:
    found = _say(mem, "My partner Arvid is a nurse.", then)
    assert ("Arvid", None, "generated") in _slot(found, "has_partner"), found
    assert ("Arvid", "ended", "generated") not in _slot(found, "has_partner"), found


@WORDINGS_ON_ONE_STORE
def test_a_partner_said_goodbye_to_gives_the_slot_to_the_one_said_hello_to(
    mem: GraphMem,
) -> None:
    found = _say(mem, "My partner Arvid is a nurse.", "Goodbye Arvid, hello Linnea!")
    assert ("Arvid", "ended", "superseded") in _slot(found, "has_partner"), found
    assert ("Linnea", None, "generated") in _slot(found, "has_partner"), found


@WORDINGS_ON_ONE_STORE
def test_a_band_streamed_nonstop_is_the_favourite_beside_the_verb_s_own_fact(
    mem: GraphMem,
) -> None:
    found = _say(mem, "My favourite band is Blur.", "I've been streaming Yard Act nonstop.")
    assert ("Yard Act", "like", "generated") in _slot(found, "favourite_band"), found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate", "old", "new"),
    [
        ("I work at Ocado.", "Moved jobs: from Ocado to Monzo.", "works_at", "Ocado", "Monzo"),
        ("I work at Ocado.", "Switched jobs from Ocado to Monzo.", "works_at", "Ocado", "Monzo"),
        ("I'm vegan.", "Changed diets from vegan to paleo.", "diet", "vegan", "paleo"),
    ],
)
def test_a_chat_s_change_with_its_verb_read_as_an_adjective_moves_the_slot_on(
    mem: GraphMem, first: str, then: str, predicate: str, old: str, new: str
) -> None:
    found = _slot(_say(mem, first, then), predicate)
    assert (old, None, "superseded") in found, found
    assert (new, None, "generated") in found, found
    assert not any(o == "Changed" for o, _, _ in found), found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("then", "slot"),
    [
        (
            "Discovered steak on Thursday and now I can't stop.",
            {("moussaka", "like", "superseded"), ("steak", "like", "generated")},
        ),
        (
            "Got food poisoning from moussaka on holiday, never again.",
            {("moussaka", "like", "superseded"), ("moussaka", "ended", "generated")},
        ),
    ],
)
def test_a_food_one_cannot_stop_eating_or_was_poisoned_by_moves_the_favourite_on(
    mem: GraphMem, then: str, slot: set[tuple[str, str, str]]
) -> None:
    found = _say(mem, "My favourite food is moussaka.", then)
    assert _slot(found, "favourite_food") == slot, found


@WORDINGS_ON_ONE_STORE
def test_who_came_along_after_a_single_spell_is_the_new_partner(mem: GraphMem) -> None:
    found = _say(
        mem,
        "My partner Arvid is a nurse.",
        "After Arvid I thought I'd stay single forever, then Linnea came along.",
    )
    assert ("Linnea", None, "generated") in _slot(found, "has_partner"), found
    assert ("Arvid", None, "superseded") in _slot(found, "has_partner"), found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate", "old"),
    [
        ("My partner Arvid is a nurse.", "Arvid and I didn't work out.", "has_partner", "Arvid"),
        ("My partner Arvid is a nurse.", "We didn't work out in the end.", "has_partner", "Arvid"),
        ("My partner Arvid is a nurse.", "I kicked Arvid out last week.", "has_partner", "Arvid"),
        ("I work at Ocado.", "I was made redundant by Ocado.", "works_at", "Ocado"),
    ],
)
def test_a_couple_that_did_not_work_out_or_a_partner_kicked_out_or_a_layoff_ends(
    mem: GraphMem, first: str, then: str, predicate: str, old: str
) -> None:
    found = _slot(_say(mem, first, then), predicate)
    assert (old, "ended", "generated") in found, found


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then", "predicate", "old"),
    [
        ("I work at Ocado.", "Honestly I don't miss Ocado at all.", "works_at", "Ocado"),
        ("I live in Tromso.", "I still miss Tromso every single day.", "lives_in", "Tromso"),
    ],
)
def test_a_firm_or_a_town_not_missed_or_still_missed_is_left(
    mem: GraphMem, first: str, then: str, predicate: str, old: str
) -> None:
    found = _slot(_say(mem, first, then), predicate)
    assert (old, None, "generated") not in found, found  # ended, or superseded by the new
    assert (old, "ended", "generated") in found or (old, None, "superseded") in found, found


@WORDINGS_ON_ONE_STORE
def test_a_workout_that_did_not_happen_ends_no_partner(mem: GraphMem) -> None:
    found = _say(mem, "My partner Arvid is a nurse.", "We didn't work out at the gym today.")
    assert _slot(found, "has_partner") == {("Arvid", None, "generated")}, found


def test_a_taste_of_an_open_kind_is_the_new_value_of_the_one_favourite_it_can_be(
    mem: GraphMem,
) -> None:
    found = _say(mem, "My favourite band is Slayer.", "I'm all about Elbow now.")
    assert _slot(found, "favourite_band") == {
        ("Slayer", "like", "superseded"),
        ("Elbow", "like", "generated"),
    }


@WORDINGS_ON_ONE_STORE
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("My favourite band is Slayer.", "Honestly I'm all about Lisbon now."),  # a town
        (
            "My favourite band is Slayer. My favourite show is Severance.",
            "I'm all about Elbow now.",
        ),
        ("I live in Leeds.", "I'm all about Elbow now."),  # no favourite held
    ],
)
def test_a_taste_of_an_open_kind_changes_nothing_where_no_one_favourite_fits(
    mem: GraphMem, first: str, then: str
) -> None:
    found = _say(mem, first, then)
    assert not [m for m in found if m.refs == ["t1"] or "t1" in m.refs], found
    assert not [m for m in found if m.status.value == "superseded"], found


@WORDINGS_ON_ONE_STORE
def test_a_taste_of_an_open_kind_is_no_fact_of_another_kind(mem: GraphMem) -> None:
    found = _say(mem, "My favourite band is Slayer.", "I've been obsessed with Foals for weeks.")
    assert not _slot(found, "has_pet"), found  # "Foals" read as a pet's name
    assert ("Foals", "like", "generated") in _slot(found, "favourite_band"), found
