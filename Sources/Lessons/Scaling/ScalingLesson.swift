import Autograd
import Foundation
import NeuralNet
import Plotting
import TrainingCost
import WorkbenchFiles

/// Scaling laws: train a grid of tiny GPTs (model sizes × token budgets) on the general corpus,
/// check the engine's counted FLOPs against 6·N·D, fit L(N, D) = E + A/N^α + B/D^β as Hoffmann et
/// al. 2022 did, and price a GPT-3-sized run with the cost model.
public struct ScalingLesson: Lesson {
  public init() {}

  public let id = "scaling"

  /// Largest allowed |counted / (6·N·D + attention) − 1| for the FLOP claim.
  public static let flopTolerance = 0.15
  /// Smallest R² of fitted against measured loss for the fit claim.
  public static let minimumRSquared = 0.9
  /// Width of a compute band of the measured frontier (a factor of compute).
  public static let frontierBandFactor = 4.0
  /// Smallest R² of the power-law line through the frontier (log(L − E) against log C).
  public static let minimumFrontierRSquared = 0.9
  /// MFU, accelerator and cluster size of the extrapolation.
  public static let extrapolationUtilization = 0.4
  public static let extrapolationAcceleratorID = "h100-sxm"
  public static let extrapolationGPUs = 1024

  public func run(_ context: LessonContext) throws -> RunResult {
    var grid = context.quick ? ScalingGrid.quick : ScalingGrid.full
    if let rate = try context.parameters.validatedLearningRate(atMost: ScalingGrid.maximumLearningRate) {
      grid.peakLearningRate = rate
    }
    var result = RunResult(lesson: self, context: context)
    var generator = context.makeGenerator()
    var dataGenerator = generator.split()
    let initialisations = grid.models.map { _ in generator.split() }
    let data = try ScalingData(grid: grid, seed: context.seed, using: &dataGenerator)
    let trainer = ScalingTrainer(grid: grid, data: data)

    // 1. Train every model size on every token budget.
    let started = Date()
    var runs: [ScalingRun] = []
    let total = grid.models.count * grid.tokenBudgets.count
    for (modelIndex, model) in grid.models.enumerated() {
      for budget in grid.tokenBudgets {
        let phase = "run \(runs.count + 1)/\(total): \(model.name), D = \(HumanNumber.compact(Double(budget)))"
        var losses: [Double] = []
        let run = try trainer.run(model, tokens: budget, initialisation: initialisations[modelIndex]) { step, steps, loss in
          losses.append(loss)
          if step % 16 == 0 || step == steps { context.progress.report(phase: phase, step: step, total: steps, loss: loss) }
        }
        context.progress.finish(phase: phase, summary: "validation loss \(String(format: "%.3f", run.validationLoss))")
        let schedule = grid.schedule(for: model, steps: run.steps)
        result.history.append(
          HistorySeries(
            name: "\(model.name) D=\(budget)", steps: Array(1...losses.count),
            values: [("train_loss", losses), ("learning_rate", (0..<losses.count).map { schedule.rate(at: $0) })]))
        runs.append(run)
      }
    }
    result.timings.append(Timing(phase: "training grid (\(runs.count) runs)", seconds: Date().timeIntervalSince(started)))

    // 2. Fit L(N, D).
    let fitStarted = Date()
    let fitter = ScalingLawFitter(iterations: grid.fitIterations, starts: grid.fitStarts)
    let fit = try fitter.fit(
      runs.map { ScalingObservation(parameters: Double($0.parameters), tokens: Double($0.tokens), loss: $0.validationLoss) })
    result.timings.append(Timing(phase: "scaling-law fit", seconds: Date().timeIntervalSince(fitStarted)))
    let law = fit.parametricLoss

    let optimal = Self.optimalPoints(runs: runs, fit: fit, law: law)
    let frontier = Self.frontierBands(runs, bandFactor: Self.frontierBandFactor)
    let power = Self.powerLaw(frontier: frontier, irreducibleLoss: fit.irreducibleLoss)
    recordRuns(runs, fit: fit, into: &result)
    try recordFit(fit, law: law, runs: runs, optimal: optimal, into: &result)
    try recordExtrapolation(fit: fit, runs: runs, into: &result)
    checkClaims(runs: runs, grid: grid, fit: fit, law: law, frontier: frontier, power: power, into: &result)

    result.plots.append(
      try context.savePlot(
        ScalingCharts.lossVersusCompute(
          runs: runs, models: grid.models, fit: fit, law: law, optimal: optimal,
          frontier: frontier, power: power),
        file: "loss-vs-compute.png", title: "Validation loss vs training compute",
        caption: ScalingCharts.lossVersusComputeCaption(budgets: grid.tokenBudgets.count), alt: ScalingCharts.lossVersusComputeAlt,
        width: 1200, height: 1000))
    result.plots.append(
      try context.savePlot(
        ScalingCharts.fitQuality(runs: runs, budgets: grid.tokenBudgets, fit: fit), file: "fit-quality.png",
        title: "How well L(N, D) fits the measured losses",
        caption: ScalingCharts.fitQualityCaption, alt: ScalingCharts.fitQualityAlt,
        width: 1600, height: 700))
    return result
  }

