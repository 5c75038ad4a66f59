import CLibPNG
import Foundation
import WorkbenchFiles

/// Reading and writing 8-bit RGBA PNG files with libpng.
public enum PNGFile {
  /// The zlib compression level used for writing (0 none ... 9 smallest); 3 is about four times
  /// faster than zlib's default 6 on chart images for files about 20 % larger.
  public static let compressionLevel: Int32 = 3

  /// Encodes `image` as a PNG (8-bit RGBA) with `metadata` in `tEXt` chunks (an `iTXt` chunk
  /// for text outside Latin-1). Contains no timestamps, so equal inputs give equal bytes.
  public static func encode(_ image: RGBAImage, metadata: PNGMetadata?) throws -> [UInt8] {
    guard image.width > 0, image.height > 0 else {
      throw PlotError.invalidSize(width: image.width, height: image.height)
    }
    let entries = metadata?.entries ?? []
    // tEXt holds Latin-1 text; anything beyond Latin-1 goes into an iTXt chunk as UTF-8.
    let international: [Int32] = entries.map { entry in
      entry.value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value <= 0xFF || $0 == "\n" } ? 0 : 1
    }
    let keys = entries.map { strdup($0.key) }
    let values: [UnsafeMutablePointer<CChar>?] = zip(entries, international).map { entry, utf8 in
      if utf8 != 0 { return strdup(entry.value) }
      let latin1 = entry.value.unicodeScalars.map { CChar(bitPattern: UInt8($0.value)) } + [0]
      return latin1.withUnsafeBufferPointer { strdup($0.baseAddress!) }
    }
    defer {
      keys.forEach { free($0) }
      values.forEach { free($0) }
    }
    var data: UnsafeMutablePointer<UInt8>?
    var size = 0
    var message = [CChar](repeating: 0, count: 256)
    let status = image.pixels.withUnsafeBufferPointer { pixels in
      keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
        values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuePointers in
          international.withUnsafeBufferPointer { flags in
            workbench_png_encode_rgba(
              pixels.baseAddress, UInt32(image.width), UInt32(image.height), keyPointers.baseAddress,
              valuePointers.baseAddress, flags.baseAddress, Int32(entries.count), compressionLevel, &data, &size,
              &message, message.count)
          }
        }
      }
    }
    guard status == 0, let data else {
      throw PlotError.encodingFailed(reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    defer { free(data) }
    return Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Writes `image` to `url` as a PNG with `metadata`, atomically (``AtomicFile``): the temporary
  /// file is created first, then receives the encoded bytes and is renamed over `url`. Throws
  /// ``PlotError/outputNotWritable(path:reason:)`` when the folder is missing or read-only.
  public static func write(_ image: RGBAImage, to url: URL, metadata: PNGMetadata?) throws {
    try writeAtomically(to: url) { try encode(image, metadata: metadata) }
  }

  /// Writes the bytes `encode` returns to `url` through ``AtomicFile``, as a ``PlotError``.
  static func writeAtomically(to url: URL, _ encode: () throws -> [UInt8]) throws {
    do {
      try AtomicFile.write(to: url, encode)
    } catch let error as FileWriteError {
      throw PlotError.outputNotWritable(path: url.path, reason: error.reason)
    }
  }

  /// Reads a PNG file of any colour type and bit depth, converted to 8-bit RGBA.
  public static func read(from url: URL) throws -> RGBAImage {
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else { throw PlotError.inputMissing(path: path) }
    var image = png_image()
    image.version = WORKBENCH_PNG_IMAGE_VERSION
    guard png_image_begin_read_from_file(&image, path) != 0 else {
      let reason = messageOf(&image)
      png_image_free(&image)
      throw PlotError.unreadableImage(path: path, reason: reason)
    }
    image.format = WORKBENCH_PNG_FORMAT_RGBA
    let width = Int(image.width)
    let height = Int(image.height)
    var pixels = [UInt8](repeating: 0, count: width * height * 4)
    let ok = pixels.withUnsafeMutableBytes { raw in
      png_image_finish_read(&image, nil, raw.baseAddress, Int32(width * 4), nil)
    }
    guard ok != 0 else {
      let reason = messageOf(&image)
      png_image_free(&image)
      throw PlotError.unreadableImage(path: path, reason: reason)
    }
    return RGBAImage(width: width, height: height, pixels: pixels)
  }

  private static func messageOf(_ image: inout png_image) -> String {
    withUnsafeBytes(of: &image.message) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
  }
}
