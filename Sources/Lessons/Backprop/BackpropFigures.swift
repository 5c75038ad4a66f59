import Plotting

/// The backprop lesson's plots (the computation graph is drawn by ``ComputationGraphDiagram``).
enum BackpropFigures {
  /// The two classes' marker styles: class 0 orange circles, class 1 blue squares.
  static let classColors = [Color(hex: 0xE69F00), Color(hex: 0x0072B2)]

  /// P(class 1) as a viridis heatmap with the training points on top, coloured by class.
  static func decisionBoundary(
    probabilities: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>, data: TwoMoons, accuracy: Double,
    architecture: String, step: Int? = nil
  ) -> Chart {
    let when = step.map { "after \($0) steps, " } ?? ""
    var chart = Chart(
      title: "Decision boundary of the \(architecture) MLP (\(when)training accuracy \(LessonText.fixed(accuracy, 3)))",
      xLabel: "x₁", yLabel: "x₂")
    chart.add(Heatmap(
      values: probabilities, xRange: AxisLimits(x.lowerBound, x.upperBound),
      yRange: AxisLimits(y.lowerBound, y.upperBound), valueRange: AxisLimits(0, 1),
      colorbarLabel: "P(class 1) = sigmoid(score)", interpolation: .bilinear))
    for (cls, marker, edge) in [(0, Marker.circle, Color.black), (1, Marker.square, Color.white)] {
      let indices = data.classes.indices.filter { data.classes[$0] == cls }
      chart.add(ScatterSeries(
        x: indices.map { data.xs[$0] }, y: indices.map { data.ys[$0] }, label: "class \(cls)", color: classColors[cls],
        marker: marker, size: 6.5, opacity: 1, edgeColor: edge))
    }
    chart.legend = .lowerLeft
    return chart
  }

  /// The scrubber label of one decision-boundary frame: step, loss and accuracy.
  static func filmLabel(_ frame: MoonsClassifier.BoundaryFrame) -> String {
    "step \(frame.step) · loss \(LessonText.fixed(frame.loss, 4)) nats · accuracy \(LessonText.fixed(frame.accuracy, 3))"
  }

  /// Loss (log scale) and accuracy against step, side by side.
  static func trainingCurves(losses: [Double], accuracies: [Double], target: Double) -> PanelGrid {
    let steps = losses.indices.map(Double.init)
    var grid = PanelGrid(columns: 2, title: "Training the moons classifier (Adam, full batch)")
    var loss = Chart(title: "Loss", xLabel: "step", yLabel: "logistic loss, nats (log scale)", yScale: .log10)
    loss.add(LineSeries(x: steps, y: losses, label: "training loss", color: Color(hex: 0x0072B2), width: 2))
    loss.legend = .hidden
    var accuracy = Chart(
      title: "Accuracy", xLabel: "step", yLabel: "training accuracy (fraction correct)",
      yLimits: AxisLimits(min(0.4, (accuracies.min() ?? 0.5) - 0.05), 1.02))
    accuracy.add(LineSeries(x: steps, y: accuracies, label: "training accuracy", color: Color(hex: 0x009E73), width: 2))
    accuracy.addHorizontalLine(at: target, label: "target \(LessonText.fixed(target, 2))")
    accuracy.legend = .hidden
    grid.add(loss)
    grid.add(accuracy)
    return grid
  }

  // MARK: Captions and alt texts (the words beside each figure)

  /// Caption of `computation-graph.png`.
  static let computationGraphCaption =
    "Each box is a value in the computation: its name, its forward value (data) and the gradient of the output o with respect to it (grad), filled in by one backward pass from o. Circles are the operations; gradients flow right to left."
  /// Alt text of `computation-graph.png`.
  static let computationGraphAlt =
    "A left-to-right graph: x1 and w1 feed a multiply, x2 and w2 another multiply, their products are added, b is added to give n, and tanh gives o; each box shows its value and gradient."
  /// Caption of `decision-boundary.png`.
  static let decisionBoundaryCaption =
    "The trained network's probability of class 1 over the plane (viridis: purple = class 0, yellow = class 1) with the training points on top. The curved boundary between the colours is what the tanh hidden layers make possible; no straight line separates the moons."
  /// Alt text of `decision-boundary.png`.
  static let decisionBoundaryAlt =
    "A heatmap from purple to yellow with a curved boundary snaking between two interleaved half-moons of orange circles and blue squares."
  /// Caption of `training-curves.png`, for a network of `parameters` parameters and an accuracy `target`.
  static func trainingCurvesCaption(parameters: Int, target: Double) -> String {
    "Left: the logistic loss falls as backprop and Adam adjust the \(parameters) parameters. Right: training accuracy climbs past the \(LessonText.fixed(target, 2)) target (dashed)."
  }
  /// Alt text of `training-curves.png`.
  static let trainingCurvesAlt =
    "Two line charts: loss on a log scale falling steadily over the steps; accuracy rising from about one half to nearly 1."
  /// Caption of `decision-boundary-film.png`.
  static let decisionBoundaryFilmCaption =
    "The network's P(class 1) over the plane after each recorded step of the same training run: the boundary starts as a nearly straight line and bends around the moons as backprop and Adam update the weights."
  /// Alt text of `decision-boundary-film.png`.
  static let decisionBoundaryFilmAlt =
    "An animation of a purple-to-yellow heatmap whose boundary starts nearly straight and curves into an S between the two moons of points."
}
