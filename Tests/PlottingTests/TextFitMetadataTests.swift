import Foundation
import Testing
@testable import Plotting

/// How chart text was fitted (shrunk, wrapped, staggered, dropped) is written into the PNG's
/// `Text fit` metadata, and agrees with where the typesetter really drew the text.
@Suite struct TextFitMetadataTests {
  /// The `tEXt` chunks of a PNG file, keyword → text (Latin-1).
  static func texts(_ url: URL) throws -> [String: String] {
    var texts: [String: String] = [:]
    for chunk in pngChunks([UInt8](try Data(contentsOf: url))) where chunk.type == "tEXt" {
      let parts = chunk.data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
      texts[String(decoding: parts[0], as: UTF8.self)] = String(parts[1].map { Character(Unicode.Scalar($0)) })
    }
    return texts
  }

  static func save(_ figure: some Figure, width: Int, height: Int) throws -> (texts: [String: String], fits: [FittedText], layouts: [TextLayout]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("textfit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("figure.png")
    try figure.save(to: url, metadata: PNGMetadata(title: "t", software: "s", source: "c"), width: width, height: height, scale: 2)
    let ((_, fits), layouts) = try TextLayoutRecorder().record { try figure.renderNotingTextFits(width: width, height: height, scale: 2) }
    return (try texts(url), fits, layouts)
  }

  @Test("a chart drawn as given writes no Text fit chunk, so its bytes do not change")
  func nothingFitted() throws {
    var chart = BarChart(title: "Two bars", categories: ["a", "b"])
    chart.add(BarSeries(values: [1, 2]))
    let saved = try Self.save(chart, width: 1200, height: 800)
    #expect(saved.fits.isEmpty)
    #expect(saved.texts["Text fit"] == nil)
    #expect(saved.texts["Title"] == "t")
  }

  @Test("a long title wraps, crowded category labels stagger, and the metadata says so line by line")
  func wrappedAndStaggered() throws {
    let title = (1...30).map { "word\($0)" }.joined(separator: " ")
    let categories = (1...12).map { "category-\($0)" }
    var chart = BarChart(title: title, categories: categories)
    chart.add(BarSeries(values: categories.indices.map { Double($0 + 1) }))
    let saved = try Self.save(chart, width: 600, height: 400)
    #expect(saved.fits.contains(FittedText(text: title, fit: .wrapped)))
    // Every other category label moves down a line; the first stays.
    #expect(saved.fits.filter { $0.fit == .staggered }.map(\.text) == stride(from: 1, to: 12, by: 2).map { categories[$0] })
    let lines = try #require(saved.texts["Text fit"]).split(separator: "\n").map(String.init)
    #expect(lines == saved.fits.map { "\($0.fit.rawValue): \($0.text)" })
    // Oracle: where the typesetter drew them, a staggered label sits lower than its unstaggered neighbour.
    let boxes = try #require(saved.layouts.first).boxes
    func top(_ text: String) -> Double? { boxes.first { $0.text.trimmingCharacters(in: .newlines) == text }?.y }
    let even = try #require(top(categories[0])), odd = try #require(top(categories[1]))
    #expect(odd > even)
  }

  @Test("bar value labels wider than their bars are shrunk, staggered or dropped, and recorded")
  func barLabels() throws {
    var chart = BarChart(categories: (1...8).map { "c\($0)" })
    chart.add(BarSeries(values: (1...8).map { 1234567.0 * Double($0) }))
    chart.add(BarSeries(values: (1...8).map { 7654321.0 * Double($0) }))
    chart.showsValues = true
    // Narrower canvases leave less room per bar: shrink first, then stagger, then drop.
    var seen: Set<TextFit> = []
    for width in [1600, 900, 500, 300] {
      let saved = try Self.save(chart, width: width, height: 600)
      seen.formUnion(saved.fits.map(\.fit))
      let drawn = Set(try #require(saved.layouts.first).boxes.map(\.text))
      for dropped in saved.fits where dropped.fit == .dropped {
        #expect(!drawn.contains(dropped.text), "a dropped label is not drawn at width \(width)")
      }
    }
    #expect(seen.isSuperset(of: [.shrunk, .staggered, .dropped]), "\(seen)")
  }

  @Test("lines of a text panel that do not fit the canvas are dropped, not drawn half outside")
  func droppedLines() throws {
    let body = (1...40).map { "line \($0)" }.joined(separator: "\n")
    let saved = try Self.save(TextPanel(title: "Samples", body: body), width: 600, height: 300)
    let dropped = saved.fits.filter { $0.fit == .dropped }
    #expect(dropped.count == 1)
    let drawn = Set(try #require(saved.layouts.first).boxes.map(\.text))
    let first = try #require(dropped.first).text
    #expect(!drawn.contains(first))
    #expect(drawn.contains("line 1"))
  }
}
