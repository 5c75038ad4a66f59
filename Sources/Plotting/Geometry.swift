/// A point in a 2-D coordinate system (data units or pixels, depending on context).
public struct Point: Sendable, Hashable {
  /// Horizontal coordinate.
  public var x: Double
  /// Vertical coordinate.
  public var y: Double

  /// A point at (`x`, `y`).
  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }

  /// A point at (`x`, `y`).
  public init(x: Double, y: Double) {
    self.init(x, y)
  }

  /// Whether both coordinates are finite numbers.
  public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// An axis-aligned rectangle in pixels: origin at the top-left, y growing downwards.
struct Rect: Sendable, Hashable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var minX: Double { x }
  var minY: Double { y }
  var maxX: Double { x + width }
  var maxY: Double { y + height }
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }

  func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

  func intersects(_ other: Rect) -> Bool {
    minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
  }

  func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

  /// Area of the overlap with `other` (0 when disjoint).
  func overlapArea(_ other: Rect) -> Double {
    let w = min(maxX, other.maxX) - max(minX, other.minX)
    let h = min(maxY, other.maxY) - max(minY, other.minY)
    return w > 0 && h > 0 ? w * h : 0
  }

  /// Whether the segment from `a` to `b` crosses or touches the rectangle (Liang–Barsky clipping).
  func intersectsSegment(_ a: Point, _ b: Point) -> Bool {
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.x - a.x
    let dy = b.y - a.y
    for (p, q) in [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)] {
      if p == 0 {
        if q < 0 { return false }
      } else {
        let r = q / p
        if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
        if t0 > t1 { return false }
      }
    }
    return true
  }
}

/// A half-open integer pixel rectangle `[minX, maxX) × [minY, maxY)`.
struct PixelRect: Sendable, Hashable {
  var minX: Int
  var minY: Int
  var maxX: Int
  var maxY: Int

  var isEmpty: Bool { minX >= maxX || minY >= maxY }

  func intersection(_ o: PixelRect) -> PixelRect {
    PixelRect(minX: max(minX, o.minX), minY: max(minY, o.minY), maxX: min(maxX, o.maxX), maxY: min(maxY, o.maxY))
  }

  /// The pixels touched by `rect` (rounded outwards).
  init(covering rect: Rect) {
    func lo(_ v: Double) -> Int { v.isFinite ? Int(max(-1e9, min(1e9, v.rounded(.down)))) : (v < 0 ? -1_000_000_000 : 1_000_000_000) }
    func hi(_ v: Double) -> Int { v.isFinite ? Int(max(-1e9, min(1e9, v.rounded(.up)))) : (v < 0 ? -1_000_000_000 : 1_000_000_000) }
    self.init(minX: lo(rect.minX), minY: lo(rect.minY), maxX: hi(rect.maxX), maxY: hi(rect.maxY))
  }

  init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }
}
