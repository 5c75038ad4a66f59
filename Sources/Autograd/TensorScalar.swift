import Foundation

/// A floating-point type the engine computes in: `Float` for training speed,
/// `Double` for gradient checks to float64 precision.
///
/// The elementary functions are requirements (not free functions) so that generic
/// tensor code calls the type's own libm routine.
public protocol TensorScalar: BinaryFloatingPoint, SIMDScalar, Sendable, LosslessStringConvertible, Codable
where RawSignificand: FixedWidthInteger {
  /// eˣ.
  static func exponential(_ x: Self) -> Self
  /// ln x (natural logarithm).
  static func logarithm(_ x: Self) -> Self
  /// tanh x.
  static func hyperbolicTangent(_ x: Self) -> Self
  /// xʸ.
  static func power(_ x: Self, _ y: Self) -> Self
  /// The C kernels that compute in this type (`Kernels/CKernelTable.swift`): how a generic kernel
  /// reaches its type's C functions without testing which type it runs in.
  static var cKernels: CKernelTable<Self> { get }
  /// `total` + Σ xᵢ² over `values`, each square added to `total` in order, in float64: a gradient
  /// norm's running sum. A requirement so that generic code that is not specialised (a training step
  /// called across modules) still runs the type's own loop.
  static func accumulateSquares(_ values: UnsafeBufferPointer<Self>, into total: inout Double)
  /// Every element of `values` multiplied by `factor` in place.
  static func scale(_ values: UnsafeMutableBufferPointer<Self>, by factor: Self)
  /// `target[i]` += `addition[i]` for every index of `target` (`addition` has the same count): one
  /// replica's gradient added into another's.
  static func add(_ addition: UnsafeBufferPointer<Self>, into target: UnsafeMutableBufferPointer<Self>)
}

extension Float: TensorScalar {
  @inlinable public static func exponential(_ x: Float) -> Float { exp(x) }
  @inlinable public static func logarithm(_ x: Float) -> Float { log(x) }
  @inlinable public static func hyperbolicTangent(_ x: Float) -> Float { tanh(x) }
  @inlinable public static func power(_ x: Float, _ y: Float) -> Float { pow(x, y) }
  public static func accumulateSquares(_ values: UnsafeBufferPointer<Float>, into total: inout Double) {
    for v in values { total += Double(v) * Double(v) }
  }
  public static func scale(_ values: UnsafeMutableBufferPointer<Float>, by factor: Float) {
    for i in values.indices { values[i] *= factor }
  }
  public static func add(_ addition: UnsafeBufferPointer<Float>, into target: UnsafeMutableBufferPointer<Float>) {
    precondition(addition.count == target.count, "gradients of different sizes")
    for i in target.indices { target[i] += addition[i] }
  }
}

extension Double: TensorScalar {
  @inlinable public static func exponential(_ x: Double) -> Double { exp(x) }
  @inlinable public static func logarithm(_ x: Double) -> Double { log(x) }
  @inlinable public static func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
  @inlinable public static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
  public static func accumulateSquares(_ values: UnsafeBufferPointer<Double>, into total: inout Double) {
    for v in values { total += v * v }
  }
  public static func scale(_ values: UnsafeMutableBufferPointer<Double>, by factor: Double) {
    for i in values.indices { values[i] *= factor }
  }
  public static func add(_ addition: UnsafeBufferPointer<Double>, into target: UnsafeMutableBufferPointer<Double>) {
    precondition(addition.count == target.count, "gradients of different sizes")
    for i in target.indices { target[i] += addition[i] }
  }
}
