/// Whoever follows a training loop: the terminal's progress line, a run's history, a film, a test.
/// Observers receive every event in order, on the loop's thread.
public protocol TrainingObserver: AnyObject {
  /// Handles one event.
  func receive(_ event: TrainingEvent) throws
  /// True when the loop should stop after the current step (Ctrl-C); asked after every step.
  var stopRequested: Bool { get }
}

extension TrainingObserver {
  public var stopRequested: Bool { false }
}

/// An observer made of a closure.
public final class EventHandler: TrainingObserver {
  private let handle: (TrainingEvent) throws -> Void

  public init(_ handle: @escaping (TrainingEvent) throws -> Void) { self.handle = handle }

  public func receive(_ event: TrainingEvent) throws { try handle(event) }
}
