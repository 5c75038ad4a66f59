/// The form in which two names of glossary terms are compared: lowercase, with runs of
/// spaces, hyphens and underscores folded to one space, so `Fine-tuning`, `fine tuning`
/// and `fine_tuning` are the same name.
struct NameKey: Hashable, Sendable, CustomStringConvertible {
  let value: String

  init(_ name: String) {
    var folded = ""
    var pendingSpace = false
    for character in name.lowercased() {
      if character == " " || character == "-" || character == "_" || character.isWhitespace {
        pendingSpace = !folded.isEmpty
      } else {
        if pendingSpace { folded.append(" ") }
        pendingSpace = false
        folded.append(character)
      }
    }
    value = folded
  }

  var description: String { value }
}
