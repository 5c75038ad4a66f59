import Autograd
import Dispatch
import NeuralNet

/// Data parallelism on one machine: identical copies ("replicas") of a model each compute the
/// gradient of their own shard of a batch, on their own thread, and the gradients are then summed
/// into the first copy, the *primary*, which the optimizer updates; ``synchronise()`` copies the
/// updated weights back to the others. This is what `torch.nn.parallel.DistributedDataParallel`
/// does across GPUs, here across the cores of one CPU.
///
/// As the gradient synchronisation of a `TrainingStep`, shard `i` of a batch is computed on
/// `replicas[i]`, and the copies are made equal again after every update.
///
/// The loss of a step must be the sum of the shards' losses (scale each shard's mean by its share of
/// the batch), so that the summed gradient is the gradient of the whole batch. Gradients are added
/// in replica order, so the result does not depend on which thread finishes first; it can differ in
/// the last bits from one pass over the whole batch, whose sums run in another order.
public final class DataParallelReplicas<Model: Module>: GradientSync {
  public typealias Scalar = Model.Scalar

  /// The copies; `replicas[0]` is the primary.
  public let replicas: [Model]

  /// One counter per replica, each collecting its replica's FLOPs across steps.
  public let counters: [FLOPCounter]

  /// The copy the optimizer updates and the caller keeps.
  public var primary: Model { replicas[0] }

  /// `count` replicas of `model` (which becomes the primary); `copy` must return a model with the
  /// same parameters (names, shapes, values, trainable flags) that shares no tensor with `model`.
  public init(_ model: Model, count: Int, copy: (Model) throws -> Model) rethrows {
    precondition(count >= 1, "data parallelism needs at least one replica")
    var replicas = [model]
    for _ in 1..<count { replicas.append(try copy(model)) }
    self.replicas = replicas
    counters = replicas.map { _ in FLOPCounter() }
  }

  /// Runs `shardLoss(replica, shard)` for every shard `0..<replicas.count` at once, one thread each,
  /// back-propagates each shard's loss, and adds every replica's gradients into the primary's (the
  /// others' gradients are then cleared). Returns each shard's loss value. Errors thrown by a shard
  /// are rethrown (the first in shard order).
  public func backward(_ shardLoss: (Model, Int) throws -> Tensor<Model.Scalar>) throws -> [Model.Scalar] {
    let count = replicas.count
    var results = [Result<Model.Scalar, any Error>](repeating: .failure(ShardNotRun()), count: count)
    let replicas = replicas, counters = counters
    results.withUnsafeMutableBufferPointer { slots in
      // Each shard writes only its own slot and touches only its own replica's tensors.
      Self.onThreads(count) { shard in
        slots[shard] = Result {
          try counters[shard].counting {
            backpropagate(try shardLoss(replicas[shard], shard))
          }
        }
      }
    }
    let losses = try results.map { try $0.get() }
    let primaryParameters = primary.trainableParameters
    for replica in replicas.dropFirst() {
      for (target, source) in zip(primaryParameters, replica.trainableParameters) {
        guard let addition = source.grad else { continue }
        if target.grad == nil {
          target.grad = addition
        } else {
          addition.withUnsafeBufferPointer { addition in
            target.grad!.withUnsafeMutableBufferPointer { Scalar.add(addition, into: $0) }
          }
        }
      }
      replica.zeroGrad()
    }
    return losses
  }

  /// How many shards a batch is split into: one per replica.
  public var shards: Int { replicas.count }

  /// ``backward(_:)-(Model,Int)`` for a loss that names only the shard (shard `i` must be computed
  /// on `replicas[i]`); returns the sum of the shards' losses, added in shard order.
  public func backward(_ shardLoss: (Int) throws -> Tensor<Scalar>) throws -> Scalar {
    try backward { _, shard in try shardLoss(shard) }.reduce(0, +)
  }

  /// Makes the replicas equal to the updated primary.
  public func afterUpdate() throws { try synchronise() }

  /// Copies the primary's parameter values into every other replica (after an optimizer step).
  public func synchronise() throws {
    let values = primary.parameters.map(\.scalars)
    for replica in replicas.dropFirst() {
      for (parameter, scalars) in zip(replica.parameters, values) { try parameter.assign(scalars) }
    }
  }

  /// FLOPs of every replica's forward passes so far.
  public var forwardFLOPs: Int { counters.reduce(0) { $0 + $1.forward } }
  /// FLOPs of every replica's backward passes so far.
  public var backwardFLOPs: Int { counters.reduce(0) { $0 + $1.backward } }
}

extension DataParallelReplicas {
  /// Runs `body(i)` for `i` in `0..<count`, each on its own thread.
  fileprivate static func onThreads(_ count: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
      let shared = UnsafeShared(body)
      DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
    }
  }
}

/// The placeholder result of a shard whose thread has not run (never seen after `backward`).
private struct ShardNotRun: Error {}

/// Values handed to the shard threads; each thread uses only its own replica and result slot.
private struct UnsafeShared<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
