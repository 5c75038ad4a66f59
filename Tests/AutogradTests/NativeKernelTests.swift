@testable import Autograd
import Foundation
import Testing

/// The C kernels of every family this CPU has, in Float and Double, against the Swift reference loops.
@Suite struct NativeKernelTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let m, n, k: Int
    let transposeA, transposeB, accumulate: Bool
    var testDescription: String { "\(m)×\(k)·\(k)×\(n) tA=\(transposeA) tB=\(transposeB) acc=\(accumulate)" }
  }

  /// Odd sizes on each side of the tiles (up to 14 × 32), the few-rows path (m ≤ 4), the depth
  /// panel (256) and the threading threshold; each with the four transposes, accumulating or not.
  static let cases: [Case] = [
    (1, 1, 1), (1, 257, 63), (4, 65, 257), (5, 7, 63), (7, 63, 7), (63, 65, 1), (65, 7, 257), (257, 63, 65),
    (15, 33, 300), (65, 257, 65),
  ].flatMap { m, n, k in
    [(false, false, false), (true, false, true), (false, true, true), (true, true, false)].map {
      Case(m: m, n: n, k: k, transposeA: $0.0, transposeB: $0.1, accumulate: $0.2)
    }
  }

  /// Strided random operands for `c` (leading dimensions larger than the matrices).
  struct Operands<S: TensorScalar> {
    let a, b, c: [S]
    let lda, ldb, ldc: Int
    init(_ c: Case) {
      var g = SplitMix64(seed: UInt64(c.m * 7919 + c.n * 31 + c.k))
      let (aRows, aCols) = c.transposeA ? (c.k, c.m) : (c.m, c.k)
      let (bRows, bCols) = c.transposeB ? (c.n, c.k) : (c.k, c.n)
      lda = aCols + 3; ldb = bCols + 5; ldc = c.n + 2
      a = (0..<(aRows * lda)).map { _ in S(g.nextNormal()) }
      b = (0..<(bRows * ldb)).map { _ in S(g.nextNormal()) }
      self.c = (0..<(c.m * ldc)).map { _ in S(g.nextNormal()) }
    }
  }

  static func native<S: TensorScalar>(_ c: Case, _ o: Operands<S>, family: KernelFamily, parallel: Bool = true) -> [S] {
    var out = o.c
    o.a.withUnsafeBufferPointer { a in
      o.b.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { out in
          KernelFamily.$override.withValue(family) {
            Kernels.gemm(
              m: c.m, n: c.n, k: c.k, a.baseAddress!, lda: o.lda, transposeA: c.transposeA, b.baseAddress!, ldb: o.ldb,
              transposeB: c.transposeB, out.baseAddress!, ldc: o.ldc, accumulate: c.accumulate, parallel: parallel)
          }
        }
      }
    }
    return out
  }

  static func reference<S: TensorScalar>(_ c: Case, _ o: Operands<S>) -> [S] {
    var out = o.c
    o.a.withUnsafeBufferPointer { a in
      o.b.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { out in
          Kernels.referenceGemmLoops(
            m: c.m, n: c.n, k: c.k, a.baseAddress!, o.lda, c.transposeA, b.baseAddress!, o.ldb, c.transposeB,
            out.baseAddress!, o.ldc, c.accumulate)
        }
      }
    }
    return out
  }

  /// Checks every element of `fast` against `reference` within the rounding bound of a dot product
  /// of depth k summed in two different orders: 2·(k + 2)·ε·Σp |a_ip·b_pj| (+ |c_ij| when accumulating).
  static func expectClose<S: TensorScalar & BinaryFloatingPoint>(_ fast: [S], _ reference: [S], _ c: Case, _ o: Operands<S>) {
    let epsilon = Double(S.ulpOfOne)
    var worst = 0.0
    for i in 0..<c.m {
      for j in 0..<c.n {
        var magnitude = c.accumulate ? abs(Double(o.c[i * o.ldc + j])) : 0
        for p in 0..<c.k {
          let x = c.transposeA ? o.a[p * o.lda + i] : o.a[i * o.lda + p]
          let y = c.transposeB ? o.b[j * o.ldb + p] : o.b[p * o.ldb + j]
          magnitude += abs(Double(x) * Double(y))
        }
        let bound = 2 * Double(c.k + 2) * epsilon * magnitude + Double(S.leastNormalMagnitude)
        worst = Swift.max(worst, abs(Double(fast[i * o.ldc + j]) - Double(reference[i * o.ldc + j])) / bound)
      }
    }
    #expect(worst <= 1, "worst error \(worst) of the bound")
    // Padding between rows of C must be untouched.
    for i in 0..<c.m { for j in c.n..<o.ldc { #expect(fast[i * o.ldc + j] == o.c[i * o.ldc + j]) } }
  }

  @Test("Float GEMM of every family agrees with the reference", arguments: cases)
  func floatAgrees(_ c: Case) {
    let o = Operands<Float>(c)
    let reference = Self.reference(c, o)
    for family in KernelFamily.supported { Self.expectClose(Self.native(c, o, family: family), reference, c, o) }
  }

  @Test("Double GEMM of every family agrees with the reference", arguments: cases)
  func doubleAgrees(_ c: Case) {
    let o = Operands<Double>(c)
    let reference = Self.reference(c, o)
    for family in KernelFamily.supported { Self.expectClose(Self.native(c, o, family: family), reference, c, o) }
  }

  @Test("Each family gives the same bits twice and on one thread or several", arguments: [
    Case(m: 300, n: 200, k: 300, transposeA: false, transposeB: true, accumulate: false),
    Case(m: 3, n: 1000, k: 500, transposeA: false, transposeB: true, accumulate: true),
    Case(m: 2, n: 1000, k: 500, transposeA: false, transposeB: false, accumulate: false),
    Case(m: 70, n: 900, k: 130, transposeA: true, transposeB: false, accumulate: true),
  ])
  func deterministic(_ c: Case) {
    let o = Operands<Float>(c), d = Operands<Double>(c)
    for family in KernelFamily.supported {
      let first = Self.native(c, o, family: family)
      #expect(Self.native(c, o, family: family) == first)
      #expect(Self.native(c, o, family: family, parallel: false) == first)
      #expect(Self.native(c, d, family: family) == Self.native(c, d, family: family, parallel: false))
    }
  }

  @Test func baselineIsAlwaysSupportedAndWidestIsActiveByDefault() {
    #expect(KernelFamily.baseline.isSupported)
    #expect(KernelFamily.widest.isSupported)
    #expect(KernelFamily.supported.last == KernelFamily.widest)
    #expect(KernelFamily.$override.withValue(.baseline) { KernelFamily.active } == .baseline)
  }

  @Test func environmentChoosesAFamilyOrIsRefused() throws {
    #expect(try KernelFamily.fromEnvironment([:]) == KernelFamily.widest)
    #expect(try KernelFamily.fromEnvironment(["WORKBENCH_KERNELS": "baseline"]) == .baseline)
    #expect(throws: KernelFamilyError.unknown("sse9")) { try KernelFamily.fromEnvironment(["WORKBENCH_KERNELS": "sse9"]) }
    for family in KernelFamily.allCases where !family.isSupported {
      #expect(throws: KernelFamilyError.unsupported(family)) {
        try KernelFamily.fromEnvironment(["WORKBENCH_KERNELS": family.rawValue])
      }
    }
    #expect(KernelFamilyError.unknown("sse9").description.hasPrefix("WORKBENCH_KERNELS=sse9 names no kernel family"))
  }
}
