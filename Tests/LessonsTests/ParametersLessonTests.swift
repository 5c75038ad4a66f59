import Foundation
import Testing

@testable import Lessons

/// The parameters lesson in quick mode: exact counts, memory arithmetic, the weight histograms,
/// the size sweep's under- and over-fitting, plots and determinism.
@Suite("Parameters")
struct ParametersLessonTests {
  static let runs = QuickLessonRuns.make(ParametersLesson())

  @Test("every claim holds")
  func claimsHold() throws {
    let result = try Self.runs.get().result
    #expect(result.claims.count == 8)
    for claim in result.claims { #expect(claim.passed, "\(claim.statement): \(claim.detail)") }
  }

  /// The exact counts of the released checkpoints (Hugging Face `gpt2*` and `meta-llama/Llama-2-7b-hf`).
  @Test("the published models' exact parameter counts appear in the result", arguments: [
    ("gpt2_small_parameters", "124,439,808", 124_439_808), ("gpt2_medium_parameters", "354,823,168", 354_823_168),
    ("gpt2_large_parameters", "774,030,080", 774_030_080), ("gpt2_xl_parameters", "1,557,611,200", 1_557_611_200),
    ("llama_2_7b_parameters", "6,738,415,616", 6_738_415_616),
  ])
  func exactCounts(metric: String, text: String, count: Int) throws {
    let result = try Self.runs.get().result
    #expect(result.value(of: metric) == Double(count))
    #expect(result.tables.contains { $0.rows.contains { $0.contains(text) } })
    #expect(result.notes.joined().contains(text))
  }

  @Test("the small models' tables list every tensor and add up")
  func smallModelTables() throws {
    let result = try Self.runs.get().result
    let mlp = try #require(result.tables.first { $0.title.contains("2-16-16-1") })
    #expect(mlp.rows.map { $0[0] } == [
      "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias", "total",
    ])
    #expect(mlp.rows.map { $0[2] } == ["32", "16", "256", "16", "16", "1", "337"])
    #expect(mlp.rows[0][1] == "[16, 2]")
    let gpt = try #require(result.tables.first { $0.title.contains("tiny GPT") })
    #expect(gpt.rows.count == 2 + 12 * 2 + 2 + 1)
    // Hand count: wte 96·64 + wpe 64·64 + 2 blocks × (4·64 LayerNorm + 64·192 + 192 + 64·64 + 64
    // + 64·256 + 256 + 256·64 + 64) + 2·64 final LayerNorm.
    let block = 4 * 64 + 64 * 192 + 192 + 64 * 64 + 64 + 64 * 256 + 256 + 256 * 64 + 64
    let total = 96 * 64 + 64 * 64 + 2 * block + 2 * 64
    #expect(result.value(of: "tiny_gpt_parameters") == Double(total))
    #expect(gpt.rows.last?[2] == LessonText.grouped(total))
  }

  @Test("memory is parameters × bytes, in units of 10⁹ bytes")
  func memoryTable() throws {
    let result = try Self.runs.get().result
    let table = try #require(result.tables.first { $0.title.hasPrefix("Memory in GB") })
    #expect(table.columns == ["model", "fp32 GB", "bf16 GB", "int8 GB", "int4 GB", "training (Adam, mixed precision) GB"])
    let llama = try #require(table.rows.first { $0[0] == "Llama 2 7B" })
    // 6,738,415,616 × 4, 2, 1, 0.5, 16 bytes.
    #expect(llama == ["Llama 2 7B", "26.95", "13.48", "6.74", "3.37", "107.81"])
    let small = try #require(table.rows.first { $0[0] == "GPT-2 small" })
    #expect(small == ["GPT-2 small", "0.50", "0.25", "0.12", "0.06", "1.99"])
  }

  @Test("the size sweep: training loss falls with size, validation loss turns back up")
  func sweep() throws {
    let result = try Self.runs.get().result
    let table = try #require(result.tables.first { $0.title.hasPrefix("Model size against final loss") })
    let settings = ParametersSettings.quick
    #expect(table.rows.map { $0[0] } == settings.sweepDegrees.map { "degree \($0)" })
    #expect(table.rows.map { $0[1] } == settings.sweepDegrees.map { String($0 + 1) })  // d + 1 coefficients
    let train = try table.rows.map { try #require(Double($0[2])) }
    let validation = try table.rows.map { try #require(Double($0[3])) }
    // Nested least-squares fits: a larger model can always copy a smaller one, so the training
    // loss never rises (up to the 4 significant digits printed).
    for (smaller, larger) in zip(train, train.dropFirst()) { #expect(larger <= smaller * 1.001) }
    #expect(try #require(train.last) < 0.25 * (try #require(train.first)))
    let best = try #require(validation.indices.min { validation[$0] < validation[$1] })
    #expect(best > 0 && best < validation.count - 1)
    #expect(try #require(validation.last) >= 1.2 * validation[best])
  }

  @Test("plots decode at their sizes; the same seed gives identical files")
  func plotsAndDeterminism() throws {
    try Self.runs.get().expectPlotsAndDeterminism(sizes: [
      "memory.png": (1600, 900), "weight-histograms.png": (1600, 1000), "size-sweep.png": (1400, 850),
      "size-sweep-fits.png": (1800, 700),
    ])
  }

  @Test("the lesson takes no settings")
  func refusesSettings() {
    #expect(throws: LessonError.parameterNotAccepted(.steps, lesson: "parameters", accepted: [])) {
      _ = try QuickLessonRuns.once(ParametersLesson(), seed: 1, parameters: LessonParameters([.steps: 5]))
    }
  }
}

/// The least-squares solver and the Legendre basis behind the size sweep, against exact answers.
@Suite("Parameters: polynomial fits")
struct PolynomialSizeSweepTests {
  @Test("Legendre polynomials match their closed forms")
  func legendre() {
    for t in [-1.0, -0.3, 0, 0.5, 1] {
      let p = PolynomialSizeSweep.legendre(t, degree: 4)
      let exact = [1, t, (3 * t * t - 1) / 2, (5 * t * t * t - 3 * t) / 2, (35 * t * t * t * t - 30 * t * t + 3) / 8]
      for (a, b) in zip(p, exact) { #expect(abs(a - b) < 1e-12) }
    }
  }

  @Test("least squares recovers an exact line and the mean of a constant fit")
  func leastSquares() {
    let xs = [0.0, 1, 2, 3, 4]
    let line = PolynomialSizeSweep.leastSquares(xs.map { [1, $0] }, xs.map { 2 - 0.5 * $0 })
    #expect(abs(line[0] - 2) < 1e-12 && abs(line[1] + 0.5) < 1e-12)
    let constant = PolynomialSizeSweep.leastSquares(xs.map { _ in [1] }, [1, 2, 3, 4, 10])
    #expect(abs(constant[0] - 4) < 1e-12)
    // Overdetermined: y = 1 + x with residuals ±1 that cancel → the fit is 1 + x.
    let fit = PolynomialSizeSweep.leastSquares([[1, 0], [1, 0], [1, 2], [1, 2]], [0, 2, 2, 4])
    #expect(abs(fit[0] - 1) < 1e-12 && abs(fit[1] - 1) < 1e-12)
  }
}
