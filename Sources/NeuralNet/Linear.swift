import Autograd

/// A fully connected layer: y = x·Wᵀ + b with W `[outputCount, inputCount]` (PyTorch layout)
/// and b `[outputCount]`; x is `[…, inputCount]`.
///
/// A LoRA adapter (Hu et al. 2021) can be attached: y = x·Wᵀ + b + (α/r)·(x·Aᵀ)·Bᵀ with
/// A `[r, inputCount]`, B `[outputCount, r]`, W and b frozen, and B starting at zero so the
/// adapted layer starts out identical to the base layer.
public final class Linear<Scalar: TensorScalar>: Module {
  /// The weight matrix `[outputCount, inputCount]`.
  public let weight: Tensor<Scalar>
  /// The bias `[outputCount]`, or nil for a layer without bias.
  public let bias: Tensor<Scalar>?
  /// The attached low-rank adapter, if any.
  public private(set) var adapter: LoRAAdapter<Scalar>?
  /// The weight rounded to bfloat16 or int8, which forward passes without gradient recording
  /// multiply by instead of `weight` (nil: float32; see ``setWeightPrecision(_:)``).
  public private(set) var reducedWeight: ReducedPrecisionMatrix?

  /// Number of input features.
  public var inputCount: Int { weight.shape[1] }
  /// Number of output features.
  public var outputCount: Int { weight.shape[0] }

  /// A layer with weights drawn from N(0, std²) (GPT-2 uses 0.02) and zero bias; std 0 gives zero
  /// weights and draws nothing (a layer whose values are assigned next).
  public init(inputCount: Int, outputCount: Int, bias: Bool = true, std: Double = 0.02, using generator: inout SplitMix64) {
    weight =
      std == 0
      ? Tensor.zeros([outputCount, inputCount], requiresGrad: true)
      : Tensor.normal([outputCount, inputCount], std: std, requiresGrad: true, using: &generator)
    self.bias = bias ? Tensor.zeros([outputCount], requiresGrad: true) : nil
  }

  /// A layer with the given weight and optional bias.
  public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
    precondition(weight.rank == 2 && (bias == nil || bias!.shape == [weight.shape[0]]))
    self.weight = weight
    self.bias = bias
  }

  public var namedParameters: [NamedParameter<Scalar>] {
    var result = [NamedParameter("weight", weight)]
    if let bias { result.append(NamedParameter("bias", bias)) }
    if let adapter { result += [NamedParameter("lora_A", adapter.a), NamedParameter("lora_B", adapter.b)] }
    return result
  }

  /// x `[…, inputCount]` → `[…, outputCount]`.
  /// Forward passes without gradient recording use ``reducedWeight`` when it is set; with
  /// recording (training) the float32 `weight` is used.
  public func callAsFunction(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
    var y: Tensor<Scalar>
    if let reducedWeight, !GradientMode.isEnabled {
      y = try x.linear(weight: reducedWeight, bias: bias)
    } else {
      y = try x.linear(weight: weight, bias: bias)
    }
    if let adapter {
      let low = try x.linear(weight: adapter.a)          // […, r]
      y = try y + low.linear(weight: adapter.b) * adapter.scale
    }
    return y
  }

  /// Rounds the current weight to `precision` for inference (`.f32` drops the rounded copy). Call
  /// it again after the weight changes: the rounded copy does not follow later updates.
  public func setWeightPrecision(_ precision: WeightPrecision) {
    reducedWeight =
      precision == .f32
      ? nil : ReducedPrecisionMatrix(weight.scalars, rows: outputCount, columns: inputCount, precision: precision)
  }

  /// Attaches a rank-`rank` adapter with scaling α/r and freezes the base weight and bias.
  /// A is drawn from N(0, 1/rank), B starts at zero.
  public func attachLoRA(rank: Int, alpha: Double, using generator: inout SplitMix64) throws {
    guard rank >= 1, rank <= min(inputCount, outputCount) else {
      throw TensorError.invalidArgument(op: "lora", reason: "rank \(rank) must be between 1 and \(min(inputCount, outputCount)) for a \(inputCount)→\(outputCount) layer")
    }
    adapter = LoRAAdapter(
      a: Tensor.normal([rank, inputCount], std: 1 / Double(rank).squareRoot(), requiresGrad: true, using: &generator),
      b: Tensor.zeros([outputCount, rank], requiresGrad: true),
      scale: Scalar(alpha / Double(rank)))
    weight.setRequiresGrad(false)
    bias?.setRequiresGrad(false)
  }

  /// Folds the adapter into the weight, W ← W + (α/r)·B·A, and removes it; the layer
  /// computes the same function afterwards, with no extra cost at inference.
  public func mergeLoRA() throws {
    guard let adapter else { return }
    let delta = try GradientMode.withoutRecording { try adapter.b.matmul(adapter.a) * adapter.scale }
    try weight.assign(zip(weight.scalars, delta.scalars).map(+))
    self.adapter = nil
  }
}

/// The two low-rank factors of a LoRA adapter and its scale α/r.
public struct LoRAAdapter<Scalar: TensorScalar> {
  /// Down-projection `[r, inputCount]`.
  public let a: Tensor<Scalar>
  /// Up-projection `[outputCount, r]`, initialised to zero.
  public let b: Tensor<Scalar>
  /// α / r.
  public let scale: Scalar
}
