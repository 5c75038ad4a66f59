/// Elementwise arithmetic with NumPy broadcasting. Each op's derivative sits next to it;
/// gradients of broadcast inputs are summed back to the input's shape.
extension Tensor {
  /// The broadcast shape of `a` and `b`, or a shape-mismatch error naming `op`.
  static func broadcastShape(_ op: String, _ a: Tensor, _ b: Tensor) throws -> [Int] {
    guard let shape = Broadcasting.shape(a.shape, b.shape) else {
      throw TensorError.shapeMismatch(op: op, shapes: [a.shape, b.shape], reason: "dimensions must be equal or 1")
    }
    return shape
  }

  /// Elementwise sum with broadcasting.
  public static func + (a: Tensor, b: Tensor) throws -> Tensor {
    let shape = try broadcastShape("add", a, b)
    let (aShape, bShape) = (a.shape, b.shape)
    let out = Kernels.broadcast(.add, a.scalars, aShape, b.scalars, bShape, to: shape)
    return Tensor(shape: shape, scalars: out, op: "add", parents: [a, b], forwardCost: out.count, backwardCost: [0, 0]) { g, needed in
      // ∂(x+y)/∂x = ∂(x+y)/∂y = 1
      [needed[0] ? Kernels.reduce(g, from: shape, to: aShape) : nil,
       needed[1] ? Kernels.reduce(g, from: shape, to: bShape) : nil]
    }
  }

  /// Elementwise difference with broadcasting.
  public static func - (a: Tensor, b: Tensor) throws -> Tensor {
    let shape = try broadcastShape("sub", a, b)
    let (aShape, bShape) = (a.shape, b.shape)
    let out = Kernels.broadcast(.subtract, a.scalars, aShape, b.scalars, bShape, to: shape)
    let n = out.count
    return Tensor(shape: shape, scalars: out, op: "sub", parents: [a, b], forwardCost: n, backwardCost: [2 * n, 2 * n]) { g, needed in
      // ∂(x−y)/∂x = 1, ∂(x−y)/∂y = −1
      [needed[0] ? Kernels.reduce(g, from: shape, to: aShape) : nil,
       needed[1] ? Kernels.reduce(Kernels.unary(.negate, g), from: shape, to: bShape) : nil]
    }
  }

  /// Elementwise product with broadcasting.
  public static func * (a: Tensor, b: Tensor) throws -> Tensor {
    let shape = try broadcastShape("mul", a, b)
    let (x, y, xShape, yShape) = (a.scalars, b.scalars, a.shape, b.shape)
    let out = Kernels.broadcast(.multiply, x, xShape, y, yShape, to: shape)
    let n = out.count
    return Tensor(shape: shape, scalars: out, op: "mul", parents: [a, b], forwardCost: n, backwardCost: [2 * n, 2 * n]) { g, needed in
      // ∂(xy)/∂x = y, ∂(xy)/∂y = x
      [needed[0] ? Kernels.reduce(Kernels.broadcast(.multiply, g, shape, y, yShape, to: shape), from: shape, to: xShape) : nil,
       needed[1] ? Kernels.reduce(Kernels.broadcast(.multiply, g, shape, x, xShape, to: shape), from: shape, to: yShape) : nil]
    }
  }

  /// Elementwise quotient with broadcasting.
  public static func / (a: Tensor, b: Tensor) throws -> Tensor {
    let shape = try broadcastShape("div", a, b)
    let (x, y, xShape, yShape) = (a.scalars, b.scalars, a.shape, b.shape)
    let out = Kernels.broadcast(.divide, x, xShape, y, yShape, to: shape)
    let n = out.count
    return Tensor(shape: shape, scalars: out, op: "div", parents: [a, b], forwardCost: n, backwardCost: [2 * n, 2 * n]) { g, needed in
      // ∂(x/y)/∂x = 1/y, ∂(x/y)/∂y = −x/y² = −(x/y)/y
      let gOverY = Kernels.broadcast(.divide, g, shape, y, yShape, to: shape)
      return [
        needed[0] ? Kernels.reduce(gOverY, from: shape, to: xShape) : nil,
        needed[1] ? Kernels.reduce(Kernels.unary(.negate, Kernels.broadcast(.multiply, gOverY, shape, out, shape, to: shape)), from: shape, to: yShape) : nil,
      ]
    }
  }

  /// −x.
  public static prefix func - (a: Tensor) -> Tensor { a.unary("neg", .negate) }

  /// `x ∘ c` for a constant c; `derivative` is ∂(x ∘ c)/∂x (a constant) times the gradient.
  func withConstant(_ op: String, _ operation: BinaryOperator, _ c: Scalar, derivative: BinaryOperator?, _ factor: Scalar) -> Tensor {
    let out = Kernels.withConstant(operation, scalars, c)
    return Tensor(shape: shape, scalars: out, op: op, parents: [self], forwardCost: count, backwardCost: [2 * count]) { g, _ in
      [derivative.map { Kernels.withConstant($0, g, factor) } ?? g]
    }
  }

  /// `a + c` for a constant c.
  public static func + (a: Tensor, c: Scalar) -> Tensor { a.withConstant("add_scalar", .add, c, derivative: nil, 1) }
  /// `a − c` for a constant c.
  public static func - (a: Tensor, c: Scalar) -> Tensor { a.withConstant("sub_scalar", .subtract, c, derivative: nil, 1) }
  /// `a · c` for a constant c.
  public static func * (a: Tensor, c: Scalar) -> Tensor { a.withConstant("mul_scalar", .multiply, c, derivative: .multiply, c) }
  /// `c · a` for a constant c.
  public static func * (c: Scalar, a: Tensor) -> Tensor { a * c }
  /// `a / c` for a constant c.
  public static func / (a: Tensor, c: Scalar) -> Tensor { a.withConstant("div_scalar", .divide, c, derivative: .divide, c) }

  /// xᵖ for a constant exponent p.
  public func pow(_ p: Scalar) -> Tensor {
    let x = scalars
    let y = Kernels.map(x) { Scalar.power($0, p) }
    return Tensor(shape: shape, scalars: y, op: "pow", parents: [self], forwardCost: count, backwardCost: [2 * count]) { g, _ in
      [Kernels.zip(g, x) { g, x in g * p * Scalar.power(x, p - 1) }]  // d(xᵖ)/dx = p·xᵖ⁻¹
    }
  }
}
