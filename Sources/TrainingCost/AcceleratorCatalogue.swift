/// The accelerators the estimator knows, looked up by id; users add or override rows with a
/// hardware JSON file (see ``merging(hardwareJSON:fileName:)``).
public struct AcceleratorCatalogue: Sendable, Equatable {
  /// Rows in display order.
  public private(set) var accelerators: [Accelerator]

  /// A catalogue holding `accelerators`; ids are compared case-insensitively and must be unique.
  public init(_ accelerators: [Accelerator]) {
    self.accelerators = []
    for accelerator in accelerators { upsert(accelerator) }
  }

  /// The id used when none is given: NVIDIA H100 SXM.
  public static let defaultAcceleratorID = "h100-sxm"

  /// The built-in catalogue. Peak figures are dense BF16/FP16 tensor throughput: NVIDIA's
  /// headline numbers for Ampere and later assume 2:4 structured sparsity and are twice these.
  /// Prices are indicative on-demand list prices (2024–2025) and vary 2–3× between providers;
  /// override them with `--price` or a hardware file.
  public static let builtIn = AcceleratorCatalogue([
    // NVIDIA Tesla V100 SXM2 datasheet: 125 TFLOPS tensor (Volta has no sparsity), 32 GB HBM2, 300 W.
    // Price: AWS p3.2xlarge on-demand, us-east-1, $3.06/h for one V100.
    Accelerator(
      id: "v100", name: "NVIDIA V100 SXM2 32GB", peakFLOPS: 125e12, memoryGB: 32, powerWatts: 300,
      pricePerHour: 3.06, source: "NVIDIA V100 datasheet; AWS p3 price",
      intraNodeBandwidth: 150e9, interNodeBandwidth: 6.25e9,
      linkSource: "V100 SXM2 datasheet: NVLink 300 GB/s (150 GB/s each way); DGX-1: 4 × 100 Gb/s EDR InfiniBand per 8 GPUs"),
    // NVIDIA A100 Tensor Core GPU datasheet: BF16 312 TFLOPS dense (624 with sparsity), 40 GB, 400 W SXM.
    // Price: Lambda on-demand A100 40GB, $1.29/h.
    Accelerator(
      id: "a100-40gb", name: "NVIDIA A100 SXM4 40GB", peakFLOPS: 312e12, memoryGB: 40, powerWatts: 400,
      pricePerHour: 1.29, source: "NVIDIA A100 datasheet; Lambda price",
      intraNodeBandwidth: 300e9, interNodeBandwidth: 25e9,
      linkSource: "A100 datasheet: NVLink 600 GB/s (300 GB/s each way); DGX A100: 8 × 200 Gb/s HDR InfiniBand (25 GB/s per GPU)"),
    // NVIDIA A100 Tensor Core GPU datasheet: BF16 312 TFLOPS dense, 80 GB HBM2e, 400 W SXM.
    // Price: Lambda on-demand A100 80GB SXM, $1.79/h.
    Accelerator(
      id: "a100-80gb", name: "NVIDIA A100 SXM4 80GB", peakFLOPS: 312e12, memoryGB: 80, powerWatts: 400,
      pricePerHour: 1.79, source: "NVIDIA A100 datasheet; Lambda price",
      intraNodeBandwidth: 300e9, interNodeBandwidth: 25e9,
      linkSource: "A100 datasheet: NVLink 600 GB/s (300 GB/s each way); DGX A100: 8 × 200 Gb/s HDR InfiniBand (25 GB/s per GPU)"),
    // NVIDIA H100 Tensor Core GPU datasheet (SXM): BF16 1,979 TFLOPS *with sparsity* → 989 dense;
    // 80 GB HBM3; up to 700 W. Price: Lambda on-demand 8×H100 SXM, $2.99/GPU-hour.
    Accelerator(
      id: "h100-sxm", name: "NVIDIA H100 SXM5 80GB", peakFLOPS: 989e12, memoryGB: 80, powerWatts: 700,
      pricePerHour: 2.99, source: "NVIDIA H100 datasheet; Lambda price",
      intraNodeBandwidth: 450e9, interNodeBandwidth: 50e9,
      linkSource: "H100 SXM datasheet: NVLink 900 GB/s (450 GB/s each way); DGX H100: 8 × 400 Gb/s NDR InfiniBand (50 GB/s per GPU)"),
    // NVIDIA H100 Tensor Core GPU datasheet (PCIe): BF16 1,513 TFLOPS with sparsity → 756 dense;
    // 80 GB HBM2e; 350 W. Price: Lambda on-demand H100 PCIe, $2.49/h.
    Accelerator(
      id: "h100-pcie", name: "NVIDIA H100 PCIe 80GB", peakFLOPS: 756e12, memoryGB: 80, powerWatts: 350,
      pricePerHour: 2.49, source: "NVIDIA H100 datasheet; Lambda price"),
    // H800 SXM: the export variant of H100 SXM with the same tensor throughput (989 TFLOPS dense BF16)
    // and reduced NVLink bandwidth; 80 GB, 700 W. Price: the $2/GPU-hour rental price assumed in the
    // DeepSeek-V3 Technical Report (DeepSeek-AI 2024, Table 1).
    Accelerator(
      id: "h800", name: "NVIDIA H800 SXM5 80GB", peakFLOPS: 989e12, memoryGB: 80, powerWatts: 700,
      pricePerHour: 2.00, source: "NVIDIA H100 SXM datasheet (same compute); DeepSeek-V3 report price",
      intraNodeBandwidth: 200e9, interNodeBandwidth: 50e9,
      linkSource: "H800: NVLink 400 GB/s (200 GB/s each way); DeepSeek-V3 report §3.1: 8 × 400 Gb/s InfiniBand per node"),
    // NVIDIA H200 datasheet (SXM): BF16 1,979 TFLOPS with sparsity → 989 dense; 141 GB HBM3e; up to 700 W.
    // Price: indicative on-demand $3.50/h.
    Accelerator(
      id: "h200", name: "NVIDIA H200 SXM 141GB", peakFLOPS: 989e12, memoryGB: 141, powerWatts: 700,
      pricePerHour: 3.50, source: "NVIDIA H200 datasheet; indicative price",
      intraNodeBandwidth: 450e9, interNodeBandwidth: 50e9,
      linkSource: "H200 datasheet: NVLink 900 GB/s; HGX H200 with 8 × 400 Gb/s NDR InfiniBand"),
    // NVIDIA HGX B200 datasheet: FP16/BF16 tensor 36 PFLOPS with sparsity per 8 GPUs → 2.25 PFLOPS dense
    // per GPU; 180 GB HBM3e per GPU (1.4 TB per 8); 1,000 W. Price: indicative on-demand $5.00/h.
    Accelerator(
      id: "b200", name: "NVIDIA B200 180GB (HGX)", peakFLOPS: 2.25e15, memoryGB: 180, powerWatts: 1000,
      pricePerHour: 5.00, source: "NVIDIA HGX B200 datasheet; indicative price",
      intraNodeBandwidth: 900e9, interNodeBandwidth: 50e9,
      linkSource: "HGX B200 datasheet: NVLink 1.8 TB/s (900 GB/s each way); 8 × 400 Gb/s InfiniBand"),
    // AMD Instinct MI300X datasheet: peak FP16/BF16 1,307.4 TFLOPS dense (2,614.9 with sparsity);
    // 192 GB HBM3; 750 W. Price: indicative on-demand $2.50/h.
    Accelerator(
      id: "mi300x", name: "AMD Instinct MI300X 192GB", peakFLOPS: 1307.4e12, memoryGB: 192, powerWatts: 750,
      pricePerHour: 2.50, source: "AMD MI300X datasheet; indicative price",
      intraNodeBandwidth: 448e9, interNodeBandwidth: 50e9,
      linkSource: "MI300X datasheet: 7 Infinity Fabric links, 896 GB/s peer (448 each way); 8 × 400 Gb/s network"),
    // Google Cloud TPU v4 documentation: 275 TFLOPS BF16 per chip, 32 GiB HBM2 per chip. Power: Jouppi
    // et al. 2023 (ISCA, "TPU v4") report about 170 W mean and 192 W maximum per chip. Price: Google
    // Cloud on-demand $3.22 per chip-hour.
    Accelerator(
      id: "tpu-v4", name: "Google TPU v4", peakFLOPS: 275e12, memoryGB: 32, powerWatts: 192,
      pricePerHour: 3.22, source: "Google Cloud TPU v4 docs; Jouppi et al. 2023; GCP price"),
    // Google Cloud TPU v5e documentation: 197 TFLOPS BF16 per chip, 16 GB HBM2. Power is not published;
    // 200 W is an assumption. Price: Google Cloud on-demand $1.20 per chip-hour.
    Accelerator(
      id: "tpu-v5e", name: "Google TPU v5e", peakFLOPS: 197e12, memoryGB: 16, powerWatts: 200,
      pricePerHour: 1.20, source: "Google Cloud TPU v5e docs (power assumed); GCP price"),
    // NVIDIA L4 datasheet: FP16/BF16 tensor 242 TFLOPS with sparsity → 121 dense; 24 GB GDDR6; 72 W.
    // Price: indicative cloud on-demand $0.71/h (Google Cloud g2).
    Accelerator(
      id: "l4", name: "NVIDIA L4 24GB", peakFLOPS: 121e12, memoryGB: 24, powerWatts: 72,
      pricePerHour: 0.71, source: "NVIDIA L4 datasheet; GCP g2 price"),
    // NVIDIA A10G (AWS-only variant of A10): about 70 TFLOPS dense FP16/BF16 tensor (the A10 datasheet's
    // 125 TFLOPS does not apply), 24 GB GDDR6, 300 W. Price: AWS g5.xlarge on-demand $1.006/h.
    Accelerator(
      id: "a10g", name: "NVIDIA A10G 24GB", peakFLOPS: 70e12, memoryGB: 24, powerWatts: 300,
      pricePerHour: 1.01, source: "AWS G5 / A10G published specs; AWS g5 price"),
    // NVIDIA Ada Lovelace architecture whitepaper (RTX 4090): FP16 tensor with FP32 accumulate 165.2 TFLOPS
    // dense (330.3 with sparsity); 24 GB GDDR6X; 450 W. Price: indicative community-cloud $0.44/h.
    Accelerator(
      id: "rtx-4090", name: "NVIDIA GeForce RTX 4090 24GB", peakFLOPS: 165.2e12, memoryGB: 24,
      powerWatts: 450, pricePerHour: 0.44, source: "NVIDIA Ada whitepaper; indicative price"),
    // NVIDIA T4 datasheet: 65 TFLOPS FP16 mixed precision (Turing has no BF16 and no sparsity);
    // 16 GB GDDR6; 70 W. Price: Google Cloud on-demand T4, $0.35/h.
    Accelerator(
      id: "t4", name: "NVIDIA T4 16GB (FP16 only)", peakFLOPS: 65e12, memoryGB: 16, powerWatts: 70,
      pricePerHour: 0.35, source: "NVIDIA T4 datasheet; GCP price"),
  ])

