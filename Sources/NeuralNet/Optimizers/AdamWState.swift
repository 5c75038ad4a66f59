import Autograd

/// Everything an `AdamW` optimizer carries from one step to the next besides its settings: the
/// step counter t (for the bias correction) and the first and second moment estimates m and v of
/// each trainable parameter, in the optimizer's parameter order. Saving it with the weights and
/// restoring it into an optimizer over the same parameters continues training bit for bit.
public struct AdamWState<Scalar: TensorScalar>: Equatable {
  /// Steps taken so far.
  public var stepCount: Int
  /// m of each trainable parameter, one array per parameter, `parameter.count` elements each.
  public var firstMoment: [[Scalar]]
  /// v of each trainable parameter, same layout as `firstMoment`.
  public var secondMoment: [[Scalar]]

  /// A state with the given counter and moments.
  public init(stepCount: Int, firstMoment: [[Scalar]], secondMoment: [[Scalar]]) {
    self.stepCount = stepCount
    self.firstMoment = firstMoment
    self.secondMoment = secondMoment
  }
}

/// Why an optimizer state cannot be restored.
public enum AdamWStateError: Error, CustomStringConvertible, Equatable {
  /// The state has moments for another number of parameters, or a parameter of another size.
  case shapeMismatch(reason: String)

  public var description: String {
    switch self {
    case let .shapeMismatch(reason): return "The saved optimizer state does not fit this model: \(reason)."
    }
  }
}

extension AdamW {
  /// The trainable tensors this optimizer updates, in the order of its moments.
  public var updatedParameters: [Tensor<Scalar>] { parameters }

  /// A copy of the step counter and the moments.
  public var state: AdamWState<Scalar> {
    AdamWState(stepCount: stepCount, firstMoment: firstMoment, secondMoment: secondMoment)
  }

  /// Replaces the step counter and the moments by `state`.
  /// - Throws: `AdamWStateError.shapeMismatch` unless `state` has one moment array of the right size
  ///   per updated parameter.
  public func restore(_ state: AdamWState<Scalar>) throws {
    guard state.firstMoment.count == parameters.count, state.secondMoment.count == parameters.count else {
      throw AdamWStateError.shapeMismatch(reason: "it has moments for \(state.firstMoment.count) parameters, the optimizer updates \(parameters.count)")
    }
    for (index, p) in parameters.enumerated() where state.firstMoment[index].count != p.count || state.secondMoment[index].count != p.count {
      throw AdamWStateError.shapeMismatch(reason: "parameter \(index) has \(p.count) elements, its saved moments \(state.firstMoment[index].count)")
    }
    stepCount = state.stepCount
    firstMoment = state.firstMoment
    secondMoment = state.secondMoment
  }
}
