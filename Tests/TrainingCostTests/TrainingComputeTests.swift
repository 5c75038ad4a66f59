import Testing
@testable import TrainingCost

@Suite struct TrainingComputeTests {
  @Test func sixNDIsForwardTwoPlusBackwardFour() {
    #expect(TrainingCompute.forwardFLOPsPerParameter == 2)
    #expect(TrainingCompute.backwardFLOPsPerParameter == 4)
    #expect(TrainingCompute.trainingFLOPs(parameters: 1, tokens: 1) == 6)
    #expect(TrainingCompute.trainingFLOPs(parameters: 7e9, tokens: 5e7) == 2.1e18)
  }

  /// GPT-3: Brown et al. 2020 publish 3.14e23; Chinchilla: Hoffmann et al. 2022 publish 5.76e23.
  @Test(arguments: [(175e9, 300e9, 3.15e23, 3.14e23), (70e9, 1.4e12, 5.88e23, 5.76e23)])
  func matchesPublishedCompute(parameters: Double, tokens: Double, handComputed: Double, published: Double) {
    let flops = TrainingCompute.trainingFLOPs(parameters: parameters, tokens: tokens)
    #expect(abs(flops - handComputed) / handComputed < 1e-12)
    #expect(abs(flops / published - 1) < 0.03)
  }

  @Test func attentionTermIsTwelveLayersContextWidth() {
    let gpt3 = ModelShape(layers: 96, modelWidth: 12288, contextLength: 2048)
    // 12 × 96 × 2048 × 12288 = 28,991,029,248 FLOPs per token.
    #expect(TrainingCompute.attentionFLOPsPerToken(gpt3) == 28_991_029_248)
    #expect(TrainingCompute.attentionFLOPs(shape: gpt3, tokens: 300e9) == 28_991_029_248 * 300e9)
    // Against 6N = 1.05e12 per token, the attention term is under 3% for GPT-3.
    #expect(28_991_029_248 / 1.05e12 < 0.03)
  }

  @Test func inferenceIsTheForwardPass() {
    #expect(TrainingCompute.inferenceFLOPsPerToken(parameters: 7e9) == 1.4e10)
  }

  @Test func estimatesAShapeFromTheParameterCount() {
    // d = cbrt(175e9 × 128 / 12) ≈ 12313 → 12288; L = 175e9 / (12 × 12288²) = 96.6 → 97.
    #expect(ModelShape.estimated(parameters: 175e9, contextLength: 2048)
      == ModelShape(layers: 97, modelWidth: 12288, contextLength: 2048))
    // d = cbrt(7e9 × 128 / 12) ≈ 4211 → 4224; L = 7e9 / (12 × 4224²) = 32.7 → 33.
    #expect(ModelShape.estimated(parameters: 7e9, contextLength: 4096)
      == ModelShape(layers: 33, modelWidth: 4224, contextLength: 4096))
    let tiny = ModelShape.estimated(parameters: 1000, contextLength: 16)
    #expect(tiny.layers >= 1 && tiny.modelWidth == 64)
  }
}
