import Testing
@testable import TrainingCost

/// The hardware file's size and row limits, checked before parsing or merging.
@Suite struct HardwareFileLimitsTests {
  @Test func oversizedFileIsRefusedBeforeParsing() {
    let bytes = [UInt8](repeating: UInt8(ascii: " "), count: AcceleratorCatalogue.maximumHardwareFileByteCount + 1)
    #expect(throws: CostError.malformedHardwareFile(file: "hw.json", line: 1, problem: "the file is 1048577 bytes, more than the limit of 1048576 bytes for a hardware file")) {
      try AcceleratorCatalogue.builtIn.merging(hardwareJSON: bytes, fileName: "hw.json")
    }
  }

  @Test func tooManyRowsAreRefused() throws {
    func file(_ n: Int) -> String {
      "[" + (0..<n).map { #"{"id": "g\#($0)", "peak_tflops": 1, "memory_gb": 1, "power_w": 1, "price_per_hour": 1}"# }.joined(separator: ",") + "]"
    }
    #expect(throws: CostError.malformedHardwareFile(file: "hw.json", line: 1, problem: "the file lists 1001 accelerators, more than the limit of 1000")) {
      try AcceleratorCatalogue.builtIn.merging(hardwareJSON: file(1001), fileName: "hw.json")
    }
    let merged = try AcceleratorCatalogue.builtIn.merging(hardwareJSON: file(1000), fileName: "hw.json")
    #expect(merged.accelerators.count == AcceleratorCatalogue.builtIn.accelerators.count + 1000)
  }
}
