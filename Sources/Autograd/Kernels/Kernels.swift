/// The loops behind the ops, on raw buffers; nothing here records a graph.
///
/// Every entry point (listed in `KernelEntryPoints.swift`) has a readable reference
/// implementation and a fast one (SIMD, blocked, threaded), selected per task by
/// ``implementation``; the tests check each fast implementation against its reference.
public enum Kernels {}
