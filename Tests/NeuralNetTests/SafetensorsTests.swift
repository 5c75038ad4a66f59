import Foundation
import Testing

@testable import NeuralNet

/// A fresh empty folder under the system temporary directory, removed by `remove()`.
struct ScratchFolder {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-tests-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  func file(_ name: String) -> URL { url.appendingPathComponent(name) }
  func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Builds a safetensors file by hand: length prefix, header text (unpadded unless given), data bytes.
func handMadeFile(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
  let json = Array(header.utf8)
  let length = declaredLength ?? UInt64(json.count)
  return withUnsafeBytes(of: length.littleEndian) { Array($0) } + json + data
}

func littleEndianBytes(_ values: [Float]) -> [UInt8] {
  values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
}

@Suite struct SafetensorsTests {
  // MARK: Layout

  @Test func headerLayoutMatchesHandComputedBytes() throws {
    let file = SafetensorsFile(
      tensors: [
        "b": SafetensorsArray(shape: [3], scalars: [Float(1), 2, 3]),
        "a": SafetensorsArray(shape: [1, 2], scalars: [Float(1), -2]),
      ],
      metadata: ["k": "v"])
    let json = #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[3],"data_offsets":[8,20]}}"#
    // 135 bytes of JSON, padded with one space to 136 = 0x88, a multiple of 8.
    #expect(json.utf8.count == 135)
    let expected: [UInt8] =
      [0x88, 0, 0, 0, 0, 0, 0, 0] + Array(json.utf8) + [0x20]
      + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]  // a: 1.0, -2.0 (IEEE 754, little-endian)
      + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0x40]  // b: 1.0, 2.0, 3.0
    #expect(try file.encoded() == expected)
    #expect(file.storageOrder == ["a", "b"])
  }

  @Test func emptyFileIsAPaddedEmptyObject() throws {
    #expect(try SafetensorsFile().encoded() == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
    #expect(try SafetensorsFile.decode(SafetensorsFile().encoded()) == SafetensorsFile())
  }

  @Test func float64IsWrittenAsF64() throws {
    let file = SafetensorsFile(tensors: ["x": SafetensorsArray(shape: [], scalars: [Double(0.1)])])
    let bytes = try file.encoded()
    let json = #"{"x":{"dtype":"F64","shape":[],"data_offsets":[0,8]}}"#
    #expect(json.utf8.count == 53)  // padded with 3 spaces to 56
    #expect(bytes.count == 8 + 56 + 8)
    #expect(Array(bytes[8..<64]) == Array(json.utf8) + Array("   ".utf8))
    #expect(Array(bytes[64...]) == withUnsafeBytes(of: (0.1).bitPattern.littleEndian) { Array($0) })
  }

  @Test(arguments: [0, 1, 2, 5, 7, 8, 9, 13])
  func headerLengthIsAlwaysAMultipleOfEight(nameLength: Int) throws {
    let name = String(repeating: "n", count: nameLength)
    let header = try SafetensorsFile(tensors: [name: SafetensorsArray(shape: [1], scalars: [Float(1)])]).encodedHeader()
    let length = header.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    #expect(length % 8 == 0)
    #expect(length == header.count - 8)
    #expect(header.last == UInt8(ascii: " ") || header.last == UInt8(ascii: "}"))
  }

  @Test func outputIsIndependentOfInsertionOrder() throws {
    var first = SafetensorsFile(metadata: ["z": "1", "y": "2"])
    var second = SafetensorsFile(metadata: ["y": "2", "z": "1"])
    for name in ["w", "B", "a", "_x", "é"] { first.tensors[name] = SafetensorsArray(shape: [1], scalars: [Float(1)]) }
    for name in ["é", "_x", "a", "B", "w"] { second.tensors[name] = SafetensorsArray(shape: [1], scalars: [Float(1)]) }
    #expect(try first.encoded() == second.encoded())
    // Keys sorted by UTF-8 bytes: "B" (0x42) < "__metadata__" (0x5F…) < "_x" < "a" < "w" < "é" (0xC3…).
    #expect(first.storageOrder == ["B", "_x", "a", "w", "é"])
    let header = String(decoding: try first.encodedHeader().dropFirst(8), as: UTF8.self)
    let positions = ["\"B\"", "\"__metadata__\"", "\"_x\"", "\"a\"", "\"w\"", "\"é\""].map {
      header.range(of: $0)!.lowerBound
    }
    #expect(positions == positions.sorted())
  }

  // MARK: Round trip

  @Test func roundTripKeepsEveryBit() throws {
    let specials: [Float] = [0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 3.14159]
    let doubles: [Double] = [.pi, -.leastNormalMagnitude, 1e300, -0.0, .nan, 2]
    let file = SafetensorsFile(
      tensors: [
        "h.0.attn.c_attn.weight": SafetensorsArray(shape: [2, 5], scalars: specials),
        "double": SafetensorsArray(shape: [3, 1, 2], scalars: doubles),
        "scalar": SafetensorsArray(shape: [], scalars: [Float(42)]),
        "empty": SafetensorsArray(shape: [0, 3], scalars: [Float]()),
        "naïve \"quoted\"\n": SafetensorsArray(shape: [1], scalars: [Float(7)]),
      ],
      metadata: ["tokenizer": #"["\n"," ","a"]"#, "note": "línea 1\nline \"2\"\t\u{01}", "empty": ""])
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("model.safetensors")
    try file.write(to: url)
    let read = try SafetensorsFile.read(from: url)
    #expect(read.metadata == file.metadata)
    #expect(Set(read.tensors.keys) == Set(file.tensors.keys))
    for (name, original) in file.tensors {
      let copy = try #require(read.tensors[name])
      #expect(copy.shape == original.shape)
      #expect(copy.dataType == original.dataType)
      switch (original.scalars, copy.scalars) {
      case let (.float32(a), .float32(b)): #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
      case let (.float64(a), .float64(b)): #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
      default: Issue.record("\(name) changed precision")
      }
    }
    #expect(try folder.contents() == ["model.safetensors"])  // no temporary file left behind
  }

  @Test func genericInitialiserChoosesPrecision() {
    #expect(SafetensorsArray(shape: [1], scalars: [Double(1)]).dataType == .float64)
    #expect(SafetensorsArray(shape: [1], scalars: [Float(1)]).dataType == .float32)
    #expect(SafetensorsArray(shape: [0], scalars: [Float]()).dataType == .float32)
    #expect(SafetensorsArray(shape: [0], scalars: [Double]()).dataType == .float64)
    #if !(os(macOS) && arch(x86_64))  // Float16 is unavailable on Intel Macs
      #expect(SafetensorsArray(shape: [1], scalars: [Float16(0.5)]).scalars == .float32([0.5]))
    #endif
    let narrowed = SafetensorsArray(shape: [2], scalars: [Double(0.1), 3]).scalars(as: Float.self)
    #expect(narrowed == [Float(0.1), 3])
    let widened = SafetensorsArray(shape: [1], scalars: [Float(0.1)]).scalars(as: Double.self)
    #expect(widened == [Double(Float(0.1))])
  }

  // MARK: 16-bit formats

  @Test func readsFloat16AndBFloat16() throws {
    // binary16: 1, -2, 65504 (largest), 2⁻²⁴ (smallest subnormal), 2⁻¹⁴ (smallest normal), -0, +∞, 0x3555 ≈ 1/3.
    let halfBits: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x0400, 0x8000, 0x7C00, 0x3555]
    let halfValues: [Float] = [1, -2, 65504, 0x1p-24, 0x1p-14, -0.0, .infinity, 0.333251953125]
    // bfloat16: 1, -3, 3.140625 (0x4049), 2⁻¹³³ (smallest subnormal, 0x0001).
    let brainBits: [UInt16] = [0x3F80, 0xC040, 0x4049, 0x0001]
    let brainValues: [Float] = [1, -3, 3.140625, 0x1p-133]
    let data = (halfBits + brainBits).flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }
    let bytes = handMadeFile(
      header: #"{"h":{"dtype":"F16","shape":[8],"data_offsets":[0,16]},"b":{"dtype":"BF16","shape":[2,2],"data_offsets":[16,24]}}"#,
      data: data)
    let file = try SafetensorsFile.decode(bytes)
    let half = try #require(file.tensors["h"])
    #expect(half.dataType == .float32)
    #expect(half.scalars(as: Float.self).map(\.bitPattern) == halfValues.map(\.bitPattern))
    #expect(try #require(file.tensors["b"]).scalars(as: Float.self) == brainValues)
    #expect(try #require(file.tensors["b"]).shape == [2, 2])
  }

  @Test func float16NaNStaysNaN() {
    #expect(HalfPrecision.float(fromFloat16Bits: 0x7E00).isNaN)
    #expect(HalfPrecision.float(fromFloat16Bits: 0xFC00) == -.infinity)
  }

  // MARK: Corrupt files

  private func expectFailure(_ bytes: [UInt8], _ expected: SafetensorsError, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) { try SafetensorsFile.decode(bytes) }
  }

  @Test func rejectsMissingFileAndFolder() throws {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let missing = folder.file("nope.safetensors")
    #expect(throws: SafetensorsError.fileMissing(path: missing.path)) { try SafetensorsFile.read(from: missing) }
    #expect(throws: SafetensorsError.unreadable(path: folder.url.path, reason: "it is a folder, not a file")) {
      try SafetensorsFile.read(from: folder.url)
    }
  }

  @Test func rejectsTruncatedFiles() throws {
    expectFailure([], .truncated(path: "<memory>", byteCount: 0))
    expectFailure([8, 0, 0, 0, 0], .truncated(path: "<memory>", byteCount: 5))
    // A valid file cut one byte short of its data.
    let whole = try SafetensorsFile(tensors: ["x": SafetensorsArray(shape: [2], scalars: [Float(1), 2])]).encoded()
    let cut = Array(whole.dropLast())
    expectFailure(cut, .offsetsOutOfBounds(path: "<memory>", name: "x", begin: 0, end: 8, dataByteCount: 7))
    // Cut inside the header.
    expectFailure(Array(whole.prefix(20)), .headerExceedsFile(path: "<memory>", headerByteCount: 56, fileByteCount: 20))
  }

  @Test func rejectsAbsurdHeaderLengths() {
    expectFailure(
      handMadeFile(header: "{}", declaredLength: 100_000_001),
      .headerTooLarge(path: "<memory>", headerByteCount: 100_000_001))
    expectFailure(
      handMadeFile(header: "{}", declaredLength: UInt64.max),
      .headerTooLarge(path: "<memory>", headerByteCount: UInt64.max))
    expectFailure(
      handMadeFile(header: "{}", declaredLength: 3),
      .headerExceedsFile(path: "<memory>", headerByteCount: 3, fileByteCount: 10))
  }

  @Test(arguments: [
    ("{not json}", "expected a quoted key, found 'n' at byte 1 of the header"),
    ("", "the text ends where a value was expected at byte 0 of the header"),
    ("{\"a\":1} x", "unexpected 'x' after the end of the JSON value at byte 8 of the header"),
    ("[]", "the header is an array"),
    ("\"{}\"", "the header is a string"),
    (String(repeating: "[", count: 10_000), "values are nested more than 64 levels deep at byte 64 of the header"),
  ])
  func rejectsHeadersThatAreNotJSONObjects(header: String, reason: String) {
    expectFailure(handMadeFile(header: header), .headerNotJSON(path: "<memory>", reason: reason))
  }

  @Test func rejectsInvalidUTF8InHeader() {
    let bytes = [UInt8](arrayLiteral: 5, 0, 0, 0, 0, 0, 0, 0) + [UInt8(ascii: "{"), 0x22, 0xFF, 0x22, UInt8(ascii: "}")]
    #expect(throws: SafetensorsError.self) { try SafetensorsFile.decode(bytes) }
    do {
      _ = try SafetensorsFile.decode(bytes)
    } catch let error as SafetensorsError {
      guard case .headerNotJSON = error else { Issue.record("wrong error \(error)"); return }
    } catch { Issue.record("wrong error type") }
  }

  @Test func rejectsUnknownAndUnsupportedDtypes() {
    expectFailure(
      handMadeFile(header: #"{"x":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
      .unsupportedDataType(path: "<memory>", name: "x", dataType: "F12"))
    expectFailure(
      handMadeFile(header: #"{"x":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)),
      .unsupportedDataType(path: "<memory>", name: "x", dataType: "I64"))
    #expect(
      SafetensorsError.unsupportedDataType(path: "m", name: "x", dataType: "I64").description
        == "The tensor 'x' in the checkpoint m has dtype 'I64', which the workbench does not read (it reads F16, BF16, F32, F64).")
  }

  @Test func rejectsOffsetsOutsideTheData() {
    expectFailure(
      handMadeFile(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, data: littleEndianBytes([1, 2])),
      .offsetsOutOfBounds(path: "<memory>", name: "x", begin: 4, end: 12, dataByteCount: 8))
  }

  @Test func rejectsOffsetsThatDoNotMatchTheShape() {
    expectFailure(
      handMadeFile(header: #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: littleEndianBytes([1, 2])),
      .sizeMismatch(path: "<memory>", name: "x", expectedByteCount: 12, actualByteCount: 8))
    expectFailure(
      handMadeFile(header: #"{"x":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}"#, data: littleEndianBytes([1, 2])),
      .sizeMismatch(path: "<memory>", name: "x", expectedByteCount: 16, actualByteCount: 8))
    expectFailure(
      handMadeFile(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: littleEndianBytes([1, 2])),
      .invalidEntry(path: "<memory>", name: "x", reason: "\"data_offsets\" [8, 0] ends before it begins"))
  }

  @Test func rejectsOverlappingOffsets() {
    expectFailure(
      handMadeFile(
        header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        data: littleEndianBytes([1, 2, 3])),
      .overlappingOffsets(path: "<memory>", name: "b", otherName: "a"))
    // Two names sharing one range.
    expectFailure(
      handMadeFile(
        header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        data: littleEndianBytes([1])),
      .overlappingOffsets(path: "<memory>", name: "b", otherName: "a"))
  }

  @Test func rejectsGapsAndTrailingBytes() {
    expectFailure(
      handMadeFile(
        header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
        data: littleEndianBytes([1, 2, 3])),
      .notContiguous(path: "<memory>", reason: "bytes 4..<8 before the tensor 'b' belong to no tensor"))
    expectFailure(
      handMadeFile(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: littleEndianBytes([1, 2])),
      .notContiguous(path: "<memory>", reason: "bytes 4..<8 at the end of the file belong to no tensor"))
  }

  @Test func rejectsDuplicateNames() {
    expectFailure(
      handMadeFile(
        header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
        data: littleEndianBytes([1, 2])),
      .duplicateName(path: "<memory>", name: "a"))
    expectFailure(
      handMadeFile(header: #"{"__metadata__":{},"__metadata__":{}}"#),
      .duplicateName(path: "<memory>", name: "__metadata__"))
  }

  @Test(arguments: [
    (#"{"x":{"shape":[1],"data_offsets":[0,4]}}"#, "x", "it has no \"dtype\""),
    (#"{"x":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}"#, "x", "\"dtype\" is not a string"),
    (#"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, "x", "\"shape\" must list non-negative integers"),
    (#"{"x":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, "x", "\"shape\" must list non-negative integers"),
    (#"{"x":{"dtype":"F32","shape":1,"data_offsets":[0,4]}}"#, "x", "\"shape\" is not an array"),
    (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, "x", "\"data_offsets\" must be two non-negative integers [begin, end]"),
    (#"{"x":[1]}"#, "x", "it is an array, not an object"),
    (#"{"x":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, "x", "it has \"dtype\" more than once"),
    (#"{"__metadata__":{"a":1}}"#, "__metadata__", "the value of 'a' is a number, not a string"),
    (#"{"__metadata__":{"a":"1","a":"2"}}"#, "__metadata__", "the key 'a' appears more than once"),
    (#"{"__metadata__":"x"}"#, "__metadata__", "it is a string, not an object"),
    (#"{"x":{"dtype":"F32","shape":[9223372036854775807,2],"data_offsets":[0,4]}}"#, "x", "shape [9223372036854775807, 2] has more elements than can be stored"),
  ])
  func rejectsMalformedEntries(header: String, name: String, reason: String) {
    expectFailure(handMadeFile(header: header, data: [0, 0, 0, 0]), .invalidEntry(path: "<memory>", name: name, reason: reason))
  }

  @Test func acceptsNullMetadataAndUnknownFields() throws {
    let bytes = handMadeFile(
      header: #"{"__metadata__":null,"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":true}}"#,
      data: littleEndianBytes([5]))
    let file = try SafetensorsFile.decode(bytes)
    #expect(file.metadata.isEmpty)
    #expect(file.tensors["x"]?.scalars(as: Float.self) == [5])
  }

  @Test func errorDescriptionsAreOneSentence() {
    let errors: [SafetensorsError] = [
      .fileMissing(path: "/tmp/m.safetensors"), .truncated(path: "m", byteCount: 3),
      .headerTooLarge(path: "m", headerByteCount: 1 << 40), .headerExceedsFile(path: "m", headerByteCount: 9, fileByteCount: 10),
      .headerNotJSON(path: "m", reason: "r"), .duplicateName(path: "m", name: "a"),
      .offsetsOutOfBounds(path: "m", name: "a", begin: 0, end: 9, dataByteCount: 8),
      .sizeMismatch(path: "m", name: "a", expectedByteCount: 4, actualByteCount: 8),
      .overlappingOffsets(path: "m", name: "b", otherName: "a"), .notContiguous(path: "m", reason: "r"),
      .reservedName(name: "__metadata__"), .cannotWrite(path: "m", reason: "r"),
    ]
    for error in errors {
      let text = error.description
      #expect(text.hasSuffix("."))
      #expect(!text.dropLast().contains(". "), "\(text)")
      #expect(!text.contains("\n"))
    }
    #expect(
      SafetensorsError.fileMissing(path: "/tmp/m.safetensors").description
        == "The checkpoint /tmp/m.safetensors does not exist; check the path or train a model first.")
  }

  // MARK: Atomic writing

  @Test func writingIntoAMissingFolderFailsCleanly() throws {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("no-such-folder/model.safetensors")
    #expect(
      throws: SafetensorsError.cannotWrite(
        path: url.path, reason: "the folder \(folder.file("no-such-folder").path) does not exist")
    ) { try SafetensorsFile().write(to: url) }
  }

  @Test func failedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("model.safetensors")
    let old = SafetensorsFile(tensors: ["w": SafetensorsArray(shape: [1], scalars: [Float(1)])])
    try old.write(to: url)
    let oldBytes = try Data(contentsOf: url)

    // A reserved name is refused before anything is written.
    let reserved = SafetensorsFile(tensors: ["__metadata__": SafetensorsArray(shape: [1], scalars: [Float(2)])])
    #expect(throws: SafetensorsError.reservedName(name: "__metadata__")) { try reserved.write(to: url) }
    #expect(try Data(contentsOf: url) == oldBytes)

    // A destination that is a non-empty folder makes the final rename fail after the data was written.
    let blocked = folder.file("blocked.safetensors")
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
    try Data("keep".utf8).write(to: blocked.appendingPathComponent("inside"))
    #expect(throws: SafetensorsError.self) { try old.write(to: blocked) }
    #expect(try folder.contents() == ["blocked.safetensors", "model.safetensors"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: blocked.path) == ["inside"])

    // Overwriting succeeds and replaces the contents.
    let new = SafetensorsFile(tensors: ["w": SafetensorsArray(shape: [2], scalars: [Float(3), 4])])
    try new.write(to: url)
    #expect(try SafetensorsFile.read(from: url) == new)
    #expect(try folder.contents() == ["blocked.safetensors", "model.safetensors"])
  }

  // MARK: Mapped reading

  @Test("a mapped file reads each tensor into a buffer, as stored or transposed, aligned or not")
  func mappedReadsMatchTheDecodedArrays() throws {
    // "a" is one F16 value (2 bytes), so the F32 matrix "b" after it starts 2 bytes past a multiple
    // of 4 (read through a converted copy); "c", F64, is rounded to Float; "d" is aligned F32 (read
    // straight from the mapping).
    let b: [Float] = [1, -2, 3.5, 4, 5e-8, -6e7], d: [Float] = [0.25, -0.5, 8, 16, 32, 64]
    let c: [Double] = [1.0 / 3, 2, -0.1, 4]
    var header = #"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]},"b":{"dtype":"F32","shape":[2,3],"data_offsets":[2,26]},"#
      + #""c":{"dtype":"F64","shape":[2,2],"data_offsets":[26,58]},"d":{"dtype":"F32","shape":[3,2],"data_offsets":[58,82]}}"#
    header += String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)  // the data section starts 8-byte aligned
    let data = [UInt8(0x00), 0x3C] + littleEndianBytes(b) + c.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
      + littleEndianBytes(d)
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("mixed.safetensors")
    try Data(handMadeFile(header: header, data: data)).write(to: url)
    let file = try MappedSafetensorsFile(contentsOf: url)
    #expect(file.tensors["b"] == MappedSafetensorsFile.Tensor(dataType: .float32, shape: [2, 3]))
    #expect(file.decoded() == (try SafetensorsFile.read(from: url)))
    func read(_ name: String, _ count: Int, transposed: Bool) -> [Float] {
      [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        file.read(name, into: buffer, transposed: transposed)
        initialized = count
      }
    }
    #expect(read("a", 1, transposed: false) == [1])
    #expect(read("b", 6, transposed: false) == b)
    #expect(read("b", 6, transposed: true) == [1, 4, -2, 5e-8, 3.5, -6e7])
    #expect(read("c", 4, transposed: true) == [Float(1.0 / 3), -0.1, 2, 4])
    #expect(read("d", 6, transposed: false) == d)
    #expect(read("d", 6, transposed: true) == [0.25, 8, 32, -0.5, 16, 64])
  }
}
