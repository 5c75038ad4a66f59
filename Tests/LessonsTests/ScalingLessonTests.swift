import Foundation
import Plotting
import Testing
import TrainingCost

@testable import Lessons

/// The scaling lesson: quick-mode claims, the fitter on synthetic data with known exponents,
/// determinism, and the cost model's reality-check chart.
@Suite("ScalingLesson")
struct ScalingLessonTests {
  /// A fresh temporary output folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func quickRunHoldsItsClaimsAndIsReproducible() throws {
    let first = try Self.temporaryFolder(), second = try Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    let command = "workbench run scaling --seed 1 --quick"
    let result = try LessonRunner(outputRoot: first).run(ScalingLesson(), seed: 1, quick: true, command: command)
    for claim in result.claims {
      #expect(claim.passed, "\(claim.statement): \(claim.detail)")
    }
    #expect(result.claims.count == 5)
    #expect(result.value(of: "grid_runs") == Double(ScalingGrid.quick.models.count * ScalingGrid.quick.tokenBudgets.count))
    // The extrapolation is the cost library's arithmetic: 6 × 175e9 × 300e9 FLOPs at 40 % of 989 TFLOP/s.
    let flops = try #require(result.value(of: "gpt3_training_flops"))
    #expect(abs(flops - 3.15e23) / 3.15e23 < 1e-9)
    let hours = try #require(result.value(of: "gpt3_h100_hours"))
    #expect(abs(hours - 3.15e23 / (989e12 * 0.4) / 3600) / hours < 1e-9)

    let folder = first.appendingPathComponent("scaling")
    let sizes = ["loss-vs-compute.png": (1200, 800), "fit-quality.png": (1600, 700)]
    #expect(result.plots.map(\.file).sorted() == sizes.keys.sorted())
    for (file, size) in sizes {
      let image = try PNGFile.read(from: folder.appendingPathComponent(file))
      #expect(image.width == size.0 && image.height == size.1, "\(file)")
    }

    _ = try LessonRunner(outputRoot: second).run(ScalingLesson(), seed: 1, quick: true, command: command)
    for file in ["metrics.json", "history.csv"] + sizes.keys.sorted() {
      let a = try Data(contentsOf: folder.appendingPathComponent(file))
      let b = try Data(contentsOf: second.appendingPathComponent("scaling").appendingPathComponent(file))
      #expect(a == b, "\(file) differs between two runs with seed 1")
    }
  }

  /// Losses generated from a known L(N, D) (with ±0.3 % deterministic noise) give back its exponents.
  @Test(arguments: [(0.3, 0.4), (0.34, 0.28), (0.5, 0.25)])
  func fitRecoversKnownExponents(alpha: Double, beta: Double) throws {
    let truth = (e: 1.6, a: 400.0, b: 900.0)
    var observations: [ScalingObservation] = []
    var sign = 1.0
    for n in [3e3, 1e4, 3e4, 1e5, 3e5, 1e6] {
      for d in [1e4, 3e4, 1e5, 3e5, 1e6, 3e6] {
        let loss = truth.e + truth.a / pow(n, alpha) + truth.b / pow(d, beta)
        observations.append(ScalingObservation(parameters: n, tokens: d, loss: loss * (1 + 0.003 * sign)))
        sign = -sign
      }
    }
    let fit = try ScalingLawFitter(iterations: 3000, starts: 4).fit(observations)
    #expect(abs(fit.parameterExponent - alpha) < 0.05, "α = \(fit.parameterExponent), expected \(alpha)")
    #expect(abs(fit.dataExponent - beta) < 0.05, "β = \(fit.dataExponent), expected \(beta)")
    #expect(abs(fit.irreducibleLoss - truth.e) < 0.1, "E = \(fit.irreducibleLoss)")
    #expect(fit.rSquared > 0.99)
  }

  @Test func fitRefusesTooFewRuns() {
    let few = (1...4).map { ScalingObservation(parameters: Double($0) * 1000, tokens: 1e5, loss: 3) }
    #expect(throws: LessonError.self) { try ScalingLawFitter().fit(few) }
  }

  @Test func huberIsQuadraticThenLinear() {
    #expect(ScalingLawFitter.huber(0.0005, delta: 1e-3) == 0.5 * 0.0005 * 0.0005)
    #expect(abs(ScalingLawFitter.huber(-0.01, delta: 1e-3) - 1e-3 * (0.01 - 0.0005)) < 1e-15)
  }

  @Test func frontierBandsTakeTheBestRunPerBand() {
    func run(_ tokens: Int, _ loss: Double) -> ScalingRun {
      ScalingRun(
        model: ScalingModelSize(layers: 1, width: 16, heads: 1), tokens: tokens, steps: 1, nonEmbeddingParameters: 100,
        parameters: 100, validationLoss: loss, finalTrainingLoss: loss, countedForwardFLOPs: 0, countedBackwardFLOPs: 0,
        blockSize: 32)
    }
    // C = 600·D: bands of ×4 starting at 600·1000.
    let bands = ScalingLesson.frontierBands([run(1000, 3.0), run(2000, 2.9), run(4000, 2.8), run(5000, 2.7), run(20000, 2.5)], bandFactor: 4)
    #expect(bands.map(\.best) == [2.9, 2.7, 2.5])
    #expect(bands.map(\.lower) == [6e5, 2.4e6, 9.6e6])
  }

  @Test func realityCheckChartRenders() throws {
    let rows = try RealityCheck.rows()
    let image = try CostCharts.realityCheck(rows).render(
      width: CostCharts.realityCheckSize.width, height: CostCharts.realityCheckSize.height)
    #expect(image.width == 1600 && image.height == 800)
    // Both bar colours are drawn.
    var colours: Set<UInt32> = []
    for y in stride(from: 0, to: image.height, by: 2) {
      for x in stride(from: 0, to: image.width, by: 2) {
        let p = image.rgba(x: x, y: y)
        colours.insert(UInt32(p.red) << 16 | UInt32(p.green) << 8 | UInt32(p.blue))
      }
    }
    #expect(colours.contains(0x0072B2) && colours.contains(0xE69F00))
    let caption = CostCharts.realityCheckCaption(rows)
    #expect(caption.contains("\(rows.filter(\.isWithinFactorOfTwo).count) of \(rows.count) estimates"))
  }
}
