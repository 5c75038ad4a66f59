// Elementwise maps and reductions for one element type T and one family; included by
// kernel_bodies.h with T, TS (type suffix) and VW (lanes per vector) defined. Every loop runs
// VW lanes at a time and then the last partial vector through the same vector code (loaded into
// a zero-padded vector), so every element of a row sees the same operations.
//
// Maps are exact (one IEEE operation per element, as the reference). Sums and dot products keep
// two vectors of running partial sums (2·VW lanes, element i in lane i mod 2·VW), then add the
// lanes in increasing order: the bits depend on the family (its VW) only.

#define MFN(name) WB_CAT3(name, TS, WB_FAMILY)
#define MV MFN(wb_mv)

typedef T MV __attribute__((ext_vector_type(VW)));

#if WB_HAS_FMA
#define WB_VMADD(acc, x, y) __builtin_elementwise_fma((x), (y), (acc))
#else
#define WB_VMADD(acc, x, y) ((acc) + (x) * (y))
#endif

static inline MV MFN(vload)(const T *p) { MV v; memcpy(&v, p, sizeof v); return v; }
static inline void MFN(vstore)(T *p, MV v) { memcpy(p, &v, sizeof v); }

// Partial vectors (the last `count` < VW elements of a row). AVX-512 and AVX2 load and store them
// with masked moves, which never touch memory past `count` elements; the baseline goes through a
// zero-padded copy on the stack.
#if defined(__x86_64__) && WB_FLOAT_LANES == 16
#define WB_MASKED_PART 512
#elif defined(__x86_64__) && WB_FLOAT_LANES == 8 && WB_HAS_FMA
#define WB_MASKED_PART 256
#else
#define WB_MASKED_PART 0
#endif

#if WB_MASKED_PART == 256
/// Lanes 0..<count set (all bits), the others clear, as the mask of an AVX2 masked move.
static inline __m256i MFN(part_mask)(long count) {
  if (sizeof(T) == 4) {
    int words[8];
    for (int i = 0; i < 8; i++) words[i] = i < count ? -1 : 0;
    return _mm256_loadu_si256((const __m256i *)words);
  }
  long long words[4];
  for (int i = 0; i < 4; i++) words[i] = i < count ? -1 : 0;
  return _mm256_loadu_si256((const __m256i *)words);
}
#endif

/// The first `count` (< VW) values at `p`, zero in the other lanes.
static inline MV MFN(vload_part)(const T *p, long count) {
#if WB_MASKED_PART == 512
  if (sizeof(T) == 4) { __m512 v = _mm512_maskz_loadu_ps((__mmask16)((1u << count) - 1), p); MV r; memcpy(&r, &v, sizeof r); return r; }
  else { __m512d v = _mm512_maskz_loadu_pd((__mmask8)((1u << count) - 1), p); MV r; memcpy(&r, &v, sizeof r); return r; }
#elif WB_MASKED_PART == 256
  if (sizeof(T) == 4) { __m256 v = _mm256_maskload_ps((const float *)p, MFN(part_mask)(count)); MV r; memcpy(&r, &v, sizeof r); return r; }
  else { __m256d v = _mm256_maskload_pd((const double *)p, MFN(part_mask)(count)); MV r; memcpy(&r, &v, sizeof r); return r; }
#else
  T lanes[VW] = {0};
  memcpy(lanes, p, (size_t)count * sizeof(T));
  MV v; memcpy(&v, lanes, sizeof v); return v;
#endif
}

/// Stores the first `count` (< VW) lanes of `v` at `p`.
static inline void MFN(vstore_part)(T *p, MV v, long count) {
#if WB_MASKED_PART == 512
  if (sizeof(T) == 4) { __m512 w; memcpy(&w, &v, sizeof w); _mm512_mask_storeu_ps(p, (__mmask16)((1u << count) - 1), w); }
  else { __m512d w; memcpy(&w, &v, sizeof w); _mm512_mask_storeu_pd(p, (__mmask8)((1u << count) - 1), w); }
#elif WB_MASKED_PART == 256
  if (sizeof(T) == 4) { __m256 w; memcpy(&w, &v, sizeof w); _mm256_maskstore_ps((float *)p, MFN(part_mask)(count), w); }
  else { __m256d w; memcpy(&w, &v, sizeof w); _mm256_maskstore_pd((double *)p, MFN(part_mask)(count), w); }
#else
  T lanes[VW];
  memcpy(lanes, &v, sizeof v);
  memcpy(p, lanes, (size_t)count * sizeof(T));
#endif
}

