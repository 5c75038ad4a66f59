/// The simulated rater of the lesson: a support-desk lead who wants every reply to open by
/// thanking the customer.
///
/// Rule, decidable from the first few characters of a reply: after an optional greeting
/// (`Hello!`) and spaces, the reply starts with `Thank you`. In the Northwind corpus about three
/// replies in eleven do this (refunds, double charges, discount codes); the others open with an
/// apology ("Sorry about the delay…", "I am sorry…") or "Of course." / "No problem at all.".
/// Between two replies to the same question the rater prefers the one with the trait and has no
/// preference when both or neither have it.
struct ThankingRater: Sendable {
  /// The opening the rater wants to see.
  static let phrase = "Thank you"
  /// The greeting every Northwind reply starts with, skipped before the check.
  static let greeting = "Hello!"

  /// True when `reply` (the text after `A:`) opens by thanking the customer.
  func prefers(_ reply: String) -> Bool {
    var rest = Substring(reply).drop { $0 == " " }
    if rest.hasPrefix(Self.greeting) { rest = rest.dropFirst(Self.greeting.count).drop { $0 == " " } }
    return rest.hasPrefix(Self.phrase)
  }

  /// Which of two replies the rater prefers: `true` for `first`, `false` for `second`, nil
  /// when both or neither open with thanks (no preference, the pair is not kept).
  func choose(_ first: String, _ second: String) -> Bool? {
    let (a, b) = (prefers(first), prefers(second))
    return a == b ? nil : a
  }
}
