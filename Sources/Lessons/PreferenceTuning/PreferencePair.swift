/// One labelled comparison: a prompt and two sampled replies, the one the rater preferred
/// (`chosen`, y_w) and the other (`rejected`, y_l), all as token ids.
struct PreferencePair: Sendable, Equatable {
  /// Index of the prompt in the list the pair was sampled for.
  var promptIndex: Int
  /// Prompt ids (length = the prompt length).
  var prompt: [Int]
  /// Ids of the preferred reply.
  var chosen: [Int]
  /// Ids of the other reply.
  var rejected: [Int]

  /// prompt + chosen reply, the sequence the models score.
  var chosenSequence: [Int] { prompt + chosen }
  /// prompt + rejected reply.
  var rejectedSequence: [Int] { prompt + rejected }

  /// The pairs the rater has a preference on: for prompt i, replies `first[i]` and `second[i]`,
  /// kept when exactly one of them has the rater's trait (as decided by `prefersFirst`).
  static func labelled(
    prompts: [[Int]], first: [[Int]], second: [[Int]], prefersFirst: (Int) -> Bool?
  ) -> [PreferencePair] {
    prompts.indices.compactMap { i in
      guard let firstWins = prefersFirst(i) else { return nil }
      return PreferencePair(
        promptIndex: i, prompt: prompts[i], chosen: firstWins ? first[i] : second[i], rejected: firstWins ? second[i] : first[i])
    }
  }
}
