import Foundation

/// TensorBoard's event-file format, written by hand: a file of TFRecord records, each
///
///     length (UInt64, little-endian) · masked CRC-32C of the length's 8 bytes (UInt32 LE)
///     · data · masked CRC-32C of the data (UInt32 LE)
///
/// where masking is `((crc >> 15) | (crc << 17)) &+ 0xA282EAD8`. Each record's data is an `Event`
/// protocol buffer: `wall_time` (field 1, double, seconds since 1970), `step` (2, int64),
/// `file_version` (3, string, only in the first record: "brain.Event:2") or `summary` (5, a
/// `Summary` whose `value`s (field 1) each hold a `tag` (1, string) and a `simple_value` (2, float)).
/// Sources: TensorFlow's `tensorflow/core/util/event.proto`, `summary.proto`, and
/// `tsl/lib/io/record_writer.cc` with `crc32c.h` for the framing.
public enum TensorBoardEventFile {
  /// The file name TensorBoard looks for: `events.out.tfevents.<seconds since 1970>.<host>`.
  public static func fileName(time: Date, host: String) -> String {
    "events.out.tfevents.\(Int(time.timeIntervalSince1970)).\(host)"
  }

  /// The first record of every event file: the format version.
  public static func versionRecord(wallTime: Double) -> [UInt8] {
    record(event(wallTime: wallTime, step: 0, field: (3, Array("brain.Event:2".utf8))))
  }

  /// One record holding the scalars `values` (tag, value) measured after `step` steps; the values
  /// are stored as 32-bit floats, as TensorBoard's `simple_value`.
  public static func scalarRecord(wallTime: Double, step: Int, values: [(tag: String, value: Double)]) -> [UInt8] {
    var summary: [UInt8] = []
    for (tag, value) in values {
      var entry = lengthDelimited(field: 1, Array(tag.utf8))
      entry += key(field: 2, wireType: 5) + littleEndian(Float(value).bitPattern)
      summary += lengthDelimited(field: 1, entry)
    }
    return record(event(wallTime: wallTime, step: step, field: (5, summary)))
  }

  /// The record framing `data`: length, masked CRC of the length, data, masked CRC of the data.
  public static func record(_ data: [UInt8]) -> [UInt8] {
    let length = littleEndian(UInt64(data.count))
    return length + littleEndian(maskedCRC(length)) + data + littleEndian(maskedCRC(data))
  }

  /// The CRC-32C of `bytes`, masked as TFRecord stores it.
  public static func maskedCRC(_ bytes: [UInt8]) -> UInt32 {
    let crc = CRC32.castagnoli.checksum(bytes)
    return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
  }

  /// The records of an event file's bytes, each checked against its two CRCs; nil when the bytes
  /// end inside a record or a CRC does not match (a damaged file).
  public static func records(in bytes: [UInt8]) -> [[UInt8]]? {
    var records: [[UInt8]] = [], offset = 0
    func uint<T: FixedWidthInteger>(_ type: T.Type, at position: Int) -> T? {
      let size = MemoryLayout<T>.size
      guard position + size <= bytes.count else { return nil }
      return (0..<size).reduce(T(0)) { $0 | T(bytes[position + $1]) << (8 * $1) }
    }
    while offset < bytes.count {
      guard let length = uint(UInt64.self, at: offset), let lengthCRC = uint(UInt32.self, at: offset + 8),
        lengthCRC == maskedCRC(Array(bytes[offset..<(offset + 8)])), length <= UInt64(bytes.count - offset - 16)
      else { return nil }
      let start = offset + 12, end = start + Int(length)
      let data = Array(bytes[start..<end])
      guard let dataCRC = uint(UInt32.self, at: end), dataCRC == maskedCRC(data) else { return nil }
      records.append(data)
      offset = end + 4
    }
    return records
  }

  /// An `Event` with `wall_time`, `step` and one length-delimited field (`file_version` or `summary`).
  static func event(wallTime: Double, step: Int, field: (number: Int, bytes: [UInt8])) -> [UInt8] {
    key(field: 1, wireType: 1) + littleEndian(wallTime.bitPattern) + key(field: 2, wireType: 0) + varint(UInt64(bitPattern: Int64(step)))
      + lengthDelimited(field: field.number, field.bytes)
  }

  static func key(field: Int, wireType: Int) -> [UInt8] { varint(UInt64(field << 3 | wireType)) }

  static func lengthDelimited(field: Int, _ bytes: [UInt8]) -> [UInt8] {
    key(field: field, wireType: 2) + varint(UInt64(bytes.count)) + bytes
  }

  /// Base-128 varint: 7 bits a byte, least significant first, the high bit set on all but the last.
  static func varint(_ value: UInt64) -> [UInt8] {
    var value = value, bytes: [UInt8] = []
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    return bytes + [UInt8(value)]
  }

  static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}
