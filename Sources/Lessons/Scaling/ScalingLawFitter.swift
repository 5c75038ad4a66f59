import Autograd
import Foundation
import NeuralNet
import Training
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

/// Fits L(N, D) = E + A/N^α + B/D^β to measured losses as Hoffmann et al. 2022 (Approach 3,
/// Appendix D.2) did: minimise Σ Huber_δ(LSE(a − α·log N, b − β·log D, e) − log L) over
/// (a, b, e, α, β), with A = eᵃ, B = eᵇ, E = eᵉ and δ = 10⁻³, by L-BFGS from the best points of
/// their grid of initialisations, keeping the best result.
///
/// The objective and its gradient come from the project's autodiff engine (`Tensor<Double>`);
/// the L-BFGS loop (two-loop recursion, backtracking Armijo line search) is written here. To make
/// the problem better conditioned, a and b are optimised as a − α·m_N and b − β·m_D, with m the
/// mean of log N and log D over the observations (the same model in shifted coordinates), and the
/// objective is divided by δ² so that a residual of δ costs ½.
public struct ScalingLawFitter: Sendable {
  /// The Huber threshold δ on log-loss residuals.
  public var huberDelta: Double
  /// L-BFGS iterations per start (at most).
  public var iterations: Int
  /// Starts taken from the initialisation grid (those with the lowest objective).
  public var starts: Int
  /// Curvature pairs L-BFGS keeps.
  public var memory: Int

