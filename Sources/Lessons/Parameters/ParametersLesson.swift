import Autograd
import Foundation
import NeuralNet
import Plotting
import TrainingCost
import WorkbenchFiles

/// Lesson 3: what weights and biases are and how many there are: layer-by-layer tables of the
/// lesson models, weight histograms before and after training, exact counts and memory of
/// published models, and under- versus over-fitting as the parameter count grows.
public struct ParametersLesson: Lesson {
  public init() {}

  public let id = "parameters"

  public func run(_ context: LessonContext) throws -> RunResult {
    let settings = context.quick ? ParametersSettings.quick : ParametersSettings.full
    var result = RunResult(lesson: self, context: context)
    var generator = context.makeGenerator()

    try countSmallModels(settings: settings, generator: &generator, result: &result)
    try countPublishedModels(context: context, result: &result)
    try histogramWeights(settings: settings, generator: &generator, context: context, result: &result)
    try sweepSizes(settings: settings, generator: &generator, context: context, result: &result)
    return result
  }

  /// Part 1: every parameter tensor of the backprop MLP and of a tiny GPT.
  func countSmallModels(settings: ParametersSettings, generator: inout SplitMix64, result: inout RunResult) throws {
    var modelGenerator = generator.split()
    let sizes = settings.tableMLPSizes
    let mlp = MLP<Float>(sizes: sizes, activation: .tanh, using: &modelGenerator)
    let mlpName = sizes.map(String.init).joined(separator: "-")
    result.tables.append(ResultTable(
      title: "The \(mlpName) MLP of the backprop lesson, tensor by tensor",
      columns: ["tensor", "shape", "parameters", "what it does"],
      rows: mlp.parameterTable.map {
        [$0.name, LessonText.shape($0.shape), LessonText.grouped($0.count), ParameterDescriptions.mlp($0.name, sizes: sizes)]
      } + [["total", "", LessonText.grouped(mlp.parameterCount), "Σ (inputs + 1) × outputs over the layers"]]))
    let formula = MLP<Float>.parameterCount(sizes: sizes)
    result.metric("mlp_\(mlpName)_parameters", Double(mlp.parameterCount), unit: "parameters")
    result.claim(
      "The \(mlpName) MLP's parameters are its weights plus biases: Σ (inputs + 1) × outputs",
      mlp.parameterCount == formula,
      detail: zip(sizes, sizes.dropFirst()).map { "(\($0) + 1) × \($1)" }.joined(separator: " + ")
        + " = \(formula); the built model holds \(mlp.parameterCount)")

    let config = settings.tinyGPT
    let gpt = try GPT<Float>(config: config, using: &modelGenerator)
    result.tables.append(ResultTable(
      title: "A tiny GPT (vocabulary \(config.vocabSize), context \(config.blockSize), \(config.layerCount) blocks, width \(config.embeddingWidth), \(config.headCount) heads), tensor by tensor",
      columns: ["tensor", "shape", "parameters", "what it does"],
      rows: gpt.parameterTable.map {
        [$0.name, LessonText.shape($0.shape), LessonText.grouped($0.count), ParameterDescriptions.gpt($0.name)]
      } + [["total", "", LessonText.grouped(gpt.parameterCount), "the output layer reuses wte, so it adds nothing"]]))
    result.metric("tiny_gpt_parameters", Double(gpt.parameterCount), unit: "parameters")
    result.claim(
      "The tiny GPT built in memory has exactly the count its architecture config predicts",
      gpt.parameterCount == config.parameterCount,
      detail: "built model \(LessonText.grouped(gpt.parameterCount)); GPTConfig.parameterCount \(LessonText.grouped(config.parameterCount))")
  }

