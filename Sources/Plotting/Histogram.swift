import Foundation

/// A histogram of `values`: the range split into equal-width bins, each drawn as a bar whose
/// height is the number of values in it (or the probability density when `density` is true).
/// NaN and infinite values are ignored.
public struct Histogram: Sendable {
  /// The sample, any units.
  public var values: [Double]
  /// Number of bins; nil chooses max(Sturges, Freedman–Diaconis), at most 100.
  public var bins: Int?
  /// The binned range; nil uses the finite minimum and maximum of `values`.
  public var range: AxisLimits?
  /// Whether bar heights are densities (integrating to 1) instead of counts.
  public var density: Bool
  /// Legend text; nil keeps the histogram out of the legend.
  public var label: String?
  /// Bar colour; nil takes the next palette colour.
  public var color: Color?
  /// Bar opacity (0...1); lower it to overlay several histograms.
  public var opacity: Double

  /// A histogram of `values`.
  public init(
    values: [Double], bins: Int? = nil, range: AxisLimits? = nil, density: Bool = false, label: String? = nil,
    color: Color? = nil, opacity: Double = 0.75
  ) {
    self.values = values
    self.bins = bins
    self.range = range
    self.density = density
    self.label = label
    self.color = color
    self.opacity = opacity
  }

  /// The bin edges (`count + 1` ascending values) and the height of each bin.
  public func binned() -> (edges: [Double], heights: [Double]) {
    let finite = values.filter(\.isFinite).sorted()
    var lo: Double
    var hi: Double
    if let range, range.lower.isFinite, range.upper.isFinite, range.lower < range.upper {
      lo = range.lower
      hi = range.upper
    } else if let first = finite.first, let last = finite.last {
      lo = first
      hi = last
    } else {
      return ([0, 1], [0])
    }
    if hi <= lo {
      lo -= 0.5
      hi += 0.5
    }
    let count = max(1, min(10_000, bins ?? Histogram.automaticBinCount(finite, lo, hi)))
    // Halved so that a span like [-1e308, 1e308] does not overflow.
    let halfSpan = hi / 2 - lo / 2
    let edges = (0...count).map { i in i == count ? hi : lo + 2 * (halfSpan * (Double(i) / Double(count))) }
    let width = 2 * halfSpan / Double(count)
    var heights = [Double](repeating: 0, count: count)
    for v in finite where v >= lo && v <= hi {
      let fraction = (v / 2 - lo / 2) / halfSpan
      let index = min(count - 1, max(0, Int(fraction * Double(count))))
      heights[index] += 1
    }
    if density, !finite.isEmpty {
      let total = heights.reduce(0, +)
      if total > 0 { heights = heights.map { $0 / (total * width) } }
    }
    return (edges, heights)
  }

  /// numpy's "auto" rule: the larger of Sturges' and Freedman–Diaconis' bin counts, capped at 100.
  static func automaticBinCount(_ sorted: [Double], _ lo: Double, _ hi: Double) -> Int {
    let n = sorted.count
    guard n > 1 else { return 1 }
    let sturges = Int(log2(Double(n)).rounded(.up)) + 1
    let iqr = sorted[(3 * n) / 4] / 2 - sorted[n / 4] / 2
    var fd = 0
    if iqr > 0 {
      let halfWidth = 2 * iqr / pow(Double(n), 1.0 / 3)
      let bins = ((hi / 2 - lo / 2) / halfWidth).rounded(.up)
      fd = bins.isFinite ? Int(min(bins, 100)) : 100
    }
    return min(100, max(sturges, fd))
  }
}

extension Histogram: PlotLayer {
  var legendLabel: String? { label }
  var zOrder: Int { 1 }
  var explicitColor: Color? { color }

  func validate() throws {
    if let bins, bins < 1 { throw PlotError.invalidData(reason: "a histogram needs at least 1 bin, not \(bins)") }
  }

  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    let (edges, heights) = binned()
    var b = DataBounds()
    b.includeX(edges.first!, scale: xScale)
    b.includeX(edges.last!, scale: xScale)
    for h in heights { b.includeY(h, scale: yScale) }
    if yScale == .linear { b.includeY(0, scale: yScale) }
    b.stickyY = [0]
    return b
  }

  func draw(in context: PlotContext, color: Color, canvas: inout Canvas) {
    let (edges, heights) = binned()
    let fill = color.withAlpha(color.alpha * opacity)
    let base = context.y.scale == .log10 ? context.y.lower : 0
    let edge = Color.white.withAlpha(0.8)
    for (i, h) in heights.enumerated() where h > 0 {
      let x0 = context.x.pixel(edges[i])
      let x1 = context.x.pixel(edges[i + 1])
      let y0 = context.y.pixel(base)
      let y1 = context.y.pixel(h)
      guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { continue }
      let rect = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
      canvas.fillRect(rect, color: fill)
      if rect.width > 4 * context.theme.scale {
        canvas.strokePolyline(
          [Point(rect.minX, rect.maxY), Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY),
           Point(rect.maxX, rect.maxY)], width: context.theme.pt(0.5), color: edge)
      }
    }
  }

  func swatch(color: Color) -> LegendSwatch { .patch(color: color.withAlpha(color.alpha * opacity)) }

  func occupancy(in context: PlotContext) -> [Point] {
    let (edges, heights) = binned()
    let base = context.y.scale == .log10 ? context.y.lower : 0
    return barOccupancy(
      (0..<heights.count).map { (edges[$0], edges[$0 + 1], base, heights[$0]) }, context)
  }
}

/// Sample points covering axis-aligned bars given as (x0, x1, y0, y1) in data units.
func barOccupancy(_ bars: [(Double, Double, Double, Double)], _ context: PlotContext) -> [Point] {
  var samples: [Point] = []
  let step = context.theme.fontSize * 0.5
  for (x0, x1, y0, y1) in bars {
    let a = context.pixel(x0, y0)
    let b = context.pixel(x1, y1)
    guard a.isFinite, b.isFinite else { continue }
    let nx = min(50, Int(abs(b.x - a.x) / step))
    let ny = min(50, Int(abs(b.y - a.y) / step))
    for i in 0...nx {
      for j in 0...ny {
        samples.append(
          Point(a.x + (b.x - a.x) * Double(i) / Double(max(nx, 1)), a.y + (b.y - a.y) * Double(j) / Double(max(ny, 1))))
      }
    }
  }
  return samples
}
