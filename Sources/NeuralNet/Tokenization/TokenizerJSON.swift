import WorkbenchFiles

/// Hugging Face `tokenizer.json`, the one-file tokenizer format of the `tokenizers` library, read
/// and written for the two kinds the workbench has.
///
/// Written (compact JSON, keys in the order `tokenizers` 0.23 writes them, vocabulary in id order):
/// - a ``ByteLevelBPETokenizer`` as GPT-2 ships it: model `BPE` with its vocabulary and merges
///   (`[["Ġ","t"], …]`), `ByteLevel` pre-tokenizer (`add_prefix_space` false), post-processor and
///   decoder, and the added tokens;
/// - a ``CharacterTokenizer`` as a `BPE` model whose vocabulary is the characters, with no merges,
///   no pre-tokenizer and the `Fuse` decoder: `tokenizers` then encodes each character to its id,
///   exactly as the workbench does, and decodes by concatenation.
///
/// Read: the same two shapes (merges also as GPT-2's older `"Ġ t"` strings), with a `ByteLevel`,
/// `TemplateProcessing` (a single-sequence template of `$A` among special tokens, as `transformers`
/// 5 saves GPT-2's) or `Sequence` post-processor. Anything else (another
/// model such as WordPiece or Unigram, a normalizer, another pre-tokenizer) is refused with a
/// `TokenizerError.unsupportedTokenizer` naming what it is.
public enum TokenizerJSON {
  // MARK: Writing

  /// The `tokenizer.json` text of `tokenizer`.
  public static func text(of tokenizer: ByteLevelBPETokenizer) -> String {
    let byteLevel = #"{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}"#
    let postProcessor =
      tokenizer.template == .textOnly
      ? #"{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":false,"use_regex":true}"# : templateProcessing(tokenizer)
    let decoder = #"{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}"#
    let merges = tokenizer.merges.map { "[" + JSONWriter.quoted($0.left) + "," + JSONWriter.quoted($0.right) + "]" }
    return document(
      addedTokens: tokenizer.addedTokens, preTokenizer: byteLevel, postProcessor: postProcessor, decoder: decoder,
      vocabulary: tokenizer.tokens, merges: merges)
  }

  /// The `tokenizer.json` text of `tokenizer`: a character vocabulary without merges (see the type).
  public static func text(of tokenizer: CharacterTokenizer) -> String {
    document(
      addedTokens: [], preTokenizer: "null", postProcessor: "null", decoder: #"{"type":"Fuse"}"#,
      vocabulary: tokenizer.vocabulary.map { String(Character($0)) }, merges: [])
  }

  /// The `tokenizer.json` text of either kind.
  /// - Throws: `TokenizerError.unsupportedTokenizer` for a tokenizer of another kind.
  public static func text(of tokenizer: any Tokenizer) throws -> String {
    switch tokenizer {
    case let bpe as ByteLevelBPETokenizer: return text(of: bpe)
    case let characters as CharacterTokenizer: return text(of: characters)
    default: throw TokenizerError.unsupportedTokenizer(source: "the tokenizer", kind: tokenizer.kindName)
    }
  }

  /// A `TemplateProcessing` post-processor with `tokenizer`'s single-sequence template (and the
  /// pair template `tokenizers` derives from it: the same special tokens around `$B`, type 1).
  static func templateProcessing(_ tokenizer: ByteLevelBPETokenizer) -> String {
    func content(_ id: Int) -> String { tokenizer.token(of: id) ?? "" }
    func pieces(_ type: Int, _ sequence: String) -> [String] {
      let special = { (id: Int) in "{\"SpecialToken\":{\"id\":\(JSONWriter.quoted(content(id))),\"type_id\":\(type)}}" }
      return tokenizer.template.before.map(special) + ["{\"Sequence\":{\"id\":\"\(sequence)\",\"type_id\":\(type)}}"]
        + tokenizer.template.after.map(special)
    }
    var seen: Set<Int> = []
    let specials = (tokenizer.template.before + tokenizer.template.after).filter { seen.insert($0).inserted }.map { id in
      JSONWriter.quoted(content(id)) + ":{\"id\":\(JSONWriter.quoted(content(id))),\"ids\":[\(id)],\"tokens\":[\(JSONWriter.quoted(content(id)))]}"
    }
    return "{\"type\":\"TemplateProcessing\",\"single\":[" + pieces(0, "A").joined(separator: ",") + "],\"pair\":["
      + (pieces(0, "A") + pieces(1, "B")).joined(separator: ",") + "],\"special_tokens\":{" + specials.joined(separator: ",") + "}}"
  }

