import Foundation
import WorkbenchFiles

/// The contents of a safetensors checkpoint: named tensors plus free-form string metadata.
///
/// Layout (https://github.com/huggingface/safetensors): an 8-byte little-endian unsigned header length `N`,
/// `N` bytes of UTF-8 JSON `{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, …,
/// "__metadata__": {"key": "value"}}`, then the data section, where each tensor's little-endian
/// elements occupy bytes `begin..<end` counted from the start of the data section.
///
/// Written files are deterministic: header keys in UTF-8 byte order (the tensors are packed in that
/// order, without gaps), members of each entry in the reference order `dtype, shape, data_offsets`,
/// compact JSON padded with spaces so that `N` is a multiple of 8 (as the reference writer does),
/// and `__metadata__` omitted when there is no metadata.
public struct SafetensorsFile: Equatable, Sendable {
  /// Largest header accepted when reading, in bytes (the reference implementation's limit, 100 MB).
  public static let maximumHeaderByteCount = 100_000_000
  /// Most tensors accepted in one file (GPT-2 XL has 580; a 70-billion-parameter model's shards have ~1 000).
  public static let maximumTensorCount = 100_000
  /// Most dimensions accepted for one tensor (the workbench's tensors have at most 2).
  public static let maximumRank = 8

  /// The tensors, by name (e.g. `"h.0.attn.c_attn.weight"`).
  public var tensors: [String: SafetensorsArray]
  /// Free-form string metadata stored under `__metadata__` (e.g. `"tokenizer"`, `"config"`).
  public var metadata: [String: String]

