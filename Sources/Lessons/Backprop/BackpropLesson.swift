import Autograd
import Foundation
import NeuralNet
import Plotting
import WorkbenchFiles

/// Lesson 2: the chain rule made visible. micrograd's neuron o = tanh(x1·w1 + x2·w2 + b) with every
/// node's value and gradient checked against finite differences and drawn as a graph; then a
/// 2-16-16-1 MLP trained by backprop on the two moons.
public struct BackpropLesson: Lesson {
  public init() {}

  public let id = "backprop"

  public func run(_ context: LessonContext) throws -> RunResult {
    var settings = context.quick ? BackpropSettings.quick : BackpropSettings.full
    if let rate = try context.parameters.validatedLearningRate() { settings.learningRate = rate }
    if let steps = try context.parameters.validatedSteps(maximum: BackpropSettings.maximumSteps) { settings.steps = steps }
    var result = RunResult(lesson: self, context: context)
    let architecture = settings.layerSizes.map(String.init).joined(separator: "-")

    // Part 1: one neuron, every node's gradient, checked by finite differences.
    let output = try NeuronExpression.build()
    let rows = NeuronExpression.check(output, step: settings.finiteDifferenceStep)
    let worst = rows.max { $0.relativeDifference < $1.relativeDifference }
    let worstRelative = worst?.relativeDifference ?? 0
    result.notes.append(
      "o = tanh(x1·w1 + x2·w2 + b) with x1 = 2, w1 = −3, x2 = 0, w2 = 1, b = 6.8814: forward o = \(LessonText.significant(output.item, 6)); backward from ∂o/∂o = 1, one local derivative per node (∂tanh(n)/∂n = 1 − o², ∂(a·b)/∂a = b, ∂(a + b)/∂a = 1).")
    result.tables.append(ResultTable(
      title: "Backprop vs central finite differences (float64, h = \(LessonText.significant(settings.finiteDifferenceStep, 2)))",
      columns: ["node", "op", "value", "backprop ∂o/∂node", "numeric ∂o/∂node", "|difference|"],
      rows: rows.map {
        [
          $0.label, $0.op, LessonText.significant($0.value, 6), LessonText.significant($0.backprop, 10),
          LessonText.significant($0.numeric, 10), LessonText.significant($0.absoluteDifference, 2),
        ]
      }))
    result.metric("neuron_output", output.item, unit: "value")
    result.metric("neuron_nodes_checked", Double(rows.count), unit: "nodes")
    result.metric("neuron_max_relative_difference", worstRelative, unit: "relative")
    result.claim(
      "Every node's backprop gradient matches central finite differences to ≤ \(LessonText.significant(settings.tolerance, 1)) relative (float64)",
      worstRelative <= settings.tolerance,
      detail: "\(rows.count) nodes; largest relative difference \(LessonText.significant(worstRelative, 2)) at \(worst?.label ?? "–")")
    let graph = ComputationGraphDiagram.diagram(
      of: output, title: "o = tanh(x1·w1 + x2·w2 + b): forward values (data) and gradients ∂o/∂node (grad)")
    let graphSize = try graph.naturalSize()
    result.plots.append(try context.savePlot(
      graph, file: "computation-graph.png", title: "Computation graph of one neuron",
      caption: BackpropFigures.computationGraphCaption,
      alt: BackpropFigures.computationGraphAlt,
      width: graphSize.width, height: graphSize.height))

    // Part 2: the same engine trains a network on the two moons.
    var generator = context.makeGenerator()
    var dataGenerator = generator.split()
    let data = TwoMoons(count: settings.moonsCount, noise: settings.moonsNoise, using: &dataGenerator)
    var modelGenerator = generator.split()
    var checkGenerator = generator.split()
    let xRange = -1.6...2.6
    let yRange = -1.1...1.6
    let film = MoonsClassifier.FilmPlan(
      steps: Set(FilmSchedule.steps(total: settings.steps, count: settings.filmFrames)), x: xRange, y: yRange,
      resolution: settings.filmGridResolution)
    let (classifier, seconds) = try WallClock.measure {
      try MoonsClassifier.train(
        on: data, sizes: settings.layerSizes, steps: settings.steps, learningRate: settings.learningRate,
        using: &modelGenerator, progress: context.progress, film: film)
    }
    result.timings.append(Timing(phase: "train \(architecture) MLP on the moons (\(settings.steps) steps)", seconds: seconds))
    result.history.append(HistorySeries(
      name: "moons \(architecture)", steps: Array(classifier.losses.indices),
      values: [("logistic_loss", classifier.losses), ("train_accuracy", classifier.accuracies)]))
    let accuracy = classifier.accuracies.last ?? 0

    // Backprop through the whole network, checked the same way (float64, fresh weights).
    let checkModel = MLP<Double>(sizes: settings.layerSizes, activation: .tanh, using: &checkGenerator)
    let (checkX, checkLabels) = (data.inputs(Double.self), data.signedLabels(Double.self))
    let report = try GradientCheck.check(
      "\(architecture) MLP logistic loss", inputs: checkModel.parameters, tolerance: settings.tolerance,
      step: settings.finiteDifferenceStep
    ) { _ in try checkModel(checkX).meanLogisticLoss(labels: checkLabels) }

    result.metric("mlp_parameter_count", Double(classifier.model.parameterCount), unit: "parameters")
    result.metric("mlp_gradient_max_relative_error", report.maxRelativeError, unit: "relative")
    result.metric("moons_points", Double(data.count), unit: "points")
    result.metric("moons_initial_accuracy", classifier.accuracies.first ?? 0, unit: "fraction")
    result.metric("moons_initial_loss", classifier.losses.first ?? 0, unit: "nats")
    result.metric("moons_final_loss", classifier.losses.last ?? 0, unit: "nats")
    result.metric("moons_train_accuracy", accuracy, unit: "fraction")
    result.claim(
      "Backprop through the whole \(architecture) network matches finite differences too (all \(checkModel.parameterCount) parameter gradients, float64, ≤ \(LessonText.significant(settings.tolerance, 1)) relative)",
      report.passed, detail: "largest relative error \(LessonText.significant(report.maxRelativeError, 2)) (parameter tensor \(report.worstInput))")
    result.claim(
      "The \(architecture) MLP separates the two moons (training accuracy ≥ \(LessonText.fixed(settings.targetAccuracy, 2)))",
      accuracy >= settings.targetAccuracy,
      detail: "accuracy \(LessonText.fixed(accuracy, 3)) on \(data.count) points after \(settings.steps) steps (from \(LessonText.fixed(classifier.accuracies.first ?? 0, 3)) at step 0); loss \(LessonText.fixed(classifier.losses.first ?? 0, 3)) → \(LessonText.fixed(classifier.losses.last ?? 0, 4)) nats")
    result.notes.append(
      "Moons: \(data.count) points (noise σ = \(settings.moonsNoise)), \(architecture) tanh MLP with \(classifier.model.parameterCount) parameters, logistic loss, Adam lr \(LessonText.rate(settings.learningRate)), \(settings.steps) full-batch steps.")

    let probabilities = try classifier.probabilityGrid(x: xRange, y: yRange, resolution: settings.gridResolution)
    result.plots.append(try context.savePlot(
      BackpropFigures.decisionBoundary(
        probabilities: probabilities, x: xRange, y: yRange, data: data, accuracy: accuracy, architecture: architecture),
      file: "decision-boundary.png", title: "Decision boundary on the two moons",
      caption: BackpropFigures.decisionBoundaryCaption,
      alt: BackpropFigures.decisionBoundaryAlt,
      width: 1200, height: 900))
    result.plots.append(try context.savePlot(
      BackpropFigures.trainingCurves(
        losses: classifier.losses, accuracies: classifier.accuracies, target: settings.targetAccuracy),
      file: "training-curves.png", title: "Loss and accuracy while training on the moons",
      caption: BackpropFigures.trainingCurvesCaption(parameters: classifier.model.parameterCount, target: settings.targetAccuracy),
      alt: BackpropFigures.trainingCurvesAlt,
      width: 1600, height: 650))
    result.films.append(try context.saveFilm(
      classifier.frames.map { frame -> FilmFrame<Chart> in
        FilmFrame(
          figure: BackpropFigures.decisionBoundary(
            probabilities: frame.probabilities, x: xRange, y: yRange, data: data, accuracy: frame.accuracy,
            architecture: architecture, step: frame.step),
          step: frame.step, label: BackpropFigures.filmLabel(frame))
      },
      file: "decision-boundary-film.png", title: "The decision boundary bending while the network trains",
      caption: BackpropFigures.decisionBoundaryFilmCaption,
      alt: BackpropFigures.decisionBoundaryFilmAlt,
      width: 800, height: 600, scale: 4.0 / 3))
    return result
  }
}