  public init(huberDelta: Double = 1e-3, iterations: Int = 400, starts: Int = 8, memory: Int = 10) {
    precondition(huberDelta > 0 && iterations > 0 && starts > 0 && memory > 0, "fit settings are positive")
    (self.huberDelta, self.iterations, self.starts, self.memory) = (huberDelta, iterations, starts, memory)
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

  /// The observations in the fitter's coordinates: centred log N and log D, and log L.
  struct Problem {
    let centredN: [Double]
    let centredD: [Double]
    let logL: [Double]
    let meanN: Double
    let meanD: Double
    let delta: Double

    /// The objective Σ Huber_δ(r)/δ² in plain Double arithmetic (to rank the initialisation grid).
    func value(_ theta: [Double]) -> Double {
      var total = 0.0
      for i in logL.indices {
        let x = theta[0] - theta[3] * centredN[i], y = theta[1] - theta[4] * centredD[i], z = theta[2]
        let m = Swift.max(x, y, z)
        let residual = m + Foundation.log(Foundation.exp(x - m) + Foundation.exp(y - m) + Foundation.exp(z - m)) - logL[i]
        total += ScalingLawFitter.huber(residual, delta: delta)
      }
      return total / (delta * delta)
    }

    /// The objective and its gradient with respect to θ, from the autodiff engine.
    func valueAndGradient(_ theta: [Double]) throws -> (value: Double, gradient: [Double]) {
      let parameters = theta.map { Tensor<Double>(shape: [1], scalars: [$0], requiresGrad: true) }
      let n = Tensor<Double>(centredN), d = Tensor<Double>(centredD), target = Tensor<Double>(logL)
      // log L̂ = LSE(a' − α·(log N − m_N), b' − β·(log D − m_D), e), shifted by its largest term so exp cannot overflow.
      let x = try parameters[0] - parameters[3] * n
      let y = try parameters[1] - parameters[4] * d
      let z = parameters[2]
      let shift = Tensor<Double>(zip(x.scalars, y.scalars).map { Swift.max($0, $1, theta[2]) })
      let sum = try (x - shift).exp() + (y - shift).exp() + (z - shift).exp()
      let residual = try sum.log() + shift - target
      let size = try residual.relu() + (-residual).relu()  // |r|
      let excess = (size - delta).relu()  // max(|r| − δ, 0)
      let inside = try size - excess  // min(|r|, δ)
      let huber = try inside * inside * 0.5 + excess * delta
      let loss = huber.sum() * (1 / (delta * delta))
      let value = backpropagate(loss)
      return (value, parameters.map { $0.grad?.first ?? 0 })
    }

    /// (E, A, B, α, β) from shifted coordinates θ.
    func law(_ theta: [Double]) -> (e: Double, a: Double, b: Double, alpha: Double, beta: Double) {
      (Foundation.exp(theta[2]), Foundation.exp(theta[0] + theta[3] * meanN), Foundation.exp(theta[1] + theta[4] * meanD),
       theta[3], theta[4])
    }
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
    let meanN = logN.reduce(0, +) / Double(logN.count), meanD = logD.reduce(0, +) / Double(logD.count)
    let problem = Problem(
      centredN: logN.map { $0 - meanN }, centredD: logD.map { $0 - meanD }, logL: observations.map { Foundation.log($0.loss) },
      meanN: meanN, meanD: meanD, delta: huberDelta)

    // Shifted coordinates θ = (a − α·m_N, b − β·m_D, e, α, β).
    func shifted(_ p: [Double]) -> [Double] { [p[0] - p[3] * meanN, p[1] - p[4] * meanD, p[2], p[3], p[4]] }
    let grid = Self.initialisationGrid.map(shifted)
    let scored = grid.indices.map { (index: $0, value: problem.value(grid[$0])) }
      .filter { $0.value.isFinite }
      .sorted { ($0.value, $0.index) < ($1.value, $1.index) }
    var best: (theta: [Double], value: Double)? = nil
    for start in scored.prefix(starts) {
      let theta = try minimise(problem, from: grid[start.index])
      let value = problem.value(theta)
      let law = problem.law(theta)
      let finite = [law.e, law.a, law.b, law.alpha, law.beta].allSatisfy { $0.isFinite && $0 < 1e300 }
      if value.isFinite, finite, best == nil || value < best!.value { best = (theta, value) }
    }
    guard let best else {
      throw LessonError.badInput(path: "scaling-law fit", reason: "no start gave a finite objective")
    }
    let law = problem.law(best.theta)
    let provisional = ScalingLawFit(
      irreducibleLoss: law.e, parameterCoefficient: law.a, dataCoefficient: law.b, parameterExponent: law.alpha,
      dataExponent: law.beta, objective: best.value * huberDelta * huberDelta,
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
      dataExponent: provisional.dataExponent, objective: provisional.objective,
      rSquared: total > 0 ? 1 - unexplained / total : (unexplained == 0 ? 1 : 0),
      meanAbsoluteResidual: residuals.map(abs).reduce(0, +) / Double(residuals.count),
      maximumAbsoluteResidual: residuals.map(abs).max() ?? 0)
  }

  /// Huber loss: r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond.
  static func huber(_ r: Double, delta: Double) -> Double {
    abs(r) <= delta ? 0.5 * r * r : delta * (abs(r) - 0.5 * delta)
  }

  /// L-BFGS (Nocedal & Wright, Algorithm 7.4 and 7.5) with a backtracking Armijo line search,
  /// from `start`; stops when a step no longer lowers the objective or the gradient vanishes.
  func minimise(_ problem: Problem, from start: [Double]) throws -> [Double] {
    func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } }
    var theta = start
    var (value, gradient) = try problem.valueAndGradient(theta)
    guard value.isFinite else { return theta }
    var pairs: [(s: [Double], y: [Double], rho: Double)] = []
    for _ in 0..<iterations {
      if dot(gradient, gradient).squareRoot() < 1e-10 { break }
      // Two-loop recursion: direction = −H·g.
      var q = gradient
      var alphas: [Double] = []
      for pair in pairs.reversed() {
        let a = pair.rho * dot(pair.s, q)
        alphas.append(a)
        q = zip(q, pair.y).map { $0 - a * $1 }
      }
      if let last = pairs.last {
        let gamma = dot(last.s, last.y) / dot(last.y, last.y)
        q = q.map { $0 * gamma }
      } else {
        let norm = dot(gradient, gradient).squareRoot()
        q = q.map { $0 / Swift.max(norm, 1) }
      }
      for (pair, a) in zip(pairs, alphas.reversed()) {
        let b = pair.rho * dot(pair.y, q)
        q = zip(q, pair.s).map { $0 + (a - b) * $1 }
      }
      var direction = q.map { -$0 }
      var slope = dot(gradient, direction)
      if !(slope < 0) {  // not a descent direction: restart from steepest descent
        pairs.removeAll()
        let norm = dot(gradient, gradient).squareRoot()
        direction = gradient.map { -$0 / Swift.max(norm, 1) }
        slope = dot(gradient, direction)
      }
      // Backtracking line search (Armijo condition, c = 10⁻⁴).
      var step = 1.0
      var accepted: (theta: [Double], value: Double, gradient: [Double])? = nil
      for _ in 0..<40 {
        let candidate = zip(theta, direction).map { $0 + step * $1 }
        let trial = try problem.valueAndGradient(candidate)
        if trial.value.isFinite, trial.value <= value + 1e-4 * step * slope {
          accepted = (candidate, trial.value, trial.gradient)
          break
        }
        step *= 0.5
      }
      guard let accepted else { break }
      let s = zip(accepted.theta, theta).map { $0 - $1 }
      let y = zip(accepted.gradient, gradient).map { $0 - $1 }
      let sy = dot(s, y)
      if sy > 1e-12 * dot(y, y).squareRoot() * dot(s, s).squareRoot() {
        pairs.append((s, y, 1 / sy))
        if pairs.count > memory { pairs.removeFirst() }
      }
      let improvement = value - accepted.value
      (theta, value, gradient) = (accepted.theta, accepted.value, accepted.gradient)
      if improvement <= 1e-15 * Swift.max(1, abs(value)) { break }
    }
    return theta
  }
}
