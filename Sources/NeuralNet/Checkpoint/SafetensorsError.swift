/// Why a safetensors file could not be read or written. Each `description` is one sentence that
/// names the file, what is wrong and, where it helps, how to fix it.
public enum SafetensorsError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file does not exist.
  case fileMissing(path: String)
  /// The file exists but cannot be read (a folder, no permission, an I/O error).
  case unreadable(path: String, reason: String)
  /// The file is shorter than the 8-byte header length that starts every safetensors file.
  case truncated(path: String, byteCount: Int)
  /// The header length is larger than `SafetensorsFile.maximumHeaderByteCount`.
  case headerTooLarge(path: String, headerByteCount: UInt64)
  /// The header length points past the end of the file (usually a truncated download).
  case headerExceedsFile(path: String, headerByteCount: UInt64, fileByteCount: Int)
  /// The header is not valid UTF-8 JSON, or not a JSON object.
  case headerNotJSON(path: String, reason: String)
  /// A header entry is malformed (missing `dtype`, a negative extent, a non-string metadata value, …).
  case invalidEntry(path: String, name: String, reason: String)
  /// A tensor uses an element type the workbench does not read.
  case unsupportedDataType(path: String, name: String, dataType: String)
  /// Two header entries have the same name.
  case duplicateName(path: String, name: String)
  /// A tensor's `data_offsets` reach outside the data section.
  case offsetsOutOfBounds(path: String, name: String, begin: Int, end: Int, dataByteCount: Int)
  /// A tensor's byte range does not match its shape × element size.
  case sizeMismatch(path: String, name: String, expectedByteCount: Int, actualByteCount: Int)
  /// Two tensors' byte ranges overlap.
  case overlappingOffsets(path: String, name: String, otherName: String)
  /// The tensors do not tile the data section exactly (a gap between two tensors or bytes left over at the end).
  case notContiguous(path: String, reason: String)
  /// The header lists more tensors, or a tensor has more dimensions, than the reader accepts
  /// (`SafetensorsFile.maximumTensorCount`, `SafetensorsFile.maximumRank`); `what` names the limit.
  case limitExceeded(path: String, what: String, value: Int, limit: Int)
  /// A tensor name that cannot be written (the reserved `__metadata__`).
  case reservedName(name: String)
  /// The output file or its temporary sibling could not be created, written or renamed.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case let .limitExceeded(path, what, value, limit):
      return "The checkpoint \(path) has \(value) \(what), more than the limit of \(limit); it is not a checkpoint the workbench can read."
    case let .fileMissing(path):
      return "The checkpoint \(path) does not exist; check the path or train a model first."
    case let .unreadable(path, reason):
      return "The checkpoint \(path) cannot be read: \(reason)."
    case let .truncated(path, byteCount):
      return
        "The checkpoint \(path) is only \(byteCount) bytes long, too short for the 8-byte header length of a safetensors file."
    case let .headerTooLarge(path, headerByteCount):
      return
        "The checkpoint \(path) declares a \(headerByteCount)-byte header, more than the \(SafetensorsFile.maximumHeaderByteCount)-byte limit, so it is not a valid safetensors file."
    case let .headerExceedsFile(path, headerByteCount, fileByteCount):
      return
        "The checkpoint \(path) declares a \(headerByteCount)-byte header but the whole file is \(fileByteCount) bytes, so it is truncated or not a safetensors file."
    case let .headerNotJSON(path, reason):
      return "The header of the checkpoint \(path) is not a JSON object (\(reason)), so it is not a valid safetensors file."
    case let .invalidEntry(path, name, reason):
      return "The entry '\(name)' in the checkpoint \(path) is malformed: \(reason)."
    case let .unsupportedDataType(path, name, dataType):
      let readable = SafetensorsDataType.allCases.map(\.rawValue).joined(separator: ", ")
      return
        "The tensor '\(name)' in the checkpoint \(path) has dtype '\(dataType)', which the workbench does not read (it reads \(readable))."
    case let .duplicateName(path, name):
      return "The checkpoint \(path) lists the name '\(name)' more than once in its header."
    case let .offsetsOutOfBounds(path, name, begin, end, dataByteCount):
      return
        "The tensor '\(name)' in the checkpoint \(path) has data_offsets [\(begin), \(end)] outside its \(dataByteCount)-byte data section, so the file is truncated or corrupt."
    case let .sizeMismatch(path, name, expected, actual):
      return
        "The tensor '\(name)' in the checkpoint \(path) spans \(actual) bytes but its shape and dtype need \(expected) bytes."
    case let .overlappingOffsets(path, name, otherName):
      return "The tensors '\(otherName)' and '\(name)' in the checkpoint \(path) have overlapping data_offsets."
    case let .notContiguous(path, reason):
      return "The data section of the checkpoint \(path) is not packed without gaps: \(reason)."
    case let .reservedName(name):
      return "A tensor cannot be named '\(name)' because safetensors reserves that key for metadata; rename the tensor."
    case let .cannotWrite(path, reason):
      return "Cannot write the checkpoint \(path): \(reason)."
    }
  }
}
