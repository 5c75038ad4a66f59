import Foundation
import Plotting
import Testing
import TrainingCost
@testable import CostReports

/// The reality-check chart of the cost model: it renders every published run and says how many
/// estimates land within a factor of two.
@Suite struct CostChartsTests {
  @Test("the reality-check chart decodes at its size and draws published and estimated bars")
  func realityCheckChart() throws {
    let rows = try RealityCheck.rows()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cost-charts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent(CostCharts.realityCheckFileName)
    try CostCharts.saveRealityCheck(rows, to: url, command: "workbench cost reality-check --plot x.png", software: "workbench test")
    let image = try PNGFile.read(from: url)
    #expect(image.width == CostCharts.realityCheckSize.width && image.height == CostCharts.realityCheckSize.height)
    // Both palette colours (published, estimate) appear as bar fills.
    let counts = barPixelCounts(image)
    #expect(counts[0] > 500 && counts[1] > 500, "bar pixels \(counts)")
  }

  @Test("the reality-check chart's metadata says its title wrapped and its crowded bar labels staggered")
  func realityCheckTextFit() throws {
    let rows = try RealityCheck.rows()
    let size = CostCharts.realityCheckSize
    let grid = CostCharts.realityCheck(rows)
    let (_, fits) = try grid.renderNotingTextFits(width: size.width, height: size.height, scale: 2)
    #expect(fits.contains { $0.fit == .wrapped && $0.text == grid.title })
    #expect(fits.contains { $0.fit == .staggered })
    #expect(!fits.contains { $0.fit == .dropped })
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cost-fit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent(CostCharts.realityCheckFileName)
    try CostCharts.saveRealityCheck(rows, to: url, command: "c", software: "s")
    // The tEXt chunk: keyword, a zero byte, then one "fit: text" line per fitted text, in Latin-1 (× is 0xD7).
    let expected = Array("Text fit".utf8) + [0] + Array(fits.map { "\($0.fit.rawValue): \($0.text.replacingOccurrences(of: "\n", with: " "))" }.joined(separator: "\n").unicodeScalars.map { UInt8($0.value) })
    let bytes = [UInt8](try Data(contentsOf: url))
    #expect(bytes.indices.contains { bytes[$0...].starts(with: expected) })
  }

  @Test("the caption counts the estimates within 2× and the alt text names every run")
  func captionAndAlt() throws {
    let rows = try RealityCheck.rows()
    let within = rows.filter(\.isWithinFactorOfTwo).count
    #expect(within == rows.count)
    #expect(CostCharts.realityCheckCaption(rows).contains("\(within) of \(rows.count) estimates are within a factor of two"))
    let alt = CostCharts.realityCheckAlt(rows)
    for row in rows { #expect(alt.contains(row.run.name)) }
  }
}
