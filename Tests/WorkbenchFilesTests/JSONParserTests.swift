import Testing
import WorkbenchFiles

/// The one JSON reader: what it accepts, what it rejects, and where it says the problem is.
@Suite struct JSONParserTests {
  @Test func readsEveryKindOfValueKeepingOrderAndDuplicates() throws {
    let value = try JSONParser.parse(Array(#" {"b": [1, -2.5e3, true, false, null], "a": "x\u00e9\ud83d\ude42\/", "b": {}} "#.utf8))
    #expect(
      value
        == .object([
          (key: "b", value: .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
          (key: "a", value: .string("xé🙂/")),
          (key: "b", value: .object([])),
        ]))
  }

  @Test(arguments: [
    #"{"name": "a\"b\\c\n\r\t\b\f\u0001é/😀", "n": [0, -7, 0.1, 2e-07, 123456789.5], "t": true, "z": null, "e": [], "o": {}}"#,
    "[[[[\"deep\"]]], {\"k\": {\"k\": 1}}]",
    "\"just a string\"",
    "-0",
  ])
  func writingAndReadingAgainGivesTheSameValue(text: String) throws {
    let value = try JSONParser.parse(Array(text.utf8))
    let written = JSONWriter.document(value)
    #expect(try JSONParser.parse(Array(written.utf8)) == value)
    #expect(try JSONParser.parse(Array(JSONWriter.document(value, inlineDepth: 1).utf8)) == value)
  }

  @Test func quotedStringsReadBackToTheirText() throws {
    let text = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é/😀"
    for escapes in [JSONWriter.ControlEscapes.short, .unicode] {
      #expect(try JSONParser.parse(Array(JSONWriter.quoted(text, controlEscapes: escapes).utf8)) == .string(text))
    }
  }

  @Test func nestingDeeperThanTheLimitIsAnError() throws {
    let limit = JSONParser.maximumDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(throws: Never.self) { try JSONParser.parse(Array(deepest.utf8)) }
    let tooDeep = String(repeating: "[", count: 10_000)
    #expect(throws: JSONSyntaxError(reason: "values are nested more than 64 levels deep", line: 1, offset: 64)) {
      try JSONParser.parse(Array(tooDeep.utf8))
    }
  }

  @Test(arguments: [
    ("", 1, 0, "the text ends where a value was expected"),
    ("{\"a\":1} x", 1, 8, "unexpected 'x' after the end of the JSON value"),
    ("[\n  {\"id\": \"x\",\n   \"n\": 1 \"m\": 2}\n]", 3, 26, "expected ',' or '}' in an object, found '\"'"),
    ("[{\"id\": \"t4\",,}]", 1, 13, "expected a quoted key, found ','"),
    ("{\"a\" 1}", 1, 5, "expected ':' after the key \"a\", found '1'"),
    ("[1", 1, 2, "expected ',' or ']' in an array, found the end of the text"),
    ("[tru]", 1, 1, "expected a value, found 't'"),
    ("\n\n\"abc", 3, 6, "a string is not closed with '\"'"),
    ("[\n\"a\nb\"]", 2, 4, "a string contains a raw control character (a line break?); write it as an escape"),
    ("\"\\x\"", 1, 2, "unknown escape '\\x' in a string"),
    ("\"\\u12\"", 1, 5, "a \\u escape needs four hexadecimal digits"),
    ("[\"\\ud83d\"]", 1, 8, "a \\u escape starts a surrogate pair that is not completed"),
    ("\"\\ude42\"", 1, 7, "a \\u escape names a lone surrogate"),
    ("1e999", 1, 5, "the number 1e999 is too large"),
    ("-", 1, 1, "a number has no digits"),
    ("1.", 1, 2, "a number has no digits after '.'"),
    ("1e+", 1, 3, "a number has no digits in its exponent"),
    ("01", 1, 1, "unexpected '1' after the end of the JSON value"),
  ])
  func errorsNameTheLineAndByte(text: String, line: Int, offset: Int, reason: String) {
    #expect(throws: JSONSyntaxError(reason: reason, line: line, offset: offset)) {
      try JSONParser.parse(Array(text.utf8))
    }
  }

  @Test func rejectsBytesThatAreNotUTF8() {
    let bytes: [UInt8] = Array("\n[\"".utf8) + [0xFF, 0xFE] + Array("\"]".utf8)
    #expect(throws: JSONSyntaxError(reason: "a string is not valid UTF-8", line: 2, offset: 6)) {
      try JSONParser.parse(bytes)
    }
  }

  @Test func locatedValuesKnowTheirLines() throws {
    let text = "[\n  {\"id\": \"a\",\n   \"n\": 1},\n\n  2\n]"
    let root = try JSONParser.parseLocated(Array(text.utf8))
    #expect(root.line == 1)
    #expect(root.value == (try JSONParser.parse(Array(text.utf8))))
    #expect(root.parts.map(\.line) == [2, 5])
    #expect(root.parts[0].parts.map(\.line) == [2, 3])
    #expect(root.parts[0].parts[1].value == .number("1"))
    #expect(try JSONParser.parse(Array(text.utf8)) == root.value)
  }

  @Test func accessorsReadWhatTheyExpect() throws {
    let value = try JSONParser.parse(Array(#"{"n": 12, "f": 1.5, "s": "x", "neg": -1}"#.utf8))
    #expect(value["n"]?.nonNegativeInteger == 12)
    #expect(value["f"]?.nonNegativeInteger == nil)
    #expect(value["neg"]?.nonNegativeInteger == nil)
    #expect(value["f"]?.doubleValue == 1.5)
    #expect(value["s"]?.stringValue == "x")
    #expect(value["missing"] == nil)
    #expect(value["s"]?.literalDescription == "\"x\"")
    #expect(value.kindDescription == "an object")
  }
}
