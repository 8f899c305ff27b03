"""The predicate frames on single turns, with the real models (what a turn states depends
on them): facts however they are worded, changes and ends, whose fact it is, and
predicates users add by examples."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest

from graphmem.adding import extract_and_embed, with_frames
from graphmem.config import PredicateRegistry, PredicateSpec
from graphmem.embedding import Embedder
from graphmem.extraction.base import Clue, ExtractedMemory, Extraction, ObjectClue, Utterance
from graphmem.extraction.english import KIN
from graphmem.extraction.frames import FrameMatcher
from graphmem.extraction.mentions import music_made_by
from graphmem.extraction.spacy_extractor import SpacyExtractor
from graphmem.stores.vectors import products
from graphmem.validation import Message
from tests.doubles import HashEmbedder

AT = datetime(2024, 5, 15, 18, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture(scope="module")
def frames(embedder: Embedder) -> FrameMatcher:
    return FrameMatcher(PredicateRegistry(), embedder.embed, embedder)


def read(
    text: str,
    extractor: SpacyExtractor,
    embedder: Embedder,
    matcher: FrameMatcher,
    speaker: str = "Noor",
) -> Extraction:
    """What the write path reads of one turn: rules, frames, topics and values."""
    msgs = [Message(text, AT, speaker)]
    with ThreadPoolExecutor(max_workers=1) as pool:
        found, vectors = extract_and_embed(msgs, extractor, embedder, pool)
    [extraction] = with_frames(matcher, msgs, found, vectors)
    return extraction


def facts(
    text: str,
    extractor: SpacyExtractor,
    embedder: Embedder,
    matcher: FrameMatcher,
    speaker: str = "Noor",
) -> list[ExtractedMemory]:
    extraction = read(text, extractor, embedder, matcher, speaker)
    return [m for m in extraction.memories if m.kind != "event"]


def stated(memories: list[ExtractedMemory]) -> set[tuple[str, str, str | None, bool]]:
    return {(m.subject, m.predicate, m.object, m.ended) for m in memories}


Said = Callable[[str], set[tuple[str, str, str | None, bool]]]


@pytest.fixture(scope="module")
def said(extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher) -> Said:
    """What Noor's turn states: (subject, predicate, object, ended) of each fact."""
    return lambda text: stated(facts(text, extractor, embedder, frames))


ENDS = [
    ("Things with Jonas ended.", "has_partner", "Jonas"),
    ("Being vegan just wasn't for me in the end.", "diet", "vegan"),
    ("I turned in my notice at Tesco.", "works_at", "Tesco"),
    ("We had to put Biscuit down last week.", "has_pet", "Biscuit"),
    ("I've fallen out of love with Muse.", "favourite_band", "Muse"),
    ("I ended things with Ruth.", "has_partner", "Ruth"),
    ("Karin and I broke up.", "has_partner", "Karin"),  # "Karin" read as a modifier
    ("Dumped Jake, finally.", "has_partner", "Jake"),
    ("Unilever let me go in March.", "works_at", "Unilever"),
    ("I'm single, Jonah and I are done.", "has_partner", "Jonah"),
    ("Me and Lucas ended it.", "has_partner", "Lucas"),
    ("I got laid off from Lumen Dental.", "works_at", "Lumen Dental"),  # tagged two names
    ("Captain passed away last week.", "has_pet", "Captain"),  # tagged a common noun
    ("Pad thai has been demoted.", "favourite_food", "Pad thai"),
    ("Zoe and I broke up, so if I'm quiet this week that's why.", "has_partner", "Zoe"),
    ("I gave Ziggy to a friend who keeps ferrets.", "has_pet", "Ziggy"),  # rehomed
    ("The fence is fixed but it hardly matters, Ziggy passed in the spring.", "has_pet", "Ziggy"),
    # the clause after a colon is a sentence of its own, not what was asked
    ("Since a few of you asked: Tobias and I split up.", "has_partner", "Tobias"),
    ("Quit my job at Tesco.", "works_at", "Tesco"),  # "Quit" read as a name and the root
    ("We lost our old cat Tom last month.", "has_pet", "Tom"),  # not the rules' "cat Tom"
    ("Vodafone is behind me, onwards.", "works_at", "Vodafone"),
    ("Escaped Tesco!", "works_at", "Tesco"),  # "Escaped" opens a subjectless sentence
    ("Ines and I are no longer together.", "has_partner", "Ines"),
    ("Lukas is my ex now.", "has_partner", "Lukas"),
    ("Lukas's my ex now.", "has_partner", "Lukas"),  # not Lukas's own ex
    # what the landlord said is "no pets", not the clause before it
    ("We had to rehome Mochi, the landlord said no pets.", "has_pet", "Mochi"),
    # "Quit" read as a name hanging from the clause after it
    ("Quit the keto thing in June, I missed bread.", "diet", "keto"),
    ("I'm done with being pescatarian.", "diet", "pescatarian"),
    ("Last day at Allianz today, then a long holiday.", "works_at", "Allianz"),
    ("Our rabbit Coco has gone to live with my cousin.", "has_pet", "Coco"),
    ("Our cat Mittens ran off in May and never came back.", "has_pet", "Mittens"),  # as the cat
    # a given name, but the sentence is about an animal; "'s" read as a possessive
    ("Oscar's living with my uncle now, he likes being the only dog.", "has_pet", "Oscar"),
    ("Our cat Simba ran away last week.", "has_pet", "Simba"),
    ("Jonas and I separated in the spring.", "has_partner", "Jonas"),  # a modifier
    ("Vegan is over for me, I missed cheese too much.", "diet", "Vegan"),
    ("Squash's done for me, I'm rowing now.", "plays_sport", "Squash"),
    ("Kiwi flew off last week.", "has_pet", "Kiwi"),
    ("Packed in judo, my back hurts.", "plays_sport", "judo"),
    ("The Clio got written off in a crash.", "drives", "Renault Clio"),
    ("I'm no longer dairy-free, I eat everything again.", "diet", "dairy-free"),
    ("alfie and i broke up. i'm fine", "has_partner", "Alfie"),
    ("Nathan and I called it quits last month.", "has_partner", "Nathan"),
    ("Zara and I parted ways.", "has_partner", "Zara"),  # "ways" is no object she acts on
    ("Lasagne is the best. Sushi is only second place now.", "favourite_food", "Sushi"),
    ("I gave up running after the injury.", "plays_sport", "running"),  # "running" a clause
    ("Adele on repeat now. Metallica is retired.", "favourite_band", "Metallica"),
    ("I dropped keto in March, I missed bread.", "diet", "keto"),
    ("I dropped tennis for padel.", "plays_sport", "tennis"),
    ("i quit tesco!!! no plan, just vibes", "works_at", "Tesco"),  # a firm in lower case
    ("rip nibbles 🐹 best hamster ever", "has_pet", "Nibbles"),  # "rip" in lower case
    # a writer who does not capitalise, though "Lucía" has a capital
    ("priya and i called it quits 💔 but omg Lucía is something else", "has_partner", "Priya"),
    ("My knee ended my tennis days, so I swim instead.", "plays_sport", "tennis"),
    ("Mia ended things on Friday.", "has_partner", "Mia"),  # whoever ended it
    ("Keto's done. Pasta and I are friends again.", "diet", "Keto"),  # "'s" read as "of"
    ("Oh, and I stopped keto, I missed bread.", "diet", "keto"),  # "keto" tagged a verb
    ("Nico and I fizzled out after Christmas, no drama.", "has_partner", "Nico"),
    # the parser would end a sentence at the name
    ("Yep. Since about April. Nico and I fizzled out, no drama.", "has_partner", "Nico"),
    # a pet gone to live elsewhere, however the parser reads it
    ("And um, Mango's living with my mum now because he hated the puppy.", "has_pet", "Mango"),
    ("Pixel went to my sister's months ago.", "has_pet", "Pixel"),
    ("Pixel went back to my dad's because he has the garden.", "has_pet", "Pixel"),
    ("Rufus ran off in the woods in June.", "has_pet", "Rufus"),
    # a given name gone back to someone who owned it: no one owns a person
    ("Thelma went back to my uncle, who owned her first.", "has_pet", "Thelma"),
    # the clause after a dash is a sentence of its own, not what was told
    ("I should've told you sooner — Tom and I separated in the spring.", "has_partner", "Tom"),
    ("The vegan thing lasted till Easter, I eat everything again.", "diet", "vegan"),
]

#: the relations a named relative has to the speaker ("my sister Anna": has_sister)
RELATIONS = frozenset(KIN.values())


