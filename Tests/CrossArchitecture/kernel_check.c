// Checks the entry points of the C kernels (Sources/CKernels) of every family this CPU runs
// against plain double-precision loops, for a CPU the development machines are not: built for
// arm64 (NEON, the baseline family there) by scripts/check-arm64.sh and run under qemu.
// Prints one line per family and exits 1 at the first value outside its bound.
#include "CKernels.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 0x9E3779B97F4A7C15ULL;
static double uniform(void) {  // SplitMix64, in [−1, 1)
  unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0 * 2 - 1;
}

static int failures = 0;
static void expect(int ok, const char *what, int family, long m, long n, long k, int ta, int tb, double error) {
  if (!ok) {
    printf("FAIL %s family %d m %ld n %ld k %ld tA %d tB %d error %g\n", what, family, m, n, k, ta, tb, error);
    failures++;
  }
}

/// Products of every transpose, accumulating or not, on sizes either side of the tiles, the
/// few-rows path and the depth panel, against a double dot product; bound: 2(k + 2)ε Σ|a·b|.
static void check_products(int family) {
  static const long sizes[][3] = {{1, 1, 1}, {3, 40, 70}, {5, 7, 3}, {14, 32, 256}, {15, 33, 257},
                                  {31, 65, 300}, {64, 64, 64}, {100, 50, 600}, {7, 129, 16}};
  for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
    for (int t = 0; t < 8; t++) {
      long m = sizes[s][0], n = sizes[s][1], k = sizes[s][2];
      int ta = t & 1, tb = (t >> 1) & 1, acc = t >> 2;
      float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n), *c = malloc(sizeof(float) * m * n);
      double *ad = malloc(sizeof(double) * m * k), *bd = malloc(sizeof(double) * k * n), *cd = malloc(sizeof(double) * m * n);
      for (long i = 0; i < m * k; i++) ad[i] = a[i] = (float)uniform();
      for (long i = 0; i < k * n; i++) bd[i] = b[i] = (float)uniform();
      for (long i = 0; i < m * n; i++) cd[i] = c[i] = 0.5f;
      if (m <= 4) {
        wb_gemv_f32(family, m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, acc);
        wb_gemv_f64(family, m, n, k, ad, ta ? m : k, ta, bd, tb ? k : n, tb, cd, n, acc);
      } else {
        wb_gemm_f32(family, m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, acc);
        wb_gemm_f64(family, m, n, k, ad, ta ? m : k, ta, bd, tb ? k : n, tb, cd, n, acc);
      }
      double worst32 = 0, worst64 = 0;
      for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
          double exact = acc ? 0.5 : 0, magnitude = acc ? 0.5 : 0;
          for (long p = 0; p < k; p++) {
            double x = ta ? ad[p * m + i] : ad[i * k + p], y = tb ? bd[j * k + p] : bd[p * n + j];
            exact += x * y;
            magnitude += fabs(x * y);
          }
          double e32 = fabs(c[i * n + j] - exact) / (2 * (k + 2) * 0x1p-23 * magnitude + 1e-30);
          double e64 = fabs(cd[i * n + j] - exact) / (2 * (k + 2) * 0x1p-52 * magnitude + 1e-300);
          if (e32 > worst32) worst32 = e32;
          if (e64 > worst64) worst64 = e64;
        }
      expect(worst32 <= 1, "gemm/gemv f32", family, m, n, k, ta, tb, worst32);
      expect(worst64 <= 1, "gemm/gemv f64", family, m, n, k, ta, tb, worst64);
      free(a); free(b); free(c); free(ad); free(bd); free(cd);
    }
}

/// exp, GELU and GELU's derivative against libm in double, on 1000 points in [−12, 12] and the
/// edges (−100 → 0, NaN stays NaN); relative bound 4e-6 (a few float ulp).
static void check_elementwise(int family) {
  enum { count = 1003 };
  float x[count], g[count], out[count];
  for (int i = 0; i < 1000; i++) x[i] = (float)(-12 + 24.0 * i / 999);
  x[1000] = -100; x[1001] = NAN; x[1002] = 0;
  for (int i = 0; i < count; i++) g[i] = (float)uniform();
  const double c = 0.7978845608028654, kk = 0.044715;
  wb_exp_f32(family, x, out, count);
  for (int i = 0; i < count; i++) {
    double want = exp((double)x[i]);
    int ok = isnan(x[i]) ? isnan(out[i]) : fabs(out[i] - want) <= 4e-6 * want + 1e-38;
    expect(ok, "exp", family, i, 0, 0, 0, 0, out[i] - want);
  }
  wb_gelu_f32(family, x, out, count - 1);
  for (int i = 0; i < count - 1; i++) {
    double v = x[i], want = 0.5 * v * (1 + tanh(c * (v + kk * v * v * v)));
    int ok = isnan(x[i]) ? isnan(out[i]) : fabs(out[i] - want) <= 4e-6 * fabs(v) + 1e-30;
    expect(ok, "gelu", family, i, 0, 0, 0, 0, out[i] - want);
  }
  wb_gelu_backward_f32(family, x, g, out, 1000);
  for (int i = 0; i < 1000; i++) {
    double v = x[i], u = c * (v + kk * v * v * v), t = tanh(u);
    double want = g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 3 * kk * v * v));
    expect(fabs(out[i] - want) <= 1e-5 * (1 + fabs(v)), "gelu backward", family, i, 0, 0, 0, 0, out[i] - want);
  }
}


