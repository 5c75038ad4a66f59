import Foundation

/// Animated PNG (APNG, W3C PNG specification third edition, § 4.3 and chunks `acTL`, `fcTL`, `fdAT`).
///
/// Every frame is first encoded as an ordinary PNG by ``PNGFile`` (libpng, so the frames are exactly the
/// stills the figure code draws); this type then re-chunks each frame's compressed `IDAT` stream: the first
/// frame stays in `IDAT` (so a viewer without APNG support shows it as a complete still) and later frames go
/// into `fdAT` chunks, each preceded by an `fcTL` frame header. Re-chunking the libpng output, instead of
/// linking zlib and compressing here, keeps a single encoder (and its filter and compression settings) for
/// stills and film frames alike. Every frame covers the whole canvas (offset 0, 0; dispose none; blend
/// source), so any frame can also be taken out on its own as a still (``stills(ofAnimation:)``).
public enum AnimatedPNG {
  /// How long one frame is shown: `numerator / denominator` seconds (the `fcTL` delay fields).
  public struct Delay: Sendable, Hashable {
    public var numerator: UInt16
    public var denominator: UInt16
    /// A delay of `milliseconds` ms.
    public init(milliseconds: Int) {
      numerator = UInt16(clamping: milliseconds)
      denominator = 1000
    }
  }

  /// The 8-byte PNG signature.
  static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

  /// Encodes `frames` (all the same size, at least one) as an APNG that loops forever, each frame shown for
  /// its `delays` entry (one per frame), with `metadata` in text chunks. Equal inputs give equal bytes.
  /// Throws ``PlotError/invalidData(reason:)`` for no frames, frames of different sizes or a delay count
  /// that differs from the frame count.
  public static func encode(_ frames: [RGBAImage], delays: [Delay], metadata: PNGMetadata?) throws -> [UInt8] {
    guard let first = frames.first else {
      throw PlotError.invalidData(reason: "a film needs at least one frame")
    }
    guard delays.count == frames.count else {
      throw PlotError.invalidData(reason: "a film of \(frames.count) frames needs \(frames.count) delays, not \(delays.count)")
    }
    if let other = frames.first(where: { $0.width != first.width || $0.height != first.height }) {
      throw PlotError.invalidData(
        reason: "every frame of a film must be \(first.width)x\(first.height) pixels, but one is \(other.width)x\(other.height)")
    }
    var output = signature
    var sequence: UInt32 = 0
    for (index, frame) in frames.enumerated() {
      let still = try PNGFile.encode(frame, metadata: index == 0 ? metadata : nil)
      let chunks = try PNGChunks.parse(still)
      if index == 0 {
        // IHDR, then acTL before the first IDAT, then the text chunks libpng wrote (before IDAT).
        guard let header = chunks.first, header.type == "IHDR" else {
          throw PlotError.encodingFailed(reason: "libpng's output does not start with IHDR")
        }
        output += PNGChunks.chunk("IHDR", header.data)
        output += PNGChunks.chunk("acTL", bigEndian(UInt32(frames.count)) + bigEndian(UInt32(0)))
        for chunk in chunks.dropFirst() where chunk.type != "IDAT" && chunk.type != "IEND" {
          output += PNGChunks.chunk(chunk.type, chunk.data)
        }
        output += PNGChunks.chunk("fcTL", frameControl(sequence, frame, delays[index]))
        sequence += 1
        for chunk in chunks where chunk.type == "IDAT" { output += PNGChunks.chunk("IDAT", chunk.data) }
      } else {
        output += PNGChunks.chunk("fcTL", frameControl(sequence, frame, delays[index]))
        sequence += 1
        for chunk in chunks where chunk.type == "IDAT" {
          output += PNGChunks.chunk("fdAT", bigEndian(sequence) + chunk.data)
          sequence += 1
        }
      }
    }
    output += PNGChunks.chunk("IEND", [])
    return output
  }

  /// Encodes and writes an APNG to `url` atomically (temporary file in the same folder, then `rename`).
  public static func write(_ frames: [RGBAImage], delays: [Delay], to url: URL, metadata: PNGMetadata?) throws {
    try PNGFile.writeAtomically(to: url) { try encode(frames, delays: delays, metadata: metadata) }
  }

  /// The frames of an APNG written by ``encode(_:delays:metadata:)`` as standalone PNG files (the same
  /// `IHDR`, the frame's compressed data as `IDAT`, then `IEND`): no decoding, only re-chunking. A plain
  /// PNG gives one still. Throws ``PlotError/unreadableImage(path:reason:)`` (path "APNG data") for bytes
  /// that are not a PNG or for frames that do not cover the whole canvas.
  public static func stills(ofAnimation bytes: [UInt8]) throws -> [[UInt8]] {
    let chunks = try PNGChunks.parse(bytes)
    guard let header = chunks.first, header.type == "IHDR", header.data.count == 13 else {
      throw PlotError.unreadableImage(path: "APNG data", reason: "it does not start with an IHDR chunk")
    }
    let width = Array(header.data[0..<4]), height = Array(header.data[4..<8])
    var frames: [[UInt8]] = []
    var current: [UInt8]?
    func close() {
      if let data = current {
        frames.append(signature + PNGChunks.chunk("IHDR", header.data) + PNGChunks.chunk("IDAT", data) + PNGChunks.chunk("IEND", []))
      }
      current = nil
    }
    var sawControl = false
    for chunk in chunks {
      switch chunk.type {
      case "fcTL":
        guard chunk.data.count == 26, Array(chunk.data[4..<8]) == width, Array(chunk.data[8..<12]) == height,
          chunk.data[12..<20].allSatisfy({ $0 == 0 })
        else {
          throw PlotError.unreadableImage(path: "APNG data", reason: "a frame does not cover the whole canvas")
        }
        close()
        sawControl = true
        current = []
      case "IDAT":
        if current == nil && !sawControl { current = [] }
        current? += chunk.data
      case "fdAT":
        guard chunk.data.count > 4 else { throw PlotError.unreadableImage(path: "APNG data", reason: "an fdAT chunk is empty") }
        current? += chunk.data.dropFirst(4)
      default:
        break
      }
    }
    close()
    return frames
  }

  /// The number of frames an APNG declares in its `acTL` chunk (1 for a plain PNG).
  public static func frameCount(_ bytes: [UInt8]) throws -> Int {
    let chunks = try PNGChunks.parse(bytes)
    guard let control = chunks.first(where: { $0.type == "acTL" }), control.data.count == 8 else { return 1 }
    return Int(control.data[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
  }

  /// An `fcTL` body: sequence number, full-canvas size at offset (0, 0), the delay, dispose none, blend source.
  private static func frameControl(_ sequence: UInt32, _ frame: RGBAImage, _ delay: Delay) -> [UInt8] {
    bigEndian(sequence) + bigEndian(UInt32(frame.width)) + bigEndian(UInt32(frame.height)) + bigEndian(UInt32(0))
      + bigEndian(UInt32(0)) + bigEndian(delay.numerator) + bigEndian(delay.denominator) + [0, 0]
  }
}

/// Big-endian bytes of an unsigned integer (PNG's byte order).
func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
  (0..<(T.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}
