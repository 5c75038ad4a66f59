/// The five topics of the general corpus: nature, cities, science, history and daily life.
enum GeneralTopics {
  /// All general topics, in a fixed order.
  static let all: [ProseTopic] = [nature, cities, science, history, dailyLife]

  static let nature = ProseTopic(
    name: "nature",
    nouns: [
      "river", "forest", "meadow", "mountain", "valley", "stream", "lake", "hill", "stone", "leaf/leaves",
      "branch", "root", "flower", "seed", "cloud", "storm", "wind", "rain", "snowfall", "moss", "fern", "oak",
      "pine", "willow", "shore", "cliff", "cave", "field", "pond", "waterfall", "marsh", "island", "sky",
      "sunrise", "shadow", "path", "trail", "thorn", "acorn", "blossom", "rainbow", "puddle", "boulder",
    ],
    agents: [
      "fox/foxes", "deer/deer", "owl", "hawk", "wolf/wolves", "bear", "rabbit", "heron", "beaver", "sparrow",
      "squirrel", "hiker", "ranger", "shepherd", "botanist", "badger", "otter", "woodpecker",
    ],
    places: [
      "forest", "valley", "meadow", "riverbank", "hillside", "marsh", "clearing", "ridge", "canyon", "pine wood",
      "lakeside", "mountain pass", "waterfall",
    ],
    adjectives: [
      "green", "quiet", "wild", "misty", "frozen", "steep", "ancient", "shallow", "deep", "golden", "muddy",
      "rocky", "silent", "damp", "tangled", "gentle", "mossy", "windy", "sunlit", "fragile",
    ],
    actions: [
      "cross", "follow", "climb", "watch", "gather", "hide/hid", "carry", "shelter", "cover", "feed/fed",
      "find/found", "search", "touch", "shake/shook", "bend/bent", "notice", "scatter", "nibble",
    ],
    motions: [
      "grow/grew", "rise/rose", "fall/fell", "drift", "glow", "flow", "wander", "rest", "shiver", "bloom",
      "sing/sang", "fade", "whisper", "sway", "settle",
    ],
    times: [
      "at dawn", "after the storm", "in early spring", "when the snow melted", "on a foggy morning",
      "late in the autumn", "before the first frost", "at dusk",
    ])

  static let cities = ProseTopic(
    name: "cities",
    nouns: [
      "street", "bridge", "tower", "market", "square", "tram", "station", "harbour", "library", "cafe",
      "bakery/bakeries", "window", "roof", "lamp", "alley", "avenue", "crowd", "bus/buses", "taxi", "museum",
      "park", "fountain", "office", "apartment", "clock", "sign", "gate", "corner", "building", "theatre",
      "staircase", "balcony/balconies", "courtyard", "traffic light", "newspaper", "statue",
    ],
    agents: [
      "driver", "baker", "mayor", "tourist", "architect", "student", "musician", "shopkeeper", "commuter",
      "police officer", "cyclist", "waiter", "painter", "engineer", "child/children", "neighbour", "pigeon",
      "street sweeper",
    ],
    places: [
      "old town", "city centre", "harbour", "station", "market square", "suburbs", "subway", "riverside",
      "main street", "town hall", "rooftops", "night market",
    ],
    adjectives: [
      "busy", "narrow", "crowded", "noisy", "modern", "old", "tall", "bright", "grey", "empty", "elegant",
      "dusty", "famous", "crooked", "lively", "wet", "shiny", "cheap", "expensive",
    ],
    actions: [
      "build/built", "paint", "sell/sold", "visit", "repair", "open", "close", "cross", "clean", "design",
      "light/lit", "decorate", "photograph", "rent", "guard", "sweep/swept", "deliver", "admire",
    ],
    motions: [
      "hurry", "wait", "stroll", "gather", "arrive", "vanish", "shine/shone", "hum/hummed", "flicker", "linger",
      "rush", "pause",
    ],
    times: [
      "during the rush hour", "after midnight", "on market day", "before the shops opened",
      "when the lights came on", "on a rainy Monday", "every weekend", "at noon",
    ])