@pytest.mark.parametrize(
    ("text", "predicate", "value", "ended"),
    [(*case, True) for case in ENDS]
    + [
        (*case, False)
        for case in [
            ("Got the keys to our new flat in Leuven on Saturday!", "lives_in", "Leuven"),
            ("Week one at Heineken done, my brain is full.", "works_at", "Heineken"),
            ("They promoted me to lead data engineer.", "works_as", "lead data engineer"),
            ("Meet Pixel, the tabby kitten we rescued.", "has_pet", "Pixel"),
            ("Fish is the only meat I still eat, so pescatarian I guess.", "diet", "pescatarian"),
            ("Collected my secondhand Skoda Fabia from the garage.", "drives", "Skoda Fabia"),
            # closer to "grew up in", which needs words of growing up the sentence lacks
            ("Settled in Galway now, love the sea air.", "lives_in", "Galway"),
            # amazement, not reported speech
            ("Can't believe I've been in Bristol for two months already.", "lives_in", "Bristol"),
            # a move says where home is, however much the rest sounds like small talk
            ("Moved south to Barcelona, no more snow!", "lives_in", "Barcelona"),
            ("I have a girlfriend now, her name's Priya.", "has_partner", "Priya"),
            ("My dog Rex is getting old.", "has_pet", "Rex"),
            ("Curry has replaced lasagne as my favourite food.", "favourite_food", "Curry"),
            ("I'm seeing someone new, his name is Karl.", "has_partner", "Karl"),
            ("Matteo and I are together now.", "has_partner", "Matteo"),  # tagged a noun
            # a doubt in a clause that comments or asks within the sentence is its own
            (
                "I've been in Bristol for three years and never bothered, which is probably bad.",
                "lives_in",
                "Bristol",
            ),
            (
                "I've been vegetarian since uni, and my dad still asks if I want some chicken.",
                "diet",
                "vegetarian",
            ),
            # "even if" concedes, it supposes nothing
            (
                "Radiohead are my favourite, even if my sister hates them.",
                "favourite_band",
                "Radiohead",
            ),
            # someone else's "probably" is theirs
            ("My Fiat 500 made a noise, Gary said it's probably rust.", "drives", "Fiat 500"),
            # what someone is glad to hear is so
            ("Dad will be thrilled to hear I've been vegan since February.", "diet", "vegan"),
            ("My fiancé Rahul wants a big wedding.", "engaged_to", "Rahul"),  # "fiancé" a modifier
            # "it" is what the question before named
            ("Is it OK to eat sushi often? It's my favourite food.", "favourite_food", "sushi"),
            ("Which Beyoncé album? She's my favourite musician.", "favourite_band", "Beyoncé"),
            # "my" car, asked about or supposed
            ("Where can I get cheap insurance for my Peugeot 208?", "drives", "Peugeot 208"),
            # chat's "<job> life": the speaker's job
            ("School teacher life, chaos but I love it.", "works_as", "school teacher"),
            ("Dental nurse problems, had to stay late again.", "works_as", "dental nurse"),
            # "any day" is as emphatic as "every day"
            ("I'd eat a burrito any day of the week.", "favourite_food", "burrito"),
            ("My Chevy Malibu may be old but she's reliable.", "drives", "Chevy Malibu"),
            # what someone does is an activity: a sport or a diet, whatever else is said
            (
                "I've been doing CrossFit at a box near work for a year and my friend Theo jokes "
                "that I'll never shut up about it.",
                "plays_sport",
                "CrossFit",
            ),
            ("I've been doing Whole30 this month.", "diet", "Whole30"),
            ("What can I order at a steakhouse as a vegetarian?", "diet", "vegetarian"),
            # the firm of "my" workmates, asked about or wanted
            ("How do I ask my boss at Fernhill for a day off?", "works_at", "Fernhill"),
            ("My manager at Harlow wants a slide deck by Monday.", "works_at", "Harlow"),
            # "it's going really well" is no "going to"
            ("Been on a few dates with Yara, it's going really well.", "has_partner", "Yara"),
            ("I've been going out with Lotte for a month.", "has_partner", "Lotte"),
            ("I'm with Nadia now.", "has_partner", "Nadia"),
            # taking up an activity that is a sport
            ("Picked up squash over the winter.", "plays_sport", "squash"),
            ("These days I'm totally into rowing.", "plays_sport", "rowing"),
            ("My first month at Atlassian flew by.", "works_at", "Atlassian"),  # tagged NORP
            ("I started surfing in the spring.", "plays_sport", "surfing"),
            # the verb shows where home is, though the sentence reads like work
            ("Living in Toledo has its perks.", "lives_in", "Toledo"),
            ("Moving to Breda went smoothly.", "lives_in", "Breda"),  # tagged a person
            ("I moved from Cadiz to Malaga.", "lives_in", "Malaga"),  # tagged one name
            ("Happy to say I'm at Roche now.", "works_at", "Roche"),  # said, and meant
            ("Got rid of the Fiat, now I have a Kia.", "drives", "Kia"),
            ("Going vegan was the best decision.", "diet", "vegan"),  # no past state
            ("Can't get enough of Tame Impala lately.", "favourite_band", "Tame Impala"),
            ("Tom, my boyfriend, is great.", "has_partner", "Tom"),  # no child: "boy..."
            ("Meet Nugget, she's our new hamster.", "has_pet", "Nugget"),  # no command
            # the verb says which place is home now
            ("Packed up the flat in Leeds, Dundee is home now.", "lives_in", "Dundee"),
            ("They moved me up to staff engineer last week.", "works_as", "staff engineer"),
            # "team" parsed as the subject of "lead"
            ("I got promoted to team lead on Sunday.", "works_as", "team lead"),
            # a modest way of saying it still says it
            ("I'd say I'm mostly vegan these days.", "diet", "vegan"),
            ("I would describe myself as a pescatarian.", "diet", "pescatarian"),
            # a verb before a title is none of its words; a participle is
            ("I finally became head chef in March.", "works_as", "head chef"),
            ("My badge says senior pharmacist now.", "works_as", "senior pharmacist"),
            ("Promoted! My badge says managing editor.", "works_as", "managing editor"),
            ("My title changed to lead designer.", "works_as", "lead designer"),
            # the speaker's own question says what the answer is
            ("Favourite band right now? Easily Haim.", "favourite_band", "Haim"),
            # the parser may take the answer for a part of the question
            ("My comfort food these days? pizza.", "favourite_food", "pizza"),
            # a one-off with a remark that it is the favourite
            (
                "Made a big pot of chilli this weekend, still my favourite.",
                "favourite_food",
                "chilli",
            ),
            ("Sorry Berlin, Hamburg has my heart now.", "lives_in", "Hamburg"),
            ("Big news, I'm dating someone, his name's Milo.", "has_partner", "Milo"),
            ("We adopted a cat, her name is Pepper.", "has_pet", "Pepper"),
            # a perfect that still holds
            ("My favourite band has always been Elbow.", "favourite_band", "Elbow"),
            ("Honestly I've always been vegetarian.", "diet", "vegetarian"),
            # the speaker's own hedge is no report
            ("I reckon Keane is my favourite band now.", "favourite_band", "Keane"),
            ("Pasta will always be number one for me.", "favourite_food", "Pasta"),
            # the place or firm someone belongs to
            ("Zwolle is where I live now.", "lives_in", "Zwolle"),
            ("We're Leiden residents now.", "lives_in", "Leiden"),
            ("Second month as a Philips employee.", "works_at", "Philips"),
            ("Date night with Tom tonight ❤️", "has_partner", "Tom"),  # no emoji in it
            ("My new gf is Priya.", "has_partner", "Priya"),  # chat words for partners
            ("Started as a junior dev at Valve.", "works_as", "junior dev"),
            # "weekends" says when, the job is what follows "as"
            ("I work weekends as a lifeguard.", "works_as", "lifeguard"),
            ("The Oslo years are behind us, hello Bergen.", "lives_in", "Bergen"),  # greeted
            # where someone works or has a job, whatever the name sounds like
            ("Now working for Jumbo.", "works_at", "Jumbo"),
            ("Landed an internship at Pixar!", "works_at", "Pixar"),
            ("Joined Grundfos in the spring.", "works_at", "Grundfos"),
            # the manager is at the speaker's work, whatever the manager wants
            ("My manager at Ericsson wants everything by noon.", "works_at", "Ericsson"),
            # a favourite beside its name
            ("Got tickets for Elbow, my favourite band!", "favourite_band", "Elbow"),
            ("Home is Tallinn these days.", "lives_in", "Tallinn"),
            # a farewell said is no report of the clause after it
            ("Said farewell to Turin, Genoa is home now.", "lives_in", "Genoa"),
            # "Swapped" tagged an adjective: what it was swapped for is new
            ("Swapped my Clio for a Kia Picanto.", "drives", "Kia Picanto"),
            # a chat's subjectless clause after a comma is not the pet's before it
            ("Hamster went to my cousin, adopted a kitten instead.", "has_pet", "kitten"),
            # a make and its model, tagged a person's name, "has" nothing
            ("My Seat Leon has a flat tyre.", "drives", "Seat Leon"),
            # what "it" after a comma is said to be is the one dish named before it
            (
                "Had gyoza at a tiny place near the station, it's my favourite food.",
                "favourite_food",
                "gyoza",
            ),
            (
                "Finally saw Wet Leg live on Friday and they're my number one now.",
                "favourite_band",
                "Wet Leg",
            ),
            # a name before "my cat", read as no part of the subject, is the cat's
            ("Pepper my cat has claimed the window seat.", "has_pet", "Pepper"),
            # a pet or a dish of more words than its head
            ("We adopted a guinea pig last week.", "has_pet", "guinea pig"),
            (
                "My favourite dinner is chicken tikka masala.",
                "favourite_food",
                "chicken tikka masala",
            ),
            # a chat's opening clause with a modal and no subject is the speaker's
            ("Can't stop playing Lorde, she's my favourite.", "favourite_band", "Lorde"),
            # "<name> and I" together are a couple, whatever else the sentence says
            (
                "Abi and I have been together since school and she still orders coffee for "
                "both of us.",
                "has_partner",
                "Abi",
            ),
            # my car model, named with its make; a model of two words
            ("Collected the keys to my new Octavia.", "drives", "Skoda Octavia"),
            ("My 5 Series needs new tyres already.", "drives", "BMW 5 Series"),
            ("My induction at Maersk starts on Monday.", "works_at", "Maersk"),
            # "Onboarding" tagged a verb still names the workplace
            ("Onboarding at Halfords is tough, so many rules.", "works_at", "Halfords"),
            # a capital inside the sentence, tagged a common noun
            ("Used to be all Blur, now it's all Oasis.", "favourite_band", "Oasis"),
            # a perfect "had" that lasts is no one-off
            ("I've had Sleaford Mods on repeat for months.", "favourite_band", "Sleaford Mods"),
            # verbless: the noun shows the type
            ("New job at Zalando! Can't believe it.", "works_at", "Zalando"),
            ("First week at Bosch done, the people are lovely.", "works_at", "Bosch"),
            # "Been" opens a subjectless chat sentence: the speaker's, not "they"'s
            (
                "Been playing Wet Leg on repeat, they're my favourite now.",
                "favourite_band",
                "Wet Leg",
            ),
            # a meal or a dish is a food: one slot
            ("Mum's lasagne is my favourite meal.", "favourite_food", "Mum's lasagne"),
            # a motion to a place is no past state of driving
            ("We packed the car and drove to Lausanne, new home!", "lives_in", "Lausanne"),
            # a bare favourite that a lexicon names, or "it" names
            ("Sushi is nice, but pho is my favourite now.", "favourite_food", "pho"),
            ("I'm hooked on gyoza, it's my favourite now.", "favourite_food", "gyoza"),
            # a name the tagger took for a noun, said as lasting
            ("Queen will always be my favourite band.", "favourite_band", "Queen"),
            ("I left the shop and I'm a flight attendant now.", "works_as", "flight attendant"),
            # a separation ends the one before the one the speaker is with now
            ("Jonas and I separated; I've been with Mia since May.", "has_partner", "Mia"),
            ("Our Siemens team is flying to Oslo for the launch.", "works_at", "Siemens"),
            # the speaker's car as a subject, not a person acting
            ("My Nissan Leaf only gets 200 km on a charge.", "drives", "Nissan Leaf"),
            # a diet named before the word "diet"
            ("No dessert for me, I'm on a low-sugar diet.", "diet", "low-sugar"),
            ("I'm doing the DASH diet for my blood pressure.", "diet", "DASH"),
            # a fronted "as" says what the speaker is, though the rest is a modal
            ("As a barista I can make a mean flat white.", "works_as", "barista"),
            # a make and its model, however the tagger cut them
            ("I drive a Honda Jazz these days.", "drives", "Honda Jazz"),
            ("I drive a Tesla Model 3.", "drives", "Tesla Model 3"),
            ("I'm a part-time librarian.", "works_as", "librarian"),
            (
                "Can't stand pizza these days. Favourite is falafel now.",
                "favourite_food",
                "falafel",
            ),
            # emphatic, not a wish
            ("I could eat gyoza every single day.", "favourite_food", "gyoza"),
            # the favourite "they" are is the last food named before
            ("Bagels for breakfast again, they're my favourite.", "favourite_food", "bagels"),
            # the pet named in the sentence after it
            ("Got a kitten yesterday. Her name is Miso.", "has_pet", "Miso"),
            ("We adopted a puppy. He's called Rex.", "has_pet", "Rex"),
            # a dish named with its kind
            ("I'm crazy about chicken katsu lately.", "favourite_food", "chicken katsu"),
            # a question tacked on after a comma asks nothing of the statement before it
            (
                "I quit netball, so I've taken up swimming, which goggles don't fog?",
                "plays_sport",
                "swimming",
            ),
            (
                "Now that I'm doing keto, tapas nights are hard, which dishes are safe?",
                "diet",
                "keto",
            ),
            # "Not the Mini anymore" ends its own phrase, not what follows the dash
            (
                "Not the Mini anymore - a Kia Sportage, the dog didn't fit.",
                "drives",
                "Kia Sportage",
            ),
            (
                "Not Coldplay anymore - Arctic Monkeys are my favourite band now.",
                "favourite_band",
                "Arctic Monkeys",
            ),
            ("I'm seeing Noah now.", "has_partner", "Noah"),
            # the hyphen of "second-hand" is no break before the question
            (
                "I gave up judo and took up fencing, where do people buy a second-hand mask?",
                "plays_sport",
                "fencing",
            ),
            ("I was appointed as head of sales.", "works_as", "head of sales"),
            # a kind of pet before its name, tagged an adjective
            ("My budgie Kiwi has learned to imitate the microwave.", "has_pet", "Kiwi"),
            ("I've been macrobiotic for a year now.", "diet", "macrobiotic"),
            # a statement before a comma, hung by the parser on a modal clause after it
            ("My weakness is sushi, I could eat it every day.", "favourite_food", "sushi"),
            ("I could live on pierogi, my grandma's especially.", "favourite_food", "pierogi"),
            # a statement marked "??" in disbelief is still the speaker's statement
            ("sooo i live in lisbon now?? still can't believe it", "lives_in", "Lisbon"),
            # a short question after the statement asks nothing of it
            (
                "The Killers are my favourite band, so I'm going to Vegas, itinerary ideas?",
                "favourite_band",
                "The Killers",
            ),
            # a relation named inside a question is the speaker's all the same
            ("Can you help me plan a surprise for my fiancé Tobias?", "engaged_to", "Tobias"),
            ("Took Biscuit, our dachshund, out before the storm.", "has_pet", "Biscuit"),
            # a date in a joined clause with a subject of its own dates that clause only
            ("I live in Ghent and my parents are coming over next month.", "lives_in", "Ghent"),
            # a home named by its town is no kind of place like "a dim sum place"
            ("Got the keys to the Lyon place today, unpacking all weekend.", "lives_in", "Lyon"),
            # a partner named before a possessive, the kin noun read apart from the name
            ("My boyfriend Tom's mum is visiting.", "has_partner", "Tom"),
            # a name tagged a common noun, said to be the speaker's band
            ("Radiohead is my band, no contest.", "favourite_band", "Radiohead"),
            # a dish named by its filling and its kind, the filling capitalised
            ("Falafel wraps, honestly, are my favourite lunch.", "favourite_food", "Falafel wraps"),
            # a doubt in a joined clause of its own doubts that clause only
            ("I'm gluten-free, so I'll probably just have the risotto.", "diet", "gluten-free"),
            # a name's first word tagged an adjective
            (
                "My employer, Pinecrest Media, offers decent pensions.",
                "works_at",
                "Pinecrest Media",
            ),
            # a bare capitalised subject in a sentence about an animal is its name
            ("Rocket came home with us on Friday, a tiny rescue kitten.", "has_pet", "Rocket"),
            ("Socks came home with us yesterday, a lovely old greyhound.", "has_pet", "Socks"),
            # what someone talked or persuaded the speaker into is the speaker's
            ("My brother talked me into the carnivore diet.", "diet", "carnivore"),
            ("My sister convinced me to go vegan.", "diet", "vegan"),
            # an opening verb the parser took for the subject's name
            ("Got admitted as a solicitor last Tuesday.", "works_as", "solicitor"),
            # "maybe" on how often, not on whether; thinking of something else
            ("I'm a flexitarian, meat maybe twice a week.", "diet", "flexitarian"),
            # where the speaker's neighbours and landlord are is where the speaker lives
            ("My neighbour in Austin keeps parking across my drive.", "lives_in", "Austin"),
            ("Our new landlord in Porto brought us oranges.", "lives_in", "Porto"),
            ("I dropped tennis for padel.", "plays_sport", "padel"),
            ("Dropped my Corsa off at the garage.", "drives", "Vauxhall Corsa"),
            (
                "Radiohead are my favourite, so I'm thinking of a tattoo.",
                "favourite_band",
                "Radiohead",
            ),
            # chat in lower case: names, towns and firms are read with capitals
            ("first day at deliveroo tmrw, so nervous ngl", "works_at", "Deliveroo"),
            # a firm named by a word, after "my manager at"
            ("my manager at amazon wants it all by friday lol", "works_at", "Amazon"),
            # a spell of work that is done, and tired feet, end no job
            ("Another double shift at Lidl, my feet are done.", "works_at", "Lidl"),
            (
                "Work at Klarna is mad busy this week, no lunch break again lol",
                "works_at",
                "Klarna",
            ),
            # "Being a <job>" in a sentence about the speaker
            (
                "Being a dental hygienist means I stare at teeth all day, sorry not sorry.",
                "works_as",
                "dental hygienist",
            ),
            # the firm of a workmate or a department of the speaker's; a colleague who
            # leaves leaves the speaker where they are
            ("My department at Lufthansa is moving floors.", "works_at", "Lufthansa"),
            ("My colleague at Arup is leaving, we're all gutted.", "works_at", "Arup"),
            # "that's what I drive" points back at the car the question named
            (
                "Are winter tyres worth it on a Mazda CX-5? That's what I drive.",
                "drives",
                "Mazda CX-5",
            ),
            # a diet opening the sentence with a capital, tagged a person, is no one
            ("Keto is going well, down two sizes.", "diet", "Keto"),
            # a dish opening the sentence with a capital is no one doing the next clause
            ("Pasta is back, switched to a flexitarian diet in May.", "diet", "flexitarian"),
            # "'s gone" read as a possessive: the car gone owns nothing
            ("Corsa's gone, Kia Picanto on the drive now!", "drives", "Kia Picanto"),
            ("me and priya are official 🥰", "has_partner", "Priya"),
            # a town that feels like home, after a gerund the tagger made part of a name
            (
                "Leaving Bristol was hard but Edinburgh already feels like home.",
                "lives_in",
                "Edinburgh",
            ),
            # a "from" that says nothing of where the speaker comes from
            ("Greetings from my new flat in Glasgow!", "lives_in", "Glasgow"),
            # where the speaker moved in with relatives is the speaker's home too
            ("I moved back in with my parents in Trondheim.", "lives_in", "Trondheim"),
            # a name the tagger ran into the date after it
            ("Started at Lidl last week.", "works_at", "Lidl"),
            # a relative and a name parsed as two subjects
            ("My partner Sven is away for work.", "has_partner", "Sven"),
            # a subjectless opening clause before another's subject is the speaker's
            (
                "Started boxing lessons, my coach says I've got a decent jab.",
                "plays_sport",
                "boxing",
            ),
            # "it" points back past a grandmother's possessive to the dish
            (
                "Nothing beats my nan's lasagne, it's my favourite food.",
                "favourite_food",
                "lasagne",
            ),
            # a stay "with" a firm up to now is work there
            (
                "I've been with Quillfeather Games for about three years now.",
                "works_at",
                "Quillfeather Games",
            ),
            # a capitalised word right after "my" and a kin noun is a name, however tagged
            ("My girlfriend Will finally cleaned the oven.", "has_partner", "Will"),
            # "<name> the <pet>" doing something, no one else's, is the speaker's pet
            ("Pesto the cat knocked my mug over again.", "has_pet", "Pesto"),
            # also when the tagger makes the name an adjective of the animal
            ("Marble the cat learnt to open doors.", "has_pet", "Marble"),
            # chat's "fave" is a favourite
            ("Had gnocchi again, it's my fave thing to eat now.", "favourite_food", "gnocchi"),
            # a teasing "guess who's" after a chat aside
            ("lol guess who's a paramedic now", "works_as", "paramedic"),
            # a name who proposed, to no one else, proposed to the speaker
            ("Idris proposed at the lighthouse!", "has_partner", "Idris"),
            # the speaker's someone said to be an animal is the speaker's pet
            ("My new buddy is a ferret called Pip.", "has_pet", "Pip"),
            # also when its verb, past, reads like a command
            ("Put down roots in Kochi at last, my aunt wants to visit.", "lives_in", "Kochi"),
            # a place named with "where I live" after it
            (
                "It's a long haul from Perth, where I've been living since May, so I need books.",
                "lives_in",
                "Perth",
            ),
            ("My knee ended my tennis days, so I swim instead.", "plays_sport", "swimming"),
            (
                "Leeds is in the rear-view mirror; Bristol life is treating me well.",
                "lives_in",
                "Bristol",
            ),
            # whose record it is names the artist, and a record that never leaves is loved
            (
                "Kendrick Lamar's new record hasn't left my headphones.",
                "favourite_band",
                "Kendrick Lamar",
            ),
            ("My first day at Unilever went really well.", "works_at", "Unilever"),
            ("Pizza's been knocked off the top spot by sushi.", "favourite_food", "sushi"),
            # a linking "feels" reports nothing of the clause before it
            ("These days it's all about padel, tennis feels slow now.", "plays_sport", "padel"),
            # a taste won over is no one-off
            ("Used to be a massive Oasis fan but Blur won me over.", "favourite_band", "Blur"),
            # a capital after a semicolon or a dash is a name, not a new sentence's
            ("Not really into Muse anymore; Idles are more my speed.", "favourite_band", "Idles"),
            ("Muse is out - Idles are in.", "favourite_band", "Idles"),
            # a town the tagger ran into the span of time after it
            ("We've been in Cardiff six months now and I love it.", "lives_in", "Cardiff"),
            # whom one moves in with is a partner, no town
            ("Moving in with Luca next month, Tom is long gone.", "has_partner", "Luca"),
            # a favourite told as what the speaker would have forever, or nothing beats
            ("I'd eat tacos every day if I could.", "favourite_food", "tacos"),
            ("Can't beat a proper Sunday roast.", "favourite_food", "Sunday roast"),
            # an "if" of the saying, not of what is said
            ("If you're asking my favourite, it's pierogi.", "favourite_food", "pierogi"),
            ("Ten years at Lufthansa this spring.", "works_at", "Lufthansa"),  # a stint counted
            # a firm moved to is work, not home; a name ending in a firm's word is a firm
            ("I moved to Siemens in May.", "works_at", "Siemens"),
            ("Started at Northwind Freight last week.", "works_at", "Northwind Freight"),
            ("I'm at Arup since May.", "works_at", "Arup"),  # a learner's "I'm ... since"
            ("I've been an omnivore since March.", "diet", "omnivore"),  # no diet, a diet
            # a verb of no frame relates a firm or a car; the name says which fact
            ("I've been pulling double shifts at Siemens.", "works_at", "Siemens"),
            ("I'm still rocking a 2009 Peugeot 206.", "drives", "Peugeot 206"),
            # a span of time the tagger ran into the name
            ("Moved to Phoenix 2 weeks ago.", "lives_in", "Phoenix"),
            ("I've been a clinical educator since June.", "works_as", "clinical educator"),
            # a name tagged a verb before "my dog"
            ("Rex my dog barks at every bin lorry.", "has_pet", "Rex"),
            # "'s" read as a possessive: the car is no one's but the speaker's
            ("My car's a Toyota Aygo, tiny but mine.", "drives", "Toyota Aygo"),
            # a report at the end of the sentence reports only the clause before it
            (
                "Got the keys last week, so I'm living in Bristol now, the commute will be"
                " shorter I hope.",
                "lives_in",
                "Bristol",
            ),
            # a car driven, however little the sentence sounds like one
            ("I own a Land Rover Defender.", "drives", "Land Rover Defender"),
            # a verbless title with the time it began
            ("Deputy head since the autumn.", "works_as", "deputy head"),
        ]
    ],
)
def test_a_fact_or_its_end_is_found_however_it_is_worded(
    text: str,
    predicate: str,
    value: str,
    ended: bool,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", predicate, value, ended) in found, found


def test_a_change_names_the_new_value_and_closes_the_old_one_through_it(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = facts("Left Danone for a job at Heineken.", extractor, embedder, frames)
    works = [m for m in found if m.predicate == "works_at"]
    # single-valued: the new value is the change; writing it supersedes the old one
    assert [(m.object, m.ended) for m in works] == [("Heineken", False)]


def test_a_fact_can_end_without_a_new_value(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("I don't live in Aarhus anymore.", extractor, embedder, frames))
    assert ("Noor", "lives_in", "Aarhus", True) in found
    apart = stated(facts("We're not together anymore.", extractor, embedder, frames))
    assert ("Noor", "has_partner", None, True) in apart
    for text in ["I'm not with Malik anymore.", "I'm no longer with Malik."]:
        found = stated(facts(text, extractor, embedder, frames))
        assert ("Noor", "has_partner", "Malik", True) in found, (text, found)
    # a verb tagged a name is no partner; "ex " is a word, not the end of "Rex "
    split = stated(facts("Split with Malik, we're separated now.", extractor, embedder, frames))
    assert ("Noor", "has_partner", "Malik", True) in split, split
    assert not [f for f in split if f[2] == "Split"], split
    gone = stated(facts("Rex is not with us anymore.", extractor, embedder, frames))
    assert not [f for f in gone if f[1] == "has_partner"], gone
    going = stated(facts("We're not over yet, we're fine.", extractor, embedder, frames))
    assert not [f for f in going if f[3]], going
    papers = stated(facts("The divorce papers were signed.", extractor, embedder, frames))
    assert ("Noor", "married_to", None, True) in papers
    for text, predicate in [
        ("No favourite band right now honestly.", "favourite_band"),
        ("I don't have a favourite food any more.", "favourite_food"),
        ("I hung up my boots last year.", "plays_sport"),
        ("I handed in my notice on Friday.", "works_at"),
    ]:
        assert ("Noor", predicate, None, True) in stated(
            facts(text, extractor, embedder, frames)
        ), text
    # someone else's none, and who someone seen was, end nothing
    for text in [
        "Ana has no favourite band.",
        "Sorry, that was my girlfriend on the call.",
        "My sister handed in her notice.",
    ]:
        assert not [f for f in stated(facts(text, extractor, embedder, frames)) if f[3]], text
    # the van ends, and the city is a modifier: no home ends
    bus = stated(facts("Sold the van, city bus gang now.", extractor, embedder, frames))
    assert ("Noor", "drives", None, True) in bus
    assert not [f for f in bus if f[1] == "lives_in"], bus
    meat = stated(facts("I've started eating beef again.", extractor, embedder, frames))
    assert ("Noor", "diet", None, True) in meat  # the diet that kept beef out
    sold = facts("Sold the car last week, I cycle everywhere now.", extractor, embedder, frames)
    assert [(m.predicate, m.object, m.ended) for m in sold if m.predicate == "drives"] == [
        ("drives", None, True)
    ]  # "the car": the one held, whichever it is


@pytest.mark.parametrize(
    ("text", "predicate", "ended", "new"),
    [
        (
            "We found a new home for Biscuit and took in Mango, a parrot.",
            "has_pet",
            "Biscuit",
            "Mango",
        ),
        (
            "Quit fencing last spring, it's only bouldering for me now.",
            "plays_sport",
            "fencing",
            None,
        ),
        # the tagger ran the two names into one across the comma
        ("Got a gecko called Ziggy, Nibbles sadly died in May.", "has_pet", "Nibbles", "Ziggy"),
        # the sentence is mostly about a favourite (no ending), but a sport played ended
        ("Gave up hockey, rowing is my thing now.", "plays_sport", "hockey", None),
        # subjectless: the parser takes the particle of "handed in" for a preposition
        ("Handed in my notice at Unilever on Friday.", "works_at", "Unilever", None),
        ("We had to put Rex to sleep.", "has_pet", "Rex", None),
        ("Clover is gone, we got a puppy, Bruno.", "has_pet", "Clover", "Bruno"),
        ("We gave Kiwi to my aunt, and got a tortoise, Shelly.", "has_pet", "Kiwi", "Shelly"),
        ("Swapped padel for bouldering, my forearms hate me.", "plays_sport", "padel", None),
        ("RIP Nibbles, we got a kitten called Pip.", "has_pet", "Nibbles", "Pip"),
        ("I stopped judo in May.", "plays_sport", "judo", None),
        # "Stopped" tagged an adjective, "Done" a subjectless verb
        ("Stopped basketball, playing badminton now.", "plays_sport", "basketball", "badminton"),
        # "'s" read as a possessive of "gone"
        ("Mochi's gone. We've got a kitten named Pip now.", "has_pet", "Mochi", "Pip"),
    ],
)
def test_a_multi_valued_fact_ends_beside_a_new_one(
    text: str,
    predicate: str,
    ended: str,
    new: str | None,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    # a second pet or sport does not end the first; the words that end one do
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", predicate, ended, True) in found, found
    if new is not None:
        assert ("Noor", predicate, new, False) in found, found


@pytest.mark.parametrize(
    ("text", "predicate", "value"),
    [
        ("I ended up in Rotterdam after all.", "lives_in", "Rotterdam"),  # no end
        ("Moved to Lyon, no more commuting!", "lives_in", "Lyon"),  # "no more" is the commute's
        # what was finished is the course, not the job
        ("I'm a paramedic now, finished the course in May.", "works_as", "paramedic"),
        ("The move to Aachen is finally done.", "lives_in", "Aachen"),  # the move is done
        # a move, however it went, says where home is now
        ("The relocation to Ulm was a nightmare.", "lives_in", "Ulm"),
        # a pet that escapes is not lost; a job escaped is
        ("Our hamster Biscuit escaped again, typical.", "has_pet", "Biscuit"),
        # a team that loses a match is still the speaker's
        ("Watched Arsenal lose again, they're my team.", "supports_team", "Arsenal"),
        # a "not" in the clause after the comma is that clause's
        (
            "Me and Jonas have been together ten years, he still can't fold a towel.",
            "has_partner",
            "Jonas",
        ),
        # what someone was promoted to is reached, not left behind by the ", now" after it
        (
            "Got promoted to senior editor, now I'm the one signing off pages.",
            "works_as",
            "senior editor",
        ),
        # and a "not" in the clause before "but" is that clause's
        (
            "I never thought I'd say it, but Pablo and I have been together a year.",
            "has_partner",
            "Pablo",
        ),
    ],
)
def test_words_near_an_end_do_not_end_the_value(
    text: str,
    predicate: str,
    value: str,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", predicate, value, False) in found, found
    assert ("Noor", predicate, value, True) not in found, found


def test_a_party_named_before_and_i_is_a_name(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Boots and I have parted ways; I'm at Superdrug now."  # "Boots" tagged a noun
    extraction = read(text, extractor, embedder, frames)
    assert [c.old for c in extraction.changes] == ["Boots"], extraction.changes


def test_a_value_dethroned_is_the_old_one(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(
        facts("Pizza has been dethroned, ramen is my favourite now.", extractor, embedder, frames)
    )
    held = {v for _, p, v, ended in found if p == "favourite_food" and not ended}
    assert held == {"ramen"}, found
    found = stated(facts("Queen lost the top spot to ABBA.", extractor, embedder, frames))
    assert not [f for f in found if f[2] == "ABBA" and f[3]], found  # ABBA took it


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("Sorry sushi, bibimbap has stolen my heart.", "bibimbap"),  # set beside "sushi"
        ("Sorry lasagne, ramen bowls have stolen my heart.", "ramen"),  # part of the subject
    ],
)
def test_what_steals_a_heart_from_a_value_said_goodbye_to_is_the_new_one(
    text: str,
    new: str,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    held = {v for _, p, v, ended in found if p == "favourite_food" and not ended}
    assert held == {new}, found
    assert ("Noor", "favourite_food", new, True) not in found, found


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Still can't get used to the hills in Lisbon and I've lived here six years.", "Lisbon"),
        ("Any good bakeries in Munich? I've lived here two years and I'm still looking.", "Munich"),
        ("Tom moved to Oslo last year. He loves living here.", None),
        ("Visiting Rome this week. I could never live here.", None),
    ],
)
def test_here_is_the_town_named_before_it(
    text: str,
    home: str | None,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    homes = {v for s, p, v, ended in found if s == "Noor" and p == "lives_in" and not ended}
    assert homes == ({home} if home else set()), found


def test_she_points_back_at_no_dish(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "We went to a tapas bar with Lena, she's my favourite."
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[2] == "tapas"], found


def test_someone_elses_fact_is_theirs(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("My sister Clara just moved to Lyon.", extractor, embedder, frames))
    assert ("Clara", "lives_in", "Lyon", False) in found
    assert not any(s == "Noor" and p == "lives_in" for s, p, _, _ in found)
    found = stated(facts("My brother at Siemens earns a lot.", extractor, embedder, frames))
    assert ("Noor's brother", "works_at", "Siemens", False) in found, found
    assert not any(s == "Noor" and p == "works_at" for s, p, _, _ in found)
    # the subject hung on "got", or "engaged" read as an adjective
    for text in ["My cousin got engaged to Marco.", "My cousin just got engaged to Marco."]:
        found = stated(facts(text, extractor, embedder, frames))
        partner = {("Noor's cousin", p, "Marco", False) for p in ("has_partner", "engaged_to")}
        assert partner & found, (text, found)
        assert not [f for f in found if f[0] == "Noor"], (text, found)
    found = stated(facts("My gran Rosa lives in Bari.", extractor, embedder, frames))
    assert ("Rosa", "lives_in", "Bari", False) in found, found
    assert not [f for f in found if f[0] == "Noor" and f[1] == "lives_in"], found
    found = stated(facts("My aunt in Porto has a dog.", extractor, embedder, frames))
    assert not [f for f in found if f[2] == "Porto" and f[1] != "lives_in"], found
    # "qualified" read as an adjective; a pet named after a relative's possessive
    for text, fact in [
        ("My cousin just qualified as a dentist.", ("works_as", "dentist")),
        ("My uncle's parrot Kiwi talks all day.", ("has_pet", "Kiwi")),
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[0] == "Noor"], (text, found)
        assert any(f[1:3] == fact for f in found), (text, found)
    # a name that owns a relative, or acts on another value, is no value of the speaker's
    for text in [
        "Tom's parents live in a small village near Porto.",
        "Rachel's husband is a firefighter.",
        # a person's own things, and "they"
        "Sarah's favourite band is Radiohead.",
        "Kim's new job is at Spotify.",
        "They moved to Leeds.",
        "Leo finally quit Google.",
        "Nina works for Airbus as a test pilot.",
        # the "my" is the subject's own, a name tagged a place is still a person
        "My flatmate Jess has been vegetarian since she was twelve.",
        "Olivia has a parrot named Kiwi that swears.",
        # a "my" that owns the relative someone lives with is not the speaker with them
        "Oscar lives with my brother's family now.",
        # a relative's news, "'s" read as a possessive, or the relative apart from the name
        "My brother's gone full carnivore.",
        "My best mate Jo has just moved to Galway.",
        # a sport tagged a verb is the object of the relative's verb
        "My sister took up rowing, she's up at five every day.",
        # two others parting, "'s" read as a possessive, a verb read as a noun, people
        # who are no relations, and a diet someone else gave up
        "Ben and Lisa broke up last week.",
        "Emma and Raj are engaged!",
        "Leo's obsessed with padel these days.",
        "My mum swears by the paleo diet.",
        "Our new intern is a data analyst from Porto.",
        "The guy next door plays rugby every Saturday.",
        "Our team lead moved to Amsterdam.",
        "Carla just went back to eating meat.",
        # an ex's new partner is the ex's; someone's view of what the speaker should do
        "My ex is dating some guy called Ryan now.",
        "Jenny thinks I should move to Amsterdam.",
        # a relative named by kin with a capital is no firm the speaker left
        "Dad retired from Siemens after thirty years.",
        "My sister's boss at Google wants her back.",  # her workmate's firm
        "What should my sister order as a vegan?",  # what the sister is
        # a name sending the speaker things from a place: the things', not hers
        "Stefan keeps sending me photos from Copenhagen, I'm so jealous.",
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        # the relative named is the speaker's ("my best mate Jo": her friend); nothing else
        assert not [f for f in found if f[0] == "Noor" and f[1] not in RELATIONS], (text, found)
    # where people retire to is where they went, not a value that ended
    found = stated(facts("My parents just retired to Alicante.", extractor, embedder, frames))
    assert not [f for f in found if f[3]], found
    # a plan in a joined clause of its own ends nothing yet
    text = "We've been at Hollowbrook Press for years and our boss retires next month."
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Have you ever lived in Rome?",
        "I'd love to live in Kyoto one day.",
        "We spent a long weekend in Bruges.",
        "Had sushi for lunch, it was fine.",
        "I can't believe he moved to Rome.",
        "Rosa, you're such a talented photographer!",  # Rosa is spoken to
        "Your favourite food? Lasagne, surely.",  # a guess about the friend
        "I think Tom moved to Rome.",  # a hedge on someone else: reported
        "Tom moved to Rome, she told me.",
        "Paris is where my sister lives.",
        "I thought my favourite food was sushi.",
        "Do you think Haim is my favourite band?",
        "Suppose we moved to Madrid.",  # a supposition, not the speaker's hedge
        "If I had to move, it would be to Lisbon.",  # a forced choice of no favourite
        "Thinking about moving to Porto, the rent is so much lower.",  # weighed up
        "Considering a move to Ghent next year.",
        "Should I move to Porto, or is Lisbon better?",  # a question from its start
        "Would you say I'm vegan, or is it vegetarian?",
        "my guinea pig is called pip lol",  # no town called Guinea
        "I live in Porto?",  # a question in a statement's shape
        "I should move to Lyon??",
        "You live in Leeds, right?",  # a tag question asks
        "I'm probably moving to Lyon.",
        "Lisbon is lovely, I think.",
        "If I lived in Rome I'd eat pasta every day.",  # a condition, not "if I could"
        "Tigger is with my ex now.",  # the ex's, not the speaker's partner
        "I wonder if I should move to Porto.",  # a question asked within a statement
        "Even if I moved to Rome, I'd miss Leeds.",  # a supposition
        "Even if I lived in Rome I would still eat pizza.",
        "I hear Tom moved to Paris, which is probably true.",
        "Is Paris nice in May? It's my favourite city.",  # a favourite, no home
        "Is Lyon nice? It's not my favourite food city.",
        "Luca is dropping by so add a green curry for him.",  # an order, no taste
        "I'd move to Lisbon so I could be near Anna if I got the job.",  # supposed
        "Let's go and see Wet Leg together in May!",  # a proposal
        "Let's move to Lisbon when the kids are older.",
        "I know a brilliant dim sum place near the station.",  # a place by its food
        "There's a pizza place on my street that does amazing calzone.",
        "Need a pan big enough for six before Saturday's barbecue.",  # the day's, no one's
    ],
)
def test_questions_wishes_and_outings_state_nothing(
    text: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = facts(text, extractor, embedder, frames)
    personal = {"lives_in", "favourite_food", "favourite_band", "has_partner", "married_to"}
    assert not [m for m in found if m.predicate in personal], found


def test_a_relative_time_sets_when_the_fact_starts(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = facts("Started at Nokia two weeks ago.", extractor, embedder, frames)
    [job] = [m for m in found if m.predicate == "works_at"]
    assert job.object == "Nokia"
    assert job.valid_from == datetime(2024, 4, 29, tzinfo=UTC)  # the Monday of that week


def test_users_add_a_predicate_by_examples(extractor: SpacyExtractor, embedder: Embedder) -> None:
    commute = PredicateSpec(
        name="commutes_by",
        object="vehicle",
        single=True,
        about="how someone gets to work",
        text="{subject} commutes by {object}.",
        examples=(
            "I cycle to the office every day.",
            "My commute is forty minutes by scooter.",
            "I take my motorbike to work.",
            "Getting to work by moped saves me so much time.",
        ),
        questions=("How does she get to work?",),
    )
    registry = PredicateRegistry(frames=(commute,), default_frames=False)
    matcher = FrameMatcher(registry, embedder.embed, embedder)
    found = facts("Getting to work on my Honda takes twenty minutes.", extractor, embedder, matcher)
    assert [(m.predicate, m.object) for m in found if m.predicate == "commutes_by"] == [
        ("commutes_by", "Honda")
    ]
    assert registry.is_single_valued("commutes_by")


def test_a_band_the_tagger_takes_for_a_place_can_be_a_favourite(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "These days I can't stop listening to Fontaines D.C., best band around."
    found = stated(facts(text, extractor, embedder, frames))
    assert [f for f in found if f[1] == "favourite_band"] == [
        ("Noor", "favourite_band", "Fontaines D.C.", False)
    ], found


def test_a_verb_that_opens_a_subjectless_sentence_is_not_part_of_the_name(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # the tagger reads "Joined Philips" as one name
    found = stated(facts("I have news about work. Joined Philips!", extractor, embedder, frames))
    assert ("Noor", "works_at", "Philips", False) in found, found
    # a name beside a kin noun, with no entity found: "Meet" read as its first word
    found = stated(facts("Meet Pretzel, my adorable new ferret.", extractor, embedder, frames))
    assert {f[2] for f in found if f[1] == "has_pet"} == {"Pretzel"}, found


def test_a_firm_the_tagger_takes_for_a_work_can_be_an_employer(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "I've been with Accenture for three years now."
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "works_at", "Accenture", False) in found, found


def test_a_named_kin_is_the_speakers_relation_not_a_subject_of_its_own(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("My husband Tom cooks every night.", extractor, embedder, frames))
    assert ("Noor", "married_to", "Tom", False) in found, found
    assert not [f for f in found if f[1] == "married_to" and f[0] != "Noor"], found
    found = stated(
        facts("My flatmate gave up dairy, the fridge is half empty.", extractor, embedder, frames)
    )
    assert not [f for f in found if f[0] == "Noor"], found  # the flatmate's diet


def test_the_value_not_chosen_is_no_value_at_all(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text in ["Honestly I prefer pastries over soup.", "I'd rather live in Porto than Lisbon."]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[2] in {"soup", "Lisbon"}], (text, found)
    # a dish run down is no favourite
    for text in ["Couscous is disgusting, sorry.", "Gnocchi is so overrated if you ask me."]:
        said = read(text, extractor, embedder, frames)
        assert not [m for m in said.memories if m.kind != "event"], (text, said.memories)
        assert [c.old for c in said.changes] == [text.split()[0]]
    # "X, not Y": the "not" is Y's, whatever the parser hung it on; Y, if held, ends
    said = read("My weekend thing these days is bouldering, not pilates.", extractor, embedder,
                frames)  # fmt: skip
    found = stated([m for m in said.memories if m.kind != "event"])
    assert [f[2] for f in found] == ["bouldering"], found
    assert [(c.old, [o.text for o in c.new]) for c in said.changes] == [("pilates", ["bouldering"])]


def test_what_is_done_instead_of_a_value_ends_it(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    read_ = read("I swim these days instead of cycling.", extractor, embedder, frames)
    found = stated([m for m in read_.memories if m.kind != "event"])
    # the new favourite closes a favourite; the writer ends the cycling wherever it is held
    assert [f for f in found if f[2] == "swimming" and not f[3]], found
    assert [c.old for c in read_.changes] == ["cycling"], read_.changes
    assert not [f for f in found if f[2] == "cycling" and not f[3]], found
    # single-valued: the new value closes the old one, which is not stated at all
    found = stated(facts("Instead of Leeds we chose York.", extractor, embedder, frames))
    assert ("Noor", "lives_in", "York", False) in found, found
    assert not [f for f in found if f[2] == "Leeds"], found


def test_a_film_named_as_the_favourite_is_no_favourite_book(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(
        facts("We watched Arrival, my favourite film, again.", extractor, embedder, frames)
    )
    assert [f[1] for f in found if f[2] == "Arrival"] == ["favourite_film"], found


def test_a_thing_of_the_speakers_beside_a_favourite_band_is_not_it(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Blondie is on while I tidy my room, my favourite band."
    found = stated(facts(text, extractor, embedder, frames))
    assert {f[2] for f in found if f[1] == "favourite_band"} == {"Blondie"}, found


def test_a_car_make_is_no_band(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(
        facts("Road trip in the Hyundai tomorrow, I made a playlist.", extractor, embedder, frames)
    )
    assert not [f for f in found if f[1] == "favourite_band"], found


def test_a_name_with_a_word_of_supposing_in_it_is_stated(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # "imagine" in a name is no "Imagine we moved ...": the sentence is asserted
    found = stated(facts("My favourite band is Imagine Dragons.", extractor, embedder, frames))
    assert ("Noor", "favourite_band", "Imagine Dragons", False) in found, found


def test_a_favourite_told_as_a_forced_choice_is_stated(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text, fact in [
        (
            "If I had to choose one favourite dish, it'd be moussaka.",
            ("favourite_food", "moussaka"),
        ),
        ("If I had to name a favourite band it would be Suede.", ("favourite_band", "Suede")),
        # the one thing the speaker would eat for ever is the favourite food
        ("If I could only eat one thing forever it'd be ramen.", ("favourite_food", "ramen")),
        ("If I had to eat one thing forever, it would be pierogi.", ("favourite_food", "pierogi")),
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert ("Noor", *fact, False) in found, (text, found)


def test_a_pet_named_beside_its_kind_is_a_pet(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # also when a gerund opening the sentence is tagged the start of the name
    for text, name in [
        ("Taking Pippin, our new terrier, to the vet today.", "Pippin"),
        ("Walking Rolo the spaniel twice a day now.", "Rolo"),
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert ("Noor", "has_pet", name, False) in found, (text, found)


def test_a_verb_the_frames_refine_is_one_slot(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # the rules' "plays squash" is the frames' sport, so a later change of sport ends it
    for sport in ["squash", "basketball"]:  # the frames favour "favourite" for basketball
        found = stated(facts(f"I play {sport} on Tuesdays.", extractor, embedder, frames))
        assert ("Noor", "plays_sport", sport, False) in found, found
        assert not [f for f in found if f[1] == "plays"], found


def test_a_plural_looking_dish_keeps_its_name(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("I'm obsessed with ramen now.", extractor, embedder, frames))
    assert ("Noor", "likes", "ramen", False) in found, found  # not "raman"


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        # "Escaped" tagged a modifier of "Shell": Shell is the employer left
        ("Escaped Shell 😅 Repsol hired me as an analyst.", "Shell", ("works_at", "Repsol")),
        # what the speaker is now more than
        ("I'm fully vegan now, not just dairy-free.", "dairy-free", ("diet", "vegan")),
        # the parser hangs "gluten-free" on "trying": the words before it say it is over
        ("Gave up on being gluten-free, trying paleo instead.", "gluten-free", ("diet", "paleo")),
    ],
)
def test_a_change_names_the_old_value_beside_the_new(
    text: str,
    old: str,
    new: tuple[str, str],
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    extraction = read(text, extractor, embedder, frames)
    assert [(c.old, c.slot) for c in extraction.changes] == [(old, new[0])]
    assert ("Noor", *new, False) in stated(list(extraction.memories))


def test_a_name_given_to_a_pet_noun_is_a_pet_whoever_speaks(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # the speaker's name shifts the sentence's vector; the apposition says it is a pet
    for speaker in ["Noor", "Kira", "Tomasz"]:
        text = "I've got a cat, Fudge, who follows me everywhere."
        found = stated(facts(text, extractor, embedder, frames, speaker=speaker))
        assert (speaker, "has_pet", "Fudge", False) in found, (speaker, found)


def test_a_nationality_describing_a_place_is_no_language(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Ben is taking me to that new Italian place for my birthday."
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if "language" in f[1]], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # the tagger took "Manchester, bit nomadic for now" for a date
        ("Moved out of Manchester, bit nomadic for now.", ("lives_in", "Manchester", True)),
        # a title before a comma made the subject of the clause after it
        ("Now a sous chef, can you believe it.", ("works_as", "sous chef", False)),
        (
            "Data scientist now, new title came through Friday.",
            ("works_as", "data scientist", False),
        ),
        # the rules' "eats pescatarian" is a diet
        ("I eat pescatarian, mostly salmon and prawns.", ("diet", "pescatarian", False)),
        # a question tag of amazement asks nothing
        (
            "Swapped the whiteboard for a microphone, I'm a radio presenter now, can you"
            " believe it?",
            ("works_as", "radio presenter", False),
        ),
        # who proposed did so to the speaker
        ("Marco proposed last week! It feels right.", ("has_partner", "Marco", False)),
        # a two-word job title after a copula
        ("I'm cabin crew now.", ("works_as", "cabin crew", False)),
        # the verb shows the type of a name the tagger leaves in doubt
        ("Settled into Kigali two weeks ago.", ("lives_in", "Kigali", False)),
        (
            "I was hired by Nestlé in the spring, and their canteen is better than the one"
            " we had at Unilever.",
            ("works_at", "Nestlé", False),
        ),
        (
            "Handed my laptop back to Vodafone on Friday; since Monday I've been at Telefónica.",
            ("works_at", "Telefónica", False),
        ),
        # what the sister thinks is hers; what follows "but" with its own subject is said
        (
            "My sister thinks I'm mad, but in January I retrained, and I've been working as"
            " a UX researcher ever since.",
            ("works_as", "UX researcher", False),
        ),
    ],
)
def test_what_the_tagger_or_parser_misreads(
    text: str,
    fact: tuple[str, str, bool],
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", *fact) in found, found


def test_hates_is_a_dislike_whoever_hates(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # the small model's lemmatizer makes "hates" "hat"
    found = stated(facts("Jonas hates football.", extractor, embedder, frames))
    assert ("Jonas", "dislikes", "football", False) in found, found


def test_a_possessive_inside_a_name_owns_nothing(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = (
        "Off nights at last! I've been at Lakeside Women's Hospital since March and I"
        " get to see the sun again."
    )  # the hospital is no home of someone called Women
    found = facts(text, extractor, embedder, frames)
    assert not [m for m in found if m.subject == "Women"], found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a relative named beside a pet's move is no pet
        ("Captain went to live with my uncle Pavel who has a big aviary.", "Pavel"),
        # a pet word that qualifies another noun names no animal
        ("The dog conversation is off the table - Sofia and I called it quits.", "Sofia"),
        # a name surely a person's, in a sentence not plainly about a pet
        ("Jake and I just got back from the Lake District, it rained every day.", "Jake"),
        # who runs off is gone, not whom they run off with
        ("I ran off to Paris with Tom.", "Tom"),
        # nor who comes along, nor the verb before "the dog"
        ("Took the cat to the vet with Lars.", "Lars"),
        ("Took the cat to the vet with Lars.", "Took"),
        ("Cancel the dog walker search, Imke found one.", "Cancel"),
        ("Walk the dog before you go, it's raining later.", "Walk"),
        # someone the speaker is no longer with, and "ex " is no word of "Rex "
        ("I'm not with Malik anymore.", "Malik"),
    ],
)
def test_a_person_is_no_pet(
    text: str, person: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[1] == "has_pet" and f[2] == person], found


@pytest.mark.parametrize(
    ("text", "predicate", "value"),
    [
        # a team or an office inside the firm is no second firm
        ("I work at Kroger in the bakery team.", "works_at", "Kroger"),
        ("I work for Aldi at head office.", "works_at", "Aldi"),
        # the firm a title is held at
        ("I'm an engineer at Zalando.", "works_at", "Zalando"),
        # where someone else begs the speaker to move is no home
        (
            "My sister keeps begging me to move to Madrid, but I'm staying put in Porto.",
            "lives_in",
            "Porto",
        ),
    ],
)
def test_a_single_valued_fact_takes_the_one_value_said(
    text: str, predicate: str, value: str, said: Said
) -> None:
    found = said(text)
    assert {f[2] for f in found if f[0] == "Noor" and f[1] == predicate} == {value}, found


@pytest.mark.parametrize(
    "text",
    [
        "Gran says I should get a rabbit.",
        "Mum and I went to Paris.",
    ],
)
def test_a_relative_called_by_kin_is_no_value_of_the_speaker(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[2] in {"Gran", "Mum"}], found


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Bought my first pair of climbing shoes, I'm hooked.", True),
        ("Spent the whole weekend at the bouldering gym again.", True),  # no subject
        ("My year-end music stats were basically just Parcels.", True),  # the speaker's own
        ("Kira and I are officially together!", True),
        ("My brother went vegan last month.", False),
        ("Felix is getting married in June and I'm giving a speech.", False),  # Felix's news
        ("My sister's new partner Eva is lovely.", False),
        ("Our manager left for Amazon.", False),  # "our", but someone else
        ("Tom proposed a toast to the happy couple.", False),  # no proposal to the speaker
        ("Thinking about getting a cat.", False),  # a thought, not a fact
        ("I might move to Berlin next year.", False),
        ("Okay, bedtime for me. Night!", False),
        ("Finally. This week was endless.", False),
        # which thing is the speaker's something is the speaker's news
        ("Went to their gig last night, they're my new number one.", True),
        ("Been eating it all week, it's my favourite thing now.", True),
        ("He is my brother.", False),
        ("They are my parents.", False),
    ],
)
def test_a_turn_is_about_its_speaker_or_not(
    text: str, personal: bool, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    extraction = read(text, extractor, embedder, frames)
    assert extraction.personal is personal
    if not personal:  # only a turn about its speaker has topics
        assert extraction.topics == ()


def test_a_turn_names_what_it_talks_about_even_when_no_value_is_read(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Bought my first pair of proper shoes for the wall, I'm hooked."  # no sport named
    extraction = read(text, extractor, embedder, frames)
    assert not [m for m in extraction.memories if m.kind != "event"]
    names = [p for p, _ in extraction.topics]
    assert names[0] in {"favourite_sport", "plays_sport"}
    scores = [s for _, s in extraction.topics]
    assert scores == sorted(scores, reverse=True) and scores[-1] >= 0.35


def test_a_one_off_is_judged_among_what_is_done_not_among_tastes(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Just had my first proper cycling lesson, I'm hooked."
    found = stated(facts(text, extractor, embedder, frames))
    assert found == {("Noor", "plays_sport", "cycling", False)}, found
    assert not facts("Had ramen for lunch.", extractor, embedder, frames)


def test_a_relation_and_the_speaker_together_are_the_speaker(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("My partner and I moved to Vienna.", extractor, embedder, frames))
    assert ("Noor", "lives_in", "Vienna", False) in found, found
    text = "My boyfriend and I adopted a cat called Miso."
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "has_pet", "Miso", False) in found, found


def test_a_name_that_says_where_a_home_is_is_a_place(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # "Espoo" may be tagged an organisation; in "the flat in Espoo" it is a place
    text = "The new flat in Espoo gets so much light in the mornings."
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[2] == "Espoo" and f[1] != "lives_in"], found
    found = stated(facts("My place in Hamburg has the best view.", extractor, embedder, frames))
    assert ("Noor", "lives_in", "Hamburg", False) in found, found


def test_the_values_a_turn_names_of_its_speaker_are_kept_read_or_not(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    def values(text: str) -> tuple[tuple[str, str], ...]:
        return read(text, extractor, embedder, frames).values

    assert ("risotto", "food") in values("Discovered risotto on Friday and now I can't stop.")
    assert ("Volvo", "vehicle") in values("The Volvo needs new tyres again, typical.")
    assert values("Had ramen for lunch, it was fine.") == ()  # a one-off
    assert values("My brother loves risotto.") == ()  # his
    assert not [v for v in values("Gave up on risotto, sushi is it now.") if v[0] == "risotto"]


@pytest.mark.parametrize(
    "text",
    [
        "Not leaving Ikea any time soon, the team is great.",
        "I'm not quitting yoga, whatever my knees say.",
        "I haven't given up on being vegan, I just had a weak moment.",
        "No, I'm not selling the Volvo, it's staying with me.",
        "I never left Lisbon, whatever people think.",
        "I nearly sold the Civic last week, glad I didn't.",
        "No way I'm giving up pizza, it's my favourite.",
    ],
)
def test_an_ending_denied_ends_nothing(
    text: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    extraction = read(text, extractor, embedder, frames)
    assert not [m for m in extraction.memories if m.ended], extraction.memories
    assert not extraction.changes, extraction.changes


def test_a_no_beside_an_ending_is_not_its_denial(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Dropped keto last month, no diets for me any more."
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "diet", "keto", True) in found, found
    # a relation who says hi is still the speaker's partner
    found = stated(facts("My partner Ines says hello.", extractor, embedder, frames))
    assert ("Noor", "has_partner", "Ines", False) in found, found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("My girlfriend is Sara.", ("has_partner", "Sara")),  # "Sara" read as an adjective
        ("My wife is called Anna.", ("married_to", "Anna")),
        ("Our dog is named Rex.", ("has_pet", "Rex")),
        ("My new boyfriend Luca cooked for me tonight.", ("has_partner", "Luca")),
        ("I got engaged to Helena.", ("engaged_to", "Helena")),  # "Helena" tagged a company
        ("Say hi to Mango, my new parrot.", ("has_pet", "Mango")),  # "Mango" tagged a place
        ("I married Olu last spring.", ("married_to", "Olu")),  # "Olu" tagged a company
        ("Pad thai for me, and my fiance Luca is dropping by.", ("engaged_to", "Luca")),
        # the name owning what follows it ("Ethan's birthday")
        ("So my boyfriend Ethan's birthday is on Friday.", ("has_partner", "Ethan")),
        # a partner named where the couple is said in the same sentence, or with the name
        ("Anyway I'm with Tom these days, we met at pottery.", ("has_partner", "Tom")),
        # a dash after words broken off starts no sentence
        (
            "So Rosa is — well, she's my partner now, we've been together since June.",
            ("has_partner", "Rosa"),
        ),
        (
            "Kieran took the bread starter when he left, and Ravi doesn't bake but he "
            "makes a mean curry, so I'm not suffering, we've been together since summer.",
            ("has_partner", "Ravi"),
        ),
        (
            "So work is chaos, my sister's pregnant again, and I've been seeing this woman "
            "called Ines since February.",
            ("has_partner", "Ines"),
        ),
    ],
)
def test_a_relative_named_in_other_shapes_is_the_speakers(
    text: str,
    fact: tuple[str, str],
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", *fact, False) in found, found
    assert not [f for f in found if f[0] != "Noor"], found  # not "Noor's girlfriend"


def test_work_itself_is_no_firm(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text in [
        "my boss at work is so annoying lol",
        "His work at Zalando is impressive.",
        "anyone know a good dentist in leeds? mine retired lol",  # "mine": my dentist
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[1] in {"works_at", "works_as"}], (text, found)


def test_a_name_beside_someone_elses_relative_is_theirs(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("I ran into Tom, my sister's boyfriend.", extractor, embedder, frames))
    assert not [f for f in found if f[0] == "Noor" and f[1] == "has_partner"], found
    for text in ["Biscuit my brother's beagle howls at night.", "Walking Rex, my aunt's spaniel."]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[0] == "Noor" and f[1] == "has_pet"], (text, found)
    for text in [
        "Felix just got engaged.",
        "Tom proposed to Anna and she said yes.",
        "My sister met someone. His name is Tom.",
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[0] == "Noor"], (text, found)


def test_a_stint_before_now_ended(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Back to eating meat after six years of being vegetarian."
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "diet", "vegetarian", True) in found, found
    assert ("Noor", "diet", "vegetarian", False) not in found, found
    text = "I eat meat again, vegan didn't suit me."  # the root is "suit"
    assert ("Noor", "diet", None, True) in stated(facts(text, extractor, embedder, frames))
    text = "Sore everywhere after swimming last night."  # done, not over
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[3]], found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The Lyon chapter is closed, hello Marseille!", "Marseille"),  # tagged a person
        # chat in lower case: read with the capitals written English would have
        ("moved to lisbon last month", "Lisbon"),
        ("we live in new york now", "new york"),  # no "New York" in the list: as written
        ("so yeah, munich is home now", "Munich"),
        ("so we relocated to eindhoven for my partner's job", "eindhoven"),  # read as a verb
    ],
)
def test_a_town_the_gazetteer_knows_is_a_place(
    text: str, place: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "lives_in", place, False) in found, found


def test_a_car_maker_one_starts_at_is_an_employer(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text in ["I started at BMW on Monday.", "I'm with Volvo now."]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[1] == "drives"], (text, found)
    found = stated(facts("I started at BMW on Monday.", extractor, embedder, frames))
    assert ("Noor", "works_at", "BMW", False) in found, found
    found = stated(facts("I went for a BMW in the end.", extractor, embedder, frames))
    assert ("Noor", "drives", "BMW", False) in found, found


def test_out_of_work_ends_the_employer_and_the_job(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "I'm unemployed at the moment, Bosch made cuts."
    found = stated(facts(text, extractor, embedder, frames))
    assert {("Noor", "works_at", None, True), ("Noor", "works_as", None, True)} <= found, found
    text = "My last day at Ikea was Friday, so I'm officially unemployed."
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "works_at", "Ikea", True) in found, found  # the named one


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # a "no longer" phrase of its own ends only its own value
        ("No longer at Bosch, I joined Siemens in March.", ("works_at", "Siemens")),
        ("No longer in Lyon, we moved to Nantes.", ("lives_in", "Nantes")),
        # news told as a question is told
        ("Did I tell you we moved to Valencia?", ("lives_in", "Valencia")),
        ("Did I mention I'm at KPMG now?", ("works_at", "KPMG")),
        ("Did you hear I got promoted to team lead?", ("works_as", "team lead")),
        # a loose phrase after the clause is out of reach of its "not"
        ("I don't eat fish anymore, fully vegetarian now.", ("diet", "vegetarian")),
        # where the speaker is now, beside where they were
        ("Madrid got too expensive so we're in Zaragoza now lol", ("lives_in", "Zaragoza")),
        ("I'm in Copenhagen these days.", ("lives_in", "Copenhagen")),
        ("I've been in Namur since early June, forgot to tell you.", ("lives_in", "Namur")),
        ("We've been in Toulouse for a month now and I love it.", ("lives_in", "Toulouse")),
        ("I'm a financial controller now.", ("works_as", "financial controller")),
        # a thought after the clause does not make it reported
        ("Went on a third date with Sanne, I think she's the one.", ("has_partner", "Sanne")),
        ("Jakob proposed and I said yes!", ("engaged_to", "Jakob")),
        ("Leo asked me to marry him and I said yes!", ("engaged_to", "Leo")),
        ("Priya asked me to be her girlfriend and I said yes!", ("has_partner", "Priya")),
        ("Tom asked me out and I said yes.", ("has_partner", "Tom")),
        ("Met someone! His name is Tobias.", ("has_partner", "Tobias")),
        ("Working as a health visitor these days.", ("works_as", "health visitor")),
        ("I drove there with my Volvo.", ("drives", "Volvo")),
        # a diet word said of the speaker in a long turn, where the frames lose it
        (
            "Back from Italy, it was so good, and I basically came home a different "
            "person, I'm flexitarian now, like pasta and cheese, no rules.",
            ("diet", "flexitarian"),
        ),
        (
            "So I'm on the whole30 thing, day twelve, and I would commit a crime for a "
            "biscuit right now.",
            ("diet", "whole30"),
        ),
        ("I'm off carnivore and following the DASH diet now.", ("diet", "DASH")),
        # an "if" that conditions only what follows from the statement
        ("I'm paleo so I'll bring my own food to the picnic if that's okay.", ("diet", "paleo")),
    ],
)
def test_a_value_said_in_a_harder_shape_holds(
    text: str,
    held: tuple[str, str],
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", *held, False) in found, found
    assert ("Noor", *held, True) not in found, found


def test_a_question_that_tells_nothing_states_nothing(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text in ["Did I tell you about Rome?", "Did you know where I live?"]:
        assert not facts(text, extractor, embedder, frames), text


@pytest.mark.parametrize(
    ("text", "subject", "employer"),
    [
        ("I got made redundant from Deloitte.", "Noor", "Deloitte"),
        ("Deloitte made me redundant.", "Noor", "Deloitte"),
        ("I was made redundant last month.", "Noor", None),
        ("My dad was made redundant.", "Noor's dad", None),
    ],
)
def test_made_redundant_ends_a_job(
    text: str,
    subject: str,
    employer: str | None,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert (subject, "works_at", employer, True) in found, found
    assert not [f for f in found if not f[3]], found


def test_a_trip_is_no_home_and_boots_hung_up_end_the_sport(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text in ["We're in Rome for the weekend now.", "I've been in Paris for three days."]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[1] == "lives_in"], (text, found)
    text = "Hung up my football boots, I play squash now."  # "Hung" tagged a name
    found = stated(facts(text, extractor, embedder, frames))
    assert {
        ("Noor", "plays_sport", "squash", False),
        ("Noor", "plays_sport", "football", True),
    } <= found


def test_a_state_since_a_date_began_then(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text in ["Since March, ramen has been my favourite.", "Vegan since March!"]:
        [fact] = [m for m in facts(text, extractor, embedder, frames) if m.subject == "Noor"]
        assert fact.valid_from == datetime(2024, 3, 1, tzinfo=UTC), (text, fact)


def test_an_old_value_named_again_is_not_held_again(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text, fact in [
        ("Bumped into my old colleagues from Bosch.", ("works_at", "Bosch")),
        ("Sometimes I miss my old Civic.", ("drives", "Civic")),
        ("Sometimes I miss being vegetarian, cheese was life.", ("diet", "vegetarian")),
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert ("Noor", *fact, False) not in found, (text, found)
    for text in [
        "Bosch keeps sending me their newsletter.",
        "Tesco delivered the dog food late again.",  # a firm's customer
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert not [f for f in found if f[1] == "works_at"], (text, found)
    # but an old dog is still the speaker's, and a firm that pays is an employer
    found = stated(facts("My old dog Rex is slowing down.", extractor, embedder, frames))
    assert ("Noor", "has_pet", "Rex", False) in found, found
    found = stated(facts("Ericsson pays my bills at the moment.", extractor, embedder, frames))
    assert ("Noor", "works_at", "Ericsson", False) in found, found


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Went to my first Beirut concert last night and now I'm hooked.", "Beirut"),
        ("Bombay Bicycle Club songs are all I play these days.", "Bombay Bicycle Club"),
        ("Listening to Tinariwen albums on repeat since I got back.", "Tinariwen"),
    ],
)
def test_a_name_whose_songs_or_concert_are_spoken_of_is_an_artist(
    text: str, band: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # the tagger takes such names for towns, firms or people; the music says otherwise
    extraction = read(text, extractor, embedder, frames)
    assert first_reading(extraction, band, "artist") == 1.0, extraction.clues
    assert (band, "artist") in extraction.values, extraction.values


def first_reading(extraction: Extraction, name: str, object_type: str) -> float:
    """How surely the first clue object called ``name`` is of ``object_type`` (0 when the
    turn's clues hold no such object)."""
    readings = [o for c in extraction.clues or () for o in c.objects if o.text == name]
    return readings[0].weight(object_type) if readings else 0.0


@pytest.mark.parametrize(
    "text",
    [
        "My favourite band is Echo and the Bunnymen.",
        "Nobody beats Echo and the Bunnymen for me.",
    ],
)
def test_a_band_named_x_and_the_y_keeps_its_whole_name(
    text: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert [f for f in found if f[1] == "favourite_band"] == [
        ("Noor", "favourite_band", "Echo and the Bunnymen", False)
    ], found


def test_places_joined_by_and_the_keep_their_own_names(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(
        facts("I live in London and the Midlands feel far away.", extractor, embedder, frames)
    )
    assert ("Noor", "lives_in", "London", False) in found, found


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        # a nationality describing a thing, a name ending in a firm's word
        ("I'm so into Korean fried chicken at the moment.", "nationality"),
        ("Loving life at Greenfield Logistics, the commute is short.", "lives_in"),
    ],
)
def test_a_name_of_another_kind_states_no_such_fact(
    text: str, predicate: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[1] == predicate], found


def test_a_nationality_is_found(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("I'm a British citizen.", extractor, embedder, frames))
    assert ("Noor", "nationality", "British", False) in found, found


def test_whose_place_another_took_is_the_old_favourite(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Phoenix have taken Radiohead's place at the top for me."
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "favourite_band", "Phoenix", False) in found, found
    assert not [f for f in found if f[2] == "Radiohead" and not f[3]], found


@pytest.mark.parametrize(
    ("text", "sport", "played"),
    [
        ("I swim 40 lengths every morning.", "swimming", True),
        ("I run every morning before work.", "running", True),
        ("I run a small bakery.", "running", False),  # an object: no sport
        ("I ran into Tom yesterday.", "running", False),  # a way somewhere else
        ("I climbed the stairs.", "climbing", False),
        ("Hockey practice ran late again.", "running", False),  # a thing ran, late
        ("We're running out of milk.", "running", False),
        ("I'm running late, sorry.", "running", False),
        ("Our tortoise Fig ran away last summer.", "running", False),  # away: gone
    ],
)
def test_a_sport_said_by_its_verb_is_played(
    text: str,
    sport: str,
    played: bool,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    sports = {v for _, p, v, ended in found if p in {"plays_sport", "favourite_sport"}}
    assert (sport in sports) == played, found


def test_a_sport_done_as_a_habit_is_a_sport_too(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "I've been surfing every weekend since the summer."
    found = stated(facts(text, extractor, embedder, frames))
    sports = {v for _, p, v, ended in found if p in {"plays_sport", "favourite_sport"}}
    assert sports == {"surfing"}, found


def test_a_name_whose_music_is_spoken_of_is_no_firm(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Another Radiohead playlist made, I can't help it."
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[1] == "works_at"], found


@pytest.mark.parametrize(
    "text",
    [
        "Erik and I got divorced.",  # the parser makes "Erik" an interjection
        "Erik and I are divorced now, and I've been seeing Jonas since the summer.",
        "Erik and I are separated.",
    ],
)
def test_a_name_and_i_apart_names_the_one_who_was_the_partner(
    text: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    extraction = read(text, extractor, embedder, frames)
    held = [m for m in extraction.memories if m.object == "Erik" and not m.ended]
    assert not held, extraction.memories  # no partner, husband or wife Erik now
    ended = {m.object for m in extraction.memories if m.ended} | {c.old for c in extraction.changes}
    assert "Erik" in ended, (extraction.memories, extraction.changes)


@pytest.mark.parametrize(
    ("text", "pet"),
    [
        ("I'm at the vet with my ferret Ziggy for his check-up.", "Ziggy"),  # "ferret" an ADJ
        ("Olive the guinea pig turned 3 today.", "Olive"),  # "Olive" tagged a verb
        ("But a new furball named Basil arrived this weekend.", "Basil"),
    ],
)
def test_a_name_beside_a_pet_word_is_surely_a_pet(
    text: str, pet: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # a pet's name is often a person's too; the pet word beside it says which it is
    extraction = read(text, extractor, embedder, frames)
    assert first_reading(extraction, pet, "pet") == 1.0, extraction.clues


def test_a_pet_named_after_its_kind_is_read_by_the_rules(extractor: SpacyExtractor) -> None:
    # "Pickles" tagged a common noun: still the name the kind word ("cat") modifies
    [extraction] = extractor.extract(
        [Utterance("My cat Pickles knocked a plant off the shelf.", AT, "Noor")]
    )
    found = {(m.subject, m.predicate, m.object) for m in extraction.memories}
    assert ("Noor", "has_pet", "Pickles") in found, found


@pytest.mark.parametrize(
    "text",
    [
        # someone named by a trade is someone met, not the speaker's job
        "Had a long chat with the electrician who came round about the boiler.",
        "Spent an hour chatting to the plumber about how he used to be a chef.",
        "We called a plumber about the leak.",
        "The receptionist at the clinic was so rude to me today.",
        "Had to call a locksmith after locking myself out.",
        # a thing's doing is no taste of the speaker's
        "The gym was playing Coldplay on a loop the whole session.",
        "The bakery was selling pancakes outside for charity.",
        # what someone else is doing, or what is run; an animal met
        "The courier running late meant I waited in all morning.",
        "Saw a squirrel on the bins, busy like it had errands to run.",
        "A dog at the park tried to steal my sandwich and its owner just laughed.",
    ],
)
def test_people_and_things_met_in_passing_are_not_the_speakers(
    text: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[0] == "Noor"], found


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("I'm a plumber now.", "plumber"),
        ("Got a job as a waiter at the hotel.", "waiter"),
        ("They made me the team lead last week.", "team lead"),
        ("After two years as a nurse, they made me a ward manager.", "ward manager"),
    ],
)
def test_a_trade_the_speaker_is_or_works_as_is_a_job(
    text: str, title: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "works_as", title, False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        # a chat's subjectless past verb, tagged a base form or a participle
        "Got a free tasting of some cold brew at the market.",
        "Took a salsa class at the community centre this evening.",
        # a pronoun or a past verb capitalised at a sentence's start is no name
        "snowed all night. everything's gone so quiet",
        "so tired. slept badly because the neighbours had a party",
    ],
)
def test_one_occasion_is_no_taste_and_no_name(
    text: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert not [f for f in found if f[0] == "Noor" and f[1] not in {"plays_sport", "has_hobby"}]
    assert not [f for f in found if f[2] and f[2].lower() in {"everything", "slept"}], found


def test_a_taste_begun_is_still_a_taste(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    for text, fact in [
        ("Got really into jazz this year.", ("favourite_genre", "jazz")),
        ("Made lasagne again, honestly my favourite thing to cook.", ("favourite_food", "lasagne")),
    ]:
        found = stated(facts(text, extractor, embedder, frames))
        assert ("Noor", *fact, False) in found, (text, found)


def test_a_demonstrative_points_at_no_kind_of_person(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts("Knitted my own scarf, I'm that person now.", extractor, embedder, frames))
    assert not [f for f in found if f[1] == "is_a"], found
    # but a kind named is still one
    found = stated(facts("I'm a morning person.", extractor, embedder, frames))
    assert ("Noor", "is_a", "morning person", False) in found, found


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Thelma and I just moved in together, so far so good.", "Thelma"),  # tagged nothing
        ("I've been seeing Thaddeus for a few weeks now.", "Thaddeus"),  # a place
        ("Rufus surprised me with tickets for our anniversary.", "Rufus"),  # tagged a firm
    ],
)
def test_a_census_given_name_is_a_person_whatever_the_tagger_thought(
    text: str, partner: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(facts(text, extractor, embedder, frames))
    assert ("Noor", "has_partner", partner, False) in found, found


def test_a_guess_after_a_subjectless_sighting_states_no_value(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    # the sighting opens the sentence, the guess after the comma is the speaker's bet:
    # nothing of the speaker's is said (unlike "Packed in the judo, my shoulder ...")
    text = (
        "Saw Muse trending and realised they're doing an arena show here next summer, "
        "tickets will be gone in minutes I bet"
    )
    extraction = read(text, extractor, embedder, frames)
    assert first_reading(extraction, "Muse", "artist") == 0.0, extraction.clues


def test_a_value_surely_of_the_type_its_verb_shows_is_of_that_type_only(
    embedder: Embedder, frames: FrameMatcher
) -> None:
    # a sentence that sounds like home (the commute) about a firm the speaker has been
    # at since May: the firm is no home, whatever the sentence sounds like
    text = "Been at Quarry Bank since May, and the commute from my flat is so much shorter."
    firm = ObjectClue("Quarry Bank", (("organization", 1.0), ("place", 0.7)), cue="organization")
    clue = Clue(0, len(text), "Noor", "Noor", (firm,), text=text)
    vector = frames.unnamed(embedder.embed([f"Noor: {text}"])[0], "Noor")
    scores, _ = frames.scores(vector)
    assert scores["lives_in"] > scores["works_at"]  # what makes the case
    found = {(m.predicate, m.object) for m in frames.memories(clue, vector, text)}
    assert found == {("works_at", "Quarry Bank")}, found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a given name right after a relation noun, parsed apart from it (the name read as
        # the verb's modifier), or with the "my" read as the name's
        ("Should I cook risotto for my boyfriend Matteo?", ("has_partner", "Matteo")),
        ("What should I cook for my boyfriend Lorenzo?", ("has_partner", "Lorenzo")),
        # the name before a bracketed "(my rabbit)", and one a pet noun is in apposition
        # to, the tagger taking it for an adjective
        ("Bramble (my rabbit) dug up the lawn.", ("has_pet", "Bramble")),
        ("Any tips on a harness for Bramble, my dachshund?", ("has_pet", "Bramble")),
        # a bare name taken to the vet is an animal's
        ("I took Juniper to the vet.", ("has_pet", "Juniper")),
        # a name the tagger cut at its possessive, joined to the institution after it
        (
            "I'm a porter at St Mungo's Hospital and the pay is awful.",
            ("works_at", "St Mungo's Hospital"),
        ),
    ],
)
def test_a_value_said_in_passing_beside_what_it_is_is_stated(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    assert ("Noor", *fact, False) in said(text)


def test_a_saint_inside_an_institutions_name_owns_nothing(said: Said) -> None:
    found = said("I'm a porter at St Mungo's Hospital and the pay is awful.")
    assert not [f for f in found if f[0] == "Mungo"], found


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Blondie on loop all afternoon.", "Blondie"),  # the name tagged a verb
        ("Wet Leg on repeat since Friday.", "Wet Leg"),  # the name's first word a verb
        ("Idles on repeat the whole drive home.", "Idles"),  # "repeat" tagged a verb
    ],
)
def test_a_verbless_name_on_repeat_is_a_favourite_band(text: str, band: str, said: Said) -> None:
    assert ("Noor", "favourite_band", band, False) in said(text)


def test_a_clause_before_what_a_body_part_said_is_the_speakers(said: Said) -> None:
    # "my knees said enough" says "enough", not the clause before it
    found = said("I gave up squash in March, my knees said enough, and took up rowing.")
    assert ("Noor", "plays_sport", "squash", True) in found, found


@pytest.mark.parametrize("name", ["Odile", "Kauri", "Anouk", "Teodor"])
def test_whom_the_speaker_is_seeing_is_a_partner_whatever_the_tagger_thought(
    name: str, said: Said
) -> None:
    # names the first-names list lacks, read by the tagger as a band, a game or nothing
    found = said(f"I've been seeing {name} since March.")
    assert [f for f in found if f[0] == "Noor" and f[2] == name] == [
        ("Noor", "has_partner", name, False)
    ], found


def test_a_band_seen_on_a_day_is_no_partner(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = facts("I'm seeing Muse on Friday.", extractor, embedder, frames, speaker="Maya")
    assert not [m for m in found if m.predicate == "has_partner"], found


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("I got moved to frontend engineer.", "frontend engineer"),
        ("They bumped me up to backend architect in May.", "backend architect"),
    ],
)
def test_a_title_word_read_as_a_verb_after_to_is_kept(text: str, title: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "works_as"] == [("Noor", "works_as", title, False)], found


@pytest.mark.parametrize(
    "text",
    [
        "Meeting Odile's parents on Saturday, wish me luck.",  # "Meeting" read as a name
        "We're meeting Odile's folks for dinner.",
        "Any tips for meeting Odile's family?",
    ],
)
def test_whose_parents_the_speaker_meets_is_the_partner(text: str, said: Said) -> None:
    assert ("Noor", "has_partner", "Odile", False) in said(text)


@pytest.mark.parametrize(
    "text", ["Mum met Odile's parents at the wedding.", "I never met Odile's parents."]
)
def test_whose_parents_someone_else_met_is_no_partner(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] == "has_partner"]


def test_a_review_of_the_speakers_at_a_firm_is_at_the_employer(said: Said) -> None:
    found = said("Any tips for my first review at Halvorsen Media?")
    assert ("Noor", "works_at", "Halvorsen Media", False) in found, found


def test_a_desk_cleared_at_a_firm_is_a_job_left(said: Said) -> None:
    found = said("Cleared out my desk at Halvorsen Media today.")
    assert ("Noor", "works_at", "Halvorsen Media", True) in found, found


def test_a_firm_the_speaker_is_at_these_days_is_the_employer(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = facts("I'm at Halvorsen Media these days.", extractor, embedder, frames, "Maya")
    assert ("Maya", "works_at", "Halvorsen Media", False) in stated(found), found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("New girlfriend! Ottilie.", ("has_partner", "Ottilie")),
        ("New kitten! Juniper.", ("has_pet", "Juniper")),
    ],
)
def test_a_newcomer_announced_then_named_is_the_speakers(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    assert ("Noor", *fact, False) in said(text)


@pytest.mark.parametrize("text", ["New boyfriend. Thoughts?", "New boyfriend! Hmm."])
def test_a_word_after_a_newcomer_announced_is_no_name(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] == "has_partner"], said(text)


def test_a_named_pet_is_one_pet_not_also_its_kind(said: Said) -> None:
    # a second pet held by its kind alone would stay held when Bramble dies
    found = said("Bramble (my rabbit) dug up the lawn.")
    assert [f for f in found if f[1] == "has_pet"] == [("Noor", "has_pet", "Bramble", False)]


def test_a_pet_noun_tagged_part_of_the_name_is_no_part_of_it(said: Said) -> None:
    # "gecko Toast" tagged one firm's name
    found = said("My gecko Toast runs this house.")
    assert [f for f in found if f[1] == "has_pet"] == [("Noor", "has_pet", "Toast", False)]


def test_a_predicate_scores_the_mean_of_its_two_best_example_similarities() -> None:
    """Each predicate's score (and the none class's) is the float32 mean of its two best
    example similarities, of all of them when it has fewer, -1 with none: to the bit."""
    embedder = HashEmbedder()
    matcher = FrameMatcher(PredicateRegistry(), embedder.embed, embedder)
    table = matcher.table()
    for text in ("I moved to Lisbon last May.", "Gave up tennis, padel is my thing now"):
        vector = embedder.embed([text])[0]
        scores, none = matcher.scores(vector)
        sims = products(table.matrix, vector)
        best = [np.sort(sims[a:b])[-2:] for a, b in table.bounds]
        assert list(scores) == [s.name for s in table.specs]
        assert [*scores.values(), none] == [float(t.mean()) if t.size else -1.0 for t in best]


@pytest.mark.parametrize(
    ("text", "word"),
    [("Home's in Dunedin.", "Home"), ("Fave's Phoebe Bridgers these days.", "Fave")],
)
def test_a_slot_word_opening_a_sentence_is_no_value(text: str, word: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[2] == word], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Jonas is my ex boyfriend, for the record.", ("has_partner", "Jonas")),
        ("I'm ex-vegetarian these days.", ("diet", "vegetarian")),
        # a chat's subjectless hedge is the speaker's
        ("Guess I'm not a pescatarian anymore.", ("diet", "pescatarian")),
    ],
)
def test_a_former_value_said_in_passing_ends(text: str, fact: tuple[str, str], said: Said) -> None:
    found = said(text)
    assert ("Noor", *fact, True) in found and ("Noor", *fact, False) not in found, found


def test_atkins_is_a_diet(said: Said) -> None:
    assert ("Noor", "diet", "Atkins", True) in said("Gave up on Atkins last month, I missed bread.")


def test_more_car_models_are_cars(said: Said) -> None:
    found = said("Sold the Camaro last month, I take the train now.")
    assert ("Noor", "drives", "Chevrolet Camaro", True) in found, found


def test_a_car_model_after_the_is_no_town(said: Said) -> None:
    found = said("Gave the Countryman back when the lease ran out.")
    assert not [f for f in found if f[1] == "lives_in"], found


def test_a_two_word_farewell_speaks_to_the_old_value(said: Said) -> None:
    found = said("So long Sheffield, hello Bristol!")
    assert ("Noor", "lives_in", "Bristol", False) in found, found
    assert ("Noor", "lives_in", "Sheffield", False) not in found, found


def test_a_value_in_the_past_ended(said: Said) -> None:
    found = said("Nottingham is in the past now.")
    assert ("Noor", "lives_in", "Nottingham", True) in found, found


def test_a_value_named_then_said_to_have_had_a_good_run_ended(said: Said) -> None:
    found = said("Antwerp, it was a good run.")
    assert ("Noor", "lives_in", "Antwerp", True) in found, found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Keto's been binned, I missed fruit.", ("diet", "Keto")),
        ("I've stopped the whole dairy-free thing.", ("diet", "dairy-free")),
    ],
)
def test_a_value_binned_or_its_thing_stopped_ended(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert ("Noor", *fact, True) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Scratched the Golf on a bollard, gutted.",
        "The Juke is making a funny rattle.",
        "The Astra needs its MOT before June.",
    ],
)
def test_a_car_after_the_that_the_speaker_looks_after_or_travels_in_is_theirs(
    text: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[:2] == ("Noor", "drives")], found


def test_a_car_after_the_that_someone_else_parked_is_no_car_of_the_speakers(said: Said) -> None:
    found = said("My cousin parked the Skoda outside.")
    assert not [f for f in found if f[:2] == ("Noor", "drives")], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("I'm working for Coca-Cola now.", ("works_at", "Coca-Cola")),
        ("My new car is a Mercedes-Benz A-Class.", ("drives", "Mercedes-Benz A-Class")),
    ],
)
def test_a_hyphen_inside_a_name_is_kept(text: str, fact: tuple[str, str], said: Said) -> None:
    found = said(text)
    assert ("Noor", *fact, False) in found, found


def test_a_slot_word_opening_with_its_is_owns_nothing(said: Said) -> None:
    found = said("Home's Galway these days.")
    assert ("Noor", "lives_in", "Galway", False) in found, found


def test_a_car_make_that_does_something_to_the_speaker_is_the_firm(said: Said) -> None:
    found = said("Tesla offered me a job in Berlin!")
    assert ("Noor", "works_at", "Tesla", False) in found, found
    assert not [f for f in found if f[1] == "drives"], found


def test_a_name_before_an_s_read_as_has_is_the_name_alone(said: Said) -> None:
    found = said("Daniel's been my boyfriend since the spring, you know.")
    assert [f for f in found if f[1:3] == ("has_partner", "Daniel")], found


@pytest.mark.parametrize(
    "text", ["I'm at a startup called Lumio now.", "I work for a company called Brightpath."]
)
def test_a_firm_introduced_by_its_name_is_the_name(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "works_at"] in (
        [("Noor", "works_at", "Lumio", False)],
        [("Noor", "works_at", "Brightpath", False)],
    ), found


def test_a_notice_handed_in_after_its_object_ends_the_job(said: Said) -> None:
    found = said("I handed my notice in at Aldi yesterday.")
    assert ("Noor", "works_at", "Aldi", True) in found, found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("My job at Ocado ended in March.", ("works_at", "Ocado")),
        ("My contract with Arup finished last month.", ("works_at", "Arup")),
        ("My time in Leeds came to an end last year.", ("lives_in", "Leeds")),
    ],
)
def test_a_stint_that_ended_ends_its_value(text: str, fact: tuple[str, str], said: Said) -> None:
    found = said(text)
    assert ("Noor", *fact, True) in found, found
    assert ("Noor", *fact, False) not in found, found


def test_a_shift_that_ended_ends_no_job(said: Said) -> None:
    found = said("My shift at Ocado ended at six.")
    assert ("Noor", "works_at", "Ocado", True) not in found, found


@pytest.mark.parametrize("firm", ["Revolut", "Klarna"])
def test_a_firm_tagged_a_person_that_let_the_speaker_go_ends_the_job(firm: str, said: Said) -> None:
    found = said(f"{firm} let me go last month.")
    assert ("Noor", "works_at", firm, True) in found, found


def test_a_firm_that_took_the_speaker_on_is_the_employer(said: Said) -> None:
    found = said("Ever since Hartley Foods took me on I've had to wear a tie.")
    assert ("Noor", "works_at", "Hartley Foods", False) in found, found


@pytest.mark.parametrize(
    "text", ["Our old cat Pixie had to be put down.", "We had to have Pixie put down last week."]
)
def test_a_pet_put_down_ended(text: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "has_pet", "Pixie", True) in found, found


def test_a_deposit_put_down_ends_no_home(said: Said) -> None:
    found = said("We put down a deposit on a house in York.")
    assert not [f for f in found if f[1] == "lives_in" and f[3]], found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("I'm officially a Mancunian now!", "Manchester"),
        ("Three years in and I'm a proper New Yorker.", "New York"),
    ],
)
def test_what_the_people_of_a_town_are_called_says_where_the_speaker_lives(
    text: str, town: str, said: Said
) -> None:
    found = said(text)
    assert ("Noor", "lives_in", town, False) in found, found
    assert not [f for f in found if f[1] == "is_a"], found


@pytest.mark.parametrize(
    "text", ["I left my umbrella at Sainsbury's.", "Left my keys at Greggs again, classic."]
)
def test_a_thing_left_somewhere_ends_no_job_there(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "works_at"], found


def test_a_job_left_at_a_firm_still_ends_it(said: Said) -> None:
    found = said("I left my job at Tesco in May.")
    assert ("Noor", "works_at", "Tesco", True) in found, found


@pytest.mark.parametrize(
    "text", ["I'm seeing Muse on Saturday.", "I'm seeing Adele tomorrow night!"]
)
def test_a_singer_or_band_seen_on_a_day_is_no_one_dated(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"dates", "has_partner"}], found


def test_a_sport_switched_to_is_a_sport_whatever_else_its_name_could_be(said: Said) -> None:
    found = said("Switched to Muay Thai in the autumn.")
    assert [f for f in found if f[1:3] == ("plays_sport", "Muay Thai") and not f[3]], found


def test_a_person_who_moved_out_ends_no_town_of_that_name(said: Said) -> None:
    found = said("Karl moved out in August.")
    assert not [f for f in found if f[1] == "lives_in"], found


def test_name_and_i_are_done_ends_the_couple(said: Said) -> None:
    found = said("Karl and I are done.")
    assert ("Noor", "has_partner", "Karl", True) in found, found


def test_name_and_i_done_with_a_job_ends_nothing(said: Said) -> None:
    found = said("Karl and I are done with the decorating.")
    assert not [f for f in found if f[3]], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Paleo lasted three weeks.", ("diet", "Paleo")),
        ("The vegetarian phase lasted about a year.", ("diet", "vegetarian")),
        ("My time in Hull lasted two years.", ("lives_in", "Hull")),
    ],
)
def test_a_value_that_lasted_a_while_ended(text: str, fact: tuple[str, str], said: Said) -> None:
    found = said(text)
    assert ("Noor", *fact, True) in found, found


@pytest.mark.parametrize("text", ["I'm training to be a pilot.", "I'm studying to become a vet."])
def test_a_job_worked_towards_is_not_held_yet(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "works_as"], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Tom from work is vegan.", ("Tom", "diet", "vegan")),
        ("Tom from accounts just moved to Leeds.", ("Tom", "lives_in", "Leeds")),
    ],
)
def test_a_name_from_somewhere_opening_the_sentence_is_its_subject(
    text: str, fact: tuple[str, str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[:3] == fact], found
    assert not [f for f in found if f[0] == "Noor"], found


def test_a_town_gone_home_to_is_a_place_whatever_the_tagger_thought(said: Said) -> None:
    found = said("Took the last ferry home to Tofino.")
    assert ("Noor", "lives_in", "Tofino", False) in found, found


@pytest.mark.parametrize("name", ["Lucy", "Tom"])
def test_someone_who_has_gone_vegan_is_not_the_speaker(name: str, said: Said) -> None:
    found = said(f"{name}'s gone vegan, can you believe it.")
    assert (name, "diet", "vegan", False) in found, found
    assert not [f for f in found if f[0] == "Noor"], found


def test_a_name_opening_the_sentence_tagged_an_adverb_is_its_subject(said: Said) -> None:
    found = said("Raj adopted a kitten called Mango.")
    assert ("Raj", "has_pet", "Mango", False) in found, found
    assert not [f for f in found if f[0] == "Noor"], found


def test_a_car_make_quit_is_the_firm(said: Said) -> None:
    found = said("I quit Ferrari last year.")
    assert ("Noor", "works_at", "Ferrari", True) in found, found
    assert not [f for f in found if f[1] == "drives"], found


def test_someone_who_quit_a_car_maker_drives_nothing(said: Said) -> None:
    found = said("Did you hear? Marco quit Ferrari.")
    assert not [f for f in found if f[1] == "drives"], found


def test_a_place_where_the_speaker_lives_said_in_a_question(said: Said) -> None:
    found = said("Any good cafes in Stockbridge, where I live now?")
    assert ("Noor", "lives_in", "Stockbridge", False) in found, found


def test_a_place_where_the_speaker_used_to_live_ended(said: Said) -> None:
    found = said("We visited Bath, where I used to live.")
    assert [f for f in found if f[1] == "lives_in"] == [("Noor", "lives_in", "Bath", True)], found


def test_a_pet_named_in_lower_case_chat_is_the_name(said: Said) -> None:
    found = said("we adopted a beagle called waffle last week and she's a menace")
    assert [f for f in found if f[:3] == ("Noor", "has_pet", "Waffle")], found


@pytest.mark.parametrize("speaker", ["Noor", "Maya"])
def test_a_name_that_crossed_the_rainbow_bridge_is_a_pet_that_died(
    speaker: str, extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    found = stated(
        facts("Rex crossed the rainbow bridge in June.", extractor, embedder, frames, speaker)
    )
    assert (speaker, "has_pet", "Rex", True) in found, found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Last shift at Pret today.", ("works_at", "Pret", True)),
        ("Got headhunted by Wise.", ("works_at", "Wise", False)),
    ],
)
def test_a_last_shift_ends_the_job_and_a_headhunter_is_the_new_one(
    text: str, fact: tuple[str, str, bool], said: Said
) -> None:
    found = said(text)
    assert ("Noor", *fact) in found, found


