extension Canvas {
  /// Strokes polylines that have about one point per pixel column or more (10,000-step loss curves),
  /// much faster than ``strokePolylines(_:width:color:dash:)`` and nearly identical to it.
  ///
  /// Within one pixel column a dense polyline covers a vertical interval [lo, hi] of y; the stroke is
  /// the union over columns of round-capped vertical segments at the column centre, `width` wide.
  /// Inside a segment's span the coverage depends only on the horizontal distance, so most pixels
  /// cost a table lookup instead of a distance computation.
  mutating func strokeDensePolylines(_ lines: [[Point]], width: Double, color: Color) {
    guard width > 0, width.isFinite else { return }
    let region = clip.intersection(fullRect)
    if region.isEmpty { return }
    let radius = max(width, 1) / 2
    let gain = min(width, 1)
    let edge = radius + 0.5
    let reach = Int(edge.rounded(.up))
    // Coverage for a horizontal offset of k pixels from the column centre, inside a span.
    let full = UInt8((255 * gain).rounded())
    let table: [UInt8] = (0...reach).map { k in
      let c = min(1, max(0, edge - Double(k)))
      return UInt8((c * 255 * gain).rounded())
    }
    var dirty = PixelRect(minX: Int.max, minY: Int.max, maxX: Int.min, maxY: Int.min)
    let w = self.width
    let columnsLow = region.minX - reach
    let columnsHigh = region.maxX + reach  // exclusive
    coverage.withUnsafeMutableBufferPointer { buffer in
      let c = buffer.baseAddress!
      for line in lines where !line.isEmpty {
        // 1. The y-interval of the polyline within each pixel column.
        var first = Int.max
        var last = Int.min
        for p in line {
          let col = Int(max(-1e9, min(1e9, p.x.rounded(.down))))
          first = min(first, col)
          last = max(last, col)
        }
        first = max(first, columnsLow)
        last = min(last, columnsHigh - 1)
        if first > last { continue }
        var low = [Double](repeating: .infinity, count: last - first + 1)
        var high = [Double](repeating: -.infinity, count: last - first + 1)
        low.withUnsafeMutableBufferPointer { lowBuffer in
          high.withUnsafeMutableBufferPointer { highBuffer in
            Canvas.columnSpans(line, first: first, last: last, low: lowBuffer.baseAddress!, high: highBuffer.baseAddress!)
          }
        }
        // 2. Stamp a round-capped vertical segment per column.
        for i in 0..<low.count where low[i] <= high[i] {
          let cx = Double(first + i) + 0.5
          let lo = max(low[i], Double(region.minY) - edge - 1)
          let hi = min(high[i], Double(region.maxY) + edge + 1)
          if lo > hi { continue }
          let x0 = max(region.minX, first + i - reach)
          let x1 = min(region.maxX, first + i + reach + 1)
          let y0 = max(region.minY, Int((lo - edge).rounded(.down)))
          let y1 = min(region.maxY, Int((hi + edge).rounded(.up)))
          if x0 >= x1 || y0 >= y1 { continue }
          for y in y0..<y1 {
            let yc = Double(y) + 0.5
            var k = y * w + x0
            if yc >= lo && yc <= hi {
              let column = first + i
              table.withUnsafeBufferPointer { t in
                for x in x0..<x1 {
                  let v = t[abs(x - column)]
                  if v > c[k] { c[k] = v }
                  k += 1
                }
              }
            } else {
              let dy = yc < lo ? lo - yc : yc - hi
              for x in x0..<x1 {
                if c[k] < full {
                  let dx = Double(x) + 0.5 - cx
                  let cov = edge - (dx * dx + dy * dy).squareRoot()
                  if cov > 0 {
                    let v = UInt8(min(1, cov) * 255 * gain + 0.5)
                    if v > c[k] { c[k] = v }
                  }
                }
                k += 1
              }
            }
          }
          dirty.minX = min(dirty.minX, x0)
          dirty.maxX = max(dirty.maxX, x1)
          dirty.minY = min(dirty.minY, y0)
          dirty.maxY = max(dirty.maxY, y1)
        }
      }
    }
    if !dirty.isEmpty { compositeCoverage(dirty, color: color) }
  }

  /// Fills `low[i]`/`high[i]` with the y-interval that the polyline covers in pixel column `first + i`
  /// (columns `first...last`; parts outside are ignored).
  static func columnSpans(
    _ line: [Point], first: Int, last: Int, low: UnsafeMutablePointer<Double>, high: UnsafeMutablePointer<Double>
  ) {
    @inline(__always) func include(_ col: Int, _ y0: Double, _ y1: Double) {
      guard col >= first && col <= last else { return }
      let i = col - first
      let (a, b) = y0 < y1 ? (y0, y1) : (y1, y0)
      if a < low[i] { low[i] = a }
      if b > high[i] { high[i] = b }
    }
    @inline(__always) func column(_ x: Double) -> Int { Int(max(-1e9, min(1e9, x.rounded(.down)))) }
    if line.count == 1 { include(column(line[0].x), line[0].y, line[0].y) }
    line.withUnsafeBufferPointer { points in
      var previous = points[0]
      var previousColumn = column(previous.x)
      for i in 1..<max(1, points.count) {
        let b = points[i]
        let cb = column(b.x)
        if cb == previousColumn {
          include(cb, previous.y, b.y)
        } else {
          // The segment crosses columns: its y at each column boundary splits it.
          let (l, r) = previous.x < b.x ? (previous, b) : (b, previous)
          let slope = (r.y - l.y) / (r.x - l.x)
          let from = max(min(previousColumn, cb), first - 1)
          let to = min(max(previousColumn, cb), last + 1)
          var col = from
          while col <= to {
            let x0 = max(l.x, Double(col))
            let x1 = min(r.x, Double(col + 1))
            include(col, l.y + (x0 - l.x) * slope, l.y + (x1 - l.x) * slope)
            col += 1
          }
        }
        previous = b
        previousColumn = cb
      }
    }
  }
}
