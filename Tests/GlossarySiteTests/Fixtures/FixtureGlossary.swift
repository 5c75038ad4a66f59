import Foundation
@testable import GlossarySite

/// Small glossary entries for tests, written as the files a person would write.
enum FixtureGlossary {
  /// The lesson ids the fixtures may name (CONTRACTS.md).
  static let lessonIDs = ["training-loop", "backprop", "parameters", "pretrain-finetune", "scaling", "preference-tuning"]

  /// The four required sections with short bodies.
  static let sections: [(String, String)] = [
    ("In depth", "A paragraph with **bold**, `code` and a [link to LoRA](lora.md).\n\n- first point\n- second point\n\n### A sub-heading\n\nMore text."),
    ("Why it matters for a business", "It changes what a project costs."),
    ("Example", "```\nworkbench run backprop\n```\n\n| size | cost |\n|---|---|\n| 7B | 10 |"),
    ("Common questions", "**Is it hard?** No."),
  ]

  /// The text of an entry file. With `aliases` (the default has one), lines are:
  /// 1 `---`, 2 term, 3 aliases, 4 summary, 5 category, 6 related, 7 lessons, 8 `---`,
  /// 9 blank, 10 `## In depth`.
  static func entry(
    term: String, aliases: [String]? = ["alias of it"], summary: String = "One sentence that defines it.",
    category: String = "Training stages", related: [String] = [], lessons: [String] = [],
    sections: [(String, String)] = sections
  ) -> String {
    var lines = ["---", "term: \(term)"]
    if let aliases { lines.append("aliases: [\(aliases.joined(separator: ", "))]") }
    lines += [
      "summary: \(summary)", "category: \(category)",
      "related: [\(related.joined(separator: ", "))]", "lessons: [\(lessons.joined(separator: ", "))]", "---", "",
    ]
    for (title, body) in sections { lines += ["## \(title)", "", body, ""] }
    return lines.joined(separator: "\n")
  }

  /// Five valid entries with symmetric related links, by file name.
  static let valid: [(name: String, text: String)] = [
    ("backpropagation.md", entry(term: "Backpropagation", aliases: ["backprop"], category: "Mechanics", related: ["gradient"], lessons: ["backprop"])),
    ("fine-tuning.md", entry(term: "Fine-tuning", aliases: ["finetuning", "fine tune"], related: ["pre-training", "lora"], lessons: ["pretrain-finetune"])),
    ("gradient.md", entry(term: "Gradient", aliases: [], summary: "The direction of steepest increase of the loss.", category: "Mechanics", related: ["backpropagation"], lessons: ["backprop"])),
    ("lora.md", entry(term: "LoRA", aliases: ["low-rank adaptation"], summary: "Fine-tuning a small low-rank correction to frozen weights.", related: ["fine-tuning"], lessons: ["pretrain-finetune"])),
    ("pre-training.md", entry(term: "Pre-training", aliases: ["pretraining"], related: ["fine-tuning"], lessons: ["pretrain-finetune"])),
  ]

  /// Loads files given as (name, text) in memory, named `glossary/<name>` in messages.
  static func load(_ files: [(name: String, text: String)]) -> Glossary {
    GlossaryLoader.load(files: files.map { ($0.name, Data($0.text.utf8)) }, folderPath: "glossary", knownLessonIDs: lessonIDs)
  }

  /// The valid set with one file replaced or added.
  static func valid(replacing name: String, with text: String) -> [(name: String, text: String)] {
    valid.filter { $0.name != name } + [(name, text)]
  }

  /// Writes files into `folder/glossary/`.
  static func write(_ files: [(name: String, text: String)], into folder: TemporaryFolder) throws {
    for file in files { try folder.write(file.text, to: "glossary/\(file.name)") }
  }
}