  /// Compute-optimal points of the fit at the smallest, middle and largest compute of the grid.
  static func optimalPoints(runs: [ScalingRun], fit: ScalingLawFit, law: ParametricLoss?) -> [ScalingCharts.OptimalPoint] {
    guard let law, let low = runs.map(\.flops).min(), let high = runs.map(\.flops).max() else { return [] }
    return [low, (low * high).squareRoot(), high].map { c in
      let (n, d) = law.computeOptimal(flops: c)
      return ScalingCharts.OptimalPoint(flops: c, parameters: n, tokens: d, loss: fit.loss(parameters: n, tokens: d))
    }
  }

  private func recordRuns(_ runs: [ScalingRun], fit: ScalingLawFit, into result: inout RunResult) {
    let f3 = { (x: Double) in String(format: "%.3f", x) }
    result.tables.append(
      ResultTable(
        title: "Every run: N includes the tied output head (vocab × d_model); Kaplan's non-embedding N leaves it out",
        columns: [
          "model", "N (non-embedding)", "N (with head)", "D (tokens)", "D/N", "steps", "validation loss", "fitted loss",
          "C = 6ND", "attention", "counted FLOPs", "counted / (6ND + attention)",
        ],
        rows: runs.map { run in
          [
            run.model.name, HumanNumber.grouped(Double(run.nonEmbeddingParameters)), HumanNumber.grouped(Double(run.parameters)),
            HumanNumber.grouped(Double(run.tokens)), HumanNumber.compact(Double(run.tokens) / Double(run.parameters)),
            String(run.steps), f3(run.validationLoss),
            f3(fit.loss(parameters: Double(run.parameters), tokens: Double(run.tokens))),
            HumanNumber.scientific(run.flops), HumanNumber.scientific(run.attentionFLOPs),
            HumanNumber.scientific(run.countedFLOPs), String(format: "%.3f", run.countedToFormulaRatio),
          ]
        }))
    for run in runs {
      let key = "run_\(run.model.layers)x\(run.model.width)_d\(run.tokens)"
      result.metric("\(key)_validation_loss", run.validationLoss, unit: "nats")
      result.metric("\(key)_parameters", Double(run.parameters), unit: "parameters")
      result.metric("\(key)_counted_flops", run.countedFLOPs, unit: "FLOPs")
      result.metric("\(key)_counted_to_formula_ratio", run.countedToFormulaRatio, unit: "ratio")
    }
    result.metric("grid_runs", Double(runs.count), unit: "runs")
    result.metric("grid_counted_flops", runs.map(\.countedFLOPs).reduce(0, +), unit: "FLOPs")
    result.metric("best_validation_loss", runs.map(\.validationLoss).min() ?? .nan, unit: "nats")
    // The smallest model on the smallest budget: the run nearest the unigram plateau.
    if let smallest = runs.min(by: { ($0.parameters, $0.tokens) < ($1.parameters, $1.tokens) }) {
      result.metric("smallest_run_validation_loss", smallest.validationLoss, unit: "nats")
      result.metric("smallest_model_parameters", Double(smallest.parameters), unit: "parameters")
    }
    if let largest = runs.max(by: { $0.parameters < $1.parameters }) {
      result.metric("largest_model_parameters", Double(largest.parameters), unit: "parameters")
    }
  }