// Lane by lane `mask ? yes : no` (mask: the result of a vector comparison).
#define WB_SELECT(mask, yes, no) ((MV)((((__typeof__(mask))(yes)) & (mask)) | (((__typeof__(mask))(no)) & ~(mask))))

/// The lanes of `v` added in increasing order.
static inline T MFN(lane_sum)(MV v) {
  T lanes[VW];
  memcpy(lanes, &v, sizeof v);
  T total = lanes[0];
  for (int i = 1; i < VW; i++) total += lanes[i];
  return total;
}

// out[i] = x[i·xs] ∘ y[i·ys] for one operator expression `f(a, b)` on vectors.
#define WB_ZIP(f)                                                                                     \
  do {                                                                                                \
    long i = 0;                                                                                       \
    if (x_step == 1 && y_step == 1) {                                                                 \
      for (; i + VW <= count; i += VW) {                                                              \
        MV a = MFN(vload)(x + i), b = MFN(vload)(y + i);                                              \
        MFN(vstore)(out + i, f);                                                                      \
      }                                                                                               \
      if (i < count) {                                                                                \
        MV a = MFN(vload_part)(x + i, count - i), b = MFN(vload_part)(y + i, count - i);              \
        MFN(vstore_part)(out + i, f, count - i);                                                      \
      }                                                                                               \
    } else if (x_step == 1 && y_step == 0) {                                                          \
      const MV b = (MV)y[0];                                                                          \
      for (; i + VW <= count; i += VW) {                                                              \
        MV a = MFN(vload)(x + i);                                                                     \
        MFN(vstore)(out + i, f);                                                                      \
      }                                                                                               \
      if (i < count) {                                                                                \
        MV a = MFN(vload_part)(x + i, count - i);                                                     \
        MFN(vstore_part)(out + i, f, count - i);                                                      \
      }                                                                                               \
    } else if (x_step == 0 && y_step == 1) {                                                          \
      const MV a = (MV)x[0];                                                                          \
      for (; i + VW <= count; i += VW) {                                                              \
        MV b = MFN(vload)(y + i);                                                                     \
        MFN(vstore)(out + i, f);                                                                      \
      }                                                                                               \
      if (i < count) {                                                                                \
        MV b = MFN(vload_part)(y + i, count - i);                                                     \
        MFN(vstore_part)(out + i, f, count - i);                                                      \
      }                                                                                               \
    } else {                                                                                          \
      for (; i < count; i++) {                                                                        \
        MV a = (MV)x[i * x_step], b = (MV)y[i * y_step];                                              \
        out[i] = (f)[0];                                                                              \
      }                                                                                               \
    }                                                                                                 \
  } while (0)

void MFN(wb_binary)(wb_binary_op op, const T *x, long x_step, const T *y, long y_step, T *out, long count) {
  switch (op) {
  case WB_ADD: WB_ZIP(a + b); break;
  case WB_SUBTRACT: WB_ZIP(a - b); break;
  case WB_MULTIPLY: WB_ZIP(a * b); break;
  default: WB_ZIP(a / b); break; // WB_DIVIDE
  }
}
#undef WB_ZIP

// out[i] = f(x[i]) for one vector expression of `a`.
#define WB_MAP1(f)                                                                                    \
  do {                                                                                                \
    long i = 0;                                                                                       \
    for (; i + VW <= count; i += VW) {                                                                \
      MV a = MFN(vload)(x + i);                                                                       \
      MFN(vstore)(out + i, f);                                                                        \
    }                                                                                                 \
    if (i < count) {                                                                                  \
      MV a = MFN(vload_part)(x + i, count - i);                                                       \
      MFN(vstore_part)(out + i, f, count - i);                                                        \
    }                                                                                                 \
  } while (0)

void MFN(wb_unary)(wb_unary_function function, const T *x, T *out, long count) {
  switch (function) {
  case WB_NEGATE: WB_MAP1(-a); break;
  // ReLU: x > 0 ? x : 0 (NaN gives 0, as the reference).
  case WB_RELU: WB_MAP1(WB_SELECT(a > (T)0, a, (MV)(T)0)); break;
  default: WB_MAP1(__builtin_elementwise_sqrt(a)); break; // WB_SQRT
  }
}
#undef WB_MAP1

