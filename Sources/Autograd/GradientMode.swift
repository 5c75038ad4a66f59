/// Whether operations record the graph that `backward()` needs.
///
/// Recording is on by default. Evaluation, sampling and optimizer updates run inside
/// ``withoutRecording(_:)`` so that they build no graph and keep no activations.
public enum GradientMode {
  @TaskLocal static var isRecording = true

  /// True when new operations record their inputs for backpropagation.
  public static var isEnabled: Bool { isRecording }

  /// Runs `body` with graph recording switched off (like `torch.no_grad()`).
  public static func withoutRecording<R>(_ body: () throws -> R) rethrows -> R {
    try $isRecording.withValue(false, operation: body)
  }
}
