/// A colour in sRGB with straight (non-premultiplied) alpha, each channel in 0...1.
public struct Color: Sendable, Hashable {
  /// Red, 0...1.
  public var red: Double
  /// Green, 0...1.
  public var green: Double
  /// Blue, 0...1.
  public var blue: Double
  /// Opacity, 0 (transparent) ... 1 (opaque).
  public var alpha: Double

  /// A colour from channels in 0...1 (values outside are clamped when drawn).
  public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
    self.red = red
    self.green = green
    self.blue = blue
    self.alpha = alpha
  }

  /// A colour from a 24-bit `0xRRGGBB` value, e.g. `Color(hex: 0x0072B2)`.
  public init(hex: UInt32, alpha: Double = 1) {
    self.init(
      red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
      blue: Double(hex & 0xFF) / 255, alpha: alpha)
  }

  /// A grey with the given lightness (0 black ... 1 white).
  public init(grey: Double, alpha: Double = 1) {
    self.init(red: grey, green: grey, blue: grey, alpha: alpha)
  }

  /// The same colour with its opacity replaced by `alpha`.
  public func withAlpha(_ alpha: Double) -> Color {
    Color(red: red, green: green, blue: blue, alpha: alpha)
  }

  /// The colour mixed towards white by `amount` (0 unchanged ... 1 white).
  public func lightened(by amount: Double) -> Color {
    Color(
      red: red + (1 - red) * amount, green: green + (1 - green) * amount,
      blue: blue + (1 - blue) * amount, alpha: alpha)
  }

  /// Opaque white.
  public static let white = Color(grey: 1)
  /// Opaque black.
  public static let black = Color(grey: 0)
  /// Fully transparent.
  public static let clear = Color(grey: 0, alpha: 0)
  /// The near-black used for text, spines and ticks (matplotlib's default is pure black; this is softer).
  public static let ink = Color(hex: 0x262626)
  /// The light grey used for grid lines.
  public static let gridGrey = Color(hex: 0xB0B0B0)
  /// Pure red, used in tests and for emphasis.
  public static let red = Color(red: 1, green: 0, blue: 0)

  /// The 8-bit channels (red, green, blue, alpha), rounded and clamped.
  var bytes: (UInt8, UInt8, UInt8, UInt8) {
    func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
    return (byte(red), byte(green), byte(blue), byte(alpha))
  }
}
