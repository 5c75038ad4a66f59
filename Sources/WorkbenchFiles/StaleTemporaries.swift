import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The temporary siblings that the workbench's writers leave behind when the process is killed
/// (SIGKILL, power loss) before it can clean up: `.<name>.<kind>-<pid>[-…]` next to `<name>`
/// (``TemporaryKind/sibling(of:suffix:)``). A later run removes those whose process is gone, so no
/// temporary file outlives the run after a kill.
public enum StaleTemporaries {
  /// The kinds of temporary sibling the workbench's writers create, as they appear in names.
  public static let kinds = TemporaryKind.allCases.map(\.rawValue)

  /// Removes, in `folder`, the temporaries of `name` (or of every name, when `name` is nil) left by
  /// processes that no longer run. Returns the names removed. Errors are ignored (best effort).
  @discardableResult
  public static func remove(in folder: URL, for name: String? = nil) -> [String] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    var removed: [String] = []
    for entry in entries.sorted() {
      guard let pid = ownerProcess(of: entry, for: name), pid != getpid(), !isRunning(pid) else { continue }
      if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))) != nil { removed.append(entry) }
    }
    return removed
  }

  /// The process id in a temporary's name `.<name>.<kind>-<pid>[-…]`, or nil when `entry` is not one.
  static func ownerProcess(of entry: String, for name: String?) -> pid_t? {
    guard entry.hasPrefix(".") else { return nil }
    for kind in kinds {
      guard let range = entry.range(of: ".\(kind)-", options: .backwards) else { continue }
      let base = entry[entry.index(after: entry.startIndex)..<range.lowerBound]
      guard !base.isEmpty, name == nil || base == name! else { continue }
      let digits = entry[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
      if let pid = pid_t(digits), pid > 0 { return pid }
    }
    return nil
  }

  /// True when a process with id `pid` exists (`kill(pid, 0)` does not fail with `ESRCH`).
  static func isRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
  }
}
