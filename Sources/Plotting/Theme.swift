/// Sizes and colours of chart furniture, in points (1/72 inch) at 100 logical pixels per inch,
/// following matplotlib's defaults; `scale` device pixels per logical pixel.
struct Theme: Sendable {
  /// Device pixels per logical pixel (2 for the default 1200×800 image of a 600×400 figure).
  let scale: Double

  /// Device pixels for a length in points.
  @inline(__always)
  func pt(_ points: Double) -> Double { points * 100 / 72 * scale }

  var fontSize: Double { pt(10) }
  var titleSize: Double { pt(12) }
  var smallSize: Double { pt(9) }
  var lineWidth: Double { pt(1.5) }
  var markerSize: Double { pt(6) }
  var spineWidth: Double { pt(0.8) }
  var majorTickLength: Double { pt(3.5) }
  var minorTickLength: Double { pt(2) }
  var majorTickWidth: Double { pt(0.8) }
  var minorTickWidth: Double { pt(0.6) }
  var tickPad: Double { pt(3.5) }
  var labelPad: Double { pt(4) }
  var titlePad: Double { pt(6) }
  var figurePad: Double { pt(6) }
  var gridWidth: Double { pt(0.8) }

  let ink = Color.ink
  let spine = Color.ink
  let grid = Color(hex: 0xB0B0B0, alpha: 0.45)
  let minorGrid = Color(hex: 0xB0B0B0, alpha: 0.18)
  let background = Color.white
}
