/// Words that every prose topic shares: names, adverbs, prepositions, linking words and small numbers.
enum SharedProseWords {
  /// First names for people in sentences and dialogue. (The support-desk corpus uses other names.)
  static let names = [
    "Anna", "Tom", "Maria", "Jonas", "Leila", "Sam", "Priya", "Oscar", "Helen", "Mateo", "Ruth", "Felix",
    "Noor", "Ivan", "Clara", "Hugo", "Mira", "Peter", "Yusuf", "Elena", "Kofi", "Ingrid", "Tariq", "Lucy",
  ]
  /// Adverbs of manner and frequency.
  static let adverbs = [
    "slowly", "quickly", "quietly", "carefully", "suddenly", "gently", "loudly", "patiently", "softly",
    "happily", "rarely", "often", "again", "silently", "eagerly", "calmly", "proudly", "nervously",
    "steadily", "almost",
  ]
  /// Prepositions that place a movement relative to "the <place>".
  static let prepositions = [
    "near", "across", "beyond", "under", "along", "through", "above", "behind", "around", "towards",
    "inside", "past", "beside",
  ]
  /// Linking words that can open a later sentence of a paragraph (followed by a comma).
  static let connectives = [
    "However", "Later", "Meanwhile", "Afterwards", "At first", "In the end", "For a while", "Even so",
    "Soon", "Then", "Of course", "Sometimes", "By evening", "Strangely",
  ]
  /// Small counts written as words.
  static let numberWords = [
    "two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "twenty", "forty",
    "a hundred", "several", "many", "a few",
  ]
  /// General-purpose adjectives mixed in with each topic's own.
  static let adjectives = [
    "small", "large", "old", "young", "beautiful", "strange", "familiar", "heavy", "light", "dark",
    "bright", "simple", "important", "unusual", "peaceful", "careful", "huge", "little", "patient",
    "hidden", "perfect",
  ]
  /// Short calls that open a line of dialogue.
  static let exclamations = [
    "Look", "Listen", "Come quickly", "Wait", "Well", "Of course", "I see", "Hurry", "Be careful",
    "Good morning", "Not again", "How strange",
  ]
  /// Verbs of speech used after a quotation.
  static let speechVerbs = ["said", "asked", "whispered", "replied", "called", "laughed", "muttered"]
  /// Units of time for "every <unit>" and "a <adjective> <unit>".
  static let timeUnits = ["morning", "evening", "night", "week", "winter", "summer", "spring", "afternoon", "year"]
  /// Adjectives for "when the weather is ...".
  static let weather = ["cold", "warm", "wet", "dry", "windy", "calm", "grey", "bright", "stormy", "mild", "foggy", "hot"]
  /// Verbs of belief that introduce a reported clause.
  static let beliefVerbs = ["believe", "say", "claim", "think", "suspect", "remember"]
}
