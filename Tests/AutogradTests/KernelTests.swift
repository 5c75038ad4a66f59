@testable import Autograd
import Foundation
import Testing

/// Runs `body` with the reference implementation of every kernel entry point.
func withReferenceKernels<R>(_ body: () throws -> R) rethrows -> R {
  try Kernels.$implementation.withValue(.reference, operation: body)
}

/// Each fast kernel against its readable reference.
@Suite struct GemmTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let m, n, k: Int
    let transposeA, transposeB, accumulate: Bool
    var testDescription: String { "\(m)×\(k)·\(k)×\(n) tA=\(transposeA) tB=\(transposeB) acc=\(accumulate)" }
  }

  /// Sizes that cross the tile (6 × 16 in AVX2, 14 × 32 in AVX-512), block (144 and 336 rows),
  /// depth (256), panel (4,096 columns) and threading thresholds, and few-rows products (`wb_gemv`)
  /// split across threads into parts of decreasing size.
  static let cases: [Case] = [
    (1, 1, 1), (5, 7, 3), (6, 16, 8), (7, 17, 9), (13, 33, 17), (64, 64, 64), (97, 35, 300), (350, 70, 50),
    (9, 4_200, 10), (1, 777, 400), (3, 1_000, 300),
  ].flatMap { m, n, k in
    [(false, false, false), (true, false, false), (false, true, true), (true, true, false)].map {
      Case(m: m, n: n, k: k, transposeA: $0.0, transposeB: $0.1, accumulate: $0.2)
    }
  }

  /// Runs the fast and the reference `gemm` on the same strided operands (leading dimensions larger than
  /// the matrices, so that strides are exercised too) and returns both results.
  static func run<S: TensorScalar>(_ c: Case, _: S.Type, parallel: Bool = true) -> (fast: [S], reference: [S]) {
    var g = SplitMix64(seed: UInt64(c.m * 7919 + c.n * 31 + c.k))
    let (aRows, aCols) = c.transposeA ? (c.k, c.m) : (c.m, c.k)
    let (bRows, bCols) = c.transposeB ? (c.n, c.k) : (c.k, c.n)
    let lda = aCols + 3, ldb = bCols + 5, ldc = c.n + 2
    let a = (0..<(aRows * lda)).map { _ in S(g.nextNormal()) }
    let b = (0..<(bRows * ldb)).map { _ in S(g.nextNormal()) }
    let c0 = (0..<(c.m * ldc)).map { _ in S(g.nextNormal()) }
    var fast = c0, reference = c0
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        fast.withUnsafeMutableBufferPointer { out in
          Kernels.gemm(
            m: c.m, n: c.n, k: c.k, a.baseAddress!, lda: lda, transposeA: c.transposeA, b.baseAddress!, ldb: ldb,
            transposeB: c.transposeB, out.baseAddress!, ldc: ldc, accumulate: c.accumulate, parallel: parallel)
        }
        reference.withUnsafeMutableBufferPointer { out in
          withReferenceKernels {
            Kernels.gemm(
              m: c.m, n: c.n, k: c.k, a.baseAddress!, lda: lda, transposeA: c.transposeA, b.baseAddress!, ldb: ldb,
              transposeB: c.transposeB, out.baseAddress!, ldc: ldc, accumulate: c.accumulate)
          }
        }
      }
    }
    return (fast, reference)
  }

  @Test(arguments: cases)
  func doubleGemmMatchesTheTripleLoop(_ c: Case) {
    let (fast, reference) = Self.run(c, Double.self)
    let worst = zip(fast, reference).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-11 * Double(max(c.k, 1)))
  }

  @Test(arguments: cases)
  func floatGemmMatchesTheTripleLoop(_ c: Case) {
    let (fast, reference) = Self.run(c, Float.self)
    let worst = zip(fast, reference).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 2e-6 * Float(max(c.k, 1)))
  }

  @Test(arguments: [(200, 150, 270), (1, 777, 400), (3, 1_000, 300)])
  func resultsDoNotDependOnTheNumberOfThreads(m: Int, n: Int, k: Int) {
    for transposeB in [false, true] {
      let c = Case(m: m, n: n, k: k, transposeA: false, transposeB: transposeB, accumulate: false)
      #expect(Self.run(c, Float.self, parallel: true).fast == Self.run(c, Float.self, parallel: false).fast)
    }
  }

  @Test func anEmptyInnerDimensionGivesZeros() {
    var c = [Float](repeating: 7, count: 6)
    let a = [Float](repeating: 1, count: 1), b = [Float](repeating: 1, count: 1)
    Kernels.gemm(m: 2, n: 3, k: 0, a, lda: 0, b, ldb: 3, &c, ldc: 3, accumulate: false)
    #expect(c == [0, 0, 0, 0, 0, 0])
  }
}

