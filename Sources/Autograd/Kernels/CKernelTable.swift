import CKernels

/// The C kernels (`Sources/CKernels`) that compute in one scalar type, one function per kernel,
/// each taking the kernel family first. `Float` and `Double` each supply their table
/// (``TensorScalar/cKernels``), so a generic kernel finds its type's C functions through the
/// conformance: the engine never tests which scalar type it runs in. The kernels C has in single
/// precision only (the vector exponential and what is built on it) are nil in the `Double` table.
///
/// A class, so that a kernel call hands on one reference to the table, not a copy of every function.
public final class CKernelTable<Scalar>: Sendable {
  typealias Product = @Sendable (
    wb_family, Int, Int, Int, UnsafePointer<Scalar>?, Int, Int32, UnsafePointer<Scalar>?, Int, Int32,
    UnsafeMutablePointer<Scalar>?, Int, Int32
  ) -> Void
  typealias Map = @Sendable (wb_family, UnsafePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, Int) -> Void
  typealias Binary = @Sendable (
    wb_family, wb_binary_op, UnsafePointer<Scalar>?, Int, UnsafePointer<Scalar>?, Int, UnsafeMutablePointer<Scalar>?, Int
  ) -> Void
  typealias Unary = @Sendable (wb_family, wb_unary_function, UnsafePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, Int) -> Void
  typealias UnaryBackward = @Sendable (
    wb_family, wb_unary_function, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, Int
  ) -> Void
  typealias Sum = @Sendable (wb_family, UnsafePointer<Scalar>?, Int) -> Scalar
  typealias Dot = @Sendable (wb_family, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, Int) -> Scalar
  typealias RowDots = @Sendable (wb_family, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, Int, Int, UnsafeMutablePointer<Scalar>?) -> Void
  typealias Transpose = @Sendable (wb_family, UnsafePointer<Scalar>?, Int, Int, Int, Int, UnsafeMutablePointer<Scalar>?) -> Void
  typealias ColumnSums = @Sendable (wb_family, UnsafePointer<Scalar>?, Int, Int, Int, UnsafeMutablePointer<Scalar>?) -> Void
  typealias LayerNormForward = @Sendable (
    wb_family, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, Scalar, Int, Int,
    UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?
  ) -> Void
  typealias LayerNormBackward = @Sendable (
    wb_family, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, Int, Int,
    UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?
  ) -> Void
  typealias SoftmaxBackwardRows = @Sendable (
    wb_family, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, Int, Int, Int, Scalar
  ) -> Void
  typealias AdamW = @Sendable (
    wb_family, UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, UnsafePointer<Scalar>?, Int,
    Scalar, Scalar, Scalar, Scalar, Scalar, Scalar
  ) -> Void
  typealias SoftmaxRows = @Sendable (wb_family, UnsafePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, Int, Int, Int, Scalar, Int32) -> Void
  typealias MapBackward = @Sendable (wb_family, UnsafePointer<Scalar>?, UnsafePointer<Scalar>?, UnsafeMutablePointer<Scalar>?, Int) -> Void
  typealias LinearBF16 = @Sendable (
    wb_family, Int, Int, Int, UnsafePointer<Scalar>?, Int, UnsafePointer<UInt16>?, UnsafeMutablePointer<Scalar>?, Int
  ) -> Void
  typealias LinearQ8 = @Sendable (
    wb_family, Int, Int, Int, UnsafePointer<Scalar>?, Int, UnsafePointer<Int8>?, UnsafePointer<Float>?, UnsafeMutablePointer<Scalar>?, Int
  ) -> Void

  /// Whether the scalar is 8 bytes wide (selects the double-precision GEMM register tile).
  let isDouble: Int32
  let gemm: Product
  let gemv: Product
  let transpose: Transpose
  let binary: Binary
  let unary: Unary
  let unaryBackward: UnaryBackward
  let sum: Sum
  let dot: Dot
  let rowDots: RowDots
  let columnSums: ColumnSums
  let layerNormForward: LayerNormForward
  let layerNormBackward: LayerNormBackward
  let softmaxBackwardRows: SoftmaxBackwardRows
  let adamW: AdamW
  let softmaxRows: SoftmaxRows?
  let exp: Map?
  let tanh: Map?
  let sigmoid: Map?
  let gelu: Map?
  let geluBackward: MapBackward?
  /// Products with bfloat16 weights (`wb_linear_bf16`); single precision only.
  let linearBF16: LinearBF16?
  /// Products with q8-block weights (`wb_linear_q8`); single precision only.
  let linearQ8: LinearQ8?

