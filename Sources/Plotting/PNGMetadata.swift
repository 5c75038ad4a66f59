/// Text stored in a PNG's `tEXt` chunks: what the image shows, what made it, and how to make it again.
public struct PNGMetadata: Sendable, Hashable {
  /// The `Title` chunk: a short description of the image.
  public var title: String
  /// The `Software` chunk, e.g. "workbench 0.1.0".
  public var software: String
  /// The `Source` chunk: the exact command line that reproduces the image.
  public var source: String

  /// Metadata with the three standard keywords.
  public init(title: String, software: String, source: String) {
    self.title = title
    self.software = software
    self.source = source
  }

  /// The (keyword, text) pairs in the order they are written.
  public var entries: [(key: String, value: String)] {
    [("Title", title), ("Software", software), ("Source", source)]
  }
}