def test_a_sport_not_played_since_a_time_ended(said: Said) -> None:
    found = said("Haven't played hockey since my injury.")
    assert [f for f in found if f[2] == "hockey" and f[3]], found


def test_someone_not_seen_since_a_time_is_no_value_ended(said: Said) -> None:
    found = said("I haven't seen Tom since Christmas.")
    assert not [f for f in found if f[3]], found


def test_a_train_to_a_town_is_no_home_there(said: Said) -> None:
    assert not said("The train to Leeds was late again.")


def test_a_town_visited_for_the_day_is_no_home_there(said: Said) -> None:
    found = said("Was in Derby for a conference, the hotel was grim.")
    assert not [f for f in found if f[1] == "lives_in"], found


@pytest.mark.parametrize(
    ("text", "diet"),
    [("I'm off dairy these days.", "dairy-free"), ("Been off gluten since March.", "gluten-free")],
)
def test_a_food_the_speaker_is_off_is_a_diet(text: str, diet: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("diet", diet) and not f[3]], found


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("I work at Sainsbury's.", "Sainsbury's"),
        ("Got a job at Domino's on the weekends.", "Domino's"),
        ("another night shift at addenbrooke's", "Addenbrooke's"),
    ],
)
def test_a_firm_named_with_a_possessive_keeps_it(text: str, firm: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "works_at", firm, False) in found, found


