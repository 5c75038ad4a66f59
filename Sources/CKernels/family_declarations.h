// The per-family entry points that family_*.c define (names: wb_<kernel>_<type>_<family>).
#include <stddef.h>
#include <stdint.h>

#define WB_DECLARE(family)                                                                            \
  void wb_gemm_f32_##family(long, long, long, const float *, long, int, const float *, long, int,    \
                            float *, long, int);                                                      \
  void wb_gemm_f64_##family(long, long, long, const double *, long, int, const double *, long, int,  \
                            double *, long, int);                                                     \
  void wb_gemv_f32_##family(long, long, long, const float *, long, int, const float *, long, int,    \
                            float *, long, int);                                                      \
  void wb_gemv_f64_##family(long, long, long, const double *, long, int, const double *, long, int,  \
                            double *, long, int);                                                     \
  void wb_transpose_f32_##family(const float *, long, long, long, long, float *);                     \
  void wb_transpose_f64_##family(const double *, long, long, long, long, double *);                  \
  void wb_linear_bf16_##family(long, long, long, const float *, long, const uint16_t *, float *, long); \
  void wb_linear_q8_##family(long, long, long, const float *, long, const int8_t *, const float *, float *, long); \
  void wb_exp_f32_##family(const float *, float *, long);                                             \
  void wb_gelu_f32_##family(const float *, float *, long);                                            \
  void wb_gelu_backward_f32_##family(const float *, const float *, float *, long);

WB_DECLARE(baseline)
#if defined(__x86_64__)
WB_DECLARE(avx2)
WB_DECLARE(avx512)
#endif

// ---- Maps, reductions, rows and the optimizer (map_bodies.h, rows_bodies.h, optimizer_bodies.h,
// softmax_bodies.h), per element type.
#define WB_DECLARE_ROWS_TYPED(family, ts, T)                                                          \
  void wb_binary_##ts##_##family(wb_binary_op, const T *, long, const T *, long, T *, long);                   \
  void wb_unary_##ts##_##family(wb_unary_function, const T *, T *, long);                                           \
  void wb_unary_backward_##ts##_##family(wb_unary_function, const T *, const T *, const T *, T *, long);            \
  T wb_sum_##ts##_##family(const T *, long);                                                          \
  T wb_dot_##ts##_##family(const T *, const T *, long);                                               \
  void wb_row_dots_##ts##_##family(const T *, const T *, long, long, T *);                            \
  void wb_column_sums_##ts##_##family(const T *, long, long, long, T *);                              \
  void wb_layer_norm_forward_##ts##_##family(const T *, const T *, const T *, T, long, long, T *, T *, T *); \
  void wb_layer_norm_backward_##ts##_##family(const T *, const T *, const T *, const T *, long, long, T *,   \
                                              T *, T *);                                              \
  void wb_softmax_backward_rows_##ts##_##family(const T *, const T *, T *, long, long, long, T);      \
  void wb_adamw_##ts##_##family(T *, T *, T *, const T *, long, T, T, T, T, T, T);

#define WB_DECLARE_ROWS(family)                                                                       \
  WB_DECLARE_ROWS_TYPED(family, f32, float)                                                           \
  WB_DECLARE_ROWS_TYPED(family, f64, double)                                                          \
  void wb_softmax_rows_f32_##family(const float *, float *, long, long, long, float, int);          \
  void wb_tanh_f32_##family(const float *, float *, long);                                            \
  void wb_sigmoid_f32_##family(const float *, float *, long);

WB_DECLARE_ROWS(baseline)
#if defined(__x86_64__)
WB_DECLARE_ROWS(avx2)
WB_DECLARE_ROWS(avx512)
#endif
