/// A lesson-specific setting that can be given on the command line, declared once in
/// ``all``: its flag, type, accepted range, default, help and the lessons that take it. The command
/// line's help and checks, the runner's refusals, the reproduce command a lesson prints and the
/// lessons' own reading of it all derive from that entry; adding an option is one entry here plus
/// the lesson that reads it.
public struct LessonParameter: Sendable, Hashable, CustomStringConvertible {
  /// Whether values are whole numbers or real numbers.
  public enum Kind: Sendable { case integer, real }

  /// The values an option accepts anywhere (a lesson may set a tighter limit of its own).
  public enum Range: Sendable {
    /// A positive finite number.
    case positive
    /// A whole number of at least 1.
    case atLeastOne
    /// A share above 0 and at most 1.
    case share

    /// Why `value` is outside the range (completing "--flag …"), or nil when it is inside.
    func problem(with value: Double, shown: String) -> String? {
      switch self {
      case .positive: return value.isFinite && value > 0 ? nil : "must be a positive finite number, got \(shown)"
      case .atLeastOne: return value >= 1 ? nil : "must be at least 1, got \(shown)"
      case .share: return value.isFinite && value > 0 && value <= 1 ? nil : "must be a share above 0 and at most 1, got \(shown)"
      }
    }
  }

  /// The flag without its dashes (`lr` for `--lr`).
  public let name: String
  public let kind: Kind
  public let range: Range
  /// What the lessons use when the option is not given; nil when each lesson has its own (which
  /// may depend on `--quick`).
  public let defaultValue: Double?
  /// One line for `--help`.
  public let help: String
  /// The ids of the lessons that take it.
  public let lessons: [String]

  /// The flag as typed (`--lr`).
  public var flag: String { "--\(name)" }
  public var description: String { flag }

  /// `help`, the lessons that take the option and its default: the text `workbench run --help` shows.
  public var helpText: String {
    let shown = defaultValue.map { kind == .integer ? "\(Int($0))" : "\($0)" } ?? "the lesson's own"
    return "\(help) (\(lessons.joined(separator: ", ")); default: \(shown))."
  }

  /// `value` as the command line writes it (whole numbers without a fraction).
  func text(_ value: Double) -> String { kind == .integer && value.isFinite ? "\(Int(value))" : "\(value)" }

  public static func == (a: LessonParameter, b: LessonParameter) -> Bool { a.name == b.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension LessonParameter {
  public static let learningRate = LessonParameter(
    name: "lr", kind: .real, range: .positive, defaultValue: nil,
    help: "Learning rate", lessons: ["training-loop", "backprop", "scaling"])
  public static let steps = LessonParameter(
    name: "steps", kind: .integer, range: .atLeastOne, defaultValue: nil,
    help: "Training steps; DPO steps in preference-tuning", lessons: ["training-loop", "backprop", "preference-tuning"])
  public static let pretrainSteps = LessonParameter(
    name: "pretrain-steps", kind: .integer, range: .atLeastOne, defaultValue: nil,
    help: "Pre-training steps", lessons: ["pretrain-finetune"])
  public static let finetuneSteps = LessonParameter(
    name: "finetune-steps", kind: .integer, range: .atLeastOne, defaultValue: nil,
    help: "Fine-tuning steps", lessons: ["pretrain-finetune"])
  public static let loraRank = LessonParameter(
    name: "lora-rank", kind: .integer, range: .atLeastOne, defaultValue: nil,
    help: "LoRA rank, at most the model width", lessons: ["pretrain-finetune"])
  public static let beta = LessonParameter(
    name: "beta", kind: .real, range: .positive, defaultValue: 1.0,
    help: "DPO β", lessons: ["preference-tuning"])
  public static let facts = LessonParameter(
    name: "facts", kind: .integer, range: .atLeastOne, defaultValue: 120,
    help: "Facts in the fact base, at most 2000", lessons: ["rag-vs-finetune"])
  public static let topK = LessonParameter(
    name: "top-k", kind: .integer, range: .atLeastOne, defaultValue: 2,
    help: "Documents retrieved per question, at most the facts", lessons: ["rag-vs-finetune"])
  public static let changedFraction = LessonParameter(
    name: "changed-fraction", kind: .real, range: .share, defaultValue: 0.2,
    help: "Share of the facts that change, in (0, 1]", lessons: ["rag-vs-finetune"])

  /// Every option, in the order `--help` and reproduce commands list them.
  public static let all: [LessonParameter] = [
    .learningRate, .steps, .pretrainSteps, .finetuneSteps, .loraRank, .beta, .facts, .topK, .changedFraction,
  ]

  /// The option named `name` (without dashes), or nil.
  public static func named(_ name: String) -> LessonParameter? { all.first { $0.name == name } }
}
