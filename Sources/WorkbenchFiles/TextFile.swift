import Foundation

/// A file of plain UTF-8 text read whole: it exists, is a file, holds at most
/// ``maximumByteCount`` bytes, is not empty, has no NUL byte (binary files and UTF-16 text have
/// them) and is valid UTF-8. `train`, `finetune`, `evaluate`, `tokenize` and the lab's uploads
/// read text through it.
public struct TextFile: Sendable {
  /// Largest file read, in bytes: 1 GiB (its tokens alone take 8 GiB as 64-bit ids).
  public static let maximumByteCount = 1 << 30

  /// The path as the user gave it.
  public let path: String
  /// The file's bytes.
  public let data: Data
  /// The bytes decoded as UTF-8.
  public let text: String

  /// Reads the file at `path` (relative paths from the working directory).
  /// - Throws: ``TextFileError`` naming the file and what is wrong with it.
  public static func read(_ path: String, maximumByteCount: Int = maximumByteCount) throws(TextFileError) -> TextFile {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw .missing(path: path) }
    guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a folder, not a file") }
    if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumByteCount {
      throw .tooLarge(path: path, byteCount: size, limit: maximumByteCount)
    }
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
    guard data.count <= maximumByteCount else { throw .tooLarge(path: path, byteCount: data.count, limit: maximumByteCount) }
    return try TextFile(path: path, data: data)
  }

  /// Checks bytes that came from elsewhere (an upload) the way ``read(_:maximumByteCount:)`` checks a file's.
  public init(path: String, data: Data) throws(TextFileError) {
    guard !data.isEmpty else { throw .empty(path: path) }
    if let offset = data.firstIndex(of: 0) {
      throw .notText(path: path, reason: "it has a NUL byte at offset \(offset - data.startIndex)")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw .notText(path: path, reason: "it is not valid UTF-8") }
    self.path = path
    self.data = data
    self.text = text
  }
}

/// Why a text file cannot be used, naming the file and the fix.
public enum TextFileError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file does not exist.
  case missing(path: String)
  /// The file exists but is a folder or cannot be read.
  case unreadable(path: String, reason: String)
  /// The file holds more than `limit` bytes.
  case tooLarge(path: String, byteCount: Int, limit: Int)
  /// The file has no bytes.
  case empty(path: String)
  /// The file is not plain UTF-8 text (invalid UTF-8, or NUL bytes as in binary files).
  case notText(path: String, reason: String)

  public var description: String {
    switch self {
    case let .missing(path): "The text file \(path) does not exist; check the path."
    case let .unreadable(path, reason): "The text file \(path) cannot be read: \(reason)."
    case let .tooLarge(path, byteCount, limit):
      "The text file \(path) is \(byteCount) bytes, more than the limit of \(limit) bytes; use a part of it."
    case let .empty(path): "The text file \(path) is empty; give a file with text in it."
    case let .notText(path, reason): "The text file \(path) is not plain text (\(reason)); use UTF-8 text files only."
    }
  }

  /// Whether the file is absent (exit 66) rather than unusable (exit 65).
  public var isMissing: Bool { if case .missing = self { true } else { false } }
}
