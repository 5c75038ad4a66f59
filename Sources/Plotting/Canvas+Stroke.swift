import Foundation

extension Canvas {
  /// Strokes a polyline `width` pixels wide with round joins and caps, optionally dashed
  /// (`dash` alternates on/off lengths in pixels). Non-finite points must be removed by the caller.
  mutating func strokePolyline(_ points: [Point], width: Double, color: Color, dash: [Double]? = nil) {
    strokePolylines([points], width: width, color: color, dash: dash)
  }

  /// Strokes several polylines as one shape (overlaps are not darkened twice).
  mutating func strokePolylines(_ lines: [[Point]], width: Double, color: Color, dash: [Double]? = nil) {
    guard width > 0, width.isFinite else { return }
    let radius = max(width, 1) / 2
    let gain = min(width, 1)
    var dirty = PixelRect(minX: Int.max, minY: Int.max, maxX: Int.min, maxY: Int.min)
    let region = clip.intersection(fullRect)
    if region.isEmpty { return }
    let pad = radius + 2
    let bounds = Rect(
      x: Double(region.minX) - pad, y: Double(region.minY) - pad,
      width: Double(region.maxX - region.minX) + 2 * pad, height: Double(region.maxY - region.minY) + 2 * pad)
    let w = self.width
    coverage.withUnsafeMutableBufferPointer { buffer in
      let c = buffer.baseAddress!
      func stamp(_ line: [Point]) {
        if line.count == 1 {
          Canvas.capsule(c, w, line[0], line[0], radius, gain, region, bounds, &dirty)
        }
        var i = 1
        while i < line.count {
          Canvas.capsule(c, w, line[i - 1], line[i], radius, gain, region, bounds, &dirty)
          i += 1
        }
      }
      for line in lines where !line.isEmpty {
        if let dash, dash.count >= 2, dash.allSatisfy({ $0 > 0 }) {
          for piece in Canvas.dashed(line, pattern: dash) { stamp(piece) }
        } else {
          stamp(line)
        }
      }
    }
    if !dirty.isEmpty { compositeCoverage(dirty, color: color) }
  }

  /// Adds to the coverage buffer the capsule of radius `r` around segment `a`–`b` (max-combined).
  @inline(__always)
  static func capsule(
    _ c: UnsafeMutablePointer<UInt8>, _ stride: Int, _ a0: Point, _ b0: Point, _ r: Double, _ gain: Double,
    _ region: PixelRect, _ bounds: Rect, _ dirty: inout PixelRect
  ) {
    guard let (a, b) = clipSegment(a0, b0, to: bounds) else { return }
    let dx = b.x - a.x
    let dy = b.y - a.y
    let len2 = dx * dx + dy * dy
    let invLen2 = len2 > 0 ? 1 / len2 : 0
    let reach = r + 1
    let y0 = max(region.minY, Int((min(a.y, b.y) - reach).rounded(.down)))
    let y1 = min(region.maxY, Int((max(a.y, b.y) + reach).rounded(.up)))
    if y0 >= y1 { return }
    let bx0 = min(a.x, b.x) - reach
    let bx1 = max(a.x, b.x) + reach
    let steep = abs(dy) > 1e-9
    let slope = steep ? dx / dy : 0
    let halfBand = steep ? reach * len2.squareRoot() / abs(dy) + 0.5 * abs(slope) : 0
    let edge = r + 0.5
    // Pixels whose centre is within r − 0.5 are fully covered and those beyond r + 0.5 not at all:
    // only the rim in between needs a square root.
    let insideSquared = r > 0.5 ? (r - 0.5) * (r - 0.5) : -1
    let outsideSquared = edge * edge
    let full = UInt8((255 * gain).rounded())
    let scale = 255 * gain
    for y in y0..<y1 {
      let yc = Double(y) + 0.5
      var xl = bx0
      var xr = bx1
      if steep {
        let xc = a.x + (yc - a.y) * slope
        xl = max(xl, xc - halfBand)
        xr = min(xr, xc + halfBand)
      }
      let ix0 = max(region.minX, Int(xl.rounded(.down)))
      let ix1 = min(region.maxX, Int(xr.rounded(.up)))
      if ix0 >= ix1 { continue }
      let py = yc - a.y
      var k = y * stride + ix0
      var touched = false
      for x in ix0..<ix1 {
        if c[k] >= full {  // already fully covered by an earlier segment of this stroke
          touched = true
          k += 1
          continue
        }
        let px = Double(x) + 0.5 - a.x
        var t = (px * dx + py * dy) * invLen2
        t = t < 0 ? 0 : (t > 1 ? 1 : t)
        let ex = px - t * dx
        let ey = py - t * dy
        let d2 = ex * ex + ey * ey
        if d2 < outsideSquared {
          let v = d2 <= insideSquared ? full : UInt8(min(1, edge - d2.squareRoot()) * scale + 0.5)
          if v > c[k] { c[k] = v }
          touched = true
        }
        k += 1
      }
      if touched {
        if ix0 < dirty.minX { dirty.minX = ix0 }
        if ix1 > dirty.maxX { dirty.maxX = ix1 }
        if y < dirty.minY { dirty.minY = y }
        if y + 1 > dirty.maxY { dirty.maxY = y + 1 }
      }
    }
  }

  /// The part of segment `a`–`b` inside `rect` (Liang–Barsky), or nil when it misses the rectangle.
  static func clipSegment(_ a: Point, _ b: Point, to rect: Rect) -> (Point, Point)? {
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.x - a.x
    let dy = b.y - a.y
    func edge(_ p: Double, _ q: Double) -> Bool {
      if p == 0 { return q >= 0 }
      let r = q / p
      if p < 0 {
        if r > t1 { return false }
        if r > t0 { t0 = r }
      } else {
        if r < t0 { return false }
        if r < t1 { t1 = r }
      }
      return true
    }
    guard edge(-dx, a.x - rect.minX), edge(dx, rect.maxX - a.x), edge(-dy, a.y - rect.minY),
      edge(dy, rect.maxY - a.y)
    else { return nil }
    let p0 = t0 > 0 ? Point(a.x + t0 * dx, a.y + t0 * dy) : a
    let p1 = t1 < 1 ? Point(a.x + t1 * dx, a.y + t1 * dy) : b
    return (p0, p1)
  }

  /// Splits a polyline into the "on" pieces of a dash pattern (alternating on/off lengths in pixels).
  static func dashed(_ line: [Point], pattern: [Double]) -> [[Point]] {
    var pieces: [[Point]] = []
    var index = 0
    var remaining = pattern[0]
    var on = true
    var current: [Point] = [line[0]]
    for i in 1..<max(1, line.count) {
      var a = line[i - 1]
      let b = line[i]
      var segment = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
      while segment > remaining {
        let t = remaining / segment
        let cut = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        if on {
          if current.last != cut { current.append(cut) }
          pieces.append(current)
          current = []
        } else {
          current = [cut]
        }
        on.toggle()
        segment -= remaining
        a = cut
        index = (index + 1) % pattern.count
        remaining = pattern[index]
      }
      remaining -= segment
      if on && current.last != b { current.append(b) }
    }
    if on && current.count >= 2 { pieces.append(current) }
    return pieces
  }
}