/// The maps, reductions, rows and optimizer kernels against double loops: binary maps and unary
/// maps exact, sums and dots within (n + 2)ε Σ|terms|, tanh/sigmoid/softmax/layer norm within a
/// few float ulp, one AdamW step within 1e-6 relative.
static void check_rows_and_maps(int family) {
  enum { rows = 5, width = 77, count = rows * width };
  float x[count], y[count], out[count], out2[count], w[width], b[width], stats[rows];
  double xd[count], yd[count], outd[count];
  for (int i = 0; i < count; i++) {
    xd[i] = x[i] = (float)(3 * uniform());
    yd[i] = y[i] = (float)(uniform() + 1.5);
  }
  for (int j = 0; j < width; j++) { w[j] = (float)(1 + 0.5 * uniform()); b[j] = (float)uniform(); }
  for (int op = 0; op < 4; op++) {
    wb_binary_f32(family, op, x, 1, y, 1, out, count);
    wb_binary_f64(family, op, xd, 1, yd, 1, outd, count);
    for (int i = 0; i < count; i++) {
      float want = op == 0 ? x[i] + y[i] : op == 1 ? x[i] - y[i] : op == 2 ? x[i] * y[i] : x[i] / y[i];
      double wantd = op == 0 ? xd[i] + yd[i] : op == 1 ? xd[i] - yd[i] : op == 2 ? xd[i] * yd[i] : xd[i] / yd[i];
      expect(out[i] == want && outd[i] == wantd, "binary map", family, op, i, 0, 0, 0, out[i] - want);
    }
  }
  double exact = 0, magnitude = 0, dot = 0, dot_magnitude = 0;
  for (int i = 0; i < count; i++) {
    exact += x[i]; magnitude += fabs(x[i]);
    dot += (double)x[i] * y[i]; dot_magnitude += fabs((double)x[i] * y[i]);
  }
  expect(fabs(wb_sum_f32(family, x, count) - exact) <= (count + 2) * 0x1p-23 * magnitude, "sum", family, count, 0, 0, 0, 0, 0);
  expect(fabs(wb_dot_f32(family, x, y, count) - dot) <= (count + 2) * 0x1p-23 * dot_magnitude, "dot", family, count, 0, 0, 0, 0, 0);
  wb_tanh_f32(family, x, out, count);
  wb_sigmoid_f32(family, x, out2, count);
  for (int i = 0; i < count; i++) {
    expect(fabs(out[i] - tanh((double)x[i])) <= 4e-7 * (1 + fabs(tanh((double)x[i]))), "tanh", family, i, 0, 0, 0, 0, out[i] - tanh((double)x[i]));
    double s = 1 / (1 + exp(-(double)x[i]));
    expect(fabs(out2[i] - s) <= 4e-7, "sigmoid", family, i, 0, 0, 0, 0, out2[i] - s);
  }
  wb_softmax_rows_f32(family, x, out, rows, width, width, 0.5f, 0);
  for (int r = 0; r < rows; r++) {
    double top = -INFINITY, total = 0;
    for (int j = 0; j < width; j++) if (0.5 * x[r * width + j] > top) top = 0.5 * x[r * width + j];
    for (int j = 0; j < width; j++) total += exp(0.5 * x[r * width + j] - top);
    for (int j = 0; j < width; j++) {
      double want = exp(0.5 * x[r * width + j] - top) / total;
      expect(fabs(out[r * width + j] - want) <= 1e-6 * want + 1e-9, "softmax rows", family, r, j, 0, 0, 0, out[r * width + j] - want);
    }
  }
  wb_layer_norm_forward_f32(family, x, w, b, 1e-5f, rows, width, out2, stats, out);
  for (int r = 0; r < rows; r++) {
    double mean = 0, variance = 0;
    for (int j = 0; j < width; j++) mean += x[r * width + j];
    mean /= width;
    for (int j = 0; j < width; j++) variance += (x[r * width + j] - mean) * (x[r * width + j] - mean);
    double inverse = 1 / sqrt(variance / width + 1e-5);
    for (int j = 0; j < width; j++) {
      double want = (x[r * width + j] - mean) * inverse * w[j] + b[j];
      expect(fabs(out[r * width + j] - want) <= 2e-6 * (1 + fabs(want)), "layer norm", family, r, j, 0, 0, 0, out[r * width + j] - want);
    }
  }
  // One AdamW step from m = v = 0 on θ = x with gradient y (decay 0.999, β 0.9/0.95, step 1e-3).
  float theta[count], m[count], v[count];
  for (int i = 0; i < count; i++) { theta[i] = x[i]; m[i] = 0; v[i] = 0; }
  const double beta1 = 0.9, beta2 = 0.95, step = 1e-3 / (1 - beta1), root2 = sqrt(1 - beta2);
  wb_adamw_f32(family, theta, m, v, y, count, 0.999f, 0.9f, 0.95f, (float)step, (float)root2, 1e-8f);
  for (int i = 0; i < count; i++) {
    double mi = (1 - beta1) * y[i], vi = (1 - beta2) * (double)y[i] * y[i];
    double want = 0.999 * x[i] - step * mi / (sqrt(vi) / root2 + 1e-8);
    expect(fabs(theta[i] - want) <= 1e-6 * (1 + fabs(want)), "adamw", family, i, 0, 0, 0, 0, theta[i] - want);
  }
}

