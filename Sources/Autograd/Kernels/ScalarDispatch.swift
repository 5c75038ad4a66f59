/// One kernel entry point: the arguments of one call (pointers, sizes, options) with its two
/// implementations, a readable reference (plain loops, one scalar at a time) and a fast one (SIMD,
/// cache blocking, threads): the SimpleOps/FastOps split of minitorch. ``Kernels/run(_:on:)``
/// picks the task's ``KernelImplementation``; `KernelEntryPoints.swift` lists every entry point.
///
/// Both bodies are written once for any scalar type `T` and compiled as code specialised for
/// `Float` and for `Double` (`@_specialize(where T == Float)`, `@_specialize(where T == Double)`):
/// arithmetic on an unspecialised generic scalar costs a protocol call per operation, which matters
/// even in debug-built tests that call generic code (a test calling `GPT<Float>`). The fast body
/// receives the ``NativeKernels`` of its call: the scalar type's C functions (found through its
/// ``TensorScalar/cKernels`` conformance, never by testing the type) in the family chosen once,
/// when the call starts.
///
/// Helpers that a body calls from another file must carry the same two attributes: without
/// whole-module optimisation (debug builds), a generic function from another file is neither
/// inlined nor specialised at the call site.
protocol KernelEntryPoint {
  /// What a call returns (most entry points write through their output pointers: `Void`).
  associatedtype Output = Void
  /// The readable definition, on scalars of type `T` (the type the pointers point to).
  func reference<T: TensorScalar>(_: T.Type) -> Output
  /// The fast implementation, on scalars of type `T` with the C kernels `native`; what the engine
  /// runs by default.
  func fast<T: TensorScalar>(_ native: NativeKernels<T>) -> Output
}

extension Kernels {
  /// Runs `kernel`, whose pointers point to `S`, with the task's ``implementation`` and, for the
  /// fast one, the task's ``KernelFamily``.
  ///
  /// Both are read here, once, on the calling thread: the worker threads of a fast kernel do not
  /// see task-locals, so implementations call each other's bodies directly with the call's
  /// ``NativeKernels``, never back through this function.
  @inline(__always)
  static func run<K: KernelEntryPoint, S: TensorScalar>(_ kernel: K, on _: S.Type) -> K.Output {
    switch implementation {
    case .fast: kernel.fast(NativeKernels<S>(family: KernelFamily.active))
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
