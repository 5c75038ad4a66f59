import Foundation

/// Headless Chromium, when it is installed: page screenshots and DOM dumps for layout checks.
enum Chromium {
  /// The browser on `PATH`, or `nil` (then the screenshot tests are skipped).
  static let executable: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser"] {
      for folder in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }()

  /// Starts headless Chromium on `page` with extra `arguments`, writing standard output to
  /// `output` (and standard error to `errors`, where `--enable-logging=stderr` puts console messages);
  /// each run gets its own profile folder under `scratch`.
  static func start(_ arguments: [String], page: URL, output: URL, scratch: URL, errors: URL? = nil) throws -> Process {
    let process = Process()
    process.executableURL = executable
    let profile = scratch.appendingPathComponent("profile-\(UUID().uuidString)")
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
      "--disable-extensions", "--disable-dev-shm-usage", "--allow-file-access-from-files",
      "--user-data-dir=\(profile.path)",
    ] + arguments + [page.absoluteString]
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    if let errors {
      _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
      process.standardError = try FileHandle(forWritingTo: errors)
    } else {
      process.standardError = FileHandle.nullDevice
    }
    try process.run()
    return process
  }

  /// Waits for `process` to finish within `seconds`; stops it and returns `false` otherwise.
  static func wait(_ process: Process, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      return false
    }
    return true
  }
}
