import Autograd
import Foundation
import NeuralNet
import WorkbenchFiles

/// Lesson `preference-tuning`: a simulated rater compares pairs of replies sampled from the
/// fine-tuned Northwind support model; a Bradley–Terry reward model learns the rater's taste;
/// DPO moves the model towards it, and the drift from the reference (KL) is what it costs.
///
/// The frozen reference and the starting policy is the fine-tuned model of `pretrain-finetune`
/// (`output/pretrain-finetune/finetuned.safetensors` when fresh, else trained in the run).
public struct PreferenceTuningLesson: Lesson {
  /// The lesson (all settings come from the run's context).
  public init() {}

  public let id = "preference-tuning"

  /// DPO β when `--beta` is not given.
  public static let defaultBeta = LessonParameter.beta.defaultValue!
  /// The second DPO run uses β × this factor: a smaller β, to show that it lets the policy drift
  /// further from the reference.
  public static let comparisonFactor = 0.1
  /// The most DPO steps `--steps` may ask for.
  public static let maximumSteps = 1000
  /// Sampling temperature: 1, so the samples come from the model's own distribution and the
  /// KL estimate is unbiased.
  static let temperature = 1.0

  /// Where the reference checkpoint is read from: `<outputRoot>/pretrain-finetune/finetuned.safetensors`.
  public static func referenceCheckpoint(in outputRoot: URL) -> URL {
    PreferenceReference.checkpoint(in: outputRoot)
  }

  /// Obtains the reference, builds the preference data, fits the reward model, runs DPO with β
  /// and β × ``comparisonFactor``, and reports what each model does and how far it drifted.
  /// - Throws: `LessonError.invalidParameter` for a bad `--beta` or `--steps`; `LessonError.badInput`
  ///   for an unreadable reference checkpoint.
  public func run(_ context: LessonContext) throws -> RunResult {
    let beta = try Self.validatedBeta(context.parameters[.beta])
    var sizes = context.quick ? PreferenceTuningSizes.quick : PreferenceTuningSizes.full
    if let steps = try context.parameters.validatedSteps(maximum: Self.maximumSteps, what: "DPO steps") { sizes.dpoSteps = steps }
    let start = DispatchTime.now().uptimeNanoseconds
    let reference = try PreferenceReference.obtain(
      outputRoot: context.outputRoot, seed: context.seed, quick: context.quick, progress: context.progress)
    let referenceSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    context.progress.finish(phase: "reference", summary: reference.summary)
    let experiment = try PreferenceExperiment(reference: reference, sizes: sizes, context: context)
    var outcome = try experiment.run(betas: [beta, beta * Self.comparisonFactor])
    outcome.timings.insert(Timing(phase: "reference: \(reference.summary)", seconds: referenceSeconds), at: 0)
    return try PreferenceTuningReport(lesson: self, context: context, sizes: experiment.sizes, outcome: outcome).result()
  }

  /// β from `--beta`, or the default; refuses zero, negative and non-finite values.
  static func validatedBeta(_ given: Double?) throws -> Double {
    let beta = given ?? defaultBeta
    guard beta.isFinite, beta > 0 else {
      throw LessonError.invalidParameter(.beta, reason: "must be a positive finite number (it sets how strongly DPO holds the model near the reference), got \(beta)")
    }
    return beta
  }
}
