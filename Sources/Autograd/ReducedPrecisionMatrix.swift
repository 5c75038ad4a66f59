/// A weight matrix W `[rows, columns]` (a linear layer's `[out, in]`) stored in bfloat16 or in int8
/// blocks, for inference: the products x·Wᵀ read these bytes only (see ``Tensor/linear(weight:bias:)``
/// with a reduced-precision weight).
///
/// - bfloat16: each weight is the float32 rounded to nearest even at 16 bits (NaN stays NaN).
/// - int8: each row is cut into blocks of ``blockSize`` weights (the last may be shorter); a block
///   with largest magnitude a has scale d = a / 127 and values q = round(w / d) in −127…127, so
///   the weight read back is d · q (|error| ≤ d / 2). A block of zeros has d = 0.
public struct ReducedPrecisionMatrix: Sendable, Equatable {
  /// Weights per int8 block (as in llama.cpp's q8_0).
  public static let blockSize = 32

  /// The stored values.
  public enum Storage: Sendable, Equatable {
    /// The high 16 bits of each rounded float32, row-major.
    case bfloat16([UInt16])
    /// Row-major int8 values and, per row, ⌈columns / 32⌉ float32 scales.
    case int8(values: [Int8], scales: [Float])
  }

  /// Rows of W (a linear layer's outputs).
  public let rows: Int
  /// Columns of W (a linear layer's inputs).
  public let columns: Int
  /// The values, in the chosen precision.
  public let storage: Storage

  /// Blocks per row in int8: ⌈columns / 32⌉.
  public var blocksPerRow: Int { (columns + Self.blockSize - 1) / Self.blockSize }

  /// The precision of ``storage``.
  public var precision: WeightPrecision {
    switch storage {
    case .bfloat16: .bf16
    case .int8: .int8
    }
  }

  /// W `[rows, columns]` from row-major float32 `values`, rounded to `precision` (`.bf16` or `.int8`).
  public init(_ values: [Float], rows: Int, columns: Int, precision: WeightPrecision) {
    precondition(values.count == rows * columns, "expected \(rows)×\(columns) values, got \(values.count)")
    precondition(precision != .f32, "a reduced-precision matrix is bf16 or int8")
    self.rows = rows
    self.columns = columns
    switch precision {
    case .bf16:
      storage = .bfloat16(values.map(Self.bfloat16))
    default:
      let blocks = (columns + Self.blockSize - 1) / Self.blockSize
      var quantised = [Int8](repeating: 0, count: values.count)
      var scales = [Float](repeating: 0, count: rows * blocks)
      for row in 0..<rows {
        for block in 0..<blocks {
          let range = (row * columns + block * Self.blockSize)..<(row * columns + Swift.min(columns, (block + 1) * Self.blockSize))
          let largest = values[range].reduce(Float(0)) { Swift.max($0, abs($1)) }
          let scale = largest / 127
          let inverse = scale == 0 ? 0 : 1 / scale
          scales[row * blocks + block] = scale
          for index in range { quantised[index] = Int8(Swift.max(-127, Swift.min(127, (values[index] * inverse).rounded()))) }
        }
      }
      storage = .int8(values: quantised, scales: scales)
    }
  }

  /// `value` rounded to bfloat16 (nearest, ties to even), as its 16 bits.
  public static func bfloat16(_ value: Float) -> UInt16 {
    let bits = value.bitPattern
    if value.isNaN { return UInt16(bits >> 16) | 0x40 }  // stays a (quiet) NaN
    return UInt16((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16)
  }

  /// The float32 a bfloat16 stands for (exact).
  public static func float(bfloat16 bits: UInt16) -> Float { Float(bitPattern: UInt32(bits) << 16) }

  /// The weights read back as float32, row-major `[rows, columns]`: what every product with this
  /// matrix multiplies by.
  public func dequantized() -> [Float] {
    switch storage {
    case .bfloat16(let bits):
      return bits.map(Self.float(bfloat16:))
    case .int8(let values, let scales):
      let blocks = blocksPerRow
      var result = [Float](repeating: 0, count: values.count)
      for row in 0..<rows {
        for column in 0..<columns {
          result[row * columns + column] = scales[row * blocks + column / Self.blockSize] * Float(values[row * columns + column])
        }
      }
      return result
    }
  }

  /// Bytes the stored values take (scales included).
  public var byteCount: Int {
    switch storage {
    case .bfloat16(let bits): 2 * bits.count
    case .int8(let values, let scales): values.count + 4 * scales.count
    }
  }
}
