import ArgumentParser
import Foundation
import TrainingCost

/// A word on the command line that no command takes: an option (`--parms`) or a subcommand
/// (`workbench trian`), with the nearest valid one. Found by walking the command tree that the
/// argument parser describes (`_dumpHelp()`), so it knows every command's options as declared.
struct UnknownArgument: Error, Equatable {
  /// The word as typed.
  var word: String
  /// The command that was given it (`workbench cost plan`).
  var command: String
  /// True for an option, false for a subcommand.
  var isOption: Bool
  /// The nearest valid option or subcommand, if one is close.
  var suggestion: String?

  /// One sentence for the user.
  var message: String {
    let kind = isOption ? "option" : "subcommand"
    var text = "'\(command)' has no \(kind) '\(word)'"
    if let suggestion { text += "; did you mean '\(suggestion)'?" } else { text += "; see '\(command) --help'." }
    return text
  }

  /// The first unknown option or subcommand in `arguments` (without the program name), or nil when
  /// every option and subcommand is one that `root` declares.
  static func find(in arguments: [String], root: any ParsableCommand.Type) -> UnknownArgument? {
    guard let data = root._dumpHelp().data(using: .utf8),
      let tree = try? JSONDecoder().decode(ToolDescription.self, from: data)
    else { return nil }
    var node = tree.command
    var path = [node.commandName]
    var index = 0
    var positionalsSeen = false
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if word == "--" { return nil }
      if word.hasPrefix("-"), word.count > 1, Double(word) == nil {
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        let judged = name.hasPrefix("--") || name.count == 2  // `-abc` may be three short flags
        guard let option = node.option(named: name) else {
          guard judged else { continue }
          let candidates = node.optionNames.filter { $0.hasPrefix("--") }
          return UnknownArgument(
            word: name, command: path.joined(separator: " "), isOption: true,
            suggestion: nearest(name, in: candidates))
        }
        if option.kind == "option", !word.contains("=") { index += 1 }  // its value
        continue
      }
      if !positionalsSeen, let child = node.subcommands?.first(where: { $0.commandName == word || ($0.aliases ?? []).contains(word) }) {
        node = child
        path.append(child.commandName)
        continue
      }
      if !positionalsSeen, let subcommands = node.subcommands, !subcommands.isEmpty {
        if let name = node.defaultSubcommand, let child = subcommands.first(where: { $0.commandName == name }),
          child.hasPositionals
        {
          node = child
          path.append(child.commandName)
          positionalsSeen = true
          continue
        }
        if !node.hasPositionals {
          return UnknownArgument(
            word: word, command: path.joined(separator: " "), isOption: false,
            suggestion: nearest(word, in: subcommands.map(\.commandName)))
        }
      }
      positionalsSeen = true
    }
    return nil
  }

  /// The candidate closest to `word` within a small edit distance (a third of its length, at least 2).
  static func nearest(_ word: String, in candidates: [String]) -> String? {
    let allowed = max(2, word.count / 3)
    return candidates.map { (EditDistance.between(word, $0), $0) }
      .filter { $0.0 <= allowed }
      .min { ($0.0, $0.1) < ($1.0, $1.1) }?.1
  }
}

/// The part of the argument parser's command description (`--experimental-dump-help`) that
/// ``UnknownArgument`` reads.
private struct ToolDescription: Decodable {
  struct Command: Decodable {
    var commandName: String
    var aliases: [String]?
    var defaultSubcommand: String?
    var subcommands: [Command]?
    var arguments: [Argument]?

    /// Every spelling of every option and flag, with the ones every command has.
    var optionNames: [String] {
      (arguments ?? []).flatMap { $0.spellings } + ["--help", "-h", "--version"]
    }

    /// True when the command takes positional arguments.
    var hasPositionals: Bool { (arguments ?? []).contains { $0.kind == "positional" } }

    /// The option or flag spelt `name`; the built-in help and version flags count as flags.
    func option(named name: String) -> Argument? {
      if ["--help", "-h", "--version", "--experimental-dump-help"].contains(name) {
        return Argument(kind: "flag", names: nil)
      }
      return (arguments ?? []).first { $0.kind != "positional" && $0.spellings.contains(name) }
    }
  }

  struct Argument: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }

    /// "positional", "option" (takes a value) or "flag".
    var kind: String
    var names: [Name]?

    /// `--long`, `-s` and `-longWithSingleDash` spellings.
    var spellings: [String] {
      (names ?? []).map { $0.kind == "long" ? "--" + $0.name : "-" + $0.name }
    }
  }

  var command: Command
}