  /// Part 2: exact counts of published models and the memory their weights need.
  func countPublishedModels(context: LessonContext, result: inout RunResult) throws {
    let models = PublishedModelSize.all()
    result.tables.append(ResultTable(
      title: "Exact parameter counts computed from the published architectures",
      columns: ["model", "layers", "width", "vocabulary", "parameters", "in embeddings"],
      rows: models.map {
        [
          $0.name, String($0.layers), String($0.width), LessonText.grouped($0.vocabulary), LessonText.grouped($0.parameters),
          LessonText.fixed(100 * Double($0.embeddingParameters) / Double($0.parameters), 1) + "%",
        ]
      }))
    for model in models {
      let key = model.name.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "")
      result.metric("\(key)_parameters", Double(model.parameters), unit: "parameters")
    }
    result.notes.append(
      "Exact parameter counts from the architectures: " + models.map { "\($0.name) \(LessonText.grouped($0.parameters))" }.joined(separator: "; ")
        + ". Sources: \(models.first?.source ?? "") and \(models.last?.source ?? "").")

    let formats = PublishedModelSize.formats
    result.tables.append(ResultTable(
      title: "Memory in GB (1 GB = 10⁹ bytes): weights at each precision, and full training with Adam in mixed precision (16 bytes per parameter: bf16 weights and gradients, fp32 master weights and two Adam moments; Rajbhandari et al. 2020)",
      columns: ["model"] + formats.map { $0.name + " GB" },
      rows: models.map { model in
        [model.name] + formats.map { LessonText.fixed(model.gigabytes(bytesPerParameter: $0.bytesPerParameter), 2) }
      }))
    let catalogue = AcceleratorCatalogue.builtIn
    let consumer = try catalogue.accelerator(named: "rtx-4090")
    let datacentre = try catalogue.accelerator(named: "h100-sxm")
    guard let llama = models.last else { return }
    let (fp32, bf16, training) = (
      llama.gigabytes(bytesPerParameter: 4), llama.gigabytes(bytesPerParameter: 2), llama.gigabytes(bytesPerParameter: 16)
    )
    result.metric("llama_2_7b_bf16_gigabytes", bf16, unit: "GB")
    result.metric("llama_2_7b_training_gigabytes", training, unit: "GB")
    result.claim(
      "\(llama.name)'s weights fit on one \(LessonText.grouped(Int(consumer.memoryGB))) GB consumer GPU at bf16 but not at fp32",
      bf16 < consumer.memoryGB && fp32 > consumer.memoryGB,
      detail: "bf16 \(LessonText.fixed(bf16, 2)) GB, fp32 \(LessonText.fixed(fp32, 2)) GB vs \(consumer.name)")
    result.claim(
      "Fully training \(llama.name) with Adam in mixed precision needs more memory than one \(LessonText.grouped(Int(datacentre.memoryGB))) GB GPU holds (before activations)",
      training > datacentre.memoryGB,
      detail: "\(LessonText.grouped(llama.parameters)) × 16 B = \(LessonText.fixed(training, 1)) GB vs \(datacentre.name)")
    result.plots.append(try context.savePlot(
      ParametersFigures.memory(
        models: models,
        references: [
          ("\(LessonText.grouped(Int(consumer.memoryGB))) GB (one RTX 4090)", consumer.memoryGB),
          ("\(LessonText.grouped(Int(datacentre.memoryGB))) GB (one H100)", datacentre.memoryGB),
        ]),
      file: "memory.png", title: "Memory for the weights and for training",
      caption: ParametersFigures.memoryCaption, alt: ParametersFigures.memoryAlt,
      width: 1600, height: 900))
  }

  /// Part 3: the weights of a network before and after training.
  func histogramWeights(
    settings: ParametersSettings, generator: inout SplitMix64, context: LessonContext, result: inout RunResult
  ) throws {
    var dataGenerator = generator.split()
    var modelGenerator = generator.split()
    let data = TwoMoons(count: settings.histogramPoints, noise: settings.histogramNoise, using: &dataGenerator)
    let sizes = settings.histogramMLPSizes
    let name = sizes.map(String.init).joined(separator: "-")
    var classifier = MoonsClassifier(model: MLP<Float>(sizes: sizes, activation: .tanh, using: &modelGenerator))
    let before = classifier.model.namedParameters.map { ($0.name, $0.tensor.scalars.map { Double($0) }) }
    let (_, seconds) = try WallClock.measure {
      try classifier.fit(
        on: data, steps: settings.histogramSteps, learningRate: settings.histogramLearningRate, progress: context.progress,
        phase: "training the \(name) MLP")
    }
    result.timings.append(Timing(phase: "train \(name) MLP on the moons (\(settings.histogramSteps) steps)", seconds: seconds))
    let after = classifier.model.namedParameters.map { ($0.name, $0.tensor.scalars.map { Double($0) }) }

    func rms(_ values: [Double]) -> Double { (values.map { $0 * $0 }.reduce(0, +) / Double(max(values.count, 1))).squareRoot() }
    var panels: [(title: String, before: [Double], after: [Double])] = []
    var weightRows: [[String]] = []
    var smallestRelativeChange = Double.infinity
    for ((tensorName, old), (_, new)) in zip(before, after) where tensorName.hasSuffix(".weight") {
      let layer = Int(tensorName.split(separator: ".")[1]) ?? 0
      let change = rms(zip(new, old).map { $0 - $1 }) / max(rms(old), 1e-12)
      smallestRelativeChange = min(smallestRelativeChange, change)
      panels.append(("\(tensorName): \(sizes[layer]) → \(sizes[layer + 1]) (\(LessonText.grouped(old.count)) weights)", old, new))
      weightRows.append([
        tensorName, LessonText.grouped(old.count), LessonText.fixed(rms(old), 4), LessonText.fixed(rms(new), 4),
        LessonText.fixed(100 * change, 1) + "%",
      ])
    }
    let biasBefore = zip(before, after).filter { $0.0.0.hasSuffix(".bias") }.flatMap { $0.0.1 }
    let biasAfter = zip(before, after).filter { $0.0.0.hasSuffix(".bias") }.flatMap { $0.1.1 }
    panels.append(("all biases (\(biasBefore.count)): start at exactly 0", biasBefore, biasAfter))
    weightRows.append([
      "all biases", LessonText.grouped(biasBefore.count), LessonText.fixed(rms(biasBefore), 4), LessonText.fixed(rms(biasAfter), 4), "–",
    ])
    result.tables.append(ResultTable(
      title: "Weights of the \(name) MLP before and after \(settings.histogramSteps) training steps on the two moons",
      columns: ["tensor", "values", "RMS before", "RMS after", "RMS change / RMS before"], rows: weightRows))
    let accuracy = classifier.accuracies.last ?? 0
    result.metric("histogram_mlp_accuracy", accuracy, unit: "fraction")
    result.metric("histogram_smallest_relative_weight_change", smallestRelativeChange, unit: "ratio")
    result.metric("histogram_bias_rms_after", rms(biasAfter), unit: "value")
    result.claim(
      "Training moves every weight matrix of the \(name) MLP (RMS change ≥ 5% of its initial RMS) while it learns the moons",
      smallestRelativeChange >= 0.05 && accuracy >= 0.9,
      detail: "smallest RMS change \(LessonText.fixed(100 * smallestRelativeChange, 1))%; training accuracy \(LessonText.fixed(accuracy, 3))")
    result.claim(
      "The biases start at exactly zero and training spreads them out",
      rms(biasBefore) == 0 && rms(biasAfter) > 0.01,
      detail: "bias RMS \(LessonText.fixed(rms(biasBefore), 4)) → \(LessonText.fixed(rms(biasAfter), 4))")
    result.plots.append(try context.savePlot(
      ParametersFigures.weightHistograms(
        panels: panels, title: "\(name) MLP: parameters before (grey) and after (blue) training"),
      file: "weight-histograms.png", title: "Weight histograms before and after training",
      caption: ParametersFigures.weightHistogramsCaption(steps: settings.histogramSteps), alt: ParametersFigures.weightHistogramsAlt,
      width: 1600, height: 1000))
  }

  /// Part 4: training and validation loss against model size.
  func sweepSizes(
    settings: ParametersSettings, generator: inout SplitMix64, context: LessonContext, result: inout RunResult
  ) throws {
    var sweepGenerator = generator.split()
    let (sweep, seconds) = WallClock.measure {
      PolynomialSizeSweep.run(
        degrees: settings.sweepDegrees, trainCount: settings.sweepTrainCount,
        validationCount: settings.sweepValidationCount, noise: settings.sweepNoise, using: &sweepGenerator)
    }
    result.timings.append(Timing(phase: "size sweep (\(sweep.points.count) polynomial fits)", seconds: seconds))
    guard let smallest = sweep.points.first, let largest = sweep.points.last, let best = sweep.best else { return }
    let sigmaSquared = settings.sweepNoise * settings.sweepNoise
    result.tables.append(ResultTable(
      title: "Model size against final loss: polynomials fitted to \(sweep.train.count) noisy points, scored on \(sweep.validation.count) fresh ones (noise σ² = \(LessonText.significant(sigmaSquared)))",
      columns: ["model", "parameters", "train MSE", "validation MSE"],
      rows: sweep.points.map {
        ["degree \($0.degree)", String($0.parameterCount), LessonText.significant($0.trainMSE, 4), LessonText.significant($0.validationMSE, 4)]
      }))
    result.history.append(HistorySeries(
      name: "size sweep (step = parameters)", steps: sweep.points.map(\.parameterCount),
      values: [("train_mse", sweep.points.map(\.trainMSE)), ("validation_mse", sweep.points.map(\.validationMSE))]))
    result.metric("sweep_smallest_train_mse", smallest.trainMSE, unit: "MSE")
    result.metric("sweep_largest_train_mse", largest.trainMSE, unit: "MSE")
    result.metric("sweep_best_validation_parameters", Double(best.parameterCount), unit: "parameters")
    result.metric("sweep_best_validation_mse", best.validationMSE, unit: "MSE")
    result.metric("sweep_largest_validation_mse", largest.validationMSE, unit: "MSE")
    result.claim(
      "More parameters fit the training points better: the largest model's training loss is below \(LessonText.fixed(settings.trainDropFactor, 2))× the smallest's",
      largest.trainMSE < settings.trainDropFactor * smallest.trainMSE,
      detail: "train MSE \(LessonText.fixed(smallest.trainMSE, 4)) (\(smallest.parameterCount) parameter\(smallest.parameterCount == 1 ? "" : "s")) → \(LessonText.fixed(largest.trainMSE, 4)) (\(largest.parameterCount) parameters)")
    let intermediate = best.parameterCount != smallest.parameterCount && best.parameterCount != largest.parameterCount
    result.claim(
      "Validation loss is lowest at an intermediate size and higher again for the largest model (by ≥ \(LessonText.fixed(100 * (settings.overfitFactor - 1), 0))%): it overfits",
      intermediate && largest.validationMSE >= settings.overfitFactor * best.validationMSE,
      detail: "best validation MSE \(LessonText.fixed(best.validationMSE, 4)) at \(best.parameterCount) parameters; smallest \(LessonText.fixed(smallest.validationMSE, 4)); largest \(LessonText.significant(largest.validationMSE, 4)) (\(LessonText.significant(largest.validationMSE / best.validationMSE, 3))× the best)")
    result.plots.append(try context.savePlot(
      ParametersFigures.sweep(sweep, sigmaSquared: sigmaSquared), file: "size-sweep.png",
      title: "Training and validation loss against parameter count",
      caption: ParametersFigures.sweepCaption(degrees: settings.sweepDegrees, trainCount: sweep.train.count),
      alt: ParametersFigures.sweepAlt,
      width: 1400, height: 850))
    result.plots.append(try context.savePlot(
      ParametersFigures.sweepFits(sweep), file: "size-sweep-fits.png", title: "Underfitting, a good fit and overfitting",
      caption: ParametersFigures.sweepFitsCaption, alt: ParametersFigures.sweepFitsAlt,
      width: 1800, height: 700))
  }
}
