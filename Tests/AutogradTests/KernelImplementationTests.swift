@testable import Autograd
import Foundation
import Testing

/// Every kernel entry point's fast implementation against its reference implementation, in Float
/// and in Double, over sizes that cross the SIMD width (8), the blocking and the threading
/// thresholds. (Matrix products have their own cases in `GemmTests`.)
@Suite struct KernelImplementationTests {
  /// Lengths around the 8-lane SIMD width, plus one large enough to be split across threads.
  static let lengths = [1, 7, 8, 63, 65, 257, 40_000]

  /// `n` seeded standard-normal values.
  static func values<S: TensorScalar>(_ n: Int, seed: UInt64, _: S.Type = S.self) -> [S] {
    var g = SplitMix64(seed: seed &+ UInt64(n))
    return (0..<n).map { _ in S(g.nextNormal()) }
  }

  /// `body` run on the fast and on the reference kernels.
  static func both<R>(_ body: () throws -> R) rethrows -> (fast: R, reference: R) {
    (try Kernels.$implementation.withValue(.fast, operation: body), try withReferenceKernels(body))
  }

  /// The largest of |u − v| / max(1, |v|), NaN when the counts differ or one value is NaN and the other not.
  static func error<S: TensorScalar>(_ u: [S], _ v: [S]) -> Double {
    guard u.count == v.count else { return .nan }
    var worst = 0.0
    for (a, b) in zip(u, v) {
      if a.isNaN || b.isNaN { if a.isNaN != b.isNaN { return .nan } else { continue } }
      if a == b { continue }
      worst = max(worst, abs(Double(a) - Double(b)) / max(1, abs(Double(b))))
    }
    return worst
  }

  /// Machine epsilon of `S` as a Double.
  static func epsilon<S: TensorScalar>(_: S.Type) -> Double { Double(S.ulpOfOne) }

  // MARK: Elementwise

