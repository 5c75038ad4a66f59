/// Checks between entries: slugs well-formed and unique, names (slugs, terms, aliases) unique,
/// every `related` slug and `lessons` id known, and `related` links symmetric.
enum GlossaryValidation {
  /// Every problem between `entries`, given the lesson ids that exist.
  /// `unreadableSlugs` are files that exist but could not be read as entries: links to them are
  /// not reported again (their own file's issue says what to fix).
  static func crossCheck(_ entries: [GlossaryEntry], unreadableSlugs: Set<String> = [], knownLessonIDs: [String]) -> [GlossaryIssue] {
    var issues: [GlossaryIssue] = []
    checkSlugs(entries, &issues)
    checkNames(entries, &issues)
    checkRelated(entries, unreadableSlugs: unreadableSlugs, &issues)
    checkLessons(entries, knownLessonIDs: knownLessonIDs, &issues)
    return issues
  }

  /// A slug is lowercase letters and digits in words joined by single hyphens.
  static func isValidSlug(_ slug: String) -> Bool {
    let words = slug.split(separator: "-", omittingEmptySubsequences: false)
    return !slug.isEmpty && words.allSatisfy { word in
      !word.isEmpty && word.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
  }

  /// The slug a name would have: `Fine Tuning` → `fine-tuning`.
  static func slug(for name: String) -> String {
    NameKey(name).value
      .filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
      .split(separator: " ").joined(separator: "-")
  }

  private static func checkSlugs(_ entries: [GlossaryEntry], _ issues: inout [GlossaryIssue]) {
    var owners: [NameKey: GlossaryEntry] = [:]
    for entry in entries {
      if !isValidSlug(entry.slug) {
        let better = slug(for: entry.slug)
        issues.append(GlossaryIssue(
          file: entry.file, line: 1, message: "file name '\(entry.slug).md' is not a lowercase kebab-case slug",
          hint: better.isEmpty ? "use lowercase letters, digits and hyphens" : "rename it to '\(better).md'"))
      }
      let key = NameKey(entry.slug)
      if let owner = owners[key] {
        issues.append(GlossaryIssue(
          file: entry.file, line: 1, message: "duplicate slug '\(entry.slug)' (also \(owner.file))",
          hint: "merge the two entries or rename one file"))
      } else {
        owners[key] = entry
      }
    }
  }

  /// Slugs, terms and aliases share one case-insensitive namespace: `glossary show` must find one entry per name.
  private static func checkNames(_ entries: [GlossaryEntry], _ issues: inout [GlossaryIssue]) {
    struct Owner { let entry: GlossaryEntry; let kind: String; let line: Int }
    var owners: [NameKey: Owner] = [:]
    func claim(_ name: String, kind: String, line: Int, by entry: GlossaryEntry, hint: String) {
      let key = NameKey(name)
      guard !key.value.isEmpty else { return }
      if let owner = owners[key] {
        guard owner.entry.file != entry.file, owner.kind != "slug" || kind != "slug" else { return }
        // Name the owner by its term when the term is the clashing name (slugs are claimed first).
        let termMatches = NameKey(owner.entry.term) == key
        let ownerKind = termMatches ? "term" : owner.kind
        let ownerLine = termMatches ? owner.entry.lines.line(of: "term") : owner.line
        issues.append(GlossaryIssue(
          file: entry.file, line: line,
          message: "\(kind) '\(name)' is already the \(ownerKind) of \(owner.entry.file):\(ownerLine)", hint: hint))
      } else {
        owners[key] = Owner(entry: entry, kind: kind, line: line)
      }
    }
    for entry in entries { claim(entry.slug, kind: "slug", line: 1, by: entry, hint: "") }
    for entry in entries {
      claim(entry.term, kind: "term", line: entry.lines.line(of: "term"), by: entry,
            hint: "merge the two entries, or make the term more specific")
    }
    for entry in entries {
      for (alias, line) in zip(entry.aliases, entry.lines.aliases) {
        claim(alias, kind: "alias", line: line, by: entry,
              hint: "remove the alias here; link the entries with 'related' instead")
      }
    }
  }

  private static func checkRelated(_ entries: [GlossaryEntry], unreadableSlugs: Set<String>, _ issues: inout [GlossaryIssue]) {
    let bySlug = Dictionary(entries.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    var slugByName: [NameKey: String] = [:]
    for entry in entries {
      for name in [entry.term] + entry.aliases where slugByName[NameKey(name)] == nil {
        slugByName[NameKey(name)] = entry.slug
      }
    }
    for entry in entries {
      var seen: Set<String> = []
      for (slug, line) in zip(entry.related, entry.lines.related) {
        if slug == entry.slug {
          issues.append(GlossaryIssue(file: entry.file, line: line, message: "entry lists itself in related", hint: "remove '\(slug)'"))
          continue
        }
        if !seen.insert(slug).inserted {
          issues.append(GlossaryIssue(
            file: entry.file, line: line, message: "related slug '\(slug)' is listed twice", hint: "remove one", severity: .warning))
          continue
        }
        guard let other = bySlug[slug] else {
          if unreadableSlugs.contains(slug) { continue }
          let hint: String
          if let named = slugByName[NameKey(slug)], named != entry.slug {
            hint = "did you mean '\(named)'? '\(slug)' is another name for it, and related lists slugs"
          } else {
            hint = Suggestions.hint(for: slug, in: bySlug.keys) ?? "related lists slugs, the file names in the glossary folder without '.md'"
          }
          issues.append(GlossaryIssue(file: entry.file, line: line, message: "related slug '\(slug)' does not exist", hint: hint))
          continue
        }
        if !other.related.contains(entry.slug) {
          issues.append(GlossaryIssue(
            file: other.file, line: other.lines.line(of: "related"),
            message: "related does not list '\(entry.slug)', but \(entry.file):\(line) lists '\(other.slug)'",
            hint: "add '\(entry.slug)' here, or remove '\(other.slug)' from \(entry.file)", severity: .warning))
        }
      }
    }
  }

  private static func checkLessons(_ entries: [GlossaryEntry], knownLessonIDs: [String], _ issues: inout [GlossaryIssue]) {
    let known = Set(knownLessonIDs)
    for entry in entries {
      for (id, line) in zip(entry.lessons, entry.lines.lessons) where !known.contains(id) {
        let close = Suggestions.hint(for: id, in: knownLessonIDs).map { "\($0) " } ?? ""
        issues.append(GlossaryIssue(
          file: entry.file, line: line, message: "lesson id '\(id)' does not exist",
          hint: "\(close)lesson ids: \(knownLessonIDs.joined(separator: ", "))"))
      }
    }
  }
}
