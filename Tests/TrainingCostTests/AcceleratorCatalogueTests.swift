import Testing
@testable import TrainingCost

@Suite struct AcceleratorCatalogueTests {
  static let requiredIDs = [
    "v100", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h800", "h200", "b200", "mi300x", "tpu-v4",
    "tpu-v5e", "l4", "a10g", "rtx-4090", "t4",
  ]

  @Test(arguments: requiredIDs)
  func holdsEveryRequiredAccelerator(id: String) throws {
    let accelerator = try AcceleratorCatalogue.builtIn.accelerator(named: id)
    #expect(accelerator.peakFLOPS > 1e13 && accelerator.peakFLOPS < 1e16)
    #expect(accelerator.memoryGB >= 16 && accelerator.powerWatts > 0 && accelerator.pricePerHour > 0)
    #expect(!accelerator.source.isEmpty && !accelerator.name.isEmpty)
  }

  /// Dense figures, not the 2:4-sparsity headline numbers (datasheets).
  @Test(arguments: [
    ("h100-sxm", 989e12), ("h100-pcie", 756e12), ("a100-40gb", 312e12), ("a100-80gb", 312e12), ("v100", 125e12),
    ("h800", 989e12), ("h200", 989e12), ("b200", 2.25e15), ("mi300x", 1307.4e12), ("tpu-v4", 275e12),
    ("tpu-v5e", 197e12), ("l4", 121e12), ("rtx-4090", 165.2e12), ("t4", 65e12),
  ])
  func peakIsDense(id: String, peak: Double) throws {
    #expect(try AcceleratorCatalogue.builtIn.accelerator(named: id).peakFLOPS == peak)
  }

  /// Link bandwidths (bytes/s per GPU, one direction) for the accelerators `cost layout` can time.
  @Test(arguments: [("a100-80gb", 300e9, 25e9), ("h100-sxm", 450e9, 50e9), ("v100", 150e9, 6.25e9)])
  func linkBandwidths(id: String, intra: Double, inter: Double) throws {
    let row = try AcceleratorCatalogue.builtIn.accelerator(named: id)
    #expect(row.intraNodeBandwidth == intra)
    #expect(row.interNodeBandwidth == inter)
    #expect(row.gpusPerNode == 8)
  }

  @Test func h100SXMRow() throws {
    let h100 = try AcceleratorCatalogue.builtIn.accelerator(named: "H100_SXM")
    #expect(h100 == Accelerator(
      id: "h100-sxm", name: "NVIDIA H100 SXM5 80GB", peakFLOPS: 989e12, memoryGB: 80, powerWatts: 700,
      pricePerHour: 2.99, source: "NVIDIA H100 datasheet; Lambda price", gpusPerNode: 8,
      intraNodeBandwidth: 450e9, interNodeBandwidth: 50e9,
      linkSource: "H100 SXM datasheet: NVLink 900 GB/s (450 GB/s each way); DGX H100: 8 × 400 Gb/s NDR InfiniBand (50 GB/s per GPU)"))
    #expect(AcceleratorCatalogue.defaultAcceleratorID == "h100-sxm")
  }

  @Test func idsAreUnique() {
    let ids = AcceleratorCatalogue.builtIn.accelerators.map(\.id)
    #expect(Set(ids).count == ids.count)
  }

  @Test func unknownNamesGetTheNearestSuggestions() {
    #expect(throws: CostError.unknownAccelerator(name: "h100", suggestions: ["h100-sxm", "h100-pcie", "h800"])) {
      try AcceleratorCatalogue.builtIn.accelerator(named: "h100")
    }
    #expect(AcceleratorCatalogue.builtIn.suggestions(for: "a100") == ["a100-40gb", "a100-80gb", "a10g"])
    #expect(AcceleratorCatalogue.builtIn.suggestions(for: "h10O-sxm").first == "h100-sxm")
    #expect(AcceleratorCatalogue.builtIn.suggestions(for: "tpuv4").first == "tpu-v4")
    #expect(AcceleratorCatalogue.builtIn.suggestions(for: "quantum-annealer-9000").isEmpty)
    #expect(CostError.unknownAccelerator(name: "h100", suggestions: ["h100-sxm", "h100-pcie"]).description
      == "unknown GPU 'h100'; did you mean h100-sxm, h100-pcie? (`workbench cost gpus` lists them all).")
  }

  @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("h100", "h100", 0), ("h100", "h200", 1), ("ab", "ba", 2)])
  func editDistance(a: String, b: String, expected: Int) {
    #expect(EditDistance.between(a, b) == expected)
    #expect(EditDistance.between(b, a) == expected)
  }
}
