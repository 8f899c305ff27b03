"""Small word lists that tell the type of an object the parser cannot: foods, diets,
sports, car makes, job titles... Plain data, lower case; multi-word entries are matched
as phrases. No spaCy, no I/O."""

from __future__ import annotations

import functools
from importlib import resources


def words(text: str) -> frozenset[str]:
    """A word list from whitespace-separated words (``_`` joins the words of a phrase)."""
    return frozenset(w.replace("_", " ") for w in text.split())


_words = words


FOODS = _words(
    "pizza pasta lasagne lasagna spaghetti carbonara risotto gnocchi ravioli sushi sashimi "
    "ramen udon pho noodles dumplings gyoza dim_sum bao curry biryani dal daal tikka_masala "
    "korma vindaloo naan tacos burritos burrito quesadillas enchiladas nachos fajitas "
    "falafel hummus shawarma kebab kebabs gyros souvlaki moussaka paella tapas churros "
    "burgers burger hamburgers cheeseburger fries chips fish_and_chips steak steaks "
    "barbecue bbq ribs brisket wings chicken_wings fried_chicken roast_chicken "
    "sunday_roast pies pie pancakes waffles crepes croissants bagels sandwiches salad "
    "salads caesar_salad soup soups stew chili chilli goulash pierogi schnitzel bratwurst "
    "sausages pad_thai green_curry massaman laksa satay rendang bibimbap kimchi bulgogi "
    "tteokbokki katsu tempura teriyaki poke poke_bowls ceviche empanadas arepas feijoada "
    "jollof jollof_rice injera tagine couscous shakshuka mezze fondue raclette "
    "mac_and_cheese lobster crab oysters mussels prawns shrimp salmon tuna cheese "
    "chocolate ice_cream gelato cake cheesecake brownies cookies doughnuts donuts "
    "tiramisu baklava apple_pie pho_bo dosa idli samosas pakoras paneer butter_chicken "
    "chicken_tikka chicken_tikka_masala avocado_toast porridge granola eggs_benedict "
    "omelettes quiche "
    "hot_pot hotpot peking_duck spring_rolls fried_rice chow_mein lo_mein mapo_tofu "
    "tofu tempeh sourdough bread kimbap onigiri okonomiyaki takoyaki yakitori "
    "pupusas tamales pozole mole gumbo jambalaya lasagne_al_forno pizzas wrap wraps"
)
DRINKS = _words(
    "coffee espresso latte lattes cappuccino flat_white americano mocha macchiato "
    "cold_brew tea green_tea black_tea chai chai_latte matcha matcha_latte oat_latte "
    "earl_grey herbal_tea mint_tea rooibos kombucha lemonade smoothie smoothies "
    "milkshake hot_chocolate cocoa juice orange_juice beer ipa lager stout ale cider "
    "wine red_wine white_wine rose prosecco champagne cava gin gin_and_tonic vodka "
    "whisky whiskey bourbon rum tequila mezcal margarita margaritas mojito mojitos "
    "negroni spritz aperol_spritz martini cola coke diet_coke sparkling_water soda "
    "bubble_tea boba sake soju yerba_mate mate"
)
SPORTS = _words(
    "football soccer basketball baseball tennis golf rugby cricket hockey ice_hockey "
    "volleyball beach_volleyball badminton squash table_tennis ping_pong padel "
    "swimming running cycling triathlon marathons athletics boxing kickboxing judo "
    "karate taekwondo jiu-jitsu wrestling fencing rowing sailing surfing skiing "
    "snowboarding skateboarding climbing bouldering handball netball lacrosse "
    "american_football formula_one f1 motorsport darts snooker billiards bowling curling "
    "gymnastics yoga pilates crossfit weightlifting powerlifting archery equestrian "
    "horse_riding water_polo ultimate_frisbee softball field_hockey trail_running "
    "kayaking canoeing diving muay_thai mma capoeira aikido kung_fu "
    "paddleboarding orienteering roller_derby dodgeball korfball hurling five-a-side futsal "
    "spinning zumba pickleball"
)
#: a sport said by its verb ("I swim instead", "we cycle every weekend") -> its name
SPORT_VERBS = {
    "swim": "swimming",
    "cycle": "cycling",
    "climb": "climbing",
    "boulder": "bouldering",
    "surf": "surfing",
    "ski": "skiing",
    "snowboard": "snowboarding",
    "row": "rowing",
    "box": "boxing",
    "run": "running",
    "jog": "running",
    "kayak": "kayaking",
    "canoe": "canoeing",
    "sail": "sailing",
    "golf": "golf",
}
GENRES = _words(
    "jazz blues rock classic_rock hard_rock punk metal heavy_metal death_metal pop "
    "indie indie_rock indie_folk folk country hip_hop hip-hop rap r&b rnb soul funk "
    "disco house techno trance drum_and_bass dubstep edm electronic electronica ambient "
    "classical opera reggae ska dancehall afrobeats salsa bossa_nova samba tango "
    "flamenco k-pop kpop j-pop gospel grunge emo shoegaze synthpop lo-fi lofi "
    "bluegrass americana baroque jazz_fusion motown garage grime trap"
)
INSTRUMENTS = _words(
    "piano keyboard guitar electric_guitar acoustic_guitar bass bass_guitar drums "
    "violin viola cello double_bass harp flute clarinet oboe bassoon saxophone sax "
    "trumpet trombone tuba french_horn ukulele banjo mandolin harmonica accordion "
    "synthesizer synth organ bagpipes sitar tabla djembe recorder xylophone marimba "
    "cajon"
)
COLOURS = _words(
    "red blue green yellow orange purple violet pink black white grey gray brown "
    "beige teal turquoise navy maroon burgundy lilac lavender mint olive gold silver "
    "coral cyan magenta indigo mustard cream"
)
LANGUAGES = _words(
    "english spanish french german italian portuguese dutch swedish norwegian danish "
    "finnish icelandic polish czech slovak hungarian romanian bulgarian greek turkish "
    "russian ukrainian serbian croatian slovenian albanian arabic hebrew persian farsi "
    "urdu hindi bengali punjabi gujarati tamil telugu marathi malayalam kannada "
    "mandarin cantonese chinese japanese korean vietnamese thai indonesian malay "
    "tagalog filipino swahili amharic yoruba zulu xhosa afrikaans irish welsh "
    "gaelic catalan basque galician latin esperanto estonian latvian lithuanian "
    "sign_language asl bsl"
)
DIETS = _words(
    "macrobiotic vegetarian vegan pescatarian pescetarian flexitarian keto ketogenic paleo "
    "gluten-free gluten_free dairy-free dairy_free lactose-free low-carb low_carb "
    "carnivore halal kosher plant-based plant_based raw_vegan whole30 mediterranean "
    "intermittent_fasting sugar-free sugar_free grain-free grain_free egg-free nut-free "
    "raw_food alkaline omnivore omnivorous low-fodmap low_fodmap fruitarian atkins dukan "
    "low-sodium low_sodium low-salt low_salt low-fat low_fat high-protein high_protein"
)
#: phrases that state a diet without naming it: phrase -> the diet
DIET_PHRASES: dict[str, str] = {
    "no meat": "vegetarian",
    "meat-free": "vegetarian",
    "meat free": "vegetarian",
    "off meat": "vegetarian",
    "without meat": "vegetarian",
    "no animal products": "vegan",
    "no dairy": "dairy-free",
    "no gluten": "gluten-free",
    "no carbs": "low-carb",
    "no sugar": "sugar-free",
    "no grains": "grain-free",
    "carb-free": "low-carb",
    "carbs-free": "low-carb",
    "carb free": "low-carb",
    "only fish": "pescatarian",
}
#: everyday words for a diet and the names of its practice: word -> the diet's name ("the
#: veggie phase is over", "Ditched veganism in May")
DIET_WORDS: dict[str, str] = {
    "veggie": "vegetarian",
    "veggo": "vegetarian",
    "vegetarianism": "vegetarian",
    "veganism": "vegan",
    "pescatarianism": "pescatarian",
    "pescetarianism": "pescatarian",
    "flexitarianism": "flexitarian",
}
#: verbs + object that state a diet ("I stopped eating meat", "gave up meat")
DIET_GIVE_UP: dict[str, str] = {
    "meat": "vegetarian",
    "animal products": "vegan",
    "dairy": "dairy-free",
    "gluten": "gluten-free",
    "carbs": "low-carb",
    "sugar": "sugar-free",
    "grains": "grain-free",
}
ALLERGENS = _words(
    "peanuts peanut nuts nut tree_nuts cashews almonds walnuts hazelnuts shellfish "
    "prawns shrimp crab lobster fish eggs egg milk dairy lactose gluten wheat soy soya "
    "sesame mustard celery kiwi strawberries strawberry tomatoes latex penicillin "
    "pollen hay_fever dust dust_mites mould mold cats cat dogs dog horses bees bee "
    "wasps grass ragweed sulphites sulfites aspirin ibuprofen"
)
ACTIVITIES = _words(
    "knitting crochet crocheting sewing embroidery quilting pottery ceramics painting "
    "drawing sketching watercolour watercolor calligraphy photography gardening "
    "woodworking carpentry baking cooking brewing home_brewing fishing hunting hiking "
    "camping birdwatching bird-watching stargazing astronomy chess reading writing "
    "poetry journaling blogging podcasting gaming video_games board_games puzzles "
    "jigsaws origami dancing salsa ballet tap_dancing singing karaoke rock_climbing "
    "bouldering surfing skating skateboarding scuba_diving sailing running cycling "
    "yoga meditation pilates volunteering collecting stamp_collecting thrifting "
    "metal_detecting geocaching model_building lego crafts scrapbooking restoring "
    "cars dj-ing djing improv theatre acting kayaking paddleboarding swimming"
)
FIELDS = _words(
    "law medicine nursing biology chemistry physics mathematics maths math statistics "
    "economics finance accounting business business_administration management "
    "marketing computer_science software_engineering engineering mechanical_engineering "
    "civil_engineering electrical_engineering architecture history philosophy "
    "psychology sociology anthropology politics political_science international_relations "
    "english_literature literature linguistics journalism communications media_studies "
    "film film_studies art art_history fine_art design graphic_design fashion music "
    "education teaching geography geology environmental_science ecology veterinary_science "
    "pharmacy dentistry public_health nutrition sports_science theology classics "
    "data_science artificial_intelligence cybersecurity"
)
#: head nouns of job titles ("senior software engineer", "head nurse")
JOB_HEADS = _words(
    "engineer developer programmer architect designer manager director lead analyst cabin_crew "
    "consultant scientist researcher professor lecturer teacher tutor nurse doctor "
    "surgeon physician dentist pharmacist paramedic midwife therapist physiotherapist "
    "psychologist counsellor counselor social_worker lawyer solicitor attorney barrister "
    "paralegal accountant auditor banker trader broker economist journalist editor "
    "writer copywriter translator photographer illustrator animator artist musician "
    "chef cook baker barista bartender waiter waitress server cashier clerk receptionist "
    "secretary assistant administrator coordinator officer executive intern apprentice "
    "technician electrician plumber carpenter mechanic builder labourer laborer "
    "firefighter firefighter police_officer detective pilot driver courier postman "
    "farmer gardener florist hairdresser barber stylist beautician cleaner caretaker "
    "librarian curator archivist vet veterinarian scientist biologist chemist "
    "physicist statistician mathematician ceo cto cfo founder co-founder owner "
    "supervisor foreman specialist advisor adviser planner strategist recruiter "
    "salesperson representative rep agent estate_agent realtor buyer merchandiser "
    "producer presenter host actor actress dancer coach trainer instructor "
    "owner-operator entrepreneur freelancer contractor programmer tester dev "
    "product_owner product_manager project_manager scrum_master data_scientist "
    "ux_designer ui_designer web_developer software_engineer team_lead "
    "head principal headteacher dean vice-president vp partner associate "
    "attendant flight_attendant steward stewardess guard security_guard porter "
    "hygienist optician optometrist radiographer sonographer carer caregiver "
    "nanny childminder housekeeper butcher fishmonger grocer shopkeeper "
    "teller bank_teller underwriter actuary dispatcher surveyor "
    "welder machinist fitter joiner roofer plasterer decorator painter "
    "interpreter sommelier concierge controller bookkeeper inspector investigator "
    "educator correspondent reporter roaster brewer moderator "
    "counsel registrar clinician practitioner coder scheduler"
)
#: modifiers that belong to a job title ("senior", "junior", "head")
JOB_MODIFIERS = _words("senior junior lead head chief principal staff associate assistant deputy")
#: common nouns that name an employer or workplace ("I work at a hospital")
ORG_NOUNS = _words(
    "hospital clinic school university college bank startup start-up company firm "
    "agency bakery cafe café restaurant hotel shop store supermarket factory warehouse "
    "office studio gallery museum library charity nonprofit non-profit council ministry "
    "department consultancy lab laboratory newspaper magazine publisher airline "
    "pharmacy garage salon gym brewery winery farm nursery kindergarten club society choir "
    "association union league"
)
#: workplaces whose "in X" is where they are, not where someone lives ("a bakery in Munich")
ORG_SITES = ORG_NOUNS - _words(
    "farm nursery club society choir association union league gym garage"
)
SCHOOL_WORDS = _words(
    "university college school academy institute polytechnic conservatory conservatoire uni"
)
#: what music is played "on": "on repeat", "on loop"
ON_REPEAT = frozenset({"repeat", "loop"})
#: the last words of the names of places people work at that are no firms ("St Mungo's
#: Hospital", "Greenfield Clinic")
INSTITUTION_WORDS = _words("hospital clinic hospice infirmary surgery church cathedral library")
#: the last words of many firms' names ("Northwind Freight", "Corvid Media", "Hollow
#: Pine Studios"): a name ending in one is a firm, not a town
FIRM_WORDS = _words(
    "freight logistics media dental health healthcare studios studio labs analytics bank "
    "design games systems solutions group holdings partners capital consulting "
    "technologies tech software foods insurance energy pharma pharmaceuticals motors "
    "airlines airways industries ltd inc gmbh corp corporation associates ventures "
    "robotics networks digital marketing financial finance construction engineering "
    "architects publishing press records entertainment pictures productions agency "
    "interactive telecom communications electronics semiconductors biotech therapeutics "
    "logistik shipping transport legal"
)
#: verbs of having a home: "where I live", "we've settled in Porto"
DWELLING_VERBS = frozenset({"live", "reside", "settle"})


