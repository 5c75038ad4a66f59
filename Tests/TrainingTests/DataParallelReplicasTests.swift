import Autograd
import NeuralNet
import Testing
import Training

/// Data parallelism must compute the gradient of the whole batch: shards on threads, summed in order.
@Suite struct DataParallelReplicasTests {
  static let config = GPTConfig(vocabSize: 13, blockSize: 8, layerCount: 2, headCount: 2, embeddingWidth: 16)

  /// A fresh model from seed 7 in `Double`, so that sums in another order agree to ~1e-12.
  static func model() throws -> GPT<Double> {
    var generator = SplitMix64(seed: 7)
    return try GPT<Double>(config: config, using: &generator)
  }

  static func copy(_ model: GPT<Double>) throws -> GPT<Double> { try model.copy() }

  /// Four rows of 8 tokens, drawn from seed 3.
  static let tokens: [Int] = {
    var generator = SplitMix64(seed: 3)
    return (0..<36).map { _ in Int(generator.next() % 13) }
  }()

  @Test(arguments: [2, 4])
  func shardedGradientEqualsTheWholeBatchGradient(replicas: Int) throws {
    let rows = 4, length = 8
    let inputs = Array(Self.tokens[0..<(rows * length)]), targets = Array(Self.tokens[1...(rows * length)])

    let whole = try Self.model()
    let wholeLoss = try whole.loss(tokens: inputs, targets: targets, batch: rows, length: length)
    wholeLoss.backward()

    let parallel = try DataParallelReplicas(try Self.model(), count: replicas, copy: Self.copy)
    let shardRows = rows / replicas
    let losses = try parallel.backward { replica, shard in
      let range = (shard * shardRows * length)..<((shard + 1) * shardRows * length)
      let mean = try replica.loss(
        tokens: Array(inputs[range]), targets: Array(targets[range]), batch: shardRows, length: length)
      return mean * (1 / Double(replicas))
    }
    #expect(losses.count == replicas)
    #expect(abs(losses.reduce(0, +) - wholeLoss.item) < 1e-12)
    for (expected, actual) in zip(whole.parameters, parallel.primary.parameters) {
      let g = try #require(expected.grad), h = try #require(actual.grad)
      let worst = zip(g, h).map { abs($0 - $1) }.max() ?? 0
      #expect(worst < 1e-12, "\(expected.shape): largest gradient difference \(worst)")
    }
    // The other replicas' gradients were moved into the primary.
    for replica in parallel.replicas.dropFirst() { #expect(replica.parameters.allSatisfy { $0.grad == nil }) }
    // FLOPs are counted on every shard's thread: together they are the whole batch's.
    let counter = FLOPCounter()
    _ = try counter.counting {
      let model = try Self.model()
      let loss = try model.loss(tokens: inputs, targets: targets, batch: rows, length: length)
      loss.backward()
      return loss
    }
    #expect(parallel.forwardFLOPs > counter.forward / 2)
    #expect(parallel.forwardFLOPs <= counter.forward + replicas)
  }

  @Test func synchroniseCopiesThePrimaryWeightsToEveryReplica() throws {
    let parallel = try DataParallelReplicas(try Self.model(), count: 3, copy: Self.copy)
    parallel.primary.parameters[0].withMutableScalars { $0[0] += 1 }
    #expect(parallel.replicas[1].parameters[0].scalars != parallel.primary.parameters[0].scalars)
    try parallel.synchronise()
    for replica in parallel.replicas {
      #expect(replica.parameters.map(\.scalars) == parallel.primary.parameters.map(\.scalars))
    }
  }

  @Test func aShardErrorIsRethrown() throws {
    let parallel = try DataParallelReplicas(try Self.model(), count: 2, copy: Self.copy)
    #expect(throws: TensorError.self) {
      _ = try parallel.backward { replica, shard in
        // Shard 1 asks for more positions than it has tokens.
        try replica.loss(tokens: [1, 2], targets: [2, 3], batch: 1, length: shard == 0 ? 2 : 5)
      }
    }
  }

  @Test("a training step synchronised by replicas takes the whole batch's step and leaves the replicas equal")
  func trainingStepWithReplicas() throws {
    let rows = 4, length = 8
    let batch = TokenBatch(
      inputs: Array(Self.tokens[0..<(rows * length)]), targets: Array(Self.tokens[1...(rows * length)]), rows: rows, length: length)
    let settings = AdamWSettings.languageModel(learningRate: 1e-2, weightDecay: 0.1)

    let whole = try Self.model()
    let wholeStep = TrainingStep(model: whole, adamW: settings, decayMatricesOnly: true, gradientClip: 0.5)
    let wholeOutcome = try wholeStep.take(0) { _ in try whole.loss(batch) }

    let parallel = try DataParallelReplicas(try Self.model(), count: 2, copy: Self.copy)
    let step = TrainingStep(model: parallel.primary, adamW: settings, decayMatricesOnly: true, gradientClip: 0.5, synchronisation: parallel)
    let outcome = try step.take(0) { shard in try parallel.replicas[shard].loss(batch.rows((2 * shard)..<(2 * shard + 2))) * 0.5 }

    #expect(abs(outcome.loss - wholeOutcome.loss) < 1e-12)
    #expect(abs(outcome.gradientNorm! - wholeOutcome.gradientNorm!) < 1e-9)
    for (expected, actual) in zip(whole.parameters, parallel.primary.parameters) {
      #expect(zip(expected.scalars, actual.scalars).allSatisfy { abs($0 - $1) < 1e-10 })
    }
    for replica in parallel.replicas {
      #expect(replica.parameters.map(\.scalars) == parallel.primary.parameters.map(\.scalars))
      #expect(replica.parameters.allSatisfy { $0.grad == nil })
    }
  }
}
