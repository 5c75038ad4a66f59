@testable import Autograd
import Foundation
import Testing

/// Weights rounded to bfloat16 and int8 blocks, and the C products with them in every family this
/// CPU has, against dequantise-then-float32 (the reference loops on the weights read back).
@Suite struct ReducedPrecisionTests {
  @Test("bfloat16 rounds to nearest, ties to even, and widens back exactly")
  func bfloat16Rounding() {
    #expect(ReducedPrecisionMatrix.bfloat16(1) == 0x3F80)
    #expect(ReducedPrecisionMatrix.bfloat16(-2) == 0xC000)
    // 1 + 2⁻⁸ lies halfway between 1 and 1 + 2⁻⁷: ties go to the even significand (1).
    #expect(ReducedPrecisionMatrix.bfloat16(1 + 0x1p-8) == 0x3F80)
    // 1 + 3·2⁻⁸ lies halfway between 1 + 2⁻⁷ (odd) and 1 + 2⁻⁶ (even).
    #expect(ReducedPrecisionMatrix.bfloat16(1 + 3 * 0x1p-8) == 0x3F82)
    #expect(ReducedPrecisionMatrix.bfloat16(1 + 0x1p-8 + 0x1p-20) == 0x3F81)
    #expect(ReducedPrecisionMatrix.float(bfloat16: 0x3F81) == 1 + 0x1p-7)
    #expect(ReducedPrecisionMatrix.float(bfloat16: ReducedPrecisionMatrix.bfloat16(.infinity)) == .infinity)
    #expect(ReducedPrecisionMatrix.float(bfloat16: ReducedPrecisionMatrix.bfloat16(.nan)).isNaN)
    var g = SplitMix64(seed: 3)
    for _ in 0..<1000 {
      let x = Float(g.nextNormal())
      let back = ReducedPrecisionMatrix.float(bfloat16: ReducedPrecisionMatrix.bfloat16(x))
      #expect(abs(back - x) <= abs(x) * 0x1p-8)  // unit roundoff of 8 significant bits
    }
  }

  @Test("tile layout: rows four at a time, blocks of 32 one row after another, padding zero")
  func tileLayout() {
    var g = SplitMix64(seed: 11)
    let (rows, columns) = (5, 40)  // two tiles (the second with one real row), two blocks (the second of 8)
    let values = (0..<(rows * columns)).map { _ in Float(g.nextNormal()) }
    let matrix = ReducedPrecisionMatrix(values, rows: rows, columns: columns, precision: .bf16)
    guard case .bfloat16(let bits) = matrix.storage else { Issue.record("not bf16"); return }
    #expect(bits.count == 8 * 64 && matrix.storedCount == 512)
    // W[1, 33] is block 1 of row 1 in tile 0: after block 0 of four rows (128) and row 0's block 1 (32).
    #expect(matrix.storageIndex(row: 1, column: 33) == 128 + 32 + 1)
    #expect(matrix.storageIndex(row: 4, column: 0) == 256)
    #expect(bits[128 + 32 + 1] == ReducedPrecisionMatrix.bfloat16(values[1 * columns + 33]))
    var real = Set<Int>()
    for row in 0..<rows { for column in 0..<columns { real.insert(matrix.storageIndex(row: row, column: column)) } }
    #expect(real.count == rows * columns)
    #expect(bits.indices.filter { !real.contains($0) }.allSatisfy { bits[$0] == 0 })
    #expect(matrix.dequantized() == values.map { ReducedPrecisionMatrix.float(bfloat16: ReducedPrecisionMatrix.bfloat16($0)) })
  }

