import Testing

@testable import WorkbenchFiles

/// The checksums and the record framing of TensorBoard event files, against published check values.
@Suite struct TensorBoardEventFileTests {
  @Test("CRC-32 and CRC-32C give the catalogued check values of \"123456789\"")
  func checkValues() {
    // The check values of the CRC catalogue (reveng.sourceforge.io, "CRC-32/ISO-HDLC" and "CRC-32/ISCSI").
    #expect(CRC32.ieee.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.castagnoli.checksum(Array("123456789".utf8)) == 0xE306_9283)
  }

  @Test("a record frames its data with the length and two masked CRCs, and reads back")
  func framing() {
    let data: [UInt8] = [1, 2, 3]
    let record = TensorBoardEventFile.record(data)
    #expect(record.count == 8 + 4 + 3 + 4)
    #expect(Array(record[0..<8]) == [3, 0, 0, 0, 0, 0, 0, 0])
    #expect(TensorBoardEventFile.records(in: record + record) == [data, data])
    #expect(TensorBoardEventFile.records(in: Array(record.dropLast())) == nil)
    // The varint of 300 is AC 02 (protocol buffers' encoding guide).
    #expect(TensorBoardEventFile.varint(300) == [0xAC, 0x02])
  }
}
