import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Puts a finished folder in place of an older one so that, whenever the process is killed, the
/// destination path holds either the old folder or the new one, complete (never nothing).
///
/// On Linux this is one `renameat2(…, RENAME_EXCHANGE)` (the two folders swap names atomically),
/// after which the old folder, now at the staging path, is removed. Where that call does not exist
/// or the file system refuses it, the fallback is the classic pair of renames (old aside, new in),
/// which leaves a short window in which the destination is missing and the old folder sits at
/// `aside` (macOS has `renamex_np(RENAME_SWAP)` for this; not used yet).
public enum FolderSwap {
  /// Moves `staging` to `destination`, replacing (and then removing) what was there.
  /// - Returns: 0, or the `errno` of the rename that failed (then `destination` is unchanged).
  public static func replace(_ destination: URL, with staging: URL, aside: URL) -> Int32 {
    let manager = FileManager.default
    guard manager.fileExists(atPath: destination.path) else {
      return rename(staging.path, destination.path) == 0 ? 0 : errno
    }
    #if os(Linux)
      if let exchange = renameExchange, exchange(AT_FDCWD, staging.path, AT_FDCWD, destination.path, 2 /* RENAME_EXCHANGE */) == 0 {
        try? manager.removeItem(at: staging)
        return 0
      }
    #endif
    try? manager.removeItem(at: aside)
    guard rename(destination.path, aside.path) == 0 else { return errno }
    guard rename(staging.path, destination.path) == 0 else {
      let failure = errno
      _ = rename(aside.path, destination.path)
      return failure
    }
    try? manager.removeItem(at: aside)
    return 0
  }

  #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (2.28+), looked up at run time: Swift's Glibc module does not declare it.
    private static let renameExchange: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
  #endif
}
