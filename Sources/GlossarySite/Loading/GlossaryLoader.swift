import Foundation

/// Loads every `*.md` file of a glossary folder into a ``Glossary``, checking each entry
/// and the links between entries, and collecting every problem rather than stopping at the first.
public enum GlossaryLoader {
  /// Loads and checks the glossary in `folder`.
  ///
  /// - Parameters:
  ///   - folder: the glossary folder (for example `glossary`); messages name files by this path
  ///     as given, so a relative URL gives `glossary/lora.md:5: ...`.
  ///   - knownLessonIDs: the lesson ids an entry's `lessons` may name.
  /// - Throws: ``GlossaryError`` only when the folder or a file cannot be read at all.
  public static func load(folder: URL, knownLessonIDs: [String]) throws(GlossaryError) -> Glossary {
    let names: [String]
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
      throw .folderNotFound(path: folder.relativePath)
    }
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
        .sorted()
    } catch {
      throw .folderUnreadable(path: folder.relativePath, reason: error.localizedDescription)
    }
    var files: [(name: String, data: Data)] = []
    for name in names {
      let url = folder.appendingPathComponent(name)
      do {
        files.append((name, try Data(contentsOf: url)))
      } catch {
        throw .fileUnreadable(path: url.relativePath, reason: error.localizedDescription)
      }
    }
    return load(files: files, folderPath: folder.relativePath, knownLessonIDs: knownLessonIDs)
  }

  /// Loads and checks entries given as file names and contents (for tests and tools that
  /// hold the files in memory). `folderPath` is the folder shown in messages.
  public static func load(files: [(name: String, data: Data)], folderPath: String, knownLessonIDs: [String]) -> Glossary {
    var entries: [GlossaryEntry] = []
    var issues: [GlossaryIssue] = []
    var unreadable: Set<String> = []
    for (name, data) in files {
      let file = folderPath.isEmpty ? name : (folderPath.hasSuffix("/") ? folderPath + name : folderPath + "/" + name)
      let slug = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
      if let entry = parseEntry(data: data, slug: slug, file: file, issues: &issues) {
        entries.append(entry)
      } else {
        unreadable.insert(slug)
      }
    }
    issues += GlossaryValidation.crossCheck(entries, unreadableSlugs: unreadable, knownLessonIDs: knownLessonIDs)
    return Glossary(entries: entries, issues: issues)
  }

  /// Reads one entry file; `nil` when it is too broken to use (the issues say why).
  static func parseEntry(data: Data, slug: String, file: String, issues: inout [GlossaryIssue]) -> GlossaryEntry? {
    let text: String
    switch EntryText.decode(data, file: file) {
    case .failure(let issue): issues.append(issue); return nil
    case .success(let decoded): text = decoded
    }
    let parts: EntryText
    switch EntryText.split(text, file: file) {
    case .failure(let issue): issues.append(issue); return nil
    case .success(let split): parts = split
    }
    guard let front = FrontMatter.read(parts, file: file, issues: &issues) else { return nil }
    let sections = BodySections.read(parts, file: file, issues: &issues)
    return GlossaryEntry(
      slug: slug, term: front.term, aliases: front.aliases, summary: front.summary, category: front.category,
      related: front.related, lessons: front.lessons, figures: front.figures, sections: sections, file: file, lines: front.lines)
  }
}
