/// A raster image: `width × height` pixels, rows top to bottom, 4 bytes per pixel
/// (red, green, blue, alpha; 8 bits each, straight alpha).
public struct RGBAImage: Sendable, Hashable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// `width * height * 4` bytes, row-major from the top-left pixel.
  public var pixels: [UInt8]

  /// An image from raw RGBA bytes; `pixels.count` must be `width * height * 4`.
  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(width >= 0 && height >= 0 && pixels.count == width * height * 4, "pixel count must be width*height*4")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// An image filled with one colour.
  public init(width: Int, height: Int, filledWith color: Color) {
    let (r, g, b, a) = color.bytes
    let count = max(0, width * height)
    var pixels = [UInt8](repeating: r, count: count * 4)
    if !(r == g && g == b && b == a) {
      // One 32-bit store per pixel; the byte order in memory is R, G, B, A on any endianness.
      let pattern = UInt32(bigEndian: UInt32(r) << 24 | UInt32(g) << 16 | UInt32(b) << 8 | UInt32(a))
      pixels.withUnsafeMutableBytes { raw in
        raw.bindMemory(to: UInt32.self).update(repeating: pattern)
      }
    }
    self.init(width: width, height: height, pixels: pixels)
  }

  /// The 8-bit channels of the pixel at column `x`, row `y` (0-based, from the top-left).
  public func rgba(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
    precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside the image")
    let i = (y * width + x) * 4
    return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
  }

  /// The colour of the pixel at column `x`, row `y`.
  public func color(x: Int, y: Int) -> Color {
    let p = rgba(x: x, y: y)
    return Color(
      red: Double(p.red) / 255, green: Double(p.green) / 255, blue: Double(p.blue) / 255,
      alpha: Double(p.alpha) / 255)
  }
}
