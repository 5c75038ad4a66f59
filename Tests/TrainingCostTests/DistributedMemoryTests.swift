import Testing
@testable import TrainingCost

/// Per-GPU memory against the published examples it must reproduce.
@Suite struct DistributedMemoryTests {
  /// Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
  /// Figure 1 and §5: Ψ = 7.5B, N_d = 64, K = 12 → 120 GB (baseline), 31.4 GB (P_os), 16.6 GB (P_os+g),
  /// 1.9 GB (P_os+g+p) of model states per GPU. Acceptance: within 2%.
  @Test(arguments: [(ZeROStage.none, 120.0), (.optimizer, 31.4), (.gradients, 16.6), (.weights, 1.9)])
  func zeroPaperExample(stage: ZeROStage, publishedGB: Double) {
    let model = TransformerArchitecture.estimated(parameters: 7.5e9, sequenceLength: 1024)
    let memory = DistributedMemory(architecture: model, layout: ParallelLayout(data: 64, zero: stage))
    #expect(memory.parametersPerGPU == 7.5e9)
    let states = memory.weightsBytes + memory.gradientsBytes + memory.optimizerBytes
    #expect(abs(states / 1e9 / publishedGB - 1) < 0.02)
    // The exact values: (2 + 2 + 12)Ψ, 4Ψ + 12Ψ/64, 2Ψ + 14Ψ/64, 16Ψ/64.
    let exact: [ZeROStage: Double] = [.none: 16 * 7.5e9, .optimizer: 4 * 7.5e9 + 12 * 7.5e9 / 64,
                                      .gradients: 2 * 7.5e9 + 14 * 7.5e9 / 64, .weights: 16 * 7.5e9 / 64]
    #expect(abs(states - exact[stage]!) < 1)
  }

  /// Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models", Table 2,
  /// for GPT-3 175B (s = 2048, h = 12288, a = 96; b = 1): s·b·h = 25,165,824 and 5·a·s/h = 80, so
  /// - t = 1: 114·sbh; selective 34·sbh; full 2·sbh
  /// - t = 8: 10 + 24/8 + 80/8 = 23·sbh; with sequence parallelism 34/8 + 10 = 14.25·sbh;
  ///   selective 13·sbh; selective + sequence parallel 4.25·sbh (the paper's "5×" reduction: 23 / 4.25 = 5.4).
  @Test(arguments: [
    (1, false, Recomputation.none, 2_868_903_936.0), (1, false, .selective, 855_638_016),
    (1, false, .full, 50_331_648),
    (8, false, .none, 578_813_952), (8, true, .none, 358_612_992), (8, false, .selective, 327_155_712),
    (8, true, .selective, 106_954_752), (8, true, .full, 50_331_648),
  ])
  func korthikantiActivationsForGPT3(tensor: Int, sequenceParallel: Bool, recompute: Recomputation, bytes: Double) {
    let value = DistributedMemory.activationBytesPerLayer(
      sequence: 2048, microBatch: 1, hidden: 12288, heads: 96, tensor: tensor, sequenceParallel: sequenceParallel,
      recompute: recompute)
    #expect(value == bytes)
  }

