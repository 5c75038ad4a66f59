import Foundation

/// Example figures of every kind, from fixed seeds, for `workbench plots gallery` and for tests.
public enum PlotGallery {
  /// One gallery image: a file name stem, a title for the PNG metadata and the figure.
  public struct Entry: Sendable {
    /// File name without extension, e.g. "line-log".
    public let name: String
    /// What the image shows.
    public let title: String
    /// The figure to render.
    public let figure: any Figure
    /// Width to render at, pixels.
    public let width: Int
    /// Height to render at, pixels.
    public let height: Int
  }

  /// All gallery entries, in a fixed order.
  public static func entries() -> [Entry] {
    let graph = computationGraph()
    let graphSize = (try? graph.naturalSize()) ?? (width: 2400, height: 640)
    return [
      Entry(name: "line-log", title: "Training loss on a log axis with annotations", figure: lossCurves(), width: 1200, height: 800),
      Entry(name: "scatter", title: "Two clusters of embeddings", figure: scatter(), width: 1200, height: 800),
      Entry(name: "band", title: "Validation accuracy over 5 seeds: mean, ±1 std and min–max", figure: band(), width: 1200, height: 800),
      Entry(name: "bar", title: "Grouped bar chart of accuracy per optimiser", figure: bars(), width: 1200, height: 800),
      Entry(name: "histogram", title: "Histogram of initial weights", figure: histogram(), width: 1200, height: 800),
      Entry(name: "heatmap", title: "Decision boundary of a small classifier", figure: heatmap(), width: 1200, height: 900),
      Entry(name: "small-multiples", title: "Learning-rate sweep as small multiples", figure: smallMultiples(), width: 1600, height: 1000),
      Entry(name: "diagram", title: "Computation graph of o = tanh(x1·w1 + x2·w2 + b)", figure: graph, width: graphSize.width, height: graphSize.height),
    ]
  }

  /// Loss curves for three learning rates on a log axis; the largest diverges (NaN afterwards).
  public static func lossCurves() -> Chart {
    var chart = Chart(title: "Training loss", xLabel: "step", yLabel: "loss", yScale: .log10)
    var rng = GalleryRandom(seed: 1)
    let steps = (0...600).map(Double.init)
    for (rate, label) in [(0.3, "lr 0.3"), (0.1, "lr 0.1"), (0.01, "lr 0.01")] {
      var losses: [Double] = []
      for s in steps {
        var loss = 2.5 * exp(-s * rate / 20) + 0.02 + 0.05 / (1 + rate * 10)
        loss *= exp(0.08 * rng.normal())
        if rate == 0.3 && s > 260 { loss = s > 300 ? .nan : loss * exp((s - 260) / 8) }
        losses.append(loss)
      }
      chart.add(LineSeries(x: steps, y: losses, label: label))
    }
    chart.annotate("diverged", at: Point(300, 2.5 * exp(-300 * 0.3 / 20) * exp(40.0 / 8) + 0.045), offset: -60, 10)
    chart.addVerticalLine(at: 400, label: "fine-tuning starts")
    return chart
  }

  /// Two Gaussian clusters and a few outliers.
  public static func scatter() -> Chart {
    var rng = GalleryRandom(seed: 2)
    var chart = Chart(title: "Embeddings after training", xLabel: "dimension 1", yLabel: "dimension 2")
    for (label, cx, cy, marker) in [("verbs", -1.5, 0.5, Marker.circle), ("nouns", 1.2, -0.4, Marker.square)] {
      let xs = (0..<150).map { _ in cx + 0.7 * rng.normal() }
      let ys = (0..<150).map { _ in cy + 0.5 * rng.normal() }
      chart.add(ScatterSeries(x: xs, y: ys, label: label, marker: marker, opacity: 0.7))
    }
    chart.add(ScatterSeries(x: [3.5, -4, 0.2], y: [2.2, -1.8, 2.6], label: "outliers", marker: .cross, size: 9, opacity: 1))
    return chart
  }

