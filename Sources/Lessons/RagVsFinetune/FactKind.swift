/// The kinds of fact a shop changes often, each with the sentence that states it (its document),
/// the questions that ask for it, and the values it can take.
///
/// Every value is a short string that an answer must reproduce exactly ("$958", "30 days",
/// "7:15am", "3 days", "shipped"); documents and questions are one fixed template per phrasing.
enum FactKind: String, CaseIterable, Sendable, Codable {
  /// The price of a product: "$" and three digits.
  case price
  /// How long a product can be returned: a number of days.
  case returnWindow = "return-window"
  /// When a store opens: a morning time.
  case openingTime = "opening-time"
  /// How long delivery to a region takes: a number of days.
  case deliveryTime = "delivery-time"
  /// Where an order is: one status word.
  case orderStatus = "order-status"

  /// The kind's name in tables.
  var label: String {
    switch self {
    case .price: return "price"
    case .returnWindow: return "return window"
    case .openingTime: return "opening time"
    case .deliveryTime: return "delivery time"
    case .orderStatus: return "order status"
    }
  }

  /// The document that states `value` for `entity` (short, so that two fit the context window
  /// with a question).
  func document(entity: String, value: String) -> String {
    switch self {
    case .price: return "The \(entity) costs \(value)."
    case .returnWindow: return "Return the \(entity) within \(value)."
    case .openingTime: return "\(entity) store opens at \(value)."
    case .deliveryTime: return "Delivery to \(entity) takes \(value)."
    case .orderStatus: return "Order \(entity) is \(value)."
    }
  }

  /// The question phrasings about `entity`; the last one (``heldOutPhrasing``) is never used to
  /// fine-tune, so the fine-tuned arms are tested on a phrasing they did not train on.
  func questions(entity: String) -> [String] {
    switch self {
    case .price:
      return ["How much is the \(entity)?", "What does the \(entity) cost?", "Price of the \(entity)?",
              "How much does the \(entity) cost?"]
    case .returnWindow:
      return ["How long to return the \(entity)?", "Return window of the \(entity)?", "When must the \(entity) go back?",
              "How many days to return the \(entity)?"]
    case .openingTime:
      return ["When does \(entity) store open?", "What time does \(entity) store open?", "\(entity) store opening time?",
              "At what time does \(entity) store open?"]
    case .deliveryTime:
      return ["How long is delivery to \(entity)?", "Days of delivery to \(entity)?", "When does a parcel reach \(entity)?",
              "How long does shipping to \(entity) take?"]
    case .orderStatus:
      return ["Status of order \(entity)?", "Where is order \(entity)?", "Has order \(entity) arrived?",
              "How is order \(entity) doing?"]
    }
  }

  /// Number of phrasings per kind.
  static let phrasingCount = 4
  /// The index of the phrasing held out from fine-tuning (the test phrasing of every arm).
  static let heldOutPhrasing = 3

  /// Order statuses.
  static let statuses = ["shipped", "packed", "delayed", "delivered", "returned", "cancelled"]

  /// A value of this kind drawn from `generator`.
  func randomValue(using generator: inout some RandomNumberGenerator) -> String {
    switch self {
    case .price: return "$\(generator.corpusInteger(in: 100...999))"
    case .returnWindow: return "\(generator.corpusPick([7, 10, 14, 21, 28, 30, 45, 60, 90])) days"
    case .openingTime:
      return "\(generator.corpusInteger(in: 6...11)):\(generator.corpusPick(["00", "15", "30", "45"]))am"
    case .deliveryTime: return "\(generator.corpusInteger(in: 1...12)) days"
    case .orderStatus: return generator.corpusPick(Self.statuses)
    }
  }

  /// A value of this kind different from `old` (the fact after a change).
  func changedValue(from old: String, using generator: inout some RandomNumberGenerator) -> String {
    while true {
      let value = randomValue(using: &generator)
      if value != old { return value }
    }
  }
}
