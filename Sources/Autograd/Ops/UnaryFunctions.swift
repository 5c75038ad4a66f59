/// Elementwise functions. The derivative table: each op gives dy/dx in terms of the input
/// x and the output y; the backward kernel multiplies it by the incoming gradient
/// (`Kernels.unaryBackwardLoop` holds the same table as loops).
extension Tensor {
  /// Applies `function` to every element; backward is g · f′(x).
  func unary(_ op: String, _ function: UnaryFunction, cost: Int = 1) -> Tensor {
    let x = scalars
    let y = Kernels.unary(function, x)
    return Tensor(shape: shape, scalars: y, op: op, parents: [self], forwardCost: cost * count, backwardCost: [2 * count]) { g, _ in
      [Kernels.unaryBackward(function, x: x, y: y, gradient: g)]
    }
  }

  /// eˣ; d/dx = eˣ.
  public func exp() -> Tensor { unary("exp", .exp) }

  /// ln x; d/dx = 1/x.
  public func log() -> Tensor { unary("log", .log) }

  /// √x; d/dx = 1/(2√x).
  public func sqrt() -> Tensor { unary("sqrt", .sqrt) }

  /// tanh x; d/dx = 1 − tanh²x.
  public func tanh() -> Tensor { unary("tanh", .tanh) }

  /// σ(x) = 1/(1+e⁻ˣ); d/dx = σ(1−σ).
  public func sigmoid() -> Tensor { unary("sigmoid", .sigmoid) }

  /// max(0, x); d/dx = 1 for x > 0, else 0.
  public func relu() -> Tensor { unary("relu", .relu) }

  /// GELU, tanh approximation (as GPT-2): ½x(1 + tanh(√(2/π)(x + 0.044715x³)));
  /// d/dx = ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²) with t the tanh above.
  public func gelu() -> Tensor { unary("gelu", .gelu, cost: 8) }
}
