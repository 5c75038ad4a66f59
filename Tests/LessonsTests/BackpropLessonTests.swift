import Autograd
import Foundation
import Plotting
import Testing

@testable import Lessons

/// The backprop lesson in quick mode: the finite-difference table, the graph, the moons classifier,
/// plots and determinism.
@Suite("Backprop")
struct BackpropLessonTests {
  static let runs = QuickLessonRuns.make(BackpropLesson())

  @Test("claims hold: gradients match finite differences, the moons are separated")
  func claimsHold() throws {
    let result = try Self.runs.get().result
    #expect(result.claims.count == 3)
    for claim in result.claims { #expect(claim.passed, "\(claim.statement): \(claim.detail)") }
    #expect(try #require(result.value(of: "neuron_max_relative_difference")) <= 1e-6)
    #expect(try #require(result.value(of: "mlp_gradient_max_relative_error")) <= 1e-6)
    #expect(try #require(result.value(of: "moons_train_accuracy")) >= 0.97)
    #expect(result.value(of: "mlp_parameter_count") == 337)  // 2·16+16 + 16·16+16 + 16·1+1
    #expect(try #require(result.value(of: "moons_points")) >= 100)
  }

  /// micrograd's neuron by hand: n = 0.8814, o = tanh(n) = √½, ∂o/∂n = 1 − o² = ½, and the
  /// chain rule through + and × (the values of the backpropagation glossary entry).
  @Test("the table holds the hand-derived values and gradients of every node")
  func tableMatchesHandDerivation() throws {
    let table = try #require(Self.runs.get().result.tables.first)
    #expect(table.columns == ["node", "op", "value", "backprop ∂o/∂node", "numeric ∂o/∂node", "|difference|"])
    let byNode = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0) })
    #expect(Set(byNode.keys) == ["x1", "w1", "x2", "w2", "b", "x1·w1", "x2·w2", "x1·w1 + x2·w2", "n", "o"])
    let half = 0.5
    let expected: [String: (value: Double, grad: Double)] = [
      "x1": (2, -3 * half), "w1": (-3, 2 * half), "x2": (0, 1 * half), "w2": (1, 0), "b": (6.8813735870195432, half),
      "x1·w1": (-6, half), "x2·w2": (0, half), "x1·w1 + x2·w2": (-6, half), "n": (0.8813735870195432, half),
      "o": (0.5.squareRoot(), 1),
    ]
    for (node, want) in expected {
      let row = try #require(byNode[node])
      #expect(abs(try #require(Double(row[2])) - want.value) < 1e-5, "value of \(node)")
      #expect(abs(try #require(Double(row[3])) - want.grad) < 1e-9, "backprop gradient of \(node)")
      #expect(abs(try #require(Double(row[4])) - want.grad) < 1e-8, "numeric gradient of \(node)")
    }
    #expect(byNode["o"]?[1] == "tanh" && byNode["n"]?[1] == "add" && byNode["x1·w1"]?[1] == "mul" && byNode["b"]?[1] == "leaf")
  }

  @Test("the finite-difference oracle really perturbs each node (a wrong gradient would be caught)")
  func oracleDetectsWrongGradients() {
    let h = 1e-6
    let dn = (NeuronExpression.evaluate(nudging: "n", by: h) - NeuronExpression.evaluate(nudging: "n", by: -h)) / (2 * h)
    #expect(abs(dn - 0.5) < 1e-9)
    let dw1 = (NeuronExpression.evaluate(nudging: "w1", by: h) - NeuronExpression.evaluate(nudging: "w1", by: -h)) / (2 * h)
    #expect(abs(dw1 - 1) < 1e-9)
    // A row whose backprop value is off by 1e-4 fails the 1e-6 relative test.
    let wrong = NeuronExpression.Row(label: "w1", op: "leaf", value: -3, backprop: 1.0001, numeric: dw1)
    #expect(wrong.relativeDifference > 1e-6)
  }

  @Test("the computation graph diagram has a box per value and a circle per operation")
  func diagramStructure() throws {
    let output = try NeuronExpression.build()
    output.backward(retainingIntermediateGradients: true)
    let diagram = ComputationGraphDiagram.diagram(of: output, title: "t")
    #expect(diagram.nodes.filter { $0.shape == .box }.count == 10)
    #expect(diagram.nodes.filter { $0.shape == .circle }.map { $0.fields[0] }.sorted() == ["+", "+", "tanh", "×", "×"])
    #expect(diagram.edges.count == 14)  // 9 operand edges into the 5 operations + 5 results
    let o = try #require(diagram.nodes.first { $0.fields.first == "o" })
    #expect(o.fields == ["o", "data 0.7071", "grad 1"])
  }

  @Test("plots decode at their sizes; the same seed gives identical files")
  func plotsAndDeterminism() throws {
    let runs = try Self.runs.get()
    let graph = try ComputationGraphDiagram.diagram(of: {
      let o = try NeuronExpression.build()
      o.backward(retainingIntermediateGradients: true)
      return o
    }(), title: "o = tanh(x1·w1 + x2·w2 + b): forward values (data) and gradients ∂o/∂node (grad)").naturalSize()
    try runs.expectPlotsAndDeterminism(sizes: [
      "computation-graph.png": graph, "decision-boundary.png": (1200, 900), "training-curves.png": (1600, 650),
    ])
  }

  @Test("the decision-boundary film: bytes identical across two runs, an APNG with the frame count the lesson reports, under 3 MB")
  func film() throws {
    let runs = try Self.runs.get()
    let record = try #require(runs.result.films.first)
    #expect(record.file == "decision-boundary-film.png")
    let bytes = [UInt8](try Data(contentsOf: runs.firstFolder.appendingPathComponent(record.file)))
    #expect(bytes == [UInt8](try Data(contentsOf: runs.secondFolder.appendingPathComponent(record.file))))
    #expect(try AnimatedPNG.frameCount(bytes) == record.frames.count)
    #expect(record.frames.count >= 10 && bytes.count <= LessonContext.maximumFilmBytes)
    #expect(record.frames.first?.step == 0 && record.frames.last?.step == 100)
    #expect(record.frames.last?.label.contains("accuracy \(LessonText.fixed(runs.result.value(of: "moons_train_accuracy") ?? -1, 3))") == true)
  }

  @Test("the training wall time is reported in timings, not metrics")
  func timingIsSeparate() throws {
    let result = try Self.runs.get().result
    #expect(result.timings.contains { $0.phase.contains("moons") && $0.seconds > 0 })
    #expect(!result.metrics.contains { $0.unit == "s" || $0.name.contains("time") })
  }
}
