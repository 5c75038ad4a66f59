import Autograd
import Foundation
import Testing

@testable import NeuralNet

/// A GPT whose linear layers and head read bfloat16 or int8 weights gives the logits of the same
/// GPT with those weights read back into float32, in its whole-sequence and its cached passes,
/// and trains on its float32 parameters.
@Suite struct GPTWeightPrecisionTests {
  static func model() throws -> GPT<Float> {
    var generator = SplitMix64(seed: 11)
    return try GPT<Float>(
      config: GPTConfig(vocabSize: 37, blockSize: 16, layerCount: 2, headCount: 2, embeddingWidth: 40), using: &generator)
  }

  /// A float32 copy of `model` whose linear weights are the rounded ones read back.
  static func readBack(_ model: GPT<Float>, _ precision: WeightPrecision) throws -> GPT<Float> {
    let copy = try model.copy()
    for (target, source) in zip(copy.blocks.flatMap(\.linears), model.blocks.flatMap(\.linears)) {
      let rounded = ReducedPrecisionMatrix(source.weight.scalars, rows: source.outputCount, columns: source.inputCount, precision: precision)
      try target.weight.assign(rounded.dequantized())
    }
    return copy
  }

  @Test("logits equal those of the weights read back, whole sequence and cached", arguments: [WeightPrecision.bf16, .int8])
  func logitsMatchReadBackWeights(precision: WeightPrecision) throws {
    let model = try Self.model()
    let float = try GradientMode.withoutRecording { try model([1, 5, 9, 2, 30, 7], batch: 1, length: 6).scalars }
    model.setWeightPrecision(precision)
    #expect(model.weightPrecision == precision)
    let reference = try Self.readBack(model, precision)
    // The token lookup reads the float32 embeddings; the head reads them rounded.
    let embedding = model.tokenEmbedding.weight
    let head = ReducedPrecisionMatrix(embedding.scalars, rows: 37, columns: 40, precision: precision).dequantized()
    try GradientMode.withoutRecording {
      let expected = try reference.hiddenStates([1, 5, 9, 2, 30, 7], batch: 1, length: 6)
        .linear(weight: Tensor(shape: [37, 40], scalars: head)).scalars
      let reduced = try model([1, 5, 9, 2, 30, 7], batch: 1, length: 6).scalars
      for (a, b) in zip(reduced, expected) { #expect(abs(a - b) <= 1e-4 * (1 + abs(b))) }
      // Rounding moves the logits, but by little.
      let moved = zip(reduced, float).map { abs($0 - $1) }.max()!
      #expect(moved > 0 && moved < (precision == .bf16 ? 0.02 : 0.05))
      var caches = model.emptyCaches(batch: 1)
      var cached = try model.cachedStep([1, 5, 9], batch: 1, caches: &caches)
      for token in [2, 30, 7] { cached = try model.cachedStep([token], batch: 1, caches: &caches) }
      for (a, b) in zip(cached, reduced[(5 * 37)...]) { #expect(abs(a - b) <= 1e-4 * (1 + abs(b))) }
    }
    model.setWeightPrecision(.f32)
    #expect(try GradientMode.withoutRecording { try model([1, 5, 9, 2, 30, 7], batch: 1, length: 6).scalars } == float)
  }

  @Test("with gradients recorded the float32 parameters are used and get their gradients")
  func trainingStaysFloat32() throws {
    let model = try Self.model()
    let float = try model.loss(tokens: [1, 2, 3, 4], targets: [2, 3, 4, 5], batch: 1, length: 4)
    model.setWeightPrecision(.int8)
    let loss = try model.loss(tokens: [1, 2, 3, 4], targets: [2, 3, 4, 5], batch: 1, length: 4)
    #expect(loss.scalars == float.scalars)
    loss.backward()
    #expect(model.blocks[0].attention.qkv.weight.grad != nil)
    #expect(model.tokenEmbedding.weight.grad != nil)
  }
}
