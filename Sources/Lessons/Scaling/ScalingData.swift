import Autograd
import NeuralNet

/// The token streams the scaling runs train and are scored on: the general corpus, character-level,
/// split into the first 90 % for training and the last 10 % for validation.
struct ScalingData: Sendable {
  /// The character vocabulary of the whole corpus.
  let tokenizer: CharacterTokenizer
  /// Token ids of the training split.
  let train: [Int]
  /// Token ids of the validation split.
  let validation: [Int]
  /// Start positions of the training sequences in the order every run reads them: non-overlapping
  /// windows of `blockSize + 1` tokens, shuffled once, so every run sees the same first D tokens.
  let trainOrder: [Int]
  /// Start positions of the validation sequences (evenly spaced, the same for every run).
  let validationStarts: [Int]
  /// Tokens per sequence.
  let blockSize: Int

  /// Builds the splits for `grid` from the general corpus of `seed`; the shuffle draws from `generator`.
  init(grid: ScalingGrid, seed: UInt64, using generator: inout SplitMix64) throws {
    let text = Corpora.general(seed: seed, byteCount: grid.corpusBytes)
    tokenizer = try CharacterTokenizer(text: text)
    let ids = try tokenizer.encode(text)
    let cut = ids.count * 9 / 10
    train = Array(ids[..<cut])
    validation = Array(ids[cut...])
    blockSize = grid.blockSize
    let window = grid.blockSize + 1
    var order = Array(stride(from: 0, through: train.count - window, by: grid.blockSize))
    order.shuffle(using: &generator)
    trainOrder = order
    let available = (validation.count - window) / grid.blockSize + 1
    let count = min(grid.validationSequences, available)
    let spacing = max(1, available / max(count, 1))
    validationStarts = (0..<count).map { $0 * spacing * grid.blockSize }
  }

  /// Sequences a run can read without repeating one.
  var trainSequenceCount: Int { trainOrder.count }

  /// Inputs and next-token targets (each `[batch, blockSize]` row-major) of the sequences starting at `starts` in `stream`.
  func batch(_ starts: [Int], from stream: [Int]) -> (inputs: [Int], targets: [Int]) {
    var inputs: [Int] = [], targets: [Int] = []
    inputs.reserveCapacity(starts.count * blockSize)
    targets.reserveCapacity(starts.count * blockSize)
    for start in starts {
      inputs += stream[start..<(start + blockSize)]
      targets += stream[(start + 1)...(start + blockSize)]
    }
    return (inputs, targets)
  }
}
