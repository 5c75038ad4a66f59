/// One gradient-check case: an operation, its float64 inputs and the function applying it.
public struct GradientCheckCase {
  /// The name printed in the report (e.g. "matmul (batched)").
  public let op: String
  /// The inputs; those requiring a gradient are checked.
  public let inputs: [Tensor<Double>]
  /// The computation under test.
  public let function: ([Tensor<Double>]) throws -> Tensor<Double>

  public init(_ op: String, inputs: [Tensor<Double>], _ function: @escaping ([Tensor<Double>]) throws -> Tensor<Double>) {
    self.op = op
    self.inputs = inputs
    self.function = function
  }

  /// Runs the check on `kernels`.
  public func run(tolerance: Double = 1e-6, kernels: KernelImplementation = .fast) throws -> GradientCheck.Report {
    try GradientCheck.check(op, inputs: inputs, tolerance: tolerance, kernels: kernels, function)
  }
}

/// Every operation of the engine as a gradient-check case, on small seeded inputs chosen
/// away from kinks (relu at 0) and ties (max), where a derivative is not defined.
public enum GradientCheckCatalog {
  /// The cases for every engine op, in a fixed order.
  public static func engineCases(seed: UInt64 = 42) -> [GradientCheckCase] {
    var g = SplitMix64(seed: seed)
    func input(_ shape: [Int], low: Double = -1, high: Double = 1) -> Tensor<Double> {
      Tensor<Double>.uniform(shape, low: low, high: high, requiresGrad: true, using: &g)
    }
    func awayFromZero(_ shape: [Int]) -> Tensor<Double> {
      let t = input(shape, low: 0.2, high: 1)
      let signs = (0..<t.count).map { _ in g.next() & 1 == 0 ? 1.0 : -1.0 }
      return Tensor(shape: shape, scalars: zip(t.scalars, signs).map(*), requiresGrad: true)
    }
    func distinct(_ shape: [Int]) -> Tensor<Double> {
      let n = shape.product
      var values = (0..<n).map { Double($0) / Double(n) - 0.5 }
      values.shuffle(using: &g)
      return Tensor(shape: shape, scalars: values, requiresGrad: true)
    }
    let dropoutSeed = g.next()
    return [
      GradientCheckCase("add", inputs: [input([3, 4]), input([3, 4])]) { try $0[0] + $0[1] },
      GradientCheckCase("add (broadcast bias)", inputs: [input([2, 3, 4]), input([4])]) { try $0[0] + $0[1] },
      GradientCheckCase("sub (broadcast column)", inputs: [input([3, 4]), input([3, 1])]) { try $0[0] - $0[1] },
      GradientCheckCase("mul (broadcast)", inputs: [input([2, 1, 4]), input([3, 1])]) { try $0[0] * $0[1] },
      GradientCheckCase("div", inputs: [input([3, 4]), input([3, 4], low: 0.5, high: 2)]) { try $0[0] / $0[1] },
      GradientCheckCase("neg", inputs: [input([5])]) { -$0[0] },
      GradientCheckCase("pow", inputs: [input([5], low: 0.5, high: 2)]) { $0[0].pow(2.5) },
      GradientCheckCase("exp", inputs: [input([5])]) { $0[0].exp() },
      GradientCheckCase("log", inputs: [input([5], low: 0.5, high: 3)]) { $0[0].log() },
      GradientCheckCase("sqrt", inputs: [input([5], low: 0.5, high: 3)]) { $0[0].sqrt() },
      GradientCheckCase("tanh", inputs: [input([5])]) { $0[0].tanh() },
      GradientCheckCase("sigmoid", inputs: [input([5])]) { $0[0].sigmoid() },
      GradientCheckCase("relu", inputs: [awayFromZero([8])]) { $0[0].relu() },
      GradientCheckCase("gelu", inputs: [input([8], low: -3, high: 3)]) { $0[0].gelu() },
      GradientCheckCase("matmul (2-D)", inputs: [input([3, 5]), input([5, 4])]) { try $0[0].matmul($0[1]) },
      GradientCheckCase("matmul (batched)", inputs: [input([2, 3, 5]), input([2, 5, 17])]) { try $0[0].matmul($0[1]) },
      GradientCheckCase("matmul (rows × shared matrix)", inputs: [input([2, 5, 6]), input([6, 18])]) { try $0[0].matmul($0[1]) },
      GradientCheckCase("linear (x·Wᵀ + b)", inputs: [input([2, 3, 5]), input([7, 5]), input([7])]) {
        try $0[0].linear(weight: $0[1], bias: $0[2])
      },
      GradientCheckCase("linear (no bias, tiles and edges)", inputs: [input([13, 9]), input([18, 9])]) { try $0[0].linear(weight: $0[1]) },
      GradientCheckCase("causal_attention", inputs: [input([2, 5, 12], low: -2, high: 2)]) { try $0[0].causalSelfAttention(headCount: 2) },
      GradientCheckCase("causal_attention (several row blocks)", inputs: [input([1, 37, 6], low: -2, high: 2)]) {
        try $0[0].causalSelfAttention(headCount: 1)
      },
      GradientCheckCase("transpose", inputs: [input([2, 3, 4])]) { try $0[0].transposed(0, 2) },
      GradientCheckCase("permute", inputs: [input([2, 3, 4])]) { try $0[0].permuted([1, 2, 0]) },
      GradientCheckCase("reshape", inputs: [input([2, 6])]) { try $0[0].reshaped([3, -1]) },
      GradientCheckCase("sum (all)", inputs: [input([3, 4])]) { $0[0].sum() },
      GradientCheckCase("sum (axes, keepdim)", inputs: [input([2, 3, 4])]) { try $0[0].sum(alongAxes: [0, 2], keepingDimensions: true) },
      GradientCheckCase("mean (axis)", inputs: [input([2, 3, 4])]) { try $0[0].mean(alongAxes: [1]) },
      GradientCheckCase("max (axis)", inputs: [distinct([3, 5])]) { try $0[0].max(alongAxes: [1]) },
      GradientCheckCase("softmax", inputs: [input([3, 6], low: -2, high: 2)]) { $0[0].softmax() },
      GradientCheckCase("log_softmax", inputs: [input([3, 6], low: -2, high: 2)]) { $0[0].logSoftmax() },
      GradientCheckCase("cross_entropy", inputs: [input([4, 7], low: -2, high: 2)]) { try $0[0].crossEntropy(targets: [0, 6, 3, 3]) },
      GradientCheckCase("embedding", inputs: [input([5, 3])]) { try $0[0].embedding([4, 1, 4, 0], shape: [2, 2]) },
      GradientCheckCase("concat", inputs: [input([2, 3]), input([2, 2])]) { try Tensor.concatenate([$0[0], $0[1]], axis: 1) },
      GradientCheckCase("split", inputs: [input([2, 7])]) { let parts = try $0[0].split([3, 4], axis: 1); return try parts[1] * parts[1] },
      GradientCheckCase("slice", inputs: [input([4, 3])]) { try $0[0].slice(axis: 0, 1..<3) },
      GradientCheckCase("masked_fill (causal)", inputs: [input([2, 4, 4])]) {
        try $0[0].maskedFill(Tensor<Double>.causalMask(length: 4), maskShape: [4, 4], value: -1e9).softmax()
      },
      GradientCheckCase("layer_norm", inputs: [input([3, 6], low: -2, high: 2), input([6], low: 0.5, high: 1.5), input([6])]) {
        try $0[0].layerNorm(weight: $0[1], bias: $0[2])
      },
      GradientCheckCase("dropout", inputs: [input([4, 5])]) {
        var masks = SplitMix64(seed: dropoutSeed)
        return try $0[0].dropout(0.3, using: &masks)
      },
    ]
  }
}
