import ArgumentParser
import TrainingCost

/// `workbench cost knowledge`: what it costs to make a model answer questions about facts that change,
/// by doing nothing, retrieval (RAG), full fine-tuning or LoRA.
struct CostKnowledge: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "knowledge",
    abstract: "First-year and monthly bill of nothing, RAG, full fine-tuning and LoRA for changing facts, with break-even volumes.")

  @Option(parsing: .unconditional, help: "Parameters of the model, e.g. 7B.") var params: String = "7B"
  @Option(parsing: .unconditional, help: "Documents in the fact base.") var documents: Double = KnowledgeUpdateScenario().documents
  @Option(name: .customLong("tokens-per-document"), parsing: .unconditional, help: "Tokens per document.")
  var tokensPerDocument: Double = KnowledgeUpdateScenario().tokensPerDocument
  @Option(name: .customLong("questions-per-month"), parsing: .unconditional, help: "Questions answered per month, e.g. 1M.")
  var questionsPerMonth: String = "1M"
  @Option(name: .customLong("fact-updates"), parsing: .unconditional, help: "Documents whose facts change per month (default: 20% of them).")
  var factUpdates: Double?
  @Option(name: .customLong("top-k"), help: "Documents retrieved per question (RAG).") var topK: Int = Int(KnowledgeUpdateScenario().topK)
  @Option(help: "Months the bill covers.") var months: Int = 12
  @OptionGroup var hardware: CostHardwareOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.validateQuantity(params, "--params", maximum: CostArguments.maximumParameters)
    try CostArguments.validateQuantity(questionsPerMonth, "--questions-per-month", maximum: 1e15)
    for (option, value) in [("--documents", documents), ("--tokens-per-document", tokensPerDocument)] {
      guard value.isFinite, value >= 1, value <= 1e12 else {
        throw ValidationError("\(option) must be between 1 and 1e12, got '\(Self.echo(value))'.")
      }
    }
    if let factUpdates, !(factUpdates.isFinite && factUpdates > 0 && factUpdates <= documents) {
      throw ValidationError("--fact-updates must be above 0 and at most the \(Self.echo(documents)) documents, got '\(Self.echo(factUpdates))'.")
    }
    try CostArguments.check(topK, "--top-k", in: 1...10_000)
    try CostArguments.check(months, "--months", in: 1...1200)
  }

  /// A count as given: whole numbers without a fraction.
  static func echo(_ value: Double) -> String {
    value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : CostArguments.echo(value)
  }

  /// The scenario these options describe (the cost model's defaults for everything else).
  func scenario() throws -> KnowledgeUpdateScenario {
    var scenario = KnowledgeUpdateScenario()
    scenario.parameters = try CostArguments.quantity(params, "--params", maximum: CostArguments.maximumParameters)
    scenario.documents = documents
    scenario.tokensPerDocument = tokensPerDocument
    scenario.questionsPerMonth = try CostArguments.quantity(questionsPerMonth, "--questions-per-month", maximum: 1e15)
    if let factUpdates { scenario.changedShare = factUpdates / documents }
    scenario.topK = Double(topK)
    return scenario
  }

  func report() throws -> CostReport {
    let scenario = try scenario()
    return KnowledgeUpdateCost.report(
      KnowledgeUpdateCost.rows(scenario, hardware: try hardware.setting()), scenario: scenario, months: months)
  }
}
