// Elementwise float kernels for one family (included by kernel_bodies.h with WB_FAMILY and
// WB_FLOAT_LANES defined): the exponential, GELU and its derivative, with the polynomial
// approximations of the Cephes library (S. Moshier, expf.c), as the Swift kernels use. Every
// element, the last partial vector included, goes through the same vector code.

#define EFN(name) WB_CAT3(name, f32, WB_FAMILY)
#define VF EFN(wb_vf)
#define VI EFN(wb_vi)
#define LANES WB_FLOAT_LANES

typedef float VF __attribute__((ext_vector_type(LANES)));
typedef int VI __attribute__((ext_vector_type(LANES)));

static inline VF EFN(select)(VI mask, VF yes, VF no) { return (VF)(((VI)yes & mask) | ((VI)no & ~mask)); }

/// eˣ lane by lane: 0 below −87.3, NaN stays NaN, within a few ulp elsewhere.
static inline VF EFN(exp)(VF x) {
  const float low = -87.3f, high = 88.3f;
  VF clamped = EFN(select)(x < low, (VF)low, x);
  clamped = EFN(select)(clamped > high, (VF)high, clamped);
  // n = round(x / ln 2) (adding and removing 1.5·2²³ rounds to nearest even); x = n·ln 2 + r.
  const float magic = 12582912.0f;
  VF n = (clamped * 1.44269504088896341f + magic) - magic;
  VF r = clamped - n * 0.693359375f;
  r = r + n * 2.12194440e-4f;
  VF p = (VF)1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  VF er = p * (r * r) + r + 1.0f;
  // 2ⁿ from its bit pattern: n + 127 in the exponent bits.
  VI exponent = ((VI)(n + (127.0f + magic)) & 0xff) << 23;
  VF result = er * (VF)exponent;
  result = EFN(select)(x < low, (VF)0.0f, result);
  return EFN(select)(x != x, x, result);
}

/// GELU (tanh form) as x·σ(2u) = x / (1 + e^(−2u)), u = √(2/π)(x + 0.044715x³).
static inline VF EFN(gelu)(VF x) {
  const float c = 0.7978845608028654f, k = 0.044715f;
  return x / (1.0f + EFN(exp)((-2.0f * c) * (x + k * x * x * x)));
}

/// d/dx GELU = s + 2x·s(1 − s)·√(2/π)(1 + 3·0.044715x²), s = σ(2u).
static inline VF EFN(gelu_derivative)(VF x) {
  const float c = 0.7978845608028654f, k = 0.044715f;
  VF x2 = x * x;
  VF s = 1.0f / (1.0f + EFN(exp)((-2.0f * c) * (x + k * x2 * x)));
  return s + x * s * (1.0f - s) * ((2.0f * c) * (1.0f + (3.0f * k) * x2));
}

static inline VF EFN(load_part)(const float *p, long count) {
  float lanes[LANES] = {0};
  memcpy(lanes, p, (size_t)count * sizeof(float));
  VF v; memcpy(&v, lanes, sizeof v); return v;
}

static inline void EFN(store_part)(float *p, VF v, long count) {
  float lanes[LANES];
  memcpy(lanes, &v, sizeof v);
  memcpy(p, lanes, (size_t)count * sizeof(float));
}

#define WB_MAP(body)                                                                                  \
  long i = 0;                                                                                         \
  for (; i + LANES <= count; i += LANES) {                                                            \
    VF x; memcpy(&x, xs + i, sizeof x);                                                               \
    VF y = body;                                                                                      \
    memcpy(out + i, &y, sizeof y);                                                                    \
  }                                                                                                   \
  if (i < count) {                                                                                    \
    VF x = EFN(load_part)(xs + i, count - i);                                                         \
    EFN(store_part)(out + i, body, count - i);                                                        \
  }

void EFN(wb_exp)(const float *xs, float *out, long count) { WB_MAP(EFN(exp)(x)) }

void EFN(wb_gelu)(const float *xs, float *out, long count) { WB_MAP(EFN(gelu)(x)) }

void EFN(wb_gelu_backward)(const float *xs, const float *g, float *out, long count) {
  long i = 0;
  for (; i + LANES <= count; i += LANES) {
    VF x, gv;
    memcpy(&x, xs + i, sizeof x);
    memcpy(&gv, g + i, sizeof gv);
    VF y = gv * EFN(gelu_derivative)(x);
    memcpy(out + i, &y, sizeof y);
  }
  if (i < count) {
    VF x = EFN(load_part)(xs + i, count - i), gv = EFN(load_part)(g + i, count - i);
    EFN(store_part)(out + i, gv * EFN(gelu_derivative)(x), count - i);
  }
}

#undef WB_MAP
#undef EFN
#undef VF
#undef VI
#undef LANES