  /// Mean accuracy over seeds with ±1 std and min–max bands.
  public static func band() -> Chart {
    var rng = GalleryRandom(seed: 3)
    let epochs = (1...40).map(Double.init)
    let runs = (0..<5).map { _ in
      epochs.map { e in 0.95 - 0.55 * exp(-e / 8) + 0.015 * rng.normal() }
    }
    let mean = epochs.indices.map { i in runs.map { $0[i] }.reduce(0, +) / Double(runs.count) }
    let std = epochs.indices.map { i in
      (runs.map { ($0[i] - mean[i]) * ($0[i] - mean[i]) }.reduce(0, +) / Double(runs.count - 1)).squareRoot()
    }
    var chart = Chart(title: "Validation accuracy over 5 seeds", xLabel: "epoch", yLabel: "accuracy")
    let blue = Palette.default[0]
    chart.add(BandSeries(
      x: epochs, lower: epochs.indices.map { i in runs.map { $0[i] }.min()! },
      upper: epochs.indices.map { i in runs.map { $0[i] }.max()! }, label: "min–max", color: blue, opacity: 0.12))
    chart.add(BandSeries(x: epochs, mean: mean, standardDeviation: std, label: "mean ± 1 std", color: blue, opacity: 0.3))
    chart.add(LineSeries(x: epochs, y: mean, label: "mean", color: blue, marker: .circle, markerSize: 4))
    chart.addHorizontalLine(at: 0.9, label: "target 0.90")
    return chart
  }

  /// Grouped bars: three optimisers on train and test accuracy.
  public static func bars() -> BarChart {
    var chart = BarChart(
      title: "Accuracy after 20 epochs", categories: ["SGD", "SGD +\nmomentum", "Adam", "AdamW"], yLabel: "accuracy",
      yLimits: AxisLimits(0, 1.15))
    chart.add(BarSeries(label: "train", values: [0.81, 0.9, 0.96, 0.95]))
    chart.add(BarSeries(label: "test", values: [0.79, 0.86, 0.89, 0.91]))
    chart.showsValues = true
    return chart
  }

  /// Two overlaid histograms of initial weights.
  public static func histogram() -> Chart {
    var rng = GalleryRandom(seed: 4)
    var chart = Chart(title: "Initial weights of a 256×256 layer", xLabel: "weight", yLabel: "count")
    let normal = (0..<5000).map { _ in rng.normal() * (2.0 / 256).squareRoot() }
    let bound = (6.0 / 512).squareRoot()
    let uniform = (0..<5000).map { _ in (rng.uniform() * 2 - 1) * bound }
    let range = AxisLimits(-0.35, 0.35)
    chart.add(Histogram(values: normal, bins: 56, range: range, label: "He normal", opacity: 0.6))
    chart.add(Histogram(values: uniform, bins: 56, range: range, label: "Glorot uniform", opacity: 0.6))
    return chart
  }

  /// A smooth decision boundary (probability of class 1) with the training points over it.
  public static func heatmap() -> Chart {
    var rng = GalleryRandom(seed: 5)
    let n = 120
    let grid = (0..<n).map { row in
      (0..<n).map { column -> Double in
        let x = -3 + 6 * (Double(column) + 0.5) / Double(n)
        let y = -3 + 6 * (Double(row) + 0.5) / Double(n)
        let score = 2.2 - (x * x + y * y) + 0.6 * sin(2 * x)
        return 1 / (1 + exp(-2 * score))
      }
    }
    var chart = Chart(title: "Decision boundary of a 2-16-1 MLP", xLabel: "x₁", yLabel: "x₂")
    chart.add(Heatmap(
      values: grid, xRange: AxisLimits(-3, 3), yRange: AxisLimits(-3, 3), colorbarLabel: "P(class 1)",
      interpolation: .bilinear))
    var inner: ([Double], [Double]) = ([], [])
    var outer: ([Double], [Double]) = ([], [])
    for _ in 0..<80 {
      let r = 0.9 * rng.uniform().squareRoot()
      let a = 2 * Double.pi * rng.uniform()
      inner.0.append(r * cos(a))
      inner.1.append(r * sin(a))
      let r2 = 1.9 + 0.8 * rng.uniform()
      let a2 = 2 * Double.pi * rng.uniform()
      outer.0.append(r2 * cos(a2))
      outer.1.append(r2 * sin(a2))
    }
    chart.add(ScatterSeries(x: inner.0, y: inner.1, label: "class 1", color: Color(hex: 0xF0E442), edgeColor: .black))
    chart.add(ScatterSeries(x: outer.0, y: outer.1, label: "class 0", color: Color(hex: 0x440154), marker: .square, edgeColor: .white))
    return chart
  }

