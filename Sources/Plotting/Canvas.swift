/// A raster being drawn on, in device pixels (origin top-left, y down), with a clip rectangle.
///
/// Shapes are anti-aliased by computing, for every pixel they touch, the fraction of the pixel
/// they cover; that coverage scales the colour's alpha in a source-over blend. A shape made of
/// several pieces (a polyline, a polygon with holes) first accumulates its coverage in a scratch
/// buffer and is blended once, so that its pieces do not darken where they overlap.
struct Canvas {
  let width: Int
  let height: Int
  /// RGBA bytes, straight alpha, row-major.
  var pixels: [UInt8]
  /// Drawing outside this rectangle has no effect.
  var clip: PixelRect
  /// Per-pixel coverage (0 none ... 255 full) of the shape being built; all zeros between operations.
  var coverage: [UInt8]
  /// Signed-area accumulation buffer for polygon filling, `(width + 2) × (height + 1)`, allocated on
  /// first use; zeros between operations.
  var accumulation: [Float] = []

  init(width: Int, height: Int, background: Color) {
    self.width = width
    self.height = height
    self.pixels = RGBAImage(width: width, height: height, filledWith: background).pixels
    self.clip = PixelRect(minX: 0, minY: 0, maxX: width, maxY: height)
    self.coverage = [UInt8](repeating: 0, count: width * height)
  }

  var fullRect: PixelRect { PixelRect(minX: 0, minY: 0, maxX: width, maxY: height) }

  var image: RGBAImage { RGBAImage(width: width, height: height, pixels: pixels) }

  /// Runs `body` with drawing clipped to `rect` (intersected with the current clip).
  mutating func withClip(_ rect: Rect, _ body: (inout Canvas) throws -> Void) rethrows {
    let saved = clip
    clip = clip.intersection(PixelRect(covering: rect))
    defer { clip = saved }
    try body(&self)
  }

  // MARK: Blending

  /// Blends `color` with coverage `amount` (0...1) into the pixel at byte offset `i`.
  @inline(__always)
  static func blend(
    _ p: UnsafeMutablePointer<UInt8>, _ i: Int, _ r: Float, _ g: Float, _ b: Float, _ alpha: Float
  ) {
    if alpha <= 0 { return }
    let da = Float(p[i + 3]) * (1 / 255)
    if da >= 1 {
      let keep = 1 - alpha
      p[i] = UInt8(r * alpha + Float(p[i]) * keep + 0.5)
      p[i + 1] = UInt8(g * alpha + Float(p[i + 1]) * keep + 0.5)
      p[i + 2] = UInt8(b * alpha + Float(p[i + 2]) * keep + 0.5)
      return
    }
    let outA = alpha + da * (1 - alpha)
    if outA <= 0 { return }
    let w = da * (1 - alpha)
    p[i] = UInt8(min(255, (r * alpha + Float(p[i]) * w) / outA + 0.5))
    p[i + 1] = UInt8(min(255, (g * alpha + Float(p[i + 1]) * w) / outA + 0.5))
    p[i + 2] = UInt8(min(255, (b * alpha + Float(p[i + 2]) * w) / outA + 0.5))
    p[i + 3] = UInt8(min(255, outA * 255 + 0.5))
  }

  /// Blends an 8-bit colour with 8-bit opacity `a` (0...255) into an opaque pixel at byte offset `i`,
  /// in integer arithmetic (x / 255 computed exactly as (x + 128 + (x + 128) >> 8) >> 8).
  @inline(__always)
  static func blendOpaque(_ p: UnsafeMutablePointer<UInt8>, _ i: Int, _ r: UInt32, _ g: UInt32, _ b: UInt32, _ a: UInt32) {
    let keep = 255 - a
    @inline(__always) func mix(_ s: UInt32, _ d: UInt8) -> UInt8 {
      let x = s * a + UInt32(d) * keep + 128
      return UInt8(truncatingIfNeeded: (x + (x >> 8)) >> 8)
    }
    p[i] = mix(r, p[i])
    p[i + 1] = mix(g, p[i + 1])
    p[i + 2] = mix(b, p[i + 2])
  }

  /// Channels of `color` in 0...255 floats and its alpha in 0...1.
  @inline(__always)
  static func components(_ color: Color) -> (Float, Float, Float, Float) {
    (
      Float(max(0, min(1, color.red)) * 255), Float(max(0, min(1, color.green)) * 255),
      Float(max(0, min(1, color.blue)) * 255), Float(max(0, min(1, color.alpha)))
    )
  }

