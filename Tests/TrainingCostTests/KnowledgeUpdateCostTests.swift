import Testing
@testable import TrainingCost

/// The business-scale pricing of nothing, RAG, full fine-tuning and LoRA, against the arithmetic
/// done by hand for the default scenario (7B, 10,000 documents of 200 tokens, 1M questions a month).
@Suite struct KnowledgeUpdateCostTests {
  func hardware() throws -> HardwareSetting {
    HardwareSetting(accelerator: try AcceleratorCatalogue.builtIn.accelerator(named: "h100-sxm"))
  }

  @Test func rowsMatchTheArithmetic() throws {
    let scenario = KnowledgeUpdateScenario()
    let hardware = try hardware()
    let rows = KnowledgeUpdateCost.rows(scenario, hardware: hardware)
    #expect(rows.map(\.name) == ["nothing", "RAG", "full fine-tune", "LoRA"])
    // Inference: 2 × 7e9 FLOPs per token; 70 tokens without retrieval, 70 + 2 × 200 with it.
    #expect(rows[0].flopsPerQuestion == 2 * 7e9 * 70)
    #expect(rows[1].flopsPerQuestion == 2 * 7e9 * 470)
    let dollarsPerFLOP = hardware.pricePerHour / (989e12 * 0.2 * 3600)
    #expect(abs(rows[0].monthlyDollars - 2 * 7e9 * 70 * 1e6 * dollarsPerFLOP) < 1e-9)
    // RAG: index 2e6 tokens at $0.10 per million = $0.20; re-index 20% a month.
    #expect(abs(rows[1].upFrontDollars - 0.2) < 1e-12 && abs(rows[1].perUpdateDollars - 0.04) < 1e-12)
    // Full fine-tune: 10,000 × (200 + 3 × 70) × 3 epochs = 12.3M tokens; 6 × 7e9 × 12.3e6 FLOPs.
    #expect(scenario.augmentedTokens * scenario.epochs == 12_300_000)
    #expect(abs(rows[2].upFrontFLOPs - 6 * 7e9 * 12.3e6) / (6 * 7e9 * 12.3e6) < 1e-12)
    let gpuHours = 6 * 7e9 * 12.3e6 / (989e12 * hardware.utilization) / 3600
    #expect(abs(rows[2].upFrontDollars - gpuHours * hardware.pricePerHour) < 1e-9)
    #expect(rows[2].perUpdateDollars == rows[2].upFrontDollars)
    // LoRA trains less: 4·N·D + 6·(0.005 N)·D.
    #expect(abs(rows[3].upFrontFLOPs - (4 * 7e9 + 6 * 3.5e7) * 12.3e6) / rows[3].upFrontFLOPs < 1e-12)
  }

  @Test func breakEvenIsWhereMonthlyCostsMeet() throws {
    let scenario = KnowledgeUpdateScenario()
    let rows = KnowledgeUpdateCost.rows(scenario, hardware: try hardware())
    let q = try #require(KnowledgeUpdateCost.breakEvenQuestionsPerMonth(rag: rows[1], fineTuned: rows[3], scenario: scenario))
    // At q questions a month both cost the same: update + q × cost per question.
    let ragPerQuestion = (rows[1].monthlyDollars - rows[1].perUpdateDollars) / scenario.questionsPerMonth
    let loraPerQuestion = (rows[3].monthlyDollars - rows[3].perUpdateDollars) / scenario.questionsPerMonth
    let rag = rows[1].perUpdateDollars + q * ragPerQuestion, lora = rows[3].perUpdateDollars + q * loraPerQuestion
    #expect(abs(rag - lora) < 1e-9)
    #expect(KnowledgeUpdateCost.breakEvenQuestionsPerMonth(rag: rows[0], fineTuned: rows[3], scenario: scenario) == nil)
  }
}
