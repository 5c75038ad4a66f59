// tanh and the logistic sigmoid of float vectors for one family; included by kernel_bodies.h after
// elementwise_bodies.h (its vector exponential and select) and the float map_bodies.h (its vector
// helpers). tanh follows the Cephes library (S. Moshier, tanhf.c): an odd polynomial for
// |x| < 0.625, 1 − 2/(e²ˣ + 1) beyond; NaN stays NaN. Every element goes through the vector code.

#define HFN(name) WB_CAT3(name, f32, WB_FAMILY)
#define HV HFN(wb_mv)
#define HL WB_FLOAT_LANES
#define HSELECT WB_CAT3(select, f32, WB_FAMILY)
#define HEXP WB_CAT3(exp, f32, WB_FAMILY)

static inline HV HFN(tanh)(HV x) {
  HV magnitude = HSELECT(x < 0.0f, -x, x);
  HV z = x * x;
  HV p = (HV)-5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  HV small = x + x * z * p;
  HV e = HEXP(2.0f * HSELECT(magnitude > 44.0f, (HV)44.0f, magnitude));
  HV large = 1.0f - 2.0f / (e + 1.0f);
  large = HSELECT(x < 0.0f, -large, large);
  HV result = HSELECT(magnitude >= 0.625f, large, small);
  return HSELECT(x != x, x, result);
}

void HFN(wb_tanh)(const float *x, float *out, long count) {
  long i = 0;
  for (; i + HL <= count; i += HL) HFN(vstore)(out + i, HFN(tanh)(HFN(vload)(x + i)));
  if (i < count) HFN(vstore_part)(out + i, HFN(tanh)(HFN(vload_part)(x + i, count - i)), count - i);
}

void HFN(wb_sigmoid)(const float *x, float *out, long count) {
  long i = 0;
  for (; i + HL <= count; i += HL) HFN(vstore)(out + i, 1.0f / (1.0f + HEXP(-HFN(vload)(x + i))));
  if (i < count) HFN(vstore_part)(out + i, 1.0f / (1.0f + HEXP(-HFN(vload_part)(x + i, count - i))), count - i);
}

#undef HFN
#undef HV
#undef HL
#undef HSELECT
#undef HEXP
