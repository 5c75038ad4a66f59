import Autograd
import Foundation

/// micrograd's neuron o = tanh(x1·w1 + x2·w2 + b) built on the autodiff engine in float64, with an
/// independent finite-difference oracle written in plain arithmetic.
enum NeuronExpression {
  /// The inputs, as in micrograd's README: b is chosen so that n = 0.8814 and o = tanh(n) = √½.
  static let leaves: [(label: String, value: Double)] = [
    ("x1", 2.0), ("w1", -3.0), ("x2", 0.0), ("w2", 1.0), ("b", 6.8813735870195432),
  ]

  /// Builds the expression graph (every node labelled) and returns its output `o`.
  static func build() throws -> Tensor<Double> {
    let t = Dictionary(uniqueKeysWithValues: leaves.map { ($0.label, Tensor<Double>($0.value, requiresGrad: true, label: $0.label)) })
    let x1w1 = try t["x1"]! * t["w1"]!
    x1w1.label = "x1·w1"
    let x2w2 = try t["x2"]! * t["w2"]!
    x2w2.label = "x2·w2"
    let sum = try x1w1 + x2w2
    sum.label = "x1·w1 + x2·w2"
    let n = try sum + t["b"]!
    n.label = "n"
    let o = n.tanh()
    o.label = "o"
    return o
  }

  /// The value of o computed with plain `Double` arithmetic, with `h` added to the node labelled
  /// `node` right after it is computed (h = 0 gives the forward value).
  static func evaluate(nudging node: String?, by h: Double) -> Double {
    func value(_ label: String, _ v: Double) -> Double { label == node ? v + h : v }
    let input = Dictionary(uniqueKeysWithValues: leaves.map { ($0.label, value($0.label, $0.value)) })
    let x1w1 = value("x1·w1", input["x1"]! * input["w1"]!)
    let x2w2 = value("x2·w2", input["x2"]! * input["w2"]!)
    let sum = value("x1·w1 + x2·w2", x1w1 + x2w2)
    let n = value("n", sum + input["b"]!)
    return value("o", Foundation.tanh(n))
  }

  /// One node's forward value, its backpropagated gradient ∂o/∂node and the finite-difference estimate.
  struct Row: Sendable {
    let label: String
    let op: String
    let value, backprop, numeric: Double
    var absoluteDifference: Double { abs(backprop - numeric) }
    /// |backprop − numeric| / max(|backprop|, |numeric|, 10⁻⁸) (an exact zero on both sides is 0).
    var relativeDifference: Double { absoluteDifference / max(abs(backprop), abs(numeric), 1e-8) }
  }

  /// Runs backward with intermediate gradients kept and compares every node with central
  /// differences of step `h`, in the graph's topological order (inputs first, o last).
  static func check(_ output: Tensor<Double>, step h: Double) -> [Row] {
    output.backward(retainingIntermediateGradients: true)
    return output.topologicalOrder().map { node in
      let label = node.label ?? node.op
      let numeric = (evaluate(nudging: label, by: h) - evaluate(nudging: label, by: -h)) / (2 * h)
      return Row(label: label, op: node.op, value: node.item, backprop: node.grad?.first ?? 0, numeric: numeric)
    }
  }
}
