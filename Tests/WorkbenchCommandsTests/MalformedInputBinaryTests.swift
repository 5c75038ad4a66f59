import Foundation
import Testing

/// Twenty malformed files of the kinds the fuzz targets (Fuzz/, RELIABILITY.md) explored, each given
/// to the real `workbench` process through the command that reads it: each must end with one
/// `error:` sentence on standard error that names the problem, the conventional exit code (65 bad
/// data, 66 missing input) and no trap.
@Suite("MalformedInputBinary", .serialized)
struct MalformedInputBinaryTests {
  static let binary = CostBinaryTests.binary

  /// A safetensors file: the 8-byte little-endian header length (`length`, or the header's own), the header, the data.
  static func safetensors(header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
    let text = Array(header.utf8)
    return withUnsafeBytes(of: (length ?? UInt64(text.count)).littleEndian, Array.init) + text + data
  }

  /// A one-block character-level checkpoint header whose config and tensors are given.
  static func checkpoint(config: String, tensors: String, data: [UInt8] = []) -> [UInt8] {
    let metadata = #"{"config":"\#(config.replacingOccurrences(of: "\"", with: "\\\""))","tokenizer":"[\"a\",\"b\"]","format":"pt"}"#
    return safetensors(header: #"{"__metadata__":\#(metadata)\#(tensors.isEmpty ? "" : ",")\#(tensors)}"#, data: data)
  }

  static let nested = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
  static let tinyConfigJSON = #"{"model_type": "gpt2", "n_layer": 1, "n_head": 1, "n_embd": 4, "n_positions": 4, "vocab_size": 4}"#

  /// One malformed input: the files to write (relative path → bytes), the command (with `$` for the
  /// fixture folder), the expected exit code, and words the error sentence must contain.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let files: [String: [UInt8]]
    let arguments: [String]
    let status: Int32
    let words: [String]
    var testDescription: String { name }
  }

  static func generate(_ name: String, _ bytes: [UInt8], _ words: [String], status: Int32 = 65) -> Case {
    Case(name: name, files: ["model.safetensors": bytes], arguments: ["generate", "--checkpoint", "$/model.safetensors", "--prompt", "a", "--tokens", "1"], status: status, words: words)
  }

  static func directory(_ name: String, _ files: [String: [UInt8]], _ words: [String]) -> Case {
    Case(name: name, files: files, arguments: ["tokenize", "--checkpoint", "$/hf", "--text", "$/text.txt"], status: 65, words: words)
  }

  static let cases: [Case] = [
    generate("header length 2^63", safetensors(header: "{}", length: 1 << 63), ["header", "100000000"]),
    generate("header length past the end", safetensors(header: "{}", length: 4096), ["header", "4096"]),
    generate("shorter than the length field", [1, 2, 3, 4, 5], ["only 5 bytes"]),
    generate("header not JSON", safetensors(header: "{\"a\": tru}"), ["JSON"]),
    generate("header nested 100 deep", safetensors(header: "{\"a\": \(nested)}"), ["nested more than 64"]),
    generate("offsets past the end", safetensors(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]), ["w", "8"]),
    generate("overlapping tensors", safetensors(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: .init(repeating: 0, count: 8)), ["overlap"]),
    generate("dtype and shape disagree", safetensors(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8)), ["w", "12", "8"]),
    generate("unknown dtype", safetensors(header: #"{"w":{"dtype":"Q4","shape":[2],"data_offsets":[0,1]}}"#, data: [0]), ["Q4"]),
    generate("rank 9", safetensors(header: #"{"w":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), ["9 dimensions", "limit of 8"]),
    generate("gap between tensors", safetensors(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, data: .init(repeating: 0, count: 12)), ["4..<8"]),
    generate("no config metadata", safetensors(header: #"{"__metadata__":{"format":"pt"}}"#), ["config"]),
    generate("n_embd above its limit", checkpoint(config: #"{"block_size":4,"n_embd":1000000,"n_head":1,"n_layer":1,"vocab_size":2}"#, tensors: ""), ["n_embd", "1000000", "65536"]),
    generate("two billion parameters", checkpoint(config: #"{"block_size":4,"n_embd":8192,"n_head":8,"n_layer":1000,"vocab_size":2}"#, tensors: ""), ["parameter count", "2000000000"]),
    generate("config larger than the tensors", checkpoint(config: #"{"block_size":4,"n_embd":4,"n_head":1,"n_layer":1,"vocab_size":2}"#, tensors: #""wte.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#, data: [0, 0, 0, 0]), ["wte.weight"]),
    generate("missing checkpoint", [], ["does not exist"], status: 66).removing("model.safetensors"),
    directory("merge of unknown tokens", [
      "hf/config.json": Array(tinyConfigJSON.utf8), "hf/model.safetensors": safetensors(header: "{}"),
      "hf/vocab.json": Array(#"{"a": 0, "b": 1, "ab": 2, "c": 3}"#.utf8), "hf/merges.txt": Array("#version: 0.2\nx y\n".utf8),
      "text.txt": Array("ab".utf8),
    ], ["merge 0", "not in the vocabulary"]),
    directory("config of another model type", [
      "hf/config.json": Array(#"{"model_type": "llama"}"#.utf8), "hf/model.safetensors": safetensors(header: "{}"), "text.txt": Array("ab".utf8),
    ], ["llama"]),
    directory("config nested 100 deep", [
      "hf/config.json": Array("{\"model_type\": \"gpt2\", \"x\": \(nested)}".utf8), "hf/model.safetensors": safetensors(header: "{}"), "text.txt": Array("ab".utf8),
    ], ["nested more than 64"]),
    Case(
      name: "hardware file with 1001 accelerators",
      files: ["gpus.json": Array(("[" + (0...1000).map { #"{"id": "g\#($0)", "peak_tflops": 1, "memory_gb": 1, "power_w": 1, "price_per_hour": 1}"# }.joined(separator: ",") + "]").utf8)],
      arguments: ["cost", "train", "--params", "7B", "--tokens", "1T", "--hardware", "$/gpus.json"], status: 65, words: ["1001 accelerators", "limit of 1000"]),
    Case(
      name: "hardware file nested 100 deep",
      files: ["gpus.json": Array(nested.utf8)],
      arguments: ["cost", "train", "--params", "7B", "--tokens", "1T", "--hardware", "$/gpus.json"], status: 65, words: ["nested more than"]),
  ]

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"), arguments: cases)
  func refusedWithOneSentence(_ input: Case) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (path, bytes) in input.files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let result = try CostBinaryTests().run(input.arguments.map { $0.replacingOccurrences(of: "$", with: folder.path) })
    #expect(result.status == input.status, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty && lines[0].hasPrefix("error: "), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace"))
    #expect(result.stderr.hasSuffix(".\n") && !result.stderr.hasSuffix("..\n") && !result.stderr.contains(".. "), "not one sentence: \(result.stderr)")
    for word in input.words { #expect(result.stderr.contains(word), "\(word) not in: \(result.stderr)") }
  }

  @Test func thereAreTwenty() { #expect(Self.cases.count >= 20) }
}

extension MalformedInputBinaryTests.Case {
  /// The same case without the file at `path` (for a missing input).
  func removing(_ path: String) -> Self {
    var files = files
    files[path] = nil
    return .init(name: name, files: files, arguments: arguments, status: status, words: words)
  }
}
