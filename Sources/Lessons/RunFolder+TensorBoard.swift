import Foundation
import Training
import WorkbenchFiles

extension RunFolder {
  /// Writes the series of `history.csv` into a TensorBoard event file in the folder
  /// (`events.out.tfevents.<time>.<host>`, see ``TensorBoardLog``): column `c` of series `s` is the
  /// scalar `s/c` at the series' steps, one record per step in increasing order holding every value
  /// logged at that step. TensorBoard's reader sees exactly the steps and values of `history.csv`
  /// (the values as float32).
  /// - Throws: `LessonError.cannotCreateOutput` when the file cannot be written.
  public func writeTensorBoard(_ history: [HistorySeries]) throws {
    var byStep: [Int: [(tag: String, value: Double)]] = [:]
    for series in history {
      for (index, step) in series.steps.enumerated() {
        for (column, values) in series.values { byStep[step, default: []].append(("\(series.name)/\(column)", values[index])) }
      }
    }
    let log = TensorBoardLog(folder: url)
    for step in byStep.keys.sorted() { log.record(step: step, values: byStep[step]!) }
    do { try log.flush() } catch let error as FileWriteError {
      throw LessonError.cannotCreateOutput(path: error.path, reason: error.reason)
    }
  }
}
