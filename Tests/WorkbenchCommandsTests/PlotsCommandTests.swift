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

  /// The validation errors are the ones `validate()` throws: usage errors (exit 64) whose message
  /// names the option, not any error at all.
  @Test(arguments: [
    (["plots", "gallery", "--output", ""], "--output must name a folder."),
    (["plots", "bench", "--runs", "0"], "--runs must be at least 1."),
  ])
  func galleryAndBenchRejectBadOptions(arguments: [String], message: String) {
    #expect { try Workbench.parseAsRoot(arguments) } throws: { error in
      Workbench.exitCode(for: error).rawValue == 64 && Workbench.message(for: error) == message
    }
  }

  @Test func galleryAndBenchAcceptGoodOptions() throws {
    #expect(try Workbench.parseAsRoot(["plots", "gallery", "--output", "x"]) is PlotsCommand.Gallery)
    #expect(try Workbench.parseAsRoot(["plots", "bench", "--runs", "1"]) is PlotsCommand.Bench)
  }
}
