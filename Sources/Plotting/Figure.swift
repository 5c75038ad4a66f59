import Foundation

/// Anything that renders to an RGBA image: ``Chart``, ``BarChart``, ``PanelGrid``, ``Diagram``.
public protocol Figure: Sendable {
  /// Renders the figure `width × height` device pixels, with `scale` device pixels per logical pixel
  /// (text and line sizes are given in points at 100 logical pixels per inch, so a scale of 2 gives a
  /// 200-dpi image). Throws ``PlotError`` for a size below 1 pixel, a missing font or unusable data.
  func render(width: Int, height: Int, scale: Double) throws -> RGBAImage
}

extension Figure {
  /// Renders at the default 1200×800 pixels (a 600×400 figure at 2× scale) or another size at 2× scale.
  public func render(width: Int = 1200, height: Int = 800) throws -> RGBAImage {
    try render(width: width, height: height, scale: 2)
  }

  /// Renders and writes a PNG with `metadata` to `url` atomically; the text that had to be fitted
  /// is added to the metadata (``PNGMetadata/textFits``).
  public func save(
    to url: URL, metadata: PNGMetadata, width: Int = 1200, height: Int = 800, scale: Double = 2
  ) throws {
    let (image, fits) = try renderNotingTextFits(width: width, height: height, scale: scale)
    var metadata = metadata
    metadata.textFits = fits
    try PNGFile.write(image, to: url, metadata: metadata)
  }

  /// Renders as ``render(width:height:scale:)`` does, and says which text was shrunk, wrapped,
  /// staggered or dropped to fit, in the order it was first laid out.
  public func renderNotingTextFits(width: Int, height: Int, scale: Double) throws -> (image: RGBAImage, fits: [FittedText]) {
    let (image, fits) = try TextFitLog.collecting { try render(width: width, height: height, scale: scale) }
    return (image, fits)
  }
}

/// A figure that can draw itself into part of a larger canvas (a panel of a ``PanelGrid``).
protocol FrameDrawable: Sendable {
  func draw(in frame: Rect, canvas: inout Canvas, typesetter: Typesetter, theme: Theme) throws
}

/// Validates the size, opens the fonts and runs `body` on a white canvas.
func renderFigure(
  width: Int, height: Int, scale: Double, _ body: (Rect, inout Canvas, Typesetter, Theme) throws -> Void
) throws -> RGBAImage {
  guard (1...16384).contains(width), (1...16384).contains(height) else {
    throw PlotError.invalidSize(width: width, height: height)
  }
  guard scale.isFinite, scale > 0 else {
    throw PlotError.invalidData(reason: "the scale must be a positive number of pixels per logical pixel, not \(scale)")
  }
  let typesetter = try Typesetter()
  var canvas = Canvas(width: width, height: height, background: .white)
  TextLayoutRecorder.current?.begin(width: width, height: height)
  try body(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), &canvas, typesetter, Theme(scale: scale))
  return canvas.image
}

extension FrameDrawable {
  func renderAlone(width: Int, height: Int, scale: Double) throws -> RGBAImage {
    try renderFigure(width: width, height: height, scale: scale) { frame, canvas, typesetter, theme in
      try draw(in: frame, canvas: &canvas, typesetter: typesetter, theme: theme)
    }
  }
}
