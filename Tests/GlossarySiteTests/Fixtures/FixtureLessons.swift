import Foundation
@testable import GlossarySite

/// Lesson outputs for site tests: a `metrics.json` per CONTRACTS.md and small PNGs.
enum FixtureLessons {
  /// Writes `output/<id>/metrics.json` and its PNGs into `folder`.
  static func writeOutput(id: String, plots: [String], terms: [String], into folder: TemporaryFolder, claimPasses: Bool = true) throws {
    let output = LessonOutput(
      lesson: id, title: "Lesson \(id)", summary: "What lesson \(id) shows.", glossaryTerms: terms, seed: 1, quick: true,
      command: "workbench run \(id) --seed 1 --quick",
      metrics: [.init(name: "train_accuracy", value: 0.99, unit: "fraction"), .init(name: "steps", value: 300, unit: "count")],
      claims: [.init(statement: "Accuracy reaches 0.97", passed: claimPasses, detail: "accuracy 0.990")],
      plots: plots.map { .init(file: $0, title: "Plot \($0)", caption: "What \($0) shows.", alt: "Alt text for \($0)") },
      tables: [SiteTable(title: "Check", columns: ["node", "analytic", "numeric"], rows: [["x1", "0.5", "0.5"]])])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try folder.write(try encoder.encode(output), to: "output/\(id)/metrics.json")
    for (index, plot) in plots.enumerated() {
      try folder.write(png(width: 40 + index * 10, height: 30), to: "output/\(id)/\(plot)")
    }
  }

  /// The standard lesson fixture: `backprop` (one plot, a narrative) and `pretrain-finetune`
  /// (two plots) have outputs; the other four lessons do not.
  static func writeStandard(into folder: TemporaryFolder) throws {
    try writeOutput(id: "backprop", plots: ["loss-curve.png"], terms: ["backpropagation", "gradient"], into: folder)
    try writeOutput(id: "pretrain-finetune", plots: ["losses.png", "forgetting.png"], terms: ["fine-tuning", "lora"], into: folder)
    try folder.write("# Backprop\n\nThe chain rule, see [gradient](../glossary/gradient.md) and ![the curve](loss-curve.png).\n\n## What to notice\n\nA [dead link](nowhere.html).\n", to: "lessons/backprop.md")
  }

  /// A valid RGB PNG of the given size (a gradient), encoded here: zlib with stored blocks, CRC-32 per chunk.
  static func png(width: Int, height: Int) -> Data {
    var raw: [UInt8] = []
    for y in 0..<height {
      raw.append(0)  // filter: none
      for x in 0..<width { raw += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 128] }
    }
    var zlib: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let count = min(65_535, raw.count - offset)
      let final: UInt8 = offset + count == raw.count ? 1 : 0
      zlib += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
      zlib += raw[offset..<(offset + count)]
      offset += count
    } while offset < raw.count
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
    zlib += bigEndian(b << 16 | a)

    var ihdr = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
    ihdr += [8, 2, 0, 0, 0]  // 8-bit RGB, deflate, no filter, no interlace
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    png += chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", [])
    return Data(png)
  }

  private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
    let typed = Array(type.utf8) + body
    return bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed))
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }

  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
