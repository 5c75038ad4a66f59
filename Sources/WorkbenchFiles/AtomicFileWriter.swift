import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a prefix:
/// bytes go to a temporary sibling (``TemporaryKind/tmp``, which ``StaleTemporaries`` removes after
/// a kill), which ``commit()`` moves over the destination with POSIX `rename` (atomic within one
/// file system). If anything fails, or the writer is released without `commit()`, the temporary
/// file is removed and the destination is left untouched.
///
/// The durability policy, for every file the workbench writes: `commit()` flushes the file's bytes
/// to disk (`fsync`) before the rename, and the folder after it, so after a power loss the
/// destination holds the old file or the complete new one.
public final class AtomicFileWriter {
  /// The file that `commit()` creates or replaces.
  public let destinationPath: String
  /// The temporary sibling that receives the bytes until `commit()`.
  public let temporaryPath: String
  private var descriptor: Int32
  private var finished = false

  /// Creates the temporary file next to `destination`.
  public init(destination: URL) throws(FileWriteError) {
    let destinationPath = destination.path
    let folder = destination.deletingLastPathComponent().path
    let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let temporaryPath = TemporaryKind.tmp.sibling(of: destination, suffix: suffix).path
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      let code = errno
      var isFolder: ObjCBool = false
      if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
        throw FileWriteError(path: destinationPath, reason: "the folder \(folder) does not exist")
      }
      throw FileWriteError(path: destinationPath, reason: "cannot create a file in \(folder) (\(Self.message(code)))")
    }
    self.destinationPath = destinationPath
    self.temporaryPath = temporaryPath
    self.descriptor = descriptor
  }

  deinit {
    if !finished { abandon() }
  }

  /// Appends `bytes` to the temporary file.
  public func append(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
    precondition(!finished, "AtomicFileWriter: append after commit or abandon")
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        let code = errno
        if code == EINTR { continue }
        abandon()
        throw FileWriteError(path: destinationPath, reason: "writing \(temporaryPath) failed (\(Self.message(code)))")
      }
      offset += written
    }
  }

  /// Appends `bytes` to the temporary file.
  public func append(_ bytes: some ContiguousBytes) throws(FileWriteError) {
    var failure: FileWriteError?
    bytes.withUnsafeBytes { buffer in
      do throws(FileWriteError) { try append(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Flushes the temporary file to disk and renames it over the destination.
  public func commit() throws(FileWriteError) {
    precondition(!finished, "AtomicFileWriter: commit twice")
    if fsync(descriptor) != 0 {
      let code = errno
      abandon()
      throw FileWriteError(path: destinationPath, reason: "flushing \(temporaryPath) to disk failed (\(Self.message(code)))")
    }
    close(descriptor)
    descriptor = -1
    if rename(temporaryPath, destinationPath) != 0 {
      let code = errno
      abandon()
      throw FileWriteError(path: destinationPath, reason: "renaming the temporary file onto it failed (\(Self.message(code)))")
    }
    finished = true
    // Make the rename itself durable; a failure here does not undo the (already visible) file.
    let folder = open((destinationPath as NSString).deletingLastPathComponent.isEmpty
      ? "." : (destinationPath as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
    if folder >= 0 {
      _ = fsync(folder)
      close(folder)
    }
  }

  /// Closes and removes the temporary file, leaving the destination untouched.
  public func abandon() {
    guard !finished else { return }
    finished = true
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    unlink(temporaryPath)
  }

  private static func message(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}

/// Whole files written at once through an ``AtomicFileWriter``.
public enum AtomicFile {
  /// Writes `bytes` to `url` atomically (see ``AtomicFileWriter`` for the guarantees).
  public static func write(_ bytes: some ContiguousBytes, to url: URL) throws(FileWriteError) {
    let writer = try AtomicFileWriter(destination: url)
    try writer.append(bytes)
    try writer.commit()
  }

  /// Creates the temporary file first, then writes what `produce` returns (for output that takes
  /// long to compute, such as an encoded image): the destination is checked before the work, and a
  /// process killed during it leaves a temporary that ``StaleTemporaries`` recognises.
  public static func write<Bytes: ContiguousBytes>(to url: URL, _ produce: () throws -> Bytes) throws {
    let writer = try AtomicFileWriter(destination: url)
    let bytes = try produce()
    try writer.append(bytes)
    try writer.commit()
  }
}
