// Which family this CPU runs, and the entry points that route a call to one family's kernels.
#include "CKernels.h"
#include "family_declarations.h"

int wb_kernels_cpu_supports(int family) {
  switch (family) {
  case WB_FAMILY_BASELINE: return 1;
#if defined(__x86_64__)
  case WB_FAMILY_AVX2:
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  case WB_FAMILY_AVX512:
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  default: return 0;
  }
}

int wb_kernels_widest(void) {
  if (wb_kernels_cpu_supports(WB_FAMILY_AVX512)) return WB_FAMILY_AVX512;
  if (wb_kernels_cpu_supports(WB_FAMILY_AVX2)) return WB_FAMILY_AVX2;
  return WB_FAMILY_BASELINE;
}

void wb_gemm_tile(int family, int is_double, long *rows, long *columns) {
  switch (family) {
#if defined(__x86_64__)
  case WB_FAMILY_AVX512: *rows = 14; *columns = is_double ? 16 : 32; return;
  case WB_FAMILY_AVX2: *rows = 6; *columns = is_double ? 8 : 16; return;
#endif
  default: *rows = 6; *columns = is_double ? 4 : 8; return;
  }
}

// A family the CPU lacks never reaches here: the Swift side only passes families it has checked.
#if defined(__x86_64__)
#define WB_ROUTE(kernel, ...)                                                                         \
  switch (family) {                                                                                   \
  case WB_FAMILY_AVX512: kernel##_avx512(__VA_ARGS__); return;                                        \
  case WB_FAMILY_AVX2: kernel##_avx2(__VA_ARGS__); return;                                            \
  default: kernel##_baseline(__VA_ARGS__); return;                                                    \
  }
#else
#define WB_ROUTE(kernel, ...) kernel##_baseline(__VA_ARGS__);
#endif

void wb_gemm_f32(int family, long m, long n, long k, const float *a, long lda, int ta, const float *b,
                 long ldb, int tb, float *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemm_f32, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_gemm_f64(int family, long m, long n, long k, const double *a, long lda, int ta, const double *b,
                 long ldb, int tb, double *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemm_f64, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_gemv_f32(int family, long m, long n, long k, const float *a, long lda, int ta, const float *b,
                 long ldb, int tb, float *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemv_f32, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_gemv_f64(int family, long m, long n, long k, const double *a, long lda, int ta, const double *b,
                 long ldb, int tb, double *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemv_f64, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_exp_f32(int family, const float *x, float *out, long count) {
  WB_ROUTE(wb_exp_f32, x, out, count)
}

void wb_gelu_f32(int family, const float *x, float *out, long count) {
  WB_ROUTE(wb_gelu_f32, x, out, count)
}

void wb_gelu_backward_f32(int family, const float *x, const float *g, float *out, long count) {
  WB_ROUTE(wb_gelu_backward_f32, x, g, out, count)
}
