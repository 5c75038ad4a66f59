import Autograd
import NeuralNet
import Testing

/// A whole GPT step (forward, loss, backward) on the fast kernels and on the reference kernels.
@Suite struct KernelImplementationGPTTests {
  /// The loss and every parameter gradient of one step of a small GPT on `kernels`.
  static func step<S: TensorScalar>(_: S.Type, kernels: KernelImplementation) throws -> (loss: Double, gradients: [[S]]) {
    try Kernels.$implementation.withValue(kernels) {
      let config = GPTConfig(vocabSize: 11, blockSize: 19, layerCount: 2, headCount: 2, embeddingWidth: 16)
      var generator = SplitMix64(seed: 3)
      let model = try GPT<S>(config: config, using: &generator)
      let tokens = (0..<(2 * 19)).map { _ in Int(generator.next() % 11) }
      let targets = (0..<(2 * 19)).map { _ in Int(generator.next() % 11) }
      let loss = try model.loss(tokens: tokens, targets: targets, batch: 2, length: 19)
      loss.backward()
      return (Double(loss.item), model.parameters.map { $0.grad ?? [] })
    }
  }

  /// Largest |u − v| / max(1, |v|) over all gradients.
  static func error<S: TensorScalar>(_ u: [[S]], _ v: [[S]]) -> Double {
    guard u.count == v.count else { return .nan }
    var worst = 0.0
    for (a, b) in zip(u, v) {
      guard a.count == b.count else { return .nan }
      for (x, y) in zip(a, b) {
        let (dx, dy) = (Double(x), Double(y))
        worst = max(worst, abs(dx - dy) / max(1, abs(dy)))
      }
    }
    return worst
  }

  @Test func doubleStepsAgreeToRoundOff() throws {
    let fast = try Self.step(Double.self, kernels: .fast), reference = try Self.step(Double.self, kernels: .reference)
    #expect(abs(fast.loss - reference.loss) <= 1e-12)
    #expect(fast.gradients.count == reference.gradients.count)
    #expect(Self.error(fast.gradients, reference.gradients) <= 1e-10)
  }

  @Test func floatStepsAgreeToSinglePrecision() throws {
    let fast = try Self.step(Float.self, kernels: .fast), reference = try Self.step(Float.self, kernels: .reference)
    #expect(abs(fast.loss - reference.loss) <= 1e-5)
    #expect(Self.error(fast.gradients, reference.gradients) <= 1e-4)
    // The two implementations do differ in the last bits (SIMD polynomials, summation order).
    #expect(fast.gradients != reference.gradients)
  }
}
