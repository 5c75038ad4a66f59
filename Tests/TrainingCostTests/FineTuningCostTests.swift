import Testing
@testable import TrainingCost

@Suite struct FineTuningCostTests {
  let shape = ModelShape(layers: 32, modelWidth: 4096, contextLength: 2048)

  func hardware() throws -> HardwareSetting {
    HardwareSetting(accelerator: try AcceleratorCatalogue.builtIn.accelerator(named: "h100-sxm"))
  }

  /// Activations: 34 × 2048 × 1 × 4096 × 32 = 9,126,805,504 bytes.
  let activations = 9_126_805_504.0

  @Test func fullFineTune() throws {
    let estimate = FineTuningEstimate(method: .full, parameters: 7e9, tokens: 50e6, shape: shape, hardware: try hardware())
    #expect(estimate.flops == 2.1e18)  // 6 × 7e9 × 5e7
    #expect(estimate.trainableParameters == 7e9)
    #expect(estimate.memory.trainedStateBytes == 112e9 && estimate.memory.frozenWeightBytes == 0)
    #expect(estimate.memory.activationBytes == activations)
    #expect(estimate.minimumGPUs == 2)  // 121.1 GB on 80 GB cards
    #expect(estimate.run.gpus == 2)
  }

  @Test func lora() throws {
    let estimate = FineTuningEstimate(method: .lora, parameters: 7e9, tokens: 50e6, shape: shape, hardware: try hardware())
    // 4 × 7e9 × 5e7 + 6 × 3.5e7 × 5e7 = 1.4e18 + 1.05e16.
    #expect(abs(estimate.flops - 1.4105e18) / 1.4105e18 < 1e-12)
    #expect(estimate.trainableParameters == 3.5e7)
    #expect(estimate.memory.frozenWeightBytes == 14e9)
    #expect(estimate.memory.trainedStateBytes == 5.6e8)
    #expect(estimate.minimumGPUs == 1)  // 23.7 GB
  }

  @Test func qlora() throws {
    var assumptions = FineTuningAssumptions()
    assumptions.adapterFraction = 0.001
    let estimate = FineTuningEstimate(
      method: .qlora, parameters: 7e9, tokens: 50e6, shape: shape, hardware: try hardware(), gpus: 4, assumptions: assumptions)
    #expect(estimate.memory.frozenWeightBytes == 3.5e9)  // 0.5 B/param
    #expect(estimate.memory.trainedStateBytes == 7e6 * 16)
    #expect(abs(estimate.flops - (1.4e18 + 6 * 7e6 * 5e7)) < 1e3)
    #expect(estimate.run.gpus == 4)
    #expect(estimate.figures.first { $0.key == "training_flops" }?.basis.contains("weight gradients skipped") == true)
  }

  @Test func loraIsCheaperThanFullInComputeAndMemory() throws {
    let full = FineTuningEstimate(method: .full, parameters: 70e9, tokens: 1e9, shape: shape, hardware: try hardware())
    let lora = FineTuningEstimate(method: .lora, parameters: 70e9, tokens: 1e9, shape: shape, hardware: try hardware())
    let qlora = FineTuningEstimate(method: .qlora, parameters: 70e9, tokens: 1e9, shape: shape, hardware: try hardware())
    #expect(lora.flops < full.flops && abs(lora.flops / full.flops - (4 + 6 * 0.005) / 6) < 1e-12)
    #expect(qlora.memory.totalBytes < lora.memory.totalBytes && lora.memory.totalBytes < full.memory.totalBytes)
  }

  @Test func planComparesFiveOptions() throws {
    let rows = DeploymentPlan.compare(parameters: 7e9, domainTokens: 50e6, shape: shape, hardware: try hardware())
    #expect(rows.map(\.option) == DeploymentOption.allCases)
    let pretrain = rows[0]
    #expect(pretrain.tokens == 2e12)  // max(2T, 20 × 7e9): Llama 2's budget
    #expect(pretrain.flops == 6 * 7e9 * 2e12)
    #expect(PlanAssumptions.realisticPretrainTokens(parameters: 175e9) == 3.5e12)  // 20·N wins above 100B
    // Serving cost: 2 × 7e9 × 1e6 / (989e12 × 0.2) / 3600 × $2.99 = $0.05878 per 1M tokens.
    #expect(abs(pretrain.dollarsPerMillionTokens - 1.4e16 / (989e12 * 0.2) / 3600 * 2.99) < 1e-12)
    #expect(rows[2].flops == FineTuningEstimate(method: .lora, parameters: 7e9, tokens: 50e6, shape: shape, hardware: try hardware()).flops)
    let none = rows[4]
    #expect(none.flops == 0 && none.gpus == 0 && none.memoryGB == 0)
    #expect(abs(none.upFrontDollars - 5) < 1e-12)  // 50M tokens × $0.10 / 1M
    #expect(none.dollarsPerMillionTokens == 1.0)
    #expect(rows.allSatisfy { !$0.basis.isEmpty })
  }
}
