import Testing
@testable import TrainingCost

/// The step-time model against measured iteration times, with the default assumptions for every row.
@Suite struct StepTimeCheckTests {
  /// Korthikanti et al. 2022 (arXiv 2205.05198), Table 5: 22B 1.42/1.10 s, 175B 18.13/13.75 s, 530B 49.05/37.83 s,
  /// 1T 94.42/71.49 s (full recomputation / sequence parallelism + selective recomputation). Acceptance: each
  /// within 20%, median absolute error at most 10%.
  @Test func korthikantiTable5() throws {
    let rows = try StepTimeCheck.rows(MeasuredStepTime.korthikantiTable5)
    #expect(rows.map(\.measurement.publishedSeconds) == [1.42, 1.10, 18.13, 13.75, 49.05, 37.83, 94.42, 71.49])
    for row in rows { #expect(abs(row.error) < 0.20, "\(row.measurement.id): \(row.error)") }
    #expect(StepTimeCheck.medianAbsoluteError(rows) <= 0.10)
    // The layouts of the paper's Table 3: 8 GPUs for 22B, then 64, 280 and 512.
    #expect(rows.map(\.measurement.layout.gpus) == [8, 8, 64, 64, 280, 280, 512, 512])
  }

  /// Narayanan et al. 2021, Table 1: 145.6B on 1536 GPUs at 148 teraFLOP/s and 1008B on 3072 at 163, as step times.
  @Test func narayananTable1() throws {
    let rows = try StepTimeCheck.rows(MeasuredStepTime.narayanan)
    for row in rows { #expect(abs(row.error) < 0.20, "\(row.measurement.id): \(row.error)") }
    // Step = F / (GPUs × throughput): the throughput the estimate implies is the published one when the error is 0.
    let first = try #require(rows.first)
    #expect(abs(first.estimate.hardwareFLOPSPerGPU * first.estimatedSeconds / first.measurement.publishedSeconds / 148e12 - 1) < 0.002)
  }

  @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() throws {
    let rows = try StepTimeCheck.rows(Array(MeasuredStepTime.korthikantiTable5.prefix(4)))
    let sorted = rows.map { abs($0.error) }.sorted()
    #expect(StepTimeCheck.medianAbsoluteError(rows) == (sorted[1] + sorted[2]) / 2)
    #expect(StepTimeCheck.largestAbsoluteError(rows) == sorted[3])
  }
}