  /// The single-sequence template of a `tokenizer.json` post-processor: nothing around the text
  /// for none or `ByteLevel` (whose options change offsets only, never ids), the special tokens of
  /// a `TemplateProcessing`'s `single` template, and for a `Sequence` of these, its one template.
  /// - Throws: `unsupported` naming a post-processor that cannot be honoured.
  static func singleTemplate(
    of step: JSONValue, unsupported: (String) -> TokenizerError, malformed: (String) -> TokenizerError
  ) throws -> ByteLevelBPETokenizer.SingleSequenceTemplate {
    if step == .null { return .textOnly }
    let type = step["type"]?.stringValue ?? "untyped"
    switch type {
    case "ByteLevel":
      return .textOnly
    case "Sequence":
      guard let processors = step["processors"], case let .array(items) = processors else {
        throw malformed("its Sequence post-processor has no \"processors\" array")
      }
      let templates = try items.map { try singleTemplate(of: $0, unsupported: unsupported, malformed: malformed) }.filter { $0 != .textOnly }
      guard templates.count <= 1 else { throw unsupported("ByteLevel BPE with a Sequence post-processor of two templates") }
      return templates.first ?? .textOnly
    case "TemplateProcessing":
      guard let single = step["single"], case let .array(pieces) = single else {
        throw malformed("its TemplateProcessing post-processor has no \"single\" array")
      }
      var before: [Int] = [], after: [Int] = [], sawText = false
      for piece in pieces {
        if let sequence = piece["Sequence"] {
          guard sequence["id"]?.stringValue == "A", !sawText else {
            throw unsupported("ByteLevel BPE with a TemplateProcessing post-processor whose single template is not one $A among special tokens")
          }
          sawText = true
        } else if let special = piece["SpecialToken"], let name = special["id"]?.stringValue {
          guard let entry = step["special_tokens"]?[name], let idsValue = entry["ids"], case let .array(idValues) = idsValue else {
            throw malformed("its TemplateProcessing post-processor uses the special token \(JSONWriter.quoted(name)) without listing its ids")
          }
          let ids = try idValues.map { value -> Int in
            guard let id = value.nonNegativeInteger else { throw malformed("the special token \(JSONWriter.quoted(name)) has an id that is not a number") }
            return id
          }
          if sawText { after += ids } else { before += ids }
        } else {
          throw malformed("its TemplateProcessing post-processor has a piece that is neither a Sequence nor a SpecialToken")
        }
      }
      guard sawText else { throw unsupported("ByteLevel BPE with a TemplateProcessing post-processor whose single template has no $A") }
      return .init(before: before, after: after)
    default:
      throw unsupported("ByteLevel BPE with a \(type) post-processor")
    }
  }

  private static func document(
    addedTokens: [ByteLevelBPETokenizer.AddedToken], preTokenizer: String, postProcessor: String, decoder: String,
    vocabulary: [String], merges: [String]
  ) -> String {
    let added = addedTokens.map { token in
      "{\"id\":\(token.id),\"content\":\(JSONWriter.quoted(token.content)),\"single_word\":false,\"lstrip\":false,"
        + "\"rstrip\":false,\"normalized\":false,\"special\":\(token.special)}"
    }
    let vocab = vocabulary.enumerated().map { JSONWriter.quoted($0.element) + ":\($0.offset)" }
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + added.joined(separator: ",")
      + "],\"normalizer\":null,\"pre_tokenizer\":" + preTokenizer + ",\"post_processor\":" + postProcessor
      + ",\"decoder\":" + decoder
      + ",\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,"
      + "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":false,\"vocab\":{"
      + vocab.joined(separator: ",") + "},\"merges\":[" + merges.joined(separator: ",") + "]}}"
  }

  // MARK: Reading

  /// The tokenizer described by the `tokenizer.json` bytes `bytes`; `source` names the file in errors.
  /// - Throws: `TokenizerError.malformedTokenizer` (not JSON, missing or mistyped fields) or
  ///   `.unsupportedTokenizer` (a kind the workbench does not implement).
  public static func tokenizer(from bytes: [UInt8], source: String) throws -> any Tokenizer {
    func malformed(_ reason: String) -> TokenizerError { .malformedTokenizer(source: source, reason: reason) }
    func unsupported(_ kind: String) -> TokenizerError { .unsupportedTokenizer(source: source, kind: kind) }
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw malformed("it is not JSON (\(error.reason) at byte \(error.offset))")
    }
    guard case .object = root else { throw malformed("it is \(root.kindDescription), not an object") }
    guard let model = root["model"], case .object = model else { throw malformed("it has no \"model\" object") }
    let modelType = model["type"]?.stringValue ?? "untyped"
    guard modelType == "BPE" else { throw unsupported("\(modelType) model") }
    if let normalizer = root["normalizer"], normalizer != .null {
      throw unsupported("BPE model with a \(normalizer["type"]?.stringValue ?? "untyped") normalizer")
    }
    for option in ["dropout", "continuing_subword_prefix", "end_of_word_suffix"] {
      if let value = model[option], value != .null, value != .string("") {
        throw unsupported("BPE model with \(option) set")
      }
    }
    if model["byte_fallback"] == .bool(true) { throw unsupported("BPE model with byte_fallback") }

