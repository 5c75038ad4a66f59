import Autograd
import Foundation
import NeuralNet
import TrainingCost

/// One measured run for a scaling-law fit: model size N, training tokens D and final loss L (nats).
public struct ScalingObservation: Sendable, Equatable {
  /// Parameters N.
  public var parameters: Double
  /// Training tokens D.
  public var tokens: Double
  /// Final validation loss L in nats per token.
  public var loss: Double

  public init(parameters: Double, tokens: Double, loss: Double) {
    (self.parameters, self.tokens, self.loss) = (parameters, tokens, loss)
  }
}

/// The fitted L(N, D) = E + A/N^α + B/D^β with how well it matches the observations.
public struct ScalingLawFit: Sendable, Equatable {
  /// E: the loss an infinite model trained on infinite data would reach.
  public let irreducibleLoss: Double
  /// A: scale of the finite-model term.
  public let parameterCoefficient: Double
  /// B: scale of the finite-data term.
  public let dataCoefficient: Double
  /// α: exponent of N.
  public let parameterExponent: Double
  /// β: exponent of D.
  public let dataExponent: Double
  /// The minimised objective: Σ Huber_δ(log L̂ − log L) over the observations.
  public let objective: Double
  /// 1 − Σ(L − L̂)² / Σ(L − mean L)², on the losses themselves (not their logs).
  public let rSquared: Double
  /// Mean |L − L̂| in nats.
  public let meanAbsoluteResidual: Double
  /// Largest |L − L̂| in nats.
  public let maximumAbsoluteResidual: Double

  /// L̂(N, D) = E + A/N^α + B/D^β.
  public func loss(parameters: Double, tokens: Double) -> Double {
    irreducibleLoss + parameterCoefficient / Foundation.pow(parameters, parameterExponent)
      + dataCoefficient / Foundation.pow(tokens, dataExponent)
  }

  /// The fit as the cost library's ``ParametricLoss`` (for its compute-optimal split), or `nil`
  /// when a coefficient or exponent came out non-positive.
  public var parametricLoss: ParametricLoss? {
    guard parameterCoefficient > 0, dataCoefficient > 0, parameterExponent > 0, dataExponent > 0,
      irreducibleLoss.isFinite, parameterCoefficient.isFinite, dataCoefficient.isFinite
    else { return nil }
    return ParametricLoss(
      irreducibleLoss: irreducibleLoss, parameterCoefficient: parameterCoefficient, dataCoefficient: dataCoefficient,
      parameterExponent: parameterExponent, dataExponent: dataExponent)
  }
}

/// Fits L(N, D) = E + A/N^α + B/D^β to measured losses as Hoffmann et al. 2022 (Approach 3) did:
/// minimise Σ Huber_δ(LSE(a − α·log N, b − β·log D, e) − log L) over (a, b, e, α, β) with
/// A = eᵃ, B = eᵇ, E = eᵉ and δ = 10⁻³, from the best points of their grid of initialisations.
///
/// Hoffmann et al. used L-BFGS; this fitter uses the project's autodiff engine and Adam (cosine-decayed
/// step size) from the `starts` grid points with the lowest objective, and keeps the best result. To
/// make the problem better conditioned, a and b are optimised as a − α·m_N and b − β·m_D, with m the
/// mean of log N and log D over the observations (the same model, shifted coordinates).
public struct ScalingLawFitter: Sendable {
  /// The Huber threshold δ on log-loss residuals.
  public var huberDelta: Double
  /// Adam iterations per start.
  public var iterations: Int
  /// Starts taken from the initialisation grid.
  public var starts: Int
  /// Adam's initial step size (decayed to 1 % of it by a cosine).
  public var learningRate: Double

  public init(huberDelta: Double = 1e-3, iterations: Int = 3000, starts: Int = 8, learningRate: Double = 0.05) {
    precondition(huberDelta > 0 && iterations > 0 && starts > 0 && learningRate > 0, "fit settings are positive")
    (self.huberDelta, self.iterations, self.starts, self.learningRate) = (huberDelta, iterations, starts, learningRate)
  }

  /// Hoffmann et al. 2022's initialisation grid (Appendix D.2): α, β ∈ {0, 0.5, …, 2},
  /// e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}; as (a, b, e, α, β).
  public static var initialisationGrid: [[Double]] {
    var grid: [[Double]] = []
    let exponents = stride(from: 0.0, through: 2.0, by: 0.5), offsets = stride(from: 0.0, through: 25.0, by: 5.0)
    for alpha in exponents {
      for beta in exponents {
        for e in stride(from: -1.0, through: 1.0, by: 0.5) {
          for a in offsets { for b in offsets { grid.append([a, b, e, alpha, beta]) } }
        }
      }
    }
    return grid
  }

