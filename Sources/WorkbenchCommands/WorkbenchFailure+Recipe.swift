extension WorkbenchFailure {
  /// The exit code and sentence for a refused recipe (`--config`), or nil for other errors: a missing
  /// or unopenable file is 66, a file that is not a YAML mapping 65, and a key or value the command
  /// does not take 64, as the same mistake on the command line is.
  static func recipeFailure(_ error: Error) -> WorkbenchFailure? {
    guard let error = error as? RecipeError else { return nil }
    switch error {
    case .missing, .unreadable: return WorkbenchFailure(error.description, exitCode: missingInput)
    case .notText, .notYAML, .notAMapping: return WorkbenchFailure(error.description, exitCode: badData)
    case .repeatedKey, .unknownKey, .notInRecipe, .wrongType: return WorkbenchFailure(error.description, exitCode: usage)
    case .wouldReplaceItself: return WorkbenchFailure(error.description, exitCode: cannotCreateOutput)
    }
  }
}