def demonym_town(words: str) -> str | None:
    """The town whose people ``words`` name, one or many: "Londoner", "Mancunians"."""
    low = words.lower()
    return DEMONYMS.get(low) or (DEMONYMS.get(low[:-1]) if low.endswith("s") else None)


#: who does a sport, and the sport: "I'm a keen cyclist" plays it
SPORT_PEOPLE = {
    "cyclist": "cycling",
    "runner": "running",
    "swimmer": "swimming",
    "climber": "climbing",
    "boulderer": "bouldering",
    "skier": "skiing",
    "snowboarder": "snowboarding",
    "surfer": "surfing",
    "golfer": "golf",
    "rower": "rowing",
    "boxer": "boxing",
    "triathlete": "triathlon",
    "fencer": "fencing",
}


#: what the people of a town are called, and the town: "I'm officially a Londoner now"
#: says where the speaker lives (only words that name nothing else)
DEMONYMS = {
    "londoner": "London",
    "new yorker": "New York",
    "parisian": "Paris",
    "berliner": "Berlin",
    "glaswegian": "Glasgow",
    "mancunian": "Manchester",
    "liverpudlian": "Liverpool",
    "scouser": "Liverpool",
    "dubliner": "Dublin",
    "brummie": "Birmingham",
    "bristolian": "Bristol",
    "dundonian": "Dundee",
    "aberdonian": "Aberdeen",
    "angeleno": "Los Angeles",
    "chicagoan": "Chicago",
    "bostonian": "Boston",
    "torontonian": "Toronto",
    "montrealer": "Montreal",
    "vancouverite": "Vancouver",
    "melburnian": "Melbourne",
    "sydneysider": "Sydney",
    "aucklander": "Auckland",
    "capetonian": "Cape Town",
    "viennese": "Vienna",
    "amsterdammer": "Amsterdam",
    "muscovite": "Moscow",
    "madrileño": "Madrid",
    "madrileña": "Madrid",
    "lisboeta": "Lisbon",
    "romano": "Rome",
    "milanese": "Milan",
    "neapolitan": "Naples",
    "parisienne": "Paris",
    "bruxellois": "Brussels",
    "stockholmer": "Stockholm",
    "osloite": "Oslo",
    "seattleite": "Seattle",
    "denverite": "Denver",
    "austinite": "Austin",
    "philadelphian": "Philadelphia",
    "washingtonian": "Washington",
    "hongkonger": "Hong Kong",
    "singaporean": "Singapore",
    "tokyoite": "Tokyo",
}
#: car makes and common models ("a secondhand Skoda", "my new Corolla")
CAR_MAKES = _words(
    "toyota honda nissan mazda subaru mitsubishi suzuki lexus infiniti acura hyundai "
    "kia genesis ford chevrolet chevy dodge jeep chrysler cadillac buick gmc tesla "
    "rivian lucid volkswagen vw audi bmw mercedes mercedes-benz porsche opel skoda "
    "seat cupra renault peugeot citroen citroën dacia fiat alfa_romeo lancia ferrari "
    "lamborghini maserati volvo saab polestar jaguar land_rover range_rover mini "
    "bentley rolls-royce aston_martin lotus mg byd nio smart rover vauxhall datsun "
    "daihatsu isuzu holden proton lada trabant"
)
#: common car models by the make that builds them, as the make is written: "the Niro"
#: is a Kia, so a car first called "my Kia" and later "the Niro" is one car
MAKE_MODELS = {
    "Toyota": (
        "corolla camry prius yaris rav4 land_cruiser hilux aygo auris avensis highlander tacoma"
    ),
    "Honda": "civic accord jazz cr-v hr-v",
    "Nissan": "leaf qashqai micra juke altima sentra pathfinder navara x-trail",
    "Mazda": "mx-5 miata cx-5 mazda3",
    "Subaru": "impreza outback forester crosstrek wrx",
    "Volkswagen": "golf polo passat tiguan id.3 id.4 beetle e-golf touareg arteon t-roc t-cross",
    "Audi": "a3 a4 q5 e-tron",
    "BMW": "1_series 3_series 5_series x3 x5 i3",
    "Ford": "mustang fiesta focus mondeo f-150 transit kuga puma",
    "Renault": "clio megane zoe twingo captur",
    "Peugeot": "208 308 2008 3008",
    "Citroën": "c3 c4 c1 berlingo",
    "Fiat": "panda 500 punto tipo",
    "Skoda": "octavia fabia superb kodiaq karoq kamiq",
    "Seat": "ibiza leon ateca arona tarraco",
    "Tesla": "model_3 model_s model_y model_x cybertruck",
    "Hyundai": "kona ioniq tucson i10 i20 i30 elantra sonata",
    "Kia": "sportage niro ceed picanto sorento optima",
    "Volvo": "xc40 xc60 xc90 v40 v60 v70",
    "Jeep": "wrangler cherokee",
    "Mini": "cooper countryman",
    "Vauxhall": "corsa astra insignia mokka zafira meriva",
    "Suzuki": "swift vitara",
    "Mitsubishi": "outlander pajero",
    "Land Rover": "discovery defender evoque",
    "Chevrolet": "malibu camaro corvette silverado cruze",
    "Dacia": "sandero",
}
#: the make of each model in ``MAKE_MODELS``
MAKE_OF = {model: make for make, models in MAKE_MODELS.items() for model in _words(models)}
CAR_MODELS = frozenset(MAKE_OF)


