/// Something a caller or user can get wrong when drawing or saving a figure.
/// Each `description` is one sentence saying what is wrong and how to fix it.
public enum PlotError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The figure was asked for a width or height below 1 pixel (or absurdly large).
  case invalidSize(width: Int, height: Int)
  /// An axis limit given by the caller is NaN or infinite.
  case nonFiniteAxisLimits(axis: String, lower: Double, upper: Double)
  /// An axis range that cannot be drawn: lower ≥ upper, or non-positive on a log scale.
  case invalidAxisLimits(axis: String, lower: Double, upper: Double, reason: String)
  /// Series arrays that should have matching lengths do not (e.g. `x` and `y`).
  case mismatchedLengths(series: String, reason: String)
  /// Input that cannot be plotted (e.g. a ragged heatmap grid or a diagram edge to an unknown node).
  case invalidData(reason: String)
  /// The font file does not exist or cannot be read.
  case fontMissing(path: String)
  /// FreeType could not open the font file.
  case fontUnreadable(path: String, code: Int32)
  /// The output file or its temporary sibling could not be created or renamed into place.
  case outputNotWritable(path: String, reason: String)
  /// libpng failed while encoding the image.
  case encodingFailed(reason: String)
  /// A PNG file to be read does not exist.
  case inputMissing(path: String)
  /// A PNG file to be read is not a valid PNG image.
  case unreadableImage(path: String, reason: String)

  /// One sentence: what is wrong and how to fix it.
  public var description: String {
    switch self {
    case let .invalidSize(width, height):
      return "A figure must be between 1 and 16384 pixels on each side, not \(width)x\(height); choose a positive size such as 1200x800."
    case let .nonFiniteAxisLimits(axis, lower, upper):
      return "The \(axis) axis limits [\(lower), \(upper)] are not finite; give finite numbers or leave the limits automatic."
    case let .invalidAxisLimits(axis, lower, upper, reason):
      return "The \(axis) axis limits [\(lower), \(upper)] cannot be used: \(reason)."
    case let .mismatchedLengths(series, reason):
      return "The series \"\(series)\" cannot be drawn: \(reason)."
    case let .invalidData(reason):
      return "The figure cannot be drawn: \(reason)."
    case let .fontMissing(path):
      return "The font \(path) does not exist; run `apt-get install fonts-dejavu-core` or set WORKBENCH_FONT to a .ttf file."
    case let .fontUnreadable(path, code):
      return "FreeType could not open the font \(path) (error \(code)); set WORKBENCH_FONT to a valid .ttf file or run `apt-get install fonts-dejavu-core`."
    case let .outputNotWritable(path, reason):
      return "Cannot write \(path): \(reason); choose a folder you can write to."
    case let .encodingFailed(reason):
      return "libpng could not encode the image (\(reason)); check the image size and free memory."
    case let .inputMissing(path):
      return "The image \(path) does not exist; check the path."
    case let .unreadableImage(path, reason):
      return "The file \(path) is not a readable PNG image (\(reason)); regenerate it."
    }
  }
}
