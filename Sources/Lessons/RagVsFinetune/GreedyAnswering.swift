import Autograd
import NeuralNet

/// Greedy answers of a GPT to a list of prompts: prompts of equal length are decoded together with
/// the key/value cache of ``CachedSampler``, the most likely character is taken at each step for
/// ``QuestionPrompt/answerBudget`` characters, and the answer is cut at the first `.` or newline.
/// Forward FLOPs are counted (the inference cost of the questions).
struct GreedyAnswering {
  let model: GPT<Float>
  let tokenizer: CharacterTokenizer

  /// What the model answered, in prompt order, with the forward FLOPs spent.
  struct Answers: Sendable {
    var texts: [String]
    var forwardFLOPs: Int
  }

  /// Answers to `prompts` (each at most block size − answer budget characters).
  func answer(_ prompts: [String]) throws -> Answers {
    let encoded = try prompts.map { try tokenizer.encode($0) }
    var texts = [String](repeating: "", count: prompts.count)
    let sampler = CachedSampler(model: model)
    let vocabulary = model.config.vocabSize
    let counter = FLOPCounter()
    var byLength: [Int: [Int]] = [:]
    for (index, tokens) in encoded.enumerated() { byLength[tokens.count, default: []].append(index) }
    try counter.counting {
      try GradientMode.withoutRecording {
        for length in byLength.keys.sorted() {
          let group = byLength[length]!
          precondition(length + QuestionPrompt.answerBudget <= model.config.blockSize, "the prompt must leave room for the answer")
          var cache = [CachedSampler.LayerCache?](repeating: nil, count: model.blocks.count)
          var logits = try sampler.step(group.flatMap { encoded[$0] }, batch: group.count, start: 0, cache: &cache)
          var generated = [[Int]](repeating: [], count: group.count)
          for position in 0..<QuestionPrompt.answerBudget {
            var next: [Int] = []
            for row in 0..<group.count {
              let slice = logits[(row * vocabulary)..<((row + 1) * vocabulary)]
              let best = slice.indices.max { slice[$0] < slice[$1] || (slice[$0] == slice[$1] && $0 > $1) }! - row * vocabulary
              generated[row].append(best)
              next.append(best)
            }
            if position + 1 < QuestionPrompt.answerBudget {
              logits = try sampler.step(next, batch: group.count, start: length + position, cache: &cache)
            }
          }
          for (row, index) in group.enumerated() {
            texts[index] = QuestionPrompt.answer(in: try tokenizer.decode(generated[row]))
          }
        }
      }
    }
    return Answers(texts: texts, forwardFLOPs: counter.forward)
  }
}
