import Foundation
import PythonOracle
import Testing
import WorkbenchFiles

@testable import Plotting

/// The APNG writer against independent oracles: the CRC-32 check value, libpng decoding each frame
/// taken out again, and Pillow (`PIL.Image.open(f).n_frames`, installed by `.ci/run`) decoding the film.
@Suite struct AnimatedPNGTests {
  /// Three 6×4 frames of one colour each.
  static let frames: [RGBAImage] = [
    RGBAImage(width: 6, height: 4, filledWith: Color(hex: 0xFF0000)),
    RGBAImage(width: 6, height: 4, filledWith: Color(hex: 0x00FF00)),
    RGBAImage(width: 6, height: 4, filledWith: Color(hex: 0x0000FF)),
  ]

  @Test("CRC-32 gives the standard check value of \"123456789\"")
  func crcCheckValue() {
    #expect(CRC32.ieee.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.ieee.checksum([]) == 0)
  }

  @Test("chunks: acTL before the first IDAT, an fcTL per frame, fdAT with increasing sequence numbers")
  func chunkOrder() throws {
    let bytes = try AnimatedPNG.encode(Self.frames, delays: Array(repeating: .init(milliseconds: 100), count: 3), metadata: nil)
    let chunks = try PNGChunks.parse(bytes)
    let types = chunks.map(\.type)
    #expect(types.first == "IHDR" && types.last == "IEND")
    let acTL = try #require(types.firstIndex(of: "acTL"))
    let firstIDAT = try #require(types.firstIndex(of: "IDAT"))
    #expect(acTL < firstIDAT)
    #expect(types.filter { $0 == "fcTL" }.count == 3)
    #expect(try AnimatedPNG.frameCount(bytes) == 3)
    // Sequence numbers over fcTL and fdAT: 0, 1, 2, … with no gap.
    let sequence = chunks.filter { $0.type == "fcTL" || $0.type == "fdAT" }.map {
      $0.data[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
    #expect(sequence == Array(0..<UInt32(sequence.count)))
  }

  @Test("every frame taken out as a still decodes (libpng) to the image that went in; equal input, equal bytes")
  func stillsRoundTrip() throws {
    let delays = Array(repeating: AnimatedPNG.Delay(milliseconds: 100), count: 3)
    let bytes = try AnimatedPNG.encode(Self.frames, delays: delays, metadata: PNGMetadata(title: "t", software: "s", source: "c"))
    #expect(try AnimatedPNG.encode(Self.frames, delays: delays, metadata: PNGMetadata(title: "t", software: "s", source: "c")) == bytes)
    let stills = try AnimatedPNG.stills(ofAnimation: bytes)
    #expect(stills.count == 3)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("apng-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (index, still) in stills.enumerated() {
      let url = folder.appendingPathComponent("\(index).png")
      try Data(still).write(to: url)
      #expect(try PNGFile.read(from: url) == Self.frames[index])
    }
    // A viewer without APNG support sees the first frame.
    let whole = folder.appendingPathComponent("film.png")
    try Data(bytes).write(to: whole)
    #expect(try PNGFile.read(from: whole) == Self.frames[0])
  }

  @Test("Pillow decodes the film frame by frame with the right count, colours and delays")
  func pillowDecodes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("apng-py-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("film.png")
    try AnimatedPNG.write(
      Self.frames, delays: [.init(milliseconds: 100), .init(milliseconds: 200), .init(milliseconds: 300)], to: url, metadata: nil)
    // Needs python3 with Pillow (`pip install pillow`; .ci/run installs it): a failure says what the script printed.
    let script = """
      import sys
      from PIL import Image
      from oracle_result import write_result
      im = Image.open(sys.argv[1])
      out = [str(im.n_frames)]
      for k in range(im.n_frames):
          im.seek(k)
          out.append("%s:%d" % (im.convert("RGB").getpixel((2, 2)), im.info.get("duration", -1)))
      write_result(" ".join(out).replace(" ", ""))
      """
    let output = try JSONDecoder().decode(String.self, from: PythonOracle.run(source: script, arguments: [url.path]))
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "3(255,0,0):100(0,255,0):200(0,0,255):300")
  }

  @Test("no frames, mismatched sizes or delays are refused with a sentence")
  func refusesBadInput() {
    #expect(throws: PlotError.self) { try AnimatedPNG.encode([], delays: [], metadata: nil) }
    #expect(throws: PlotError.self) {
      try AnimatedPNG.encode([Self.frames[0], RGBAImage(width: 2, height: 2, filledWith: .white)], delays: [.init(milliseconds: 1), .init(milliseconds: 1)], metadata: nil)
    }
    #expect(throws: PlotError.self) { try AnimatedPNG.encode(Self.frames, delays: [], metadata: nil) }
  }
}
