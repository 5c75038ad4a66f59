import NeuralNet
import Training

/// The scaling runs' batches: step k trains on the sequences `trainOrder[k·B..<(k+1)·B]`, so every
/// run sees the same sequences in the same order and a larger budget sees more of them.
struct ScalingBatches: BatchSource {
  let grid: ScalingGrid
  let data: ScalingData

  func next(step: Int) -> TokenBatch {
    let starts = Array(data.trainOrder[(step * grid.batchSize)..<((step + 1) * grid.batchSize)])
    let (inputs, targets) = data.batch(starts, from: data.train)
    return TokenBatch(inputs: inputs, targets: targets, rows: grid.batchSize, length: grid.blockSize)
  }

  func tokenCount(of batch: TokenBatch) -> Int { batch.inputs.count }
}
