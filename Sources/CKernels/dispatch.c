// Which family this CPU runs, and the entry points that route a call to one family's kernels.
#include "CKernels.h"
#include "family_declarations.h"

int wb_kernels_cpu_supports(wb_family family) {
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

wb_family wb_kernels_widest(void) {
  if (wb_kernels_cpu_supports(WB_FAMILY_AVX512)) return WB_FAMILY_AVX512;
  if (wb_kernels_cpu_supports(WB_FAMILY_AVX2)) return WB_FAMILY_AVX2;
  return WB_FAMILY_BASELINE;
}

void wb_gemm_tile(wb_family family, int is_double, long *rows, long *columns) {
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

void wb_gemm_f32(wb_family family, long m, long n, long k, const float *a, long lda, int ta, const float *b,
                 long ldb, int tb, float *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemm_f32, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_gemm_f64(wb_family family, long m, long n, long k, const double *a, long lda, int ta, const double *b,
                 long ldb, int tb, double *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemm_f64, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_gemv_f32(wb_family family, long m, long n, long k, const float *a, long lda, int ta, const float *b,
                 long ldb, int tb, float *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemv_f32, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_gemv_f64(wb_family family, long m, long n, long k, const double *a, long lda, int ta, const double *b,
                 long ldb, int tb, double *c, long ldc, int accumulate) {
  WB_ROUTE(wb_gemv_f64, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, accumulate)
}

void wb_transpose_f32(wb_family family, const float *x, long rows, long cols, long first, long last, float *out) {
  WB_ROUTE(wb_transpose_f32, x, rows, cols, first, last, out)
}

void wb_transpose_f64(wb_family family, const double *x, long rows, long cols, long first, long last, double *out) {
  WB_ROUTE(wb_transpose_f64, x, rows, cols, first, last, out)
}

void wb_linear_bf16(wb_family family, long m, long n, long k, const float *x, long ldx, const uint16_t *w, float *y,
                    long ldy) {
  WB_ROUTE(wb_linear_bf16, m, n, k, x, ldx, w, y, ldy)
}

void wb_linear_q8(wb_family family, long m, long n, long k, const float *x, long ldx, const int8_t *q,
                  const float *scales, float *y, long ldy) {
  WB_ROUTE(wb_linear_q8, m, n, k, x, ldx, q, scales, y, ldy)
}

void wb_exp_f32(wb_family family, const float *x, float *out, long count) {
  WB_ROUTE(wb_exp_f32, x, out, count)
}

void wb_gelu_f32(wb_family family, const float *x, float *out, long count) {
  WB_ROUTE(wb_gelu_f32, x, out, count)
}

void wb_gelu_backward_f32(wb_family family, const float *x, const float *g, float *out, long count) {
  WB_ROUTE(wb_gelu_backward_f32, x, g, out, count)
}

// ---- Maps, reductions, rows and the optimizer.

#if defined(__x86_64__)
#define WB_ROUTE_VALUE(kernel, ...)                                                                   \
  switch (family) {                                                                                   \
  case WB_FAMILY_AVX512: return kernel##_avx512(__VA_ARGS__);                                         \
  case WB_FAMILY_AVX2: return kernel##_avx2(__VA_ARGS__);                                             \
  default: return kernel##_baseline(__VA_ARGS__);                                                     \
  }
#else
#define WB_ROUTE_VALUE(kernel, ...) return kernel##_baseline(__VA_ARGS__);
#endif

#define WB_ROUTE_ROWS_TYPED(ts, T)                                                                    \
  void wb_binary_##ts(wb_family family, wb_binary_op op, const T *x, long x_step, const T *y, long y_step, T *out,   \
                      long count) {                                                                   \
    WB_ROUTE(wb_binary_##ts, op, x, x_step, y, y_step, out, count)                                    \
  }                                                                                                   \
  void wb_unary_##ts(wb_family family, wb_unary_function function, const T *x, T *out, long count) {                      \
    WB_ROUTE(wb_unary_##ts, function, x, out, count)                                                  \
  }                                                                                                   \
  void wb_unary_backward_##ts(wb_family family, wb_unary_function function, const T *x, const T *y, const T *g, T *out,   \
                              long count) {                                                           \
    WB_ROUTE(wb_unary_backward_##ts, function, x, y, g, out, count)                                   \
  }                                                                                                   \
  T wb_sum_##ts(wb_family family, const T *x, long count) { WB_ROUTE_VALUE(wb_sum_##ts, x, count) }         \
  T wb_dot_##ts(wb_family family, const T *x, const T *y, long count) {                                     \
    WB_ROUTE_VALUE(wb_dot_##ts, x, y, count)                                                          \
  }                                                                                                   \
  void wb_row_dots_##ts(wb_family family, const T *x, const T *y, long rows, long width, T *out) {          \
    WB_ROUTE(wb_row_dots_##ts, x, y, rows, width, out)                                                \
  }                                                                                                   \
  void wb_column_sums_##ts(wb_family family, const T *x, long rows, long width, long stride, T *out) {      \
    WB_ROUTE(wb_column_sums_##ts, x, rows, width, stride, out)                                        \
  }                                                                                                   \
  void wb_layer_norm_forward_##ts(wb_family family, const T *x, const T *w, const T *b, T eps, long rows,   \
                                  long width, T *normalised, T *reciprocal_std, T *out) {             \
    WB_ROUTE(wb_layer_norm_forward_##ts, x, w, b, eps, rows, width, normalised, reciprocal_std, out)  \
  }                                                                                                   \
  void wb_layer_norm_backward_##ts(wb_family family, const T *g, const T *normalised,                      \
                                   const T *reciprocal_std, const T *w, long rows, long width,        \
                                   T *dx, T *dweight, T *dbias) {                                     \
    WB_ROUTE(wb_layer_norm_backward_##ts, g, normalised, reciprocal_std, w, rows, width, dx, dweight, \
             dbias)                                                                                   \
  }                                                                                                   \
  void wb_softmax_backward_rows_##ts(wb_family family, const T *p, const T *dp, T *out, long rows,         \
                                     long width, long stride, T scale) {                              \
    WB_ROUTE(wb_softmax_backward_rows_##ts, p, dp, out, rows, width, stride, scale)                   \
  }                                                                                                   \
  void wb_adamw_##ts(wb_family family, T *theta, T *m, T *v, const T *g, long count, T decay, T beta1,     \
                     T beta2, T step_size, T root2, T epsilon) {                                      \
    WB_ROUTE(wb_adamw_##ts, theta, m, v, g, count, decay, beta1, beta2, step_size, root2, epsilon)    \
  }

WB_ROUTE_ROWS_TYPED(f32, float)
WB_ROUTE_ROWS_TYPED(f64, double)

void wb_softmax_rows_f32(wb_family family, const float *x, float *out, long rows, long width, long stride,
                         float scale, int logarithmic) {
  WB_ROUTE(wb_softmax_rows_f32, x, out, rows, width, stride, scale, logarithmic)
}

void wb_tanh_f32(wb_family family, const float *x, float *out, long count) { WB_ROUTE(wb_tanh_f32, x, out, count) }

void wb_sigmoid_f32(wb_family family, const float *x, float *out, long count) { WB_ROUTE(wb_sigmoid_f32, x, out, count) }
