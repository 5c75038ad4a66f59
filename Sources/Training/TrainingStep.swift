import Autograd
import NeuralNet

/// One step of training, the same for every model the project trains:
///
///     rate ← schedule(step) → loss of the batch → backward (and gradient synchronisation)
///     → finite check → clip the gradient norm → optimizer update → zero the gradients → after-update sync
///
/// The gradients are zero (absent) between steps. Gradient synchronisation sums the shards'
/// gradients before the clip, so the clip sees the norm of the whole batch's gradient, as
/// `clip_grad_norm_` after PyTorch's all-reduce does.
public final class TrainingStep<Scalar: TensorScalar> {
  /// The tensors the optimizer updates (and whose gradients are clipped and zeroed).
  public let parameters: [Tensor<Scalar>]
  /// The update rule.
  public let optimizer: any Optimizer<Scalar>
  /// The learning rate at each 0-based step; nil keeps the optimizer's rate.
  public let schedule: LearningRateSchedule?
  /// The largest global L2 norm the gradient may have (it is scaled down beyond); nil: no clipping.
  public let gradientClip: Double?
  /// How the gradient of a batch reaches `parameters`.
  public let synchronisation: any GradientSync<Scalar>

  public init(
    parameters: [Tensor<Scalar>], optimizer: any Optimizer<Scalar>, schedule: LearningRateSchedule? = nil,
    gradientClip: Double? = nil, synchronisation: any GradientSync<Scalar> = LocalGradients<Scalar>()
  ) {
    self.parameters = parameters.filter(\.requiresGrad)
    self.optimizer = optimizer
    self.schedule = schedule
    self.gradientClip = gradientClip
    self.synchronisation = synchronisation
  }

  /// AdamW over the trainable parameters of `model` with `settings`; weight decay on matrices only
  /// when `decayMatricesOnly` (biases and norm gains are not decayed).
  public convenience init(
    model: some Module<Scalar>, adamW settings: AdamWSettings, decayMatricesOnly: Bool = false,
    schedule: LearningRateSchedule? = nil, gradientClip: Double? = nil,
    synchronisation: any GradientSync<Scalar> = LocalGradients<Scalar>()
  ) {
    let parameters = model.trainableParameters
    self.init(
      parameters: parameters, optimizer: AdamW(parameters: parameters, settings: settings, decayMatricesOnly: decayMatricesOnly),
      schedule: schedule, gradientClip: gradientClip, synchronisation: synchronisation)
  }

  /// Takes the step with 0-based index `index` on the batch whose shards' losses `loss(shard)` gives.
  /// - Throws: `TensorError.nonFinite` naming step `index + 1` when the loss is NaN or infinite
  ///   (the parameters are not updated), or what `loss` throws.
  public func take(_ index: Int, loss: (_ shard: Int) throws -> Tensor<Scalar>) throws -> TrainingStepOutcome {
    if let schedule { optimizer.learningRate = schedule.rate(at: index) }
    let value = try synchronisation.backward(loss)
    do { try Loss.checkFinite(value, step: index + 1) } catch {
      zeroGradients()
      throw error
    }
    let norm = gradientClip.map { clipGradientNorm(parameters, maxNorm: $0) }
    optimizer.step()
    zeroGradients()
    try synchronisation.afterUpdate()
    return TrainingStepOutcome(loss: Double(value), learningRate: optimizer.learningRate, gradientNorm: norm)
  }

  /// Clears the gradients of `parameters`.
  func zeroGradients() { for parameter in parameters { parameter.zeroGrad() } }
}