  @Test(arguments: lengths)
  func binaryRowsAndConstantsAreExact(n: Int) {
    func check<S: TensorScalar>(_: S.Type) {
      let x = Self.values(n, seed: 1, S.self), y = Self.values(n, seed: 2, S.self).map { $0 + 3 }
      for op in [BinaryOperator.add, .subtract, .multiply, .divide] {
        let (fast, reference) = Self.both { Kernels.broadcast(op, x, [n], y, [n], to: [n]) }
        #expect(fast == reference, "\(S.self) \(op) n=\(n)")
        let constant = Self.both { Kernels.withConstant(op, x, S(0.37)) }
        #expect(constant.fast == constant.reference, "\(S.self) \(op) constant n=\(n)")
        let strided = Self.both { () -> [S] in
          var out = [S](repeating: 0, count: (n + 1) / 2)
          x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
              out.withUnsafeMutableBufferPointer { Kernels.binaryRow(op, xs.baseAddress!, 2, ys.baseAddress!, 0, $0.baseAddress!, $0.count) }
            }
          }
          return out
        }
        #expect(strided.fast == strided.reference, "\(S.self) \(op) strided n=\(n)")
      }
      let accumulated = Self.both { () -> [S] in
        var z = x
        Kernels.addInPlace(&z, y)
        return z
      }
      #expect(accumulated.fast == accumulated.reference)
    }
    check(Float.self)
    check(Double.self)
  }

  static let shapePairs: [([Int], [Int])] = [
    ([3, 4], [4]), ([4], [2, 3, 4]), ([3, 4], [3, 1]), ([2, 1, 4], [3, 1]), ([5], [1]), ([1], [2, 19]),
    ([2, 3, 17], [2, 1, 17]), ([2, 1, 9], [1, 3, 1]), ([64, 600], [600]), ([64, 600], [64, 1]),
  ]

  @Test(arguments: shapePairs)
  func broadcastIsExactAndReduceAgrees(a: [Int], b: [Int]) throws {
    let shape = try #require(Broadcasting.shape(a, b))
    func check<S: TensorScalar>(_: S.Type) {
      let x = Self.values(a.product, seed: 3, S.self), y = Self.values(b.product, seed: 4, S.self)
      for op in [BinaryOperator.add, .subtract, .multiply, .divide] {
        let (fast, reference) = Self.both { Kernels.broadcast(op, x, a, y, b, to: shape) }
        #expect(fast == reference, "\(S.self) \(op) \(a) \(b)")
      }
      let g = Self.values(shape.product, seed: 5, S.self)
      for target in [a, b] {
        let (fast, reference) = Self.both { Kernels.reduce(g, from: shape, to: target) }
        // Each output sums at most shape.product / target.product values, in different orders.
        let terms = Double(shape.product / max(1, target.product))
        #expect(Self.error(fast, reference) <= 4 * terms * Self.epsilon(S.self) * terms.squareRoot(), "\(S.self) reduce to \(target)")
      }
    }
    check(Float.self)
    check(Double.self)
  }

  @Test(arguments: lengths)
  func permutedRowsAndTransposesAreExact(n: Int) {
    func check<S: TensorScalar>(_: S.Type) {
      let x = Self.values(3 * n, seed: 6, S.self)
      let copy = Self.both { () -> [S] in
        var out = [S](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xs in out.withUnsafeMutableBufferPointer { Kernels.stridedCopy(xs.baseAddress!, step: 3, into: $0.baseAddress!, count: n) } }
        return out
      }
      #expect(copy.fast == copy.reference)
      let transposed = Self.both { () -> [S] in
        var out = [S](repeating: 0, count: 3 * n)
        x.withUnsafeBufferPointer { xs in
          out.withUnsafeMutableBufferPointer { Kernels.transpose(xs.baseAddress!, batches: 3, rows: n > 7 ? 7 : 1, cols: n > 7 ? n / 7 : n, into: $0.baseAddress!) }
        }
        return out
      }
      #expect(transposed.fast == transposed.reference)
    }
    check(Float.self)
    check(Double.self)
  }

  /// Transposes whose sides cross every family's register block (4, 8 and 16 values) with ragged
  /// edges, and one large enough to be split across threads, are exact in every family.
  @Test(arguments: [(1, 1), (3, 17), (16, 16), (17, 33), (40, 9), (1_030, 1_031)])
  func transposesAreExactInEveryFamily(rows: Int, cols: Int) {
    func check<S: TensorScalar>(_: S.Type) {
      let x = Self.values(2 * rows * cols, seed: 9, S.self)
      func run() -> [S] {
        var out = [S](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xs in
          out.withUnsafeMutableBufferPointer { Kernels.transpose(xs.baseAddress!, batches: 2, rows: rows, cols: cols, into: $0.baseAddress!) }
        }
        return out
      }
      let reference = withReferenceKernels(run)
      for family in KernelFamily.supported {
        let fast = KernelFamily.$override.withValue(family) { Kernels.$implementation.withValue(.fast, operation: run) }
        #expect(fast == reference, "\(S.self) \(rows)×\(cols) \(family)")
      }
    }
    check(Float.self)
    check(Double.self)
  }

  /// Inputs inside each function's domain (positive for log and sqrt).
  static func inputs<S: TensorScalar>(_ f: UnaryFunction, _ n: Int, _: S.Type) -> [S] {
    let x = values(n, seed: 7, S.self).map { $0 * 3 }
    return f == .log || f == .sqrt ? x.map { abs($0) + S(0.01) } : x
  }

  static let functions: [UnaryFunction] = [.negate, .exp, .log, .sqrt, .tanh, .sigmoid, .relu, .gelu]

  @Test(arguments: functions, lengths)
  func unaryFunctionsAndTheirDerivativesAgree(f: UnaryFunction, n: Int) {
    func check<S: TensorScalar>(_: S.Type, tolerance: Double) {
      let x = Self.inputs(f, n, S.self), g = Self.values(n, seed: 8, S.self)
      let (fast, reference) = Self.both { Kernels.unary(f, x) }
      #expect(Self.error(fast, reference) <= tolerance, "\(S.self) \(f)")
      let y = reference
      let backward = Self.both { Kernels.unaryBackward(f, x: x, y: y, gradient: g) }
      // The error of f′ is multiplied by |g| (up to about 4 here).
      #expect(Self.error(backward.fast, backward.reference) <= 4 * tolerance, "\(S.self) \(f)′")
    }
    // Float exp, tanh, sigmoid and GELU are SIMD polynomials (a few ulp; the fast GELU′ uses
    // x·σ(2u) instead of the tanh form); Double calls libm in both.
    check(Float.self, tolerance: 2e-6)
    check(Double.self, tolerance: 1e-14)
  }

  // MARK: Reductions

  @Test(arguments: lengths)
  func sumsAndDotsAgree(n: Int) {
    func check<S: TensorScalar>(_: S.Type) {
      let x = Self.values(n, seed: 9, S.self), y = Self.values(n, seed: 10, S.self)
      let bound = 2 * Double(n) * Self.epsilon(S.self)
      let scaleSum = x.map { abs(Double($0)) }.reduce(0, +), scaleDot = zip(x, y).map { abs(Double($0) * Double($1)) }.reduce(0, +)
      let sum = Self.both { Kernels.sum(x) }
      #expect(abs(Double(sum.fast) - Double(sum.reference)) <= bound * scaleSum, "\(S.self) sum")
      let dot = Self.both { x.withUnsafeBufferPointer { xs in y.withUnsafeBufferPointer { Kernels.dot(xs.baseAddress!, $0.baseAddress!, n) } } }
      #expect(abs(Double(dot.fast) - Double(dot.reference)) <= bound * scaleDot, "\(S.self) dot")
      let rows = n > 7 ? 7 : 1, width = n / rows
      let rowDots = Self.both { Kernels.rowDots(Array(x[0..<(rows * width)]), Array(y[0..<(rows * width)]), rows: rows, width: width) }
      #expect(Self.error(rowDots.fast, rowDots.reference) <= bound * scaleDot, "\(S.self) row dots")
      let columns = Self.both { () -> [S] in
        var out = Self.values(width, seed: 11, S.self)
        x.withUnsafeBufferPointer { xs in out.withUnsafeMutableBufferPointer { Kernels.addColumnSums(xs.baseAddress!, rows: rows, width: width, into: $0.baseAddress!) } }
        return out
      }
      // Both add the rows in order, one column at a time.
      #expect(columns.fast == columns.reference, "\(S.self) column sums")
    }
    check(Float.self)
    check(Double.self)
  }

  // MARK: Rows

  @Test(arguments: [1, 5, 8, 19, 64, 513])
  func softmaxRowsAgree(width: Int) {
    func check<S: TensorScalar>(_: S.Type, tolerance: Double) {
      var x = Self.values(9 * width, seed: 12, S.self).map { $0 * 4 }
      x[0] = -.infinity
      for logarithmic in [false, true] {
        let (fast, reference) = Self.both { Kernels.rowSoftmax(x, width: width, logarithmic: logarithmic) }
        #expect(Self.error(fast, reference) <= tolerance, "\(S.self) width \(width) log \(logarithmic)")
        let rows = Self.both { () -> [S] in
          var out = x
          x.withUnsafeBufferPointer { xs in out.withUnsafeMutableBufferPointer { Kernels.expRow(xs.baseAddress!, $0.baseAddress!, xs.count) } }
          return out
        }
        #expect(Self.error(rows.fast, rows.reference) <= tolerance, "\(S.self) exp row")
      }
    }
    check(Float.self, tolerance: 2e-6)
    check(Double.self, tolerance: 1e-14)
  }

  @Test(arguments: [(1, 1), (3, 7), (5, 64), (70, 65), (200, 257)])
  func layerNormForwardAndBackwardAgree(rows: Int, width: Int) {
    func check<S: TensorScalar>(_: S.Type, tolerance: Double) {
      let x = Self.values(rows * width, seed: 13, S.self), w = Self.values(width, seed: 14, S.self), b = Self.values(width, seed: 15, S.self)
      let g = Self.values(rows * width, seed: 16, S.self)
      let (fast, reference) = Self.both { () -> [[S]] in
        var y = [S](repeating: 0, count: rows * width), xhat = y, dx = y
        var rstd = [S](repeating: 0, count: rows), dw = [S](repeating: 0, count: width), db = dw
        Kernels.layerNormForward(x, w, b, eps: S(1e-5), rows: rows, width: width, normalised: &xhat, reciprocalStd: &rstd, out: &y)
        Kernels.layerNormBackward(g, normalised: xhat, reciprocalStd: rstd, weight: w, rows: rows, width: width, dx: &dx, dweight: &dw, dbias: &db)
        return [y, xhat, rstd, dx, dw, db]
      }
      for (name, (u, v)) in zip(["y", "x̂", "1/σ", "dx", "dweight", "dbias"], zip(fast, reference)) {
        #expect(Self.error(u, v) <= tolerance * Double(rows), "\(S.self) \(name)")
      }
    }
    check(Float.self, tolerance: 2e-5)
    check(Double.self, tolerance: 1e-12)
  }

  @Test(arguments: [(1, 1, 1, 8), (2, 7, 2, 8), (1, 40, 2, 16), (2, 70, 3, 8)])
  func attentionForwardAndBackwardAgree(batch: Int, length: Int, heads: Int, headWidth: Int) {
    let shape = Kernels.AttentionShape(batch: batch, length: length, heads: heads, headWidth: headWidth)
    func check<S: TensorScalar>(_: S.Type, tolerance: Double) {
      let qkv = Self.values(batch * length * 3 * shape.width, seed: 17, S.self)
      let g = Self.values(batch * length * shape.width, seed: 18, S.self)
      let scale = 1 / S(headWidth).squareRoot()
      let (fast, reference) = Self.both { () -> [[S]] in
        var y = [S](repeating: 0, count: batch * length * shape.width), p = [S](repeating: 0, count: shape.pairs * length * length)
        var dqkv = [S](repeating: 0, count: qkv.count)
        Kernels.attentionForward(qkv, shape, scale: scale, weights: &p, out: &y)
        Kernels.attentionBackward(qkv, shape, scale: scale, weights: p, gradient: g, into: &dqkv)
        return [y, p, dqkv]
      }
      for (name, (u, v)) in zip(["y", "P", "dqkv"], zip(fast, reference)) {
        #expect(Self.error(u, v) <= tolerance, "\(S.self) \(name)")
      }
    }
    check(Float.self, tolerance: 5e-5)
    check(Double.self, tolerance: 1e-12)
  }

  // MARK: Matrix products

  @Test(arguments: [(1, 1, 1, 1), (3, 5, 7, 9), (2, 13, 33, 17), (4, 64, 40, 70)])
  func batchedProductsAgree(products: Int, m: Int, n: Int, k: Int) {
    func check<S: TensorScalar>(_: S.Type) {
      let a = Self.values(products * m * k, seed: 19, S.self), b = Self.values(k * n, seed: 20, S.self)
      for shared in [true, false] {
        let bs = shared ? b : (0..<products).flatMap { _ in b }
        let (fast, reference) = Self.both { () -> [S] in
          var c = [S](repeating: 0, count: products * m * n)
          Kernels.batchedGemm(
            products: products, m: m, n: n, k: k, a, strideA: m * k, lda: k, transposeA: false,
            bs, strideB: shared ? 0 : k * n, ldb: n, transposeB: false, &c, strideC: m * n, ldc: n, accumulate: false)
          return c
        }
        #expect(Self.error(fast, reference) <= 4 * Double(k) * Self.epsilon(S.self) * Double(k).squareRoot(), "\(S.self) shared \(shared)")
      }
    }
    check(Float.self)
    check(Double.self)
  }

  // MARK: The task-local

  @Test func theImplementationIsChosenPerTaskAndDefaultsToFast() async {
    #expect(Kernels.implementation == .fast)
    withReferenceKernels { #expect(Kernels.implementation == .reference) }
    // A child task inherits its parent's choice; a concurrent task keeps its own.
    await Kernels.$implementation.withValue(.reference) {
      async let child = Task { Kernels.implementation }.value
      async let other = Task.detached { Kernels.implementation }.value
      #expect(await child == .reference)
      #expect(await other == .fast)
    }
  }

  @Test func theReferenceKernelsReallyRun() {
    // The Float SIMD exponential differs from libm's in the last bits somewhere on this grid;
    // if both paths ran the same code, the two results would be identical.
    let x = stride(from: -20.0, through: 20.0, by: 0.001).map { Float($0) }
    let (fast, reference) = Self.both { Kernels.unary(.exp, x) }
    #expect(fast != reference)
    #expect(reference == x.map { Float.exponential($0) })
  }
}