  /// Four panels: loss curves for four learning rates.
  public static func smallMultiples() -> PanelGrid {
    var grid = PanelGrid(columns: 2, title: "Learning-rate sweep")
    var rng = GalleryRandom(seed: 6)
    let steps = (0...200).map(Double.init)
    for (index, rate) in [0.001, 0.01, 0.1, 1.0].enumerated() {
      var chart = Chart(title: "lr = \(rate)", xLabel: "step", yLabel: "loss")
      let train = steps.map { s in 2.3 * exp(-s * min(rate, 0.3) / 10) + 0.1 + 0.03 * rng.normal() + (rate >= 1 ? 0.4 * sin(s / 3) + 0.5 : 0) }
      let valid = train.map { $0 + 0.08 + 0.02 * rng.normal() }
      chart.add(LineSeries(x: steps, y: train, label: "train"))
      chart.add(LineSeries(x: steps, y: valid, label: "validation"))
      if index != 0 { chart.legend = .hidden }
      grid.add(chart)
    }
    return grid
  }

  /// micrograd's example neuron o = tanh(x1·w1 + x2·w2 + b) with each node's value and gradient.
  public static func computationGraph() -> Diagram {
    let (x1, w1, x2, w2, b) = (2.0, -3.0, 0.0, 1.0, 6.8813735870195432)
    let x1w1 = x1 * w1
    let x2w2 = x2 * w2
    let sum = x1w1 + x2w2
    let n = sum + b
    let o = tanh(n)
    // Backward pass: do/dn = 1 − o², then the chain rule through + and ×.
    let gn = 1 - o * o
    func field(_ name: String, _ value: Double, _ grad: Double) -> [String] {
      [name, String(format: "data %.4g", value), String(format: "grad %.4g", grad)]
    }
    var d = Diagram(title: "o = tanh(x1·w1 + x2·w2 + b): values and gradients")
    let nx1 = d.addNode(field("x1", x1, w1 * gn))
    let nw1 = d.addNode(field("w1", w1, x1 * gn))
    let nx2 = d.addNode(field("x2", x2, w2 * gn))
    let nw2 = d.addNode(field("w2", w2, x2 * gn))
    let mul1 = d.addNode("*", shape: .circle)
    let mul2 = d.addNode("*", shape: .circle)
    let p1 = d.addNode(field("x1·w1", x1w1, gn))
    let p2 = d.addNode(field("x2·w2", x2w2, gn))
    let add1 = d.addNode("+", shape: .circle)
    let s = d.addNode(field("x1·w1 + x2·w2", sum, gn))
    let nb = d.addNode(field("b", b, gn))
    let add2 = d.addNode("+", shape: .circle)
    let nn = d.addNode(field("n", n, gn))
    let th = d.addNode("tanh", shape: .circle)
    let no = d.addNode(field("o", o, 1))
    for (a, c) in [(nx1, mul1), (nw1, mul1), (nx2, mul2), (nw2, mul2), (mul1, p1), (mul2, p2), (p1, add1), (p2, add1),
                   (add1, s), (s, add2), (nb, add2), (add2, nn), (nn, th), (th, no)] {
      d.connect(a, to: c)
    }
    return d
  }
}
