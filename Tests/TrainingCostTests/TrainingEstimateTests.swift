import Testing
@testable import TrainingCost

@Suite struct TrainingEstimateTests {
  func h100() throws -> HardwareSetting {
    HardwareSetting(accelerator: try AcceleratorCatalogue.builtIn.accelerator(named: "h100-sxm"))
  }

  @Test func denseRun() throws {
    let estimate = TrainingEstimate(totalParameters: 70e9, tokens: 1.4e12, hardware: try h100(), gpus: 1024, deadlineDays: 30)
    #expect(estimate.flops == 5.88e23 && estimate.attentionFLOPs == 0)
    #expect(estimate.run.gpus == 1024)
    #expect(estimate.figures.first { $0.key == "training_flops" }?.value == 5.88e23)
    #expect(estimate.figures.first { $0.key == "gpus_for_deadline" }?.value == 574)
    #expect(estimate.figures.contains { $0.key == "active_parameters" } == false)
  }

  @Test func attentionAndMixtureOfExperts() throws {
    let shape = ModelShape(layers: 61, modelWidth: 7168, contextLength: 4096)
    let estimate = TrainingEstimate(
      totalParameters: 671e9, activeParameters: 37e9, tokens: 14.8e12, shape: shape, includeAttention: true,
      hardware: try h100())
    #expect(estimate.denseFLOPs == 6 * 37e9 * 14.8e12)
    #expect(estimate.attentionFLOPs == 12 * 61 * 4096 * 7168 * 14.8e12)
    // Memory holds all 671B parameters: 16 B × 671e9 = 10,736 GB of state.
    #expect(estimate.memory.trainedStateBytes == 16 * 671e9)
    #expect(estimate.run.gpus == estimate.minimumGPUs)
    #expect(estimate.figures.contains { $0.key == "active_parameters" })
  }
}
