import Autograd
import Foundation
import Testing

@testable import NeuralNet

/// Byte-level BPE built here: the byte alphabet, GPT-2's pre-tokenizer split, training, encoding,
/// decoding and serialisation. (Agreement with Hugging Face `tokenizers` on GPT-2-style files is in
/// `HuggingFaceFixtureTests`.)
@Suite struct ByteLevelBPETokenizerTests {
  @Test func byteAlphabetIsAReversibleMapOntoPrintableCharacters() {
    let symbols = ByteLevelAlphabet.symbols
    #expect(Set(symbols).count == 256)
    #expect(symbols[0x20] == "\u{120}")  // space → Ġ
    #expect(symbols[0x0A] == "\u{10A}")  // newline → Ċ
    #expect(symbols[0x41] == "A")
    #expect(symbols[0xAD] == "\u{143}")  // the soft hyphen is the 68th remapped byte: U+0100 + 67
    for byte in 0..<256 { #expect(ByteLevelAlphabet.byte(for: symbols[byte]) == UInt8(byte)) }
    #expect(ByteLevelAlphabet.byte(for: "\u{144}") == nil)
    #expect(ByteLevelAlphabet.string(of: Array(" é".utf8)) == "ĠÃ©")
  }

  /// Expected splits from Python's `regex` module with GPT-2's pattern (`regex.findall`).
  @Test(arguments: [
    ("Hello world", ["Hello", " world"]),
    ("don't you're", ["don", "'t", " you", "'re"]),
    ("a   b", ["a", "  ", " b"]),
    ("x\n\ny", ["x", "\n", "\n", "y"]),
    ("price: 12,345 !!  ", ["price", ":", " 12", ",", "345", " !!", "  "]),
    ("'sup ''quoted''", ["'s", "up", " ''", "quoted", "''"]),
    ("café 😀😀 end", ["café", " 😀😀", " end"]),
    (" \u{3000}x", [" ", "\u{3000}", "x"]),
    ("tab\there", ["tab", "\t", "here"]),
  ])
  func preTokenizerSplitsAsGPT2sPattern(text: String, expected: [String]) {
    #expect(GPT2PreTokenizer.pieces(of: text) == expected)
  }

  @Test func trainingMergesTheMostFrequentPairFirst() throws {
    // Pieces "ab", " ab", " ab": (a, b) occurs 3 times, (Ġ, a) twice → "ab" first, then "Ġab".
    let tokenizer = try ByteLevelBPETokenizer.train(on: "ab ab ab", merges: 5)
    #expect(tokenizer.merges == [.init("a", "b"), .init("Ġ", "ab")])
    #expect(tokenizer.tokens.count == 258)
    #expect(tokenizer.tokens[256] == "ab" && tokenizer.tokens[257] == "Ġab")
    #expect(try tokenizer.encode("ab ab") == [256, 257])
    #expect(try tokenizer.encode("abc") == [256, 99])
  }

  @Test func trainingBreaksTiesByTheSmallerPairOfIds() throws {
    // "ba", " ab": (b, a), (Ġ, a) and (a, b) each occur once; (Ġ = 32, a = 97) has the smallest ids.
    let tokenizer = try ByteLevelBPETokenizer.train(on: "ba ab", merges: 1)
    #expect(tokenizer.merges == [.init("Ġ", "a")])
    // Then (b = 98, a = 97) comes before (Ġa = 256, b = 98).
    #expect(try ByteLevelBPETokenizer.train(on: "ba ab", merges: 3).merges == [.init("Ġ", "a"), .init("b", "a"), .init("Ġa", "b")])
  }

  @Test func trainingIsDeterministicAndStopsWhenNothingIsLeftToMerge() throws {
    let text = "the cat sat on the mat; the cat's hat.\n\nThe end  ✨"
    let first = try ByteLevelBPETokenizer.train(on: text, merges: 40)
    #expect(first == (try ByteLevelBPETokenizer.train(on: text, merges: 40)))
    let all = try ByteLevelBPETokenizer.train(on: "aaaa", merges: 100)
    #expect(all.merges == [.init("a", "a"), .init("aa", "aa")])
    #expect(try all.encode("aaaa") == [257])
    #expect(try all.encode("aaaaa") == [257, 97])
  }

  @Test func trainingRefusesBadArguments() {
    #expect(throws: TokenizerError.invalidMergeCount(-1)) { try ByteLevelBPETokenizer.train(on: "abc", merges: -1) }
    #expect(throws: TokenizerError.emptyTrainingText) { try ByteLevelBPETokenizer.train(on: "", merges: 3) }
  }

  @Test(arguments: [
    "plain ASCII text", "naïve café — 東京 🙂 👩‍👩‍👧", "  runs   of\n\n\nspaces\t\tand tabs  ", "e\u{301} 1234567 don't",
  ])
  func decodeInvertsEncode(text: String) throws {
    let tokenizer = try ByteLevelBPETokenizer.train(on: "naïve café — runs of spaces, don't 123 " + text, merges: 60)
    let ids = try tokenizer.encode(text)
    #expect(ids.allSatisfy { (0..<tokenizer.vocabularySize).contains($0) })
    #expect(try tokenizer.decode(ids) == text)
    // Characters never seen in training still encode (as their bytes).
    #expect(try tokenizer.decode(tokenizer.encode("Ωmega ∑")) == "Ωmega ∑")
    #expect(tokenizer.unencodableCharacters(in: text).isEmpty)
  }

  @Test func addedTokensAreMatchedBeforeSplittingAndDecodedAsTheirText() throws {
    let base = try ByteLevelBPETokenizer.train(on: "hello hello world", merges: 10)
    let tokenizer = try ByteLevelBPETokenizer(
      tokens: base.tokens, merges: base.merges, addedTokens: [.init(id: base.tokens.count, content: "<|endoftext|>")])
    let ids = try tokenizer.encode("hello<|endoftext|> world")
    #expect(ids == (try base.encode("hello")) + [base.tokens.count] + (try base.encode(" world")))
    #expect(tokenizer.vocabularySize == base.tokens.count + 1)
    #expect(try tokenizer.decode(ids) == "hello<|endoftext|> world")
    #expect(throws: TokenizerError.idOutOfRange(id: 999, position: 1, vocabularySize: tokenizer.vocabularySize)) {
      try tokenizer.decode([0, 999])
    }
  }

