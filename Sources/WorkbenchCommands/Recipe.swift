import Foundation
import Yams

/// A recipe: the options of `workbench train` or `workbench finetune` as a YAML file of
/// `option: value` lines (`--config FILE`). Keys are the commands' long option names without the
/// dashes (`steps: 500`, `lr: 0.002`, `text: [a.txt, b.txt]`, `merge: true`); options given on the
/// command line override the file's. Relative paths in a recipe are relative to the working
/// directory, exactly as on the command line. A null value (`steps: ~`, or nothing after the colon)
/// leaves the option at its default.
struct Recipe {
  /// One `key: value` line of the file.
  struct Entry {
    let key: String
    /// The line of the key, from 1.
    let line: Int
    let value: Node
  }

  /// The file as the user named it.
  let path: String
  /// The entries in the order of the file.
  let entries: [Entry]

  /// Largest recipe read, in bytes (the kept recipe of a run is under 2 kB).
  static let maximumByteCount = 1 << 20

  /// Reads and parses the recipe at `path`.
  /// - Throws: `RecipeError.missing`, `.unreadable`, `.notText`, `.notYAML`, `.notAMapping` or `.repeatedKey`.
  static func read(_ path: String) throws -> Recipe {
    let url = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw RecipeError.missing(path: path) }
    guard !isFolder.boolValue else { throw RecipeError.unreadable(path: path, reason: "it is a folder, not a file") }
    if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumByteCount {
      throw RecipeError.notText(path: path, reason: "it is \(size) bytes, more than the \(maximumByteCount) bytes a recipe may have")
    }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw RecipeError.unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else { throw RecipeError.notText(path: path, reason: "it is not UTF-8") }
    return try parse(text, path: path)
  }

  /// The recipe in `text`; `path` names it in errors.
  static func parse(_ text: String, path: String) throws -> Recipe {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw problem(error, text: text, path: path)
    }
    guard let root else { return Recipe(path: path, entries: []) }
    guard let mapping = root.mapping else { throw RecipeError.notAMapping(path: path) }
    var entries: [Entry] = []
    for (key, value) in mapping {
      guard let name = key.scalar?.string else { throw RecipeError.notAMapping(path: path) }
      entries.append(Entry(key: name, line: key.mark?.line ?? 1, value: value))
    }
    return Recipe(path: path, entries: entries)
  }

  /// A YAML error as a recipe error with its line.
  private static func problem(_ error: YamlError, text: String, path: String) -> RecipeError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // The context (the start of an unclosed quote or list) is where the fix goes.
      return .notYAML(path: path, line: context.map { min($0.mark.line, mark.line) } ?? mark.line, problem: problem)
    case .duplicatedKeysInMapping(let duplicates, _):
      // Yams names the key; the second line that gives it is the one to delete.
      let key = duplicates.sorted().first ?? ""
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .filter { $0.element.hasPrefix("\(key):") || $0.element.hasPrefix("\(key) :") }.map { $0.offset + 1 }
      return .repeatedKey(path: path, key: key, line: lines.dropFirst().first ?? lines.first ?? 1)
    case .reader(let problem, let offset, _, _):
      let line = offset.map { text.unicodeScalars.prefix($0).filter { $0 == "\n" }.count + 1 } ?? 1
      return .notYAML(path: path, line: line, problem: problem)
    default:
      return .notYAML(path: path, line: 1, problem: "\(error)")
    }
  }

  /// Sets the options of `command` from the entries, in the order of the file, each only where the
  /// command line did not give it. `keys` are the options a recipe may set; `commandName`
  /// (`workbench train`) names the command in errors.
  /// - Throws: `RecipeError.unknownKey`, `.notInRecipe` or `.wrongType` for the first entry that is one.
  func apply<Command>(_ keys: [RecipeKey<Command>], to command: inout Command, commandName: String) throws {
    for entry in entries {
      guard let key = keys.first(where: { $0.name == entry.key }) else {
        if RecipeKey<Command>.commandLineOnly.contains(entry.key) {
          throw RecipeError.notInRecipe(path: path, key: entry.key, line: entry.line, command: commandName)
        }
        throw RecipeError.unknownKey(
          path: path, key: entry.key, line: entry.line, command: commandName, nearest: Self.nearest(entry.key, in: keys.map(\.name)))
      }
      try key.apply(&command, RecipeValue(path: path, key: entry.key, line: entry.line, node: entry.value))
    }
  }

  /// The key closest to `key`: within a small edit distance (`stpes` → `steps`, `eval_every` →
  /// `eval-every`), or the one that other training scripts' name for it stands for (`learning-rate` → `lr`).
  static func nearest(_ key: String, in names: [String]) -> String? {
    if let close = UnknownArgument.nearest(key, in: names) { return close }
    let synonym = synonyms[key.replacingOccurrences(of: "_", with: "-")]
    return synonym.flatMap { names.contains($0) ? $0 : nil }
  }

  /// Other training scripts' names of options (Hugging Face's, nanoGPT's), and the key each stands for.
  static let synonyms: [String: String] = [
    "learning-rate": "lr", "batch-size": "batch", "max-steps": "steps", "train-file": "text", "output-dir": "output",
    "block-size": "context", "n-layer": "layers", "n-head": "heads", "n-embd": "d-model", "lora-r": "lora-rank",
    "eval-steps": "eval-every", "gradient-accumulation-steps": "accumulate", "validation-file": "validation-text",
  ]
}

/// One value of a recipe, with where it stands, converted to what an option takes.
struct RecipeValue {
  let path: String
  let key: String
  let line: Int
  let node: Node

  /// Nil for a null value (the option keeps its default), else `convert` of the scalar's text.
  /// - Throws: `RecipeError.wrongType` saying `expected` when the value is a list, a mapping, or a
  ///   scalar that `convert` refuses.
  func scalar<T>(_ expected: String, _ convert: (String) -> T?) throws -> T? {
    if node.null != nil { return nil }
    guard let scalar = node.scalar else { throw wrongType(expected) }
    guard let value = convert(scalar.string) else { throw wrongType(expected) }
    return value
  }

  /// A list of texts (a single text counts as a list of one); nil for a null value or an empty list.
  func texts(_ expected: String) throws -> [String]? {
    if node.null != nil { return nil }
    if let scalar = node.scalar { return [scalar.string] }
    guard let items = node.sequence else { throw wrongType(expected) }
    let values = try items.map { item -> String in
      guard let scalar = item.scalar, item.null == nil else { throw wrongType(expected) }
      return scalar.string
    }
    return values.isEmpty ? nil : values
  }

  /// `true` or `false` (YAML's spellings: also yes/no, on/off); nil for a null value.
  func flag() throws -> Bool? {
    if node.null != nil { return nil }
    guard let scalar = node.scalar, let value = Bool.construct(from: scalar) else { throw wrongType("true or false") }
    return value
  }

  /// The error for a value that is not `expected`.
  func wrongType(_ expected: String) -> RecipeError {
    let found: String
    switch node {
    case .scalar(let scalar): found = "'\(scalar.string)'"
    case .sequence: found = "a list"
    case .mapping: found = "a mapping"
    case .alias: found = "an alias"
    }
    return .wrongType(path: path, key: key, line: line, expected: expected, found: found)
  }
}
