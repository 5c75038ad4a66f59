import Foundation
import Lessons
import Training
import WorkbenchFiles

/// The texts learners uploaded to train on, each kept as `texts/<n>/<its file name>` inside the lab
/// folder. An upload is refused as `workbench train` refuses a text file (empty, with a NUL byte, not
/// UTF-8: the one check, ``TextFile``, made on the bytes before they are written), when it is larger
/// than ``byteLimit``, or when its name is not a plain file name.
public actor TextShelf {
  /// The largest text taken, in bytes (4 MiB).
  public static let byteLimit = 4 * 1024 * 1024
  /// The longest file name taken, in characters.
  public static let nameLimit = 100

  /// One uploaded text: its number, the file name it was uploaded as, and its size in bytes.
  public struct Text: Sendable, Equatable {
    public let number: Int
    public let name: String
    public let byteCount: Int
    /// The file the text is kept in.
    public let file: URL

    /// `{"text": 1, "name": "poem.txt", "bytes": 1234}`.
    public var json: JSONValue {
      .object([("text", .number("\(number)")), ("name", .string(name)), ("bytes", .number("\(byteCount)"))])
    }
  }

  /// The folder holding every text (`output/lab/texts`).
  public let folder: URL

  public init(folder: URL) { self.folder = folder }

  /// Every text, oldest first.
  public func list() -> [Text] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.compactMap(Int.init).filter { $0 > 0 }.sorted().compactMap(text)
  }

  /// Text `number`, or nil when there is none.
  public func text(_ number: Int) -> Text? {
    let textFolder = folder.appendingPathComponent("\(number)")
    guard let name = ((try? FileManager.default.contentsOfDirectory(atPath: textFolder.path)) ?? []).first(where: { !$0.hasPrefix(".") }),
      let file = try? LabFiles.file("\(number)/\(name)", in: folder),
      let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int
    else { return nil }
    return Text(number: number, name: name, byteCount: size, file: file)
  }

  /// Keeps `bytes` as a new text named `name`.
  /// - Throws: ``LabError/badRequest(_:)`` for a name that is not a plain file name or a text that
  ///   `workbench train` would refuse (its own sentence, naming the file), ``LabError/tooLarge(limit:)``
  ///   above ``byteLimit``, ``LabError/internalFailure(_:)`` when the lab folder cannot be written.
  public func add(name: String, bytes: Data) throws(LabError) -> Text {
    try Self.check(name: name, in: folder)
    guard bytes.count <= Self.byteLimit else { throw .tooLarge(limit: Self.byteLimit) }
    do { _ = try TextFile(path: name, data: bytes) } catch { throw .badRequest(error.description) }
    let number = (list().map(\.number).max() ?? 0) + 1
    let textFolder = folder.appendingPathComponent("\(number)")
    let writer: AtomicFileWriter
    do {
      try WritableFolder.prepare(textFolder)
      writer = try AtomicFileWriter(destination: textFolder.appendingPathComponent(name))
      try writer.append(bytes)
      try writer.commit()
    } catch {
      try? FileManager.default.removeItem(at: textFolder)
      throw .internalFailure("The lab could not keep the text in \(textFolder.path): \(error).")
    }
    return Text(number: number, name: name, byteCount: bytes.count, file: textFolder.appendingPathComponent(name))
  }

  /// Refuses a name with a folder part, `..`, a hidden or empty name, a control character or a
  /// backslash, or one longer than ``nameLimit``, as a file name in `folder`.
  static func check(name: String, in folder: URL) throws(LabError) {
    guard !name.isEmpty else { throw .badRequest("Name the text file in the address: /api/texts?name=poem.txt.") }
    guard name.count <= nameLimit else {
      throw .badRequest("The file name has \(name.count) characters; the lab takes names of at most \(nameLimit).")
    }
    guard !name.contains("/"), name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
      throw .badRequest("The file name '\(name)' is not allowed: give the file's own name, without folders or control characters.")
    }
    do {
      _ = try LabFiles.inside(name, root: folder)
    } catch {
      throw .badRequest(error.description)
    }
  }
}
