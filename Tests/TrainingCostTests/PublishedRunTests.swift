import Testing
@testable import TrainingCost

@Suite struct PublishedRunTests {
  @Test func presetsHoldThePublishedFigures() throws {
    let ids = PublishedRun.all.map(\.id)
    #expect(ids == ["gpt-3", "chinchilla", "llama-2-70b", "llama-3.1-405b", "deepseek-v3"])
    let gpt3 = try #require(PublishedRun.named("GPT-3"))
    #expect(gpt3.totalParameters == 175e9 && gpt3.tokens == 300e9 && gpt3.publishedFLOPs == 3.14e23)
    let chinchilla = try #require(PublishedRun.named("chinchilla"))
    #expect(chinchilla.tokens == 1.4e12 && chinchilla.publishedFLOPs == 5.76e23)
    let llama2 = try #require(PublishedRun.named("llama-2-70b"))
    #expect(llama2.publishedGPUHours == 1_720_320 && llama2.acceleratorID == "a100-80gb")
    let llama3 = try #require(PublishedRun.named("llama-3.1-405b"))
    #expect(llama3.tokens == 15.6e12 && llama3.publishedGPUHours == 30.84e6 && llama3.publishedFLOPs == 3.8e25)
    let deepseek = try #require(PublishedRun.named("deepseek-v3"))
    #expect(deepseek.totalParameters == 671e9 && deepseek.activeParameters == 37e9 && deepseek.isMixtureOfExperts)
    #expect(deepseek.publishedGPUHours == 2.788e6 && deepseek.acceleratorID == "h800")
    for run in PublishedRun.all {
      #expect(!run.source.isEmpty && !run.mfuSource.isEmpty)
      #expect(run.publishedFLOPs != nil || run.publishedGPUHours != nil)
      _ = try AcceleratorCatalogue.builtIn.accelerator(named: run.acceleratorID)
    }
  }

  @Test func impliedMFU() throws {
    let llama2 = try #require(PublishedRun.named("llama-2-70b"))
    // 6 × 70e9 × 2e12 / (1,720,320 h × 3600 × 312e12) = 0.43472.
    #expect(abs(try #require(llama2.impliedMFU(peakFLOPS: 312e12)) - 0.434_723_335) < 1e-8)
    #expect(try #require(PublishedRun.named("gpt-3")).impliedMFU(peakFLOPS: 125e12) == nil)
  }

  @Test func realityCheckRows() throws {
    let rows = try RealityCheck.rows()
    #expect(rows.map { "\($0.run.id) \($0.metric.rawValue)" } == [
      "gpt-3 training FLOPs", "chinchilla training FLOPs", "llama-2-70b GPU-hours",
      "llama-3.1-405b training FLOPs", "llama-3.1-405b GPU-hours", "deepseek-v3 GPU-hours",
    ])
    #expect(rows.allSatisfy { $0.isWithinFactorOfTwo })
    // GPT-3: 3.15e23 / 3.14e23.
    #expect(abs(rows[0].ratio - 3.15 / 3.14) < 1e-12)
    // Llama 2: 8.4e23 / (312e12 × 0.4) / 3600 = 1,869,658.12 GPU-hours.
    #expect(abs(rows[2].estimate - 1_869_658.119_658) < 1e-3)
    #expect(rows[2].utilization == 0.4)
    // DeepSeek-V3: 6 × 37e9 × 14.8e12 = 3.2856e24 → 2,307,044 GPU-hours at 40% of 989 TFLOP/s.
    #expect(abs(rows[5].estimate - 2_307_044.152) < 1e-2)
    #expect(abs(rows[5].ratio - 0.827_490_7) < 1e-6)
    #expect(rows[5].basis.contains("mixture of experts"))
  }

  @Test func realityCheckFollowsTheCatalogueAndDefaultMFU() throws {
    let cheaper = try AcceleratorCatalogue.builtIn.merging(hardwareJSON: #"[{"id": "a100-80gb", "peak_tflops": 624}]"#, fileName: "f")
    let rows = try RealityCheck.rows(runs: [try #require(PublishedRun.named("llama-2-70b"))], catalogue: cheaper, defaultMFU: 0.5)
    #expect(abs(rows[0].estimate - 8.4e23 / (624e12 * 0.5) / 3600) < 1e-3)
  }
}
