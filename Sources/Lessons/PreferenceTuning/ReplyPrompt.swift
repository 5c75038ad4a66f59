import Autograd

/// A context that asks for a support reply: the last `promptLength` characters of the Northwind
/// desk text up to and including `A:`, exactly as the fine-tuned model saw such text.
struct ReplyPrompt: Sendable, Equatable {
  /// What the model is given (ends with `"\nA:"`; may start mid-ticket).
  var context: String
  /// The customer's question, for people reading the samples.
  var question: String

  /// `count` prompts of exactly `length` characters cut from a fresh domain corpus drawn from
  /// `generator`, one per ticket, in corpus order.
  static func make(count: Int, length: Int, using generator: inout SplitMix64) -> [ReplyPrompt] {
    precondition(length >= 3, "a prompt needs room for \"A:\"")
    var prompts: [ReplyPrompt] = []
    var byteCount = (count + 2) * 320
    while prompts.count < count {
      var copy = generator
      let text = Array(Corpora.domain(byteCount: byteCount, using: &copy).utf8)
      prompts = cut(text, length: length, limit: count)
      if prompts.count >= count { generator = copy } else { byteCount *= 2 }
    }
    return prompts
  }

  /// The prompts of `text`: for each `"\nA:"` far enough from the start, the window ending there.
  private static func cut(_ text: [UInt8], length: Int, limit: Int) -> [ReplyPrompt] {
    let (newline, a, colon, q) = (UInt8(ascii: "\n"), UInt8(ascii: "A"), UInt8(ascii: ":"), UInt8(ascii: "Q"))
    var prompts: [ReplyPrompt] = []
    var index = 0
    while index + 2 < text.count, prompts.count < limit {
      defer { index += 1 }
      guard text[index] == newline, text[index + 1] == a, text[index + 2] == colon else { continue }
      let end = index + 3
      guard end - length >= 0 else { continue }
      var questionStart = index
      while questionStart > 0, !(text[questionStart] == q && text[questionStart + 1] == colon && text[questionStart - 1] == newline) {
        questionStart -= 1
      }
      let question = String(decoding: text[questionStart..<index], as: UTF8.self)
      prompts.append(ReplyPrompt(context: String(decoding: text[(end - length)..<end], as: UTF8.self), question: question))
    }
    return prompts
  }
}
