import Foundation
import WorkbenchFiles

/// Everything that determines the `pretrain-finetune` checkpoints: the seed, the mode, every size,
/// step count and rate, and the software version. Stored as JSON in each checkpoint's
/// `__metadata__["recipe"]`; a checkpoint is fresh for another lesson when its recipe equals the one
/// that lesson would train with.
public struct PretrainFinetuneRecipe: Sendable, Equatable, Codable {
  /// Bumped whenever the training procedure changes in a way the settings do not show.
  public static let currentVersion = 1

  /// The procedure's version (``currentVersion`` when written).
  public var recipeVersion: Int
  /// The software that trained the checkpoint (e.g. "workbench 0.1.0").
  public var workbench: String
  /// The lesson's seed.
  public var seed: UInt64
  /// Whether the quick sizes were used.
  public var quick: Bool
  /// Sizes, steps and rates (corpus sizes in characters, model config, batch, steps…).
  public var settings: PretrainFinetuneSettings

  /// The recipe of a run with `settings`.
  public init(seed: UInt64, quick: Bool, settings: PretrainFinetuneSettings) {
    recipeVersion = Self.currentVersion
    workbench = workbenchSoftware
    self.seed = seed
    self.quick = quick
    self.settings = settings
  }

  /// Compact JSON with sorted keys (deterministic bytes).
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  /// The recipe stored as `json`, or nil when it is not a recipe of this version's shape.
  public init?(json: String) {
    guard let recipe = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
    self = recipe
  }
}
