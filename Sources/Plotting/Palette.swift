/// An ordered list of colours that series take in turn when they do not name their own.
public struct Palette: Sendable, Hashable {
  /// The colours, in the order series receive them.
  public var colors: [Color]

  /// A palette of the given colours (at least one).
  public init(_ colors: [Color]) {
    precondition(!colors.isEmpty, "a palette needs at least one colour")
    self.colors = colors
  }

  /// The colour for the series at `index` (wrapping around).
  public subscript(index: Int) -> Color {
    colors[((index % colors.count) + colors.count) % colors.count]
  }

  /// Okabe & Ito's colour-blind-safe palette ("Color Universal Design", 2008), reordered so
  /// that the strongest colours come first and the pale yellow last: blue, orange, bluish green,
  /// vermillion, reddish purple, sky blue, black, yellow. The default.
  public static let okabeIto = Palette([
    Color(hex: 0x0072B2), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
    Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0x000000), Color(hex: 0xF0E442),
  ])

  /// matplotlib's `tab10` palette (Tableau 10), for figures that should match matplotlib's colours.
  public static let tab10 = Palette([
    Color(hex: 0x1F77B4), Color(hex: 0xFF7F0E), Color(hex: 0x2CA02C), Color(hex: 0xD62728),
    Color(hex: 0x9467BD), Color(hex: 0x8C564B), Color(hex: 0xE377C2), Color(hex: 0x7F7F7F),
    Color(hex: 0xBCBD22), Color(hex: 0x17BECF),
  ])

  /// The palette charts use unless told otherwise.
  public static let `default` = okabeIto
}
