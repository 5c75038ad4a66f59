/// Text stored in a PNG's `tEXt` chunks: what the image shows, what made it, and how to make it again.
public struct PNGMetadata: Sendable, Hashable {
  /// The `Title` chunk: a short description of the image.
  public var title: String
  /// The `Software` chunk, e.g. "workbench 0.1.0".
  public var software: String
  /// The `Source` chunk: the exact command line that reproduces the image.
  public var source: String
  /// The `Text fit` chunk: each piece of text that was shrunk, wrapped, staggered or dropped to stay
  /// inside the canvas and clear of other text, one per line ("staggered: 3.14e23"); no chunk when
  /// every text was drawn as given. ``Figure/save(to:metadata:width:height:scale:)`` fills it in.
  public var textFits: [FittedText] = []

  /// Metadata with the three standard keywords.
  public init(title: String, software: String, source: String) {
    self.title = title
    self.software = software
    self.source = source
  }

  /// The (keyword, text) pairs in the order they are written.
  public var entries: [(key: String, value: String)] {
    let fits = textFits.map { "\($0.fit.rawValue): \($0.text.replacingOccurrences(of: "\n", with: " "))" }
    return [("Title", title), ("Software", software), ("Source", source)]
      + (fits.isEmpty ? [] : [("Text fit", fits.joined(separator: "\n"))])
  }
}
