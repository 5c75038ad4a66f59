import Foundation
@testable import GlossarySite
@testable import Plotting

/// Reads the bytes as a PNG: the site's size reader (`IHDR`) and the chunk parser of the plots.
enum FuzzPNG {
  static func run(_ bytes: [UInt8]) {
    if let size = PNGSize(data: Data(bytes)) { precondition(size.width > 0 && size.height > 0, "PNGSize accepted an empty image") }
    _ = try? PNGChunks.parse(bytes)
  }
}
