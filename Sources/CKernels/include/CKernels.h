#ifndef WORKBENCH_CKERNELS_H
#define WORKBENCH_CKERNELS_H

#include <stdint.h>

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

/// An elementwise operation of two arguments (`wb_binary_f32`, `wb_binary_f64`).
typedef enum {
  WB_ADD = 0,      ///< x + y
  WB_SUBTRACT = 1, ///< x − y
  WB_MULTIPLY = 2, ///< x × y
  WB_DIVIDE = 3,   ///< x ÷ y
} wb_binary_op;

/// A function of one argument (`wb_unary_*` computes the first three, `wb_unary_backward_*` the
/// derivatives of all seven).
typedef enum {
  WB_NEGATE = 0,  ///< −x; derivative −1
  WB_RELU = 1,    ///< x > 0 ? x : 0; derivative 1 where x > 0, else 0
  WB_SQRT = 2,    ///< √x; derivative 1 / (2y)
  WB_LOG = 3,     ///< ln x; derivative 1 / x
  WB_EXP = 4,     ///< eˣ; derivative y
  WB_TANH = 5,    ///< tanh x; derivative 1 − y²
  WB_SIGMOID = 6, ///< 1 / (1 + e^−x); derivative y(1 − y)
} wb_unary_function;

/// 1 when this CPU can run `family`, else 0.
int wb_kernels_cpu_supports(wb_family family);

/// The widest family this CPU can run.
wb_family wb_kernels_widest(void);

/// Register tile of the GEMM micro-kernel of `family` (rows × columns of C), for splitting C
/// into bands of whole tiles. `is_double` selects the double-precision kernel.
void wb_gemm_tile(wb_family family, int is_double, long *rows, long *columns);

/// C (+)= op(A) · op(B) in single precision, blocked and packed (GotoBLAS); see the header comment.
void wb_gemm_f32(wb_family family, long m, long n, long k,
                 const float *a, long lda, int transpose_a,
                 const float *b, long ldb, int transpose_b,
                 float *c, long ldc, int accumulate);

/// C (+)= op(A) · op(B) in double precision, blocked and packed (GotoBLAS).
void wb_gemm_f64(wb_family family, long m, long n, long k,
                 const double *a, long lda, int transpose_a,
                 const double *b, long ldb, int transpose_b,
                 double *c, long ldc, int accumulate);

/// C (+)= op(A) · op(B) for few rows of C (m ≤ 8): streams B once with no packing (decoding a
/// language model one token at a time is this product, bounded by the memory bandwidth).
void wb_gemv_f32(wb_family family, long m, long n, long k,
                 const float *a, long lda, int transpose_a,
                 const float *b, long ldb, int transpose_b,
                 float *c, long ldc, int accumulate);

/// The double-precision few-rows product.
void wb_gemv_f64(wb_family family, long m, long n, long k,
                 const double *a, long lda, int transpose_a,
                 const double *b, long ldb, int transpose_b,
                 double *c, long ldc, int accumulate);

/// out[c·rows + r] = x[r·cols + c] for r < rows and first ≤ c < last: columns first..<last of the
/// row-major rows × cols matrix x become rows of the cols × rows matrix out.
void wb_transpose_f32(wb_family family, const float *x, long rows, long cols, long first, long last, float *out);
/// The double-precision `wb_transpose_f32`.
void wb_transpose_f64(wb_family family, const double *x, long rows, long cols, long first, long last, double *out);

/// y[i·ldy + j] = Σ_p x[i·ldx + p] · W[j, p] for i < m, j < n, p < k, with W (n × k, a linear
/// layer's [out, in] weights, rows k apart) stored in bfloat16: W[j, p] is the float32 whose high
/// 16 bits are w[j·k + p] and whose low 16 bits are 0. Activations and sums are float32. Up to 4
/// rows of x stream W once (decoding); more rows multiply dequantised panels of W with `wb_gemm_f32`.
void wb_linear_bf16(wb_family family, long m, long n, long k, const float *x, long ldx, const uint16_t *w, float *y,
                    long ldy);

