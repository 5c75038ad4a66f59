import Foundation

/// A parametric fit of final pre-training loss to model size N and training tokens D:
/// L(N, D) = E + A / N^α + B / D^β (Hoffmann et al. 2022, eq. 2), in nats per token.
public struct ParametricLoss: Sendable, Equatable {
  /// E: the loss of an ideal model on infinite data (entropy of text).
  public let irreducibleLoss: Double
  /// A: scale of the finite-model term.
  public let parameterCoefficient: Double
  /// B: scale of the finite-data term.
  public let dataCoefficient: Double
  /// α: exponent of N.
  public let parameterExponent: Double
  /// β: exponent of D.
  public let dataExponent: Double

  public init(irreducibleLoss: Double, parameterCoefficient: Double, dataCoefficient: Double,
              parameterExponent: Double, dataExponent: Double) {
    precondition(irreducibleLoss.isFinite, "E must be finite")
    precondition(parameterCoefficient > 0 && dataCoefficient > 0, "A and B are positive")
    precondition(parameterExponent > 0 && dataExponent > 0, "α and β are positive")
    self.irreducibleLoss = irreducibleLoss
    self.parameterCoefficient = parameterCoefficient
    self.dataCoefficient = dataCoefficient
    self.parameterExponent = parameterExponent
    self.dataExponent = dataExponent
  }

  /// Hoffmann et al. 2022 ("Training Compute-Optimal Large Language Models"), eq. 4 / Approach 3,
  /// constants as rounded in the paper: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28.
  public static let hoffmann2022 = ParametricLoss(
    irreducibleLoss: 1.69, parameterCoefficient: 406.4, dataCoefficient: 410.7,
    parameterExponent: 0.34, dataExponent: 0.28)

  /// Besiroglu, Erdil, Barnett & You 2024 ("Chinchilla Scaling: A replication attempt",
  /// arXiv:2404.10102), refit of Approach 3 on data reconstructed from Hoffmann et al.'s Figure 4:
  /// E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658.
  public static let besiroglu2024 = ParametricLoss(
    irreducibleLoss: 1.8172, parameterCoefficient: 482.01, dataCoefficient: 2085.43,
    parameterExponent: 0.3478, dataExponent: 0.3658)

  /// L(N, D) = E + A/N^α + B/D^β for `parameters` N and `tokens` D.
  public func loss(parameters: Double, tokens: Double) -> Double {
    irreducibleLoss + parameterCoefficient / pow(parameters, parameterExponent)
      + dataCoefficient / pow(tokens, dataExponent)
  }

  /// The N and D that minimise L(N, D) subject to 6·N·D = `flops` (Hoffmann et al. 2022, eq. 4):
  /// N = G·(C/6)^(β/(α+β)), D = (C/6)/N, with G = (α·A / (β·B))^(1/(α+β)).
  public func computeOptimal(flops: Double) -> (parameters: Double, tokens: Double) {
    let a = parameterExponent, b = dataExponent
    let g = pow(a * parameterCoefficient / (b * dataCoefficient), 1 / (a + b))
    let product = flops / TrainingCompute.trainingFLOPsPerParameter
    let parameters = g * pow(product, b / (a + b))
    return (parameters, product / parameters)
  }
}

/// How a compute budget is split between model size and training tokens.
public enum AllocationLaw: String, Sendable, Equatable, CaseIterable {
  /// ~20 tokens per parameter (Hoffmann et al. 2022, Table 3): C = 6·N·20N, so N = √(C/120), D = 20·N.
  case chinchillaRule = "chinchilla-rule"
  /// Minimise L(N, D) with Hoffmann et al. 2022's published (rounded) constants.
  case hoffmann
  /// Minimise L(N, D) with Besiroglu et al. 2024's replication constants.
  case besiroglu

  /// Tokens per parameter of the Chinchilla rule.
  public static let chinchillaTokensPerParameter = 20.0

  /// The loss fit this law minimises, or `nil` for the rule of thumb.
  public var lossFit: ParametricLoss? {
    switch self {
    case .chinchillaRule: return nil
    case .hoffmann: return .hoffmann2022
    case .besiroglu: return .besiroglu2024
    }
  }

  /// One line saying where the law comes from.
  public var summary: String {
    switch self {
    case .chinchillaRule:
      return "~20 tokens per parameter (Hoffmann et al. 2022, Table 3): N = √(C/120), D = 20·N"
    case .hoffmann:
      return "argmin L(N,D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 s.t. 6·N·D = C (Hoffmann et al. 2022, rounded constants)"
    case .besiroglu:
      return "argmin L(N,D) = 1.8172 + 482.01/N^0.3478 + 2085.43/D^0.3658 s.t. 6·N·D = C (Besiroglu et al. 2024)"
    }
  }

  /// Why the two parametric fits disagree, for `--explain`.
  public static let disagreement = """
    The rounded constants published by Hoffmann et al. (α = 0.34, β = 0.28) make the data \
    exponent much smaller than the parameter exponent, so their optimum leans towards data: \
    about 90 tokens per parameter at Gopher's 5.76e23 FLOPs, contradicting the paper's own \
    Approaches 1 and 2 and the 20 tokens per parameter Chinchilla was trained with. Besiroglu \
    et al. (2024) reconstructed the data from the paper's Figure 4, refit the same formula, and \
    found that the original optimiser stopped before converging and that rounding the published \
    constants biases the optimum; their refit (α = 0.3478, β = 0.3658) gives about 20 tokens per \
    parameter, consistent with Approaches 1 and 2. Predicted losses from either fit are \
    extrapolations of small-model runs on one data set (MassiveText); treat them as relative, \
    not absolute.
    """

  /// The compute-optimal split of `flops` under this law.
  public func allocate(flops: Double) -> ComputeOptimalAllocation {
    switch self {
    case .chinchillaRule:
      let n = (flops / (TrainingCompute.trainingFLOPsPerParameter * Self.chinchillaTokensPerParameter)).squareRoot()
      return ComputeOptimalAllocation(
        law: self, flops: flops, parameters: n, tokens: Self.chinchillaTokensPerParameter * n, predictedLoss: nil)
    case .hoffmann, .besiroglu:
      let fit = lossFit!
      let (n, d) = fit.computeOptimal(flops: flops)
      return ComputeOptimalAllocation(
        law: self, flops: flops, parameters: n, tokens: d, predictedLoss: fit.loss(parameters: n, tokens: d))
    }
  }
}

/// A compute budget split into model size and training tokens.
public struct ComputeOptimalAllocation: Sendable, Equatable {
  /// The law that chose the split.
  public let law: AllocationLaw
  /// The budget C in FLOPs (= 6·N·D).
  public let flops: Double
  /// Model size N.
  public let parameters: Double
  /// Training tokens D.
  public let tokens: Double
  /// The fit's predicted loss L(N, D) in nats per token; `nil` for the rule of thumb.
  public let predictedLoss: Double?

  /// D / N.
  public var tokensPerParameter: Double { tokens / parameters }
}
