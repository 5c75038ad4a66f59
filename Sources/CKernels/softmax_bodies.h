// Softmax and log-softmax of float rows for one family; included by kernel_bodies.h after
// elementwise_bodies.h (its vector exponential) and the float map_bodies.h (its vector helpers).
// y = e^(v − max) / Σ e^(v − max), or v − max − log Σ e^(v − max), with v = scale·x; a row that is
// entirely −∞ uses max = 0. Each row is independent: the bits do not depend on the thread split.

#define SFN(name) WB_CAT3(name, f32, WB_FAMILY)
#define SV SFN(wb_mv)
#define SL WB_FLOAT_LANES

void SFN(wb_softmax_rows)(const float *x, float *out, long rows, long width, long stride, float scale,
                          int logarithmic) {
  const SV s = (SV)scale;
  for (long r = 0; r < rows; r++) {
    const float *xr = x + r * stride;
    float *o = out + r * stride;
    // The maximum of v (NaN is skipped, as in the reference's `v > peak`).
    SV top = (SV)(-__builtin_inff());
    long j = 0;
    for (; j + SL <= width; j += SL) {
      SV v = SFN(vload)(xr + j) * s;
      top = WB_CAT3(select, f32, WB_FAMILY)(v > top, v, top);
    }
    if (j < width) {
      SV v = SFN(vload_fill)(xr + j, width - j, -__builtin_inff()) * s;
      top = WB_CAT3(select, f32, WB_FAMILY)(v > top, v, top);
    }
    float lanes[SL];
    memcpy(lanes, &top, sizeof top);
    float peak = -__builtin_inff();
    for (int i = 0; i < SL; i++)
      if (lanes[i] > peak) peak = lanes[i];
    if (peak == -__builtin_inff()) peak = 0;  // a fully masked row stays finite in log space
    const SV p = (SV)peak;
    // e^(v − max) into out, summed in two vectors of partial sums (padding lanes are e^−∞ = 0).
    SV t0 = (SV)0.0f, t1 = (SV)0.0f;
    for (j = 0; j + 2 * SL <= width; j += 2 * SL) {
      SV e0 = WB_CAT3(exp, f32, WB_FAMILY)(SFN(vload)(xr + j) * s - p);
      SV e1 = WB_CAT3(exp, f32, WB_FAMILY)(SFN(vload)(xr + j + SL) * s - p);
      SFN(vstore)(o + j, e0);
      SFN(vstore)(o + j + SL, e1);
      t0 += e0;
      t1 += e1;
    }
    if (j + SL <= width) {
      SV e = WB_CAT3(exp, f32, WB_FAMILY)(SFN(vload)(xr + j) * s - p);
      SFN(vstore)(o + j, e);
      t0 += e;
      j += SL;
    }
    if (j < width) {
      SV e = WB_CAT3(exp, f32, WB_FAMILY)(SFN(vload_fill)(xr + j, width - j, -__builtin_inff()) * s - p);
      SFN(vstore_part)(o + j, e, width - j);
      t1 += e;
    }
    const float total = SFN(lane_sum)(t0 + t1);
    if (logarithmic) {
      const SV shift = (SV)(logf(total) + peak);
      for (j = 0; j + SL <= width; j += SL) SFN(vstore)(o + j, SFN(vload)(xr + j) * s - shift);
      if (j < width) SFN(vstore_part)(o + j, SFN(vload_part)(xr + j, width - j) * s - shift, width - j);
    } else {
      const SV inverse = (SV)(1.0f / total);
      for (j = 0; j + SL <= width; j += SL) SFN(vstore)(o + j, SFN(vload)(o + j) * inverse);
      if (j < width) SFN(vstore_part)(o + j, SFN(vload_part)(o + j, width - j) * inverse, width - j);
    }
  }
}

#undef SFN
#undef SV
#undef SL
