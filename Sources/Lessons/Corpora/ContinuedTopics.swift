/// Five further topics for the "new general text" of continued pre-training: the sea, music and art,
/// food and cooking, farming and the seasons, and travel by train. Same style as ``GeneralTopics``,
/// largely new vocabulary.
enum ContinuedTopics {
  /// All continued-pre-training topics, in a fixed order.
  static let all: [ProseTopic] = [sea, musicAndArt, food, farming, travel]

  static let sea = ProseTopic(
    name: "the sea",
    nouns: [
      "wave", "tide", "reef", "lighthouse", "anchor", "sail", "mast", "deck", "gull", "net", "rope", "current",
      "shell", "dune", "boat", "fleet", "compass", "horizon", "whale", "crab", "oar", "buoy", "jetty/jetties",
      "seaweed", "pebble", "harpoon", "cargo/cargoes", "cabin", "hull", "tideline",
    ],
    agents: [
      "fisherman/fishermen", "captain", "sailor", "diver", "whale", "seal", "pilot", "lighthouse keeper",
      "navigator", "dolphin", "cormorant", "deckhand", "harbour master",
    ],
    places: [
      "harbour", "open sea", "coast", "reef", "bay", "pier", "lagoon", "sandbank", "fishing village",
      "shipyard", "cove",
    ],
    adjectives: [
      "salty", "stormy", "calm", "foggy", "blue", "endless", "rough", "windswept", "glittering", "distant",
      "weathered", "tidal", "sandy", "slippery",
    ],
    actions: [
      "steer", "haul", "mend", "chart", "sight", "tow", "row", "drag/dragged", "catch/caught", "hoist",
      "unload", "caulk", "signal/signalled", "spot/spotted",
    ],
    motions: [
      "sail", "drift", "dive/dived", "float", "sink/sank", "roll", "crash", "swim/swam", "bob/bobbed",
      "surface", "capsize",
    ],
    times: [
      "at high tide", "when the fog lifted", "before the gale", "at low water", "on the night of the storm",
      "as the sun went down", "in the calm after the squall",
    ])

  static let musicAndArt = ProseTopic(
    name: "music and art",
    nouns: [
      "song", "melody/melodies", "rhythm", "drum", "violin", "piano", "choir", "concert", "painting",
      "canvas/canvases", "brush", "sculpture", "poem", "stage", "chord", "verse", "portrait", "colour",
      "sketch", "orchestra", "guitar", "flute", "lullaby/lullabies", "mural", "harmony/harmonies", "easel",
      "fresco", "overture",
    ],
    agents: [
      "painter", "poet", "composer", "singer", "drummer", "conductor", "violinist", "dancer", "sculptor",
      "critic", "pianist", "cellist", "apprentice",
    ],
    places: [
      "concert hall", "studio", "gallery", "theatre", "village square", "academy", "opera house",
      "rehearsal room", "art school",
    ],
    adjectives: [
      "loud", "soft", "haunting", "joyful", "colourful", "abstract", "graceful", "slow", "vivid", "delicate",
      "unfinished", "playful", "solemn", "tuneful",
    ],
    actions: [
      "play", "compose", "paint", "sketch", "perform", "tune", "rehearse", "carve", "admire", "sing/sang",
      "frame", "praise", "varnish", "improvise",
    ],
    motions: [
      "dance", "echo", "applaud", "improvise", "bow", "rehearse", "hum/hummed", "sway", "whirl", "resound",
    ],
    times: [
      "on the opening night", "after the interval", "during the encore", "before the curtain rose",
      "in the last movement", "at the final rehearsal", "on the morning of the exhibition",
    ])

