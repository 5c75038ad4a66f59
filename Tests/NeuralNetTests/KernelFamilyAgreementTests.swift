import Autograd
import NeuralNet
import Testing

/// The baseline kernels (SSE2 on x86-64) and the widest family the CPU has compute the same GPT
/// forward and backward pass within float rounding, and each is deterministic.
@Suite struct KernelFamilyAgreementTests {
  /// Loss and parameter gradients of one forward/backward pass of a small GPT, in `family`.
  static func pass(_ family: KernelFamily) throws -> (loss: Float, gradients: [[Float]]) {
    try KernelFamily.$override.withValue(family) {
      var generator = SplitMix64(seed: 7)
      let config = GPTConfig(vocabSize: 29, blockSize: 24, layerCount: 2, headCount: 2, embeddingWidth: 32)
      let gpt = try GPT<Float>(config: config, using: &generator)
      let batch = 3, length = 24
      let tokens = (0..<(batch * length)).map { _ in Int(generator.next() % 29) }
      let targets = (0..<(batch * length)).map { _ in Int(generator.next() % 29) }
      let loss = try gpt.loss(tokens: tokens, targets: targets, batch: batch, length: length)
      loss.backward()
      return (loss.item, gpt.parameters.map { $0.grad ?? [] })
    }
  }

  @Test func baselineAgreesWithTheWidestFamilyOnAGPTForwardAndBackward() throws {
    let wide = try Self.pass(KernelFamily.widest), base = try Self.pass(.baseline)
    #expect(abs(wide.loss - base.loss) <= 1e-5 * abs(wide.loss))
    #expect(wide.gradients.count == base.gradients.count)
    for (w, b) in zip(wide.gradients, base.gradients) {
      #expect(w.count == b.count)
      let scale = w.map(abs).max() ?? 0
      let worst = zip(w, b).map { abs($0 - $1) }.max() ?? 0
      #expect(worst <= 1e-4 * Swift.max(scale, 1e-6), "gradient differs by \(worst) (largest \(scale))")
    }
  }

  @Test func eachFamilyGivesTheSameBitsTwice() throws {
    for family in KernelFamily.supported {
      let first = try Self.pass(family), second = try Self.pass(family)
      #expect(first.loss == second.loss)
      #expect(first.gradients == second.gradients)
    }
  }
}
