#ifndef WORKBENCH_CKERNELS_H
#define WORKBENCH_CKERNELS_H

/// The engine's fast kernels, written once in plain C (kernel_bodies.h) and compiled once per
/// family of vector instructions; `wb_kernels_widest()` says which family this CPU runs best.
///
/// Matrices are row-major. op(A) is m × k: element (i, p) is a[i·lda + p], or a[p·lda + i] when
/// `transpose_a`. op(B) is k × n: element (p, j) is b[p·ldb + j], or b[j·ldb + p] when `transpose_b`.
/// C is m × n, element (i, j) at c[i·ldc + j]; `accumulate` adds the product to C instead of
/// overwriting it. Every function runs on the calling thread; the Swift side splits large products
/// into bands of C. Every element of C is summed in increasing p, in blocks of the panel depth, so a
/// family gives the same bits whatever the split; different families may differ in the last bits.

/// A family of vector instructions (the values match Swift's `KernelFamily` raw values).
typedef enum {
  WB_FAMILY_BASELINE = 0, ///< SSE2 on x86-64 (every x86-64 CPU), NEON on arm64; 128-bit vectors.
  WB_FAMILY_AVX2 = 1,     ///< AVX2 with FMA: 256-bit vectors, fused multiply-add (x86-64 only).
  WB_FAMILY_AVX512 = 2,   ///< AVX-512 F/VL/BW/DQ with FMA: 512-bit vectors (x86-64 only).
} wb_family;

/// 1 when this CPU can run `family`, else 0.
int wb_kernels_cpu_supports(int family);

/// The widest family this CPU can run.
int wb_kernels_widest(void);

/// Register tile of the GEMM micro-kernel of `family` (rows × columns of C), for splitting C
/// into bands of whole tiles. `is_double` selects the double-precision kernel.
void wb_gemm_tile(int family, int is_double, long *rows, long *columns);

/// C (+)= op(A) · op(B) in single precision, blocked and packed (GotoBLAS); see the header comment.
void wb_gemm_f32(int family, long m, long n, long k,
                 const float *a, long lda, int transpose_a,
                 const float *b, long ldb, int transpose_b,
                 float *c, long ldc, int accumulate);

/// C (+)= op(A) · op(B) in double precision, blocked and packed (GotoBLAS).
void wb_gemm_f64(int family, long m, long n, long k,
                 const double *a, long lda, int transpose_a,
                 const double *b, long ldb, int transpose_b,
                 double *c, long ldc, int accumulate);

/// C (+)= op(A) · op(B) for few rows of C (m ≤ 8): streams B once with no packing (decoding a
/// language model one token at a time is this product, bounded by the memory bandwidth).
void wb_gemv_f32(int family, long m, long n, long k,
                 const float *a, long lda, int transpose_a,
                 const float *b, long ldb, int transpose_b,
                 float *c, long ldc, int accumulate);

/// The double-precision few-rows product.
void wb_gemv_f64(int family, long m, long n, long k,
                 const double *a, long lda, int transpose_a,
                 const double *b, long ldb, int transpose_b,
                 double *c, long ldc, int accumulate);

/// out[i] = e^x[i] (Cephes polynomial; 0 below −87.3, NaN stays NaN). `out` may be `x`.
void wb_exp_f32(int family, const float *x, float *out, long count);

/// out[i] = GELU(x[i]) in its tanh form, ½x(1 + tanh(√(2/π)(x + 0.044715x³))). `out` may be `x`.
void wb_gelu_f32(int family, const float *x, float *out, long count);

/// out[i] = g[i] · GELU′(x[i]), the backward of `wb_gelu_f32`.
void wb_gelu_backward_f32(int family, const float *x, const float *g, float *out, long count);

#endif