/// Products with bfloat16 and q8 weights, streamed (m ≤ 4) and through panels (m > 4), on depths
/// with and without a partial vector or q8 block and row counts with a partial tile of four,
/// against a double product of the dequantised weights; bound: 2(k + 2)ε Σ|x·w|. The weights are
/// stored as the kernels read them: tiles of four rows, block b of 32 columns of each row in turn,
/// padded with zeros (ReducedPrecisionMatrix's layout).
static void check_reduced(int family) {
  static const long sizes[][3] = {{1, 1, 1}, {1, 70, 768}, {3, 9, 45}, {4, 5, 64}, {5, 67, 100}, {17, 130, 96}};
  for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    long m = sizes[s][0], n = sizes[s][1], k = sizes[s][2], blocks = (k + 31) / 32, rows = (n + 3) / 4 * 4;
    float *x = malloc(sizeof(float) * m * k), *y = malloc(sizeof(float) * m * n);
    float *scales = calloc((size_t)(rows * blocks), sizeof(float));
    double *wb = malloc(sizeof(double) * n * k), *wq = malloc(sizeof(double) * n * k);
    unsigned short *bf = calloc((size_t)(rows * blocks * 32), sizeof(unsigned short));
    signed char *q = calloc((size_t)(rows * blocks * 32), 1);
#define TILE(j, p) ((((j) / 4 * blocks + (p) / 32) * 4 + (j) % 4) * 32 + (p) % 32)
#define SCALE(j, b) (((j) / 4 * blocks + (b)) * 4 + (j) % 4)
    for (long i = 0; i < m * k; i++) x[i] = (float)uniform();
    for (long j = 0; j < n; j++)
      for (long b = 0; b < blocks; b++) {
        scales[SCALE(j, b)] = (float)(fabs(uniform()) / 127 + 1e-3);
        for (long p = b * 32; p < k && p < b * 32 + 32; p++) {
          float w = (float)uniform();
          unsigned bits;
          memcpy(&bits, &w, 4);
          bf[TILE(j, p)] = (unsigned short)(bits >> 16);
          bits &= 0xFFFF0000u;
          float widened;
          memcpy(&widened, &bits, 4);
          wb[j * k + p] = widened;
          q[TILE(j, p)] = (signed char)(127 * uniform());
          wq[j * k + p] = (double)scales[SCALE(j, b)] * q[TILE(j, p)];
        }
      }
    for (int kind = 0; kind < 2; kind++) {
      const double *w = kind == 0 ? wb : wq;
      if (kind == 0) wb_linear_bf16(family, m, n, k, x, k, bf, y, n);
      else wb_linear_q8(family, m, n, k, x, k, (const int8_t *)q, scales, y, n);
      double worst = 0;
      for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
          double exact = 0, magnitude = 0;
          for (long p = 0; p < k; p++) {
            exact += x[i * k + p] * w[j * k + p];
            magnitude += fabs(x[i * k + p] * w[j * k + p]);
          }
          double e = fabs(y[i * n + j] - exact) / (2 * (k + 2) * 0x1p-23 * magnitude + 1e-30);
          if (e > worst) worst = e;
        }
      expect(worst <= 1, kind == 0 ? "linear bf16" : "linear q8", family, m, n, k, 0, 0, worst);
    }
    free(x), free(y), free(scales), free(wb), free(wq), free(bf), free(q);
#undef TILE
#undef SCALE
  }
}

int main(void) {
  for (int family = 0; family <= 2; family++) {
    if (!wb_kernels_cpu_supports(family)) continue;
    int before = failures;
    check_products(family);
    check_elementwise(family);
    check_rows_and_maps(family);
    check_reduced(family);
    printf("family %d: %s\n", family, failures == before ? "every kernel within its bound" : "FAILED");
  }
  printf("widest family: %d\n", wb_kernels_widest());
  return failures ? 1 : 0;
}
