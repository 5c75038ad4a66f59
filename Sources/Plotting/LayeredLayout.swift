/// Left-to-right layered placement of a directed acyclic graph (a small Sugiyama layout):
/// nodes go in columns by longest path from the sources (sources moved next to their first use),
/// long edges pass through invisible waypoints, columns are reordered by barycentres to reduce
/// crossings, and each node is moved as close to the mean height of its neighbours as the
/// spacing allows (isotonic regression).
struct LayeredLayout {
  /// Centre of every node.
  var centers: [Point]
  /// Column index of every node.
  var layers: [Int]
  /// For every edge, the points it passes through: source centre, waypoints, target centre.
  var paths: [[Point]]
  /// Width and height of the whole drawing.
  var size: (width: Double, height: Double)

  /// Lays out `sizes.count` nodes of the given (width, height) joined by `edges` (from, to).
  /// Throws ``PlotError/invalidData(reason:)`` for an edge to a missing node or a cycle.
  static func compute(
    sizes: [(width: Double, height: Double)], edges: [(from: Int, to: Int)], columnGap: Double, rowGap: Double
  ) throws -> LayeredLayout {
    let n = sizes.count
    for e in edges where !(0..<n).contains(e.from) || !(0..<n).contains(e.to) {
      throw PlotError.invalidData(reason: "an edge joins node \(e.from) to node \(e.to) but the diagram has \(n) nodes")
    }
    var successors = [[Int]](repeating: [], count: n)
    var predecessors = [[Int]](repeating: [], count: n)
    for e in edges where e.from != e.to {
      successors[e.from].append(e.to)
      predecessors[e.to].append(e.from)
    }
    if let e = edges.first(where: { $0.from == $0.to }) {
      throw PlotError.invalidData(reason: "node \(e.from) has an edge to itself; a diagram must have no cycles")
    }
    // Topological order (Kahn), iterative.
    var indegree = predecessors.map(\.count)
    var order: [Int] = []
    var queue = (0..<n).filter { indegree[$0] == 0 }
    var head = 0
    while head < queue.count {
      let v = queue[head]
      head += 1
      order.append(v)
      for s in successors[v] {
        indegree[s] -= 1
        if indegree[s] == 0 { queue.append(s) }
      }
    }
    guard order.count == n else {
      let stuck = (0..<n).first { indegree[$0] > 0 } ?? 0
      throw PlotError.invalidData(reason: "the edges form a cycle through node \(stuck); a diagram must be acyclic")
    }
    // Columns: longest path from the sources, then sources moved right next to their first consumer.
    var layer = [Int](repeating: 0, count: n)
    for v in order { for s in successors[v] { layer[s] = max(layer[s], layer[v] + 1) } }
    for v in 0..<n where predecessors[v].isEmpty && !successors[v].isEmpty {
      layer[v] = successors[v].map { layer[$0] }.min()! - 1
    }
    let minLayer = layer.min() ?? 0
    layer = layer.map { $0 - minLayer }
    let layerCount = (layer.max() ?? -1) + 1

    // Virtual graph: real nodes plus one waypoint per layer crossed by a long edge.
    var vLayer = layer
    var vHeight = sizes.map(\.height)
    var vSucc = [[Int]](repeating: [], count: n)
    var vPred = [[Int]](repeating: [], count: n)
    var chains: [[Int]] = []
    for e in edges {
      var chain = [e.from]
      var previous = e.from
      if layer[e.to] - layer[e.from] > 1 {
        for l in (layer[e.from] + 1)..<layer[e.to] {
          let d = vLayer.count
          vLayer.append(l)
          vHeight.append(rowGap * 0.5)
          vSucc.append([])
          vPred.append([])
          vSucc[previous].append(d)
          vPred[d].append(previous)
          chain.append(d)
          previous = d
        }
      }
      vSucc[previous].append(e.to)
      vPred[e.to].append(previous)
      chain.append(e.to)
      chains.append(chain)
    }
    let total = vLayer.count
    var columns = [[Int]](repeating: [], count: layerCount)
    // Initial order: by a depth-first walk from the sources, so that related nodes start close.
    var seen = [Bool](repeating: false, count: total)
    for root in order where predecessors[root].isEmpty || layer[root] == 0 {
      var stack = [root]
      while let v = stack.popLast() {
        if seen[v] { continue }
        seen[v] = true
        columns[vLayer[v]].append(v)
        for s in vSucc[v].reversed() where !seen[s] { stack.append(s) }
      }
    }
    for v in 0..<total where !seen[v] { columns[vLayer[v]].append(v) }

    // Barycentre sweeps, keeping the ordering with the fewest crossings.
    var position = [Int](repeating: 0, count: total)
    func renumber() { for column in columns { for (i, v) in column.enumerated() { position[v] = i } } }
    func crossings() -> Int {
      var count = 0
      for l in 0..<max(0, layerCount - 1) {
        var pairs: [(Int, Int)] = []
        for v in columns[l] { for s in vSucc[v] { pairs.append((position[v], position[s])) } }
        for i in 0..<pairs.count {
          for j in (i + 1)..<max(i + 1, pairs.count)
          where (pairs[i].0 - pairs[j].0) * (pairs[i].1 - pairs[j].1) < 0 {
            count += 1
          }
        }
      }
      return count
    }
    renumber()
    var best = columns
    var bestCrossings = crossings()
    for iteration in 0..<12 {
      let downward = iteration % 2 == 0
      let range: [Int] = downward ? Array(stride(from: 1, to: layerCount, by: 1)) : Array(stride(from: layerCount - 2, through: 0, by: -1))
      for l in range {
        let keyed = columns[l].map { v -> (Int, Double) in
          let neighbours = downward ? vPred[v] : vSucc[v]
          guard !neighbours.isEmpty else { return (v, Double(position[v])) }
          return (v, Double(neighbours.map { position[$0] }.reduce(0, +)) / Double(neighbours.count))
        }
        columns[l] = keyed.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map { $0.element.0 }
        for (i, v) in columns[l].enumerated() { position[v] = i }
      }
      let c = crossings()
      if c < bestCrossings {
        bestCrossings = c
        best = columns
      }
    }
    columns = best
    renumber()
    // Transposition: swap neighbours in a column while that removes crossings (as graphviz's dot).
    var improved = true
    var passes = 0
    while improved && passes < 10 {
      improved = false
      passes += 1
      for l in 0..<layerCount where columns[l].count > 1 {
        for i in 0..<(columns[l].count - 1) {
          let before = bestCrossings
          columns[l].swapAt(i, i + 1)
          renumber()
          let after = crossings()
          if after < before {
            bestCrossings = after
            improved = true
          } else {
            columns[l].swapAt(i, i + 1)
            renumber()
          }
        }
      }
    }

    // Vertical positions: stacked, then pulled towards neighbours within the spacing constraints.
    var y = [Double](repeating: 0, count: total)
    for column in columns {
      var top = 0.0
      for v in column {
        y[v] = top + vHeight[v] / 2
        top += vHeight[v] + rowGap
      }
    }
    for iteration in 0..<16 {
      let downward = iteration % 2 == 0
      let range: [Int] = downward ? Array(0..<layerCount) : Array((0..<layerCount).reversed())
      for l in range {
        let column = columns[l]
        guard !column.isEmpty else { continue }
        let desired = column.map { v -> Double in
          let neighbours = iteration >= 12 ? vPred[v] + vSucc[v] : (downward ? vPred[v] : vSucc[v])
          guard !neighbours.isEmpty else { return y[v] }
          return neighbours.map { y[$0] }.reduce(0, +) / Double(neighbours.count)
        }
        var separation: [Double] = [0]
        for i in 1..<column.count {
          separation.append(separation[i - 1] + (vHeight[column[i - 1]] + vHeight[column[i]]) / 2 + rowGap)
        }
        let fitted = isotonic(zip(desired, separation).map { $0 - $1 })
        for i in column.indices { y[column[i]] = fitted[i] + separation[i] }
      }
    }
    // Horizontal positions: columns as wide as their widest node.
    var columnX: [Double] = []
    var x = 0.0
    for column in columns {
      let width = column.filter { $0 < n }.map { sizes[$0].width }.max() ?? rowGap
      columnX.append(x + width / 2)
      x += width + columnGap
    }
    let top = (0..<total).map { y[$0] - vHeight[$0] / 2 }.min() ?? 0
    let bottom = (0..<total).map { y[$0] + vHeight[$0] / 2 }.max() ?? 0
    let centersAll = (0..<total).map { Point(columnX[vLayer[$0]], y[$0] - top) }
    return LayeredLayout(
      centers: Array(centersAll.prefix(n)), layers: layer,
      paths: chains.map { $0.map { centersAll[$0] } }, size: (max(0, x - columnGap), bottom - top))
  }

  /// The non-decreasing sequence closest to `values` in least squares (pool adjacent violators).
  static func isotonic(_ values: [Double]) -> [Double] {
    var blocks: [(mean: Double, count: Int)] = []
    for v in values {
      blocks.append((v, 1))
      while blocks.count > 1 && blocks[blocks.count - 2].mean > blocks[blocks.count - 1].mean {
        let b = blocks.removeLast()
        let a = blocks.removeLast()
        let count = a.count + b.count
        blocks.append(((a.mean * Double(a.count) + b.mean * Double(b.count)) / Double(count), count))
      }
    }
    return blocks.flatMap { Array(repeating: $0.mean, count: $0.count) }
  }
}
