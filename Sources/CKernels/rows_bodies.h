// Layer normalisation of rows and the backward of softmax rows, for one element type T and one
// family; included by kernel_bodies.h after map_bodies.h (whose vector helpers it uses) with T,
// TS and VW defined. Each row is one call's unit of work: the Swift side shares rows out across
// threads, and a row's bits do not depend on which thread computes it.

/// The first `count` (< VW) values at `p`, `fill` in the other lanes.
static inline MV MFN(vload_fill)(const T *p, long count, T fill) {
  MV v = MFN(vload_part)(p, count);
  T index[VW];
  for (int i = 0; i < VW; i++) index[i] = (T)i;
  MV lane; memcpy(&lane, index, sizeof lane);
  return WB_SELECT(lane < (T)count, v, (MV)fill);
}

void MFN(wb_layer_norm_forward)(const T *x, const T *w, const T *b, T eps, long rows, long width,
                                T *normalised, T *reciprocal_std, T *out) {
  const long d = width;
  for (long r = 0; r < rows; r++) {
    const T *xr = x + r * d;
    T *xhat = normalised + r * d, *y = out + r * d;
    const T mean = MFN(wb_sum)(xr, d) / (T)d;
    const MV m = (MV)mean;
    // Σ (x − mean)², the padding lanes of the last vector hold the mean (so add 0).
    MV s0 = (MV)(T)0, s1 = (MV)(T)0;
    long j = 0;
    for (; j + 2 * VW <= d; j += 2 * VW) {
      MV c0 = MFN(vload)(xr + j) - m, c1 = MFN(vload)(xr + j + VW) - m;
      s0 = WB_VMADD(s0, c0, c0);
      s1 = WB_VMADD(s1, c1, c1);
    }
    if (j + VW <= d) { MV c = MFN(vload)(xr + j) - m; s0 = WB_VMADD(s0, c, c); j += VW; }
    if (j < d) { MV c = MFN(vload_fill)(xr + j, d - j, mean) - m; s1 = WB_VMADD(s1, c, c); }
    const T variance = MFN(lane_sum)(s0 + s1) / (T)d;
    const T rstd = (T)1 / __builtin_elementwise_sqrt(variance + eps);
    reciprocal_std[r] = rstd;
    const MV rs = (MV)rstd;
    for (j = 0; j + VW <= d; j += VW) {
      MV h = (MFN(vload)(xr + j) - m) * rs;
      MFN(vstore)(xhat + j, h);
      MFN(vstore)(y + j, WB_VMADD(MFN(vload)(b + j), h, MFN(vload)(w + j)));
    }
    if (j < d) {
      long n = d - j;
      MV h = (MFN(vload_part)(xr + j, n) - m) * rs;
      MFN(vstore_part)(xhat + j, h, n);
      MFN(vstore_part)(y + j, WB_VMADD(MFN(vload_part)(b + j, n), h, MFN(vload_part)(w + j, n)), n);
    }
  }
}

void MFN(wb_layer_norm_backward)(const T *g, const T *normalised, const T *reciprocal_std, const T *w,
                                 long rows, long width, T *dx, T *dweight, T *dbias) {
  const long d = width;
  for (long r = 0; r < rows; r++) {
    const T *gr = g + r * d, *xhat = normalised + r * d;
    // dweight += g ⊙ x̂, dbias += g (rows in order); Σ ĝ and Σ ĝ ⊙ x̂ with ĝ = g ⊙ w.
    MV sg = (MV)(T)0, sgx = (MV)(T)0;
    long j = 0;
    for (; j + VW <= d; j += VW) {
      MV gv = MFN(vload)(gr + j), h = MFN(vload)(xhat + j), ghat = gv * MFN(vload)(w + j);
      MFN(vstore)(dweight + j, WB_VMADD(MFN(vload)(dweight + j), gv, h));
      MFN(vstore)(dbias + j, MFN(vload)(dbias + j) + gv);
      sg += ghat;
      sgx = WB_VMADD(sgx, ghat, h);
    }
    if (j < d) {
      long n = d - j;
      MV gv = MFN(vload_part)(gr + j, n), h = MFN(vload_part)(xhat + j, n), ghat = gv * MFN(vload_part)(w + j, n);
      MFN(vstore_part)(dweight + j, WB_VMADD(MFN(vload_part)(dweight + j, n), gv, h), n);
      MFN(vstore_part)(dbias + j, MFN(vload_part)(dbias + j, n) + gv, n);
      sg += ghat;
      sgx = WB_VMADD(sgx, ghat, h);
    }
    if (!dx) continue;
    const MV mean_g = (MV)(MFN(lane_sum)(sg) / (T)d), mean_gx = (MV)(MFN(lane_sum)(sgx) / (T)d);
    const MV rs = (MV)reciprocal_std[r];
    T *o = dx + r * d;
    for (j = 0; j + VW <= d; j += VW) {
      MV ghat = MFN(vload)(gr + j) * MFN(vload)(w + j);
      MFN(vstore)(o + j, rs * (ghat - mean_g - MFN(vload)(xhat + j) * mean_gx));
    }
    if (j < d) {
      long n = d - j;
      MV ghat = MFN(vload_part)(gr + j, n) * MFN(vload_part)(w + j, n);
      MFN(vstore_part)(o + j, rs * (ghat - mean_g - MFN(vload_part)(xhat + j, n) * mean_gx), n);
    }
  }
}

void MFN(wb_softmax_backward_rows)(const T *p, const T *dp, T *out, long rows, long width, long stride, T scale) {
  for (long r = 0; r < rows; r++) {
    const T *pr = p + r * stride, *dr = dp + r * stride;
    T *o = out + r * stride;
    const MV total = (MV)MFN(wb_dot)(dr, pr, width), s = (MV)scale;
    long j = 0;
    for (; j + VW <= width; j += VW) MFN(vstore)(o + j, MFN(vload)(pr + j) * (MFN(vload)(dr + j) - total) * s);
    if (j < width) {
      long n = width - j;
      MFN(vstore_part)(o + j, MFN(vload_part)(pr + j, n) * (MFN(vload_part)(dr + j, n) - total) * s, n);
    }
  }
}
