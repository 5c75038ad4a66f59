import CostReports
import Foundation
import Plotting
import Testing
import TrainingCost

@testable import Lessons

/// Every piece of text on every figure stays inside its canvas and off other text: the gallery, the
/// cost page's reality-check chart, and every figure (stills and film frames) of a quick tour. The
/// boxes come from the typesetter itself (``TextLayoutRecorder``), so any chart API is covered.
@Suite struct TextCollisionTests {
  /// Every problem in `layouts`, one line each ("file: 'a' overlaps 'b'").
  static func problems(_ layouts: [TextLayout], source: String) -> [String] {
    var lines: [String] = []
    for (index, layout) in layouts.enumerated() {
      for box in layout.outside() {
        lines.append("\(source) figure \(index): '\(box.text)' leaves the \(layout.width)×\(layout.height) canvas at x \(Int(box.x))…\(Int(box.x + box.width)), y \(Int(box.y))…\(Int(box.y + box.height))")
      }
      for (a, b) in layout.overlapping() {
        lines.append("\(source) figure \(index): '\(a.text)' overlaps '\(b.text)'")
      }
    }
    return lines
  }

  @Test("a known collision is detected (two labels drawn on the same spot)")
  func detectsCollisions() throws {
    var chart = Chart(title: "A title far too long to fit on this very small canvas at all, whatever happens", xLabel: "x", yLabel: "y")
    chart.add(LineSeries(x: [0, 1], y: [0, 1]))
    chart.annotate("same place", at: Point(0.5, 0.5), offset: 0, 0)
    chart.annotate("same place", at: Point(0.5, 0.5), offset: 0, 0)
    let (_, layouts) = try TextLayoutRecorder().record { try chart.render(width: 400, height: 300) }
    #expect(layouts.count == 1)
    #expect(!(layouts.first?.overlapping().isEmpty ?? true))
  }

  @Test("gallery figures keep their text inside the canvas and apart")
  func gallery() throws {
    var problems: [String] = []
    for entry in PlotGallery.entries() {
      let (_, layouts) = try TextLayoutRecorder().record { try entry.figure.render(width: entry.width, height: entry.height) }
      #expect(layouts.count == 1 && !(layouts.first?.boxes.isEmpty ?? true), "\(entry.name) drew no text")
      problems += Self.problems(layouts, source: entry.name)
    }
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test("the reality-check chart shows its whole title and separate bar labels")
  func realityCheck() throws {
    let rows = try RealityCheck.rows()
    let size = CostCharts.realityCheckSize
    let (_, layouts) = try TextLayoutRecorder().record {
      try CostCharts.realityCheck(rows).render(width: size.width, height: size.height)
    }
    let problems = Self.problems(layouts, source: "reality-check")
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test("the estimator's parallelism charts keep their text inside the canvas and apart")
  func parallelismCharts() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collision-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var problems: [String] = []
    for chart in try ParallelismCharts.all() {
      let (_, layouts) = try TextLayoutRecorder().record {
        try chart.save(to: folder.appendingPathComponent(chart.fileName), command: "test", software: "test")
      }
      #expect(!layouts.isEmpty, "\(chart.fileName) drew no text")
      problems += Self.problems(layouts, source: chart.fileName)
    }
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test("every figure of a quick tour keeps its text inside the canvas and apart", arguments: LessonCatalog.all.map(\.id))
  func quickTour(id: String) throws {
    let lesson = try #require(LessonCatalog.all.first { $0.id == id })
    let (_, layouts) = try TextLayoutRecorder().record { try QuickLessonRuns.once(lesson, seed: 1) }
    #expect(!layouts.isEmpty, "\(id) rendered no figure")
    let problems = Self.problems(layouts, source: id)
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }
}
