import Testing
@testable import TrainingCost

@Suite struct HumanNumberTests {
  @Test(arguments: [
    ("7B", 7e9), ("2.5T", 2.5e12), ("1e9", 1e9), ("12k", 12_000.0), ("50M", 5e7), ("2T", 2e12),
    ("1.5e12", 1.5e12), ("175_000_000_000", 175e9), ("7b", 7e9), ("12K", 12_000.0), (" 300B ", 3e11),
    ("+3k", 3000.0), (".5k", 500.0), ("1E3", 1000.0), ("2.5e-3", 0.0025), ("1_000k", 1e6),
  ])
  func readsHumanNumbers(text: String, expected: Double) throws {
    #expect(try HumanNumber.parse(text, option: "--params") == expected)
  }

  @Test(arguments: ["7X", "7BB", "nan", "NaN", "inf", "-inf", "1e400", "", "  ", "_7", "7_", "7__0", "0x10",
                    "1e", "1.2.3", "B", "1,000", "e5", "7 B", "1e9k9"])
  func rejectsWhatIsNotANumber(text: String) {
    #expect(throws: CostError.self) { try HumanNumber.parse(text, option: "--params") }
  }

  @Test func explainsEachRejectionInOneSentence() {
    #expect(throws: CostError.outOfRange(option: "--params", text: "0", allowed: "greater than zero")) {
      try HumanNumber.parse("0", option: "--params")
    }
    #expect(throws: CostError.outOfRange(option: "--params", text: "-7B", allowed: "greater than zero")) {
      try HumanNumber.parse("-7B", option: "--params")
    }
    #expect(throws: CostError.unreadableNumber(option: "--params", text: "7X", reason: "unknown suffix 'X'")) {
      try HumanNumber.parse("7X", option: "--params")
    }
    #expect(throws: CostError.unreadableNumber(option: "--tokens", text: "1e400", reason: "it is too large to represent")) {
      try HumanNumber.parse("1e400", option: "--tokens")
    }
    #expect(throws: CostError.unreadableNumber(option: "--params", text: "nan", reason: "it is not a finite number")) {
      try HumanNumber.parse("nan", option: "--params")
    }
    let message = CostError.unreadableNumber(option: "--params", text: "7X", reason: "unknown suffix 'X'").description
    #expect(message == "--params: '7X' is not a number I can read (unknown suffix 'X'); write it like 7B, 2.5T, 50M, 12k, 1.5e12 or 175_000_000_000.")
    #expect(CostError.outOfRange(option: "--params", text: "0", allowed: "greater than zero").description
      == "--params must be greater than zero, got '0'.")
  }

  @Test(arguments: [
    (3.15e23, "3.15e23"), (5.88e23, "5.88e23"), (9.996e22, "1.00e23"), (989e12, "9.89e14"), (1.0, "1.00e0"),
    (0.00123, "1.23e-3"), (-2.5e10, "-2.50e10"), (0, "0"),
  ])
  func writesScientific(value: Double, expected: String) {
    #expect(HumanNumber.scientific(value) == expected)
  }

  @Test(arguments: [
    (70e9, "70.0B"), (1.4e12, "1.40T"), (1_869_658.0, "1.87M"), (999_600.0, "1.00M"), (45.27, "45.3"),
    (989.0, "989"), (12_000.0, "12.0k"), (0.0123, "0.0123"), (7e9, "7.00B"), (2e15, "2.00e15"), (0, "0"),
    (999.96, "1.00k"),
  ])
  func writesAbbreviated(value: Double, expected: String) {
    #expect(HumanNumber.abbreviated(value) == expected)
  }

  @Test func writesGroupedAndFixed() {
    #expect(HumanNumber.grouped(1_720_320) == "1,720,320")
    #expect(HumanNumber.grouped(999) == "999")
    #expect(HumanNumber.grouped(-1234.5) == "-1,235")
    #expect(HumanNumber.fixed(2.345, decimals: 2) == "2.35")
    #expect(HumanNumber.fixed(0.05, decimals: 3) == "0.050")
    #expect(HumanNumber.fixed(-0.001, decimals: 2) == "0.00")
    #expect(HumanNumber.fixed(7, decimals: 0) == "7")
    #expect(HumanNumber.fixed(1e30, decimals: 2) == "1.00e30")
  }

  @Test func formatsFigureUnits() {
    #expect(FigureUnit.flop.format(5.88e23) == "5.88e23 FLOP")
    #expect(FigureUnit.dollars.format(4_660_000) == "$4.66M")
    #expect(FigureUnit.dollarsPerHour.format(2.99) == "$2.99")
    #expect(FigureUnit.dollarsPerMillionTokens.format(0.0393) == "$0.0393")
    #expect(FigureUnit.fraction.format(0.4) == "40.0%")
    #expect(FigureUnit.gigabytes.format(1165.6) == "1,166 GB")
    #expect(FigureUnit.gigabytes.format(45.63) == "45.6 GB")
    #expect(FigureUnit.gpus.format(1024) == "1,024")
    #expect(FigureUnit.loss.format(1.93662) == "1.937")
    #expect(FigureUnit.days.format(1147.7) == "3.14 years")
    #expect(FigureUnit.days.format(9.0) == "9.00 days")
  }

  @Test("durations are written in the largest unit that keeps them at least 1")
  func durations() {
    #expect(HumanNumber.duration(days: 40.0 / 86_400) == "40.0 seconds")
    #expect(HumanNumber.duration(days: 60.0 / 86_400) == "1.00 minute")
    #expect(HumanNumber.duration(days: 12.5 / 1_440) == "12.5 minutes")
    #expect(HumanNumber.duration(days: 0.25) == "6.00 hours")
    #expect(HumanNumber.duration(days: 1.5) == "1.50 days")
    #expect(HumanNumber.duration(days: 365.25 * 3.42) == "3.42 years")
    #expect(HumanNumber.duration(days: 365.25 * 2_000) == "2,000 years")
  }
}
