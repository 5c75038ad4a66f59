import Autograd
import Dispatch

/// Data parallelism across processes (MPI ranks), one copy of the model in each: rank `r` computes
/// the gradient of shard `r` of every batch, then the gradients travel as one flat buffer and are
/// summed in a fixed rank order: a reduce-scatter in which rank `r` owns slice `r` of the buffer and
/// adds the contributions of ranks 0, 1, …, N−1 in that order, then an all-gather that hands every
/// rank every summed slice (the shape of llm.c's ZeRO-1 gradient exchange).
///
/// Because each element is summed as ((g₀ + g₁) + g₂) + …, exactly as ``DataParallelReplicas`` adds
/// its replicas' gradients, an N-rank run ends with the same bits as the in-process N-replica run
/// with the same global batch, on any network. (`MPI_Allreduce` picks its summation order by message
/// size and algorithm, so its sums differ in the last bits.) Every rank then takes the same optimizer
/// step on the same gradient, so the copies stay equal without sending weights.
///
/// The buffer carries two numbers after the gradients: the rank's shard loss (so every rank reports
/// the batch's loss) and whether the rank was asked to stop, so that all ranks stop after the same step.
public final class RankOrderedGradients: GradientSync {
  public typealias Scalar = Float

  /// The processes that share every batch.
  public let group: any ProcessGroup
  /// The tensors whose gradients are summed (the trainable parameters, in the same order on every rank).
  public let parameters: [Tensor<Float>]
  /// Whether this rank was asked to stop (Ctrl-C); read once per step.
  public let localStopRequest: () -> Bool
  /// Whether some rank was asked to stop by the end of the last step (the same on every rank).
  public private(set) var stopRequested = false
  /// Seconds of the last step's forward and backward pass on this rank.
  public private(set) var lastComputeSeconds = 0.0
  /// Seconds of the last step's gradient exchange on this rank (waiting for slower ranks included).
  public private(set) var lastCommunicationSeconds = 0.0
  /// Sums of the two over the steps this object took.
  public private(set) var computeSeconds = 0.0, communicationSeconds = 0.0

  public init(group: any ProcessGroup, parameters: [Tensor<Float>], localStopRequest: @escaping () -> Bool = { false }) {
    self.group = group
    self.parameters = parameters.filter(\.requiresGrad)
    self.localStopRequest = localStopRequest
  }

  /// One shard per rank.
  public var shards: Int { group.size }

  /// Computes this rank's shard, then sums every rank's gradient and loss in rank order; the
  /// parameters hold the whole batch's gradient afterwards. Returns the batch's loss (the shards'
  /// losses added in rank order).
  public func backward(_ shardLoss: (Int) throws -> Tensor<Float>) throws -> Float {
    let started = DispatchTime.now().uptimeNanoseconds
    let loss = backpropagate(try shardLoss(group.rank))
    let computed = DispatchTime.now().uptimeNanoseconds
    var buffer: [Float] = []
    buffer.reserveCapacity(parameters.reduce(2) { $0 + $1.count })
    for parameter in parameters {
      if let grad = parameter.grad { buffer += grad } else { buffer += repeatElement(0, count: parameter.count) }
    }
    buffer.append(loss)
    buffer.append(localStopRequest() ? 1 : 0)
    let summed = try Self.sumInRankOrder(buffer, group: group)
    var offset = 0
    for parameter in parameters {
      parameter.grad = Array(summed[offset..<(offset + parameter.count)])
      offset += parameter.count
    }
    stopRequested = summed[offset + 1] > 0
    let finished = DispatchTime.now().uptimeNanoseconds
    lastComputeSeconds = Double(computed - started) / 1e9
    lastCommunicationSeconds = Double(finished - computed) / 1e9
    computeSeconds += lastComputeSeconds
    communicationSeconds += lastCommunicationSeconds
    return summed[offset]
  }

  /// Nothing to do: every rank applied the same update to the same weights.
  public func afterUpdate() {}

  /// The element-wise sum over `group` of every rank's `buffer` (all the same length), each element
  /// added in rank order starting from rank 0's value; every rank receives the whole sum.
  public static func sumInRankOrder(_ buffer: [Float], group: any ProcessGroup) throws -> [Float] {
    let counts = sliceCounts(total: buffer.count, parts: group.size)
    let received = try group.exchangeSlices(buffer, counts: counts)
    let own = counts[group.rank]
    var sum = Array(received[0..<own])
    for rank in 1..<max(1, group.size) {
      let base = rank * own
      for i in 0..<own { sum[i] += received[base + i] }
    }
    return try group.gatherSlices(sum, counts: counts)
  }

  /// How many of `total` elements each of `parts` slices holds: equal parts, the first `total % parts` one larger.
  public static func sliceCounts(total: Int, parts: Int) -> [Int] {
    (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
  }
}