  /// A checkpoint holding `tensors` and `metadata`.
  public init(tensors: [String: SafetensorsArray] = [:], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The tensor names in the order they are stored: sorted by their UTF-8 bytes.
  public var storageOrder: [String] { JSONWriter.sortedKeys(tensors.keys) }

  // MARK: Reading

  /// Reads and validates the safetensors file at `url`, converting every tensor.
  /// - Throws: `SafetensorsError` naming the first problem found (missing file, truncation,
  ///   bad header, unsupported dtype, inconsistent offsets, duplicate names).
  public static func read(from url: URL) throws -> SafetensorsFile {
    try MappedSafetensorsFile(contentsOf: url).decoded()
  }

  /// Decodes a whole safetensors file held in memory; `path` only names it in errors.
  public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws -> SafetensorsFile {
    try bytes.withUnsafeBytes { buffer in try decode(buffer, path: path) }
  }

  /// One tensor of a validated header: its element type, shape, and bytes `begin..<end` of the
  /// data section.
  struct Entry: Sendable {
    var name: String
    var dataType: SafetensorsDataType
    var shape: [Int]
    var begin: Int
    var end: Int
  }

  /// A validated header: the tensors' entries, the metadata, and where the data section starts
  /// (bytes from the start of the file).
  struct Layout: Sendable {
    var entries: [Entry]
    var metadata: [String: String]
    var dataStart: Int
  }

  /// Decodes a whole safetensors file from raw bytes; `path` only names it in errors.
  static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> SafetensorsFile {
    let layout = try self.layout(of: bytes, path: path)
    let data = UnsafeRawBufferPointer(rebasing: bytes[layout.dataStart...])
    var tensors: [String: SafetensorsArray] = [:]
    for entry in layout.entries {
      let raw = UnsafeRawBufferPointer(rebasing: data[entry.begin..<entry.end])
      tensors[entry.name] = SafetensorsArray(shape: entry.shape, scalars: scalars(raw, entry.dataType))
    }
    return SafetensorsFile(tensors: tensors, metadata: layout.metadata)
  }

  /// Reads and checks the header of the file `bytes` (every entry, and that the entries tile the
  /// data section); `path` only names it in errors.
  static func layout(of bytes: UnsafeRawBufferPointer, path: String) throws -> Layout {
    guard bytes.count >= 8 else { throw SafetensorsError.truncated(path: path, byteCount: bytes.count) }
    let headerByteCount = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
    guard headerByteCount <= UInt64(maximumHeaderByteCount) else {
      throw SafetensorsError.headerTooLarge(path: path, headerByteCount: headerByteCount)
    }
    guard 8 + Int(headerByteCount) <= bytes.count else {
      throw SafetensorsError.headerExceedsFile(path: path, headerByteCount: headerByteCount, fileByteCount: bytes.count)
    }
    let headerEnd = 8 + Int(headerByteCount)
    let header: JSONValue
    do {
      header = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<headerEnd]))
    } catch {
      throw SafetensorsError.headerNotJSON(path: path, reason: "\(error.reason) at byte \(error.offset) of the header")
    }
    guard case let .object(members) = header else {
      throw SafetensorsError.headerNotJSON(path: path, reason: "the header is \(header.kindDescription)")
    }

    let tensorCount = members.count { $0.key != "__metadata__" }
    guard tensorCount <= maximumTensorCount else {
      throw SafetensorsError.limitExceeded(path: path, what: "tensors", value: tensorCount, limit: maximumTensorCount)
    }
    let dataByteCount = bytes.count - headerEnd
    var seen = Set<String>()
    var metadata: [String: String] = [:]
    var entries: [Entry] = []
    for (name, value) in members {
      guard seen.insert(name).inserted else { throw SafetensorsError.duplicateName(path: path, name: name) }
      if name == "__metadata__" {
        metadata = try decodeMetadata(value, path: path)
      } else {
        entries.append(try decodeEntry(name: name, value: value, dataByteCount: dataByteCount, path: path))
      }
    }
    try checkTiling(entries, dataByteCount: dataByteCount, path: path)
    return Layout(entries: entries, metadata: metadata, dataStart: headerEnd)
  }

  private static func decodeMetadata(_ value: JSONValue, path: String) throws -> [String: String] {
    if value == .null { return [:] }
    guard case let .object(pairs) = value else {
      throw SafetensorsError.invalidEntry(path: path, name: "__metadata__", reason: "it is \(value.kindDescription), not an object")
    }
    var metadata: [String: String] = [:]
    for (key, item) in pairs {
      guard case let .string(text) = item else {
        throw SafetensorsError.invalidEntry(
          path: path, name: "__metadata__", reason: "the value of '\(key)' is \(item.kindDescription), not a string")
      }
      guard metadata.updateValue(text, forKey: key) == nil else {
        throw SafetensorsError.invalidEntry(path: path, name: "__metadata__", reason: "the key '\(key)' appears more than once")
      }
    }
    return metadata
  }

  private static func decodeEntry(
    name: String, value: JSONValue, dataByteCount: Int, path: String
  ) throws -> Entry {
    func invalid(_ reason: String) -> SafetensorsError { .invalidEntry(path: path, name: name, reason: reason) }
    guard case let .object(fields) = value else { throw invalid("it is \(value.kindDescription), not an object") }
    func field(_ key: String) throws -> JSONValue {
      let matches = fields.filter { $0.key == key }
      guard matches.count == 1 else {
        throw invalid(matches.isEmpty ? "it has no \"\(key)\"" : "it has \"\(key)\" more than once")
      }
      return matches[0].value
    }

    guard case let .string(dtypeName) = try field("dtype") else { throw invalid("\"dtype\" is not a string") }
    guard let dataType = SafetensorsDataType(rawValue: dtypeName) else {
      throw SafetensorsError.unsupportedDataType(path: path, name: name, dataType: dtypeName)
    }
    guard case let .array(extents) = try field("shape") else { throw invalid("\"shape\" is not an array") }
    guard extents.count <= maximumRank else {
      throw SafetensorsError.limitExceeded(path: path, what: "dimensions in the tensor '\(name)'", value: extents.count, limit: maximumRank)
    }
    var shape: [Int] = []
    for extent in extents {
      guard let value = extent.nonNegativeInteger else {
        throw invalid("\"shape\" must list non-negative integers")
      }
      shape.append(value)
    }
    guard case let .array(offsets) = try field("data_offsets"), offsets.count == 2,
      let begin = offsets[0].nonNegativeInteger, let end = offsets[1].nonNegativeInteger
    else { throw invalid("\"data_offsets\" must be two non-negative integers [begin, end]") }
    guard begin <= end else { throw invalid("\"data_offsets\" [\(begin), \(end)] ends before it begins") }
    guard end <= dataByteCount else {
      throw SafetensorsError.offsetsOutOfBounds(path: path, name: name, begin: begin, end: end, dataByteCount: dataByteCount)
    }

    var byteCount = dataType.byteCount
    for extent in shape {
      let (product, overflow) = byteCount.multipliedReportingOverflow(by: extent)
      guard !overflow else { throw invalid("shape \(shape) has more elements than can be stored") }
      byteCount = product
    }
    guard end - begin == byteCount else {
      throw SafetensorsError.sizeMismatch(path: path, name: name, expectedByteCount: byteCount, actualByteCount: end - begin)
    }
    return Entry(name: name, dataType: dataType, shape: shape, begin: begin, end: end)
  }

  /// Checks that the byte ranges, in offset order, follow each other exactly and cover the data section.
  private static func checkTiling(_ entries: [Entry], dataByteCount: Int, path: String) throws {
    let ordered = entries.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
    var cursor = 0
    var previous: String? = nil
    for entry in ordered {
      if entry.begin < cursor, let previous {
        throw SafetensorsError.overlappingOffsets(path: path, name: entry.name, otherName: previous)
      }
      if entry.begin > cursor {
        throw SafetensorsError.notContiguous(
          path: path, reason: "bytes \(cursor)..<\(entry.begin) before the tensor '\(entry.name)' belong to no tensor")
      }
      cursor = entry.end
      previous = entry.name
    }
    if cursor != dataByteCount {
      throw SafetensorsError.notContiguous(
        path: path, reason: "bytes \(cursor)..<\(dataByteCount) at the end of the file belong to no tensor")
    }
  }

  /// The elements of one tensor's little-endian bytes `raw`, widened to `Float` when half precision.
  static func scalars(_ raw: UnsafeRawBufferPointer, _ dataType: SafetensorsDataType) -> SafetensorsArray.Scalars {
    let count = raw.count / dataType.byteCount
    switch dataType {
    case .float32:
      #if _endian(little)
        return .float32(
          Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            initialized = count
          })
      #else
        return .float32((0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) })
      #endif
    case .float64:
      #if _endian(little)
        return .float64(
          Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            initialized = count
          })
      #else
        return .float64((0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) })
      #endif
    case .float16:
      return .float32(
        (0..<count).map {
          HalfPrecision.float(fromFloat16Bits: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)))
        })
    case .bfloat16:
      return .float32(
        (0..<count).map {
          HalfPrecision.float(fromBFloat16Bits: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)))
        })
    }
  }

  // MARK: Writing

  /// The 8-byte length prefix followed by the space-padded JSON header, for the tensors in `storageOrder`.
  /// - Throws: `SafetensorsError.reservedName` if a tensor is named `__metadata__`.
  public func encodedHeader() throws -> [UInt8] {
    if tensors["__metadata__"] != nil { throw SafetensorsError.reservedName(name: "__metadata__") }
    var members: [(key: String, json: String)] = []
    if !metadata.isEmpty {
      let pairs = JSONWriter.sortedKeys(metadata.keys).map { JSONWriter.quoted($0) + ":" + JSONWriter.quoted(metadata[$0]!) }
      members.append(("__metadata__", "{" + pairs.joined(separator: ",") + "}"))
    }
    var offset = 0
    for name in storageOrder {
      let array = tensors[name]!
      let byteCount = array.count * array.dataType.byteCount
      let shape = array.shape.map(String.init).joined(separator: ",")
      members.append(
        (name, "{\"dtype\":\"\(array.dataType.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + byteCount)]}"))
      offset += byteCount
    }
    let ordered = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    var json = Array(("{" + ordered.map { JSONWriter.quoted($0.key) + ":" + $0.json }.joined(separator: ",") + "}").utf8)
    json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
    return withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json
  }

  /// The whole file as bytes: `encodedHeader()` followed by every tensor's little-endian elements.
  public func encoded() throws -> [UInt8] {
    var bytes = try encodedHeader()
    for name in storageOrder { appendPayload(of: tensors[name]!) { bytes.append(contentsOf: $0) } }
    return bytes
  }

  /// Writes the checkpoint to `url` atomically: a temporary file in the same folder, flushed to disk,
  /// then renamed over `url`. On any failure `url` keeps its previous contents (or stays absent).
  /// - Throws: `SafetensorsError.cannotWrite` (folder missing, no permission, disk full) or `.reservedName`.
  public func write(to url: URL) throws {
    let header = try encodedHeader()
    do {
      let writer = try AtomicFileWriter(destination: url)
      try writer.append(header)
      var failure: FileWriteError? = nil
      for name in storageOrder where failure == nil {
        appendPayload(of: tensors[name]!) { chunk in
          guard failure == nil else { return }
          do throws(FileWriteError) { try writer.append(chunk) } catch { failure = error }
        }
      }
      if let failure { throw failure }
      try writer.commit()
    } catch let error as FileWriteError {
      throw SafetensorsError.cannotWrite(path: url.path, reason: error.reason)
    }
  }

  /// Hands `sink` the little-endian bytes of `array`'s elements (in one or more chunks).
  private func appendPayload(of array: SafetensorsArray, to sink: (UnsafeRawBufferPointer) -> Void) {
    switch array.scalars {
    case let .float32(values):
      #if _endian(little)
        values.withUnsafeBytes(sink)
      #else
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes(sink)
      #endif
    case let .float64(values):
      #if _endian(little)
        values.withUnsafeBytes(sink)
      #else
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes(sink)
      #endif
    }
  }
}
