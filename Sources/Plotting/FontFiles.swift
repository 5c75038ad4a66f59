import Foundation

/// Where the regular and bold fonts for text come from.
///
/// By default DejaVu Sans from Debian's `fonts-dejavu-core`; the environment variable
/// `WORKBENCH_FONT` replaces it with any TrueType/OpenType file (used for both weights).
public struct FontFiles: Sendable, Hashable {
  /// Path of the regular-weight font.
  public var regular: String
  /// Path of the bold font (the regular one when no bold is available).
  public var bold: String

  /// The Debian location of DejaVu Sans.
  public static let defaultRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  /// The Debian location of DejaVu Sans Bold.
  public static let defaultBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

  /// Fonts at explicit paths.
  public init(regular: String, bold: String? = nil) {
    self.regular = regular
    self.bold = bold ?? regular
  }

  /// The fonts chosen by `WORKBENCH_FONT` in `environment`, or DejaVu Sans; throws
  /// ``PlotError/fontMissing(path:)`` when the chosen file is not readable.
  public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FontFiles {
    let files: FontFiles
    if let custom = environment["WORKBENCH_FONT"], !custom.isEmpty {
      files = FontFiles(regular: custom)
    } else {
      let bold = FileManager.default.isReadableFile(atPath: defaultBold) ? defaultBold : defaultRegular
      files = FontFiles(regular: defaultRegular, bold: bold)
    }
    for path in [files.regular, files.bold] where !FileManager.default.isReadableFile(atPath: path) {
      throw PlotError.fontMissing(path: path)
    }
    return files
  }
}
