/// The text format every arm reads and writes: optional documents, then the question, then the
/// answer, on one line:
///
/// `The Kidate costs $958. Q: How much is the Kidate? A: $958.`
///
/// Without documents the prompt is `Q: … A:`. The answer is the characters after `A:` up to the
/// first `.` or line end, without the leading space; it is right when it equals the fact's value.
enum QuestionPrompt {
  /// Characters kept free after the prompt for the answer (the longest value plus " " and ".").
  static let answerBudget = 12

  /// The prompt: `documents` (best-ranked last, nearest the question) then the question; cut from
  /// the left to `maximumLength` characters when it is longer (the context window is full, so the
  /// lowest-ranked documents fall out first).
  static func prompt(question: String, documents: [String], maximumLength: Int) -> String {
    let context = documents.isEmpty ? "" : documents.joined(separator: " ") + " "
    let full = context + "Q: \(question) A:"
    return full.count <= maximumLength ? full : String(full.suffix(maximumLength))
  }

  /// The training line: the prompt followed by the answer and a newline.
  static func line(question: String, documents: [String], answer: String) -> String {
    let context = documents.isEmpty ? "" : documents.joined(separator: " ") + " "
    return context + "Q: \(question) A: \(answer).\n"
  }

  /// The answer in generated text: up to the first `.` or newline, trimmed of spaces.
  static func answer(in generated: String) -> String {
    let cut = generated.prefix { $0 != "." && $0 != "\n" }
    return String(cut).trimmingCharacters(in: .whitespaces)
  }
}
