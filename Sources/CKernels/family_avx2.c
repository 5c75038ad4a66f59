// The kernels compiled for AVX2 with FMA: 8 floats per register, 16 registers, so the GEMM tile
// is 6 × 16 floats (12 accumulators) or 6 × 8 doubles.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define WB_FAMILY avx2
#define WB_FLOAT_LANES 8
#define WB_MR_F 6
#define WB_MR_D 6
#define WB_HAS_FMA 1
#include "kernel_bodies.h"
#pragma clang attribute pop
#endif