def make_and_model(name: str) -> bool:
    """ "Mini Cooper", "Seat Leon": a make and a model it builds, so surely a car."""
    make, _, model = name.lower().partition(" ")
    return make == MAKE_OF.get(model, "").lower()


def with_make(car: str) -> str:
    """A car named by its model alone, with its make: "Niro" is "Kia Niro", "model 3" is
    "Tesla Model 3"; a name that begins with its make, or an unknown one, as it is."""
    words = car.split()
    for n in (2, 1):
        make = MAKE_OF.get(" ".join(words[:n]).lower())
        if make is not None:
            return f"{make} {car}"
    return car


VEHICLE_NOUNS = _words(
    "car motorbike motorcycle scooter van pickup truck suv hatchback estate convertible "
    "moped camper campervan minivan"
)
#: what a band or musician makes or plays: a name that qualifies one of these ("a Haim
#: concert", "Wet Leg songs", "Daft Punk's new album") names an artist
#: verbs whose object is the value that gave way, whoever the subject
REPLACING_VERBS = _words("replace dethrone supplant overtake oust displace usurp unseat topple")
#: who makes music: "Parcels have become my comfort band"
MUSIC_MAKERS = _words("band musician singer artist group rapper duo")
#: where the speaker hears music: "on my playlist", "in my headphones"
LISTENED_ON = _words(
    "headphone headphones earphone earphones earbud earbuds speaker speakers stereo playlist "
    "rotation"
)
MUSIC_NOUNS = _words(
    "song songs album albums record records vinyl vinyls concert concerts gig gigs tour "
    "track tracks playlist playlists lyrics lyric setlist discography single singles ep"
)
#: the people and things of a workplace: "my manager at Heineken", "our Nike team"
WORKMATES = frozenset(
    {
        "boss",
        "manager",
        "colleague",
        "coworker",
        "co-worker",
        "office",
        "team",
        "onboarding",
        "induction",
        "probation",
        "appraisal",
        "shift",
        "payroll",
        "department",
        "review",
        "desk",
        "contract",
        "lanyard",
        "badge",
        "payslip",
    }
)
#: nouns that stand for a slot when its value is not named ("I quit my job", "sold the
#: car"): noun -> object types it stands for
SLOT_NOUNS: dict[str, tuple[str, ...]] = {
    "job": ("organization", "title"),
    "work": ("organization",),
    "position": ("organization", "title"),
    "role": ("title",),
    "company": ("organization",),
    "employer": ("organization",),
    "car": ("vehicle",),
    "motorbike": ("vehicle",),
    "scooter": ("vehicle",),
    "van": ("vehicle",),
    "flat": ("place",),
    "apartment": ("place",),
    "house": ("place",),
    "place": ("place",),
    "home": ("place",),
    "city": ("place",),
    "town": ("place",),
    "boyfriend": ("person",),
    "girlfriend": ("person",),
    "bf": ("person",),
    "gf": ("person",),
    "hubby": ("person",),
    "partner": ("person",),
    "husband": ("person",),
    "wife": ("person",),
    "fiance": ("person",),
    "fiancé": ("person",),
    "fiancee": ("person",),
    "fiancée": ("person",),
    "ex": ("person",),
    "relationship": ("person",),
    "course": ("school", "field"),
    "degree": ("school", "field"),
    "diet": ("diet",),
    "boot": ("sport",),  # "hung up my boots"
    "goggle": ("sport",),  # "hung up my goggles"
    "goggles": ("sport",),
    "racket": ("sport",),
    "racquet": ("sport",),
    "skate": ("sport",),
    "cleat": ("sport",),
    "kneepad": ("sport",),
}
#: verbs that often open a chat sentence with no subject ("Quit gaming", "Hung up my
#: boots", "Joined Philips!", "Meet Biscuit!", "Walking Archie the dachshund ..."),
#: capitalised, so a small tagger takes them for names or the start of the name after
OPENING_VERBS = _words(
    "quit left hung sold got bought took ran went came saw made had won lost sent told "
    "began swapped traded gave broke split met found kept felt put set cut shut dropped "
    "joined started moved finished landed switched divorced dumped ditched married adopted "
    "settled relocated rehomed goodbye bye farewell meet escaped visited signed welcome "
    "introducing dating seeing walking taking meeting heard caught watched spotted booked tried"
)
#: places named by what they serve ("a great dim sum place", "the taco truck"): the
#: food is the place's kind, no taste of whoever mentions it
FOOD_VENUES = _words(
    "place restaurant bar joint spot shop stand stall truck van cafe café takeaway "
    "parlour parlor house kitchen counter"
)
PET_NOUNS = _words(
    "dog cat puppy pup kitten kitty hamster rabbit bunny guinea_pig parrot budgie "
    "canary cockatiel goldfish fish turtle tortoise lizard gecko snake ferret horse "
    "pony chinchilla hedgehog rat mouse gerbil chicken chickens hen goat pig piglet "
    "iguana axolotl cockatoo tarantula dragon bearded_dragon "
    "greyhound labrador lab retriever poodle terrier spaniel beagle dachshund corgi "
    "cockapoo cavapoo labradoodle goldendoodle schnauzer "
    "husky collie shepherd pug bulldog chihuahua whippet lurcher tabby furball furbaby "
    "doggo pupper kitteh mare stallion gelding foal lionhead ragdoll sphynx siamese shiba "
    "akita dalmatian rottweiler doberman vizsla weimaraner staffie staffy westie yorkie "
    "pomeranian samoyed malamute lovebird macaw budgerigar cockerel duck degu betta koi "
    "terrapin"
)

