// Products with reduced-precision weights for one family; included by kernel_bodies.h after the
// single-precision GEMM (the many-rows case dequantises panels of W and runs that GEMM).
//
// y[i·ldy + j] = Σ_p x[i·ldx + p] · W[j, p] for i < m, j < n, p < k: X is float32, W (a linear
// layer's [out, in] weights) is stored in bfloat16 (wb_linear_bf16) or in q8 blocks
// (wb_linear_q8): row j holds ⌈k/32⌉ blocks of 32 int8 values q with one float32 scale d each,
// W[j, p] = d[j·⌈k/32⌉ + p/32] · q[j·k + p]. Few rows of X (decoding one token) stream W once
// with no copy, converting each vector of weights in registers; more rows dequantise 64 rows of W
// at a time into a float32 panel and multiply it with the family's GEMM.

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

/// The streamed product: W in groups of four rows (j, rows ≤ 4), each against every row i of X;
/// `ROWS_OF_W` writes the group's sums for row i into out[0..<rows].
#define WB_REDUCED_STREAM(ROWS_OF_W)                                                                  \
  for (long j = 0; j < n; j += 4) {                                                                   \
    long rows = n - j < 4 ? n - j : 4;                                                                \
    for (long i = 0; i < m; i++) {                                                                    \
      float out[4];                                                                                   \
      ROWS_OF_W;                                                                                      \
      for (long r = 0; r < rows; r++) y[i * ldy + j + r] = out[r];                                    \
    }                                                                                                 \
  }

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

// ---- bfloat16

/// Four rows of W against one row of X: out[r] = Σ_p x[p]·W[j + r, p] for r < rows (≤ 4).
static inline void WB_RFN(bf16_rows)(long k, const float *x, const uint16_t *w, long rows, float out[4]) {
  WB_RV acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
  const uint16_t *w0 = w, *w1 = w + (rows > 1 ? k : 0), *w2 = w + (rows > 2 ? 2 * k : 0), *w3 = w + (rows > 3 ? 3 * k : 0);
  long p = 0;
  for (; p + WB_FLOAT_LANES <= k; p += WB_FLOAT_LANES) {
    WB_RV xv = WB_RFN(load_f)(x + p);
    acc0 = WB_MADD(acc0, xv, WB_RFN(load_bf16)(w0 + p));
    acc1 = WB_MADD(acc1, xv, WB_RFN(load_bf16)(w1 + p));
    acc2 = WB_MADD(acc2, xv, WB_RFN(load_bf16)(w2 + p));
    acc3 = WB_MADD(acc3, xv, WB_RFN(load_bf16)(w3 + p));
  }
  float s0 = WB_RFN(sum)(acc0), s1 = WB_RFN(sum)(acc1), s2 = WB_RFN(sum)(acc2), s3 = WB_RFN(sum)(acc3);
  for (; p < k; p++) {
    s0 += x[p] * WB_RFN(bf16_scalar)(w0[p]);
    s1 += x[p] * WB_RFN(bf16_scalar)(w1[p]);
    s2 += x[p] * WB_RFN(bf16_scalar)(w2[p]);
    s3 += x[p] * WB_RFN(bf16_scalar)(w3[p]);
  }
  out[0] = s0, out[1] = s1, out[2] = s2, out[3] = s3;
}

void WB_CAT3(wb_linear, bf16, WB_FAMILY)(long m, long n, long k, const float *x, long ldx, const uint16_t *w, float *y,
                                          long ldy) {
  if (m <= 0 || n <= 0) return;
  if (m <= WB_REDUCED_STREAM_ROWS) {
    WB_REDUCED_STREAM(WB_RFN(bf16_rows)(k, x + i * ldx, w + j * k, rows, out));
    return;
  }
  WB_REDUCED_PANELS({
    const uint16_t *source = w + row * k;
    long p = 0;
    for (; p + WB_FLOAT_LANES <= k; p += WB_FLOAT_LANES) {
      WB_RV v = WB_RFN(load_bf16)(source + p);
      memcpy(target + p, &v, sizeof v);
    }
    for (; p < k; p++) target[p] = WB_RFN(bf16_scalar)(source[p]);
  });
}

// ---- q8 blocks

/// Four rows of W against one row of X, block by block: each block's Σ x·q is scaled by its d.
static inline void WB_RFN(q8_rows)(long k, const float *x, const int8_t *q, const float *d, long rows, float out[4]) {
  long blocks = (k + WB_Q8_BLOCK - 1) / WB_Q8_BLOCK, whole = k / WB_Q8_BLOCK;
  long r1 = rows > 1 ? 1 : 0, r2 = rows > 2 ? 2 : 0, r3 = rows > 3 ? 3 : 0;
  const int8_t *q0 = q, *q1 = q + r1 * k, *q2 = q + r2 * k, *q3 = q + r3 * k;
  const float *d0 = d, *d1 = d + r1 * blocks, *d2 = d + r2 * blocks, *d3 = d + r3 * blocks;
  WB_RV acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
  for (long b = 0; b < whole; b++) {
    long base = b * WB_Q8_BLOCK;
    WB_RV t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (long p = base; p < base + WB_Q8_BLOCK; p += WB_FLOAT_LANES) {
      WB_RV xv = WB_RFN(load_f)(x + p);
      t0 = WB_MADD(t0, xv, WB_RFN(load_q8)(q0 + p));
      t1 = WB_MADD(t1, xv, WB_RFN(load_q8)(q1 + p));
      t2 = WB_MADD(t2, xv, WB_RFN(load_q8)(q2 + p));
      t3 = WB_MADD(t3, xv, WB_RFN(load_q8)(q3 + p));
    }
    acc0 = WB_MADD(acc0, t0, (WB_RV)d0[b]);
    acc1 = WB_MADD(acc1, t1, (WB_RV)d1[b]);
    acc2 = WB_MADD(acc2, t2, (WB_RV)d2[b]);
    acc3 = WB_MADD(acc3, t3, (WB_RV)d3[b]);
  }
  float s0 = WB_RFN(sum)(acc0), s1 = WB_RFN(sum)(acc1), s2 = WB_RFN(sum)(acc2), s3 = WB_RFN(sum)(acc3);
  if (whole < blocks) {
    float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (long p = whole * WB_Q8_BLOCK; p < k; p++) {
      t0 += x[p] * q0[p], t1 += x[p] * q1[p], t2 += x[p] * q2[p], t3 += x[p] * q3[p];
    }
    s0 += t0 * d0[whole], s1 += t1 * d1[whole], s2 += t2 * d2[whole], s3 += t3 * d3[whole];
  }
  out[0] = s0, out[1] = s1, out[2] = s2, out[3] = s3;
}

void WB_CAT3(wb_linear, q8, WB_FAMILY)(long m, long n, long k, const float *x, long ldx, const int8_t *q,
                                        const float *scales, float *y, long ldy) {
  if (m <= 0 || n <= 0) return;
  long blocks = (k + WB_Q8_BLOCK - 1) / WB_Q8_BLOCK;
  if (m <= WB_REDUCED_STREAM_ROWS) {
    WB_REDUCED_STREAM(WB_RFN(q8_rows)(k, x + i * ldx, q + j * k, scales + j * blocks, rows, out));
    return;
  }
  WB_REDUCED_PANELS({
    const int8_t *source = q + row * k;
    const float *d = scales + row * blocks;
    for (long p = 0; p < k; p++) target[p] = d[p / WB_Q8_BLOCK] * (float)source[p];
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
