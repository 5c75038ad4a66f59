import Foundation
import Plotting
import Testing
import TrainingCost

@testable import Lessons

/// The scaling lesson: the law fitter on synthetic data with known constants, quick-mode claims
/// across seeds, plots, determinism, refused settings and the frontier arithmetic.
@Suite("Scaling")
struct ScalingLessonTests {
  static let runs = QuickLessonRuns.make(ScalingLesson())

  @Test("every claim holds in quick mode (seed 1)")
  func claimsHold() throws {
    let result = try Self.runs.get().result
    #expect(result.claims.count == 5)
    for claim in result.claims { #expect(claim.passed, "\(claim.statement): \(claim.detail)") }
    let grid = ScalingGrid.quick
    #expect(result.value(of: "grid_runs") == Double(grid.models.count * grid.tokenBudgets.count))
    // Every run's counted FLOPs within 15 % of 6·N·D + attention, recomputed here from the table.
    let table = try #require(result.tables.first { $0.title.hasPrefix("Every run") })
    #expect(table.rows.count == grid.models.count * grid.tokenBudgets.count)
    for row in table.rows {
      let n = try #require(Double(row[2].replacingOccurrences(of: ",", with: "")))
      let d = try #require(Double(row[3].replacingOccurrences(of: ",", with: "")))
      let layers = try #require(Double(row[0].split(separator: "×")[0]))
      let width = try #require(Double(row[0].split(separator: "×")[1]))
      let counted = try #require(Double(row[10]))
      let formula = 6 * n * d + 12 * layers * Double(grid.blockSize) * width * d
      #expect(abs(counted / formula - 1) < 0.15, "\(row[0]) D = \(row[3]): counted \(counted), formula \(formula)")
    }
  }

  @Test("the claims hold for another seed", arguments: [2] as [UInt64])
  func claimsHoldAcrossSeeds(seed: UInt64) throws {
    let result = try QuickLessonRuns.once(ScalingLesson(), seed: seed)
    for claim in result.claims { #expect(claim.passed, "seed \(seed): \(claim.statement): \(claim.detail)") }
  }

  @Test("the extrapolation is the cost library's arithmetic")
  func extrapolation() throws {
    let result = try Self.runs.get().result
    // 6 × 175e9 × 300e9 FLOPs at 40 % of the H100 SXM's 989 dense BF16 TFLOP/s.
    let flops = try #require(result.value(of: "gpt3_training_flops"))
    #expect(abs(flops - 3.15e23) / 3.15e23 < 1e-9)
    let hours = try #require(result.value(of: "gpt3_h100_hours"))
    #expect(abs(hours - 3.15e23 / (989e12 * 0.4) / 3600) / hours < 1e-9)
    let price = try AcceleratorCatalogue.builtIn.accelerator(named: "h100-sxm").pricePerHour
    #expect(abs(try #require(result.value(of: "gpt3_cost_usd")) - hours * price) < 1e-6 * hours * price)
    #expect(result.notes.contains { $0.hasPrefix("A model with this loss curve at GPT-3") })
  }

  @Test("plots decode at their sizes; the same seed gives identical files")
  func plotsAndDeterminism() throws {
    try Self.runs.get().expectPlotsAndDeterminism(sizes: [
      "loss-vs-compute.png": (1200, 1000), "fit-quality.png": (1600, 700),
    ])
  }

  @Test("a learning rate outside (0, 0.1] is refused", arguments: [0, -0.01, 0.5, Double.nan])
  func refusesBadLearningRate(rate: Double) {
    #expect(throws: LessonError.self) {
      _ = try QuickLessonRuns.once(ScalingLesson(), seed: 1, parameters: LessonParameters([.learningRate: rate]))
    }
    do {
      _ = try QuickLessonRuns.once(ScalingLesson(), seed: 1, parameters: LessonParameters([.learningRate: rate]))
    } catch let LessonError.invalidParameter(parameter, _) {
      #expect(parameter == .learningRate)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("the lesson refuses settings it does not take")
  func refusesOtherSettings() {
    #expect(throws: LessonError.parameterNotAccepted(.steps, lesson: "scaling", accepted: [.learningRate])) {
      _ = try QuickLessonRuns.once(ScalingLesson(), seed: 1, parameters: LessonParameters([.steps: 5]))
    }
  }

  @Test("the frontier takes the best run per band of compute, and its power law is a least-squares line")
  func frontierBands() throws {
    func run(_ tokens: Int, _ loss: Double) -> ScalingRun {
      ScalingRun(
        model: ScalingModelSize(layers: 1, width: 16, heads: 1), tokens: tokens, steps: 1, nonEmbeddingParameters: 100,
        parameters: 100, validationLoss: loss, finalTrainingLoss: loss, countedForwardFLOPs: 0, countedBackwardFLOPs: 0,
        blockSize: 32)
    }
    // C = 600·D: bands of ×4 starting at 600·1000.
    let bands = ScalingLesson.frontierBands(
      [run(1000, 3.0), run(2000, 2.9), run(4000, 2.8), run(5000, 2.7), run(20000, 2.5)], bandFactor: 4)
    #expect(bands.map(\.best) == [2.9, 2.7, 2.5])
    #expect(bands.map(\.lower) == [6e5, 2.4e6, 9.6e6])
    #expect(bands.map(\.flops) == [1.2e6, 3e6, 1.2e7])
    // An exact power law L − 1 = 5·C^−0.2 gives back its exponent with R² = 1.
    let exact = [1e6, 1e7, 1e8, 1e9].map { FrontierBand(lower: $0, best: 1 + 5 * pow($0, -0.2), flops: $0) }
    let power = try #require(ScalingLesson.powerLaw(frontier: exact, irreducibleLoss: 1))
    #expect(abs(power.exponent - 0.2) < 1e-12 && abs(power.rSquared - 1) < 1e-12)
    #expect(abs(power.intercept - log(5)) < 1e-9)
    #expect(ScalingLesson.powerLaw(frontier: exact, irreducibleLoss: 2) == nil)
  }

  /// Losses generated from a known L(N, D) on a grid shaped like the lesson's (N over ~2.5 decades,
  /// D over ~2.5 decades), optionally with deterministic ±`noise` relative errors.
  static func synthetic(
    e: Double, a: Double, b: Double, alpha: Double, beta: Double, noise: Double
  ) -> [ScalingObservation] {
    var observations: [ScalingObservation] = []
    var sign = 1.0
    for n in [3e3, 1e4, 3e4, 1e5, 3e5, 1e6] {
      for d in [1e4, 3e4, 1e5, 3e5, 1e6, 3e6] {
        let loss = e + a / pow(n, alpha) + b / pow(d, beta)
        observations.append(ScalingObservation(parameters: n, tokens: d, loss: loss * (1 + noise * sign)))
        sign = -sign
      }
      sign = -sign
    }
    return observations
  }

  /// Noise-free losses from a known law give back E, α and β (and A, B) almost exactly.
  @Test("the fitter recovers known constants from noise-free losses", arguments: [
    (1.6, 400.0, 900.0, 0.3, 0.4), (1.69, 406.4, 410.7, 0.34, 0.28), (0.8, 60.0, 300.0, 0.5, 0.25),
    (1.2, 30.0, 80.0, 0.25, 0.35),
  ])
  func recoversNoiseFree(e: Double, a: Double, b: Double, alpha: Double, beta: Double) throws {
    let fit = try ScalingLawFitter().fit(Self.synthetic(e: e, a: a, b: b, alpha: alpha, beta: beta, noise: 0))
    #expect(abs(fit.parameterExponent - alpha) < 0.01, "α = \(fit.parameterExponent), expected \(alpha)")
    #expect(abs(fit.dataExponent - beta) < 0.01, "β = \(fit.dataExponent), expected \(beta)")
    #expect(abs(fit.irreducibleLoss - e) < 0.01, "E = \(fit.irreducibleLoss), expected \(e)")
    #expect(abs(log(fit.parameterCoefficient / a)) < 0.1, "A = \(fit.parameterCoefficient), expected \(a)")
    #expect(abs(log(fit.dataCoefficient / b)) < 0.1, "B = \(fit.dataCoefficient), expected \(b)")
    #expect(fit.rSquared > 0.9999)
  }

  /// With ±0.3 % alternating errors on every loss the exponents stay within 0.05; E, the least
  /// determined constant (it trades off against A and B), within 0.1.
  @Test("the fitter recovers known exponents from noisy losses", arguments: [
    (1.6, 400.0, 900.0, 0.3, 0.4), (1.69, 406.4, 410.7, 0.34, 0.28), (0.8, 60.0, 300.0, 0.5, 0.25),
  ])
  func recoversNoisy(e: Double, a: Double, b: Double, alpha: Double, beta: Double) throws {
    let fit = try ScalingLawFitter().fit(Self.synthetic(e: e, a: a, b: b, alpha: alpha, beta: beta, noise: 0.003))
    #expect(abs(fit.parameterExponent - alpha) < 0.05, "α = \(fit.parameterExponent), expected \(alpha)")
    #expect(abs(fit.dataExponent - beta) < 0.05, "β = \(fit.dataExponent), expected \(beta)")
    #expect(abs(fit.irreducibleLoss - e) < 0.1, "E = \(fit.irreducibleLoss), expected \(e)")
    #expect(fit.rSquared > 0.99)
  }

  @Test("the fitter refuses fewer than five runs")
  func fitRefusesTooFewRuns() {
    let few = (1...4).map { ScalingObservation(parameters: Double($0) * 1000, tokens: 1e5, loss: 3) }
    #expect(throws: LessonError.self) { try ScalingLawFitter().fit(few) }
  }

  @Test("Huber is quadratic inside δ and linear beyond")
  func huberIsQuadraticThenLinear() {
    #expect(ScalingLawFitter.huber(0.0005, delta: 1e-3) == 0.5 * 0.0005 * 0.0005)
    #expect(abs(ScalingLawFitter.huber(-0.01, delta: 1e-3) - 1e-3 * (0.01 - 0.0005)) < 1e-15)
  }
}
