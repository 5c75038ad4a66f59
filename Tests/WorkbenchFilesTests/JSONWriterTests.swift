import Testing
import WorkbenchFiles

/// The one JSON writer: the exact bytes the cost reports and the checkpoint headers have always written.
@Suite struct JSONWriterTests {
  static let report: JSONValue = .object([
    (
      "table",
      .array([
        .object([
          ("name", .string("a\"b\\c\n\t\u{8}\u{c}\u{1}é")), ("n", JSONValue(3)), ("x", JSONValue(0.1)),
          ("big", JSONValue(1e15)), ("neg", JSONValue(-2.5)), ("nan", JSONValue(.nan)), ("t", .bool(true)), ("z", .null),
        ]),
        .object([]),
      ])
    ),
    ("notes", .array([.string("one"), .string("two")])),
    ("empty", .array([])),
    ("nested", .object([("deep", .object([("k", .array([JSONValue(1), JSONValue(2)]))]))])),
  ])

  @Test func reportTablesWriteRowsOnOneLineBelowDepthTwo() {
    #expect(
      JSONWriter.document(Self.report, inlineDepth: 2) == #"""
        {
          "table": [
            {"name": "a\"b\\c\n\t\u0008\u000c\u0001é", "n": 3, "x": 0.1, "big": 1000000000000000.0, "neg": -2.5, "nan": null, "t": true, "z": null},
            {}
          ],
          "notes": [
            "one",
            "two"
          ],
          "empty": [],
          "nested": {
            "deep": {"k": [1, 2]}
          }
        }
        """#)
  }

  @Test func documentsWriteOneMemberPerLineByDefault() {
    #expect(
      JSONWriter.document(Self.report) == #"""
        {
          "table": [
            {
              "name": "a\"b\\c\n\t\u0008\u000c\u0001é",
              "n": 3,
              "x": 0.1,
              "big": 1000000000000000.0,
              "neg": -2.5,
              "nan": null,
              "t": true,
              "z": null
            },
            {}
          ],
          "notes": [
            "one",
            "two"
          ],
          "empty": [],
          "nested": {
            "deep": {
              "k": [
                1,
                2
              ]
            }
          }
        }
        """#)
  }

  @Test func headerStringsUseShortEscapes() {
    #expect(JSONWriter.quoted("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é/😀") == #""a\"b\\c\n\r\t\b\f\u0001\u001fé/😀""#)
    #expect(JSONWriter.quoted("\u{8}\u{c}", controlEscapes: .unicode) == #""\u0008\u000c""#)
  }

  @Test func keysSortByTheirBytes() {
    #expect(JSONWriter.sortedKeys(["b", "a", "B", "é", "aa"]) == ["B", "a", "aa", "b", "é"])
  }

  @Test func numbersAreWholeWhenTheyCanBe() {
    let values: [Double] = [0, -0.0, 1, 1e15, 1e14, 123456789.5, 1.0 / 3, -7, 2e-7, .infinity]
    #expect(
      values.map(JSONWriter.number).joined(separator: ",")
        == "0,0,1,1000000000000000.0,100000000000000,123456789.5,0.3333333333333333,-7,2e-07,null")
    #expect(JSONValue(.infinity) == .null)
    #expect(JSONValue(3) == .number("3"))
  }
}
