// Products with reduced-precision weights for one family; included by kernel_bodies.h after the
// single-precision GEMM (the many-rows case dequantises panels of W and runs that GEMM).
//
// y[i·ldy + j] = Σ_p x[i·ldx + p] · W[j, p] for i < m, j < n, p < k: X is float32, W (a linear
// layer's [out, in] weights) is stored in bfloat16 (wb_linear_bf16) or in q8 blocks (wb_linear_q8),
// in four-row tiles: with K = k rounded up to a multiple of 32 and B = K / 32 blocks per row, the
// 32 values of block b of rows 4g…4g+3 lie one row after another at ((g·B + b)·4 + r)·32 (rows and
// columns past W's are zero), so that a product reads W front to back in one stream. In q8, value
// q there stands for d · q, d the float32 scale at (g·B + b)·4 + r. Few rows of X (decoding one
// token) stream W once with no copy, converting each vector of weights in registers; more rows
// dequantise 64 rows of W at a time into a float32 panel and multiply it with the family's GEMM.
#include <stdint.h>

#define WB_RFN(name) WB_CAT3(name, reduced, WB_FAMILY)
#define WB_RV WB_RFN(wb_vec_f)
#define WB_RH WB_RFN(wb_vec_h)
#define WB_RU WB_RFN(wb_vec_u)
#define WB_RB WB_RFN(wb_vec_b)
#define WB_GEMM_F32 WB_CAT3(wb_gemm, f32, WB_FAMILY)

typedef float WB_RV __attribute__((ext_vector_type(WB_FLOAT_LANES)));
typedef uint16_t WB_RH __attribute__((ext_vector_type(WB_FLOAT_LANES)));
typedef uint32_t WB_RU __attribute__((ext_vector_type(WB_FLOAT_LANES)));
typedef int8_t WB_RB __attribute__((ext_vector_type(WB_FLOAT_LANES)));

/// Rows of X up to which the weights are streamed without a panel.
#define WB_REDUCED_STREAM_ROWS 4
/// Rows of W dequantised into one panel for the many-rows product.
#define WB_REDUCED_PANEL 64
/// Values per q8 block.
#define WB_Q8_BLOCK 32

/// The panel product: rows j..<j + 64 of W read back into float32 (`DEQUANTISE_ROW` writes W's
/// row `row` into `target`), then multiplied with the family's GEMM.
#define WB_REDUCED_PANELS(DEQUANTISE_ROW)                                                             \
  float *panel = malloc(sizeof(float) * WB_REDUCED_PANEL * (size_t)(k > 0 ? k : 1));                  \
  for (long j = 0; j < n; j += WB_REDUCED_PANEL) {                                                    \
    long rows = n - j < WB_REDUCED_PANEL ? n - j : WB_REDUCED_PANEL;                                  \
    for (long r = 0; r < rows; r++) {                                                                 \
      long row = j + r;                                                                               \
      float *target = panel + r * k;                                                                  \
      DEQUANTISE_ROW                                                                                  \
    }                                                                                                 \
    WB_GEMM_F32(m, rows, k, x, ldx, 0, panel, k, 1, y + j, ldy, 0);                                   \
  }                                                                                                   \
  free(panel);

static inline WB_RV WB_RFN(load_f)(const float *p) { WB_RV v; memcpy(&v, p, sizeof v); return v; }

/// WB_FLOAT_LANES bfloat16 values widened exactly to float32 (the 16 bits become the high half).
static inline WB_RV WB_RFN(load_bf16)(const uint16_t *p) {
  WB_RH h;
  memcpy(&h, p, sizeof h);
  WB_RU u = __builtin_convertvector(h, WB_RU) << 16;
  WB_RV v;
  memcpy(&v, &u, sizeof v);
  return v;
}

/// WB_FLOAT_LANES int8 values converted to float32.
static inline WB_RV WB_RFN(load_q8)(const int8_t *p) {
  WB_RB b;
  memcpy(&b, p, sizeof b);
  return __builtin_convertvector(b, WB_RV);
}

