import ArgumentParser
import TrainingCost

/// `workbench cost presets`: published training runs with their sources.
struct CostPresets: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "presets", abstract: "Published training runs: size, tokens, hardware, compute, GPU-hours, MFU.")

  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @OptionGroup var output: CostOutputOptions

  func report() throws -> CostReport {
    let catalogue = try catalogueOptions.catalogue()
    return try PublishedRun.presetsReport(catalogue: catalogue)
  }
}
