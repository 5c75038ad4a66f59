import Foundation
import PythonOracle
import Testing

/// The lab in a real browser: `workbench serve` on loopback and Debian's chromium driven through
/// the DevTools protocol by `lab_browser.py`, at 1280 and 390 px. It changes the learning rate,
/// runs, sees the live chart gain points and the figures swap in, compares two runs, stops one,
/// and sees the cost calculator change when a field changes. At 1280 px it uploads a text, trains
/// on it (live points and a sample), stops, resumes to the end and generates from the result, with
/// probability bars that match the JSON answer; at both widths it generates from the `--model`
/// directory. A step reaches the chart in a median of at most 250 ms, on a lesson page and on the
/// text page. Never skipped: `scripts/test` installs chromium.
@Suite("LabBrowser", .serialized)
struct LabBrowserTests {
  @Test func theLabWorksInARealBrowser() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let port = 20_000 + Int(getpid() % 20_000)
    let server = Process()
    server.executableURL = LabFixture.binary
    server.arguments = [
      "serve", "--port", "\(port)", "--output", folder.appendingPathComponent("output").path,
      "--model", LabFixture.tinyGPT2.path,
    ]
    server.currentDirectoryURL = LabFixture.repository
    let serverOutput = Pipe()
    server.standardOutput = serverOutput
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer {
      kill(server.processIdentifier, SIGINT)
      server.waitUntilExit()
    }
    // Wait for the address line.
    var printed = Data()
    while !String(decoding: printed, as: UTF8.self).contains("The lab is at") {
      let chunk = serverOutput.fileHandleForReading.availableData
      try #require(!chunk.isEmpty, "workbench serve ended before listening: \(String(decoding: printed, as: UTF8.self))")
      printed.append(chunk)
    }
    let screenshots = ProcessInfo.processInfo.environment["LAB_SCREENSHOTS"]
      ?? folder.appendingPathComponent("screenshots").path
    // A failed check makes the script exit 1 and name it on standard error, which the thrown failure quotes.
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("lab_browser.py").path
    let arguments = [script, "http://127.0.0.1:\(port)", screenshots] + (ProcessInfo.processInfo.environment["LAB_TEXT_STEPS"].map { [$0] } ?? [])
    let text = String(decoding: try PythonOracle.run(arguments), as: UTF8.self)
    print("lab browser: \(text)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    #expect((report["failures"] as? [String]) == [], "\(report["failures"] ?? "")")
    let widths = try #require(report["widths"] as? [String: [String: Any]])
    for width in ["1280", "390"] {
      let median = try #require(widths[width]?["latency_ms_median"] as? Double, "no latency at \(width) px")
      #expect(median <= 250, "a step reached the chart in a median of \(median) ms at \(width) px")
    }
    let textMedian = try #require(widths["1280"]?["text_latency_ms_median"] as? Double, "no latency on the text page")
    #expect(textMedian <= 250, "a training step on your text reached the chart in a median of \(textMedian) ms")
  }
}
