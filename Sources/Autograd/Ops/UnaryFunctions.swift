/// Elementwise functions. The derivative table: each op gives dy/dx in terms of the input
/// x and the output y; the backward kernel multiplies it by the incoming gradient
/// (``UnaryFunction/derivative(x:y:)`` below states the table one scalar at a time).
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

/// The definitions of the elementwise functions and their derivatives, one scalar at a time
/// (what the reference kernels compute, and the fast kernels where a type has no C kernel; the C
/// kernels evaluate the same formulas a vector at a time).
extension UnaryFunction {
  /// f(x).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func value<S: TensorScalar>(_ x: S) -> S {
    switch self {
    case .negate: -x
    case .exp: S.exponential(x)
    case .log: S.logarithm(x)
    case .sqrt: x.squareRoot()
    case .tanh: S.hyperbolicTangent(x)
    case .sigmoid: 1 / (1 + S.exponential(-x))
    case .relu: x > 0 ? x : 0
    case .gelu: 0.5 * x * (1 + S.hyperbolicTangent(S(Self.geluScale) * (x + S(Self.geluCubic) * x * x * x)))
    }
  }

  /// f′(x), given x and y = f(x).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func derivative<S: TensorScalar>(x: S, y: S) -> S {
    switch self {
    case .negate: return -1
    case .exp: return y  // (eˣ)′ = eˣ
    case .log: return 1 / x
    case .sqrt: return 1 / (2 * y)  // 1/(2√x)
    case .tanh: return 1 - y * y
    case .sigmoid: return y * (1 - y)
    case .relu: return x > 0 ? 1 : 0
    case .gelu:
      // ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²), t = tanh(√(2/π)(x + 0.044715x³))
      let (c, k) = (S(Self.geluScale), S(Self.geluCubic))
      let t = S.hyperbolicTangent(c * (x + k * x * x * x))
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * k * x * x)
    }
  }
}
