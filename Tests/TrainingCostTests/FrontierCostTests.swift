import Testing
@testable import TrainingCost

/// The "$10M–$100M+ for frontier models" figure, reproduced from the presets.
@Suite struct FrontierCostTests {
  @Test func frontierRunsCostTensToHundredsOfMillions() throws {
    let costs = try FrontierCost.all()
    let gpt3 = try #require(costs.first { $0.run.id == "gpt-3" })
    // 6 × 175e9 × 300e9 / (125e12 × 0.213) / 3600 = 3.286M V100-hours × $3.06 = $10.06M.
    #expect(!gpt3.hoursPublished)
    #expect(abs(gpt3.bill.finalRunDollars - 6 * 175e9 * 300e9 / (125e12 * 0.213) / 3600 * 3.06) < 1)
    #expect(gpt3.bill.finalRunDollars >= 10e6)
    // Llama 3.1 405B: 30.84M published H100-hours × $2.99 = $92.2M; × (1/0.9 + 0.274) = $127.8M.
    let llama = try #require(costs.first { $0.run.id == "llama-3.1-405b" })
    #expect(llama.hoursPublished)
    #expect(abs(llama.bill.finalRunDollars - 30.84e6 * 2.99) < 1)
    #expect(llama.bill.totalDollars > 100e6)
    let summary = FrontierCost.summary(costs)
    #expect(summary.contains("$10.1M") && summary.contains("$92.2M") && summary.contains("$128M"))
  }

  /// The bill's lines: restarts at 90% effective time add 1/0.9 − 1, experiments 0.274 (39.3M / 30.84M − 1).
  @Test func billLines() {
    var assumptions = ProjectAssumptions()
    assumptions.dataDollarsPerMillionTokens = 0.5
    assumptions.teamSize = 4
    assumptions.months = 3
    assumptions.dollarsPerPersonMonth = 25_000
    let bill = ProjectBill(finalRunDollars: 900, finalRunGPUHours: 300, tokens: 2e9, assumptions: assumptions)
    #expect(abs(bill.restartDollars - 100) < 1e-9)
    #expect(abs(bill.experimentDollars - 900 * (39.3 - 30.84) / 30.84) < 1e-9)
    #expect(bill.dataDollars == 1000)
    #expect(bill.peopleDollars == 300_000)
    #expect(bill.figures.map(\.key) == ["final_run_usd", "restarts_usd", "experiments_usd", "data_usd", "people_usd", "project_total_usd"])
  }
}
