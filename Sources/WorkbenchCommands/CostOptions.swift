import ArgumentParser
import Foundation
import TrainingCost

/// `--json`, `--csv` and `--explain`, shared by every `workbench cost` subcommand.
struct CostOutputOptions: ParsableArguments {
  @Flag(help: "Write JSON instead of a table.") var json = false
  @Flag(help: "Write CSV instead of a table.") var csv = false
  @Flag(help: "Show the formula or assumption behind every figure.") var explain = false

  func validate() throws {
    if json && csv { throw ValidationError("choose one of --json and --csv, not both.") }
  }

  var format: CostOutputFormat { json ? .json : csv ? .csv : .text }
}

/// The catalogue file option, shared by every subcommand that looks up accelerators.
struct CostCatalogueOptions: ParsableArguments {
  @Option(
    name: .customLong("hardware"),
    help: ArgumentHelp(
      "A JSON file adding or overriding accelerators: [{\"id\": \"h100-sxm\", \"price_per_hour\": 1.9}, ...].",
      valueName: "file"))
  var hardwareFile: String?

  /// The built-in catalogue merged with `--hardware`, if given.
  func catalogue() throws -> AcceleratorCatalogue {
    guard let path = hardwareFile else { return .builtIn }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
      let data = FileManager.default.contents(atPath: path)
    else {
      throw WorkbenchFailure(
        "cannot read the hardware file \(path); check the path given to --hardware.", exitCode: WorkbenchFailure.missingInput)
    }
    return try AcceleratorCatalogue.builtIn.merging(hardwareJSON: [UInt8](data), fileName: path)
  }
}

/// Which accelerator, how well it is used, and what it costs.
struct CostHardwareOptions: ParsableArguments {
  @OptionGroup var catalogueOptions: CostCatalogueOptions

  @Option(help: "Accelerator id, see `workbench cost gpus`.")
  var gpu: String = AcceleratorCatalogue.defaultAcceleratorID

  @Option(parsing: .unconditional, help: "Model FLOPs utilisation: the fraction of peak dense FLOP/s achieved, in (0, 1].")
  var mfu: Double = Budget.defaultMFU

  @Option(parsing: .unconditional, help: "Dollars per GPU-hour (default: the catalogue's on-demand price for --gpu).")
  var price: Double?

  @Option(parsing: .unconditional, help: "Power usage effectiveness of the data centre, at least 1.")
  var pue: Double = Budget.defaultPUE

  func validate() throws {
    try CostArguments.checkFraction(mfu, "--mfu", example: "0.4 for 40%")
    if let price { try CostArguments.checkPrice(price, "--price") }
    guard pue.isFinite, pue >= 1, pue <= 10 else {
      throw ValidationError("--pue must be between 1 and 10 (1.2 is typical), got '\(CostArguments.echo(pue))'.")
    }
  }

  /// The chosen accelerator with MFU, price and PUE, looked up in the (merged) catalogue.
  func setting() throws -> HardwareSetting {
    let accelerator = try catalogueOptions.catalogue().accelerator(named: gpu)
    return HardwareSetting(accelerator: accelerator, utilization: mfu, pricePerHour: price, pue: pue)
  }
}

/// Model-shape options for the attention term and the activation memory.
struct CostShapeOptions: ParsableArguments {
  @Option(help: "Transformer layers (default: estimated from the parameter count).") var layers: Int?
  @Option(name: .customLong("d-model"), help: "Model width d_model (default: estimated from the parameter count).")
  var modelWidth: Int?
  @Option(help: "Tokens per training sequence.") var context: Int = 2048
  @Option(name: .customLong("micro-batch"), help: "Sequences per micro-batch held in memory at once.")
  var microBatch: Int = 1

  func validate() throws {
    try CostArguments.check(context, "--context", in: 1...10_000_000)
    try CostArguments.check(microBatch, "--micro-batch", in: 1...1_000_000)
    if let layers { try CostArguments.check(layers, "--layers", in: 1...100_000) }
    if let modelWidth { try CostArguments.check(modelWidth, "--d-model", in: 1...10_000_000) }
    if (layers == nil) != (modelWidth == nil) {
      throw ValidationError("give both --layers and --d-model, or neither (then both are estimated from --params).")
    }
  }

  /// The given shape, or `nil` to estimate it.
  var shape: ModelShape? {
    guard let layers, let modelWidth else { return nil }
    return ModelShape(layers: layers, modelWidth: modelWidth, contextLength: context)
  }

  /// The given shape, or one estimated for `parameters`.
  func shape(parameters: Double) -> ModelShape {
    shape ?? ModelShape.estimated(parameters: parameters, contextLength: context)
  }
}

/// Reading and checking numbers given on the command line.
enum CostArguments {
  /// The largest parameter count accepted (10¹⁵), so that every estimate stays representable.
  static let maximumParameters = 1e15
  /// The largest token count accepted (10¹⁸).
  static let maximumTokens = 1e18

  /// A human number (`7B`, `2.5T`) at most `maximum`; throws ``CostError`` otherwise.
  static func quantity(_ text: String, _ option: String, maximum: Double) throws(CostError) -> Double {
    let value = try HumanNumber.parse(text, option: option)
    guard value <= maximum else {
      throw .outOfRange(option: option, text: text, allowed: "at most \(HumanNumber.scientific(maximum))")
    }
    return value
  }

  /// The same, turning the error into a usage error for `validate()`.
  static func validateQuantity(_ text: String, _ option: String, maximum: Double) throws {
    do { _ = try quantity(text, option, maximum: maximum) } catch { throw ValidationError(error.description) }
  }

  static func check(_ value: Int, _ option: String, in range: ClosedRange<Int>) throws {
    guard range.contains(value) else {
      throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), got '\(value)'.")
    }
  }

  static func checkFraction(_ value: Double, _ option: String, example: String) throws {
    guard value.isFinite, value > 0, value <= 1 else {
      throw ValidationError("\(option) must be a fraction greater than 0 and at most 1 (e.g. \(example)), got '\(echo(value))'.")
    }
  }

  static func checkPrice(_ value: Double, _ option: String) throws {
    guard value.isFinite, value >= 0, value <= 1e9 else {
      throw ValidationError("\(option) must be a number of dollars between 0 and 1e9, got '\(echo(value))'.")
    }
  }

  /// A number as the user would recognise it: `1.5`, `nan`, `inf`.
  static func echo(_ value: Double) -> String {
    value.isNaN ? "nan" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : "\(value)"
  }
}

extension AllocationLaw: ExpressibleByArgument {}
extension FineTuningMethod: ExpressibleByArgument {}