  static let food = ProseTopic(
    name: "food and cooking",
    nouns: [
      "loaf/loaves", "pepper", "onion", "garlic", "cheese", "apple", "pie", "oven", "spoon", "pot", "pan",
      "recipe", "spice", "honey", "butter", "salad", "plum", "lemon", "noodle", "feast", "dumpling",
      "saucepan", "ladle", "pastry/pastries", "stew", "jar", "herb", "tart", "omelette", "cinnamon",
    ],
    agents: [
      "cook", "chef", "baker", "grocer", "guest", "waiter", "grandfather", "kitchen porter", "butcher",
      "greengrocer", "food critic",
    ],
    places: [
      "kitchen", "market", "restaurant", "orchard", "pantry", "village inn", "bakery", "cellar", "food stall",
    ],
    adjectives: [
      "spicy", "sweet", "bitter", "crisp", "ripe", "fragrant", "salted", "tender", "smoky", "delicious",
      "sour", "creamy", "crumbly", "steaming",
    ],
    actions: [
      "chop/chopped", "stir/stirred", "taste", "boil", "roast", "peel", "slice", "season", "serve", "knead",
      "bake", "grate", "whisk", "sample", "garnish",
    ],
    motions: [
      "simmer", "bubble", "cool", "rise/rose", "sizzle", "melt", "thicken", "brown", "steam", "crackle",
    ],
    times: [
      "before the guests arrived", "on feast days", "while the soup simmered", "at harvest supper",
      "after the bread had risen", "on cold winter nights", "in the busy hour before lunch",
    ])

  static let farming = ProseTopic(
    name: "farming and seasons",
    nouns: [
      "barn", "tractor", "harvest", "wheat", "barley", "hay", "fence", "plough", "sheep/sheep", "cow", "goat",
      "hen", "pumpkin", "furrow", "well", "windmill", "seedling", "beehive", "haystack", "scarecrow", "gate",
      "trough", "orchard", "vineyard", "cart", "sickle", "granary/granaries",
    ],
    agents: [
      "farmer", "shepherd", "farmhand", "beekeeper", "miller", "horse", "goat", "sheepdog", "goose/geese",
      "ploughman/ploughmen", "milkmaid", "harvester",
    ],
    places: [
      "farm", "orchard", "barn", "pasture", "hayfield", "mill", "farmyard", "vineyard", "lower field",
      "hedgerow", "cowshed",
    ],
    adjectives: [
      "fertile", "dry", "frosty", "muddy", "ripe", "early", "late", "abundant", "dusty", "rain-soaked",
      "golden", "patient", "sturdy", "ploughed",
    ],
    actions: [
      "plant", "plough", "harvest", "milk", "shear/sheared", "feed/fed", "fence", "sow/sowed", "store",
      "gather", "thresh", "prune", "irrigate", "mow/mowed",
    ],
    motions: [
      "ripen", "graze", "sprout", "wither", "thaw", "bloom", "shelter", "flower", "wilt", "flourish",
    ],
    times: [
      "in the first week of spring", "at haymaking time", "when the frost came", "after the long drought",
      "during lambing season", "as the days grew shorter", "at the end of the harvest",
    ])

  static let travel = ProseTopic(
    name: "travel by train",
    nouns: [
      "train", "platform", "ticket", "carriage", "timetable", "suitcase", "passport", "border", "tunnel",
      "hotel", "postcard", "journey", "engine", "railway", "compartment", "guidebook", "viaduct", "signal box",
      "luggage rack", "sleeping car", "whistle", "locomotive", "junction", "map",
    ],
    agents: [
      "traveller", "conductor", "porter", "guide", "passenger", "stationmaster", "ticket inspector",
      "backpacker", "engine driver", "tour guide",
    ],
    places: [
      "station", "border town", "mountain railway", "hotel lobby", "capital", "junction", "waiting room",
      "dining car", "coastal line",
    ],
    adjectives: [
      "long", "slow", "crowded", "late", "punctual", "foreign", "sleepy", "scenic", "narrow", "distant",
      "overnight", "rattling", "unfamiliar", "cheerful",
    ],
    actions: [
      "board", "miss", "catch/caught", "pack", "stamp", "book", "check", "reach", "leave/left", "inspect",
      "photograph", "recommend", "unpack", "validate",
    ],
    motions: [
      "depart", "arrive", "travel/travelled", "wait", "rattle", "whistle", "stop/stopped", "doze",
      "wander", "linger",
    ],
    times: [
      "on the night train", "just after dawn", "at the border", "when the train finally left",
      "on the last day of the trip", "as the mountains came into view", "during the long delay",
    ])
}