def test_a_friend_s_home_is_no_firm_of_that_name(said: Said) -> None:
    found = said("I'm staying at Tom's tonight.")
    assert not [f for f in found if f[2] and "'s" in f[2]], found


@pytest.mark.parametrize(
    ("text", "diet"),
    [("Ditched veganism in January.", "vegan"), ("Gave up vegetarianism at uni.", "vegetarian")],
)
def test_a_diet_named_by_its_practice_ended(text: str, diet: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "diet", diet, True) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "I've been reading about vegan diets all evening.",
        "We chatted about keto over lunch.",
        "Listened to a podcast about Leeds on the bus.",
    ],
)
def test_what_is_read_or_talked_about_is_no_value(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"diet", "lives_in"}], found


@pytest.mark.parametrize(
    "text",
    ["My flatmate ditched keto.", "Oh well, my old housemate abandoned veganism after a week."],
)
def test_a_diet_of_someone_read_as_a_modifier_is_not_the_speakers(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[0] == "Noor" and f[1] == "diet"], found


@pytest.mark.parametrize(
    ("text", "ended"),
    [("We play five-a-side every Thursday.", False), ("Gave up five-a-side last year.", True)],
)
def test_a_hyphenated_sport_keeps_its_words(text: str, ended: bool, said: Said) -> None:
    found = said(text)
    assert ("Noor", "plays_sport", "five-a-side", ended) in found, found


