import Autograd
import Testing

@Suite struct OpsTests {
  @Test func broadcastingFollowsNumPyRules() throws {
    let a = Tensor<Double>(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = Tensor<Double>(shape: [2, 1], scalars: [10, 20])
    let c = try a + b
    #expect(c.shape == [2, 2, 3])
    #expect(c.scalars == [11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26])
  }

  @Test func shapeMismatchNamesTheOpAndShapes() {
    let a = Tensor<Float>.zeros([3, 4]), b = Tensor<Float>.zeros([5, 2])
    #expect(throws: TensorError.shapeMismatch(op: "matmul", shapes: [[3, 4], [5, 2]], reason: "inner dimensions 4 and 5 differ")) {
      try a.matmul(b)
    }
    let error = TensorError.shapeMismatch(op: "matmul", shapes: [[3, 4], [5, 2]], reason: "inner dimensions 4 and 5 differ")
    #expect(error.description == "matmul: cannot combine shapes [3, 4] and [5, 2]: inner dimensions 4 and 5 differ.")
  }

  @Test func outOfRangeIndicesThrow() {
    let table = Tensor<Float>.zeros([4, 2])
    #expect(throws: TensorError.indexOutOfRange(op: "embedding", index: 7, bound: 4)) { try table.embedding([1, 7]) }
    #expect(throws: TensorError.indexOutOfRange(op: "cross_entropy", index: -1, bound: 2)) {
      try Tensor<Float>.zeros([1, 2]).crossEntropy(targets: [-1])
    }
  }

  @Test(arguments: [(1, 1, 1), (3, 5, 7), (4, 16, 9), (13, 33, 17), (64, 64, 64), (130, 70, 50)])
  func matmulMatchesTheNaiveTripleLoop(m: Int, k: Int, n: Int) throws {
    var g = SplitMix64(seed: UInt64(m * 1000 + k * 10 + n))
    let a = Tensor<Double>.normal([m, k], using: &g), b = Tensor<Double>.normal([k, n], using: &g)
    let c = try a.matmul(b)
    for i in 0..<m {
      for j in 0..<n {
        var expected = 0.0
        for p in 0..<k { expected += a.scalars[i * k + p] * b.scalars[p * n + j] }
        #expect(abs(c.scalars[i * n + j] - expected) < 1e-9)
      }
    }
  }

  @Test func crossEntropyOfUniformLogitsIsLogOfClassCount() throws {
    let logits = Tensor<Double>.zeros([3, 8])
    let loss = try logits.crossEntropy(targets: [0, 5, 7])
    #expect(abs(loss.item - Double.logarithm(8)) < 1e-12)
  }

  @Test func softmaxIsStableForHugeLogits() {
    let x = Tensor<Float>(shape: [1, 3], scalars: [1000, 1000, -1000])
    let y = x.softmax()
    #expect(y.scalars.allSatisfy { $0.isFinite })
    #expect(abs(y.scalars[0] - 0.5) < 1e-6)
  }

  @Test func layerNormNormalisesEachRow() throws {
    let x = Tensor<Double>(shape: [2, 4], scalars: [1, 2, 3, 4, -1, 0, 1, 10])
    let y = try x.layerNorm(weight: .ones([4]), bias: .zeros([4]))
    for r in 0..<2 {
      let row = Array(y.scalars[(r * 4)..<(r * 4 + 4)])
      let mean = row.reduce(0, +) / 4
      let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
      #expect(abs(mean) < 1e-12)
      #expect(abs(variance - 1) < 1e-4)  // eps 1e-5 shrinks it slightly
    }
  }

  @Test func dropoutKeepsAboutOneMinusPAndScales() throws {
    var g = SplitMix64(seed: 9)
    let x = Tensor<Float>.ones([10_000])
    let y = try x.dropout(0.25, using: &g)
    let kept = y.scalars.filter { $0 != 0 }
    #expect(abs(Double(kept.count) / 10_000 - 0.75) < 0.02)
    #expect(kept.allSatisfy { abs($0 - 4.0 / 3.0) < 1e-6 })
    #expect(throws: TensorError.self) { try x.dropout(1.0, using: &g) }
  }

  @Test func flopCounterCountsMatmulForwardAndBackward() throws {
    let counter = FLOPCounter()
    let a = Tensor<Float>.ones([4, 8], requiresGrad: true), b = Tensor<Float>.ones([8, 3], requiresGrad: true)
    try counter.counting {
      let c = try a.matmul(b)
      #expect(counter.forward == 2 * 4 * 8 * 3)
      c.backward()
    }
    #expect(counter.backward == 2 * (2 * 4 * 8 * 3))
  }

  @Test func frozenInputsGetNoGradientAndCostNoBackwardFLOPs() throws {
    let counter = FLOPCounter()
    let x = Tensor<Float>.ones([4, 8]), w = Tensor<Float>.ones([8, 3], requiresGrad: true)
    try counter.counting { try x.matmul(w).sum().backward() }
    #expect(x.grad == nil)
    #expect(w.grad?.count == 24)
    #expect(counter.backward == 2 * 4 * 8 * 3)
  }
}

@Suite struct SplitMix64Tests {
  @Test func matchesTheReferenceSequence() {
    // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(g.next() == 0x06C4_5D18_8009_454F)
  }

  @Test func normalSamplesHaveUnitVariance() {
    var g = SplitMix64(seed: 1)
    let samples = (0..<20_000).map { _ in g.nextNormal() }
    let mean = samples.reduce(0, +) / 20_000
    let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20_000
    #expect(abs(mean) < 0.03)
    #expect(abs(variance - 1) < 0.03)
  }
}
