/// What a `TrainingRun` tells whoever runs it (the `train` and `finetune` commands print it), and
/// how it is asked to stop.
public protocol TrainingObserver: AnyObject {
  /// Step `step` (1-based) of `totalSteps` (nil under a time budget) finished with batch loss `loss`
  /// (nats per token); the run's steps so far took `stepSeconds` (evaluations not counted);
  /// `tokensPerStep` tokens were trained on.
  func trainingStepFinished(step: Int, totalSteps: Int?, loss: Double, stepSeconds: Double, tokensPerStep: Int)
  /// The validation loss (and reference loss) measured after `step` steps.
  func trainingEvaluated(step: Int, validationLoss: Double, referenceLoss: Double?)
  /// A text sampled from the model after `step` steps.
  func trainingSampled(step: Int, text: String)
  /// True when the run should stop after the current step (Ctrl-C); checked after every step.
  var stopRequested: Bool { get }
}
