/// A training step time measured on a stated layout, to hold the step-time model against: the model,
/// the layout the paper states, the batch, the hardware and the published seconds per iteration.
public struct MeasuredStepTime: Sendable, Equatable {
  /// Short id: `175b-full`.
  public let id: String
  /// The model trained.
  public let architecture: TransformerArchitecture
  /// Tensor, pipeline and data-parallel sizes, micro-batch, recomputation, sequence parallelism and
  /// interleaving, as the paper states them.
  public let layout: ParallelLayout
  /// Sequences per step B.
  public let globalBatch: Int
  /// Catalogue id of the accelerator.
  public let acceleratorID: String
  /// Published seconds per iteration (for throughput tables: the seconds their FLOP count and
  /// teraFLOP/s per GPU imply, see `basis`).
  public let publishedSeconds: Double
  /// Paper and table.
  public let source: String
  /// How the published seconds were read, and what the paper leaves unstated.
  public let basis: String

  public init(
    id: String, architecture: TransformerArchitecture, layout: ParallelLayout, globalBatch: Int, acceleratorID: String,
    publishedSeconds: Double, source: String, basis: String
  ) {
    self.id = id
    self.architecture = architecture
    self.layout = layout
    self.globalBatch = globalBatch
    self.acceleratorID = acceleratorID
    self.publishedSeconds = publishedSeconds
    self.source = source
    self.basis = basis
  }
}

extension MeasuredStepTime {
  /// The GPT models of Korthikanti et al. 2022, Table 3 (s = 2048, V = 51,200 as in Narayanan et al. 2021).
  static func korthikantiModel(_ id: String, layers: Int, hidden: Int, heads: Int) -> TransformerArchitecture {
    TransformerArchitecture(
      id: id, layers: layers, hiddenSize: hidden, heads: heads, vocabulary: 51_200, sequenceLength: 2048,
      source: "Korthikanti et al. 2022, Table 3")
  }

  static let korthikantiSource = "Korthikanti et al. 2022 (arXiv 2205.05198), Table 5"

  /// Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models",
  /// Table 5: end-to-end iteration time on Selene's A100 80GB GPUs, full recomputation (no sequence
  /// parallelism) against sequence parallelism + selective recomputation, for the layouts of its
  /// Table 3 (t = 8; p = 1, 8, 35, 64; d = 1; micro-batch 4 for 22B, else 1; global batch 4, 64, 280,
  /// 512; interleaving 3 for 175B and 530B, none for 22B and 1T).
  public static let korthikantiTable5: [MeasuredStepTime] = {
    let models: [(TransformerArchitecture, pipeline: Int, microBatch: Int, batch: Int, virtual: Int, full: Double, present: Double)] = [
      (korthikantiModel("22b", layers: 48, hidden: 6144, heads: 64), 1, 4, 4, 1, 1.42, 1.10),
      (korthikantiModel("175b", layers: 96, hidden: 12288, heads: 96), 8, 1, 64, 3, 18.13, 13.75),
      (korthikantiModel("530b", layers: 105, hidden: 20480, heads: 128), 35, 1, 280, 3, 49.05, 37.83),
      (korthikantiModel("1t", layers: 128, hidden: 25600, heads: 160), 64, 1, 512, 1, 94.42, 71.49),
    ]
    return models.flatMap { model in
      [(Recomputation.full, false, model.full, "full recomputation"),
       (.selective, true, model.present, "sequence parallelism + selective recomputation")].map { recompute, sp, seconds, label in
        MeasuredStepTime(
          id: "\(model.0.id)-\(recompute == .full ? "full" : "seq-sel")", architecture: model.0,
          layout: ParallelLayout(
            tensor: 8, pipeline: model.pipeline, data: 1, microBatch: model.microBatch, recompute: recompute,
            sequenceParallel: sp, virtualStages: model.virtual),
          globalBatch: model.batch, acceleratorID: "a100-80gb", publishedSeconds: seconds, source: korthikantiSource,
          basis: "\(label); measured iteration time \(seconds) s")
      }
    }
  }()

  /// Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using
  /// Megatron-LM": rows that publish a layout and a throughput in teraFLOP/s per GPU on A100 80GB
  /// GPUs with full recomputation. Their step time is F / (GPUs × throughput) with F from the paper's
  /// eq. 3 (which ``LayoutEstimate/stepFLOPs(_:globalBatch:recompute:)`` matches to 0.1%). The tables do not
  /// give the micro-batch or the interleaving: b = 1 and the plain 1F1B schedule are assumed.
  public static let narayanan: [MeasuredStepTime] = {
    let rows: [(String, TransformerArchitecture, tensor: Int, pipeline: Int, gpus: Int, batch: Int, teraFLOPS: Double, table: String)] = [
      ("145.6b", TransformerArchitecture(id: "145.6b", layers: 80, hiddenSize: 12288, heads: 96, vocabulary: 51_200, sequenceLength: 2048,
                                          source: "Narayanan et al. 2021, Table 1"), 8, 8, 1536, 2304, 148, "Table 1"),
      ("1008b", TransformerArchitecture(id: "1008b", layers: 128, hiddenSize: 25600, heads: 160, vocabulary: 51_200, sequenceLength: 2048,
                                         source: "Narayanan et al. 2021, Table 1"), 8, 64, 3072, 3072, 163, "Table 1"),
    ]
    return rows.map { id, model, t, p, gpus, batch, teraFLOPS, table in
      let flops = LayoutEstimate.stepFLOPs(model, globalBatch: batch, recompute: .full)
      let seconds = flops / (Double(gpus) * teraFLOPS * 1e12)
      return MeasuredStepTime(
        id: "\(id)-\(gpus)", architecture: model,
        layout: ParallelLayout(tensor: t, pipeline: p, data: gpus / (t * p), microBatch: 1, recompute: .full),
        globalBatch: batch, acceleratorID: "a100-80gb", publishedSeconds: seconds,
        source: "Narayanan et al. 2021, \(table)",
        basis: "\(HumanNumber.compact(teraFLOPS)) teraFLOP/s per GPU published; step = F / (\(gpus) GPUs × throughput) = "
          + "\(HumanNumber.scientific(flops)) FLOP / \(HumanNumber.compact(Double(gpus) * teraFLOPS)) TFLOP/s; b = 1 and no interleaving assumed")
    }
  }()

  /// Every measured step time the workbench checks itself against.
  public static let all: [MeasuredStepTime] = korthikantiTable5 + narayanan
}
