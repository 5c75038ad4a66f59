import TrainingCost

/// Merges the bytes as a hardware file into the built-in accelerator catalogue.
enum FuzzHardware {
  static func run(_ bytes: [UInt8]) {
    _ = try? AcceleratorCatalogue.builtIn.merging(hardwareJSON: bytes, fileName: "hardware.json")
  }
}