    // Vocabulary: ids must be exactly 0..<n.
    guard let vocabValue = model["vocab"], case let .object(vocabMembers) = vocabValue else {
      throw malformed("its model has no \"vocab\" object")
    }
    var tokens = [String?](repeating: nil, count: vocabMembers.count)
    for (token, idValue) in vocabMembers {
      guard let id = idValue.nonNegativeInteger, id < vocabMembers.count else {
        throw malformed("the vocabulary's ids must be 0…\(vocabMembers.count - 1), but \(JSONWriter.quoted(token)) has \(idValue.literalDescription)")
      }
      guard tokens[id] == nil else { throw malformed("the id \(id) is given to two tokens") }
      tokens[id] = token
    }
    let vocabulary = tokens.map { $0! }

    guard let mergesValue = model["merges"], case let .array(mergeItems) = mergesValue else {
      throw malformed("its model has no \"merges\" array")
    }
    var merges: [ByteLevelBPETokenizer.Merge] = []
    merges.reserveCapacity(mergeItems.count)
    for (rank, item) in mergeItems.enumerated() {
      switch item {
      case let .string(text):
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw malformed("merge \(rank) \(JSONWriter.quoted(text)) is not two tokens separated by a space") }
        merges.append(.init(String(parts[0]), String(parts[1])))
      case let .array(pair):
        guard pair.count == 2, let left = pair[0].stringValue, let right = pair[1].stringValue else {
          throw malformed("merge \(rank) is not a pair of strings")
        }
        merges.append(.init(left, right))
      default:
        throw malformed("merge \(rank) is \(item.kindDescription), not a string or a pair")
      }
    }

    var added: [ByteLevelBPETokenizer.AddedToken] = []
    if let addedValue = root["added_tokens"], addedValue != .null {
      guard case let .array(items) = addedValue else { throw malformed("\"added_tokens\" is not an array") }
      for item in items {
        guard let id = item["id"]?.nonNegativeInteger, let content = item["content"]?.stringValue else {
          throw malformed("an entry of \"added_tokens\" has no id or content")
        }
        added.append(.init(id: id, content: content, special: item["special"] == .bool(true)))
      }
    }

    let preTokenizer = root["pre_tokenizer"] ?? .null
    let decoder = root["decoder"] ?? .null
    let postProcessor = root["post_processor"] ?? .null
    if preTokenizer == .null {
      // A character vocabulary: every token one character, no merges, no added tokens.
      guard merges.isEmpty, added.isEmpty, vocabulary.allSatisfy({ $0.unicodeScalars.count == 1 }) else {
        throw unsupported("BPE model without a pre-tokenizer (other than a character vocabulary without merges)")
      }
      guard decoder == .null || decoder["type"]?.stringValue == "Fuse", postProcessor == .null else {
        throw unsupported("character vocabulary with a \(decoder["type"]?.stringValue ?? "post-processor") step")
      }
      return try CharacterTokenizer(vocabulary: vocabulary.map { $0.unicodeScalars.first! })
    }
    let preType = preTokenizer["type"]?.stringValue ?? "untyped"
    guard preType == "ByteLevel" else { throw unsupported("BPE model with a \(preType) pre-tokenizer") }
    guard preTokenizer["add_prefix_space"] != .bool(true) else {
      throw unsupported("ByteLevel BPE with add_prefix_space true")
    }
    guard preTokenizer["use_regex"] != .bool(false) else { throw unsupported("ByteLevel BPE with use_regex false") }
    if decoder != .null {
      let type = decoder["type"]?.stringValue ?? "untyped"
      guard type == "ByteLevel" else { throw unsupported("ByteLevel BPE with a \(type) decoder") }
    }
    let template = try singleTemplate(of: postProcessor, unsupported: unsupported, malformed: malformed)
    do {
      return try ByteLevelBPETokenizer(tokens: vocabulary, merges: merges, addedTokens: added, template: template)
    } catch let TokenizerError.malformedTokenizer(_, reason) {
      throw malformed(reason)
    }
  }
}