@pytest.mark.parametrize(
    ("text", "car"),
    [
        ("The Fiesta finally went to the scrapyard.", "Ford Fiesta"),
        ("Our old Golf got sent for scrap in the spring.", "Volkswagen Golf"),
    ],
)
def test_a_car_gone_for_scrap_ended(text: str, car: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "drives", car, True) in found, found


def test_chat_bc_is_because(said: Said) -> None:
    found = said("had to rehome Pickle bc the new landlord said no pets")
    assert ("Noor", "has_pet", "Pickle", True) in found, found


def test_a_firm_in_capitals_that_let_the_speaker_go_ended(said: Said) -> None:
    found = said("ASDA let me go last month, cutbacks.")
    assert ("Noor", "works_at", "ASDA", True) in found, found


def test_a_pet_donated_to_a_rescue_ended(said: Said) -> None:
    found = said("We donated Bartholomew to a rabbit rescue.")
    assert ("Noor", "has_pet", "Bartholomew", True) in found, found


@pytest.mark.parametrize(
    "text",
    ["Handed back the Qashqai when the lease ran out.", "I gave the Qashqai back in June."],
)
def test_a_car_handed_back_ended(text: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "drives", "Nissan Qashqai", True) in found, found


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("My gran was horrified when I said I'm doing keto now.", "keto"),
        ("I told the waiter I'm pescatarian these days, he brought the fish.", "pescatarian"),
    ],
)
def test_the_speaker_telling_of_their_own_present_asserts_it(
    text: str, diet: str, said: Said
) -> None:
    found = said(text)
    assert ("Noor", "diet", diet, False) in found, found


