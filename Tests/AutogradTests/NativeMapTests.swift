@testable import Autograd
import Foundation
import Testing

/// The C maps, reductions, row kernels and AdamW update (map_bodies.h, rows_bodies.h,
/// softmax_bodies.h, optimizer_bodies.h) against the reference kernels, in every kernel family
/// this CPU runs, in Float and in Double, on lengths that are not multiples of any vector width
/// (1, 7, 15, 17, 33, 1000) or are exactly one (16), with NaN, ±∞ and large magnitudes mixed in.
@Suite struct NativeMapTests {
  static let lengths = [1, 7, 15, 16, 17, 33, 1000]

  /// `n` seeded normal values times `scale`.
  static func values<S: TensorScalar>(_ n: Int, seed: UInt64, scale: Double = 1, _: S.Type = S.self) -> [S] {
    var g = SplitMix64(seed: seed &* 7919 &+ UInt64(n))
    return (0..<n).map { _ in S(g.nextNormal() * scale) }
  }

  /// `body` with the fast kernels of `family` and with the reference kernels.
  static func both<R>(_ family: KernelFamily, _ body: () throws -> R) rethrows -> (fast: R, reference: R) {
    let fast = try KernelFamily.$override.withValue(family) { try Kernels.$implementation.withValue(.fast, operation: body) }
    return (fast, try withReferenceKernels(body))
  }

  /// Whether `u` and `v` have the same bits, NaN matching any NaN.
  static func same<S: TensorScalar>(_ u: [S], _ v: [S]) -> Bool {
    u.count == v.count && zip(u, v).allSatisfy { a, b in (a.isNaN && b.isNaN) || (a == b && a.sign == b.sign) }
  }

  /// The largest |u − v| / max(1, |v|); infinity when the counts differ, when one is NaN and the
  /// other is not, or when infinities differ.
  static func error<S: TensorScalar>(_ u: [S], _ v: [S]) -> Double {
    guard u.count == v.count else { return .infinity }
    var worst = 0.0
    for (a, b) in zip(u, v) {
      if a.isNaN || b.isNaN { if a.isNaN != b.isNaN { return .infinity } else { continue } }
      if a == b { continue }
      if a.isInfinite || b.isInfinite { return .infinity }
      worst = max(worst, abs(Double(a) - Double(b)) / max(1, abs(Double(b))))
    }
    return worst
  }

  static func epsilon<S: TensorScalar>(_: S.Type) -> Double { Double(S.ulpOfOne) }

  /// Values with special ones at the front (when there is room): NaN, ±∞, ±0, ±1e30.
  static func special<S: TensorScalar>(_ n: Int, seed: UInt64, _: S.Type) -> [S] {
    var x = values(n, seed: seed, scale: 3, S.self)
    let specials: [S] = [.nan, .infinity, -.infinity, 0, -0.0, S(1e30), S(-1e30)]
    for (i, s) in specials.enumerated() where i * 2 < n { x[i * 2] = s }
    return x
  }

  // MARK: Maps

