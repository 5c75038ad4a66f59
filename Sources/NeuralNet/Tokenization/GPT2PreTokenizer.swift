/// GPT-2's pre-tokenizer: the split of a text into the pieces that byte-level BPE encodes one by one
/// (merges never cross a piece boundary).
///
/// It is GPT-2's regular expression, matched leftmost-first as a regex engine would,
///
///     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///
/// written out by hand over Unicode scalars: at each position the first alternative that matches
/// wins. `\s` is the Unicode White_Space property, `\p{L}` the letter categories (Lu, Ll, Lt, Lm,
/// Lo), `\p{N}` the number categories (Nd, Nl, No). A run of spaces before a word leaves its last
/// space to the word (`"a   b"` → `"a"`, `"  "`, `" b"`), and a contraction suffix is split off
/// (`"don't"` → `"don"`, `"'t"`).
public enum GPT2PreTokenizer {
  /// What the pattern's character classes see in one scalar.
  private enum Kind { case letter, number, space, other }

  private static func kind(of scalar: Unicode.Scalar) -> Kind {
    let properties = scalar.properties
    if properties.isWhitespace { return .space }
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
    case .decimalNumber, .letterNumber, .otherNumber: return .number
    default: return .other
    }
  }

  /// The pieces of `text`, in order; their concatenation is `text`.
  public static func pieces(of text: String) -> [String] {
    ranges(of: Array(text.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
  }

  /// The pieces of `scalars` as slices, in order (they tile the input).
  public static func ranges(of scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
    let kinds = scalars.map(kind(of:))
    let count = scalars.count
    var result: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    /// The end of the run of `wanted` starting at `from`.
    func run(of wanted: Kind, from: Int) -> Int {
      var end = from
      while end < count, kinds[end] == wanted { end += 1 }
      return end
    }
    while start < count {
      let end = matchEnd(at: start, scalars: scalars, kinds: kinds, run: run)
      result.append(scalars[start..<end])
      start = end
    }
    return result
  }

  /// The end of the piece that starts at `start` (always > `start`).
  private static func matchEnd(
    at start: Int, scalars: [Unicode.Scalar], kinds: [Kind], run: (Kind, Int) -> Int
  ) -> Int {
    let count = scalars.count
    // 's|'t|'re|'ve|'m|'ll|'d
    if scalars[start] == "'", start + 1 < count {
      let next = scalars[start + 1]
      if next == "s" || next == "t" || next == "m" || next == "d" { return start + 2 }
      if start + 2 < count {
        let pair = (next, scalars[start + 2])
        if pair == ("r", "e") || pair == ("v", "e") || pair == ("l", "l") { return start + 3 }
      }
    }
    // ' ?\p{L}+', ' ?\p{N}+', ' ?[^\s\p{L}\p{N}]+': an optional ASCII space, then a run of one class.
    let body = scalars[start] == " " && start + 1 < count && kinds[start + 1] != .space ? start + 1 : start
    switch kinds[body] {
    case .letter: return run(.letter, body)
    case .number: return run(.number, body)
    case .other: return run(.other, body)
    case .space: break
    }
    // '\s+(?!\S)': the whitespace run, minus its last character when a non-space follows it
    // (that one is left to the next piece); '\s+' when that would leave nothing.
    let end = run(.space, start)
    if end == count || end - start == 1 { return end }
    return end - 1
  }
}
