// The AdamW update for one element type T and one family; included by kernel_bodies.h after
// map_bodies.h (whose vector helpers it uses) with T, TS and VW defined. Elementwise: each
// element's bits do not depend on how the Swift side splits the range across threads.

void MFN(wb_adamw)(T *theta, T *m, T *v, const T *g, long count, T decay, T beta1, T beta2, T step_size,
                   T root2, T epsilon) {
  const MV b1 = (MV)beta1, c1 = (MV)((T)1 - beta1), b2 = (MV)beta2, c2 = (MV)((T)1 - beta2);
  const MV dec = (MV)decay, lr = (MV)step_size, r2 = (MV)root2, eps = (MV)epsilon;
  long i = 0;
#define WB_ADAMW_STEP(load, store, ...)                                                               \
  do {                                                                                                \
    MV gv = load(g + i __VA_ARGS__);                                                                  \
    MV mi = b1 * load(m + i __VA_ARGS__) + c1 * gv;                                                   \
    MV vi = b2 * load(v + i __VA_ARGS__) + c2 * gv * gv;                                              \
    MV t = load(theta + i __VA_ARGS__) * dec;                                                         \
    t -= lr * mi / (__builtin_elementwise_sqrt(vi) / r2 + eps);                                       \
    store(m + i, mi __VA_ARGS__);                                                                     \
    store(v + i, vi __VA_ARGS__);                                                                     \
    store(theta + i, t __VA_ARGS__);                                                                  \
  } while (0)
  for (; i + VW <= count; i += VW) WB_ADAMW_STEP(MFN(vload), MFN(vstore));
  if (i < count) {
    long n = count - i;
    WB_ADAMW_STEP(MFN(vload_part), MFN(vstore_part), , n);
  }
#undef WB_ADAMW_STEP
}
