import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a temporary sibling of a file or folder is for. Every writer of the workbench names its
/// temporaries `.<name>.<kind>-<pid>[-<suffix>]` next to `<name>` with ``sibling(of:suffix:)``, the
/// one pattern ``StaleTemporaries`` recognises, so whatever a killed process leaves is removed by
/// the next run.
public enum TemporaryKind: String, CaseIterable, Sendable {
  /// A file being written (``AtomicFileWriter``).
  case tmp
  /// A lesson's output folder being filled.
  case staging
  /// A lesson's previous output, moved aside while the new one is swapped in.
  case old
  /// A site being built.
  case partial
  /// The previous site, moved aside while the new one is swapped in.
  case previous

  /// The temporary of this kind for `destination`, owned by this process:
  /// `.<name>.<kind>-<pid>` in the same folder, followed by `-<suffix>` when one is given.
  public func sibling(of destination: URL, suffix: String? = nil) -> URL {
    let name = "." + destination.lastPathComponent + "." + rawValue + "-\(getpid())" + (suffix.map { "-" + $0 } ?? "")
    return destination.deletingLastPathComponent().appendingPathComponent(name)
  }
}
