import Training

extension ProgressReporter {
  /// An observer that reports every step of a training loop as step `k` of `total` of `phase`, with its loss.
  public func observer(phase: String, total: Int) -> any TrainingObserver {
    EventHandler { event in
      if case .step(let report) = event { self.report(phase: phase, step: report.step, total: total, loss: report.loss) }
    }
  }
}