#: words in a question that say what type its answer has ("Which company ...", "What
#: job ...", "Where ..."): object type -> cue words
ANSWER_CUES: dict[str, frozenset[str]] = {
    "place": _words("where city town country live living lives lived home based"),
    "organization": _words("where company employer firm organisation organization employed"),
    "school": _words("school university college uni studying studies"),
    "title": _words("job role position title occupation profession as career"),
    "work": _words("book novel film movie show series game read watch"),
    "field": _words("study studying major subject degree"),
    "person": _words("who whom partner boyfriend girlfriend husband wife married seeing dating"),
    "pet": _words("pet pets animal dog cat"),
    "vehicle": _words("car drive drives driving vehicle"),
    "diet": _words("diet eat eating meat vegan vegetarian"),
    "food": _words("food dish meal eat eating cuisine"),
    "drink": _words("drink drinks drinking coffee tea"),
    "artist": _words("band musician singer artist listen listening music"),
    "genre": _words("music genre listen listening"),
    "sport": _words("sport sports play playing"),
    "team": _words("team club support supports fan"),
    "language": _words("language languages speak speaks learning"),
    "allergen": _words("allergic allergy allergies"),
    "instrument": _words("instrument instruments play plays"),
    "activity": _words("hobby hobbies free time fun"),
    "date": _words("birthday born when"),
    "nationality": _words("nationality citizen passport country"),
    "colour": _words("colour color"),
}

