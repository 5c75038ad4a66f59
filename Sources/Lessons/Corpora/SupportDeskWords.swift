/// The recurring vocabulary of the fictional Northwind support desk: products, staff, codes and
/// stock phrases. None of these words is used by the general prose corpora.
enum SupportDeskWords {
  /// The company name as it appears in every sign-off.
  static let company = "Northwind"
  /// Products customers write about.
  static let products = [
    "Aurora kettle", "Lumen desk lamp", "Breeze tower fan", "Tundra cool box", "Pebble speaker",
    "Nimbus umbrella", "Atlas backpack", "Ember toaster", "Cascade water filter", "Orbit wall clock",
    "Harbor coffee grinder", "Quill fountain pen", "Comet bike light", "Sierra thermos",
  ]
  /// Support agents who sign the replies.
  static let agents = ["Ada", "Grace", "Alan", "Barbara", "Margaret", "Dennis", "Frances", "Ken"]
  /// Discount codes customers try.
  static let discountCodes = ["SPRING10", "WELCOME15", "NORTHWIND20", "SUMMER25", "FREESHIP", "LOYAL5"]
  /// Weekday names for shipping dates.
  static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
  /// Month names for expiry dates.
  static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                       "September", "October", "November", "December"]
  /// Greetings customers open with (often none).
  static let customerOpenings = ["", "", "", "hi, ", "hello, ", "hey, ", "good morning, ", "hi there, "]
  /// Sentences that may close a reply before the sign-off.
  static let closings = [
    "Thank you for your patience.", "Thank you for shopping with Northwind.", "Have a lovely day!",
    "If there is anything else I can do, just reply to this message.", "We appreciate your understanding.",
    "I hope this helps.",
  ]
  /// Words before the agent's name in the sign-off.
  static let regards = ["Best regards", "Best regards", "Best regards", "Kind regards", "Warm regards"]
}