static inline float WB_RFN(bf16_scalar)(uint16_t h) {
  uint32_t u = (uint32_t)h << 16;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/// Horizontal sum in a fixed order (pairwise halves).
static inline float WB_RFN(sum)(WB_RV v) {
  float lanes[WB_FLOAT_LANES];
  memcpy(lanes, &v, sizeof lanes);
  for (int width = WB_FLOAT_LANES / 2; width >= 1; width /= 2)
    for (int i = 0; i < width; i++) lanes[i] += lanes[i + width];
  return lanes[0];
}

/// X's rows padded with zeros to K columns when k is not a multiple of 32 (else X itself): the
/// tile kernels read whole blocks.
static const float *WB_RFN(padded_x)(long m, long k, long kp, const float *x, long ldx, long *ld) {
  if (kp == k) { *ld = ldx; return x; }
  float *copy = calloc((size_t)(m * kp), sizeof(float));
  for (long i = 0; i < m; i++) memcpy(copy + i * kp, x + i * ldx, sizeof(float) * (size_t)k);
  *ld = kp;
  return copy;
}

/// The streamed product over four-row tiles: for each tile g and each row i of X, `TILE` leaves
/// the tile's four sums in out[0..<4]; the first `rows` of them are written.
#define WB_REDUCED_STREAM(TILE)                                                                       \
  long ldp;                                                                                           \
  const float *xp = WB_RFN(padded_x)(m, k, kp, x, ldx, &ldp);                                         \
  for (long g = 0; g * 4 < n; g++) {                                                                  \
    long rows = n - g * 4 < 4 ? n - g * 4 : 4;                                                        \
    for (long i = 0; i < m; i++) {                                                                    \
      float out[4];                                                                                   \
      const float *xi = xp + i * ldp;                                                                 \
      TILE;                                                                                           \
      for (long r = 0; r < rows; r++) y[i * ldy + g * 4 + r] = out[r];                                \
    }                                                                                                 \
  }                                                                                                   \
  if (xp != x) free((void *)xp);

// ---- bfloat16

/// One tile (four rows, `blocks` blocks of 32 values each) against one row of X (K values).
static inline void WB_RFN(bf16_tile)(long blocks, const float *x, const uint16_t *w, float out[4]) {
  WB_RV a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  for (long b = 0; b < blocks; b++, w += 128, x += 32) {
    // 1 KB ahead in the stream of weights, as in the float32 product (wb_gemv).
    for (long line = 0; line < 256; line += 64) __builtin_prefetch((const char *)w + 1024 + line);
    for (long p = 0; p < 32; p += 2 * WB_FLOAT_LANES) {
      WB_RV x0 = WB_RFN(load_f)(x + p), x1 = WB_RFN(load_f)(x + p + WB_FLOAT_LANES);
      a0 = WB_MADD(a0, x0, WB_RFN(load_bf16)(w + p)), b0 = WB_MADD(b0, x1, WB_RFN(load_bf16)(w + p + WB_FLOAT_LANES));
      a1 = WB_MADD(a1, x0, WB_RFN(load_bf16)(w + 32 + p)), b1 = WB_MADD(b1, x1, WB_RFN(load_bf16)(w + 32 + p + WB_FLOAT_LANES));
      a2 = WB_MADD(a2, x0, WB_RFN(load_bf16)(w + 64 + p)), b2 = WB_MADD(b2, x1, WB_RFN(load_bf16)(w + 64 + p + WB_FLOAT_LANES));
      a3 = WB_MADD(a3, x0, WB_RFN(load_bf16)(w + 96 + p)), b3 = WB_MADD(b3, x1, WB_RFN(load_bf16)(w + 96 + p + WB_FLOAT_LANES));
    }
  }
  out[0] = WB_RFN(sum)(a0 + b0), out[1] = WB_RFN(sum)(a1 + b1), out[2] = WB_RFN(sum)(a2 + b2), out[3] = WB_RFN(sum)(a3 + b3);
}

void WB_CAT3(wb_linear, bf16, WB_FAMILY)(long m, long n, long k, const float *x, long ldx, const uint16_t *w, float *y,
                                          long ldy) {
  if (m <= 0 || n <= 0) return;
  long blocks = (k + WB_Q8_BLOCK - 1) / WB_Q8_BLOCK, kp = blocks * WB_Q8_BLOCK;
  if (m <= WB_REDUCED_STREAM_ROWS) {
    WB_REDUCED_STREAM(WB_RFN(bf16_tile)(blocks, xi, w + g * 4 * kp, out));
    return;
  }
  WB_REDUCED_PANELS({
    const uint16_t *tile = w + (row / 4) * 4 * kp + (row % 4) * WB_Q8_BLOCK;
    for (long p = 0; p < k; p++) target[p] = WB_RFN(bf16_scalar)(tile[(p / WB_Q8_BLOCK) * 128 + p % WB_Q8_BLOCK]);
  });
}

// ---- q8 blocks

/// One tile (four rows, `blocks` blocks of 32 int8 values and four scales each) against one row
/// of X (K values): each block's Σ x·q is scaled by its d.
static inline void WB_RFN(q8_tile)(long blocks, const float *x, const int8_t *q, const float *d, float out[4]) {
  WB_RV a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (long b = 0; b < blocks; b++, q += 128, d += 4, x += 32) {
    __builtin_prefetch((const char *)q + 1024);
    __builtin_prefetch((const char *)q + 1024 + 64);
    WB_RV t0 = 0, t1 = 0, t2 = 0, t3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
    for (long p = 0; p < 32; p += 2 * WB_FLOAT_LANES) {
      WB_RV x0 = WB_RFN(load_f)(x + p), x1 = WB_RFN(load_f)(x + p + WB_FLOAT_LANES);
      t0 = WB_MADD(t0, x0, WB_RFN(load_q8)(q + p)), u0 = WB_MADD(u0, x1, WB_RFN(load_q8)(q + p + WB_FLOAT_LANES));
      t1 = WB_MADD(t1, x0, WB_RFN(load_q8)(q + 32 + p)), u1 = WB_MADD(u1, x1, WB_RFN(load_q8)(q + 32 + p + WB_FLOAT_LANES));
      t2 = WB_MADD(t2, x0, WB_RFN(load_q8)(q + 64 + p)), u2 = WB_MADD(u2, x1, WB_RFN(load_q8)(q + 64 + p + WB_FLOAT_LANES));
      t3 = WB_MADD(t3, x0, WB_RFN(load_q8)(q + 96 + p)), u3 = WB_MADD(u3, x1, WB_RFN(load_q8)(q + 96 + p + WB_FLOAT_LANES));
    }
    a0 = WB_MADD(a0, t0 + u0, (WB_RV)d[0]);
    a1 = WB_MADD(a1, t1 + u1, (WB_RV)d[1]);
    a2 = WB_MADD(a2, t2 + u2, (WB_RV)d[2]);
    a3 = WB_MADD(a3, t3 + u3, (WB_RV)d[3]);
  }
  out[0] = WB_RFN(sum)(a0), out[1] = WB_RFN(sum)(a1), out[2] = WB_RFN(sum)(a2), out[3] = WB_RFN(sum)(a3);
}

void WB_CAT3(wb_linear, q8, WB_FAMILY)(long m, long n, long k, const float *x, long ldx, const int8_t *q,
                                        const float *scales, float *y, long ldy) {
  if (m <= 0 || n <= 0) return;
  long blocks = (k + WB_Q8_BLOCK - 1) / WB_Q8_BLOCK, kp = blocks * WB_Q8_BLOCK;
  if (m <= WB_REDUCED_STREAM_ROWS) {
    WB_REDUCED_STREAM(WB_RFN(q8_tile)(blocks, xi, q + g * 4 * kp, scales + g * 4 * blocks, out));
    return;
  }
  WB_REDUCED_PANELS({
    const int8_t *tile = q + (row / 4) * 4 * kp + (row % 4) * WB_Q8_BLOCK;
    const float *d = scales + (row / 4) * 4 * blocks + row % 4;
    for (long p = 0; p < k; p++) target[p] = d[(p / WB_Q8_BLOCK) * 4] * (float)tile[(p / WB_Q8_BLOCK) * 128 + p % WB_Q8_BLOCK];
  });
}

#undef WB_RFN
#undef WB_RV
#undef WB_RH
#undef WB_RU
#undef WB_RB
#undef WB_GEMM_F32
#undef WB_REDUCED_STREAM_ROWS
#undef WB_REDUCED_PANEL
#undef WB_Q8_BLOCK
#undef WB_REDUCED_STREAM
#undef WB_REDUCED_PANELS
