import Autograd

/// A context that asks for a support reply: the last `length` characters of the Northwind desk
/// text up to and including the reply's fixed greeting `A: Hello!`, exactly as the fine-tuned model
/// saw such text. The model writes the rest of the reply; its first words are what the rater judges.
struct ReplyPrompt: Sendable, Equatable {
  /// The text every reply starts with in the corpus; prompts end with it.
  static let ending = "\nA: Hello!"

  /// What the model is given (ends with ``ending``; may start mid-ticket).
  var context: String
  /// The customer's question (`Q: …`), for people reading the samples.
  var question: String

  /// `count` prompts of exactly `length` characters cut from a fresh domain corpus drawn from
  /// `generator`, one per ticket, in corpus order, keeping only contexts that `isUsable` accepts
  /// (e.g. that the model's tokenizer can encode).
  static func make(
    count: Int, length: Int, using generator: inout SplitMix64, isUsable: (String) -> Bool = { _ in true }
  ) -> [ReplyPrompt] {
    precondition(length >= ending.count, "a prompt needs room for \"\(ending)\"")
    var byteCount = (count + 2) * 320
    while true {
      var copy = generator
      let text = Array(Corpora.domain(byteCount: byteCount, using: &copy).utf8)
      let prompts = cut(text, length: length, limit: count, isUsable: isUsable)
      if prompts.count >= count {
        generator = copy
        return prompts
      }
      byteCount *= 2
    }
  }

  /// The prompts of `text`: for each ``ending`` far enough from the start, the window ending there.
  private static func cut(_ text: [UInt8], length: Int, limit: Int, isUsable: (String) -> Bool) -> [ReplyPrompt] {
    let marker = Array(ending.utf8), questionMarker = Array("\nQ: ".utf8)
    var prompts: [ReplyPrompt] = []
    var index = 0
    while index + marker.count <= text.count, prompts.count < limit {
      defer { index += 1 }
      guard text[index..<(index + marker.count)].elementsEqual(marker) else { continue }
      let end = index + marker.count
      guard end - length >= 0 else { continue }
      // The question runs from the "Q: " after the previous newline up to this "\nA:".
      var start = index - 1
      while start >= 0, !(text[start...].starts(with: questionMarker)) { start -= 1 }
      let question = String(decoding: text[(start < 0 ? 0 : start + 1)..<index], as: UTF8.self)
      let context = String(decoding: text[(end - length)..<end], as: UTF8.self)
      if isUsable(context) { prompts.append(ReplyPrompt(context: context, question: question)) }
    }
    return prompts
  }
}
