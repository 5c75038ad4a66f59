import Foundation

/// Accelerator memory needed to train: model states (weights, gradients, optimiser state) plus
/// a rough activation term, and the fewest accelerators that hold it when fully sharded.
public struct TrainingMemory: Sendable, Equatable {
  /// Mixed-precision Adam: BF16 weights (2) + BF16 gradients (2) + FP32 master weights,
  /// first and second moments (4 + 4 + 4) = 16 bytes per trained parameter
  /// (Rajbhandari et al. 2020, ZeRO, §3.1).
  public static let adamMixedPrecisionBytesPerParameter = 16.0
  /// Activation bytes per token per layer per unit of d_model with selective recomputation of
  /// attention (16-bit activations): 34 (Korthikanti et al. 2022, "Reducing Activation
  /// Recomputation in Large Transformer Models", eq. 2 without the 5·a·s/h attention term).
  public static let activationBytesPerTokenPerWidthPerLayer = 34.0

  /// Bytes of weights that are not trained (frozen base of LoRA/QLoRA); 0 for full training.
  public let frozenWeightBytes: Double
  /// Bytes of trained weights with their gradients and optimiser state.
  public let trainedStateBytes: Double
  /// Bytes of activations kept for the backward pass of one micro-batch.
  public let activationBytes: Double

  public init(frozenWeightBytes: Double, trainedStateBytes: Double, activationBytes: Double) {
    (self.frozenWeightBytes, self.trainedStateBytes, self.activationBytes) =
      (frozenWeightBytes, trainedStateBytes, activationBytes)
  }

  /// Memory to train all `parameters` with `bytesPerParameter` of state each, plus activations
  /// for `microBatchSequences` sequences of `shape`.
  public static func fullTraining(
    parameters: Double, bytesPerParameter: Double = adamMixedPrecisionBytesPerParameter,
    shape: ModelShape, microBatchSequences: Int = 1
  ) -> TrainingMemory {
    TrainingMemory(
      frozenWeightBytes: 0, trainedStateBytes: parameters * bytesPerParameter,
      activationBytes: activationBytes(shape: shape, microBatchSequences: microBatchSequences))
  }

  /// 34·s·b·h·L bytes: activations of one micro-batch of `microBatchSequences` (b) sequences of
  /// `shape.contextLength` (s) tokens through L layers of width h.
  public static func activationBytes(shape: ModelShape, microBatchSequences: Int) -> Double {
    activationBytesPerTokenPerWidthPerLayer * Double(shape.contextLength) * Double(microBatchSequences)
      * Double(shape.modelWidth) * Double(shape.layers)
  }

  /// Everything, in bytes.
  public var totalBytes: Double { frozenWeightBytes + trainedStateBytes + activationBytes }
  /// Everything, in GB (10⁹ bytes).
  public var totalGB: Double { totalBytes / 1e9 }

  /// Fewest accelerators of `memoryGB` each that hold ``totalBytes`` if states and activations
  /// are sharded perfectly (ZeRO-3/FSDP with tensor or sequence parallelism); real runs need more.
  public func minimumAccelerators(memoryGB: Double) -> Int {
    Budget.wholeCount(totalBytes / (memoryGB * 1e9))
  }
}
