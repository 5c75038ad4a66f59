import ArgumentParser
import TrainingCost

/// The model a per-GPU estimate is for: `--preset`, or `--params`, or `--layers --d-model --heads`.
struct CostArchitectureOptions: ParsableArguments {
  @Option(help: "An architecture: \(TransformerArchitecture.presets.map(\.id).joined(separator: ", ")).") var preset: String?
  @Option(parsing: .unconditional, help: "Parameters, e.g. 7.5B (the shape is estimated).") var params: String?
  @Option(help: "Transformer layers L (with --d-model and --heads).") var layers: Int?
  @Option(name: .customLong("d-model"), help: "Hidden size h (with --layers and --heads).") var modelWidth: Int?
  @Option(help: "Attention heads a.") var heads: Int?
  @Option(help: "Vocabulary size V (default 51200).") var vocab: Int?
  @Option(help: "Tokens per sequence s (default: the preset's, else 2048).") var seq: Int?

  func validate() throws {
    let given = [preset != nil, params != nil, layers != nil || modelWidth != nil || heads != nil].filter { $0 }.count
    guard given == 1 else {
      throw ValidationError("give one of --preset NAME, --params N, or --layers --d-model --heads (run `workbench cost memory --help`).")
    }
    if let params { try CostArguments.validateQuantity(params, "--params", maximum: CostArguments.maximumParameters) }
    if layers != nil || modelWidth != nil || heads != nil, layers == nil || modelWidth == nil || heads == nil {
      throw ValidationError("give --layers, --d-model and --heads together.")
    }
    if let layers { try CostArguments.check(layers, "--layers", in: 1...100_000) }
    if let modelWidth { try CostArguments.check(modelWidth, "--d-model", in: 1...10_000_000) }
    if let heads { try CostArguments.check(heads, "--heads", in: 1...100_000) }
    if let vocab { try CostArguments.check(vocab, "--vocab", in: 1...100_000_000) }
    if let seq { try CostArguments.check(seq, "--seq", in: 1...10_000_000) }
    if let modelWidth, let heads, modelWidth % heads != 0 {
      throw ValidationError("--d-model \(modelWidth) must be a multiple of --heads \(heads).")
    }
    do { _ = try architecture() } catch let error as LayoutError { throw ValidationError(error.description) }
  }

  /// The architecture these options describe.
  func architecture() throws -> TransformerArchitecture {
    if let preset {
      guard var found = TransformerArchitecture.preset(named: preset) else {
        throw LayoutError.unknownPreset(name: preset, known: TransformerArchitecture.presets.map(\.id))
      }
      if let seq { found.sequenceLength = seq }
      if let vocab { found.vocabulary = vocab }
      return found
    }
    if let params {
      var found = TransformerArchitecture.estimated(
        parameters: try CostArguments.quantity(params, "--params", maximum: CostArguments.maximumParameters),
        sequenceLength: seq ?? 2048)
      if let vocab { found.vocabulary = vocab }
      return found
    }
    return TransformerArchitecture(
      layers: layers!, hiddenSize: modelWidth!, heads: heads!, vocabulary: vocab ?? TransformerArchitecture.assumedVocabulary,
      sequenceLength: seq ?? 2048, source: "given")
  }
}

/// `--precision`.
extension TrainingPrecision: ExpressibleByArgument {}

/// Reading `--zero` and `--recompute` with one-sentence errors.
enum LayoutArguments {
  static func zero(_ text: String) throws -> ZeROStage {
    do { return try ZeROStage.parse(text) } catch { throw ValidationError(error.description) }
  }

  static func recompute(_ text: String) throws -> Recomputation {
    do { return try Recomputation.parse(text) } catch { throw ValidationError(error.description) }
  }
}
