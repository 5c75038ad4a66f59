import Foundation
import Plotting

/// Reads rendered images the way a person would: finds the plot frame from its dark spines and
/// classifies pixels by colour. An oracle independent of the renderer's own layout code.
struct ImageProbe {
  let image: RGBAImage

  func isDark(_ x: Int, _ y: Int) -> Bool {
    let p = image.rgba(x: x, y: y)
    return Int(p.red) < 110 && Int(p.green) < 110 && Int(p.blue) < 110
  }

  func isRed(_ x: Int, _ y: Int) -> Bool {
    let p = image.rgba(x: x, y: y)
    return p.red > 180 && p.green < 120 && p.blue < 120
  }

  func isWhite(_ x: Int, _ y: Int) -> Bool {
    let p = image.rgba(x: x, y: y)
    return p.red > 245 && p.green > 245 && p.blue > 245
  }

  /// The plot frame (left, top, right, bottom spine centres), found by walking from `start`
  /// (a point inside the plot) outwards to the first dark pixel in each direction.
  func plotFrame(from start: (Int, Int)? = nil) -> (left: Int, top: Int, right: Int, bottom: Int)? {
    let (cx, cy) = start ?? (image.width / 2, image.height / 2)
    var left = cx
    while left > 0 && !isDark(left, cy) { left -= 1 }
    var right = cx
    while right < image.width - 1 && !isDark(right, cy) { right += 1 }
    var top = cy
    while top > 0 && !isDark(cx, top) { top -= 1 }
    var bottom = cy
    while bottom < image.height - 1 && !isDark(cx, bottom) { bottom += 1 }
    guard left > 0, top > 0, right < image.width - 1, bottom < image.height - 1 else { return nil }
    return (left, top, right, bottom)
  }

  /// Pixels matching `predicate` inside the rectangle.
  func count(x: Range<Int>, y: Range<Int>, where predicate: (Int, Int) -> Bool) -> Int {
    var n = 0
    for j in y { for i in x where predicate(i, j) { n += 1 } }
    return n
  }
}

/// A fresh empty temporary folder.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("plotting-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// The chunks of a PNG file as (type, data), parsed directly from the bytes (an oracle independent of libpng).
func pngChunks(_ bytes: [UInt8]) -> [(type: String, data: [UInt8])] {
  var chunks: [(String, [UInt8])] = []
  var i = 8
  while i + 8 <= bytes.count {
    let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
    let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
    guard i + 12 + length <= bytes.count else { break }
    chunks.append((type, Array(bytes[(i + 8)..<(i + 8 + length)])))
    i += 12 + length
  }
  return chunks
}

/// A test failure that describes itself briefly (never dumping an image).
struct ProbeFailure: Error, CustomStringConvertible {
  let description: String
}

/// The plot frame found by ``ImageProbe/plotFrame(from:)``, or a short error.
func requireFrame(_ probe: ImageProbe, from start: (Int, Int)? = nil) throws -> (left: Int, top: Int, right: Int, bottom: Int) {
  guard let frame = probe.plotFrame(from: start) else { throw ProbeFailure(description: "no plot frame found from \(String(describing: start))") }
  return frame
}

/// `value`, or a short error naming `what`.
func requireValue<T>(_ value: T?, _ what: String) throws -> T {
  guard let value else { throw ProbeFailure(description: "\(what) not found") }
  return value
}