  /// Fits the law to `observations` (at least 5, with positive N, D and L).
  public func fit(_ observations: [ScalingObservation]) throws -> ScalingLawFit {
    guard observations.count >= 5,
      observations.allSatisfy({ $0.parameters > 0 && $0.tokens > 0 && $0.loss > 0 && $0.loss.isFinite })
    else {
      throw LessonError.badInput(
        path: "scaling-law fit", reason: "it needs at least 5 runs with positive parameters, tokens and finite loss")
    }
    let logN = observations.map { Foundation.log($0.parameters) }
    let logD = observations.map { Foundation.log($0.tokens) }
    let logL = observations.map { Foundation.log($0.loss) }
    let meanN = logN.reduce(0, +) / Double(logN.count), meanD = logD.reduce(0, +) / Double(logD.count)
    let centredN = logN.map { $0 - meanN }, centredD = logD.map { $0 - meanD }

    // Shifted coordinates θ = (a − α·m_N, b − β·m_D, e, α, β).
    func shifted(_ p: [Double]) -> [Double] { [p[0] - p[3] * meanN, p[1] - p[4] * meanD, p[2], p[3], p[4]] }
    func objective(_ theta: [Double]) -> Double {
      var total = 0.0
      for i in logL.indices {
        let x = theta[0] - theta[3] * centredN[i], y = theta[1] - theta[4] * centredD[i], z = theta[2]
        let m = Swift.max(x, y, z)
        let residual = m + Foundation.log(Foundation.exp(x - m) + Foundation.exp(y - m) + Foundation.exp(z - m)) - logL[i]
        total += Self.huber(residual, delta: huberDelta)
      }
      return total
    }

    let grid = Self.initialisationGrid.map(shifted)
    let scored = grid.indices.map { (index: $0, value: objective(grid[$0])) }
      .filter { $0.value.isFinite }
      .sorted { ($0.value, $0.index) < ($1.value, $1.index) }
    var best: (theta: [Double], value: Double)? = nil
    for start in scored.prefix(starts) {
      let theta = try descend(from: grid[start.index], centredN: centredN, centredD: centredD, logL: logL)
      let value = objective(theta)
      if value.isFinite, best == nil || value < best!.value { best = (theta, value) }
    }
    guard let best else {
      throw LessonError.badInput(path: "scaling-law fit", reason: "no start gave a finite objective")
    }
    let theta = best.theta
    let a = theta[0] + theta[3] * meanN, b = theta[1] + theta[4] * meanD
    let provisional = ScalingLawFit(
      irreducibleLoss: Foundation.exp(theta[2]), parameterCoefficient: Foundation.exp(a),
      dataCoefficient: Foundation.exp(b), parameterExponent: theta[3], dataExponent: theta[4], objective: best.value,
      rSquared: 0, meanAbsoluteResidual: 0, maximumAbsoluteResidual: 0)
    let predicted = observations.map { provisional.loss(parameters: $0.parameters, tokens: $0.tokens) }
    let measured = observations.map(\.loss)
    let mean = measured.reduce(0, +) / Double(measured.count)
    let residuals = zip(measured, predicted).map { $0 - $1 }
    let total = measured.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let unexplained = residuals.reduce(0) { $0 + $1 * $1 }
    return ScalingLawFit(
      irreducibleLoss: provisional.irreducibleLoss, parameterCoefficient: provisional.parameterCoefficient,
      dataCoefficient: provisional.dataCoefficient, parameterExponent: provisional.parameterExponent,
      dataExponent: provisional.dataExponent, objective: best.value,
      rSquared: total > 0 ? 1 - unexplained / total : (unexplained == 0 ? 1 : 0),
      meanAbsoluteResidual: residuals.map(abs).reduce(0, +) / Double(residuals.count),
      maximumAbsoluteResidual: residuals.map(abs).max() ?? 0)
  }

  /// Huber loss: r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond.
  static func huber(_ r: Double, delta: Double) -> Double {
    abs(r) <= delta ? 0.5 * r * r : delta * (abs(r) - 0.5 * delta)
  }

  /// Adam on the Huber objective built from autodiff tensors, from `start` (shifted coordinates).
  private func descend(from start: [Double], centredN: [Double], centredD: [Double], logL: [Double]) throws -> [Double] {
    let theta = start.map { Tensor<Double>(shape: [1], scalars: [$0], requiresGrad: true) }
    let n = Tensor<Double>(centredN), d = Tensor<Double>(centredD), target = Tensor<Double>(logL)
    let optimizer = AdamW<Double>(parameters: theta, learningRate: learningRate, weightDecay: 0)
    let schedule = LearningRateSchedule.warmupCosine(
      peak: learningRate, warmupSteps: 0, totalSteps: iterations, minimum: learningRate / 100)
    let delta = huberDelta
    for iteration in 0..<iterations {
      // log L̂ = log(exp(a − α·log N) + exp(b − β·log D) + exp(e)); terms stay far below exp's overflow.
      let modelTerm = try (theta[0] - theta[3] * n).exp()
      let dataTerm = try (theta[1] - theta[4] * d).exp()
      let predicted = try (modelTerm + dataTerm + theta[2].exp()).log()
      let residual = try predicted - target
      let size = try residual.relu() + (-residual).relu()
      let excess = (size - delta).relu()
      let inside = try size - excess
      let loss = try (inside * inside * 0.5 + excess * delta).sum()
      guard loss.item.isFinite else { break }
      for t in theta { t.zeroGrad() }
      loss.backward()
      optimizer.learningRate = schedule.rate(at: iteration)
      optimizer.step()
    }
    return theta.map(\.item)
  }
}
