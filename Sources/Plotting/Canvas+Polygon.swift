extension Canvas {
  /// Fills the region enclosed by one or more closed outlines (non-zero winding, with exact
  /// area anti-aliasing). Each outline is implicitly closed; outlines with non-finite points are skipped.
  mutating func fillPolygon(_ outlines: [[Point]], color: Color) {
    let valid = outlines.filter { $0.count >= 3 && $0.allSatisfy(\.isFinite) }
    guard !valid.isEmpty else { return }
    var minX = Double.infinity
    var minY = Double.infinity
    var maxX = -Double.infinity
    var maxY = -Double.infinity
    for outline in valid {
      for p in outline {
        minX = min(minX, p.x)
        maxX = max(maxX, p.x)
        minY = min(minY, p.y)
        maxY = max(maxY, p.y)
      }
    }
    let region = PixelRect(covering: Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY))
      .intersection(clip).intersection(fullRect)
    if region.isEmpty { return }
    let stride = region.maxX - region.minX + 2
    let rows = region.maxY - region.minY
    let ox = Double(region.minX)
    let oy = Double(region.minY)
    let regionWidth = Double(region.maxX - region.minX)
    let regionHeight = Double(rows)
    if accumulation.isEmpty { accumulation = [Float](repeating: 0, count: (width + 2) * (height + 1)) }
    accumulation.withUnsafeMutableBufferPointer { buffer in
      let acc = buffer.baseAddress!
      for outline in valid {
        for i in 0..<outline.count {
          let a = outline[i]
          let b = outline[(i + 1) % outline.count]
          Canvas.accumulateEdge(
            acc, stride, Point(a.x - ox, a.y - oy), Point(b.x - ox, b.y - oy), regionWidth, regionHeight)
        }
      }
    }
    // Prefix-sum each row into coverage, clearing the accumulation buffer as we go.
    let w = width
    accumulation.withUnsafeMutableBufferPointer { buffer in
      coverage.withUnsafeMutableBufferPointer { cov in
        let acc = buffer.baseAddress!
        let c = cov.baseAddress!
        for row in 0..<rows {
          var sum: Float = 0
          let base = row * stride
          var k = (region.minY + row) * w + region.minX
          for col in 0..<(stride - 2) {
            sum += acc[base + col]
            acc[base + col] = 0
            let v = abs(sum)
            c[k] = v < 1 ? UInt8(v * 255 + 0.5) : 255
            k += 1
          }
          acc[base + stride - 2] = 0
          acc[base + stride - 1] = 0
        }
      }
    }
    compositeCoverage(region, color: color)
  }

  /// Deposits the signed area and cover of the directed edge `a`→`b` (coordinates relative to the
  /// region's top-left) into `acc`. The edge is first clipped vertically to `0...height`, and parts
  /// left or right of the region are projected onto its side walls, which preserves the winding
  /// number of every pixel inside.
  static func accumulateEdge(
    _ acc: UnsafeMutablePointer<Float>, _ stride: Int, _ a: Point, _ b: Point, _ width: Double, _ height: Double
  ) {
    if a.y == b.y { return }
    // Clip vertically.
    var p0 = a
    var p1 = b
    let goingDown = p0.y < p1.y
    if !goingDown { swap(&p0, &p1) }
    if p1.y <= 0 || p0.y >= height { return }
    let slope = (p1.x - p0.x) / (p1.y - p0.y)
    if p0.y < 0 {
      p0 = Point(p0.x + (0 - p0.y) * slope, 0)
    }
    if p1.y > height {
      p1 = Point(p0.x + (height - p0.y) * slope, height)
    }
    // Split where the edge crosses the side walls, and project the outside parts onto them.
    var cuts: [Double] = [p0.y, p1.y]
    if slope != 0 {
      for wall in [0.0, width] {
        let y = p0.y + (wall - p0.x) / slope
        if y > p0.y && y < p1.y { cuts.append(y) }
      }
    }
    cuts.sort()
    let direction: Float = goingDown ? 1 : -1
    for j in 1..<cuts.count {
      let ya = cuts[j - 1]
      let yb = cuts[j]
      if yb <= ya { continue }
      let xa = min(width, max(0, p0.x + (ya - p0.y) * slope))
      let xb = min(width, max(0, p0.x + (yb - p0.y) * slope))
      accumulateDownward(acc, stride, Point(xa, ya), Point(xb, yb), direction)
    }
  }

  /// Signed area accumulation for an edge already inside the region, with `a.y < b.y`.
  @inline(__always)
  static func accumulateDownward(
    _ acc: UnsafeMutablePointer<Float>, _ stride: Int, _ a: Point, _ b: Point, _ direction: Float
  ) {
    let dxdy = (b.x - a.x) / (b.y - a.y)
    var x = a.x
    let yStart = Int(a.y.rounded(.down))
    let yEnd = Int(b.y.rounded(.up))
    for y in yStart..<yEnd {
      let line = y * stride
      let dy = min(Double(y + 1), b.y) - max(Double(y), a.y)
      let xNext = x + dxdy * dy
      let d = Float(dy) * direction
      let x0 = min(x, xNext)
      let x1 = max(x, xNext)
      let x0Floor = x0.rounded(.down)
      let x0i = Int(x0Floor)
      let x1Ceil = x1.rounded(.up)
      let x1i = Int(x1Ceil)
      if x1i <= x0i + 1 {
        // The edge stays within one pixel column on this row.
        let xm = Float(0.5 * (x + xNext) - x0Floor)
        acc[line + x0i] += d - d * xm
        acc[line + x0i + 1] += d * xm
      } else {
        let s = Float(1 / (x1 - x0))
        let x0f = Float(x0 - x0Floor)
        let a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
        let x1f = Float(x1 - x1Ceil + 1)
        let am = 0.5 * s * x1f * x1f
        acc[line + x0i] += d * a0
        if x1i == x0i + 2 {
          acc[line + x0i + 1] += d * (1 - a0 - am)
        } else {
          let a1 = s * (1.5 - x0f)
          acc[line + x0i + 1] += d * (a1 - a0)
          var xi = x0i + 2
          while xi < x1i - 1 {
            acc[line + xi] += d * s
            xi += 1
          }
          let a2 = a1 + Float(x1i - x0i - 3) * s
          acc[line + x1i - 1] += d * (1 - a2 - am)
        }
        acc[line + x1i] += d * am
      }
      x = xNext
    }
  }
}
