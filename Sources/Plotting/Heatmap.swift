/// A grid of values drawn as colours over a rectangle of the plot, with a colour bar beside the axes.
///
/// `values[row][column]`: row 0 is at the bottom (`yRange.lower`), column 0 at the left
/// (`xRange.lower`); each cell covers an equal share of the ranges. NaN cells are left blank.
public struct Heatmap: Sendable {
  /// How colours are filled in between cell centres.
  public enum Interpolation: Sendable, Hashable {
    /// Each cell is one flat colour.
    case nearest
    /// Colours blend linearly between neighbouring cell centres (smooth decision boundaries).
    case bilinear
  }

  /// The grid, `[rows][columns]`, all rows the same length.
  public var values: [[Double]]
  /// The horizontal extent of the grid, data units.
  public var xRange: AxisLimits
  /// The vertical extent of the grid, data units.
  public var yRange: AxisLimits
  /// The colour map.
  public var colormap: Colormap
  /// The values mapped to the two ends of the colour map; nil uses the finite minimum and maximum.
  public var valueRange: AxisLimits?
  /// Label beside the colour bar; the colour bar is drawn when `showsColorbar` is true.
  public var colorbarLabel: String?
  /// Whether to draw the colour bar.
  public var showsColorbar: Bool
  /// Cell filling.
  public var interpolation: Interpolation
  /// Opacity (0...1).
  public var opacity: Double

  /// A heatmap of `values` covering `xRange` × `yRange`.
  public init(
    values: [[Double]], xRange: AxisLimits, yRange: AxisLimits, colormap: Colormap = .viridis,
    valueRange: AxisLimits? = nil, colorbarLabel: String? = nil, showsColorbar: Bool = true,
    interpolation: Interpolation = .nearest, opacity: Double = 1
  ) {
    self.values = values
    self.xRange = xRange
    self.yRange = yRange
    self.colormap = colormap
    self.valueRange = valueRange
    self.colorbarLabel = colorbarLabel
    self.showsColorbar = showsColorbar
    self.interpolation = interpolation
    self.opacity = opacity
  }

  var rows: Int { values.count }
  var columns: Int { values.first?.count ?? 0 }

  /// The values at the two ends of the colour map.
  var resolvedValueRange: ClosedRange<Double> {
    if let valueRange, valueRange.lower.isFinite, valueRange.upper.isFinite, valueRange.lower < valueRange.upper {
      return valueRange.lower...valueRange.upper
    }
    var lo = Double.infinity
    var hi = -Double.infinity
    for row in values {
      for v in row where v.isFinite {
        lo = min(lo, v)
        hi = max(hi, v)
      }
    }
    if lo > hi { return 0...1 }
    return Ticks.padDegenerate(lo...hi)
  }
}

extension Heatmap: PlotLayer {
  var legendLabel: String? { nil }
  var zOrder: Int { 0 }
  var explicitColor: Color? { nil }
  var usesPaletteColor: Bool { false }

  func validate() throws {
    guard let width = values.first?.count, width > 0 else {
      throw PlotError.invalidData(reason: "a heatmap needs at least one row and one column")
    }
    if let bad = values.firstIndex(where: { $0.count != width }) {
      throw PlotError.invalidData(
        reason: "heatmap row \(bad) has \(values[bad].count) values but row 0 has \(width); all rows must match")
    }
    _ = try xRange.validated(axis: "heatmap x", scale: .linear)
    _ = try yRange.validated(axis: "heatmap y", scale: .linear)
  }

  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    var b = DataBounds()
    b.includeX(xRange.lower, scale: xScale)
    b.includeX(xRange.upper, scale: xScale)
    b.includeY(yRange.lower, scale: yScale)
    b.includeY(yRange.upper, scale: yScale)
    b.stickyX = [xRange.lower, xRange.upper]
    b.stickyY = [yRange.lower, yRange.upper]
    return b
  }

  func draw(in context: PlotContext, color: Color, canvas: inout Canvas) {
    let rows = self.rows
    let columns = self.columns
    guard rows > 0, columns > 0 else { return }
    let range = resolvedValueRange
    let span = range.upperBound - range.lowerBound
    let x0 = context.x.pixel(xRange.lower)
    let x1 = context.x.pixel(xRange.upper)
    let y0 = context.y.pixel(yRange.lower)
    let y1 = context.y.pixel(yRange.upper)
    guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
    let area = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
    let region = PixelRect(covering: area).intersection(canvas.clip).intersection(canvas.fullRect)
    if region.isEmpty { return }
    // Normalised grid (NaN stays NaN), flattened row-major.
    var grid = [Double](repeating: .nan, count: rows * columns)
    for r in 0..<rows {
      for c in 0..<columns {
        let v = values[r][c]
        if v.isFinite { grid[r * columns + c] = span > 0 ? (v - range.lowerBound) / span : 0.5 }
      }
    }
    let alpha = Float(max(0, min(1, opacity)))
    let width = canvas.width
    let smooth = interpolation == .bilinear
    canvas.pixels.withUnsafeMutableBufferPointer { buffer in
      let p = buffer.baseAddress!
      for py in region.minY..<region.maxY {
        // Fractional cell coordinate of the pixel centre (row 0 at the bottom, i.e. at y0).
        let fy = (Double(py) + 0.5 - y0) / (y1 - y0) * Double(rows)
        guard fy >= 0, fy <= Double(rows) else { continue }
        for px in region.minX..<region.maxX {
          let fx = (Double(px) + 0.5 - x0) / (x1 - x0) * Double(columns)
          guard fx >= 0, fx <= Double(columns) else { continue }
          let v: Double
          if smooth {
            let gx = max(0, min(Double(columns - 1), fx - 0.5))
            let gy = max(0, min(Double(rows - 1), fy - 0.5))
            let c0 = min(columns - 1, Int(gx))
            let r0 = min(rows - 1, Int(gy))
            let c1 = min(columns - 1, c0 + 1)
            let r1 = min(rows - 1, r0 + 1)
            let tx = gx - Double(c0)
            let ty = gy - Double(r0)
            let a = grid[r0 * columns + c0]
            let b = grid[r0 * columns + c1]
            let c = grid[r1 * columns + c0]
            let d = grid[r1 * columns + c1]
            v = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty
          } else {
            v = grid[min(rows - 1, Int(fy)) * columns + min(columns - 1, Int(fx))]
          }
          if v.isNaN { continue }
          let (r, g, b) = colormap.rgb(at: v)
          Canvas.blend(p, (py * width + px) * 4, Float(r), Float(g), Float(b), alpha)
        }
      }
    }
  }

  func swatch(color: Color) -> LegendSwatch { .patch(color: colormap.color(at: 0.5)) }

  func occupancy(in context: PlotContext) -> [Point] { [] }
}
