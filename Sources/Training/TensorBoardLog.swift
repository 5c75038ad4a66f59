import Foundation
import WorkbenchFiles

/// Follows a training loop into a TensorBoard event file in `folder` (see `TensorBoardEventFile`):
/// after every step the training batch's loss (`loss/training`, nats per token), the learning
/// rate (`optimizer/learning_rate`), the gradient norm before clipping (`optimizer/gradient_norm`,
/// when the step clips) and the tokens per second so far (`speed/tokens_per_second`); at every
/// evaluation each held-out loss as `loss/<name>`. Records are appended to the file whenever the
/// loop saves, stops or finishes, so the file holds the steps a resumed run continues after.
public final class TensorBoardLog: TrainingObserver {
  /// The event file: `events.out.tfevents.<time>.<host>` in the folder.
  public let url: URL
  /// Records not yet appended to the file.
  private var pending: [UInt8]
  private var created = false

  /// A log into a new event file in `folder` named for `time` and `host`.
  public init(folder: URL, time: Date = Date(), host: String = ProcessInfo.processInfo.hostName) {
    url = folder.appendingPathComponent(TensorBoardEventFile.fileName(time: time, host: host))
    pending = TensorBoardEventFile.versionRecord(wallTime: time.timeIntervalSince1970)
  }

  public func receive(_ event: TrainingEvent) throws {
    switch event {
    case .step(let report):
      var values: [(tag: String, value: Double)] = [
        ("loss/training", report.loss), ("optimizer/learning_rate", report.outcome.learningRate),
      ]
      if let norm = report.outcome.gradientNorm { values.append(("optimizer/gradient_norm", norm)) }
      values.append(("speed/tokens_per_second", report.tokensPerSecond))
      record(step: report.step, values: values)
    case let .evaluation(step, losses, _):
      record(step: step, values: losses.map { ("loss/\($0.name)", $0.value) })
    case .checkpointSaved, .stopped, .finished:
      try flush()
    case .sample:
      break
    }
  }

  /// Adds one record of `values` (tag, value; written as float32) at `step`, stamped with the time
  /// now; it reaches the file at the next `flush()`.
  public func record(step: Int, values: [(tag: String, value: Double)]) {
    pending += TensorBoardEventFile.scalarRecord(wallTime: Date().timeIntervalSince1970, step: step, values: values)
  }

  /// Appends the pending records to the file (creating it the first time) and flushes them to disk.
  /// - Throws: `FileWriteError` naming the file when it cannot be written.
  public func flush() throws {
    guard !pending.isEmpty else { return }
    do {
      if !created {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
          throw FileWriteError(path: url.path, reason: "the file cannot be created")
        }
        created = true
      }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: pending)
      try handle.synchronize()
      pending = []
    } catch let error as FileWriteError {
      throw error
    } catch {
      throw FileWriteError(path: url.path, reason: error.localizedDescription)
    }
  }
}
