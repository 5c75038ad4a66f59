@testable import Autograd
import CKernels
import Foundation
import Testing

/// The C exp, GELU and GELU-backward kernels of every family against libm in Double.
@Suite struct NativeElementwiseTests {
  /// Inputs across the range, NaN, the clamps, and a count that leaves a partial last vector.
  static func inputs(_ count: Int, scale: Float) -> [Float] {
    var g = SplitMix64(seed: UInt64(count))
    return (0..<count).map { _ in Float(g.nextNormal()) * scale }
  }

  @Test(arguments: [1, 7, 63, 65, 257])
  func expIsWithinAFewUlpsInEveryFamily(count: Int) {
    let x = Self.inputs(count, scale: 30) + [-87.0, -88.0, 88.0, .nan, 0]
    for family in KernelFamily.supported {
      var out = [Float](repeating: -1, count: x.count)
      wb_exp_f32(family.code, x, &out, x.count)
      for (xi, yi) in zip(x, out) {
        if xi.isNaN { #expect(yi.isNaN); continue }
        if xi < -87.3 { #expect(yi == 0); continue }
        let exact = Foundation.exp(Double(xi))
        #expect(abs(Double(yi) - exact) <= 4 * Double(Float.ulpOfOne) * exact, "\(family) e^\(xi) = \(yi)")
      }
    }
  }

  @Test(arguments: [1, 7, 63, 65, 257])
  func geluAndItsDerivativeMatchTheFormulaInEveryFamily(count: Int) {
    let x = Self.inputs(count, scale: 3)
    let g = Self.inputs(count + 1, scale: 1).prefix(count).map { $0 }
    let c = UnaryFunction.geluScale, k = UnaryFunction.geluCubic
    for family in KernelFamily.supported {
      var y = [Float](repeating: 0, count: count), dx = [Float](repeating: 0, count: count)
      wb_gelu_f32(family.code, x, &y, count)
      wb_gelu_backward_f32(family.code, x, g, &dx, count)
      for i in 0..<count {
        let v = Double(x[i]), t = Foundation.tanh(c * (v + k * v * v * v))
        let gelu = 0.5 * v * (1 + t)
        let derivative = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 3 * k * v * v)
        #expect(abs(Double(y[i]) - gelu) <= 1e-6 * Swift.max(1, abs(gelu)), "\(family) GELU(\(v))")
        #expect(abs(Double(dx[i]) - Double(g[i]) * derivative) <= 4e-6 * Swift.max(1, abs(Double(g[i]))), "\(family) GELU′(\(v))")
      }
    }
  }

  @Test func eachFamilyIsDeterministicAndTheOutputMayBeTheInput() {
    let x = Self.inputs(1000, scale: 5)
    for family in KernelFamily.supported {
      var first = [Float](repeating: 0, count: x.count), again = x
      wb_exp_f32(family.code, x, &first, x.count)
      again.withUnsafeMutableBufferPointer { p in wb_exp_f32(family.code, p.baseAddress!, p.baseAddress!, p.count) }
      #expect(first == again)
    }
  }
}
