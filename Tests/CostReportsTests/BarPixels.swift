import Plotting

/// Pixels (sampled every second row and column) painted in each of the first `colors` palette colours:
/// how the chart tests see that every series drew its bars.
func barPixelCounts(_ image: RGBAImage, colors: Int = 2) -> [Int] {
  var counts = Array(repeating: 0, count: colors)
  for y in stride(from: 0, to: image.height, by: 2) {
    for x in stride(from: 0, to: image.width, by: 2) {
      let pixel = image.color(x: x, y: y)
      for k in 0..<colors where pixel == Palette.default[k] { counts[k] += 1 }
    }
  }
  return counts
}