  @Test(arguments: lengths)
  func binaryMapsAreExactInEveryFamily(n: Int) {
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily) {
      let x = Self.special(n, seed: 1, S.self), y = Self.values(n, seed: 2, S.self).reversed().map { $0 }
      for op in [BinaryOperator.add, .subtract, .multiply, .divide] {
        let full = Self.both(family) { Kernels.broadcast(op, x, [n], y, [n], to: [n]) }
        #expect(Self.same(full.fast, full.reference), "\(family) \(S.self) \(op) n=\(n)")
        let right = Self.both(family) { Kernels.withConstant(op, x, S(-0.37)) }
        #expect(Self.same(right.fast, right.reference), "\(family) \(S.self) \(op) constant n=\(n)")
        let left = Self.both(family) { Kernels.broadcast(op, [S(2.5)], [1], y, [n], to: [n]) }
        #expect(Self.same(left.fast, left.reference), "\(family) \(S.self) constant \(op) n=\(n)")
        let strided = Self.both(family) { () -> [S] in
          var out = [S](repeating: 0, count: (n + 2) / 3)
          x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
              out.withUnsafeMutableBufferPointer { Kernels.binaryRow(op, xs.baseAddress!, 3, ys.baseAddress!, 1, $0.baseAddress!, $0.count) }
            }
          }
          return out
        }
        #expect(Self.same(strided.fast, strided.reference), "\(family) \(S.self) \(op) strided n=\(n)")
      }
    }
    for family in KernelFamily.supported {
      check(Float.self, family)
      check(Double.self, family)
    }
  }

  @Test(arguments: lengths)
  func exactUnaryFunctionsAndAllDerivativesAgreeInEveryFamily(n: Int) {
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily) {
      let x = Self.special(n, seed: 3, S.self), g = Self.values(n, seed: 4, S.self)
      // Negate, ReLU and √ are one IEEE operation per element: the same bits (NaN included).
      for f in [UnaryFunction.negate, .relu, .sqrt] {
        let (fast, reference) = Self.both(family) { Kernels.unary(f, x) }
        #expect(Self.same(fast, reference), "\(family) \(S.self) \(f) n=\(n)")
      }
      // The derivatives: g·f′ in at most three operations, which the reference rounds as
      // g·(f′) and a fused multiply-add (or g/x instead of g·(1/x)) may round once less: 2 ulp.
      let positive = Self.values(n, seed: 5, S.self).map { abs($0) + S(0.01) }
      for f in [UnaryFunction.negate, .relu, .sqrt, .log, .exp, .tanh, .sigmoid] {
        let input = f == .log || f == .sqrt ? positive : Self.values(n, seed: 6, scale: 2, S.self)
        var y = withReferenceKernels { Kernels.unary(f, input) }
        if n > 2 { y[1] = .nan }  // NaN in y propagates (or is ignored, for x-only derivatives) alike
        let (fast, reference) = Self.both(family) { Kernels.unaryBackward(f, x: input, y: y, gradient: g) }
        #expect(Self.error(fast, reference) <= 2 * Self.epsilon(S.self) * 4, "\(family) \(S.self) \(f)′ n=\(n)")
      }
    }
    for family in KernelFamily.supported {
      check(Float.self, family)
      check(Double.self, family)
    }
  }

  @Test(arguments: lengths)
  func floatTanhAndSigmoidAreWithinAFewUlpInEveryFamily(n: Int) {
    let x = Self.special(n, seed: 26, Float.self).map { $0.magnitude > 1e29 ? $0 : $0 * 3 }
    for family in KernelFamily.supported {
      for f in [UnaryFunction.tanh, .sigmoid] {
        let (fast, reference) = Self.both(family) { Kernels.unary(f, x) }
        // Cephes polynomials and the vector exponential: within 2e-6 of libm (values ≤ 1),
        // ±∞ and ±1e30 saturate to ±1 (tanh) or 0 and 1 (sigmoid), NaN stays NaN.
        #expect(Self.error(fast, reference) <= 2e-6, "\(family) \(f) n=\(n)")
      }
    }
  }

  // MARK: Reductions

  @Test(arguments: lengths)
  func sumsDotsAndColumnSumsAgreeInEveryFamily(n: Int) {
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily) {
      let x = Self.values(n, seed: 7, scale: 1e3, S.self), y = Self.values(n, seed: 8, S.self)
      // A sum of n terms in another order differs by at most (n − 1)·ε·Σ|terms| (first order).
      let bound = Double(max(n - 1, 1)) * Self.epsilon(S.self)
      let scaleSum = x.map { abs(Double($0)) }.reduce(0, +)
      let scaleDot = zip(x, y).map { abs(Double($0) * Double($1)) }.reduce(0, +)
      let sum = Self.both(family) { Kernels.sum(x) }
      #expect(abs(Double(sum.fast) - Double(sum.reference)) <= bound * scaleSum, "\(family) \(S.self) sum n=\(n)")
      let dot = Self.both(family) { x.withUnsafeBufferPointer { xs in y.withUnsafeBufferPointer { Kernels.dot(xs.baseAddress!, $0.baseAddress!, n) } } }
      #expect(abs(Double(dot.fast) - Double(dot.reference)) <= bound * scaleDot, "\(family) \(S.self) dot n=\(n)")
      // Rows of width n (3 rows): each row's dot product within the same bound.
      let xs = Self.values(3 * n, seed: 9, S.self), ys = Self.values(3 * n, seed: 10, S.self)
      let rows = Self.both(family) { Kernels.rowDots(xs, ys, rows: 3, width: n) }
      for r in 0..<3 {
        let scale = (0..<n).map { abs(Double(xs[r * n + $0]) * Double(ys[r * n + $0])) }.reduce(0, +)
        #expect(abs(Double(rows.fast[r]) - Double(rows.reference[r])) <= bound * scale, "\(family) \(S.self) row dot \(r) n=\(n)")
      }
      // Column sums add the rows in order, column by column, as the reference: the same bits.
      var matrix = Self.values(5 * n, seed: 11, S.self)
      matrix[0] = .nan
      if n > 1 { matrix[n + 1] = .infinity }
      let columns = Self.both(family) { () -> [S] in
        var out = Self.values(n, seed: 12, S.self)
        matrix.withUnsafeBufferPointer { m in out.withUnsafeMutableBufferPointer { Kernels.addColumnSums(m.baseAddress!, rows: 5, width: n, into: $0.baseAddress!) } }
        return out
      }
      #expect(Self.same(columns.fast, columns.reference), "\(family) \(S.self) column sums n=\(n)")
    }
    for family in KernelFamily.supported {
      check(Float.self, family)
      check(Double.self, family)
    }
  }

  // MARK: Rows

  @Test(arguments: lengths)
  func softmaxRowsAgreeInEveryFamilyWithMaskedAndNaNRows(width: Int) {
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily, tolerance: Double) {
      let rows = 6
      var x = Self.values(rows * width, seed: 13, scale: 4, S.self)
      // Row 1: masked after its first entry (causal attention); row 2 entirely −∞; row 3 has a
      // NaN; row 4 large magnitudes (the maximum is subtracted first).
      for j in 1..<width { x[width + j] = -.infinity }
      for j in 0..<width { x[2 * width + j] = -.infinity }
      x[3 * width + width / 2] = .nan
      for j in 0..<width { x[4 * width + j] *= S(1e4) }
      for logarithmic in [false, true] {
        let (fast, reference) = Self.both(family) { Kernels.rowSoftmax(x, width: width, logarithmic: logarithmic) }
        #expect(Self.error(fast, reference) <= tolerance, "\(family) \(S.self) width \(width) log \(logarithmic)")
        let maskedAndNaNRows = fast[(2 * width)..<(4 * width)].allSatisfy { $0.isNaN }
        #expect(maskedAndNaNRows, "\(family) \(S.self) masked and NaN rows are NaN")
        if !logarithmic {
          #expect(fast[width] == 1 && fast[(width + 1)..<(2 * width)].allSatisfy { $0 == 0 }, "\(family) \(S.self) causal row")
        }
      }
    }
    for family in KernelFamily.supported {
      // Float: the vector exponential is within a few ulp (2e-6 relative, as in the existing
      // fast-vs-reference tests), the sum of e^(x − max) is then rounded in another order (≤ width·ε
      // relative on values ≤ 1: 1.2e-4 at width 1000, but each term's share ≤ 1 keeps it ~√width·ε).
      check(Float.self, family, tolerance: 2e-6 + 4 * Double(width).squareRoot() * Self.epsilon(Float.self))
      // Double keeps its Swift loop (libm exponential in both).
      check(Double.self, family, tolerance: 1e-14 + 4 * Double(width).squareRoot() * Self.epsilon(Double.self))
    }
  }

  @Test(arguments: [(1, 1), (3, 7), (4, 15), (2, 16), (5, 17), (3, 33), (70, 1000)])
  func layerNormAgreesInEveryFamily(rows: Int, width: Int) {
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily, tolerance: Double) {
      var x = Self.values(rows * width, seed: 14, S.self)
      // Row 0 offset by 10 (the two-pass variance keeps x̂ accurate), the last row 1e4 times larger.
      for j in 0..<width { x[j] += 10 }
      for j in 0..<width { x[(rows - 1) * width + j] *= S(1e4) }
      let w = Self.values(width, seed: 15, S.self), b = Self.values(width, seed: 16, S.self)
      let g = Self.values(rows * width, seed: 17, S.self)
      let (fast, reference) = Self.both(family) { () -> [[S]] in
        var y = [S](repeating: 0, count: rows * width), xhat = y, dx = y
        var rstd = [S](repeating: 0, count: rows), dw = Self.values(width, seed: 18, S.self), db = dw
        Kernels.layerNormForward(x, w, b, eps: S(1e-5), rows: rows, width: width, normalised: &xhat, reciprocalStd: &rstd, out: &y)
        Kernels.layerNormBackward(g, normalised: xhat, reciprocalStd: rstd, weight: w, rows: rows, width: width, dx: &dx, dweight: &dw, dbias: &db)
        var dwOnly = [S](repeating: 0, count: width), dbOnly = dwOnly
        Kernels.layerNormBackward(g, normalised: xhat, reciprocalStd: rstd, weight: w, rows: rows, width: width, dx: nil, dweight: &dwOnly, dbias: &dbOnly)
        return [y, xhat, rstd.map { $0 / rstd.max()! }, dx, dw, db, dwOnly, dbOnly]
      }
      for (name, (u, v)) in zip(["y", "x̂", "1/σ", "dx", "dweight", "dbias", "dweight (no dx)", "dbias (no dx)"], zip(fast, reference)) {
        // Every output is a short chain of operations on a mean or a sum of `width` (or `rows`)
        // terms taken in another order (~√terms·ε each); x − mean loses the mean's rounding
        // relative to σ, so the row offset by 10 (σ ≈ 1) multiplies that by 1 + 10.
        let terms = Double(max(width, rows)).squareRoot()
        #expect(Self.error(u, v) <= tolerance * 11 * terms, "\(family) \(S.self) \(name) \(rows)×\(width): \(Self.error(u, v))")
      }
    }
    for family in KernelFamily.supported {
      check(Float.self, family, tolerance: 8 * Self.epsilon(Float.self))
      check(Double.self, family, tolerance: 8 * Self.epsilon(Double.self))
    }
  }

  @Test(arguments: [(1, 1, 1, 8), (1, 7, 2, 8), (2, 17, 2, 16), (1, 33, 3, 8), (1, 70, 2, 16)])
  func attentionAgreesInEveryFamily(batch: Int, length: Int, heads: Int, headWidth: Int) {
    let shape = Kernels.AttentionShape(batch: batch, length: length, heads: heads, headWidth: headWidth)
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily, tolerance: Double) {
      let qkv = Self.values(batch * length * 3 * shape.width, seed: 19, S.self)
      let g = Self.values(batch * length * shape.width, seed: 20, S.self)
      let scale = 1 / S(headWidth).squareRoot()
      let (fast, reference) = Self.both(family) { () -> [[S]] in
        var y = [S](repeating: 0, count: batch * length * shape.width), p = [S](repeating: 0, count: shape.pairs * length * length)
        var dqkv = [S](repeating: 0, count: qkv.count)
        Kernels.attentionForward(qkv, shape, scale: scale, weights: &p, out: &y)
        Kernels.attentionBackward(qkv, shape, scale: scale, weights: p, gradient: g, into: &dqkv)
        return [y, p, dqkv]
      }
      for (name, (u, v)) in zip(["y", "P", "dqkv"], zip(fast, reference)) {
        // Products of `length` or `headWidth` terms, through a softmax: ~√terms·ε, a few times over.
        let terms = Double(max(length, headWidth))
        #expect(Self.error(u, v) <= tolerance * terms, "\(family) \(S.self) \(name): \(Self.error(u, v))")
      }
      #expect(fast[1].allSatisfy { !$0.isNaN })
    }
    for family in KernelFamily.supported {
      check(Float.self, family, tolerance: 16 * Self.epsilon(Float.self))
      check(Double.self, family, tolerance: 16 * Self.epsilon(Double.self))
    }
  }

  // MARK: AdamW

  /// One AdamW step on copies of the same state, with the constants of step 3 of a 3e-4 run.
  static func adamWStep<S: TensorScalar>(
    _ theta: [S], _ m: [S], _ v: [S], _ g: [S]
  ) -> (theta: [S], m: [S], v: [S]) {
    var (theta, m, v) = (theta, m, v)
    Kernels.adamWUpdate(
      theta: &theta, firstMoment: &m, secondMoment: &v, gradient: g, count: g.count, decay: S(0.999), beta1: 0.9, beta2: 0.999,
      stepSize: S(3e-4), root2: S(0.3), epsilon: S(1e-8))
    return (theta, m, v)
  }

  @Test(arguments: lengths)
  func adamWUpdateMatchesItsReferenceInEveryFamily(n: Int) {
    func check<S: TensorScalar>(_: S.Type, _ family: KernelFamily, tolerance: Double) {
      let theta = Self.values(n, seed: 21, S.self), g = Self.values(n, seed: 22, scale: 1e-2, S.self)
      let m = Self.values(n, seed: 23, scale: 1e-2, S.self), v = Self.values(n, seed: 24, scale: 1e-2, S.self).map { $0 * $0 }
      let (fast, reference) = Self.both(family) { Self.adamWStep(theta, m, v, g) }
      // A few operations each: a fused multiply-add rounds once less (≤ 2 ulp apart); without
      // fused multiply-adds (the baseline family on x86-64) the same operations give the same bits.
      for (name, u, w) in [("θ", fast.theta, reference.theta), ("m", fast.m, reference.m), ("v", fast.v, reference.v)] {
        #expect(Self.error(u, w) <= tolerance, "\(family) \(S.self) \(name): \(Self.error(u, w))")
        #if arch(x86_64)
          if family == .baseline { #expect(Self.same(u, w), "\(S.self) \(name)") }
        #endif
      }
      // The reference is the formula, operation for operation.
      #expect(reference.m[0] == S(0.9) * m[0] + (1 - S(0.9)) * g[0])
      // NaN in a gradient reaches its own parameter only.
      if n > 1 {
        var bad = g
        bad[0] = .nan
        let poisoned = KernelFamily.$override.withValue(family) { Self.adamWStep(theta, m, v, bad) }
        #expect(poisoned.theta[0].isNaN && !poisoned.theta[1...].contains { $0.isNaN })
        #expect(Array(poisoned.theta[1...]) == Array(fast.theta[1...]))
      }
    }
    for family in KernelFamily.supported {
      check(Float.self, family, tolerance: 4 * Self.epsilon(Float.self))
      check(Double.self, family, tolerance: 4 * Self.epsilon(Double.self))
    }
  }

  @Test func theWideFamiliesReallyRunTheirOwnKernels() {
    // A sum of 1000 values in 2 × 4, 2 × 8 or 2 × 16 partial sums, with ±1e6 alternating over
    // every third element (lane i mod 8, 16 or 32 sees different ones), rounds differently.
    let x = Self.values(1000, seed: 25, Float.self).enumerated().map { i, v in i % 3 == 0 ? v + (i % 2 == 0 ? 1e6 : -1e6) : v }
    let sums = KernelFamily.supported.map { family in KernelFamily.$override.withValue(family) { Kernels.sum(x) } }
    #expect(Set(sums).count == KernelFamily.supported.count, "\(KernelFamily.supported): \(sums)")
  }
}
