import Autograd
import Testing

@Suite struct BackwardTests {
  @Test func neuronGradientsMatchHandDerivation() throws {
    // o = tanh(x1·w1 + x2·w2 + b), the micrograd neuron.
    let x1 = Tensor<Double>(2.0, requiresGrad: true), x2 = Tensor<Double>(0.0, requiresGrad: true)
    let w1 = Tensor<Double>(-3.0, requiresGrad: true), w2 = Tensor<Double>(1.0, requiresGrad: true)
    let b = Tensor<Double>(6.881373587019543, requiresGrad: true)
    let o = try (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    #expect(abs(o.item - 0.7071067811865476) < 1e-12)
    let local = 1 - o.item * o.item  // 0.5
    #expect(abs(x1.grad![0] - local * -3.0) < 1e-12)
    #expect(abs(w1.grad![0] - local * 2.0) < 1e-12)
    #expect(abs(x2.grad![0] - local * 1.0) < 1e-12)
    #expect(w2.grad![0] == 0)
    #expect(abs(b.grad![0] - local) < 1e-12)
  }

  @Test func aHundredThousandNodeChainBackpropagatesAndFrees() throws {
    let x = Tensor<Double>(1.0, requiresGrad: true)
    var y = x
    for _ in 0..<100_000 { y = y * 1.0 + 0.0 }
    y.backward()
    #expect(x.grad == [1.0])
    y = Tensor<Double>(0)  // releasing the 200,000-node graph must not recurse
    #expect(y.item == 0)
  }

  @Test func gradientsAccumulateUntilZeroed() throws {
    let w = Tensor<Double>([1, 2, 3], requiresGrad: true)
    try (w * w).sum().backward()
    try (w * w).sum().backward()
    #expect(w.grad == [4, 8, 12])
    w.zeroGrad()
    try (w * w).sum().backward()
    #expect(w.grad == [2, 4, 6])
  }

  @Test func backwardOnARebuiltGraphGivesIdenticalGradients() throws {
    var g = SplitMix64(seed: 3)
    let a = Tensor<Float>.normal([8, 16], requiresGrad: true, using: &g)
    let b = Tensor<Float>.normal([16, 4], requiresGrad: true, using: &g)
    func loss() throws -> Tensor<Float> { try a.matmul(b).tanh().logSoftmax().crossEntropy(targets: [0, 1, 2, 3, 0, 1, 2, 3]) }
    try loss().backward()
    let first = (a.grad!, b.grad!)
    a.zeroGrad(); b.zeroGrad()
    try loss().backward()
    #expect(a.grad! == first.0)
    #expect(b.grad! == first.1)
  }

  @Test func noGradientModeRecordsNoGraph() throws {
    let w = Tensor<Float>([1, 2], requiresGrad: true)
    let y = try GradientMode.withoutRecording { try w * w }
    #expect(!y.requiresGrad)
    #expect(y.inputs.isEmpty)
    let z = try w * w
    #expect(z.requiresGrad)
    #expect(z.inputs.count == 2)
  }

  @Test func intermediateGradientsAreKeptOnRequest() throws {
    let x = Tensor<Double>(3, requiresGrad: true)
    let y = x * 2
    let z = try y * y
    z.backward(retainingIntermediateGradients: true)
    #expect(y.grad == [12])  // dz/dy = 2y = 12
    #expect(x.grad == [24])
  }
}