@pytest.mark.parametrize("text", ["I told her I was vegan.", "I said I'd go vegan after Easter."])
def test_a_past_or_planned_report_of_oneself_is_not_asserted(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "diet"], found


def test_a_diet_the_doctor_switched_the_speaker_to(said: Said) -> None:
    found = said("My GP put me on a low-salt diet in March.")
    assert ("Noor", "diet", "low-salt", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The squash racket's gathering dust these days.",
        "My rugby boots have been collecting dust since the spring.",
    ],
)
def test_a_sport_whose_gear_gathers_dust_ended(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[2] in {"squash", "rugby"} and f[3]], found
    assert not [f for f in found if f[1] == "allergic_to"], found


def test_someone_elses_gear_gathering_dust_ends_nothing_of_the_speakers(said: Said) -> None:
    assert not said("My dad's golf clubs are gathering dust in the garage.")


def test_a_subjectless_denial_before_a_question_is_a_statement(said: Said) -> None:
    found = said("Haven't played hockey since my knee op, any gentler sports you'd suggest?")
    assert [f for f in found if f[2] == "hockey" and f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "I've moved on from The Killers and he's my favourite now.",
        "Moved on from Blur, he's my favourite now.",
    ],
)
def test_what_the_speaker_moved_on_from_is_the_favourite_that_ended(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "favourite_band" and f[3]], found
    assert not [f for f in found if f[1] == "favourite_band" and not f[3]], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Paleo's done, I eat bread again.", ("diet", "paleo")),
        ("Judo's on the back burner until my exams are over.", ("plays_sport", "judo")),
        ("Leah and I are getting divorced.", ("married_to", "Leah")),
    ],
)
def test_a_value_said_over_in_a_form_the_parser_misreads_ended(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1] == fact[0] and f[2].lower() == fact[1].lower() and f[3]], found


def test_a_person_who_is_done_is_no_value_ended(said: Said) -> None:
    found = said("Tom's done, he's been on his feet all day.")
    assert not [f for f in found if f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Caught the Wet Leg gig on Friday and now I'm a convert.",
        "One Idles concert and I'm hooked.",
    ],
)
def test_an_artist_heard_once_that_won_the_speaker_over_is_a_favourite(
    text: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "favourite_band" and not f[3]], found


@pytest.mark.parametrize(
    ("text", "food"),
    [
        ("Dim sum has won my heart this year.", "Dim sum"),
        ("Apologies burgers, ramen has stolen my heart.", "ramen"),
    ],
)
def test_what_stole_the_speakers_heart_is_a_favourite(text: str, food: str, said: Said) -> None:
    found = said(text)
    held = {f[2] for f in found if f[1] == "favourite_food" and not f[3]}
    assert held == {food}, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I'm seeing somebody, Blake, it's lovely so far.", "Blake"),
        ("I'm seeing someone, Lara, things are lovely so far.", "Lara"),
    ],
)
def test_a_name_given_after_someone_seen_is_the_partner(text: str, name: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "has_partner", name, False) in found, found


def test_a_first_date_with_a_name_tagged_with_its_time_is_a_partner(said: Said) -> None:
    found = said("Went on a second date with Bruno a week ago and it was lovely.")
    assert [f for f in found if f[1:3] == ("has_partner", "Bruno") and not f[3]], found


def test_a_days_job_problem_is_the_speakers_job(said: Said) -> None:
    found = said("Today's staff nurse problem: three admissions at once.")
    assert ("Noor", "works_as", "staff nurse", False) in found, found


def test_a_value_said_behind_the_speaker_ended_however_parsed(said: Said) -> None:
    found = said("Lidl's behind me now, thank goodness.")
    assert ("Noor", "works_at", "Lidl", True) in found, found
    assert ("Noor", "works_at", "Lidl", False) not in found, found


def test_a_couple_over_ends_the_partner_however_worded(said: Said) -> None:
    found = said("We called it a day back in February.")
    assert [f for f in found if f[1] in {"has_partner", "married_to"} and f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "We called it a night early, the band was awful.",
        "Rex was so old, we let him go in March.",
        "We finally moved out of Leeds, York feels like home.",
    ],
)
def test_what_only_sounds_like_a_couple_ending_ends_no_partner(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"has_partner", "married_to"} and f[3]], found


def test_a_pet_that_passed_on_ended(said: Said) -> None:
    found = said("Our old tortoise Gus passed on last winter.")
    assert ("Noor", "has_pet", "Gus", True) in found, found


def test_passing_on_a_message_ends_nothing(said: Said) -> None:
    found = said("I passed on the message to Tom.")
    assert not [f for f in found if f[3]], found


def test_a_sport_said_a_thing_of_the_past_ended(said: Said) -> None:
    found = said("Karate's a thing of the past.")
    assert ("Noor", "plays_sport", "Karate", True) in found, found


def test_the_second_name_of_pets_said_in_the_plural_is_a_pet(said: Said) -> None:
    found = said("We adopted two dogs, Rex and Bea.")
    assert {f[2] for f in found if f[1] == "has_pet" and not f[3]} == {"Rex", "Bea"}, found


def test_an_engagement_called_off_ends_the_partner(said: Said) -> None:
    found = said("The engagement was called off in June.")
    assert [f for f in found if f[1] in {"has_partner", "engaged_to"} and f[3]], found


def test_someone_elses_wedding_called_off_ends_no_partner(said: Said) -> None:
    found = said("My cousin called off her wedding.")
    assert not [f for f in found if f[3]], found


def test_sport_gear_hung_up_ends_the_sport(said: Said) -> None:
    found = said("Hung up my skates for good after the season.")
    assert [f for f in found if f[1] in {"plays_sport", "favourite_sport"} and f[3]], found


def test_gear_collecting_dust_is_no_hobby_of_collecting(said: Said) -> None:
    found = said("My old stamp albums are collecting dust.")
    assert not [f for f in found if f[2] == "collecting"], found


def test_the_firm_of_a_title_worked_as_is_the_employer(said: Said) -> None:
    found = said("I work as a sous chef at Hawksmoor these days.")
    assert ("Noor", "works_at", "Hawksmoor", False) in found, found
    assert ("Noor", "works_as", "sous chef", False) in found, found


def test_whom_a_title_is_worked_for_is_no_employer(said: Said) -> None:
    found = said("I work as a carer for my mum.")
    assert not [f for f in found if f[1] == "works_at"], found


def test_a_title_read_as_common_nouns_is_the_favourite_it_points_back_to(said: Said) -> None:
    found = said("Saw Poor Things on Sunday, it's my favourite film now.")
    assert ("Noor", "favourite_film", "Poor Things", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Tried lamb for the first time in years at the wedding.",
        "Roast chicken won me over, I'm a meat-eater again.",
    ],
)
def test_meat_eaten_again_said_otherwise_ends_the_diet(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "diet" and f[3]], found


def test_someone_else_a_meat_eater_again_ends_no_diet_of_the_speakers(said: Said) -> None:
    found = said("My flatmate is a meat eater again.")
    assert not [f for f in found if f[0] == "Noor" and f[1] == "diet"], found


def test_a_title_with_history_in_it_is_a_favourite_not_an_end(said: Said) -> None:
    found = said("My favourite novel is The Secret History.")
    assert [f for f in found if f[2] == "The Secret History" and not f[3]], found
    assert not [f for f in found if f[3]], found


def test_a_firm_named_by_a_word_in_lower_case_where_work_started(said: Said) -> None:
    found = said("finally started at shell this morning, nervous")
    assert ("Noor", "works_at", "Shell", False) in found, found


def test_a_time_started_at_is_no_firm(said: Said) -> None:
    found = said("started at noon today, so tired")
    assert not [f for f in found if f[1] == "works_at"], found


def test_a_learners_name_of_kin_without_the_possessive_s(said: Said) -> None:
    found = said("My wife name is Leila and she is nurse.")
    assert ("Noor", "married_to", "Leila", False) in found, found


def test_what_a_sport_was_ditched_for_is_the_new_one(said: Said) -> None:
    found = said("I've ditched squash for badminton.")
    assert ("Noor", "plays_sport", "badminton", False) in found, found
    assert ("Noor", "plays_sport", "badminton", True) not in found, found


def test_a_sports_training_stopped_ends_the_sport(said: Said) -> None:
    found = said("I've stopped rugby training for now.")
    assert [f for f in found if f[2] == "rugby" and f[3]], found


def test_a_repossessed_car_ended(said: Said) -> None:
    found = said("The Audi got repossessed in March.")
    assert [f for f in found if f[1] == "drives" and f[3]], found


def test_the_speakers_household_named_by_its_townspeople(said: Said) -> None:
    found = said("We're Glaswegians now, two winters in.")
    assert ("Noor", "lives_in", "Glasgow", False) in found, found


def test_a_name_the_speaker_calls_their_favourite_is_no_partner(said: Said) -> None:
    found = said("I adore Dave, he's my favourite.")
    assert not [f for f in found if f[1] in {"has_partner", "married_to"}], found


def test_the_favourite_group_beside_a_town_is_the_name_before_it(said: Said) -> None:
    found = said("Booked the train, going to see Stormzy in Leeds, my favourite artist.")
    assert [f for f in found if f[1].startswith("favourite") and f[2] == "Stormzy"], found
    assert not [f for f in found if f[1].startswith("favourite") and f[2] != "Stormzy"], found


def test_a_subjectless_qualified_as_read_as_an_adjective_is_the_title(said: Said) -> None:
    found = said("Just qualified as an electrician, so happy.")
    assert ("Noor", "works_as", "electrician", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Me and Callum, we're not together anymore.",
        "Me and Callum we finish our relationship in spring.",
    ],
)
def test_me_and_a_name_then_we_said_apart_ends_the_partner(text: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "has_partner", "Callum", True) in found, found
    assert ("Noor", "has_partner", "Callum", False) not in found, found


def test_a_town_in_the_rear_view_mirror_ended(said: Said) -> None:
    found = said("Swindon's in the rear-view mirror, thank god.")
    assert ("Noor", "lives_in", "Swindon", True) in found, found
    assert ("Noor", "lives_in", "Swindon", False) not in found, found


def test_a_food_back_on_the_menu_ends_the_diet(said: Said) -> None:
    found = said("Bacon is back on the menu at ours.")
    assert [f for f in found if f[1] == "diet" and f[3]], found


def test_what_the_speaker_asks_to_be_believed_is_asserted(said: Said) -> None:
    found = said("Can you believe I'm driving a Skoda Enyaq now?")
    assert ("Noor", "drives", "Skoda Enyaq", False) in found, found


def test_my_fave_with_its_s_read_as_a_possessive_is_the_favourite(said: Said) -> None:
    found = said("My fave's bibimbap these days.")
    assert ("Noor", "favourite_food", "bibimbap", False) in found, found


def test_between_jobs_ends_the_employer_and_the_job(said: Said) -> None:
    found = said("I'm between jobs, so my CV is getting a polish.")
    assert {f[1] for f in found if f[3]} >= {"works_at", "works_as"}, found


def test_a_firm_said_to_be_the_old_job_ended(said: Said) -> None:
    found = said("Primark is my old job now.")
    assert ("Noor", "works_at", "Primark", True) in found, found


def test_a_sport_not_played_these_days_ended(said: Said) -> None:
    found = said("I'm not really playing netball these days.")
    assert [f for f in found if f[2] == "netball" and f[3]], found


def test_a_diet_the_speaker_would_call_themself_is_the_diet(said: Said) -> None:
    found = said("Honestly I'd call myself a flexitarian now.")
    assert ("Noor", "diet", "flexitarian", False) in found, found


def test_a_name_after_a_pet_and_a_comma_read_as_an_adjective_is_the_pet(said: Said) -> None:
    found = said("We have a budgie, Sunny.")
    assert ("Noor", "has_pet", "Sunny", False) in found, found


def test_a_pet_that_escaped_and_never_came_back_ended(said: Said) -> None:
    found = said("Our tortoise Shelby escaped in May and never came back.")
    assert ("Noor", "has_pet", "Shelby", True) in found, found


def test_a_sport_off_the_cards_ended_however_parsed(said: Said) -> None:
    found = said("Rowing's off the cards after the shoulder op.")
    assert [f for f in found if f[2] == "Rowing" and f[3]], found


def test_back_on_red_meat_ends_the_diet(said: Said) -> None:
    found = said("I'm back on red meat since the blood test.")
    assert [f for f in found if f[1] == "diet" and f[3]], found


def test_a_sport_traded_as_a_gerund_ended_and_its_replacement_new(said: Said) -> None:
    found = said("I've traded running for swimming.")
    assert [f for f in found if f[2] == "running" and f[3]], found
    assert [f for f in found if f[2] == "swimming" and not f[3]], found


def test_a_sports_gear_in_the_bin_ends_the_sport(said: Said) -> None:
    found = said("My hockey stick is in the bin.")
    assert [f for f in found if f[2] == "hockey" and f[3]], found


def test_a_pet_that_is_no_more_ended(said: Said) -> None:
    found = said("Sadly our rabbit Hopper is no more.")
    assert ("Noor", "has_pet", "Hopper", True) in found, found


def test_falling_off_a_diets_wagon_ends_it(said: Said) -> None:
    found = said("Fell off the keto wagon at Christmas and never got back on.")
    assert ("Noor", "diet", "keto", True) in found, found


def test_who_does_a_sport_said_of_the_speaker_plays_it(said: Said) -> None:
    found = said("I'm a keen golfer these days.")
    assert ("Noor", "plays_sport", "golf", False) in found, found


def test_a_runner_at_a_firm_is_no_sport(said: Said) -> None:
    found = said("I'm a runner at a film studio.")
    assert not [f for f in found if f[1] == "plays_sport"], found


def test_a_lower_case_name_after_my_partner_word_is_the_partner(said: Said) -> None:
    found = said("my bf jay cooked dinner for us tonight")
    assert ("Noor", "has_partner", "Jay", False) in found, found


def test_a_sport_played_today_is_not_over(said: Said) -> None:
    found = said("Lacrosse was brilliant fun today.")
    sports = [f for f in found if f[1] in {"plays_sport", "favourite_sport"}]
    assert sports and all(f[2] == "Lacrosse" and not f[3] for f in sports), found


def test_a_chat_off_to_its_sport_plays_it(said: Said) -> None:
    found = said("Off to judo again tonight, my knees hate me.")
    assert ("Noor", "plays_sport", "judo", False) in found, found


def test_wishing_luck_leaves_the_sentence_asserted(said: Said) -> None:
    found = said("Starting at Unilever on Monday, wish me luck!")
    assert ("Noor", "works_at", "Unilever", False) in found, found