  /// Blends `color` through the coverage buffer over `region` and resets the buffer there to zero.
  mutating func compositeCoverage(_ region: PixelRect, color: Color) {
    let r = region.intersection(fullRect)
    if r.isEmpty { return }
    let (cr, cg, cb, ca) = Canvas.components(color)
    let (r8, g8, b8, a8) = color.bytes
    let ir = UInt32(r8)
    let ig = UInt32(g8)
    let ib = UInt32(b8)
    let ia = UInt32(a8)
    let w = width
    pixels.withUnsafeMutableBufferPointer { px in
      coverage.withUnsafeMutableBufferPointer { cov in
        let p = px.baseAddress!
        let c = cov.baseAddress!
        for y in r.minY..<r.maxY {
          var k = y * w + r.minX
          let end = y * w + r.maxX
          while k < end {
            // Most of a thin shape's bounding box is empty: skip untouched pixels 8 at a time.
            if k + 8 <= end && UnsafeRawPointer(c + k).loadUnaligned(as: UInt64.self) == 0 {
              k += 8
              continue
            }
            let a = c[k]
            if a != 0 {
              if a == 255 && ia == 255 {
                p[k * 4] = r8
                p[k * 4 + 1] = g8
                p[k * 4 + 2] = b8
                p[k * 4 + 3] = 255
              } else if p[k * 4 + 3] == 255 {
                // Opaque destination (the usual case): integer source-over.
                let x = UInt32(a) * ia + 128
                Canvas.blendOpaque(p, k * 4, ir, ig, ib, (x + (x >> 8)) >> 8)
              } else {
                Canvas.blend(p, k * 4, cr, cg, cb, Float(a) * (1 / 255) * ca)
              }
              c[k] = 0
            }
            k += 1
          }
        }
      }
    }
  }

  /// Blends a coverage mask (`maskWidth × maskHeight` bytes, 255 = fully covered) with its
  /// top-left pixel at (`left`, `top`), clipped.
  mutating func blendMask(
    _ mask: UnsafeBufferPointer<UInt8>, maskWidth: Int, maskHeight: Int, pitch: Int, left: Int, top: Int, color: Color
  ) {
    let r = PixelRect(minX: left, minY: top, maxX: left + maskWidth, maxY: top + maskHeight).intersection(clip)
      .intersection(fullRect)
    if r.isEmpty { return }
    let (cr, cg, cb, ca) = Canvas.components(color)
    let w = width
    pixels.withUnsafeMutableBufferPointer { px in
      let p = px.baseAddress!
      for y in r.minY..<r.maxY {
        let row = (y - top) * pitch
        for x in r.minX..<r.maxX {
          let m = mask[row + x - left]
          if m != 0 { Canvas.blend(p, (y * w + x) * 4, cr, cg, cb, Float(m) * (1 / 255) * ca) }
        }
      }
    }
  }

  // MARK: Rectangles

  /// Fills an axis-aligned rectangle; partially covered edge pixels get fractional coverage.
  mutating func fillRect(_ rect: Rect, color: Color) {
    guard rect.width > 0, rect.height > 0, rect.x.isFinite, rect.y.isFinite, rect.width.isFinite, rect.height.isFinite
    else { return }
    let region = PixelRect(covering: rect).intersection(clip).intersection(fullRect)
    if region.isEmpty { return }
    let (cr, cg, cb, ca) = Canvas.components(color)
    let w = width
    pixels.withUnsafeMutableBufferPointer { px in
      let p = px.baseAddress!
      for y in region.minY..<region.maxY {
        let cy = min(rect.maxY, Double(y + 1)) - max(rect.minY, Double(y))
        if cy <= 0 { continue }
        for x in region.minX..<region.maxX {
          let cx = min(rect.maxX, Double(x + 1)) - max(rect.minX, Double(x))
          if cx <= 0 { continue }
          Canvas.blend(p, (y * w + x) * 4, cr, cg, cb, Float(cx * cy) * ca)
        }
      }
    }
  }

  /// Draws the outline of a rectangle with lines `lineWidth` pixels wide, centred on its edges.
  mutating func strokeRect(_ rect: Rect, lineWidth: Double, color: Color) {
    let corners = [
      Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY), Point(rect.maxX, rect.maxY),
      Point(rect.minX, rect.maxY), Point(rect.minX, rect.minY),
    ]
    strokePolyline(corners, width: lineWidth, color: color)
  }
}
