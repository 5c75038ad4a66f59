/// A weight matrix W `[rows, columns]` (a linear layer's `[out, in]`) stored in bfloat16 or in int8
/// blocks, for inference: the products x·Wᵀ read these bytes only (see ``Tensor/linear(weight:bias:)``
/// with a reduced-precision weight).
///
/// Layout: each row is cut into blocks of ``blockSize`` columns (the last padded with zeros) and
/// the rows are taken four at a time (the last tile padded with zero rows); block b of the four
/// rows of tile g follow one another, so the values of W lie in the order (g, b, row in the tile,
/// column in the block), ``storageIndex(row:column:)``. A product then reads W front to back in
/// one stream (see Sources/CKernels/reduced_bodies.h).
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
    /// The high 16 bits of each rounded float32, in tile order (``storageIndex(row:column:)``).
    case bfloat16([UInt16])
    /// The int8 values in tile order, and one float32 scale per block, in the order (tile, block,
    /// row in the tile) (``scaleIndex(row:block:)``).
    case int8(values: [Int8], scales: [Float])
  }

  /// Rows of W (a linear layer's outputs).
  public let rows: Int
  /// Columns of W (a linear layer's inputs).
  public let columns: Int
  /// The values, in the chosen precision.
  public let storage: Storage

  /// Rows per tile of the layout.
  public static let tileRows = 4

  /// Blocks per row: ⌈columns / 32⌉.
  public var blocksPerRow: Int { (columns + Self.blockSize - 1) / Self.blockSize }

  /// Stored values: rows rounded up to a multiple of 4 times columns rounded up to a multiple of 32.
  public var storedCount: Int { Self.storedCount(rows: rows, columns: columns) }

  static func storedCount(rows: Int, columns: Int) -> Int {
    let blocks = (columns + blockSize - 1) / blockSize
    return (rows + tileRows - 1) / tileRows * tileRows * blocks * blockSize
  }

  /// Where W[row, column] is stored in the value arrays.
  public func storageIndex(row: Int, column: Int) -> Int { Self.storageIndex(row: row, column: column, blocks: blocksPerRow) }

  static func storageIndex(row: Int, column: Int, blocks: Int) -> Int {
    ((row / tileRows * blocks + column / blockSize) * tileRows + row % tileRows) * blockSize + column % blockSize
  }

  /// Where the int8 scale of block `block` of row `row` is stored.
  public func scaleIndex(row: Int, block: Int) -> Int { Self.scaleIndex(row: row, block: block, blocks: blocksPerRow) }

  static func scaleIndex(row: Int, block: Int, blocks: Int) -> Int { (row / tileRows * blocks + block) * tileRows + row % tileRows }

  /// The precision of ``storage``.
  public var precision: WeightPrecision {
    switch storage {
    case .bfloat16: .bf16
    case .int8: .int8
    }
  }

  /// W `[rows, columns]` from row-major `values` (as float32), rounded to `precision` (`.bf16` or `.int8`).
  public init<Source: BinaryFloatingPoint>(_ values: [Source], rows: Int, columns: Int, precision: WeightPrecision) {
    precondition(values.count == rows * columns, "expected \(rows)×\(columns) values, got \(values.count)")
    precondition(precision != .f32, "a reduced-precision matrix is bf16 or int8")
    self.rows = rows
    self.columns = columns
    let blocks = (columns + Self.blockSize - 1) / Self.blockSize
    let stored = Self.storedCount(rows: rows, columns: columns)
    // Each tile of four rows fills its own stretch of storage: tiles are shared out among threads.
    switch precision {
    case .bf16:
      var bits = [UInt16](repeating: 0, count: stored)
      values.withUnsafeBufferPointer { source in
        bits.withUnsafeMutableBufferPointer { bits in
          Kernels.parallelRanges(rows, granule: Self.tileRows, cost: columns) { rowRange in
            for row in rowRange {
              for column in 0..<columns {
                bits[Self.storageIndex(row: row, column: column, blocks: blocks)] = Self.bfloat16(Float(source[row * columns + column]))
              }
            }
          }
        }
      }
      storage = .bfloat16(bits)
    default:
      var quantised = [Int8](repeating: 0, count: stored)
      var scales = [Float](repeating: 0, count: stored / Self.blockSize)
      values.withUnsafeBufferPointer { source in
        quantised.withUnsafeMutableBufferPointer { quantised in
          scales.withUnsafeMutableBufferPointer { scales in
            Kernels.parallelRanges(rows, granule: Self.tileRows, cost: columns) { rowRange in
              for row in rowRange {
                for block in 0..<blocks {
                  let first = row * columns + block * Self.blockSize
                  let range = first..<(row * columns + Swift.min(columns, (block + 1) * Self.blockSize))
                  var largest: Float = 0
                  for index in range { largest = Swift.max(largest, abs(Float(source[index]))) }
                  let scale = largest / 127
                  let inverse = scale == 0 ? 0 : 1 / scale
                  scales[Self.scaleIndex(row: row, block: block, blocks: blocks)] = scale
                  let target = Self.storageIndex(row: row, column: block * Self.blockSize, blocks: blocks)
                  for index in range {
                    quantised[target + index - first] = Int8(Swift.max(-127, Swift.min(127, (Float(source[index]) * inverse).rounded())))
                  }
                }
              }
            }
          }
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
    var result = [Float](repeating: 0, count: rows * columns)
    switch storage {
    case .bfloat16(let bits):
      for row in 0..<rows {
        for column in 0..<columns { result[row * columns + column] = Self.float(bfloat16: bits[storageIndex(row: row, column: column)]) }
      }
    case .int8(let values, let scales):
      for row in 0..<rows {
        for column in 0..<columns {
          result[row * columns + column] =
            scales[scaleIndex(row: row, block: column / Self.blockSize)] * Float(values[storageIndex(row: row, column: column)])
        }
      }
    }
    return result
  }

  /// Bytes the stored values take (scales and padding included).
  public var byteCount: Int {
    switch storage {
    case .bfloat16(let bits): 2 * bits.count
    case .int8(let values, let scales): values.count + 4 * scales.count
    }
  }
}