/// y[i·ldy + j] = Σ_p x[i·ldx + p] · W[j, p] as `wb_linear_bf16`, with W stored in q8 blocks (as
/// llama.cpp's q8_0, but with a float32 scale): row j holds ⌈k/32⌉ blocks of 32 values (the last
/// may be shorter), W[j, p] = scales[j·⌈k/32⌉ + p/32] · q[j·k + p].
void wb_linear_q8(wb_family family, long m, long n, long k, const float *x, long ldx, const int8_t *q,
                  const float *scales, float *y, long ldy);

/// out[i] = e^x[i] (Cephes polynomial; 0 below −87.3, NaN stays NaN). `out` may be `x`.
void wb_exp_f32(wb_family family, const float *x, float *out, long count);

/// out[i] = GELU(x[i]) in its tanh form, ½x(1 + tanh(√(2/π)(x + 0.044715x³))). `out` may be `x`.
void wb_gelu_f32(wb_family family, const float *x, float *out, long count);

/// out[i] = g[i] · GELU′(x[i]), the backward of `wb_gelu_f32`.
void wb_gelu_backward_f32(wb_family family, const float *x, const float *g, float *out, long count);

// ---- Maps, reductions, rows and the optimizer (map_bodies.h, rows_bodies.h, optimizer_bodies.h,
// softmax_bodies.h). Each has a single-precision (_f32) and a double-precision (_f64) version
// unless said otherwise. All run on the calling thread; the Swift side shares out rows or ranges.
// Maps are exact (one IEEE operation per element, like the reference kernels); sums keep
// 2 × (lanes of the family) partial sums, so their last bits depend on the family only.

/// out[i] = x[i·x_step] ∘ y[i·y_step] for i < count, ∘ the operation `op`; each step
/// is 1, or 0 for one repeated value (any other step runs one element at a time). `out` may be `x` or `y`.
void wb_binary_f32(wb_family family, wb_binary_op op, const float *x, long x_step, const float *y, long y_step, float *out, long count);
/// The double-precision `wb_binary_f32`.
void wb_binary_f64(wb_family family, wb_binary_op op, const double *x, long x_step, const double *y, long y_step, double *out, long count);

/// out[i] = f(x[i]) for `function` WB_NEGATE, WB_RELU or WB_SQRT. `out` may be `x`.
void wb_unary_f32(wb_family family, wb_unary_function function, const float *x, float *out, long count);
/// The double-precision `wb_unary_f32`.
void wb_unary_f64(wb_family family, wb_unary_function function, const double *x, double *out, long count);

/// out[i] = g[i]·f′(x[i]) with y = f(x), f′ as listed in `wb_unary_function`.
void wb_unary_backward_f32(wb_family family, wb_unary_function function, const float *x, const float *y, const float *g, float *out, long count);
/// The double-precision `wb_unary_backward_f32`.
void wb_unary_backward_f64(wb_family family, wb_unary_function function, const double *x, const double *y, const double *g, double *out, long count);

/// Σ x[i] over `count` values.
float wb_sum_f32(wb_family family, const float *x, long count);
/// The double-precision `wb_sum_f32`.
double wb_sum_f64(wb_family family, const double *x, long count);

/// Σ x[i]·y[i] over `count` pairs.
float wb_dot_f32(wb_family family, const float *x, const float *y, long count);
/// The double-precision `wb_dot_f32`.
double wb_dot_f64(wb_family family, const double *x, const double *y, long count);

/// out[r] = Σ_j x[r·width + j]·y[r·width + j] for r < rows (each row as `wb_dot_f32`).
void wb_row_dots_f32(wb_family family, const float *x, const float *y, long rows, long width, float *out);
/// The double-precision `wb_row_dots_f32`.
void wb_row_dots_f64(wb_family family, const double *x, const double *y, long rows, long width, double *out);

/// out[j] += Σ_r x[r·stride + j] for j < width, r < rows, each column summed in row order (exact
/// like the reference: the same additions in the same order).
void wb_column_sums_f32(wb_family family, const float *x, long rows, long width, long stride, float *out);
/// The double-precision `wb_column_sums_f32`.
void wb_column_sums_f64(wb_family family, const double *x, long rows, long width, long stride, double *out);

