import Foundation
import Testing
@testable import Plotting

@Suite struct DiagramTests {
  @Test func isotonicRegressionPoolsViolators() {
    #expect(LayeredLayout.isotonic([1, 3, 2, 4]) == [1, 2.5, 2.5, 4])
    #expect(LayeredLayout.isotonic([5, 4, 3]) == [4, 4, 4])
    #expect(LayeredLayout.isotonic([]) == [])
  }

  @Test func edgesPointRightAndNodesDoNotOverlap() throws {
    // A small micrograd-like graph: a → * ← b, * → + ← c, + → tanh.
    let sizes: [(width: Double, height: Double)] = [(60, 20), (60, 20), (20, 20), (60, 20), (20, 20), (20, 20), (60, 20)]
    let edges: [(from: Int, to: Int)] = [(0, 2), (1, 2), (2, 4), (3, 4), (4, 5), (5, 6)]
    let layout = try LayeredLayout.compute(sizes: sizes, edges: edges, columnGap: 30, rowGap: 10)
    for e in edges {
      #expect(layout.layers[e.to] > layout.layers[e.from])
      #expect(layout.centers[e.to].x > layout.centers[e.from].x)
    }
    // The input c (node 3) sits in the column just before its consumer, not at the far left.
    #expect(layout.layers[3] == layout.layers[4] - 1)
    for i in sizes.indices {
      for j in sizes.indices where i < j && layout.layers[i] == layout.layers[j] {
        let gap = abs(layout.centers[i].y - layout.centers[j].y)
        #expect(gap >= (sizes[i].height + sizes[j].height) / 2 + 10 - 1e-9)
      }
    }
  }

  @Test func longEdgesGetWaypoints() throws {
    let sizes = Array(repeating: (width: 10.0, height: 10.0), count: 4)
    let layout = try LayeredLayout.compute(
      sizes: sizes, edges: [(from: 0, to: 1), (1, 2), (2, 3), (0, 3)], columnGap: 10, rowGap: 5)
    #expect(layout.paths[3].count == 4)  // source, a waypoint in each of the 2 columns crossed, target
  }

  @Test func cyclesAndUnknownNodesAreRejected() {
    #expect(throws: PlotError.self) {
      try LayeredLayout.compute(sizes: [(10, 10), (10, 10)], edges: [(from: 0, to: 1), (1, 0)], columnGap: 1, rowGap: 1)
    }
    #expect(throws: PlotError.self) {
      try LayeredLayout.compute(sizes: [(10, 10)], edges: [(from: 0, to: 3)], columnGap: 1, rowGap: 1)
    }
    var diagram = Diagram()
    let a = diagram.addNode("a")
    diagram.connect(a, to: a)
    #expect(throws: PlotError.self) { try diagram.render(width: 200, height: 100, scale: 1) }
  }

  @Test func fortyNodesRenderWithTextInsideTheBoxes() throws {
    var diagram = Diagram(title: "40 nodes")
    var previous: [Diagram.NodeID] = []
    for layer in 0..<8 {
      var current: [Diagram.NodeID] = []
      for k in 0..<5 {
        let node = diagram.addNode(["n\(layer).\(k)", "data \(k)", "grad 0"])
        for (j, p) in previous.enumerated() where (j + k) % 3 == 0 { diagram.connect(p, to: node) }
        current.append(node)
      }
      previous = current
    }
    #expect(diagram.nodes.count == 40)
    let size = try diagram.naturalSize(scale: 1)
    #expect(size.width > 400 && size.height > 100)
    let image = try diagram.render(width: 800, height: 500, scale: 1)
    let probe = ImageProbe(image: image)
    let dark = probe.count(x: 0..<image.width, y: 0..<image.height) { probe.isDark($0, $1) }
    #expect(dark > 1000, "text and outlines are drawn")
  }

  @Test func recordFieldsAreDrawnLeftToRight() throws {
    var diagram = Diagram()
    let x = diagram.addNode(["x1", "data 2.0", "grad -1.5"])
    let op = diagram.addNode("tanh", shape: .circle)
    diagram.connect(x, to: op)
    let image = try diagram.render(width: 600, height: 200, scale: 1)
    let probe = ImageProbe(image: image)
    // The record's light-blue fill is on the left half, the circle's light-orange fill on the right.
    func isBlueish(_ x: Int, _ y: Int) -> Bool {
      let p = image.rgba(x: x, y: y)
      return Int(p.blue) > Int(p.red) + 10 && p.blue > 200
    }
    func isOrangeish(_ x: Int, _ y: Int) -> Bool {
      let p = image.rgba(x: x, y: y)
      return Int(p.red) > Int(p.blue) + 30 && p.red > 200
    }
    var blueColumns: [Int] = []
    var orangeColumns: [Int] = []
    for y in 0..<image.height {
      for x in 0..<image.width {
        if isBlueish(x, y) { blueColumns.append(x) }
        if isOrangeish(x, y) { orangeColumns.append(x) }
      }
    }
    #expect(blueColumns.count > 200 && orangeColumns.count > 200)
    #expect((blueColumns.max() ?? 0) < (orangeColumns.min() ?? 0), "the record is left of the operation")
    _ = probe
  }
}
