import Foundation

/// Reads a generated site the way a link checker and an accessibility linter would.
struct SiteInspector {
  let root: URL

  /// Every file in the site, as root-relative paths.
  func files() -> [String] {
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    var paths: [String] = []
    let prefix = root.standardizedFileURL.path + "/"
    while let url = enumerator?.nextObject() as? URL {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        paths.append(String(url.standardizedFileURL.path.dropFirst(prefix.count)))
      }
    }
    return paths.sorted()
  }

  func pages() -> [String] { files().filter { $0.hasSuffix(".html") } }

  func text(_ page: String) -> String {
    (try? String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)) ?? ""
  }

  /// Every `href` and `src` value in a page, with `&amp;` etc. decoded.
  func links(in page: String) -> [String] {
    matches(#"(?:href|src)="([^"]*)""#, in: text(page)).map(decode)
  }

  /// Every `id` in a page.
  func ids(in page: String) -> Set<String> {
    Set(matches(#"\sid="([^"]*)""#, in: text(page)).map(decode))
  }

  /// Links that do not resolve to a file in the site, or to an `id` in the target page: `page: link`.
  func brokenLinks() -> [String] {
    let existing = Set(files())
    var broken: [String] = []
    for page in pages() {
      for link in links(in: page) {
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let path = parts[0]
        let fragment = parts.count > 1 ? parts[1] : nil
        if path.contains(":") || path.hasPrefix("/") { broken.append("\(page): \(link) (not a relative link)"); continue }
        var target = page
        if !path.isEmpty {
          var components = page.split(separator: "/").dropLast().map(String.init)
          for component in path.split(separator: "/").map(String.init) {
            if component == ".." {
              if components.isEmpty { broken.append("\(page): \(link) (leaves the site)"); target = ""; break }
              components.removeLast()
            } else if component != "." {
              components.append(component)
            }
          }
          if target.isEmpty { continue }
          target = components.joined(separator: "/")
        }
        guard existing.contains(target) else { broken.append("\(page): \(link) (no file \(target))"); continue }
        if let fragment, !fragment.isEmpty, !ids(in: target).contains(fragment) {
          broken.append("\(page): \(link) (no id '\(fragment)' in \(target))")
        }
      }
    }
    return broken
  }

  /// The opening tags of an element in a page, for example every `<img ...>`.
  func tags(_ name: String, in page: String) -> [String] {
    matches("(<\(name)(?:\\s[^>]*)?>)", in: text(page))
  }

  /// Heading levels in document order.
  func headingLevels(in page: String) -> [Int] {
    matches("<h([1-6])[\\s>]", in: text(page)).compactMap(Int.init)
  }

  /// The text of the `<title>` element.
  func title(of page: String) -> String? {
    matches("<title>([^<]*)</title>", in: text(page)).first
  }

  private func matches(_ pattern: String, in text: String) -> [String] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { match in
      Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
  }

  private func decode(_ value: String) -> String {
    value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
