import Foundation

/// A folder the workbench writes its outputs into.
public enum WritableFolder {
  /// Makes sure `folder` is a writable folder, creating it and its parents when it does not exist,
  /// and removes the temporaries that a killed run left in it (``StaleTemporaries``). `option` is the
  /// command-line option that named the folder, for the sentence that asks for another one.
  public static func prepare(_ folder: URL, option: String = "--output") throws(FileWriteError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw FileWriteError(path: folder.path, reason: "it is a file, not a folder; choose another \(option)")
      }
      guard FileManager.default.isWritableFile(atPath: folder.path) else {
        throw FileWriteError(path: folder.path, reason: "the folder is not writable")
      }
      StaleTemporaries.remove(in: folder)
      return
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw FileWriteError(path: folder.path, reason: "the folder cannot be created (\(error.localizedDescription))")
    }
  }
}