  /// The heap-based merge loop against GPT-2's pass-by-pass definition, on random byte strings
  /// drawn from a small alphabet (so that merges chain and overlap, e.g. "aaaa").
  @Test func fastMergesAgreeWithTheReferenceLoop() throws {
    var generator = SplitMix64(seed: 5)
    let alphabet = Array("aab ").map(String.init)
    func randomText(_ length: Int) -> String { (0..<length).map { _ in alphabet[Int(generator.next() % 4)] }.joined() }
    let tokenizer = try ByteLevelBPETokenizer.train(on: (0..<40).map { _ in randomText(30) }.joined(), merges: 40)
    #expect(tokenizer.merges.count == 40)
    for length in [2, 3, 5, 17, 64, 300] {
      for _ in 0..<20 {
        let word = Array(randomText(length).utf8).map(Int.init)
        #expect(tokenizer.applyMerges(to: word) == tokenizer.applyMergesByPasses(to: word))
      }
    }
  }

  @Test func decodingAPartialCharacterGivesTheReplacementCharacter() throws {
    let tokenizer = try ByteLevelBPETokenizer.train(on: "x", merges: 0)
    let bytes = Array("é".utf8)
    #expect(try tokenizer.decode([Int(bytes[0])]) == "\u{FFFD}")
    #expect(try tokenizer.decode(bytes.map(Int.init)) == "é")
  }

  @Test func serialisedFormIsATokenizerJSONThatReadsBackEqual() throws {
    let tokenizer = try ByteLevelBPETokenizer.train(on: "the theme of the thesis, \"quoted\" \\ slashes", merges: 20)
    let text = tokenizer.serialized
    #expect(text.hasPrefix(#"{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,"pre_tokenizer":{"type":"ByteLevel""#))
    let decoded = try StoredTokenizer.decode(text)
    #expect(decoded as? ByteLevelBPETokenizer == tokenizer)
    #expect(decoded.serialized == text)
  }

  @Test func characterTokenizersKeepTheirArrayForm() throws {
    let characters = try CharacterTokenizer(text: "ab\n\"")
    #expect(characters.serialized == #"["\n","\"","a","b"]"#)
    #expect(try StoredTokenizer.decode(characters.serialized) as? CharacterTokenizer == characters)
    #expect(characters.unencodableCharacters(in: "abzaz!") == ["z", "!"])
    // Through the protocol, unknown characters are refused (the default policy).
    let any: any Tokenizer = characters
    #expect(throws: TokenizerError.unknownCharacter("z", position: 1)) { try any.encode("az") }
  }

  @Test func unreadableStoredTokenizersAreRefused() {
    #expect(throws: TokenizerError.self) { try StoredTokenizer.decode(#"{"model": {"type": "WordPiece"}}"#) }
    #expect(
      TokenizerError.unsupportedTokenizer(source: "the stored tokenizer", kind: "WordPiece model").description
        == "The stored tokenizer holds a WordPiece model, which the workbench does not implement; supported: a BPE model with a ByteLevel pre-tokenizer (as GPT-2 ships it) or a character vocabulary.")
    #expect(throws: TokenizerError.self) { try StoredTokenizer.decode("{not json") }
  }
}
