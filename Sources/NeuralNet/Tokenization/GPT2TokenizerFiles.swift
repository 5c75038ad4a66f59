import WorkbenchFiles

/// GPT-2's original two-file tokenizer format, `vocab.json` + `merges.txt`, read and written for
/// ``ByteLevelBPETokenizer``.
///
/// - `vocab.json`: a JSON object from token (in ``ByteLevelAlphabet`` symbols) to id, ids 0…n−1.
/// - `merges.txt`: an optional `#version: …` first line, then one merge per line, the two tokens
///   separated by one space, in rank order.
///
/// The pre-tokenizer is implied (GPT-2's). GPT-2's `<|endoftext|>` is in `vocab.json`; as in
/// `transformers`' GPT-2 tokenizer, a vocabulary entry written `<|…|>` is an added (special) token,
/// matched whole before the text is split.
public enum GPT2TokenizerFiles {
  /// The tokenizer of a `vocab.json` and a `merges.txt`; `source` names them in errors.
  /// - Throws: `TokenizerError.malformedTokenizer`.
  public static func tokenizer(vocabJSON: [UInt8], mergesText: String, source: String) throws -> ByteLevelBPETokenizer {
    func malformed(_ reason: String) -> TokenizerError { .malformedTokenizer(source: source, reason: reason) }
    let root: JSONValue
    do {
      root = try JSONParser.parse(vocabJSON)
    } catch {
      throw malformed("vocab.json is not JSON (\(error.reason) at byte \(error.offset))")
    }
    guard case let .object(members) = root else { throw malformed("vocab.json is \(root.kindDescription), not an object") }
    var tokens = [String?](repeating: nil, count: members.count)
    for (token, value) in members {
      guard let id = value.nonNegativeInteger, id < members.count, tokens[id] == nil else {
        throw malformed("vocab.json's ids must be 0…\(members.count - 1), each once, but \(JSONWriter.quoted(token)) has \(value.literalDescription)")
      }
      tokens[id] = token
    }
    var merges: [ByteLevelBPETokenizer.Merge] = []
    for (number, line) in mergesText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let text = line.hasSuffix("\r") ? line.dropLast() : line
      if text.isEmpty || (number == 0 && text.hasPrefix("#version")) { continue }
      let parts = text.split(separator: " ", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw malformed("line \(number + 1) of merges.txt is not two tokens separated by one space")
      }
      merges.append(.init(String(parts[0]), String(parts[1])))
    }
    let vocabulary = tokens.map { $0! }
    let added = vocabulary.enumerated().filter { $0.element.hasPrefix("<|") && $0.element.hasSuffix("|>") && $0.element.count > 4 }
      .map { ByteLevelBPETokenizer.AddedToken(id: $0.offset, content: $0.element) }
    do {
      return try ByteLevelBPETokenizer(tokens: vocabulary, merges: merges, addedTokens: added)
    } catch let TokenizerError.malformedTokenizer(_, reason) {
      throw malformed(reason)
    }
  }

  /// `vocab.json` for `tokenizer`: compact, in id order (added tokens beyond the model's tokens included).
  public static func vocabJSON(of tokenizer: ByteLevelBPETokenizer) -> String {
    var entries = tokenizer.tokens.enumerated().map { JSONWriter.quoted($0.element) + ":\($0.offset)" }
    for added in tokenizer.addedTokens.sorted(by: { $0.id < $1.id }) where added.id >= tokenizer.tokens.count {
      entries.append(JSONWriter.quoted(added.content) + ":\(added.id)")
    }
    return "{" + entries.joined(separator: ",") + "}"
  }

  /// `merges.txt` for `tokenizer`: `#version: 0.2`, then one merge per line.
  public static func mergesText(of tokenizer: ByteLevelBPETokenizer) -> String {
    "#version: 0.2\n" + tokenizer.merges.map { $0.left + " " + $0.right + "\n" }.joined()
  }
}
