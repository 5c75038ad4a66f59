import Foundation
import PythonOracle
import Testing
@testable import TrainingCost
import WorkbenchFiles

/// Every `--emit deepspeed` file of a set of layouts (ZeRO 0 to 3, a pipeline, micro-batches with
/// accumulation, full recomputation with and without split inputs) parsed by DeepSpeed's own
/// `deepspeed.runtime.config.DeepSpeedConfig`, which checks train_batch_size = micro-batch ×
/// accumulation × data-parallel size. With t·p > 1 a model-parallel unit supplies d, as
/// Megatron-DeepSpeed's `mpu` does; with pure data parallelism the world size is all the GPUs.
/// Needs Python with `deepspeed` (and `torch`); `.ci/run` provisions them. Never skipped.
@Suite struct DeepSpeedConfigTests {
  /// Parses each file with DeepSpeed, as one launch of `gpus` processes with data-parallel size `data`
  /// (from an mpu when `modelParallel`), and writes what DeepSpeed made of each as a JSON list
  /// (DeepSpeed prints its own warnings on standard output).
  static let script = """
    import json, os, sys
    os.environ.setdefault("DS_BUILD_OPS", "0")
    os.environ.setdefault("DS_ACCELERATOR", "cpu")
    import deepspeed
    import deepspeed.runtime.config as ds_config
    from deepspeed.runtime.config import DeepSpeedConfig
    from oracle_result import write_result
    class DataParallelUnit:  # what Megatron-DeepSpeed's mpu answers
        def __init__(self, d): self.d = d
        def get_data_parallel_world_size(self): return self.d
        def get_data_parallel_rank(self): return 0
        def get_model_parallel_world_size(self): return 1
    results = []
    for path, gpus, d, model_parallel in json.loads(sys.argv[1]):
        ds_config.dist.get_rank = lambda *a, **k: 0          # one process of a launch on `gpus` GPUs
        ds_config.dist.get_world_size = lambda *a, **k: gpus
        try:
            c = DeepSpeedConfig(path, mpu=DataParallelUnit(d) if model_parallel else None)
            results.append({"path": path, "ok": True, "train_batch_size": c.train_batch_size,
                            "micro": c.train_micro_batch_size_per_gpu, "accumulation": c.gradient_accumulation_steps,
                            "stage": int(c.zero_optimization_stage), "bf16": bool(c.bfloat16_config.enabled),
                            "checkpointing": c.activation_checkpointing_config.partition_activations
                                if "activation_checkpointing" in c._param_dict else None,
                            "version": deepspeed.__version__})
        except Exception as e:
            results.append({"path": path, "ok": False, "error": repr(e)})
    write_result(results)
    """

  struct Parsed: Decodable {
    let path: String
    let ok: Bool
    let train_batch_size: Int?
    let micro: Int?
    let accumulation: Int?
    let stage: Int?
    let bf16: Bool?
    let checkpointing: Bool?
    let error: String?
  }

  static let h100 = try! AcceleratorCatalogue.builtIn.accelerator(named: "h100-sxm")

  /// The layouts: (model, layout, global batch).
  static let cases: [(TransformerArchitecture, ParallelLayout, Int)] = {
    let small = TransformerArchitecture.estimated(parameters: 1.3e9, sequenceLength: 2048)
    let llama = TransformerArchitecture.preset(named: "llama-2-7b")!
    let gpt3 = TransformerArchitecture.preset(named: "gpt-3")!
    return [
      (small, ParallelLayout(data: 8, microBatch: 4, zero: .none), 32),
      (small, ParallelLayout(data: 8, microBatch: 2, zero: .optimizer), 64),  // 4 micro-batches accumulated
      (llama, ParallelLayout(data: 16, microBatch: 1, zero: .gradients, recompute: .selective), 256),
      (llama, ParallelLayout(data: 64, microBatch: 1, zero: .weights, recompute: .full), 512),
      (llama, ParallelLayout(tensor: 2, pipeline: 4, data: 8, zero: .optimizer, sequenceParallel: true), 512),
      (gpt3, ParallelLayout(tensor: 8, pipeline: 12, data: 16, zero: .optimizer, recompute: .full, sequenceParallel: true), 1536),
      (gpt3, ParallelLayout(tensor: 8, pipeline: 8, data: 2, microBatch: 2, recompute: .full, distributeSavedActivations: true), 256),
    ]
  }()

  @Test func deepSpeedAcceptsEveryEmittedFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deepspeed-configs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var jobs: [[Any]] = []
    var expected: [String: (LayoutEstimate, Bool?)] = [:]
    for (index, (model, layout, batch)) in Self.cases.enumerated() {
      try layout.validate(for: model)
      let estimate = LayoutEstimate(
        architecture: model, layout: layout, globalBatch: batch, accelerator: Self.h100, intraNodeBandwidth: 450e9,
        interNodeBandwidth: 50e9)
      let file = folder.appendingPathComponent("ds_config_\(index).json")
      try JSONWriter.document(LaunchConfiguration.deepSpeedConfig(estimate)).write(to: file, atomically: true, encoding: .utf8)
      jobs.append([file.path, layout.gpus, layout.data, layout.tensor * layout.pipeline > 1])
      expected[file.path] = (estimate, layout.recompute == .full ? layout.shardsSavedInputs : nil)
    }
    let argument = String(decoding: try JSONSerialization.data(withJSONObject: jobs), as: UTF8.self)
    // A failure names the script's exit status and the end of what it printed (pip install deepspeed torch when missing).
    let parsed = try JSONDecoder().decode([Parsed].self, from: PythonOracle.run(source: Self.script, arguments: [argument]))
    #expect(parsed.count == Self.cases.count)
    for result in parsed {
      let (estimate, partition) = try #require(expected[result.path])
      #expect(result.ok, "\(estimate.layout): \(result.error ?? "")")
      #expect(result.train_batch_size == estimate.globalBatch)
      #expect(result.micro == estimate.layout.microBatch)
      #expect(result.accumulation == estimate.microBatchesPerStep)
      #expect(result.stage == estimate.layout.zero.rawValue)
      #expect(result.bf16 == true)
      #expect(result.checkpointing == partition)
    }
  }
}
