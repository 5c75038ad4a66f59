import ArgumentParser

/// A command whose options a recipe (`--config FILE`) can set: `train` and `finetune`.
protocol RecipeCommand: ParsableCommand {
  /// The command as the user types it (`workbench train`), for error sentences.
  static var recipeCommandName: String { get }
  /// Every option a recipe can set: all of the command's long options but `--config` and `--resume`.
  static var recipeKeys: [RecipeKey<Self>] { get }
  /// The options `train` and `finetune` share (`--config` among them).
  var common: TrainingCommandOptions { get set }
}

extension RecipeCommand {
  /// This command with the recipe of `--config` merged in (an option given on the command line
  /// wins), checked as a command line is checked, and the recipe's path; the command unchanged
  /// and nil without `--config`.
  /// - Throws: `RecipeError` for a recipe that is missing, unreadable, not YAML, or has an unknown
  ///   key or a value of the wrong type; `ValidationError` for values out of range, as on the command line.
  func withRecipe() throws -> (command: Self, recipe: String?) {
    guard let path = common.config, common.resume == nil else { return (self, nil) }
    let recipe = try Recipe.read(path)
    var merged = self
    try recipe.apply(Self.recipeKeys, to: &merged, commandName: Self.recipeCommandName)
    merged.common.config = nil
    try merged.validate()
    return (merged, path)
  }
}
