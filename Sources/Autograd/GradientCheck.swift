/// Checks backpropagated gradients against central finite differences in float64.
///
/// The output of the function under test is projected to a scalar with fixed random
/// weights, L = Σ f(x) ⊙ w, so that every output element contributes. For every input
/// element, ∂L/∂x ≈ (L(x + h) − L(x − h)) / 2h. The error of one input tensor is the
/// relative norm ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖); a check passes when the
/// largest over its inputs is at most the tolerance.
public enum GradientCheck {
  /// The outcome of checking one operation.
  public struct Report: Sendable, Codable, Equatable {
    /// The operation checked (e.g. "matmul (batched)").
    public let op: String
    /// The largest per-tensor relative error over the inputs.
    public let maxRelativeError: Double
    /// Which input (0-based) had that error.
    public let worstInput: Int
    /// At the element of that input where the two disagree most: the backpropagated value…
    public let analytic: Double
    /// …and the finite-difference value.
    public let numeric: Double
    /// The largest error accepted.
    public let tolerance: Double
    /// The kernel implementation the op ran on (forward, backward and finite differences).
    public let kernels: KernelImplementation
    /// Whether `maxRelativeError <= tolerance`.
    public var passed: Bool { maxRelativeError <= tolerance }

    enum CodingKeys: String, CodingKey { case op, kernels, maxRelativeError, worstInput, analytic, numeric, tolerance, passed }

    public init(
      op: String, maxRelativeError: Double, worstInput: Int, analytic: Double, numeric: Double, tolerance: Double,
      kernels: KernelImplementation = .fast
    ) {
      (self.op, self.maxRelativeError, self.worstInput, self.analytic, self.numeric, self.tolerance, self.kernels) =
        (op, maxRelativeError, worstInput, analytic, numeric, tolerance, kernels)
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        op: try c.decode(String.self, forKey: .op), maxRelativeError: try c.decode(Double.self, forKey: .maxRelativeError),
        worstInput: try c.decode(Int.self, forKey: .worstInput), analytic: try c.decode(Double.self, forKey: .analytic),
        numeric: try c.decode(Double.self, forKey: .numeric), tolerance: try c.decode(Double.self, forKey: .tolerance),
        kernels: try c.decodeIfPresent(KernelImplementation.self, forKey: .kernels) ?? .fast)
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(op, forKey: .op)
      try c.encode(kernels, forKey: .kernels)
      try c.encode(maxRelativeError, forKey: .maxRelativeError)
      try c.encode(worstInput, forKey: .worstInput)
      try c.encode(analytic, forKey: .analytic)
      try c.encode(numeric, forKey: .numeric)
      try c.encode(tolerance, forKey: .tolerance)
      try c.encode(passed, forKey: .passed)
    }

    /// A readable line for a failure: op, kernels, input, analytic vs numeric.
    public var explanation: String {
      "\(op) (\(kernels.rawValue) kernels): input \(worstInput) has relative error \(maxRelativeError) (backprop \(analytic) vs finite difference \(numeric))"
    }
  }

  /// Checks the gradients of `function` with respect to every input that requires a gradient,
  /// with every kernel call (forward, backward, finite differences) on `kernels`.
  public static func check(
    _ op: String, inputs: [Tensor<Double>], tolerance: Double = 1e-6, step: Double = 1e-6,
    seed: UInt64 = 0x5EED, kernels: KernelImplementation = .fast, _ function: ([Tensor<Double>]) throws -> Tensor<Double>
  ) throws -> Report {
    try Kernels.$implementation.withValue(kernels) {
      try checkOnTheTaskKernels(op, inputs: inputs, tolerance: tolerance, step: step, seed: seed, function)
    }
  }

  /// ``check(_:inputs:tolerance:step:seed:kernels:_:)`` with the kernels the task has chosen.
  static func checkOnTheTaskKernels(
    _ op: String, inputs: [Tensor<Double>], tolerance: Double, step: Double, seed: UInt64,
    _ function: ([Tensor<Double>]) throws -> Tensor<Double>
  ) throws -> Report {
    var generator = SplitMix64(seed: seed)
    let probe = try GradientMode.withoutRecording { try function(inputs) }
    let weights = Tensor<Double>.normal(probe.shape, using: &generator)
    func objective() throws -> Tensor<Double> { try (function(inputs) * weights).sum() }

    for input in inputs { input.zeroGrad() }
    try objective().backward()

    var worst = (error: 0.0, input: 0, analytic: 0.0, numeric: 0.0)
    for (index, input) in inputs.enumerated() where input.requiresGrad {
      let analytic = input.grad ?? [Double](repeating: 0, count: input.count)
      var numeric = [Double](repeating: 0, count: input.count)
      for i in 0..<input.count {
        let original = input.scalars[i]
        input.scalars[i] = original + step
        let plus = try GradientMode.withoutRecording { try objective().item }
        input.scalars[i] = original - step
        let minus = try GradientMode.withoutRecording { try objective().item }
        input.scalars[i] = original
        numeric[i] = (plus - minus) / (2 * step)
      }
      let differenceNorm = zip(analytic, numeric).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
      let scale = max(norm(analytic), norm(numeric), 1e-12)
      let error = differenceNorm / scale
      if error >= worst.error {
        let element = zip(analytic, numeric).enumerated().max { abs($0.element.0 - $0.element.1) < abs($1.element.0 - $1.element.1) }?.offset ?? 0
        worst = (error, index, analytic.isEmpty ? 0 : analytic[element], numeric.isEmpty ? 0 : numeric[element])
      }
    }
    return Report(
      op: op, maxRelativeError: worst.error, worstInput: worst.input, analytic: worst.analytic, numeric: worst.numeric,
      tolerance: tolerance, kernels: Kernels.implementation)
  }

  static func norm(_ x: [Double]) -> Double { x.map { $0 * $0 }.reduce(0, +).squareRoot() }
}