def test_a_course_for_a_kind_of_people_is_not_theirs(said: Said) -> None:
    found = said("Booked onto an adults' swimming course and loving it.")
    sports = [f for f in found if f[1] in {"plays_sport", "favourite_sport"}]
    assert ("Noor", "swimming", False) in {(f[0], f[2], f[3]) for f in sports}, found


def test_my_other_half_is_my_partner(said: Said) -> None:
    found = said("My other half Callum is away with work.")
    assert ("Noor", "has_partner", "Callum", False) in found, found


def test_a_holiday_is_a_date_not_a_value(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Been seeing Rosa since Easter."
    [partner] = [
        m for m in facts(text, extractor, embedder, frames) if m.predicate == "has_partner"
    ]
    assert partner.object == "Rosa", partner
    assert partner.valid_from == datetime(2024, 3, 31, tzinfo=UTC), partner  # Easter Sunday


def test_a_date_in_another_clause_does_not_date_a_value(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Dad came over in June and my place in Derby is far too small for guests."
    [home] = [m for m in facts(text, extractor, embedder, frames) if m.predicate == "lives_in"]
    assert home.object == "Derby" and home.valid_from is None, home


def test_a_date_in_the_clause_of_a_value_dates_it(
    extractor: SpacyExtractor, embedder: Embedder, frames: FrameMatcher
) -> None:
    text = "Our trip in June was great, and I've been vegan since the spring."
    [diet] = [m for m in facts(text, extractor, embedder, frames) if m.predicate == "diet"]
    assert diet.object == "vegan" and diet.valid_from == datetime(2024, 3, 1, tzinfo=UTC), diet


def test_a_name_that_dethrones_a_favourite_is_the_new_one(said: Said) -> None:
    found = said("Kacey Musgraves has dethroned Coldplay.")
    assert ("Noor", "favourite_band", "Kacey Musgraves", False) in found, found


def test_a_trusty_old_car_is_still_driven(said: Said) -> None:
    found = said("Getting around in my trusty old Range Rover.")
    assert [f for f in found if f[1] == "drives" and not f[3]], found
    assert not [f for f in found if f[1] == "drives" and f[3]], found


def test_a_sport_kept_up_as_a_hobby_is_a_sport(said: Said) -> None:
    found = said("Pilates has fixed my posture, honestly.")
    sports = {(f[0], f[2], f[3]) for f in found if f[1] in {"plays_sport", "favourite_sport"}}
    assert ("Noor", "Pilates", False) in sports, found


@pytest.mark.parametrize(
    "text",
    ["Sofa-surfing at a mate's until the new flat is ready.", "Honestly I'm running on fumes."],
)
def test_no_sport_in_sofa_surfing_or_running_on_fumes(said: Said, text: str) -> None:
    found = said(text)
    assert not [f for f in found if f[2] and f[2].lower() in {"surfing", "running"}], found


@pytest.mark.parametrize(
    ("text", "sport"),
    [
        ("Hockey's been put on ice till my wrist heals.", "Hockey"),
        ("I've put squash on the back burner.", "squash"),
        ("Stepped away from cycling this year.", "cycling"),
        ("I stepped back from rugby after the concussion.", "rugby"),
        ("My Pilates habit has lapsed.", "Pilates"),
    ],
)
def test_a_sport_paused_stepped_back_from_or_lapsed_ends(said: Said, text: str, sport: str) -> None:
    found = said(text)
    assert [f for f in found if f[2] == sport and f[3]], found


def test_a_coined_name_opening_a_sentence_is_a_name(said: Said) -> None:
    found = said("Stormzy is what I listen to most these days.")
    assert ("Noor", "favourite_band", "Stormzy", False) in found, found


def test_a_plural_word_opening_a_sentence_is_no_name(said: Said) -> None:
    found = said("Took Biscuit for a walk. Spaniels are exhausting, honestly.")
    assert not [f for f in found if f[2] == "Spaniels"], found


def test_a_coined_name_run_down_is_no_favourite(said: Said) -> None:
    found = said("Stormzy sounds a bit tame to me now.")  # read as a name, as above
    assert not [f for f in found if f[2] == "Stormzy" and not f[3]], found


def test_who_got_a_pet_with_the_speaker_is_no_pet(said: Said) -> None:
    found = said("Omar and I just adopted a kitten!")
    assert not [f for f in found if f[2] == "Omar"], found
    assert [f for f in found if f[1] == "has_pet" and not f[3]], found


def test_a_title_after_as_beside_a_firm_is_the_job(said: Said) -> None:
    found = said("Quit Asos, I'm at Ocado now as a buyer.")
    assert ("Noor", "works_as", "buyer", False) in found, found
    assert ("Noor", "works_at", "Ocado", False) in found, found


def test_who_met_the_speakers_parents_is_a_partner(said: Said) -> None:
    found = said("Kwame met my parents on Saturday and they adored him.")
    assert ("Noor", "has_partner", "Kwame", False) in found, found


@pytest.mark.parametrize(
    ("text", "predicate", "since"),
    [
        ("I've worked at Arup for three years now.", "works_at", datetime(2021, 5, 1, tzinfo=UTC)),
        ("Pescatarian for two years now, no regrets.", "diet", datetime(2022, 5, 1, tzinfo=UTC)),
        ("I was vegan for three years.", "diet", None),  # over: no start of what holds
    ],
)
def test_a_span_up_to_now_dates_the_start_of_what_holds(
    text: str,
    predicate: str,
    since: datetime | None,
    extractor: SpacyExtractor,
    embedder: Embedder,
    frames: FrameMatcher,
) -> None:
    found = [m for m in facts(text, extractor, embedder, frames) if m.predicate == predicate]
    assert found and all(m.valid_from == since for m in found), found


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("Steering clear of dairy these days.", "dairy-free"),
        ("Haven't touched sugar in weeks.", "sugar-free"),
        ("Carbs are off the menu for me now.", "low-carb"),
        ("Zero gluten since the spring.", "gluten-free"),
    ],
)
def test_a_food_kept_away_from_states_the_diet(said: Said, text: str, diet: str) -> None:
    assert ("Noor", "diet", diet, False) in said(text)


def test_a_food_skipped_only_at_times_is_no_diet(said: Said) -> None:
    found = said("I don't eat meat on weekdays.")
    assert not [f for f in found if f[1] == "diet"], found


def test_a_sport_said_as_a_pastime_is_played(said: Said) -> None:
    found = said("Padel is how I unwind after work.")
    assert ("Noor", "plays_sport", "Padel", False) in found, found


def test_what_came_next_that_day_leaves_the_value_standing(said: Said) -> None:
    found = said("Saturdays are for netball, then a long lunch.")
    assert [f for f in found if f[2] == "netball" and not f[3]], found
    assert not [f for f in found if f[2] == "netball" and f[3]], found


def test_moving_in_together_next_month_says_who_the_partner_is_now(said: Said) -> None:
    found = said("Tariq and I are moving in together next month!")
    assert ("Noor", "has_partner", "Tariq", False) in found, found


def test_a_name_beside_the_speaker_in_a_planned_move_is_no_home(said: Said) -> None:
    found = said("Sami and I are moving to Leeds next month.")
    assert not [f for f in found if f[1] == "lives_in"], found


def test_a_diet_named_beside_the_food_it_keeps_out_is_the_one_stated(said: Said) -> None:
    found = said("I'm keto now, so no carbs for me.")
    diets = {f[2] for f in found if f[1] == "diet"}
    assert diets == {"keto"}, found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Priya's my girlfriend now.", ("has_partner", "Priya")),
        ("Anil's my fiancé, we're looking at venues.", ("engaged_to", "Anil")),
        ("Ravi is my fiancé now.", ("engaged_to", "Ravi")),
    ],
)
def test_a_name_said_to_be_the_speakers_partner_however_parsed(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == fact and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Tom is my boyfriend's dad.",
        "My sister is getting a divorce.",
        "I'm not getting a divorce, whatever Mum thinks.",
        "We separated the recycling into three bins.",
    ],
)
def test_no_partner_of_the_speakers_in_these(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"has_partner", "married_to", "engaged_to"}], found


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Shame is on repeat this week.", "Shame"),
        ("Big Thief is all I listen to now.", "Big Thief"),
        ("Lump have become my comfort band.", "Lump"),
        ("I listen to The Smile every day.", "The Smile"),
        ("Pond are the only band I care about at the moment.", "Pond"),
    ],
)
def test_a_name_whose_music_the_sentence_speaks_of_is_an_artist(
    text: str, band: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("favourite_band", band) and not f[3]], found


@pytest.mark.parametrize("text", ["Sunny Brighton was lovely.", "Lovely Tom came by with cake."])
def test_a_word_of_praise_before_a_town_or_a_person_is_no_band(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "favourite_band"], found


@pytest.mark.parametrize(
    "text", ["I've moved on to Lankum.", "Moved on to Sampha, can't get enough."]
)
def test_what_the_speaker_moved_on_to_is_no_home(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"lives_in", "moved_to"}], found


def test_moving_on_to_a_known_town_is_a_move(said: Said) -> None:
    found = said("After Prague we moved on to Vienna for good.")
    assert [f for f in found if f[1:3] == ("lives_in", "Vienna")], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Olu is my boyfriend now.", ("has_partner", "Olu")),
        ("Sven is my husband now.", ("married_to", "Sven")),
        ("I married Sven in the summer.", ("married_to", "Sven")),
        ("I'm in a relationship with Mateo these days.", ("has_partner", "Mateo")),
        ("Things are getting serious with Lukas.", ("has_partner", "Lukas")),
    ],
)
def test_a_partner_however_the_tagger_took_the_name(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == fact and not f[3]], found
    assert not [f for f in found if f[1] == "lives_in"], found


@pytest.mark.parametrize(
    "text", ["My favourite band these days? Shame, easily.", "Favourite band right now: Shame."]
)
def test_a_favourite_asked_then_answered_is_the_favourite(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("favourite_band", "Shame") and not f[3]], found


@pytest.mark.parametrize(
    ("text", "sport"),
    [
        ("I train for rowing most mornings.", "rowing"),
        ("I compete in fencing at club level.", "fencing"),
        ("On Sundays you'll find me on a squash court.", "squash"),
    ],
)
def test_a_sport_trained_for_or_where_the_speaker_is_found_is_played(
    text: str, sport: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[2] == sport and not f[3]], found


def test_where_someone_is_asked_to_find_the_speaker_is_no_habit(said: Said) -> None:
    found = said("Can you find me a squash court near the office?")
    assert not [f for f in found if f[2] == "squash"], found


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("No more dairy for me, my skin is so much better.", "dairy-free"),
        ("I don't touch gluten anymore.", "gluten-free"),
        ("Sugar is off the table for me since the new year.", "sugar-free"),
        ("Said goodbye to meat over the summer.", "vegetarian"),
    ],
)
def test_a_food_kept_out_in_more_wordings_is_a_diet(text: str, diet: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("diet", diet) and not f[3]], found


def test_a_food_skipped_for_one_evening_is_no_diet(said: Said) -> None:
    found = said("No more sugar tonight, I've had enough cake.")
    assert not [f for f in found if f[1] == "diet"], found


@pytest.mark.parametrize(
    "text",
    [
        "My first day at Ocado was a blur.",
        "First day at Ocado was great, everyone's lovely.",
        "First week at Monzo done.",
    ],
)
def test_a_first_day_at_a_firm_told_in_the_past_begins_the_job(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "works_at" and not f[3]], found
    assert not [f for f in found if f[1] == "works_at" and f[3]], found


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Monzo made me an offer I couldn't say no to.", "Monzo"),
        ("The commute to Ocado is brutal, two trains and a bus.", "Ocado"),
        ("I'm part of the Monzo team now.", "Monzo"),
    ],
)
def test_a_firm_named_by_what_it_does_for_the_speaker_is_the_employer(
    text: str, firm: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("works_at", firm) and not f[3]], found
    assert not [f for f in found if f[1] in {"lives_in", "supports_team"}], found


@pytest.mark.parametrize(
    ("text", "car"),
    [
        ("Part-exchanged my tired old hatchback for a Kia Niro.", "Kia Niro"),
        ("Traded my Polo in for a Golf last week.", "Volkswagen Golf"),
        ("Got the keys to a Yaris this morning!", "Toyota Yaris"),
        ("The Octavia is finally mine, paid it off today.", "Skoda Octavia"),
    ],
)
def test_a_car_got_in_exchange_or_by_its_keys_is_driven(text: str, car: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("drives", car) and not f[3]], found


def test_a_sport_said_to_be_all_the_speakers_is_no_car(said: Said) -> None:
    found = said("Golf is all mine on Sundays, the kids have the telly.")
    assert not [f for f in found if f[1] == "drives"], found


def test_whom_the_speaker_got_engaged_to_is_the_partner_however_tagged(said: Said) -> None:
    found = said("Got engaged to Oona last weekend!")
    assert [f for f in found if f[2] == "Oona" and f[1] in {"has_partner", "engaged_to"}], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Say hello to Marzipan, our new rabbit!", ("has_pet", "Marzipan")),
        ("That's Ilse in the photo, my girlfriend now.", ("has_partner", "Ilse")),
    ],
)
def test_a_name_before_a_comma_and_my_kin_noun_is_that_kin(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == fact and not f[3]], found


def test_a_name_before_my_kins_relative_is_not_my_kin(said: Said) -> None:
    found = said("I met Tom, my sister's boyfriend.")
    assert not [f for f in found if f[2] == "Tom" and f[1] == "has_sister"], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("I've joined Monzo, first week was a whirlwind.", ("works_at", "Monzo")),
        ("I joined a book club at the library.", ("member_of", "book club")),
    ],
)
def test_a_firm_joined_is_the_employer_and_a_club_joined_a_membership(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == fact and not f[3]], found


@pytest.mark.parametrize(
    ("text", "partner"),
    [("Jonas said he loves me!", "Jonas"), ("Ilse told me she loves me last night.", "Ilse")],
)
def test_whoever_said_they_love_the_speaker_is_the_partner(
    text: str, partner: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", partner) and not f[3]], found


@pytest.mark.parametrize(
    "text", ["Mum loves me, whatever I do.", "Does Jonas love me?", "Jonas doesn't love me."]
)
def test_no_partner_from_a_love_that_is_kin_asked_or_denied(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "has_partner" and not f[3]], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Siri is my girlfriend now.", ("has_partner", "Siri")),
        ("I've been seeing Sade since the spring.", ("has_partner", "Sade")),
        ("Ife and I are engaged!", ("has_partner", "Ife")),
        ("Mosi and I are officially together.", ("has_partner", "Mosi")),
        ("Ebbe and I have been dating for a month.", ("has_partner", "Ebbe")),
        ("Rune and I got married in the autumn.", ("married_to", "Rune")),
        ("It's getting serious with Ilkka.", ("has_partner", "Ilkka")),
        ("I'm with Ugne these days.", ("has_partner", "Ugne")),
    ],
)
def test_a_partner_by_a_name_no_list_knows(text: str, fact: tuple[str, str], said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == fact and not f[3]], found


@pytest.mark.parametrize(
    "text",
    ["Mum is my best friend, honestly.", "Dad is my hero."],
)
def test_no_partner_from_kin_said_to_be_a_friend(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"has_partner", "married_to"}], found


def test_a_couple_is_no_kind_of_person(said: Said) -> None:
    found = said("Marit and I are a couple now.")
    assert not [f for f in found if f[1] == "is_a"], found


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("I've got a new boyfriend called Ebbe.", "Ebbe"),
        ("I'm in a relationship with Ilkka these days.", "Ilkka"),
        ("Ilkka asked me out and we've been together ever since.", "Ilkka"),
        ("Dating Odile has been the best part of my year.", "Odile"),
        ("Odile moved in with me in the autumn.", "Odile"),
    ],
)
def test_a_name_no_list_knows_is_the_partner_where_the_sentence_speaks_of_love(
    text: str, partner: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "has_partner" and f[2] == partner and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "My boyfriend works at Halden Logistics now.",
        "My lazy tabby Mosi sleeps all day and my boyfriend finds it hilarious.",
        "Date nights are Fridays since Ebbe works Saturdays.",
        "My girlfriend and I booked a cabin in Kiruna.",
    ],
)
def test_no_partner_from_a_firm_pet_day_or_place_beside_talk_of_love(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] in {"has_partner", "married_to"} and f[2]], found


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("My new employer, Rakuten, sent me a welcome pack.", "Rakuten"),
        ("After six years at Bosch I've moved to Zendesk.", "Zendesk"),
        ("I joined Zendesk in the spring and love it.", "Zendesk"),
    ],
)
def test_a_firm_the_ner_took_for_a_person_is_the_employer_where_the_sentence_says_so(
    text: str, firm: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("works_at", firm) and not f[3]], found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("After six years at Bosch I've moved to Lisbon.", "works_at"),
        ("I joined Priya at the climbing wall.", "works_at"),
    ],
)
def test_a_town_moved_to_or_a_friend_joined_is_no_employer(
    text: str, kind: str, said: Said
) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == kind and f[2] in {"Lisbon", "Priya"}], found


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Bicep put out a record and I've listened to nothing else.", "Bicep"),
        ("The band I can't get enough of lately is Wolf Alice.", "Wolf Alice"),
        ("Blur were my band for years, but Caribou have taken their place.", "Caribou"),
        ("Went to see Alvvays live and now I'm hooked.", "Alvvays"),
    ],
)
def test_an_artist_by_what_the_sentence_says_of_their_music(
    text: str, band: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("favourite_band", band) and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Ravi put out a record of his gran's recipes.",
        "My neighbour took my parking place again.",
        "I haven't listened to anything Ravi said.",
    ],
)
def test_no_favourite_band_from_a_record_or_a_place_taken(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "favourite_band"], found


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("Cutting gluten has changed my life.", "gluten-free"),
        ("I've said no to dairy for good.", "dairy-free"),
        ("Totally off sugar since the new year.", "sugar-free"),
        ("Meat is dead to me now.", "vegetarian"),
    ],
)
def test_a_food_cut_refused_or_dead_to_the_speaker_is_a_diet(
    text: str, diet: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("diet", diet) and not f[3]], found


def test_meat_cut_up_for_a_stew_is_no_diet(said: Said) -> None:
    found = said("I cut meat into strips for the stir fry.")
    assert not [f for f in found if f[1] == "diet"], found


def test_an_artist_got_into_and_now_all_the_speaker_listens_to_is_the_favourite(
    said: Said,
) -> None:
    found = said("I got into Alvvays at the weekend and now it's all I listen to.")
    assert [f for f in found if f[1:3] == ("favourite_band", "Alvvays") and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Jonas and I split up in the spring, and then Mateo came along.",
        "Jonas moved out in June, Mateo moved in.",
        "Meet Mateo, the new man in my life.",
    ],
)
def test_who_came_along_or_moved_in_after_a_breakup_is_the_partner(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", "Mateo") and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Mateo moved in last week, he's a great flatmate.",
        "My brother moved out and Mateo moved in, he pays the rent on time.",
        "Then Mateo came along and ate all the cake.",
    ],
)
def test_who_moved_in_or_came_along_without_a_breakup_is_no_partner(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "has_partner" and f[2] == "Mateo"], found


@pytest.mark.parametrize(
    "text",
    [
        "Since the breakup with Jonas I've been with Ilkka.",
        "Ilkka and I have been going out since Easter.",
        "I've fallen for Siri and she feels the same.",
    ],
)
def test_a_partner_gone_out_with_fallen_for_or_been_with_after_a_breakup(
    text: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "has_partner" and not f[3] and f[2] != "Jonas"], found


@pytest.mark.parametrize(
    "text",
    ["Ilkka and I are going out for dinner tonight.", "I've fallen for Porto all over again."],
)
def test_no_partner_from_a_night_out_or_a_town_fallen_for(text: str, said: Said) -> None:
    found = said(text)
    assert not [f for f in found if f[1] == "has_partner"], found


def test_a_single_life_enjoyed_is_liked_as_a_whole(said: Said) -> None:
    found = said("I'm enjoying being single for once.")
    assert not [f for f in found if f[2] == "being"], found


