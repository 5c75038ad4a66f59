import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an atomic write failed: one phrase, e.g. "the folder /x does not exist".
struct AtomicWriteFailure: Error, Equatable, Sendable {
  var reason: String
}

/// Writes a file so that readers see either the old file or the complete new one, never a prefix:
/// bytes go to a uniquely named temporary file in the destination's folder, which is flushed to disk
/// and then moved over the destination with POSIX `rename` (atomic within one file system).
/// If anything fails, or the writer is released without `commit()`, the temporary file is removed
/// and the destination is left untouched.
final class AtomicFileWriter {
  /// The file that `commit()` creates or replaces.
  let destinationPath: String
  /// The temporary sibling that receives the bytes until `commit()`.
  let temporaryPath: String
  private var descriptor: Int32
  private var finished = false

  /// Creates the temporary file next to `destination`.
  init(destination: URL) throws {
    let destinationPath = destination.path
    let folder = destination.deletingLastPathComponent().path
    let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let temporaryPath = folder + "/." + destination.lastPathComponent + ".tmp-\(getpid())-" + suffix
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      let code = errno
      var isFolder: ObjCBool = false
      if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
        throw AtomicWriteFailure(reason: "the folder \(folder) does not exist")
      }
      throw AtomicWriteFailure(reason: "cannot create a file in \(folder) (\(Self.message(code)))")
    }
    self.destinationPath = destinationPath
    self.temporaryPath = temporaryPath
    self.descriptor = descriptor
  }

  deinit {
    if !finished { abandon() }
  }

  /// Appends `bytes` to the temporary file.
  func append(_ bytes: UnsafeRawBufferPointer) throws {
    precondition(!finished, "AtomicFileWriter: append after commit or abandon")
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        let code = errno
        if code == EINTR { continue }
        abandon()
        throw AtomicWriteFailure(reason: "writing \(temporaryPath) failed (\(Self.message(code)))")
      }
      offset += written
    }
  }

  /// Appends `bytes` to the temporary file.
  func append(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { buffer in try append(buffer) }
  }

  /// Flushes the temporary file to disk and renames it over the destination.
  func commit() throws {
    precondition(!finished, "AtomicFileWriter: commit twice")
    if fsync(descriptor) != 0 {
      let code = errno
      abandon()
      throw AtomicWriteFailure(reason: "flushing \(temporaryPath) to disk failed (\(Self.message(code)))")
    }
    close(descriptor)
    descriptor = -1
    if rename(temporaryPath, destinationPath) != 0 {
      let code = errno
      abandon()
      throw AtomicWriteFailure(reason: "renaming the temporary file onto it failed (\(Self.message(code)))")
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
  func abandon() {
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
