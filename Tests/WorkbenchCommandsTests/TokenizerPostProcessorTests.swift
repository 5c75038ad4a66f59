import Foundation
import NeuralNet
import PythonOracle
import Testing

@testable import WorkbenchCommands

/// `tokenizer.json` files with the post-processors today's tools save (`Tests/Fixtures/save_tokenizers.py`,
/// run with the installed `transformers` and `tokenizers`): the workbench gives the ids `tokenizers`
/// gives, templates with special tokens included, and refuses by name what it cannot honour.
@Suite("TokenizerPostProcessors", .serialized)
struct TokenizerPostProcessorTests {
  static let text = "The learner saves a tokenizer with today's tools: héllo ☃ <|endoftext|> and more text.\n"

  @Test("TemplateProcessing ($A alone, a BOS, tokens around), Sequence and ByteLevel variants: ids identical to tokenizers")
  func identicalIDs() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokenizers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let textFile = folder.appendingPathComponent("text.txt")
    try Data(Self.text.utf8).write(to: textFile)
    let expected = try JSONDecoder().decode(
      [String: [Int]].self, from: PythonOracle.runFixture("save_tokenizers.py", [folder.appendingPathComponent("saved").path, textFile.path]))
    let names = ["plain", "bos", "around", "sequence"] + ["false", "true"].flatMap { p in ["false", "true"].map { "bytelevel-\(p)-\($0)" } }
    for name in names {
      let file = folder.appendingPathComponent("saved/\(name)/tokenizer.json")
      let tokenizer = try TokenizerJSON.tokenizer(from: [UInt8](Data(contentsOf: file)), source: file.path)
      let ids = try tokenizer.encode(Self.text)
      #expect(ids == expected[name], "\(name)")
      // Stored in a checkpoint and read back, the tokenizer keeps its template.
      #expect(try StoredTokenizer.decode(tokenizer.serialized).encode(Self.text) == ids, "\(name) stored")
    }
    #expect(expected["bos"]!.first == 0 && expected["bos"]!.dropFirst().elementsEqual(expected["plain"]!))
    #expect(expected["around"]!.last == 0)

    // A post-processor that cannot be honoured is refused by name.
    let bert = folder.appendingPathComponent("saved/bert/tokenizer.json")
    #expect(throws: TokenizerError.unsupportedTokenizer(source: bert.path, kind: "ByteLevel BPE with a BertProcessing post-processor")) {
      try TokenizerJSON.tokenizer(from: [UInt8](Data(contentsOf: bert)), source: bert.path)
    }
  }
}