  @Test("int8 blocks: scale max|w|/127, the largest weight exact, every weight within half a step")
  func int8Blocks() {
    var g = SplitMix64(seed: 5)
    let (rows, columns) = (3, 70)  // three blocks per row, the last of 6 values
    var values = (0..<(rows * columns)).map { _ in Float(g.nextNormal()) }
    for c in 32..<64 { values[columns + c] = 0 }  // a block of zeros
    let matrix = ReducedPrecisionMatrix(values, rows: rows, columns: columns, precision: .int8)
    guard case .int8(_, let scales) = matrix.storage else { Issue.record("not int8"); return }
    // Stored in tiles of four rows and blocks of 32 columns: 4 × 96 values and 4 × 3 scales.
    #expect(matrix.blocksPerRow == 3 && scales.count == 12)
    #expect(matrix.byteCount == 4 * 96 + 4 * 12)
    let back = matrix.dequantized()
    for row in 0..<rows {
      for block in 0..<3 {
        let range = (row * columns + block * 32)..<(row * columns + min(columns, block * 32 + 32))
        let largest = values[range].map(abs).max()!
        let scale = scales[matrix.scaleIndex(row: row, block: block)]
        #expect(scale == largest / 127)
        for i in range { #expect(abs(back[i] - values[i]) <= scale / 2 * 1.0001) }
        if largest > 0, let peak = range.first(where: { abs(values[$0]) == largest }) {
          #expect(abs(back[peak] - values[peak]) <= largest * 1e-6)
        }
      }
    }
    #expect(back[(columns + 32)..<(columns + 64)].allSatisfy { $0 == 0 })
  }

  /// (m, n, k): the streamed path (m ≤ 4) and the panel path (m > 4), depths with a partial
  /// vector and a partial q8 block, and sizes large enough to be split across threads.
  static let sizes: [(Int, Int, Int)] = [(1, 1, 1), (1, 130, 768), (3, 9, 45), (4, 67, 100), (5, 70, 64), (17, 130, 96), (2, 300, 1024)]

  static func operands(_ m: Int, _ n: Int, _ k: Int) -> (x: [Float], w: [Float]) {
    var g = SplitMix64(seed: UInt64(m * 7919 + n * 31 + k))
    return ((0..<(m * k)).map { _ in Float(g.nextNormal()) }, (0..<(n * k)).map { _ in Float(g.nextNormal() * 0.05) })
  }

  static func product(_ x: [Float], _ m: Int, _ weight: ReducedPrecisionMatrix) -> [Float] {
    var y = [Float](repeating: .nan, count: m * weight.rows)
    x.withUnsafeBufferPointer { xs in
      y.withUnsafeMutableBufferPointer { ys in Kernels.reducedLinear(m: m, xs.baseAddress!, weight: weight, into: ys.baseAddress!) }
    }
    return y
  }

  @Test("fast bf16 and int8 products equal dequantise-then-float32 in every family", arguments: [WeightPrecision.bf16, .int8])
  func fastMatchesReference(precision: WeightPrecision) {
    for (m, n, k) in Self.sizes {
      let (x, w) = Self.operands(m, n, k)
      let weight = ReducedPrecisionMatrix(w, rows: n, columns: k, precision: precision)
      let dequantised = weight.dequantized().map(Double.init)
      let reference = Kernels.$implementation.withValue(.reference) { Self.product(x, m, weight) }
      for family in KernelFamily.supported {
        let fast = KernelFamily.$override.withValue(family) { Self.product(x, m, weight) }
        for i in 0..<m {
          for j in 0..<n {
            // Bound: 2(k + 2)ε Σ|x·w| around the double-precision product of the weights read back.
            var exact = 0.0, magnitude = 0.0
            for p in 0..<k {
              exact += Double(x[i * k + p]) * dequantised[j * k + p]
              magnitude += abs(Double(x[i * k + p]) * dequantised[j * k + p])
            }
            let bound = 2 * Double(k + 2) * 0x1p-23 * magnitude + 1e-30
            #expect(abs(Double(fast[i * n + j]) - exact) <= bound, "\(family) \(precision) \(m)×\(n)×\(k) at (\(i), \(j))")
            #expect(abs(Double(reference[i * n + j]) - exact) <= bound)
          }
        }
      }
    }
  }

  @Test("the reduced-precision linear op: bias, shape, and the input gradient G·W of the weights read back")
  func linearOp() throws {
    let (x, w) = Self.operands(6, 5, 40)
    let weight = ReducedPrecisionMatrix(w, rows: 5, columns: 40, precision: .int8)
    let input = Tensor<Float>(shape: [2, 3, 40], scalars: x, requiresGrad: true)
    let bias = Tensor<Float>(shape: [5], scalars: [1, 2, 3, 4, 5], requiresGrad: true)
    let y = try input.linear(weight: weight, bias: bias)
    let float = try Tensor<Float>(shape: [2, 3, 40], scalars: x).linear(weight: Tensor(shape: [5, 40], scalars: weight.dequantized()), bias: bias)
    #expect(y.shape == [2, 3, 5])
    for (a, b) in zip(y.scalars, float.scalars) { #expect(abs(a - b) <= 1e-5 * (1 + abs(b))) }
    y.sum().backward()
    let dequantised = weight.dequantized()
    for p in 0..<40 {
      let columnSum = (0..<5).map { dequantised[$0 * 40 + p] }.reduce(0, +)
      #expect(abs(input.grad![p] - columnSum) <= 1e-5)
    }
    #expect(bias.grad! == [6, 6, 6, 6, 6])
  }
}
