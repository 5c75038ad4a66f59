import Autograd
import Plotting

/// Draws an autodiff graph: a box per tensor (its label, data and grad stacked, so that the graph
/// stays narrow enough to read at a page's column width) and a circle per operation.
enum ComputationGraphDiagram {
  /// The symbol drawn for an operation name.
  static func symbol(_ op: String) -> String {
    switch op {
    case "mul": "×"
    case "add": "+"
    case "sub": "−"
    case "div": "÷"
    default: op
    }
  }

  /// A diagram of every node `output` depends on, with its value and gradient (4 significant digits).
  static func diagram(of output: Tensor<Double>, title: String) -> Diagram {
    var diagram = Diagram(title: title)
    var ids: [ObjectIdentifier: Diagram.NodeID] = [:]
    for node in output.topologicalOrder() {
      let fields = [
        node.label ?? node.op, "data " + LessonText.minusSigns(LessonText.significant(node.item, 4)),
        "grad " + LessonText.minusSigns(LessonText.significant(node.grad?.first ?? 0, 4)),
      ]
      let fill = node.op == "leaf" ? Color(hex: 0xDCEBFA) : Color(hex: 0xE8F5E9)
      if node.op == "leaf" {
        ids[ObjectIdentifier(node)] = diagram.addNode(fields, shape: .box, fill: fill)
      } else {
        let operation = diagram.addNode(symbol(node.op), shape: .circle)
        for input in node.inputs { if let from = ids[ObjectIdentifier(input)] { diagram.connect(from, to: operation) } }
        let value = diagram.addNode(fields, shape: .box, fill: fill)
        diagram.connect(operation, to: value)
        ids[ObjectIdentifier(node)] = value
      }
    }
    return diagram
  }
}
