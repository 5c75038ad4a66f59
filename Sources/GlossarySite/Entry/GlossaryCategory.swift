/// The five shelves the glossary is arranged on; an entry's `category` names one of them.
public enum GlossaryCategory: String, CaseIterable, Sendable {
  case trainingStages = "Training stages"
  case mechanics = "Mechanics"
  case dataAndModels = "Data and models"
  case scaleAndCost = "Scale and cost"
  case usingModels = "Using models"

  /// The name as written in front matter and shown on the site.
  public var name: String { rawValue }

  /// A lowercase kebab-case id for anchors, for example `training-stages`.
  public var anchor: String {
    rawValue.lowercased().split(separator: " ").joined(separator: "-")
  }
}
