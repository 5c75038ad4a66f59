/// The loops behind the ops, on raw buffers; nothing here records a graph.
///
/// Fast kernels (SIMD, blocked, specialised for `Float` and `Double` through ``ScalarKind``) sit
/// next to readable reference kernels (`Reference*.swift`, plain loops and closures); the tests
/// check each fast kernel against its reference.
enum Kernels {}
