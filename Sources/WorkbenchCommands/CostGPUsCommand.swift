import ArgumentParser
import TrainingCost

/// `workbench cost gpus`: the accelerator catalogue.
struct CostGPUs: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "gpus", abstract: "The accelerator catalogue: dense BF16/FP16 peak, memory, power, price.")

  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @OptionGroup var output: CostOutputOptions

  func report() throws -> CostReport {
    try catalogueOptions.catalogue().report()
  }
}
