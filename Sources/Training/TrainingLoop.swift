import Autograd
import Foundation

/// The one training loop: draws a batch from `batches`, takes a `TrainingStep` on the loss that
/// `loss(batch, shard)` gives, and reports every step to `observers`. Between steps, in this order:
/// the held-out evaluation when due (and after the last step), a sample when due, a stop when an
/// observer asks for one (after saving), a save when due. After the last step it saves once more
/// and reports `finished`.
///
/// Every language-model training in the project runs through it: `train`, `finetune`, the lessons'
/// runs, and `workbench bench`, which times its steps.
public final class TrainingLoop<Source: BatchSource, Scalar: TensorScalar> {
  /// The step every batch goes through.
  public let step: TrainingStep<Scalar>
  /// Where the batches come from (its state after the last step is where a resumed run continues).
  public private(set) var batches: Source
  /// The loss of shard `shard` of a batch (shard 0 of 1 without data parallelism).
  public let loss: (Source.Batch, _ shard: Int) throws -> Tensor<Scalar>
  /// Who is told of every event.
  public var observers: [any TrainingObserver]
  /// Held-out losses, (name, value) in a fixed order, when due and after the last step.
  public var evaluation: TrainingHook<[NamedLoss]>?
  /// A text sampled from the model, when due.
  public var sampling: TrainingHook<String>?
  /// Saves what is needed to continue: when due, when stopped and after the last step.
  public var checkpointing: TrainingHook<Void>?
  /// Steps taken so far (the next step's 0-based index).
  public private(set) var stepsTaken: Int
  /// Wall-clock seconds of the steps taken so far (evaluations, samples and saves not counted).
  public private(set) var stepSeconds: Double

  public init(
    step: TrainingStep<Scalar>, batches: Source, observers: [any TrainingObserver] = [], stepsTaken: Int = 0,
    stepSeconds: Double = 0, loss: @escaping (Source.Batch, _ shard: Int) throws -> Tensor<Scalar>
  ) {
    self.step = step
    self.batches = batches
    self.observers = observers
    self.stepsTaken = stepsTaken
    self.stepSeconds = stepSeconds
    self.loss = loss
  }

  /// How `run` ended.
  public enum Ending: Equatable, Sendable {
    /// The last step was taken.
    case finished
    /// An observer asked to stop; the state was saved.
    case stopped
  }

  /// Takes steps until `isDone(stepsTaken)` (asked before every step and after it) or until an
  /// observer asks to stop. `totalSteps` is only reported (nil under a time budget).
  @discardableResult
  public func run(totalSteps: Int?, until isDone: (_ steps: Int) -> Bool) throws -> Ending {
    while !isDone(stepsTaken) {
      let started = DispatchTime.now().uptimeNanoseconds
      let batch = try batches.next(step: stepsTaken)
      let outcome = try step.take(stepsTaken) { shard in try loss(batch, shard) }
      stepsTaken += 1
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      stepSeconds += seconds
      try send(.step(TrainingStepReport(
        step: stepsTaken, totalSteps: totalSteps, outcome: outcome, tokens: batches.tokenCount(of: batch), seconds: seconds,
        stepSeconds: stepSeconds)))
      // `isDone` is asked afresh at each point: under a time budget, an evaluation can use the last of it.
      if let evaluation, evaluation.isDue(stepsTaken) || isDone(stepsTaken) { try evaluate() }
      if let sampling, sampling.isDue(stepsTaken) { try send(.sample(step: stepsTaken, text: try sampling.perform(stepsTaken))) }
      if observers.contains(where: \.stopRequested) && !isDone(stepsTaken) {
        try save()
        try send(.stopped(step: stepsTaken))
        return .stopped
      }
      if let checkpointing, checkpointing.isDue(stepsTaken) && !isDone(stepsTaken) { try save() }
    }
    try save()
    try send(.finished(step: stepsTaken))
    return .finished
  }

  /// Measures the held-out losses now (before the first step, for instance) and reports them.
  public func evaluate() throws {
    guard let evaluation else { return }
    let started = DispatchTime.now().uptimeNanoseconds
    let losses = try evaluation.perform(stepsTaken)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    try send(.evaluation(step: stepsTaken, losses: losses, seconds: seconds))
  }

  /// Saves (when the loop checkpoints) and reports it.
  private func save() throws {
    guard let checkpointing else { return }
    try checkpointing.perform(stepsTaken)
    try send(.checkpointSaved(step: stepsTaken))
  }

  private func send(_ event: TrainingEvent) throws {
    for observer in observers { try observer.receive(event) }
  }
}
