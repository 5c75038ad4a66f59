/// Pointer reinterpretation for calling a kernel with the concrete scalar type a generic
/// caller already has (so that the kernel runs specialised).

/// `p` seen as a pointer to `T`; only valid when `T` is the type `p` points to.
@inline(__always)
func cast<S, T>(_ p: UnsafeMutablePointer<S>, _: T.Type) -> UnsafeMutablePointer<T> {
  UnsafeMutableRawPointer(p).assumingMemoryBound(to: T.self)
}

/// `p` seen as a pointer to `T`; only valid when `T` is the type `p` points to.
@inline(__always)
func cast<S, T>(_ p: UnsafePointer<S>, _: T.Type) -> UnsafePointer<T> {
  UnsafeRawPointer(p).assumingMemoryBound(to: T.self)
}