  init(
    isDouble: Int32, gemm: @escaping Product, gemv: @escaping Product, transpose: @escaping Transpose, binary: @escaping Binary, unary: @escaping Unary,
    unaryBackward: @escaping UnaryBackward, sum: @escaping Sum, dot: @escaping Dot, rowDots: @escaping RowDots,
    columnSums: @escaping ColumnSums, layerNormForward: @escaping LayerNormForward,
    layerNormBackward: @escaping LayerNormBackward, softmaxBackwardRows: @escaping SoftmaxBackwardRows,
    adamW: @escaping AdamW, softmaxRows: SoftmaxRows?, exp: Map?, tanh: Map?, sigmoid: Map?, gelu: Map?,
    geluBackward: MapBackward?, linearBF16: LinearBF16?, linearQ8: LinearQ8?
  ) {
    self.isDouble = isDouble
    self.gemm = gemm
    self.gemv = gemv
    self.transpose = transpose
    self.binary = binary
    self.unary = unary
    self.unaryBackward = unaryBackward
    self.sum = sum
    self.dot = dot
    self.rowDots = rowDots
    self.columnSums = columnSums
    self.layerNormForward = layerNormForward
    self.layerNormBackward = layerNormBackward
    self.softmaxBackwardRows = softmaxBackwardRows
    self.adamW = adamW
    self.softmaxRows = softmaxRows
    self.exp = exp
    self.tanh = tanh
    self.sigmoid = sigmoid
    self.gelu = gelu
    self.geluBackward = geluBackward
    self.linearBF16 = linearBF16
    self.linearQ8 = linearQ8
  }
}

extension Float {
  /// The single-precision C kernels.
  public static let cKernels = CKernelTable<Float>(
    isDouble: 0, gemm: wb_gemm_f32, gemv: wb_gemv_f32, transpose: wb_transpose_f32, binary: wb_binary_f32, unary: wb_unary_f32,
    unaryBackward: wb_unary_backward_f32, sum: wb_sum_f32, dot: wb_dot_f32, rowDots: wb_row_dots_f32,
    columnSums: wb_column_sums_f32, layerNormForward: wb_layer_norm_forward_f32, layerNormBackward: wb_layer_norm_backward_f32,
    softmaxBackwardRows: wb_softmax_backward_rows_f32, adamW: wb_adamw_f32, softmaxRows: wb_softmax_rows_f32, exp: wb_exp_f32,
    tanh: wb_tanh_f32, sigmoid: wb_sigmoid_f32, gelu: wb_gelu_f32, geluBackward: wb_gelu_backward_f32,
    linearBF16: wb_linear_bf16, linearQ8: wb_linear_q8)
}

extension Double {
  /// The double-precision C kernels (the exponential family stays in Swift, on libm).
  public static let cKernels = CKernelTable<Double>(
    isDouble: 1, gemm: wb_gemm_f64, gemv: wb_gemv_f64, transpose: wb_transpose_f64, binary: wb_binary_f64, unary: wb_unary_f64,
    unaryBackward: wb_unary_backward_f64, sum: wb_sum_f64, dot: wb_dot_f64, rowDots: wb_row_dots_f64,
    columnSums: wb_column_sums_f64, layerNormForward: wb_layer_norm_forward_f64, layerNormBackward: wb_layer_norm_backward_f64,
    softmaxBackwardRows: wb_softmax_backward_rows_f64, adamW: wb_adamw_f64, softmaxRows: nil, exp: nil, tanh: nil,
    sigmoid: nil, gelu: nil, geluBackward: nil, linearBF16: nil, linearQ8: nil)
}