/// Layer norm of `rows` contiguous rows of `width`: x̂ = (x − mean)/√(var + eps) into `normalised`,
/// 1/√(var + eps) into `reciprocal_std[r]`, out = x̂ ⊙ w + b.
void wb_layer_norm_forward_f32(wb_family family, const float *x, const float *w, const float *b, float eps, long rows,
                               long width, float *normalised, float *reciprocal_std, float *out);
/// The double-precision `wb_layer_norm_forward_f32`.
void wb_layer_norm_forward_f64(wb_family family, const double *x, const double *w, const double *b, double eps, long rows,
                               long width, double *normalised, double *reciprocal_std, double *out);

/// Layer norm backward of `rows` rows from the output gradient g, x̂ and 1/σ: with ĝ = g ⊙ w,
/// dx = (1/σ)(ĝ − mean ĝ − x̂·mean(ĝ ⊙ x̂)) (skipped when `dx` is NULL); dweight += g ⊙ x̂ and
/// dbias += g, rows in order.
void wb_layer_norm_backward_f32(wb_family family, const float *g, const float *normalised, const float *reciprocal_std,
                                const float *w, long rows, long width, float *dx, float *dweight, float *dbias);
/// The double-precision `wb_layer_norm_backward_f32`.
void wb_layer_norm_backward_f64(wb_family family, const double *g, const double *normalised, const double *reciprocal_std,
                                const double *w, long rows, long width, double *dx, double *dweight, double *dbias);

/// Softmax backward of `rows` rows of `width` (rows `stride` apart): out = p ⊙ (dp − Σ dp ⊙ p)·scale.
/// `out` may be `dp`.
void wb_softmax_backward_rows_f32(wb_family family, const float *p, const float *dp, float *out, long rows, long width,
                                  long stride, float scale);
/// The double-precision `wb_softmax_backward_rows_f32`.
void wb_softmax_backward_rows_f64(wb_family family, const double *p, const double *dp, double *out, long rows, long width,
                                  long stride, double scale);

/// One AdamW step on `count` parameters: θ ← decay·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − step_size·m / (√v / root2 + ε).
void wb_adamw_f32(wb_family family, float *theta, float *m, float *v, const float *g, long count, float decay, float beta1,
                  float beta2, float step_size, float root2, float epsilon);
/// The double-precision `wb_adamw_f32`.
void wb_adamw_f64(wb_family family, double *theta, double *m, double *v, const double *g, long count, double decay,
                  double beta1, double beta2, double step_size, double root2, double epsilon);

/// Softmax (or, with `logarithmic`, log-softmax) of `rows` rows of `width` floats, rows `stride`
/// apart, of v = scale·x: e^(v − max) / Σ e^(v − max), or v − max − log Σ e^(v − max); a row that
/// is entirely −∞ uses max = 0; NaN in a row makes the row NaN. `out` may be `x`. Float only (the
/// vector exponential of `wb_exp_f32`).
void wb_softmax_rows_f32(wb_family family, const float *x, float *out, long rows, long width, long stride, float scale,
                         int logarithmic);

/// out[i] = tanh x[i] (Cephes: an odd polynomial for |x| < 0.625, 1 − 2/(e²ˣ + 1) beyond; within a
/// few ulp; NaN stays NaN). `out` may be `x`.
void wb_tanh_f32(wb_family family, const float *x, float *out, long count);

/// out[i] = 1 / (1 + e^−x[i]) with the vector exponential of `wb_exp_f32`. `out` may be `x`.
void wb_sigmoid_f32(wb_family family, const float *x, float *out, long count);

/// One part of a job of the worker threads: `part` in 0..<parts, `context` the caller's.
typedef void (*wb_part_function)(void *context, long part);

/// Number of worker threads of the kernels' pool (one per core beyond the first, started on the
/// first call); 0 where the pool is not available.
long wb_pool_workers(void);

/// Runs `function(context, part)` for every part in 0..<parts, on the calling thread and the pool's
/// workers, and returns 1 when all have finished. Returns 0, having run nothing, when the pool cannot
/// take the job: fewer than 2 or more than 65535 parts, no workers, another caller owns the pool,
/// or the caller is itself a worker. Parts must write disjoint memory.
int wb_pool_run(long parts, wb_part_function function, void *context);

#endif