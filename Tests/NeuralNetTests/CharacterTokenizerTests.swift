import Foundation
import Testing

@testable import NeuralNet

@Suite struct CharacterTokenizerTests {
  @Test func vocabularyIsSortedUniqueCharacters() throws {
    let tokenizer = try CharacterTokenizer(text: "hello world")
    #expect(tokenizer.vocabulary == [" ", "d", "e", "h", "l", "o", "r", "w"])
    #expect(tokenizer.vocabularySize == 8)
    #expect(try tokenizer.encode("hello") == [3, 2, 4, 4, 5])
    #expect(try tokenizer.decode([7, 5, 6, 4, 1]) == "world")
    // Sorted by code point, as Python's sorted(set(text)): "\n" (10) < "B" (66) < "a" (97) < "é" (233).
    #expect(try CharacterTokenizer(text: "éaB\nBa").vocabulary == ["\n", "B", "a", "é"])
  }

  @Test(arguments: ["To be, or not to be", "line one\nline two\r\n\ttab", "naïve café — 東京 🙂", "e\u{301}"])
  func decodeInvertsEncode(text: String) throws {
    let tokenizer = try CharacterTokenizer(text: text)
    let ids = try tokenizer.encode(text)
    #expect(ids.count == text.unicodeScalars.count)
    #expect(Array(try tokenizer.decode(ids).unicodeScalars) == Array(text.unicodeScalars))
  }

  @Test func explicitVocabularyFixesTheIds() throws {
    let tokenizer = try CharacterTokenizer(vocabulary: ["b", "a", "c"])
    #expect(try tokenizer.encode("abc") == [1, 0, 2])
    #expect(tokenizer.id(of: "c") == 2)
    #expect(tokenizer.id(of: "z") == nil)
    #expect(throws: TokenizerError.duplicateCharacter("a")) { try CharacterTokenizer(vocabulary: ["a", "b", "a"]) }
    #expect(throws: TokenizerError.emptyVocabulary) { try CharacterTokenizer(vocabulary: []) }
    #expect(throws: TokenizerError.emptyVocabulary) { try CharacterTokenizer(text: "") }
  }

  @Test func unknownCharacterIsNamedWithItsPosition() throws {
    let tokenizer = try CharacterTokenizer(text: "abc ")
    #expect(throws: TokenizerError.unknownCharacter("x", position: 4)) { try tokenizer.encode("abc x") }
    // Positions count Unicode scalars: "é" written as e + U+0301 occupies positions 0 and 1.
    #expect(throws: TokenizerError.unknownCharacter("\u{301}", position: 2)) {
      try CharacterTokenizer(text: "abce").encode("ae\u{301}")
    }
    #expect(
      TokenizerError.unknownCharacter("x", position: 4).description
        == "The character 'x' (U+0078) at position 4 is not in the tokenizer's vocabulary; remove it or encode with a lossy policy.")
    #expect(TokenizerError.unknownCharacter("\n", position: 0).description.hasPrefix("The character U+000A at position 0"))
  }

  @Test func lossyPolicies() throws {
    let tokenizer = try CharacterTokenizer(text: "ab?")
    #expect(try tokenizer.encode("aXbY", unknown: .skip) == [1, 2])
    #expect(try tokenizer.encode("aXbY", unknown: .replace(with: "?")) == [1, 0, 2, 0])
    #expect(try tokenizer.decode(tokenizer.encode("aXb", unknown: .replace(with: "?"))) == "a?b")
    #expect(throws: TokenizerError.replacementNotInVocabulary("_")) { try tokenizer.encode("a", unknown: .replace(with: "_")) }
  }

  @Test func decodingRejectsIdsOutsideTheVocabulary() throws {
    let tokenizer = try CharacterTokenizer(text: "ab")
    #expect(throws: TokenizerError.idOutOfRange(id: 2, position: 1, vocabularySize: 2)) { try tokenizer.decode([0, 2]) }
    #expect(throws: TokenizerError.idOutOfRange(id: -1, position: 0, vocabularySize: 2)) { try tokenizer.decode([-1]) }
  }

  @Test func serialisesAsAJSONArrayInIdOrder() throws {
    let tokenizer = try CharacterTokenizer(vocabulary: ["\n", " ", "\"", "\\", "a", "é", "\u{7}"])
    #expect(tokenizer.serialized == #"["\n"," ","\"","\\","a","é","\u0007"]"#)
    // Independent parser: Foundation's JSON reader sees the same characters in the same order.
    let parsed = try JSONSerialization.jsonObject(with: Data(tokenizer.serialized.utf8)) as? [String]
    #expect(parsed == tokenizer.vocabulary.map { String($0) })
    #expect(try CharacterTokenizer(serialized: tokenizer.serialized) == tokenizer)
    // Escapes written by other writers are read too.
    #expect(try CharacterTokenizer(serialized: #"[ "\u00e9", "\ud83d\ude42" ,"\/"]"#).vocabulary == ["é", "🙂", "/"])
  }

  @Test(arguments: [
    (#"{"a": 1}"#, TokenizerError.malformedVocabulary(reason: "it is an object, not an array")),
    (#"["ab"]"#, TokenizerError.malformedVocabulary(reason: "entry 0 is not a one-character string")),
    (#"["a", 3]"#, TokenizerError.malformedVocabulary(reason: "entry 1 is not a one-character string")),
    (#"["a""#, TokenizerError.malformedVocabulary(reason: "expected ',' or ']' in an array, found the end of the text at byte 4")),
    (#"["\ud83d"]"#, TokenizerError.malformedVocabulary(reason: "a \\u escape starts a surrogate pair that is not completed at byte 8")),
    (#"["a","a"]"#, TokenizerError.duplicateCharacter("a")),
    ("[]", TokenizerError.emptyVocabulary),
  ])
  func rejectsMalformedSerialisations(json: String, error: TokenizerError) {
    #expect(throws: error) { try CharacterTokenizer(serialized: json) }
  }

  @Test func checkpointMetadataRoundTrip() throws {
    let tokenizer = try CharacterTokenizer(text: "First Citizen:\nBefore we proceed any further, hear me speak.")
    let file = SafetensorsFile(metadata: ["tokenizer": tokenizer.serialized])
    let read = try SafetensorsFile.decode(file.encoded())
    #expect(try CharacterTokenizer(serialized: try #require(read.metadata["tokenizer"])) == tokenizer)
  }
}
