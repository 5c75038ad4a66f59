import Foundation

/// The client-side search: `search-index.js` (the entries as JSON, assigned to a global so it
/// loads from `file://` without a server) and `search.js` (vanilla JavaScript; results are
/// built with `textContent`, never `innerHTML`).
enum SearchScript {
  /// One entry in the search index.
  struct Item: Encodable {
    let term: String
    let aliases: [String]
    let slug: String
    let summary: String
    let category: String
    let url: String
  }

  /// `search-index.js` for `entries`.
  static func index(_ entries: [GlossaryEntry]) throws -> String {
    let items = entries.map {
      Item(term: $0.term, aliases: $0.aliases, slug: $0.slug, summary: $0.summary, category: $0.category, url: SitePaths.entry($0.slug))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let json = String(decoding: try encoder.encode(items), as: UTF8.self)
    return "window.WORKBENCH_GLOSSARY = \(json);\n"
  }

  /// `search.js`: ranks entries by the same rule as `workbench glossary search`, minus the body
  /// (term 10, alias or slug 6, summary 3 per word, 5 more when the whole term matched; more words
  /// matched first).
  static let javascript = """
    (function () {
      "use strict";
      var entries = window.WORKBENCH_GLOSSARY || [];
      var form = document.getElementById("search-form");
      var input = document.getElementById("search");
      var results = document.getElementById("search-results");
      var status = document.getElementById("search-status");
      if (!form || !input || !results || !status) { return; }

      function words(text) {
        return text.toLowerCase().split(/[^\\p{L}\\p{N}]+/u).filter(function (w) { return w.length > 0; });
      }
      function matches(query, word) {
        if (query.length < 3 || word.length < 3) { return query === word; }
        return word.indexOf(query) === 0 || query.indexOf(word) === 0;
      }
      function any(list, query) {
        return list.some(function (word) { return matches(query, word); });
      }
      var prepared = entries.map(function (entry) {
        return {
          entry: entry,
          term: words(entry.term),
          aliases: words(entry.aliases.join(" ") + " " + entry.slug),
          summary: words(entry.summary)
        };
      });
      function rank(query) {
        var hits = [];
        prepared.forEach(function (item) {
          var matched = 0, score = 0;
          query.forEach(function (q) {
            var s = 0;
            if (any(item.term, q)) { s += 10; }
            if (any(item.aliases, q)) { s += 6; }
            if (any(item.summary, q)) { s += 3; }
            if (s > 0) { matched += 1; }
            score += s;
          });
          if (item.term.length > 0 && item.term.every(function (w) {
            return query.some(function (q) { return matches(q, w); });
          })) { score += 5; }
          if (matched > 0) { hits.push({ entry: item.entry, matched: matched, score: score }); }
        });
        hits.sort(function (a, b) {
          return (b.matched - a.matched) || (b.score - a.score) || a.entry.term.localeCompare(b.entry.term);
        });
        return hits;
      }
      function render() {
        var query = words(input.value);
        results.textContent = "";
        if (query.length === 0) { status.textContent = ""; return []; }
        var hits = rank(query);
        hits.slice(0, 25).forEach(function (hit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = hit.entry.url;
          link.textContent = hit.entry.term;
          var summary = document.createElement("span");
          summary.className = "summary";
          summary.textContent = hit.entry.summary;
          item.appendChild(link);
          item.appendChild(summary);
          results.appendChild(item);
        });
        status.textContent = hits.length === 0 ? "No entry matches."
          : hits.length === 1 ? "1 matching entry." : hits.length + " matching entries.";
        return hits;
      }
      input.addEventListener("input", render);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var hits = render();
        if (hits.length > 0) { window.location.href = hits[0].entry.url; }
      });
      var initial = new URLSearchParams(window.location.search).get("q");
      if (initial) { input.value = initial; }
      render();
    })();

    """
}
