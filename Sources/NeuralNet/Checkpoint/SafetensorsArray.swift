/// One tensor stored in a safetensors file: its shape and its elements in row-major order.
///
/// `Float` elements are stored as `F32` and `Double` elements as `F64`, so a round trip is exact.
/// Arrays read from `F16` or `BF16` are widened to `Float` (exactly: every half and bfloat16 value is a `Float`).
public struct SafetensorsArray: Equatable, Sendable {
  /// The elements, in the precision they are written with.
  public enum Scalars: Equatable, Sendable {
    /// 32-bit floats, written as `F32`.
    case float32([Float])
    /// 64-bit floats, written as `F64`.
    case float64([Double])

    /// Number of elements.
    public var count: Int {
      switch self {
      case let .float32(values): return values.count
      case let .float64(values): return values.count
      }
    }
  }

  /// Extent of each dimension, outermost first (e.g. `[768, 3072]`); `[]` is a scalar with one element.
  public let shape: [Int]
  /// The elements in row-major (C) order; `scalars.count` is the product of `shape`.
  public let scalars: Scalars

  /// An array of `shape` holding `scalars` in row-major order.
  /// - Precondition: every extent is ≥ 0 and their product equals the number of scalars.
  public init(shape: [Int], scalars: Scalars) {
    precondition(shape.allSatisfy { $0 >= 0 }, "SafetensorsArray: negative extent in shape \(shape)")
    precondition(
      shape.reduce(1, *) == scalars.count,
      "SafetensorsArray: shape \(shape) needs \(shape.reduce(1, *)) elements, got \(scalars.count)")
    self.shape = shape
    self.scalars = scalars
  }

  /// An array of `shape` holding `scalars`: `Double` elements are kept as `F64`, every other
  /// floating-point type is stored as `F32` (rounded to `Float`).
  public init<Scalar: BinaryFloatingPoint>(shape: [Int], scalars: [Scalar]) {
    // Decided by type identity, not `as?`: a dynamic cast would also turn an empty `[Float]` into `[Double]`.
    if Scalar.self == Double.self {
      self.init(shape: shape, scalars: .float64(unsafeBitCast(scalars, to: [Double].self)))
    } else if Scalar.self == Float.self {
      self.init(shape: shape, scalars: .float32(unsafeBitCast(scalars, to: [Float].self)))
    } else {
      self.init(shape: shape, scalars: .float32(scalars.map { Float($0) }))
    }
  }

  /// The element type this array is written with (`F32` or `F64`).
  public var dataType: SafetensorsDataType {
    switch scalars {
    case .float32: return .float32
    case .float64: return .float64
    }
  }

  /// Number of elements (the product of `shape`).
  public var count: Int { scalars.count }

  /// The elements converted to `Scalar` (rounding when narrowing `Double` to `Float`).
  public func scalars<Scalar: BinaryFloatingPoint>(as _: Scalar.Type = Scalar.self) -> [Scalar] {
    switch scalars {
    case let .float32(values):
      if Scalar.self == Float.self { return unsafeBitCast(values, to: [Scalar].self) }
      return values.map { Scalar($0) }
    case let .float64(values):
      if Scalar.self == Double.self { return unsafeBitCast(values, to: [Scalar].self) }
      return values.map { Scalar($0) }
    }
  }
}
