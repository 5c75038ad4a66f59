import Testing
@testable import TrainingCost

@Suite struct HardwareFileTests {
  let builtIn = AcceleratorCatalogue.builtIn

  @Test func overridesOnlyTheGivenFields() throws {
    let merged = try builtIn.merging(hardwareJSON: #"[{"id": "H100-SXM", "price_per_hour": 1.85}]"#, fileName: "hw.json")
    let h100 = try merged.accelerator(named: "h100-sxm")
    #expect(h100.pricePerHour == 1.85)
    #expect(h100.peakFLOPS == 989e12 && h100.memoryGB == 80 && h100.powerWatts == 700)
    #expect(h100.source == "hw.json (overrides NVIDIA H100 datasheet; Lambda price)")
    #expect(merged.accelerators.count == builtIn.accelerators.count)
  }

  @Test func addsNewRows() throws {
    let json = """
      {"accelerators": [
        {"id": "lab-gpu", "name": "Lab GPU", "peak_tflops": 400, "memory_gb": 48, "power_w": 350,
         "price_per_hour": 0, "source": "purchase order \\u00e9\\ud83d\\ude00"}
      ]}
      """
    let merged = try builtIn.merging(hardwareJSON: json, fileName: "hw.json")
    #expect(try merged.accelerator(named: "lab-gpu") == Accelerator(
      id: "lab-gpu", name: "Lab GPU", peakFLOPS: 400e12, memoryGB: 48, powerWatts: 350, pricePerHour: 0,
      source: "purchase order é😀"))
    #expect(merged.accelerators.last?.id == "lab-gpu")
  }

  @Test(arguments: [
    // A missing comma between members, on line 3.
    ("[\n  {\"id\": \"x\",\n   \"peak_tflops\": 1 \"memory_gb\": 2}\n]", 3, "expected ',' or '}' in an object, found '\"'"),
    ("[\n  {\"id\": \"x\", \"peak_tflop\": 1}\n]", 2,
     "unknown key \"peak_tflop\"; expected one of id, name, peak_tflops, memory_gb, power_w, price_per_hour, source, intra_node_gb_per_s, inter_node_gb_per_s"),
    ("[\n\n  {\"id\": \"new\", \"peak_tflops\": 1}\n]", 3,
     "the new accelerator \"new\" needs \"memory_gb\" (a new id needs peak_tflops, memory_gb, power_w, price_per_hour)"),
    ("[{\"id\": \"t4\",\n \"memory_gb\": \"16\"}]", 2, "\"memory_gb\" must be a number, found a string"),
    ("[{\"id\": \"t4\", \"memory_gb\": -1}]", 1, "\"memory_gb\" must be greater than zero"),
    ("", 1, "the file is empty; expected a JSON array of accelerators"),
    ("[]\n]", 2, "unexpected ']' after the end of the JSON value"),
    ("[{\"id\": \"t4\"}, {\"id\": \"T4\"}]", 1, "the id \"T4\" appears twice"),
    ("{\"id\": \"t4\"}", 1, "expected an array of accelerator objects like [{\"id\": \"h100-sxm\", \"price_per_hour\": 2.0}], found an object"),
    ("[{\"price_per_hour\": 1}]", 1, "an accelerator object has no \"id\""),
    ("[\n{\"id\": \"t4\", \"name\": \"a\nb\"}]", 2, "a string contains a raw control character (a line break?); write it as an escape"),
    ("[1]", 1, "each accelerator must be an object, found a number"),
    ("[{\"id\": \"t4\", \"price_per_hour\": 1e999}]", 1, "the number 1e999 is too large"),
    ("[{\"id\": \"t4\",,}]", 1, "expected a quoted key, found ','"),
    ("[{\"id\": \"t4\"}", 1, "expected ',' or ']' in an array, found the end of the text"),
    ("[tru]", 1, "expected a value, found 't'"),
  ])
  func reportsFileAndLine(json: String, line: Int, problem: String) {
    #expect(throws: CostError.malformedHardwareFile(file: "gpus.json", line: line, problem: problem)) {
      try builtIn.merging(hardwareJSON: json, fileName: "gpus.json")
    }
  }

  @Test func messageNamesFileAndLine() {
    #expect(CostError.malformedHardwareFile(file: "gpus.json", line: 3, problem: "expected ',' or '}' in an object, found '\"'").description
      == "gpus.json line 3: expected ',' or '}' in an object, found '\"'.")
  }

  @Test func rejectsDeepNestingWithoutCrashing() {
    let json = String(repeating: "[", count: 10_000)
    #expect(throws: CostError.malformedHardwareFile(file: "f", line: 1, problem: "values are nested more than 64 levels deep")) {
      try builtIn.merging(hardwareJSON: json, fileName: "f")
    }
  }

  @Test func rejectsBytesThatAreNotUTF8() {
    let bytes: [UInt8] = Array("[{\"id\": \"".utf8) + [0xFF, 0xFE] + Array("\"}]".utf8)
    #expect(throws: CostError.malformedHardwareFile(file: "f", line: 1, problem: "a string is not valid UTF-8")) {
      try builtIn.merging(hardwareJSON: bytes, fileName: "f")
    }
  }
}
