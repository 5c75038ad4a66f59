import Plotting
import Testing
@testable import WorkbenchCommands

@Suite struct PlotsCommandTests {
  static let cases: [(PlotError, Int32)] = [
    (PlotError.invalidSize(width: 0, height: 800), 64),
    (PlotError.nonFiniteAxisLimits(axis: "x", lower: .nan, upper: 1), 65),
    (PlotError.mismatchedLengths(series: "loss", reason: "x has 3 values but y has 2"), 65),
    (PlotError.fontMissing(path: "/no/font.ttf"), 66),
    (PlotError.outputNotWritable(path: "/ro/a.png", reason: "Permission denied"), 73),
  ]

  @Test(arguments: cases)
  func plotErrorsMapToSysexitsCodes(error: PlotError, code: Int32) {
    let failure = WorkbenchFailure(classifying: error)
    #expect(failure?.exitCode == code)
    #expect(failure?.message == error.description)
  }

  @Test func sourceCommandLineIsShellQuoted() {
    #expect(CommandLineText.reproducing(["plots", "gallery", "--output", "output/gallery"]) == "workbench plots gallery --output output/gallery")
    #expect(CommandLineText.reproducing(["plots", "gallery", "--output", "my plots"]) == "workbench plots gallery --output 'my plots'")
    #expect(CommandLineText.quoted("it's") == "'it'\\''s'")
  }

  @Test func galleryRejectsAnEmptyOutputFolder() {
    #expect(throws: (any Error).self) { try Workbench.parseAsRoot(["plots", "gallery", "--output", ""]) }
    #expect(throws: (any Error).self) { try Workbench.parseAsRoot(["plots", "bench", "--runs", "0"]) }
  }
}
