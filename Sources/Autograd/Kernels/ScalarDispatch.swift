/// One kernel entry point: the arguments of one call (pointers, sizes, options) with its two
/// implementations, a readable reference (plain loops, one scalar at a time) and a fast one (SIMD,
/// cache blocking, threads): the SimpleOps/FastOps split of minitorch. ``Kernels/run(_:on:)``
/// picks the task's ``KernelImplementation``; `KernelEntryPoints.swift` lists every entry point.
///
/// Both bodies are written once for any scalar type `T` and compiled as code specialised for
/// `Float` and for `Double`: each carries `@_specialize(where T == Float)` and
/// `@_specialize(where T == Double)`, with which the compiler emits the two specialisations and
/// makes the generic entry jump to the matching one (one type comparison per call). This is the
/// engine's only Float/Double dispatch. It matters even in debug-built tests that call
/// unspecialised generic code (a test calling `GPT<Float>`): arithmetic on a generic `Scalar`
/// costs a protocol call per operation, SIMD code on a generic scalar about a hundred.
///
/// Helpers that a body calls from another file must carry the same two attributes: without
/// whole-module optimisation (debug builds), a generic function from another file is neither
/// inlined nor specialised at the call site.
protocol KernelEntryPoint {
  /// What a call returns (most entry points write through their output pointers: `Void`).
  associatedtype Output = Void
  /// The readable definition, on scalars of type `T` (the type the pointers point to).
  func reference<T: TensorScalar>(_: T.Type) -> Output
  /// The fast implementation, on scalars of type `T`; what the engine runs by default.
  func fast<T: TensorScalar>(_: T.Type) -> Output
}

extension Kernels {
  /// Runs `kernel`, whose pointers point to `S`, with the task's ``implementation``.
  ///
  /// Read on the calling thread: the worker threads of a fast kernel do not see the task-local,
  /// so implementations call each other's bodies directly, never back through this function.
  @inline(__always)
  static func run<K: KernelEntryPoint, S: TensorScalar>(_ kernel: K, on _: S.Type) -> K.Output {
    switch implementation {
    case .fast: kernel.fast(S.self)
    case .reference: kernel.reference(S.self)
    }
  }
}

extension UnsafeRawPointer {
  /// The memory seen as `T` values (the entry points store untyped pointers; the caller's
  /// scalar type is `T`).
  @inline(__always)
  func scalars<T>(_: T.Type) -> UnsafePointer<T> { assumingMemoryBound(to: T.self) }
}

extension UnsafeMutableRawPointer {
  /// The memory seen as mutable `T` values.
  @inline(__always)
  func scalars<T>(_: T.Type) -> UnsafeMutablePointer<T> { assumingMemoryBound(to: T.self) }
}
