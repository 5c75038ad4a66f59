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

  /// The pairs the rater has a preference on: for prompt i, every two of its replies
  /// `replies[j][i]` and `replies[k][i]` (j < k) that `prefersFirst(i, j, k)` decides (true: reply
  /// j is chosen, false: reply k, nil: no preference, not kept). In order of prompt, then j, then k.
  ///
  /// Comparing every two of K replies is how InstructGPT used its labellers' rankings of K = 4 to 9
  /// responses (Ouyang et al. 2022).
  static func labelled(
    prompts: [[Int]], replies: [[[Int]]], prefersFirst: (_ prompt: Int, _ j: Int, _ k: Int) -> Bool?
  ) -> [PreferencePair] {
    var pairs: [PreferencePair] = []
    for i in prompts.indices {
      for j in replies.indices {
        for k in replies.indices where k > j {
          guard let firstWins = prefersFirst(i, j, k) else { continue }
          let (winner, loser) = firstWins ? (replies[j][i], replies[k][i]) : (replies[k][i], replies[j][i])
          pairs.append(PreferencePair(promptIndex: i, prompt: prompts[i], chosen: winner, rejected: loser))
        }
      }
    }
    return pairs
  }
}
