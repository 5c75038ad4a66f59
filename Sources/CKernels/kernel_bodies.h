// The fast kernels of one family, written once. A family file (family_avx512.c, family_avx2.c,
// family_baseline.c) defines, then includes this header under its target attribute:
//   WB_FAMILY        name suffix (avx512, avx2, baseline)
//   WB_FLOAT_LANES   floats in one vector register (16, 8, 4)
//   WB_MR_F, WB_MR_D rows of the GEMM register tile in single and double precision
//   WB_HAS_FMA       1 when the family has fused multiply-add
// and gets wb_gemm_f32_<family>, wb_gemm_f64_<family>, wb_gemv_f32_<family>, wb_gemv_f64_<family>,
// wb_linear_bf16_<family>, wb_linear_q8_<family>, wb_exp_f32_<family>, wb_gelu_f32_<family>,
// wb_gelu_backward_f32_<family>.
// The element-type-generic bodies are in typed_bodies.h, included once per element type.

#include "CKernels.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define WB_CAT3_(a, b, c) a##_##b##_##c
#define WB_CAT3(a, b, c) WB_CAT3_(a, b, c)

#if WB_HAS_FMA
#define WB_MADD(acc, x, y) __builtin_elementwise_fma((x), (y), (acc))
#else
#define WB_MADD(acc, x, y) ((acc) + (x) * (y))
#endif

// Single precision.
#define T float
#define TS f32
#define VW WB_FLOAT_LANES
#define MR WB_MR_F
#include "typed_bodies.h"
#undef T
#undef TS
#undef VW
#undef MR

// Double precision: half as many lanes, same register count.
#define T double
#define TS f64
#define VW (WB_FLOAT_LANES / 2)
#define MR WB_MR_D
#include "typed_bodies.h"
#undef T
#undef TS
#undef VW
#undef MR

// Products with bfloat16 and q8 weights (wb_linear_bf16_<family>, wb_linear_q8_<family>).
#include "reduced_bodies.h"

#undef WB_MADD

// Single-precision elementwise kernels.
#include "elementwise_bodies.h"

// ---- Maps, reductions, rows and the optimizer (map_bodies.h, rows_bodies.h, optimizer_bodies.h,
// softmax_bodies.h): wb_binary, wb_unary, wb_unary_backward, wb_sum, wb_dot, wb_row_dots,
// wb_column_sums, wb_layer_norm_forward, wb_layer_norm_backward, wb_softmax_backward_rows and
// wb_adamw per element type (_f32_<family>, _f64_<family>); wb_softmax_rows_f32_<family>.
#include <math.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define T float
#define TS f32
#define VW WB_FLOAT_LANES
#include "map_bodies.h"
#include "rows_bodies.h"
#include "optimizer_bodies.h"
#undef MFN
#undef MV
#undef T
#undef TS
#undef VW

#define T double
#define TS f64
#define VW (WB_FLOAT_LANES / 2)
#include "map_bodies.h"
#include "rows_bodies.h"
#include "optimizer_bodies.h"
#undef MFN
#undef MV
#undef T
#undef TS
#undef VW

#undef WB_VMADD
#undef WB_SELECT

#include "softmax_bodies.h"
#include "tanh_bodies.h"
