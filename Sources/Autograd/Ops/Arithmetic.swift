/// Elementwise arithmetic with NumPy broadcasting. Each op's derivative sits next to it;
/// gradients of broadcast inputs are summed back to the input's shape.
extension Tensor {
  /// Applies `f` elementwise with broadcasting; `derivatives(x, y, g)` gives the local
  /// gradient contributions (∂/∂x · g, ∂/∂y · g) at one element.
  static func binary(
    _ op: String, _ a: Tensor, _ b: Tensor, cost: Int = 1,
    _ f: @escaping (Scalar, Scalar) -> Scalar,
    derivatives: @escaping (_ x: Scalar, _ y: Scalar, _ out: Scalar, _ g: Scalar) -> (Scalar, Scalar)
  ) throws -> Tensor {
    guard let shape = Broadcasting.shape(a.shape, b.shape) else {
      throw TensorError.shapeMismatch(op: op, shapes: [a.shape, b.shape], reason: "dimensions must be equal or 1")
    }
    let (x, y, xShape, yShape) = (a.scalars, b.scalars, a.shape, b.shape)
    let out = Kernels.broadcast(x, xShape, y, yShape, to: shape, f)
    let n = out.count
    return Tensor(
      shape: shape, scalars: out, op: op, parents: [a, b], forwardCost: cost * n,
      backwardCost: [2 * n, 2 * n]
    ) { g, needed in
      // Broadcast both inputs to the output's shape, form the local products, then sum back.
      let xs = Kernels.expand(x, from: xShape, to: shape)
      let ys = Kernels.expand(y, from: yShape, to: shape)
      var gx = needed[0] ? [Scalar](repeating: 0, count: n) : []
      var gy = needed[1] ? [Scalar](repeating: 0, count: n) : []
      for i in 0..<n {
        let (dx, dy) = derivatives(xs[i], ys[i], out[i], g[i])
        if needed[0] { gx[i] = dx }
        if needed[1] { gy[i] = dy }
      }
      return [
        needed[0] ? Kernels.reduce(gx, from: shape, to: xShape) : nil,
        needed[1] ? Kernels.reduce(gy, from: shape, to: yShape) : nil,
      ]
    }
  }

  /// Elementwise sum with broadcasting.
  public static func + (a: Tensor, b: Tensor) throws -> Tensor {
    guard let shape = Broadcasting.shape(a.shape, b.shape) else {
      throw TensorError.shapeMismatch(op: "add", shapes: [a.shape, b.shape], reason: "dimensions must be equal or 1")
    }
    let (aShape, bShape) = (a.shape, b.shape)
    let out = Kernels.broadcast(a.scalars, aShape, b.scalars, bShape, to: shape, +)
    return Tensor(
      shape: shape, scalars: out, op: "add", parents: [a, b], forwardCost: out.count,
      backwardCost: [0, 0]
    ) { g, needed in
      // ∂(x+y)/∂x = ∂(x+y)/∂y = 1
      [needed[0] ? Kernels.reduce(g, from: shape, to: aShape) : nil,
       needed[1] ? Kernels.reduce(g, from: shape, to: bShape) : nil]
    }
  }

  /// Elementwise difference with broadcasting.
  public static func - (a: Tensor, b: Tensor) throws -> Tensor {
    try binary("sub", a, b, -) { _, _, _, g in (g, -g) }
  }

  /// Elementwise product with broadcasting.
  public static func * (a: Tensor, b: Tensor) throws -> Tensor {
    try binary("mul", a, b, *) { x, y, _, g in (g * y, g * x) }  // ∂(xy)/∂x = y, ∂(xy)/∂y = x
  }

  /// Elementwise quotient with broadcasting.
  public static func / (a: Tensor, b: Tensor) throws -> Tensor {
    try binary("div", a, b, /) { x, y, _, g in (g / y, -g * x / (y * y)) }  // ∂(x/y)/∂y = −x/y²
  }

  /// −x.
  public static prefix func - (a: Tensor) -> Tensor {
    a.unary("neg", { -$0 }) { _, _ in -1 }
  }

  /// `a + c` for a constant c.
  public static func + (a: Tensor, c: Scalar) -> Tensor { a.unary("add_scalar", { $0 + c }) { _, _ in 1 } }
  /// `a − c` for a constant c.
  public static func - (a: Tensor, c: Scalar) -> Tensor { a.unary("sub_scalar", { $0 - c }) { _, _ in 1 } }
  /// `a · c` for a constant c.
  public static func * (a: Tensor, c: Scalar) -> Tensor { a.unary("mul_scalar", { $0 * c }) { _, _ in c } }
  /// `c · a` for a constant c.
  public static func * (c: Scalar, a: Tensor) -> Tensor { a * c }
  /// `a / c` for a constant c.
  public static func / (a: Tensor, c: Scalar) -> Tensor { a.unary("div_scalar", { $0 / c }) { _, _ in 1 / c } }

  /// xᵖ for a constant exponent p.
  public func pow(_ p: Scalar) -> Tensor {
    unary("pow", { Scalar.power($0, p) }) { x, _ in p * Scalar.power(x, p - 1) }  // d(xᵖ)/dx = p·xᵖ⁻¹
  }
}