#: phrases in a question that name its answer's type more surely than its words: they
#: give twice a word's cue, and their words give none of their own ("What does he do for a
#: living?" asks for a job, not a place; "What is she working as?" for a title)
ANSWER_PHRASES: dict[str, tuple[str, ...]] = {
    "title": ("for a living", "work as", "works as", "working as", "worked as"),
    "organization": ("work for", "works for", "working for", "worked for"),
}


#: the spans of a stint at a firm: "first week at Bosch", "ten years at Lufthansa"
STINT_NOUNS = frozenset({"day", "week", "month", "shift", "year"})


@functools.cache
def first_names() -> frozenset[str]:
    """Common given names of many languages and the 1990 US census's
    (``graphmem/data/first_names.txt``, written by ``tools/first_names.py``), read on first
    use: a capitalised word in it is a person's name whatever the NER thought."""
    return _data_lines("first_names.txt")


@functools.cache
def place_names() -> frozenset[str]:
    """Names of countries and of the world's towns of 100,000 people or more, also
    without accents ("Malmo", "Zurich"): GeoNames' (CC BY 4.0) in
    ``graphmem/data/place_names.txt``, read on first use. A capitalised name in it can be
    a place whatever the NER thought ("We've been in Toulouse for a month", Toulouse
    tagged a person)."""
    return _data_lines("place_names.txt")


def _data_lines(name: str) -> frozenset[str]:
    """The lines of ``graphmem/data/<name>``, but for blank lines and ``#`` comments."""
    text = resources.files("graphmem").joinpath(f"data/{name}").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