@Suite struct ElementwiseKernelTests {
  static let shapePairs: [([Int], [Int])] = [
    ([3, 4], [3, 4]), ([2, 3, 4], [4]), ([4], [2, 3, 4]), ([3, 4], [3, 1]), ([2, 1, 4], [3, 1]), ([5], [1]), ([1], [2, 19]),
    ([2, 3, 17], [2, 1, 17]), ([2, 1, 9], [1, 3, 1]),
  ]

  static func values(_ shape: [Int], _ g: inout SplitMix64) -> [Double] {
    (0..<shape.product).map { _ in g.nextUnit() + 0.5 }
  }

  @Test(arguments: shapePairs)
  func broadcastMatchesTheClosureLoop(_ a: [Int], _ b: [Int]) throws {
    var g = SplitMix64(seed: 11)
    let x = Self.values(a, &g), y = Self.values(b, &g)
    let shape = try #require(Broadcasting.shape(a, b))
    for op in [BinaryOperator.add, .subtract, .multiply, .divide] {
      #expect(Kernels.broadcast(op, x, a, y, b, to: shape) == withReferenceKernels { Kernels.broadcast(op, x, a, y, b, to: shape) })
    }
  }

  @Test(arguments: shapePairs)
  func reduceMatchesTheIndexLoop(_ a: [Int], _ b: [Int]) throws {
    var g = SplitMix64(seed: 12)
    let shape = try #require(Broadcasting.shape(a, b))
    let gradient = Self.values(shape, &g)
    for target in [a, b] {
      let fast = Kernels.reduce(gradient, from: shape, to: target)
      let reference = withReferenceKernels { Kernels.reduce(gradient, from: shape, to: target) }
      #expect(fast.count == reference.count)
      for (u, v) in zip(fast, reference) { #expect(abs(u - v) < 1e-12) }
    }
  }

  @Test func floatUnaryKernelsMatchLibm() {
    let x = stride(from: -9.0, through: 9.0, by: 0.01).map { Float($0) }
    let functions: [(UnaryFunction, (Double) -> Double)] = [
      (.exp, { Foundation.exp($0) }), (.tanh, { Foundation.tanh($0) }), (.sigmoid, { 1 / (1 + Foundation.exp(-$0)) }),
      (.gelu, { 0.5 * $0 * (1 + Foundation.tanh(0.7978845608028654 * ($0 + 0.044715 * $0 * $0 * $0))) }),
      (.relu, { max(0, $0) }), (.negate, { -$0 }),
    ]
    for (function, exact) in functions {
      let y = Kernels.unary(function, x)
      for (xi, yi) in zip(x, y) {
        let e = exact(Double(xi))
        #expect(abs(Double(yi) - e) <= 1e-6 * max(1, abs(e)), "\(function) at \(xi)")
      }
    }
  }

  @Test func floatGELUDerivativeMatchesTheFormula() {
    let x = stride(from: -9.0, through: 9.0, by: 0.01).map { Float($0) }
    let g = [Float](repeating: 1, count: x.count)
    let fast = Kernels.unaryBackward(.gelu, x: x, y: Kernels.unary(.gelu, x), gradient: g)
    for (xi, di) in zip(x, fast) {
      let reference = UnaryFunction.gelu.derivative(x: Double(xi), y: 0)
      #expect(abs(Double(di) - reference) <= 2e-6, "gelu′ at \(xi)")
    }
  }

  @Test func softmaxMatchesTheReadableLoop() {
    var g = SplitMix64(seed: 5)
    for width in [1, 5, 8, 19, 64] {
      var x = (0..<(3 * width)).map { _ in Float(4 * g.nextNormal()) }
      x[0] = -.infinity
      for logarithmic in [false, true] {
        let fast = Kernels.rowSoftmax(x, width: width, logarithmic: logarithmic)
        let reference = withReferenceKernels { Kernels.rowSoftmax(x, width: width, logarithmic: logarithmic) }
        for (u, v) in zip(fast, reference) {
          #expect(u == v || (u.isNaN && v.isNaN) || abs(u - v) <= 2e-6 * max(1, abs(v)), "width \(width) log \(logarithmic)")
        }
      }
    }
  }
}

@Suite struct FusedOpTests {
  /// Forward values and input gradients of `fused` and `reference` on the same inputs.
  static func compare<S: TensorScalar>(
    _ inputs: [Tensor<S>], tolerance: Double,
    _ fused: ([Tensor<S>]) throws -> Tensor<S>, _ reference: ([Tensor<S>]) throws -> Tensor<S>
  ) throws {
    var g = SplitMix64(seed: 99)
    let probe = try fused(inputs)
    let weights = Tensor<S>.normal(probe.shape, using: &g)
    var results: [([S], [[S]])] = []
    for useFused in [true, false] {
      for input in inputs { input.zeroGrad() }
      let y = try useFused ? fused(inputs) : reference(inputs)
      try (y * weights).sum().backward()
      results.append((y.scalars, inputs.map { $0.grad ?? [] }))
    }
    func close(_ u: [S], _ v: [S]) -> Bool {
      u.count == v.count && zip(u, v).allSatisfy { abs(Double($0) - Double($1)) <= tolerance * max(1, abs(Double($1))) }
    }
    #expect(close(results[0].0, results[1].0))
    for (u, v) in zip(results[0].1, results[1].1) { #expect(close(u, v)) }
  }

  @Test(arguments: [(1, 3, 1), (2, 7, 2), (2, 40, 4), (3, 70, 2)])
  func causalAttentionMatchesTheComposedOps(batch: Int, length: Int, heads: Int) throws {
    var g = SplitMix64(seed: UInt64(batch * 100 + length))
    let width = 8 * heads
    let x = Tensor<Double>.normal([batch, length, 3 * width], requiresGrad: true, using: &g)
    try Self.compare([x], tolerance: 1e-12, { try $0[0].causalSelfAttention(headCount: heads) }, { try $0[0].referenceCausalSelfAttention(headCount: heads) })
    let xf = x.converted(to: Float.self)
    try Self.compare([xf], tolerance: 2e-5, { try $0[0].causalSelfAttention(headCount: heads) }, { try $0[0].referenceCausalSelfAttention(headCount: heads) })
  }

  @Test func linearMatchesMatmulWithTheTransposedWeightPlusBias() throws {
    var g = SplitMix64(seed: 4)
    let x = Tensor<Double>.normal([3, 5, 20], requiresGrad: true, using: &g)
    let w = Tensor<Double>.normal([33, 20], requiresGrad: true, using: &g)
    let b = Tensor<Double>.normal([33], requiresGrad: true, using: &g)
    try Self.compare([x, w, b], tolerance: 1e-12, { try $0[0].linear(weight: $0[1], bias: $0[2]) }, { try $0[0].matmul($0[1].transposed()) + $0[2] })
    try Self.compare([x, w], tolerance: 1e-12, { try $0[0].linear(weight: $0[1]) }, { try $0[0].matmul($0[1].transposed()) })
  }

  @Test func linearRejectsMismatchedShapes() {
    let x = Tensor<Float>.zeros([2, 3])
    #expect(throws: TensorError.self) { try x.linear(weight: .zeros([4, 5])) }
    #expect(throws: TensorError.self) { try x.linear(weight: .zeros([4, 3]), bias: .zeros([3])) }
    #expect(throws: TensorError.self) { try Tensor<Float>.zeros([2, 3, 7]).causalSelfAttention(headCount: 2) }
  }
}