  static let science = ProseTopic(
    name: "science",
    nouns: [
      "experiment", "theory/theories", "atom", "molecule", "cell", "planet", "star", "telescope",
      "microscope", "magnet", "crystal", "gas/gases", "liquid", "signal", "wave", "particle", "equation",
      "sample", "measurement", "orbit", "comet", "fossil", "gene", "engine", "circuit", "battery/batteries",
      "lens/lenses", "model", "thermometer", "rocket", "formula/formulas", "spectrum/spectra", "enzyme",
    ],
    agents: [
      "scientist", "chemist", "physicist", "astronomer", "student", "researcher", "doctor", "biologist",
      "inventor", "assistant", "professor", "geologist", "technician", "mathematician",
    ],
    places: [
      "laboratory", "observatory", "workshop", "university", "field station", "lecture hall", "clean room",
      "museum archive",
    ],
    adjectives: [
      "careful", "precise", "invisible", "tiny", "enormous", "electric", "magnetic", "curious", "accurate",
      "strange", "hot", "cold", "heavy", "unexpected", "simple", "complex", "stable", "faint", "rare",
    ],
    actions: [
      "measure", "observe", "test", "record", "heat", "cool", "weigh", "compare", "predict", "explain",
      "discover", "calculate", "describe", "split/split", "repeat", "analyse", "publish", "sketch",
    ],
    motions: [
      "glow", "spin/spun", "expand", "shrink/shrank", "vibrate", "collapse", "react", "decay",
      "freeze/froze", "melt", "evaporate", "drift", "flash",
    ],
    times: [
      "after many failed attempts", "in the first trial", "late one night", "by the end of the year",
      "under the microscope", "during the eclipse", "within a few seconds", "in the following weeks",
    ])

  static let history = ProseTopic(
    name: "history",
    nouns: [
      "kingdom", "empire", "castle", "war", "treaty/treaties", "ship", "map", "letter", "coin", "crown",
      "sword", "road", "wall", "village", "city/cities", "church", "manuscript", "battle", "harvest", "trade",
      "revolution", "festival", "law", "council", "army/armies", "monument", "chronicle", "journey", "ruin",
      "banner", "fortress",
    ],
    agents: [
      "king", "queen", "merchant", "soldier", "monk", "farmer", "sailor", "historian", "traveller", "scribe",
      "knight", "peasant", "explorer", "emperor", "general", "weaver", "blacksmith",
    ],
    places: [
      "old capital", "frontier", "ancient city", "mountain pass", "royal court", "monastery", "port",
      "great hall", "river crossing", "market town",
    ],
    adjectives: [
      "ancient", "forgotten", "powerful", "proud", "ruined", "royal", "distant", "bitter", "famous", "long",
      "brave", "medieval", "wealthy", "poor", "secret", "sacred", "fragile",
    ],
    actions: [
      "conquer", "defend", "sign", "burn", "rebuild/rebuilt", "copy", "trade", "rule", "write/wrote",
      "found", "lose/lost", "win/won", "carry", "abandon", "discover", "besiege", "tax",
    ],
    motions: [
      "fall/fell", "rise/rose", "march", "sail", "rebel/rebelled", "flourish", "decline", "fight/fought", "travel/travelled",
      "settle", "vanish", "surrender",
    ],
    times: [
      "long ago", "in the years of the great plague", "after the long war", "during the harvest",
      "in the reign of the old king", "a century later", "before the treaty", "in those days",
    ])

  static let dailyLife = ProseTopic(
    name: "daily life",
    nouns: [
      "kitchen", "breakfast", "kettle", "cup", "bread", "garden", "window", "door", "chair", "table",
      "bicycle", "letter", "coat", "umbrella", "bed", "lamp", "book", "sandwich/sandwiches", "soup", "radio",
      "key", "shoe", "basket", "morning", "evening", "dinner", "phone", "jacket", "plant", "blanket", "scarf/scarves",
      "teapot", "shopping list",
    ],
    agents: [
      "mother", "father", "grandmother", "brother", "sister", "friend", "boy", "girl", "teacher", "cousin",
      "dog", "cat", "child/children", "uncle", "aunt", "postman/postmen",
    ],
    places: [
      "kitchen", "garden", "bakery", "school", "living room", "corner shop", "bus stop", "playground",
      "post office", "front porch", "attic",
    ],
    adjectives: [
      "warm", "sleepy", "tired", "cheerful", "small", "clean", "messy", "cosy", "fresh", "hungry", "late",
      "early", "lovely", "ordinary", "comfortable", "favourite", "broken", "new",
    ],
    actions: [
      "cook", "bake", "wash", "fold", "open", "read/read", "borrow", "fix", "pack", "carry", "eat/ate",
      "drink/drank", "lose/lost", "find/found", "water", "mend", "tidy", "share",
    ],
    motions: [
      "wake/woke", "laugh", "sleep/slept", "sit/sat", "wait", "yawn", "hurry", "sing/sang", "rest", "smile",
      "talk", "walk", "chat/chatted",
    ],
    times: [
      "in the morning", "after school", "on Sunday", "before dinner", "late at night", "every evening",
      "on the way home", "at lunchtime",
    ])
}
