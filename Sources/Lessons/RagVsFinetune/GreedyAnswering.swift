import Autograd
import NeuralNet

/// Greedy answers of a GPT to a list of prompts: prompts of equal length are decoded together with
/// the key/value cache of ``TokenSampler``, the most likely character is taken at each step for
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
    let sampler = TokenSampler(model: model, vocabularySize: tokenizer.vocabularySize, settings: .greedy)
    let counter = FLOPCounter()
    var byLength: [Int: [Int]] = [:]
    for (index, tokens) in encoded.enumerated() { byLength[tokens.count, default: []].append(index) }
    var unused = SplitMix64(seed: 0)  // greedy decoding draws nothing
    try counter.counting {
      for length in byLength.keys.sorted() {
        let group = byLength[length]!
        precondition(length + QuestionPrompt.answerBudget <= model.config.blockSize, "the prompt must leave room for the answer")
        let generated = try sampler.sample(after: group.map { encoded[$0] }, count: QuestionPrompt.answerBudget, using: &unused)
        for (row, index) in group.enumerated() {
          texts[index] = QuestionPrompt.answer(in: try tokenizer.decode(generated[row]))
        }
      }
    }
    return Answers(texts: texts, forwardFLOPs: counter.forward)
  }
}