@pytest.mark.parametrize(
    "text",
    ["Not with Jonas anymore, Ilkka and I are a thing.", "I've met someone new, Siri, at work."],
)
def test_a_partner_by_a_couple_that_is_a_thing_or_someone_new_met(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "has_partner" and f[2] != "Jonas" and not f[3]], found


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("I'm dating Ebbe these days.", "Ebbe"),
        ("I've been dating Odile since the spring.", "Odile"),
        ("I'm seeing Mateo now, it's early days.", "Mateo"),
    ],
)
def test_whom_the_speaker_is_dating_is_the_partner_not_a_date(
    text: str, partner: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", partner) and not f[3]], found
    assert not [f for f in found if f[1] == "dates"], found


def test_whom_the_speaker_dated_once_is_no_partner_now(said: Said) -> None:
    found = said("I dated Mateo at uni, years ago.")
    assert not [f for f in found if f[1] == "has_partner" and not f[3]], found


def test_a_wedding_dj_is_no_partner(said: Said) -> None:
    found = said("The wedding DJ played our song twice and my aunt cried.")
    assert not [f for f in found if f[1] in {"has_partner", "married_to"}], found


@pytest.mark.parametrize(
    "text",
    [
        "Bastien is my significant other.",
        "I have a significant other now, his name is Bastien.",
        "Got a boyfriend now, his name is Bastien.",
        "My new beau is Bastien.",
        "Bastien's my fella these days.",
        "Still with Bastien, we're very happy.",
        "Bastien is the one for me.",
        "Falling hard for Bastien, to be honest.",
        "I've got someone new, Bastien.",
    ],
)
def test_a_partner_by_a_kin_phrase_or_a_chat_s_wording(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", "Bastien") and not f[3]], found
    assert not [f for f in found if f[1] == "favourite_band"], found


@pytest.mark.parametrize(
    "text",
    [
        "Can't believe Bastien and I have been together two years.",
        "I'm with Bastien now, did I tell you?",
        "My heart belongs to Bastien.",
    ],
)
def test_a_partner_told_with_amazement_a_question_tacked_on_or_a_heart_given(
    text: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", "Bastien") and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "I'm totally smitten with Bastien.",
        "Bastien has well and truly swept me off my feet.",
        "Bastien stole my heart at the book club.",
        "Bastien is my person now.",
        "Happily taken by Bastien, sorry everyone.",
    ],
)
def test_a_partner_told_in_the_words_of_romance(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", "Bastien") and not f[3]], found
    assert not [f for f in found if f[1].startswith("favourite_")], found


@pytest.mark.parametrize(
    "text",
    [
        "Met Bastien on an app in March, and now we see each other every weekend.",
        "Bastien makes my heart skip.",
        "I'm Bastien's girlfriend now!",
        "Bastien calls me his girlfriend now, eek.",
    ],
)
def test_a_partner_met_on_an_app_in_the_heart_or_named_from_their_side(
    text: str, said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[:3] == ("Noor", "has_partner", "Bastien") and not f[3]], found


def test_someone_else_s_girlfriend_or_a_call_is_no_partner_of_the_speaker(said: Said) -> None:
    assert not [f for f in said("Ana is Bastien's girlfriend.") if f[0] == "Noor"]
    assert not [f for f in said("Bastien calls me every day.") if f[1] == "has_partner"]


@pytest.mark.parametrize(
    "text",
    [
        "Still crazy about Callum.",
        "Life with Callum is pretty great these days.",
        "Happier than ever with Callum.",
    ],
)
def test_a_partner_told_of_as_the_speaker_s_happiness(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[:3] == ("Noor", "has_partner", "Callum") and not f[3]], found


@pytest.mark.parametrize(
    "text", ["Lucky to have Callum as a friend.", "My life with Callum as my flatmate is chaos."]
)
def test_someone_named_as_a_friend_or_flatmate_is_no_partner(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] in {"has_partner", "lives_in", "favourite_book"}]


def test_a_partner_named_by_a_word_the_tagger_takes_for_an_adjective(said: Said) -> None:
    found = said("My partner is Ulo.")
    assert ("Noor", "has_partner", "Ulo", False) in found, found


def test_sitting_next_to_someone_is_no_romance(said: Said) -> None:
    found = said("Sat next to Bastien at the conference today.")
    assert not [f for f in found if f[1] in {"has_partner", "married_to"}], found


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("Been living without dairy since the new year.", "dairy-free"),
        ("Haven't eaten gluten since my diagnosis.", "gluten-free"),
        ("The dietitian took me off sugar in the autumn.", "sugar-free"),
        ("Went cold turkey on dairy after the holidays.", "dairy-free"),
        ("Finally kicked my sugar habit.", "sugar-free"),
        ("Swapped dairy for oat milk and never looked back.", "dairy-free"),
        ("Checking every label for gluten, it's tedious.", "gluten-free"),
        ("Honestly, my stomach doesn't do dairy any more.", "dairy-free"),
        ("Gluten gave me cramps for years, so it's out of my diet now.", "gluten-free"),
        ("Six months carb-free!", "low-carb"),
        ("Meat hasn't crossed my lips since my trip to Penang.", "vegetarian"),
        ("Three months since I last ate sugar.", "sugar-free"),
        ("I'm done with gluten, my gut thanks me.", "gluten-free"),
        ("Goodbye dairy, hello oat lattes.", "dairy-free"),
        ("Not a bite of meat since Christmas.", "vegetarian"),
        ("We binned all the sugar from the cupboards in January.", "sugar-free"),
        ("Dairy has been out of my life since the autumn.", "dairy-free"),
        ("Stopped buying meat after the farm visit.", "vegetarian"),
        ("Eliminated gluten on my GP's advice.", "gluten-free"),
        ("I feel so much better without sugar, so that's that.", "sugar-free"),
    ],
)
def test_a_diet_told_by_the_food_it_keeps_out(text: str, diet: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("diet", diet) and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Swapped the beef for tofu in the chili tonight.",
        "I haven't eaten gluten since breakfast, I'm starving.",
        "Went a week without sugar for a bet.",
        "I'm done with sugar for today, that cake was huge.",
    ],
)
def test_a_food_left_out_once_is_no_diet(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] == "diet"]


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("Decided to go pescatarian over the summer.", "pescatarian"),
        ("I decided that dairy isn't for me.", "dairy-free"),
    ],
)
def test_a_diet_decided_on_in_the_past_is_kept(text: str, diet: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("diet", diet) and not f[3]], found


@pytest.mark.parametrize(
    "text",
    ["I've decided to move to Tromso.", "My dog has decided the sofa is his bed now."],
)
def test_a_move_decided_on_or_a_pet_s_decision_is_no_fact_of_the_speaker(
    text: str, said: Said
) -> None:
    assert not [f for f in said(text) if f[1] in {"lives_in", "has_pet"} and f[2] != "dog"]


def test_a_band_listened_to_though_tagged_a_verb_after_to(said: Said) -> None:
    found = said("Lately I've been listening to Stormzy a lot.")
    assert ("Noor", "favourite_band", "Stormzy", False) in found, found


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("I've fallen hard for Wolf Alice, their new record is perfect.", "Wolf Alice"),
        ("Can't get enough of Big Thief, been listening nonstop.", "Big Thief"),
    ],
)
def test_a_name_fallen_for_in_a_sentence_of_music_is_the_band(
    text: str, band: str, said: Said
) -> None:
    found = said(text)
    assert ("Noor", "favourite_band", band, False) in found, found
    assert not [f for f in found if f[1] in {"favourite_book", "has_partner"}], found


def test_a_name_loved_beside_a_show_is_no_band(said: Said) -> None:
    found = said("I'm obsessed with Severance, the new season is on repeat at ours.")
    assert not [f for f in found if f[1] == "favourite_band"], found


@pytest.mark.parametrize(
    "text",
    [
        "My Larkfield lanyard still feels weird to wear.",
        "Finally got my Larkfield badge this morning.",
        "My first payslip from Larkfield came through.",
    ],
)
def test_a_firm_named_on_the_speaker_s_lanyard_badge_or_payslip_employs_them(
    text: str, said: Said
) -> None:
    found = said(text)
    assert ("Noor", "works_at", "Larkfield", False) in found, found


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("My first week as a sous chef was a whirlwind.", False),
        ("My last day as a sous chef was emotional.", True),
    ],
)
def test_a_first_or_last_stint_as_a_title(text: str, ended: bool, said: Said) -> None:
    found = said(text)
    assert ("Noor", "works_as", "sous chef", ended) in found, found


def test_seats_are_no_car_make(said: Said) -> None:
    found = said("The Duster has heated seats.")
    assert not [f for f in found if f[1] == "drives" and "seat" in f[2].lower()], found


def test_a_car_taken_delivery_of_is_driven(said: Said) -> None:
    found = said("Took delivery of a Sandero this week.")
    assert ("Noor", "drives", "Dacia Sandero", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Lately it's all Arcade Fire on my playlist.",
        "It's Arcade Fire in my headphones all day.",
    ],
)
def test_a_band_on_the_speaker_s_playlist_or_in_their_headphones(text: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "favourite_band", "Arcade Fire", False) in found, found


def test_a_name_ending_in_initials_keeps_its_last_period(said: Said) -> None:
    found = said("Lately it's only Stella K.D. in my headphones.")
    assert ("Noor", "favourite_band", "Stella K.D.", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "After the old boy passed, I adopted Bramble, a little cat.",
        "It's Bramble the cat now, the old boy went to my parents'.",
    ],
)
def test_a_pet_named_by_a_word_the_tagger_takes_for_an_adjective(text: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "has_pet", "Bramble", False) in found, found


@pytest.mark.parametrize(
    "text",
    ["Another lacrosse match this weekend, can't wait.", "Another lacrosse session tomorrow."],
)
def test_one_more_of_a_sport_on_a_day_to_come_is_played(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("plays_sport", "lacrosse") and not f[3]], found


@pytest.mark.parametrize(
    "text", ["Can't wait to move to Tromso.", "Moving to Tromso next month, can't wait."]
)
def test_a_move_looked_forward_to_is_no_home_yet(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] == "lives_in"]


def test_a_pet_still_missed_is_over(said: Said) -> None:
    found = said("I still miss Hobbes every day, but the new kitten helps.")
    assert ("Noor", "has_pet", "Hobbes", True) in found, found


@pytest.mark.parametrize(
    "text", ["I miss Bastien so much, he's away all week.", "I still miss sushi from that place."]
)
def test_someone_away_for_now_or_a_dish_missed_is_not_over(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[3]]


@pytest.mark.parametrize(
    "text", ["Sore everywhere after lacrosse last night.", "Starving after lacrosse yesterday."]
)
def test_worn_out_after_a_sport_just_played_is_no_end_of_it(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[2] == "lacrosse" and not f[3]], found
    assert not [f for f in found if f[3]], found


def test_after_years_somewhere_the_stint_is_over(said: Said) -> None:
    found = said("After years in Tromso, we moved to Bergen last night.")
    assert ("Noor", "lives_in", "Bergen", False) in found, found


@pytest.mark.parametrize(
    "text", ["Callum lives next to my office.", "Callum works opposite our flat."]
)
def test_someone_near_the_speaker_s_office_or_flat_is_no_home_of_theirs(
    text: str, said: Said
) -> None:
    assert not [f for f in said(text) if f[:2] == ("Noor", "lives_in")]


@pytest.mark.parametrize(
    "text",
    [
        "Last month Radek and I made things official.",  # the parser ended it at "Radek"
        "Wiebke asked me to be exclusive and I said yes.",
        "It's been a month since Radek asked me out, and we're still going strong.",
        "Radek has been staying at mine most nights.",
        "I'm off the market, Radek snapped me up.",
        "Radek and I went from friends to more than friends in June.",
        "Wiebke and I started dating last month.",  # "Wiebke" tagged a firm
        "Wiebke and I have been going steady since the new year.",
    ],
)
def test_a_partner_told_without_a_word_for_one(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[0] == "Noor" and f[1] == "has_partner" and not f[3]], found


def test_a_date_beside_and_i_still_ends_its_sentence(said: Said) -> None:
    found = said("My dad did Atkins, but I quit it at Easter and I'm gluten-free now.")
    assert ("Noor", "diet", "gluten-free", False) in found, found


def test_a_firm_that_pays_the_speaker_s_rent_is_the_employer(said: Said) -> None:
    found = said("Larkfield pays my rent, more or less.")
    assert ("Noor", "works_at", "Larkfield", False) in found, found
    assert not [f for f in found if f[1] == "lives_in"], found


def test_a_name_listened_to_though_hung_on_the_adverb_after_it(nlp: Any) -> None:
    doc = nlp("I've been listening to Suede nonstop.")
    assert doc[5].dep_ == "compound"  # the parse this guards: "Suede" qualifies "nonstop"
    assert music_made_by(doc[5])


@pytest.mark.parametrize(
    "text",
    [
        "Been going out with Helena for a few weeks.",
        "Helena kissed me at midnight and now we're dating.",
        "Date night with Marina again, our fourth this month.",
    ],
)
def test_a_partner_with_a_name_wordnet_also_lists(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[0] == "Noor" and f[1] == "has_partner" and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "Been going out with Sigrun for a few weeks.",  # "Sigrun" tagged a place
        "Me and Sigrun are going steady.",
        "Honestly, it's Sigrun and me these days.",
    ],
)
def test_a_partner_whose_name_no_list_knows(text: str, said: Said) -> None:
    found = said(text)
    assert ("Noor", "has_partner", "Sigrun", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "shoutout to the whole team, valentines week nearly broke us",
        "Went out with Sigrun for drinks.",
    ],
)
def test_an_opening_word_or_a_night_out_is_no_partner(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] == "has_partner"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Quit being a night porter, figuring out what's next.",
            ("works_as", "night porter"),
        ),
        ("We broke up, Bastien and me, in the spring.", ("has_partner", "Bastien")),
        ("Finished up at Ocado, taking the summer off.", ("", "Ocado")),
    ],
)
def test_a_value_left_by_quitting_being_it_finishing_up_or_breaking_up(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1].startswith(fact[0]) and f[2] == fact[1] and f[3]], found
    assert not [f for f in found if f[2] == fact[1] and not f[3]], found


def test_eating_everything_again_ends_the_diet(said: Said) -> None:
    found = said("Couldn't keep up the keto thing, so I'm back to eating everything.")
    assert [f for f in found if f[1] == "diet" and f[3]], found


def test_finishing_a_shift_at_work_ends_no_job(said: Said) -> None:
    found = said("Finished my shift at Ocado, knackered.")
    assert not [f for f in found if f[2] == "Ocado" and f[3]], found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "I'm all about kickboxing these days, I'm sore everywhere.",
            ("plays_sport", "kickboxing"),
        ),
        ("Keto has made me obsessed with reading labels.", ("diet", "Keto")),
    ],
)
def test_a_value_a_lexicon_types_said_in_words_of_taste_keeps_its_type(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    assert ("Noor", *fact, False) in said(text)


def test_a_role_held_in_a_group_is_the_speaker_s_title(said: Said) -> None:
    found = said("I'm the department's new payroll officer.")
    assert ("Noor", "works_as", "payroll officer", False) in found, found
    assert not [f for f in said("I'm my sister's new flatmate.") if f[1] == "works_as"]


@pytest.mark.parametrize(
    "text",
    ["The Larkfield office has a rooftop terrace, I'm spoiled.", "Larkfield HQ is huge."],
)
def test_a_name_that_qualifies_an_office_is_a_firm_not_a_home(text: str, said: Said) -> None:
    assert not [f for f in said(text) if f[1] == "lives_in"]


def test_a_weekday_a_dish_is_eaten_on_is_no_one_s(said: Said) -> None:
    found = said("Every Friday is laksa night now.")
    assert not [f for f in found if f[0] == "Friday"], found
    assert [f for f in found if f[0] == "Noor" and f[1] == "favourite_food"], found


def test_a_name_tagged_a_firm_where_its_own_clause_speaks_of_dating(said: Said) -> None:
    found = said("Date night with Tancredi again, our fourth this month.")
    assert [f for f in found if f[1:3] == ("has_partner", "Tancredi") and not f[3]], found
    found = said("Tancredi moved in with me in May.")
    assert [f for f in found if f[1:3] == ("has_partner", "Tancredi") and not f[3]], found
    assert not [f for f in found if f[1] == "lives_in"], found
    assert not [f for f in said("My boyfriend loves Ikea.") if f[1] == "has_partner"]


def test_a_date_that_went_on_to_a_couple_is_no_end(said: Said) -> None:
    found = said("In May I went on a date with Bastien, and now we're a couple.")
    assert ("Noor", "has_partner", "Bastien", False) in found, found
    assert ("Noor", "has_partner", "Bastien", True) not in found, found


def test_a_tag_question_still_asks_whether_the_statement_holds(said: Said) -> None:
    assert not said("You moved to Graz, didn't you?")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Trying to stick to paleo these days.", ("diet", "paleo")),
        ("I'm trying to stay pescatarian.", ("diet", "pescatarian")),
        ("I'm a flexitarian now, believe it or not.", ("diet", "flexitarian")),
    ],
)
def test_a_diet_kept_to_or_told_believe_it_or_not(
    text: str, fact: tuple[str, str], said: Said
) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == fact and not f[3]], found


def test_a_diet_tried_for_is_not_yet_held(said: Said) -> None:
    assert not [f for f in said("I'm trying to go pescatarian.") if f[1] == "diet"]


def test_the_firm_clocked_in_at_is_the_workplace(said: Said) -> None:
    found = said("These days I clock in at Klarna.")
    assert [f for f in found if f[1:3] == ("works_at", "Klarna") and not f[3]], found


def test_a_full_stop_typed_after_an_abbreviation_keeps_the_name_whole(said: Said) -> None:
    found = said("I moved to Washington D.C.. Love it here.")
    assert ("Noor", "lives_in", "Washington D.C.", False) in found, found
    found = said("My favourite band is Sleater K.K..")
    assert ("Noor", "favourite_band", "Sleater K.K.", False) in found, found


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("The Vaccines are my favourite band.", "The Vaccines"),
        ("The Vaccines still my favourite band, never changing.", "The Vaccines"),
        ("Sault still my favourite band, never changing.", "Sault"),
    ],
)
def test_a_band_keeps_its_the_and_a_verbless_favourite_is_read(
    text: str, band: str, said: Said
) -> None:
    assert ("Noor", "favourite_band", band, False) in said(text)


def test_a_title_said_to_start_is_the_job(said: Said) -> None:
    found = said("HR sent the letter: PhD researcher, starting immediately.")
    assert ("Noor", "works_as", "phd researcher", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Off to archery practice, talk later.",
        "Bought new archery gear, it's getting serious.",
        "Training for an archery tournament next month.",
    ],
)
def test_a_sport_practised_or_trained_for_is_played(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1] == "plays_sport" and f[2] == "archery" and not f[3]], found


@pytest.mark.parametrize(
    "text",
    [
        "My son's archery practice ran late.",
        "Mads from the archery club called.",
        "Did a free trial archery session, my arms hurt.",
    ],
)
def test_someone_else_s_practice_or_a_club_someone_is_from_is_no_sport(
    text: str, said: Said
) -> None:
    assert not [f for f in said(text) if f[0] == "Noor" and "sport" in f[1]]


@pytest.mark.parametrize(
    "text",
    ["Seeing someone, Bastien, it's going well.", "Been seeing someone - his name's Bastien."],
)
def test_the_someone_a_chat_says_it_is_seeing_is_named_after(text: str, said: Said) -> None:
    found = said(text)
    assert [f for f in found if f[1:3] == ("has_partner", "Bastien") and not f[3]], found


def test_the_one_the_speaker_plans_a_wedding_with_is_the_partner(said: Said) -> None:
    found = said("Bastien and I are planning our wedding.")
    assert [f for f in found if f[1] in {"has_partner", "married_to"} and f[2] == "Bastien"]
    assert not said("I'm planning my cousin's wedding.")


def test_a_band_named_by_a_word_no_dictionary_has_though_tagged_an_adjective(
    said: Said,
) -> None:
    found = said("My go-to band these days is Slowdive.")
    assert ("Noor", "favourite_band", "Slowdive", False) in found, found


def test_a_year_of_listening_summed_up_is_the_favourite_band(said: Said) -> None:
    found = said("My year-end music stats were basically just Slowdive.")
    assert ("Noor", "favourite_band", "Slowdive", False) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "If you asked me for one band, it'd be Idles.",
        "Ask me my favourite band now and I'll say Idles.",
    ],
)
def test_the_answer_the_speaker_would_give_if_asked_is_held(text: str, said: Said) -> None:
    assert ("Noor", "favourite_band", "Idles", False) in said(text)
    assert not said("Ask me tomorrow and I'll say yes.")
