import Autograd

/// The independent random streams of one `pretrain-finetune` run, split from the run's single
/// generator in a fixed order, so each sub-experiment's randomness is the same whatever the
/// others do (and other lessons can re-create the same corpora and checkpoints).
struct PretrainFinetuneGenerators {
  var general: SplitMix64
  var domain: SplitMix64
  var continued: SplitMix64
  /// Initial weights of the pre-trained model.
  var pretrainInit: SplitMix64
  /// Batch positions of pre-training.
  var pretrainBatches: SplitMix64
  /// Batch positions of the three fine-tuning runs (the same batches for each).
  var finetuneBatches: SplitMix64
  /// Initial weights of the from-scratch model.
  var scratchInit: SplitMix64
  /// Initial LoRA adapters.
  var loraInit: SplitMix64
  /// Batch positions of continued pre-training.
  var continuedBatches: SplitMix64
  /// Sampling of the text samples (each sample restarts from this state).
  var sampling: SplitMix64

  init(_ root: SplitMix64) {
    var root = root
    general = root.split()
    domain = root.split()
    continued = root.split()
    pretrainInit = root.split()
    pretrainBatches = root.split()
    finetuneBatches = root.split()
    scratchInit = root.split()
    loraInit = root.split()
    continuedBatches = root.split()
    sampling = root.split()
  }
}