  /// The accelerator whose id matches `name` (case-insensitive; `_` and spaces read as `-`).
  /// Throws ``CostError/unknownAccelerator(name:suggestions:)`` with the nearest ids otherwise.
  public func accelerator(named name: String) throws(CostError) -> Accelerator {
    let key = Self.normalised(name)
    if let match = accelerators.first(where: { Self.normalised($0.id) == key }) { return match }
    throw .unknownAccelerator(name: name, suggestions: suggestions(for: name))
  }

  /// Up to `limit` ids closest to `name`: ids that contain it first, then by edit distance, then by
  /// the length of the prefix they share with it.
  public func suggestions(for name: String, limit: Int = 3) -> [String] {
    let key = Self.normalised(name)
    let ranked = accelerators.enumerated().map { index, accelerator in
      let id = Self.normalised(accelerator.id)
      let related = id.hasPrefix(key) || (key.count >= 2 && id.contains(key)) || key.hasPrefix(id)
      let sharedPrefix = zip(id, key).prefix { $0 == $1 }.count
      return (
        related: related, distance: EditDistance.between(key, id), sharedPrefix: sharedPrefix, index: index,
        id: accelerator.id)
    }
    let close = ranked.filter { $0.related || $0.distance <= max(2, key.count / 2) }
    return close.sorted {
      ($0.related ? 0 : 1, $0.distance, -$0.sharedPrefix, $0.index)
        < ($1.related ? 0 : 1, $1.distance, -$1.sharedPrefix, $1.index)
    }.prefix(limit).map(\.id)
  }

  /// Replaces the row with the same id, or appends `accelerator` as a new row.
  public mutating func upsert(_ accelerator: Accelerator) {
    let key = Self.normalised(accelerator.id)
    if let index = accelerators.firstIndex(where: { Self.normalised($0.id) == key }) {
      accelerators[index] = accelerator
    } else {
      accelerators.append(accelerator)
    }
  }

  /// `name` lowercased, trimmed, with `_` and spaces turned into `-`.
  static func normalised(_ name: String) -> String {
    String(name.trimmingWhitespace().lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
  }
}