  private func recordFit(
    _ fit: ScalingLawFit, law: ParametricLoss?, runs: [ScalingRun], optimal points: [ScalingCharts.OptimalPoint],
    into result: inout RunResult
  ) throws {
    result.metric("fit_irreducible_loss_E", fit.irreducibleLoss, unit: "nats")
    result.metric("fit_parameter_coefficient_A", fit.parameterCoefficient, unit: "nats")
    result.metric("fit_data_coefficient_B", fit.dataCoefficient, unit: "nats")
    result.metric("fit_parameter_exponent_alpha", fit.parameterExponent, unit: "exponent")
    result.metric("fit_data_exponent_beta", fit.dataExponent, unit: "exponent")
    result.metric("fit_r_squared", fit.rSquared, unit: "fraction")
    result.metric("fit_mean_abs_residual", fit.meanAbsoluteResidual, unit: "nats")
    result.metric("fit_max_abs_residual", fit.maximumAbsoluteResidual, unit: "nats")
    result.metric("fit_huber_objective", fit.objective, unit: "objective")

    let gridMax = runs.map(\.flops).max() ?? 1
    let gpt3 = PublishedRun.named("gpt-3")!.estimatedFLOPs
    func ratio(_ law: ParametricLoss?, _ c: Double) -> String {
      guard let law else { return "—" }
      let (n, d) = law.computeOptimal(flops: c)
      return HumanNumber.compact(d / n)
    }
    if let law {
      let (n, d) = law.computeOptimal(flops: gridMax)
      result.metric("fit_optimal_parameters_at_grid_max_compute", n, unit: "parameters")
      result.metric("fit_optimal_tokens_per_parameter_at_grid_max_compute", d / n, unit: "tokens per parameter")
      let (n3, d3) = law.computeOptimal(flops: gpt3)
      result.metric("fit_optimal_tokens_per_parameter_at_gpt3_compute", d3 / n3, unit: "tokens per parameter")
    }
    let f = { (x: Double, digits: Int) in String(format: "%.\(digits)f", x) }
    func row(_ name: String, _ e: Double, _ a: Double, _ b: Double, _ alpha: Double, _ beta: Double, _ law: ParametricLoss?) -> [String] {
      [name, f(e, 3), HumanNumber.compact(a), HumanNumber.compact(b), f(alpha, 3), f(beta, 3), ratio(law, gridMax), ratio(law, gpt3)]
    }
    let h = ParametricLoss.hoffmann2022, r = ParametricLoss.besiroglu2024
    result.tables.append(
      ResultTable(
        title: "Fitted L(N, D) = E + A/N^α + B/D^β next to the published fits (their N, D and loss are on a different corpus and tokenizer)",
        columns: [
          "fit", "E", "A", "B", "α", "β", "tokens/parameter at \(HumanNumber.scientific(gridMax)) FLOPs",
          "tokens/parameter at GPT-3's \(HumanNumber.scientific(gpt3)) FLOPs",
        ],
        rows: [
          row("this grid (characters, tiny GPTs)", fit.irreducibleLoss, fit.parameterCoefficient, fit.dataCoefficient,
              fit.parameterExponent, fit.dataExponent, law),
          row("Hoffmann et al. 2022 (Chinchilla, rounded)", h.irreducibleLoss, h.parameterCoefficient, h.dataCoefficient,
              h.parameterExponent, h.dataExponent, h),
          row("Besiroglu et al. 2024 (replication)", r.irreducibleLoss, r.parameterCoefficient, r.dataCoefficient,
              r.parameterExponent, r.dataExponent, r),
          ["Chinchilla rule of thumb (Hoffmann et al. 2022, Table 3)", "—", "—", "—", "—", "—", "20", "20"],
        ]))
    if law != nil {
      result.tables.append(
        ResultTable(
          title: "Compute-optimal split of this grid's compute under the fitted law (C = 6·N·D)",
          columns: ["compute C (FLOPs)", "N*", "D*", "D*/N*", "predicted loss"],
          rows: points.map {
            [HumanNumber.scientific($0.flops), HumanNumber.compact($0.parameters), HumanNumber.compact($0.tokens),
             HumanNumber.compact($0.tokens / $0.parameters), String(format: "%.3f", $0.loss)]
          }))
    }
  }

