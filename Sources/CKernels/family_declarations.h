// The per-family entry points that family_*.c define (names: wb_<kernel>_<type>_<family>).
#include <stddef.h>

#define WB_DECLARE(family)                                                                            \
  void wb_gemm_f32_##family(long, long, long, const float *, long, int, const float *, long, int,    \
                            float *, long, int);                                                      \
  void wb_gemm_f64_##family(long, long, long, const double *, long, int, const double *, long, int,  \
                            double *, long, int);                                                     \
  void wb_gemv_f32_##family(long, long, long, const float *, long, int, const float *, long, int,    \
                            float *, long, int);                                                      \
  void wb_gemv_f64_##family(long, long, long, const double *, long, int, const double *, long, int,  \
                            double *, long, int);                                                     \
  void wb_exp_f32_##family(const float *, float *, long);                                             \
  void wb_gelu_f32_##family(const float *, float *, long);                                            \
  void wb_gelu_backward_f32_##family(const float *, const float *, float *, long);

WB_DECLARE(baseline)
#if defined(__x86_64__)
WB_DECLARE(avx2)
WB_DECLARE(avx512)
#endif