  /// Full recomputation for GPT-3 175B (s = 2048, h = 12288, a = 96, L = 96, p = 1, b = 1), by hand with
  /// sbh = 25,165,824: the stored inputs are 2·sbh per layer, 2·sbh/t when split (sequence parallelism, or
  /// `--distribute-saved-activations`), × 96 layers; one layer's working set (Table 2 without recomputation)
  /// is added once: 114·sbh at t = 1, 23·sbh at t = 8, 14.25·sbh at t = 8 with sequence parallelism.
  /// - t = 1: 96 × 50,331,648 + 2,868,903,936 = 7,700,742,144
  /// - t = 8, inputs whole: 96 × 50,331,648 + 578,813,952 = 5,410,652,160
  /// - t = 8, distributed: 96 × 6,291,456 + 578,813,952 = 1,182,793,728
  /// - t = 8, sequence parallel: 96 × 6,291,456 + 358,612,992 = 962,592,768 (0.60 GB + 0.36 GB)
  @Test(arguments: [
    (1, false, false, 7_700_742_144.0), (8, false, false, 5_410_652_160), (8, false, true, 1_182_793_728),
    (8, true, false, 962_592_768),
  ])
  func fullRecomputationForGPT3(tensor: Int, sequenceParallel: Bool, distribute: Bool, bytes: Double) throws {
    let gpt3 = try #require(TransformerArchitecture.preset(named: "gpt-3"))
    let layout = ParallelLayout(
      tensor: tensor, zero: .optimizer, recompute: .full, sequenceParallel: sequenceParallel, distributeSavedActivations: distribute)
    try layout.validate(for: gpt3)
    let memory = DistributedMemory(architecture: gpt3, layout: layout)
    #expect(memory.activationsBytes == bytes)
    // With a pipeline of 8 and 8 micro-batches in flight, the stored inputs of 12 layers × 8 micro-batches, the working set once.
    var piped = layout
    piped.pipeline = 8
    let stored = bytes - DistributedMemory(architecture: gpt3, layout: layout).recomputedLayerBytes
    #expect(DistributedMemory(architecture: gpt3, layout: piped, microBatchesPerStep: 64).activationsBytes
      == stored / 96 * 12 * 8 + (bytes - stored))
  }

  /// The pipeline's first stage keeps min(p, m) micro-batches of L/p layers: L layers' worth when m ≥ p.
  @Test func pipelineHoldsOneModelOfActivationsInFlight() throws {
    let gpt3 = try #require(TransformerArchitecture.preset(named: "gpt-3"))
    let layout = ParallelLayout(tensor: 8, pipeline: 12, data: 16, recompute: .selective, sequenceParallel: true)
    let memory = DistributedMemory(architecture: gpt3, layout: layout, microBatchesPerStep: 96)
    #expect(memory.microBatchesInFlight == 12)
    #expect(memory.activationsBytes == 106_954_752 * 8 * 12)
    let few = DistributedMemory(architecture: gpt3, layout: layout, microBatchesPerStep: 3)
    #expect(few.activationsBytes == 106_954_752 * 8 * 3)
    // GPT-3 by eq. 2: 12·96·12288² + 13·96·12288 + (51200 + 2048)·12288
    // = 173,946,175,488 + 15,335,424 + 654,311,424 = 174,615,822,336 parameters.
    #expect(gpt3.parameters == 174_615_822_336)
  }

  @Test func layoutValidation() throws {
    let gpt3 = try #require(TransformerArchitecture.preset(named: "gpt-3"))
    #expect(throws: LayoutError.tensorParallelDoesNotDivideHeads(tensor: 5, heads: 96)) {
      try ParallelLayout(tensor: 5).validate(for: gpt3)
    }
    #expect(throws: LayoutError.pipelineDoesNotDivideLayers(pipeline: 7, layers: 96)) {
      try ParallelLayout(pipeline: 7).validate(for: gpt3)
    }
    #expect(throws: LayoutError.notPositive(option: "--tp", value: 0)) { try ParallelLayout(tensor: 0).validate(for: gpt3) }
    #expect(throws: LayoutError.unknownZeROStage("4")) { try ZeROStage.parse("4") }
    #expect(throws: LayoutError.unknownRecomputation("some")) { try Recomputation.parse("some") }
    #expect(throws: LayoutError.virtualStagesDoNotDivideStage(virtualStages: 5, layersPerStage: 12)) {
      try ParallelLayout(pipeline: 8, virtualStages: 5).validate(for: gpt3)
    }
    #expect(throws: LayoutError.interleavingNeedsStages(pipeline: 2)) { try ParallelLayout(pipeline: 2, virtualStages: 2).validate(for: gpt3) }
    #expect(throws: LayoutError.overlapWithoutPipeline) { try ParallelLayout(overlapPipelineTransfers: true).validate(for: gpt3) }
    #expect(throws: LayoutError.distributedActivationsNeedFullRecomputation) {
      try ParallelLayout(tensor: 8, recompute: .full, sequenceParallel: true, distributeSavedActivations: true).validate(for: gpt3)
    }
    try ParallelLayout(pipeline: 2, virtualStages: 2, overlapPipelineTransfers: true).validate(for: gpt3)
  }
}