  private func recordExtrapolation(fit: ScalingLawFit, runs: [ScalingRun], into result: inout RunResult) throws {
    let accelerator = try AcceleratorCatalogue.builtIn.accelerator(named: Self.extrapolationAcceleratorID)
    let hardware = HardwareSetting(accelerator: accelerator, utilization: Self.extrapolationUtilization)
    let gridFLOPs = runs.map(\.countedFLOPs).reduce(0, +)
    var rows: [[String]] = []
    for (key, presetID) in [("gpt3", "gpt-3"), ("llama3_405b", "llama-3.1-405b")] {
      let preset = PublishedRun.named(presetID)!
      let x = ScalingExtrapolation(run: preset, hardware: hardware, gpus: Self.extrapolationGPUs, fit: fit)
      result.metric("\(key)_training_flops", x.flops, unit: "FLOPs")
      result.metric("\(key)_attention_flops", x.attentionFLOPs, unit: "FLOPs")
      result.metric("\(key)_h100_hours", x.cost.gpuHours, unit: "GPU-hours")
      result.metric("\(key)_cost_usd", x.cost.dollars, unit: "USD")
      result.metric("\(key)_days_on_\(Self.extrapolationGPUs)_gpus", x.cost.wallClockDays, unit: "days")
      result.metric("\(key)_energy_kwh", x.cost.energyKWh, unit: "kWh")
      result.metric("\(key)_predicted_loss", x.predictedLoss, unit: "nats")
      result.metric("\(key)_flops_over_grid_flops", x.flops / gridFLOPs, unit: "ratio")
      rows.append([
        x.label, HumanNumber.scientific(x.flops), HumanNumber.grouped(x.cost.gpuHours),
        "$" + HumanNumber.compact(x.cost.dollars), HumanNumber.compact(x.cost.wallClockDays),
        HumanNumber.compact(x.cost.energyKWh / 1000) + " MWh", String(format: "%.3f", x.predictedLoss),
        HumanNumber.scientific(x.flops / gridFLOPs),
      ])
      result.notes.append(
        "A model with this loss curve at \(x.label) would need \(HumanNumber.scientific(x.flops)) FLOPs (6·N·D) = "
          + "\(HumanNumber.grouped(x.cost.gpuHours)) \(accelerator.id) GPU-hours at \(Int(Self.extrapolationUtilization * 100))% MFU = "
          + "$\(HumanNumber.compact(x.cost.dollars)) at $\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))/GPU-hour, "
          + "\(HumanNumber.compact(x.cost.wallClockDays)) days on \(Self.extrapolationGPUs) GPUs; the fitted law predicts "
          + "\(String(format: "%.3f", x.predictedLoss)) nats/character (E = \(String(format: "%.3f", fit.irreducibleLoss)))."
      )
    }
    result.tables.append(
      ResultTable(
        title: "From this CPU grid to published scales: \(accelerator.name), \(Int(Self.extrapolationUtilization * 100))% MFU, "
          + "$\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))/GPU-hour, \(Self.extrapolationGPUs) GPUs (workbench cost)",
        columns: ["run", "C = 6ND (FLOPs)", "GPU-hours", "cost", "days", "energy", "fitted loss (this corpus)", "× this grid's FLOPs"],
        rows: [["this lesson's grid (counted)", HumanNumber.scientific(gridFLOPs), "—", "—", "—", "—", "—", "1"]] + rows))
  }

