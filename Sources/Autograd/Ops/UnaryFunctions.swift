/// Elementwise functions. The derivative table: each op gives dy/dx in terms of the input
/// x and the output y, and `unary` multiplies it by the incoming gradient.
extension Tensor {
  /// Applies `f` to every element; `derivative(x, y)` is dy/dx at that element.
  func unary(
    _ op: String, cost: Int = 1, _ f: (Scalar) -> Scalar,
    derivative: @escaping (_ x: Scalar, _ y: Scalar) -> Scalar
  ) -> Tensor {
    let x = scalars
    let y = Kernels.map(x, f)
    return Tensor(
      shape: shape, scalars: y, op: op, parents: [self], forwardCost: cost * count,
      backwardCost: [2 * count]
    ) { g, _ in
      [[Scalar](unsafeUninitializedCapacity: g.count) { out, initialized in
        for i in 0..<g.count { out[i] = g[i] * derivative(x[i], y[i]) }
        initialized = g.count
      }]
    }
  }

  /// eˣ; d/dx = eˣ.
  public func exp() -> Tensor { unary("exp", Scalar.exponential) { _, y in y } }

  /// ln x; d/dx = 1/x.
  public func log() -> Tensor { unary("log", Scalar.logarithm) { x, _ in 1 / x } }

  /// √x; d/dx = 1/(2√x).
  public func sqrt() -> Tensor { unary("sqrt", { $0.squareRoot() }) { _, y in 1 / (2 * y) } }

  /// tanh x; d/dx = 1 − tanh²x.
  public func tanh() -> Tensor { unary("tanh", Scalar.hyperbolicTangent) { _, y in 1 - y * y } }

  /// σ(x) = 1/(1+e⁻ˣ); d/dx = σ(1−σ).
  public func sigmoid() -> Tensor {
    unary("sigmoid", { 1 / (1 + Scalar.exponential(-$0)) }) { _, y in y * (1 - y) }
  }

  /// max(0, x); d/dx = 1 for x > 0, else 0.
  public func relu() -> Tensor { unary("relu", { Swift.max(0, $0) }) { x, _ in x > 0 ? 1 : 0 } }

  /// GELU, tanh approximation (as GPT-2): ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
  public func gelu() -> Tensor {
    let c = Scalar((2.0 / Double.pi).squareRoot())
    let k: Scalar = 0.044715
    return unary("gelu", cost: 8, { x in
      0.5 * x * (1 + Scalar.hyperbolicTangent(c * (x + k * x * x * x)))
    }) { x, _ in
      let t = Scalar.hyperbolicTangent(c * (x + k * x * x * x))
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * k * x * x)
    }
  }
}
