import Testing
import WorkbenchFiles

/// Tables written as aligned text and as CSV, byte for byte as the commands and cost reports print them.
@Suite struct TableTests {
  @Test func textAlignsColumnsAndDropsTrailingSpaces() {
    let table = Table(headers: ["a", "long header"], rows: [["xyz", "1"], ["b"], ["é😀", ""]])
    #expect(table.text == "a    long header\n---  -----------\nxyz  1\nb\né😀")
  }

  @Test func rightAlignedColumnsPadOnTheLeft() {
    let table = Table(headers: ["quantity", "value"], alignments: [.left, .right], rows: [["GPU-hours", "1.2k"], ["days", "35"]])
    #expect(table.text == "quantity   value\n---------  -----\nGPU-hours   1.2k\ndays          35")
  }

  @Test func csvQuotesOnlyTheFieldsThatNeedIt() {
    let table = Table(headers: ["name", "note"], rows: [["a,b", "say \"hi\""], ["plain", "two\nlines"]])
    #expect(table.csv == "name,note\n\"a,b\",\"say \"\"hi\"\"\"\nplain,\"two\nlines\"")
  }
}
