/// Reverse-mode differentiation: the chain rule, applied in exactly one place.
extension Tensor {
  /// Computes ∂self/∂t for every tensor `t` in the graph that requires a gradient and
  /// adds it to `t.grad` (gradients accumulate until ``zeroGrad()``).
  ///
  /// `self` is usually the scalar loss; for a non-scalar tensor the seed gradient is all
  /// ones (the gradient of `self.sum()`). Intermediate results drop their gradient once it
  /// has been passed on, unless `retainingIntermediateGradients` is true (the backprop
  /// lesson prints every node's gradient).
  public func backward(retainingIntermediateGradients: Bool = false) {
    guard requiresGrad else { return }
    accumulate([Scalar](repeating: 1, count: count))
    for node in topologicalOrder().reversed() {
      guard let pullback = node.pullback, let gradient = node.grad else { continue }
      let needed = node.parents.map(\.requiresGrad)
      let parentGradients = pullback(gradient, needed)
      for (index, parent) in node.parents.enumerated() where needed[index] {
        guard let parentGradient = parentGradients[index] else { continue }
        FLOPCounter.addBackward(node.backwardCost[index])
        parent.accumulate(parentGradient)
      }
      if !retainingIntermediateGradients { node.grad = nil }
    }
  }

  /// Forgets the accumulated gradient.
  public func zeroGrad() { grad = nil }

  /// Adds `gradient` to `grad`, taking ownership of the array when there is none yet.
  func accumulate(_ gradient: [Scalar]) {
    precondition(gradient.count == count, "\(op): gradient has \(gradient.count) values for shape \(shape)")
    if grad == nil {
      grad = gradient
    } else {
      FLOPCounter.addBackward(count)
      Kernels.addInPlace(&grad!, gradient)
    }
  }

  /// Every tensor that `self` depends on through tensors requiring gradients, each after
  /// all of its parents (iterative depth-first search: no recursion, so a 100,000-node
  /// chain does not overflow the stack).
  public func topologicalOrder() -> [Tensor] {
    var order: [Tensor] = []
    var visited: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
    var stack: [(node: Tensor, nextParent: Int)] = [(self, 0)]
    while let top = stack.popLast() {
      if top.nextParent < top.node.parents.count {
        stack.append((top.node, top.nextParent + 1))
        let parent = top.node.parents[top.nextParent]
        if parent.requiresGrad, visited.insert(ObjectIdentifier(parent)).inserted {
          stack.append((parent, 0))
        }
      } else {
        order.append(top.node)
      }
    }
    return order
  }
}
