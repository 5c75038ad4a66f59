// The kernels compiled for the baseline of the architecture, with no target attribute: SSE2 on
// x86-64 (no fused multiply-add: a multiply then an add), NEON on arm64 (with fused multiply-add).
// 4 floats per register, 16 registers on x86-64: a GEMM tile of 6 × 8 floats or 6 × 4 doubles.
#define WB_FAMILY baseline
#define WB_FLOAT_LANES 4
#define WB_MR_F 6
#define WB_MR_D 6
#if defined(__aarch64__)
#define WB_HAS_FMA 1
#else
#define WB_HAS_FMA 0
#endif
#include "kernel_bodies.h"
