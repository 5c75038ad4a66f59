import Foundation
import WorkbenchFiles

/// Builds a folder beside its destination and swaps it in (``FolderSwap``), so a failed or killed
/// build leaves the previous folder untouched and a reader never sees a half-written site; the
/// temporaries of a killed build are removed by the next one (``StaleTemporaries``).
struct SiteFolder {
  /// The file that marks a folder as made by `workbench site`; a folder without it is never replaced.
  static let marker = ".workbench-site"

  let destination: URL
  let staging: URL

  /// Prepares an empty staging folder next to `destination`.
  init(destination: URL) throws(SiteError) {
    self.destination = destination.standardizedFileURL
    let parent = self.destination.deletingLastPathComponent()
    let name = self.destination.lastPathComponent
    staging = TemporaryKind.partial.sibling(of: self.destination)
    try Self.check(destination)
    let manager = FileManager.default
    StaleTemporaries.remove(in: parent, for: name)
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
      if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
      try manager.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw .cannotWrite(path: staging.relativePath, reason: error.localizedDescription)
    }
  }

  /// Throws unless `destination` is missing, an empty folder, or a folder this builder made (so a
  /// build never replaces a file or someone else's folder).
  static func check(_ destination: URL) throws(SiteError) {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: destination.standardizedFileURL.path, isDirectory: &isFolder) else { return }
    let contents = (try? manager.contentsOfDirectory(atPath: destination.standardizedFileURL.path)) ?? []
    guard isFolder.boolValue, contents.isEmpty || contents.contains(Self.marker) else {
      throw .cannotWrite(
        path: destination.relativePath,
        reason: "it exists and was not made by `workbench site`, so it will not be replaced; choose another --output or remove it")
    }
  }

  /// Writes `data` at `path` (relative, `/`-separated) inside the staging folder.
  func write(_ data: Data, to path: String) throws(SiteError) {
    let url = staging.appendingPathComponent(path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    } catch {
      throw .cannotWrite(path: destination.appendingPathComponent(path).relativePath, reason: error.localizedDescription)
    }
  }

  /// Writes UTF-8 text at `path` inside the staging folder.
  func write(_ text: String, to path: String) throws(SiteError) { try write(Data(text.utf8), to: path) }

  /// Swaps the staging folder in for the destination and removes the previous site.
  func commit() throws(SiteError) {
    try write(Data("Made by `workbench site`; replaced on every build.\n".utf8), to: Self.marker)
    let previous = TemporaryKind.previous.sibling(of: destination)
    let failure = FolderSwap.replace(destination, with: staging, aside: previous)
    guard failure == 0 else { throw .cannotWrite(path: destination.relativePath, reason: String(cString: strerror(failure))) }
  }

  /// Removes the staging folder after a failed build.
  func discard() {
    try? FileManager.default.removeItem(at: staging)
  }
}