// out[i] = f(x[i], y[i], g[i]) for one vector expression of `a` (x), `b` (y), `c` (g).
#define WB_MAP3(f)                                                                                    \
  do {                                                                                                \
    long i = 0;                                                                                       \
    for (; i + VW <= count; i += VW) {                                                                \
      MV a = MFN(vload)(x + i), b = MFN(vload)(y + i), c = MFN(vload)(g + i);                         \
      (void)a; (void)b;                                                                               \
      MFN(vstore)(out + i, f);                                                                        \
    }                                                                                                 \
    if (i < count) {                                                                                  \
      MV a = MFN(vload_part)(x + i, count - i), b = MFN(vload_part)(y + i, count - i);                \
      MV c = MFN(vload_part)(g + i, count - i);                                                       \
      (void)a; (void)b;                                                                               \
      MFN(vstore_part)(out + i, f, count - i);                                                        \
    }                                                                                                 \
  } while (0)

void MFN(wb_unary_backward)(wb_unary_function function, const T *x, const T *y, const T *g, T *out, long count) {
  switch (function) {
  case WB_NEGATE: WB_MAP3(-c); break;
  case WB_RELU: WB_MAP3(WB_SELECT(a > (T)0, c, (MV)(T)0)); break;
  case WB_SQRT: WB_MAP3(c / ((T)2 * b)); break;        // g / (2y)
  case WB_LOG: WB_MAP3(c / a); break;                  // g / x
  case WB_EXP: WB_MAP3(c * b); break;                  // g·y
  case WB_TANH: WB_MAP3(c * ((T)1 - b * b)); break;    // g(1 − y²)
  default: WB_MAP3(c * (b * ((T)1 - b))); break;      // WB_SIGMOID: g·y(1 − y)
  }
}
#undef WB_MAP3

T MFN(wb_sum)(const T *x, long count) {
  MV s0 = (MV)(T)0, s1 = (MV)(T)0;
  long i = 0;
  for (; i + 2 * VW <= count; i += 2 * VW) {
    s0 += MFN(vload)(x + i);
    s1 += MFN(vload)(x + i + VW);
  }
  if (i + VW <= count) { s0 += MFN(vload)(x + i); i += VW; }
  if (i < count) s1 += MFN(vload_part)(x + i, count - i);
  return MFN(lane_sum)(s0 + s1);
}

T MFN(wb_dot)(const T *x, const T *y, long count) {
  MV s0 = (MV)(T)0, s1 = (MV)(T)0;
  long i = 0;
  for (; i + 2 * VW <= count; i += 2 * VW) {
    s0 = WB_VMADD(s0, MFN(vload)(x + i), MFN(vload)(y + i));
    s1 = WB_VMADD(s1, MFN(vload)(x + i + VW), MFN(vload)(y + i + VW));
  }
  if (i + VW <= count) { s0 = WB_VMADD(s0, MFN(vload)(x + i), MFN(vload)(y + i)); i += VW; }
  if (i < count) s1 = WB_VMADD(s1, MFN(vload_part)(x + i, count - i), MFN(vload_part)(y + i, count - i));
  return MFN(lane_sum)(s0 + s1);
}

void MFN(wb_row_dots)(const T *x, const T *y, long rows, long width, T *out) {
  for (long r = 0; r < rows; r++) out[r] = MFN(wb_dot)(x + r * width, y + r * width, width);
}

void MFN(wb_column_sums)(const T *x, long rows, long width, long stride, T *out) {
  // Columns in blocks of four vectors, each kept in registers over all the rows (summed in row
  // order, as the reference).
  long j = 0;
  for (; j + 4 * VW <= width; j += 4 * VW) {
    MV a0 = MFN(vload)(out + j), a1 = MFN(vload)(out + j + VW);
    MV a2 = MFN(vload)(out + j + 2 * VW), a3 = MFN(vload)(out + j + 3 * VW);
    for (long r = 0; r < rows; r++) {
      const T *row = x + r * stride + j;
      a0 += MFN(vload)(row);
      a1 += MFN(vload)(row + VW);
      a2 += MFN(vload)(row + 2 * VW);
      a3 += MFN(vload)(row + 3 * VW);
    }
    MFN(vstore)(out + j, a0);
    MFN(vstore)(out + j + VW, a1);
    MFN(vstore)(out + j + 2 * VW, a2);
    MFN(vstore)(out + j + 3 * VW, a3);
  }
  for (; j + VW <= width; j += VW) {
    MV a = MFN(vload)(out + j);
    for (long r = 0; r < rows; r++) a += MFN(vload)(x + r * stride + j);
    MFN(vstore)(out + j, a);
  }
  if (j < width) {
    long n = width - j;
    MV a = MFN(vload_part)(out + j, n);
    for (long r = 0; r < rows; r++) a += MFN(vload_part)(x + r * stride + j, n);
    MFN(vstore_part)(out + j, a, n);
  }
}
