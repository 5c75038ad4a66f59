// The kernels compiled for AVX-512 (F, VL, BW, DQ) with FMA: 16 floats per register, 32 registers,
// so the GEMM tile is 14 × 32 floats (28 accumulators) or 14 × 16 doubles.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,fma,avx2"))), apply_to = function)
#define WB_FAMILY avx512
#define WB_FLOAT_LANES 16
#ifndef WB_MR_F
#define WB_MR_F 14
#endif
#define WB_MR_D 14
#define WB_HAS_FMA 1
#include "kernel_bodies.h"
#pragma clang attribute pop
#endif
