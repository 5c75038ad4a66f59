import WorkbenchFiles

/// A cost calculator request (`POST /api/cost/<kind>` with `{"params": "7B", "tp": 8, …}`) turned
/// into the arguments of `workbench cost <kind> … --json`, so that the page shows exactly the
/// command's numbers. Only the listed fields are taken, and each value must be a number, a word
/// (letters, digits, `.`, `_`, `+`, `-`, not starting with `-`), or true/false for a switch.
public enum CostQuery {
  /// The estimator commands the calculator calls, with the options each takes.
  public static let fields: [String: [String]] = [
    "memory": [
      "preset", "params", "layers", "d-model", "heads", "vocab", "seq", "micro-batch", "tp", "pp", "dp", "zero", "recompute",
      "precision", "global-batch", "gpu",
    ],
    "train": [
      "params", "tokens", "gpus", "gpu", "mfu", "price", "pue", "layers", "d-model", "context", "micro-batch", "deadline-days",
      "bytes-per-param", "effective-time",
    ],
    "layout": [
      "preset", "params", "layers", "d-model", "heads", "vocab", "seq", "gpus", "gpu", "global-batch", "precision", "tp", "pp",
      "micro-batch", "zero", "recompute", "top",
    ],
  ]
  /// Options that are switches (given as true or false).
  public static let switches: Set<String> = ["sequence-parallel", "attention"]

  /// The arguments after `workbench cost` for `kind` and the JSON object `body`, ending in `--json`.
  public static func arguments(kind: String, body: JSONValue) throws(LabError) -> [String] {
    guard let accepted = fields[kind] else {
      throw .notFound("There is no cost calculator '\(kind)'; choose \(fields.keys.sorted().joined(separator: ", ")).")
    }
    guard case .object(let members) = body else {
      throw .badRequest("The request body must be a JSON object, got \(body.kindDescription).")
    }
    var arguments = [kind]
    for (name, value) in members {
      guard accepted.contains(name) || switches.contains(name) else {
        throw .badRequest("'\(name)' is not an option of `workbench cost \(kind)`; it takes \(accepted.joined(separator: ", ")).")
      }
      switch value {
      case .number(let text):
        arguments += ["--\(name)", text]
      case .string(let text) where text.isEmpty:
        continue
      case .string(let text):
        let allowed = text.utf8.allSatisfy { byte in
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
        guard allowed, text.count <= 40, !text.hasPrefix("-") else {
          throw .badRequest("'\(name)' must be a number or a word such as 7B or h100-sxm, got \(value.literalDescription).")
        }
        arguments += ["--\(name)", text]
      case .bool(let on) where switches.contains(name):
        if on { arguments.append("--\(name)") }
      default:
        throw .badRequest("'\(name)' must be a number or a word, got \(value.literalDescription).")
      }
    }
    return arguments + ["--json"]
  }
}
