/// One option of a command as a recipe key: the option's long name, and how a recipe's value sets
/// it on the parsed command, unless the command line gave it (the command line wins). The value's
/// type is checked either way: a recipe with a wrong value is refused whatever the command line says.
struct RecipeKey<Command> {
  /// The long option name without its dashes (`steps`, `validation-text`).
  let name: String
  /// Checks the value's type, and sets the option from it unless it is already given.
  /// - Throws: `RecipeError.wrongType` when the value is not of the option's type.
  let apply: (inout Command, RecipeValue) throws -> Void

  /// Options a recipe cannot set: a recipe does not name another recipe, `--resume` continues a
  /// run with the options it kept, and `--events` is how this process reports, not how it trains.
  static var commandLineOnly: [String] { ["config", "resume", "events"] }

  /// An option of one value, which `convert` makes from the scalar's text (nil: not of the type,
  /// which `expected` describes).
  static func scalar<Value>(
    _ name: String, _ option: WritableKeyPath<Command, Value?>, _ expected: String, _ convert: @escaping (String) -> Value?
  ) -> Self {
    Self(name: name) { command, value in
      let converted = try value.scalar(expected, convert)
      if command[keyPath: option] == nil { command[keyPath: option] = converted }
    }
  }

  /// A whole-number option.
  static func integer(_ name: String, _ option: WritableKeyPath<Command, Int?>) -> Self {
    scalar(name, option, "a whole number") { Int($0) }
  }

  /// A seed: a whole number from 0 to 2⁶⁴ − 1.
  static func seed(_ name: String, _ option: WritableKeyPath<Command, UInt64?>) -> Self {
    scalar(name, option, "a whole number from 0 to 18446744073709551615") { UInt64($0) }
  }

  /// A number option (`2e-3`, `0.1`).
  static func number(_ name: String, _ option: WritableKeyPath<Command, Double?>) -> Self {
    scalar(name, option, "a number") { Double($0) }
  }

  /// A text option (a path, a name such as `bpe:500`).
  static func text(_ name: String, _ option: WritableKeyPath<Command, String?>) -> Self {
    scalar(name, option, "one value (a list is not allowed)") { $0 }
  }

  /// An option that takes several paths (`text: [a.txt, b.txt]`, or one path).
  static func paths(_ name: String, _ option: WritableKeyPath<Command, [String]>) -> Self {
    Self(name: name) { command, value in
      let paths = try value.texts("a file or a list of files") ?? []
      if command[keyPath: option].isEmpty { command[keyPath: option] = paths }
    }
  }

  /// A flag (`merge: true`); the command line can only switch it on.
  static func flag(_ name: String, _ option: WritableKeyPath<Command, Bool>) -> Self {
    Self(name: name) { command, value in
      let flag = try value.flag() ?? false
      if !command[keyPath: option] { command[keyPath: option] = flag }
    }
  }

  /// This key for a command that holds `Command` at `part` (the options `train` and `finetune` share).
  func within<Outer>(_ part: WritableKeyPath<Outer, Command>) -> RecipeKey<Outer> {
    let apply = self.apply
    return RecipeKey<Outer>(name: name) { command, value in try apply(&command[keyPath: part], value) }
  }
}
