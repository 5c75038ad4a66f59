import Foundation

/// The site's files as the lab serves them, read once and kept in memory while unchanged on disk
/// (checked by size and modification time); HTML pages carry the lab's panels: its style and
/// script, added before `</body>`.
final class SitePages: @unchecked Sendable {
  /// What a page gains in the lab.
  static let addition = Data(#"<link rel="stylesheet" href="/lab/lab.css"><script src="/lab/lab.js" defer></script>"#.utf8)

  private let lock = NSLock()
  private var kept: [String: (size: Int64, modified: Double, bytes: Data)] = [:]

  /// The bytes served for `file` (a regular file already checked to be inside the site).
  func bytes(_ file: URL) throws -> Data {
    var status = stat()
    guard stat(file.path, &status) == 0 else { throw LabError.notFound("There is no file \(file.lastPathComponent).") }
    let size = Int64(status.st_size), modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
    lock.lock()
    let cached = kept[file.path]
    lock.unlock()
    if let cached, cached.size == size, cached.modified == modified { return cached.bytes }
    var bytes = try Data(contentsOf: file)
    if file.pathExtension == "html" {
      if let end = bytes.range(of: Data("</body>".utf8), options: .backwards) {
        bytes.insert(contentsOf: Self.addition, at: end.lowerBound)
      } else {
        bytes.append(Self.addition)
      }
    }
    lock.lock()
    kept[file.path] = (size, modified, bytes)
    lock.unlock()
    return bytes
  }
}