  private func checkClaims(
    runs: [ScalingRun], grid: ScalingGrid, fit: ScalingLawFit, law: ParametricLoss?, frontier: [FrontierBand],
    power: (exponent: Double, intercept: Double, rSquared: Double)?, into result: inout RunResult
  ) {
    // Counted FLOPs against the formula.
    let ratios = runs.map(\.countedToFormulaRatio)
    let (low, high) = (ratios.min() ?? .nan, ratios.max() ?? .nan)
    result.metric("flops_ratio_min", low, unit: "ratio")
    result.metric("flops_ratio_max", high, unit: "ratio")
    result.claim(
      "Counted FLOPs are within \(Int(Self.flopTolerance * 100))% of 6·N·D + attention for every run",
      ratios.allSatisfy { abs($0 - 1) <= Self.flopTolerance },
      detail: "counted / (6·N·D + 12·n_layer·n_ctx·d_model·D) ranges from \(String(format: "%.3f", low)) to "
        + "\(String(format: "%.3f", high)) over \(runs.count) runs (N counts the tied output head)")

    // More tokens help every model size.
    var failing: [String] = []
    for model in grid.models {
      let losses = runs.filter { $0.model == model }.sorted { $0.tokens < $1.tokens }.map(\.validationLoss)
      if !zip(losses, losses.dropFirst()).allSatisfy({ $1 < $0 }) { failing.append(model.name) }
    }
    result.claim(
      "Every model size reaches a lower validation loss with every doubling of its training tokens", failing.isEmpty,
      detail: failing.isEmpty ? "validation loss fell at every step up in D for all \(grid.models.count) sizes"
        : "loss did not fall with D for \(failing.joined(separator: ", "))")

    // Bigger models win at the largest budget.
    let largest = runs.filter { $0.tokens == grid.tokenBudgets.last }.sorted { $0.parameters < $1.parameters }
    let largestLosses = largest.map(\.validationLoss)
    result.claim(
      "At the largest token budget, every larger model reaches a lower validation loss",
      zip(largestLosses, largestLosses.dropFirst()).allSatisfy { $1 < $0 },
      detail: "losses at D = \(HumanNumber.compact(Double(grid.tokenBudgets.last ?? 0))) from smallest to largest model: "
        + largestLosses.map { String(format: "%.3f", $0) }.joined(separator: ", "))

    // The compute frontier: the best loss in each factor-of-4 band of compute; it must fall from band
    // to band, and its reducible part L − E must follow a power law in C (a straight line on log–log axes).
    let bests = frontier.map(\.best)
    let monotone = bests.count >= 3 && zip(bests, bests.dropFirst()).allSatisfy { $1 < $0 }
    result.metric("frontier_bands", Double(frontier.count), unit: "bands")
    if let power {
      result.metric("frontier_power_law_exponent", power.exponent, unit: "exponent")
      result.metric("frontier_power_law_r_squared", power.rSquared, unit: "fraction")
    }
    let powerText = power.map {
      "L − E ∝ C^−\(String(format: "%.3f", $0.exponent)) with R² = \(String(format: "%.3f", $0.rSquared)) on log–log axes"
    } ?? "no power law: a frontier loss is at or below the fitted E"
    result.claim(
      "Loss falls as a power law in compute: the best loss per factor-of-\(Int(Self.frontierBandFactor)) band of compute falls "
        + "band after band, and L − E of the frontier fits a power law in C with R² ≥ \(Self.minimumFrontierRSquared)",
      monotone && (power?.rSquared ?? 0) >= Self.minimumFrontierRSquared,
      detail: "best measured loss per band: "
        + frontier.map { "\(HumanNumber.scientific($0.lower))+ FLOPs: \(String(format: "%.3f", $0.best))" }.joined(separator: ", ")
        + "; " + powerText)

    result.claim(
      "The fitted L(N, D) explains the measured losses (R² ≥ \(Self.minimumRSquared))",
      fit.rSquared >= Self.minimumRSquared && law != nil,
      detail: "R² = \(String(format: "%.4f", fit.rSquared)), mean |residual| = \(String(format: "%.4f", fit.meanAbsoluteResidual)) nats, "
        + "max \(String(format: "%.4f", fit.maximumAbsoluteResidual)); α = \(String(format: "%.3f", fit.parameterExponent)), "
        + "β = \(String(format: "%.3f", fit.dataExponent)), E = \(String(format: "%.3f", fit.irreducibleLoss))")
  }

  /// The best validation loss in each band of compute [C₀·kⁱ, C₀·kⁱ⁺¹) that holds runs, C₀ the smallest
  /// compute, with the compute of the run that reached it.
  static func frontierBands(_ runs: [ScalingRun], bandFactor: Double) -> [FrontierBand] {
    guard let smallest = runs.map(\.flops).min() else { return [] }
    var bands: [Int: FrontierBand] = [:]
    for run in runs {
      let band = Int((Foundation.log(run.flops / smallest) / Foundation.log(bandFactor) + 1e-9).rounded(.down))
      if bands[band].map({ run.validationLoss < $0.best }) ?? true {
        bands[band] = FrontierBand(
          lower: smallest * Foundation.pow(bandFactor, Double(band)), best: run.validationLoss, flops: run.flops)
      }
    }
    return bands.keys.sorted().map { bands[$0]! }
  }

  /// Least-squares line log(L − E) = c − γ·log C through the frontier: γ, c and the R² of the line,
  /// or nil when fewer than 3 bands or a frontier loss is not above E.
  static func powerLaw(
    frontier: [FrontierBand], irreducibleLoss: Double
  ) -> (exponent: Double, intercept: Double, rSquared: Double)? {
    guard frontier.count >= 3, frontier.allSatisfy({ $0.best > irreducibleLoss }) else { return nil }
    let xs = frontier.map { Foundation.log($0.flops) }, ys = frontier.map { Foundation.log($0.best - irreducibleLoss) }
    let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
    let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = ys.reduce(0) { $0 + ($1 - my) * ($1 - my) }
    guard sxx > 0, syy > 0 else { return nil }
    return (-sxy / sxx, my - sxy / sxx * mx, sxy * sxy / (sxx * syy))
  }
}

/// One band of the measured compute frontier: the lowest validation loss among runs whose compute lies in
/// [lower, lower × band factor), and that run's compute.
struct FrontierBand: Sendable, Equatable {
  /// Lower edge of the band, FLOPs.
  let lower: Double
  /// Lowest validation loss in the band, nats.
  let best: Double
  /// C = 6·N·D of the run that reached it.
  let flops: Double
}
