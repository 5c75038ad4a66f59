// GEMM and GEMV bodies for one element type T (float or double) and one family; included by
// kernel_bodies.h with T, TS (type suffix), VW (lanes per vector) and MR (tile rows) defined.
//
// GEMM follows GotoBLAS/BLIS (Goto & van de Geijn, "Anatomy of high-performance matrix
// multiplication", 2008) in BLIS's loop order (Van Zee & van de Geijn, "BLIS: A framework for
// rapidly instantiating BLAS functionality", 2015): a KC × NC panel of op(B) is packed into
// NR-column strips (in L3), an MC × KC block of op(A) into MR-row strips (in L2), and the
// micro-kernel keeps an MR × NR tile of C in 2·MR vector registers, adding one rank-1 update per
// step of p, while one KC × NR strip of B stays in L1 across the strips of A. Packing absorbs the
// transposes.

#define FN(name) WB_CAT3(name, TS, WB_FAMILY)
#define V FN(wb_vec)
#define NR (2 * VW)
// A KC × NR strip of B (16 KB in AVX2 single precision) stays in L1, an MC × KC block of A
// (144 KB) in L2, a KC × NC panel of B (4 MB) in L3: BLIS's blocking for AMD Zen 3.
#ifndef WB_KC
#define KC 256
#else
#define KC WB_KC
#endif
#define MC (MR * 24)
#ifndef WB_NC_BYTES
#define WB_NC_BYTES (4096 * 4)
#endif
#define NC (WB_NC_BYTES / (long)sizeof(T))

typedef T V __attribute__((ext_vector_type(VW)));

static inline V FN(load)(const T *p) { V v; memcpy(&v, p, sizeof v); return v; }
static inline void FN(store)(T *p, V v) { memcpy(p, &v, sizeof v); }
static inline long FN(min)(long a, long b) { return a < b ? a : b; }

// A VW × VW block transposed in registers: r[i][x] becomes r[x][i]. Stage s exchanges bit s of the
// row index with bit s of the lane index between rows i and i + s (Eklundh's method), one
// two-source shuffle per row and stage, log2(VW) stages.
#define WB_LO(s, x) (((x) & (s)) ? VW + (x) - (s) : (x))
#define WB_HI(s, x) (((x) & (s)) ? VW + (x) : (x) + (s))
#if VW == 16
#define WB_LANES(F, s) F(s, 0), F(s, 1), F(s, 2), F(s, 3), F(s, 4), F(s, 5), F(s, 6), F(s, 7), F(s, 8), \
  F(s, 9), F(s, 10), F(s, 11), F(s, 12), F(s, 13), F(s, 14), F(s, 15)
#elif VW == 8
#define WB_LANES(F, s) F(s, 0), F(s, 1), F(s, 2), F(s, 3), F(s, 4), F(s, 5), F(s, 6), F(s, 7)
#elif VW == 4
#define WB_LANES(F, s) F(s, 0), F(s, 1), F(s, 2), F(s, 3)
#elif VW == 2
#define WB_LANES(F, s) F(s, 0), F(s, 1)
#endif
#define WB_STAGE(s)                                                                                   \
  for (int i = 0; i < VW; i++)                                                                        \
    if (!(i & (s))) {                                                                                 \
      V x = r[i], y = r[i + (s)];                                                                     \
      r[i] = __builtin_shufflevector(x, y, WB_LANES(WB_LO, s));                                       \
      r[i + (s)] = __builtin_shufflevector(x, y, WB_LANES(WB_HI, s));                                 \
    }

static inline __attribute__((always_inline)) void FN(transpose_block)(V r[VW]) {
#if VW > 1
  WB_STAGE(1)
#endif
#if VW > 2
  WB_STAGE(2)
#endif
#if VW > 4
  WB_STAGE(4)
#endif
#if VW > 8
  WB_STAGE(8)
#endif
}
#undef WB_STAGE
#undef WB_LANES
#undef WB_LO
#undef WB_HI

/// Reads `count` (≤ VW) rows of VW values, `ld` apart from `source` (rows past `count` are zero),
/// and writes the first `width` values of each of the VW columns they form as rows `step` apart
/// from `target`: a VW × VW block transposed in registers.
static inline __attribute__((always_inline)) void FN(transpose_rows)(const T *source, long ld, int count, T *target,
                                                                     long step, int width) {
  V r[VW];
#pragma clang loop unroll(full)
  for (int i = 0; i < VW; i++) r[i] = i < count ? FN(load)(source + i * ld) : (V)0;
  FN(transpose_block)(r);
#pragma clang loop unroll(full)
  for (int q = 0; q < VW; q++) memcpy(target + q * step, &r[q], (size_t)width * sizeof(T));
}

/// out[c·rows + r] = x[r·cols + c] for r < rows and first ≤ c < last: columns first..<last of the
/// row-major rows × cols matrix x become rows of the cols × rows matrix out. VW × VW blocks are
/// transposed in registers; the edges are copied one value at a time.
void FN(wb_transpose)(const T *x, long rows, long cols, long first, long last, T *out) {
  long r0 = 0;
  for (; r0 + VW <= rows; r0 += VW) {
    long c = first;
    for (; c + VW <= last; c += VW) FN(transpose_rows)(x + r0 * cols + c, cols, VW, out + c * rows + r0, rows, VW);
    for (; c < last; c++)
      for (long i = 0; i < VW; i++) out[c * rows + r0 + i] = x[(r0 + i) * cols + c];
  }
  for (; r0 < rows; r0++)
    for (long c = first; c < last; c++) out[c * rows + r0] = x[r0 * cols + c];
}

/// Copies op(A)[row..<row+mc, column..<column+kc] into MR-row strips of MR · KC values each:
/// for each p, the MR values of column p (strip[p·MR + r]). Rows below the last are zero.
static void FN(pack_a)(long mc, long kc, const T *a, long lda, int transposed, long row, long column,
                       T *restrict pack) {
  for (long ir = 0; ir < mc; ir += MR) {
    long rows = FN(min)(MR, mc - ir);
    T *strip = pack + ir * KC;
    if (transposed) {
      // op(A)(r, p) = a[p·lda + r]: column p of op(A) is contiguous.
      const T *source = a + column * lda + row + ir;
      for (long p = 0; p < kc; p++, source += lda)
        for (int r = 0; r < MR; r++) strip[p * MR + r] = r < rows ? source[r] : 0;
    } else {
      const T *base = a + (row + ir) * lda + column;
      long p0 = 0;
#if MR <= VW
      // VW columns of the MR rows at a time, transposed in registers.
      if (rows == MR)
        for (; p0 + VW <= kc; p0 += VW) FN(transpose_rows)(base + p0, lda, MR, strip + p0 * MR, MR, MR);
#endif
      for (long p = p0; p < kc; p++)
        for (int r = 0; r < MR; r++) strip[p * MR + r] = r < rows ? base[r * lda + p] : 0;
    }
  }
}

/// Copies op(B)[row..<row+kc, column..<column+nc] into NR-column strips: strip s holds, for each p,
/// the NR values of row p (zero right of the last column).
static void FN(pack_b)(long kc, long nc, const T *b, long ldb, int transposed, long row, long column,
                       T *restrict pack) {
  for (long jr = 0; jr < nc; jr += NR) {
    long columns = FN(min)(NR, nc - jr);
    T *strip = pack + jr * kc;
    if (transposed) {
      // op(B)(p, j) = b[j·ldb + p]: VW × VW blocks (VW values of p from each of VW rows of storage)
      // transposed in registers, then the scalar remainder.
      const T *source = b + (column + jr) * ldb + row;
      long p0 = 0;
      if (columns == NR) {
        for (; p0 + VW <= kc; p0 += VW)
          for (int half = 0; half < 2; half++)
            FN(transpose_rows)(source + half * VW * ldb + p0, ldb, VW, strip + p0 * NR + half * VW, NR, VW);
      }
      for (long p = p0; p < kc; p++)
        for (int j = 0; j < NR; j++) strip[p * NR + j] = j < columns ? source[j * ldb + p] : 0;
    } else {
      const T *source = b + row * ldb + column + jr;
      if (columns == NR) {
        for (long p = 0; p < kc; p++, source += ldb) {
          FN(store)(strip + p * NR, FN(load)(source));
          FN(store)(strip + p * NR + VW, FN(load)(source + VW));
        }
      } else {
        for (long p = 0; p < kc; p++, source += ldb)
          for (int j = 0; j < NR; j++) strip[p * NR + j] = j < columns ? source[j] : 0;
      }
    }
  }
}

/// One MR × NR tile: C[0..<rows, 0..<columns] (+)= A-strip · B-strip over kc steps of p, with
/// A(r, p) at a[p·MR + r] and B(p, j) at b[p·NR + j].
static void FN(micro)(long kc, const T *restrict a, const T *restrict b, T *restrict c, long ldc, long rows,
                      long columns, int overwrite) {
  V lo[MR], hi[MR];
#pragma clang loop unroll(full)
  for (int r = 0; r < MR; r++) { lo[r] = (V)0; hi[r] = (V)0; }
  for (int r = 0; r < MR; r++) __builtin_prefetch(c + r * ldc, 1);
  for (long p = 0; p < kc; p++) {
    V b0 = FN(load)(b), b1 = FN(load)(b + VW);
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; r++) {
      V x = (V)a[r];
      lo[r] = WB_MADD(lo[r], x, b0);
      hi[r] = WB_MADD(hi[r], x, b1);
    }
    a += MR;
    b += NR;
  }
  if (rows == MR && columns == NR) {
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; r++) {
      T *row = c + r * ldc;
      if (overwrite) {
        FN(store)(row, lo[r]);
        FN(store)(row + VW, hi[r]);
      } else {
        FN(store)(row, FN(load)(row) + lo[r]);
        FN(store)(row + VW, FN(load)(row + VW) + hi[r]);
      }
    }
    return;
  }
  T tile[MR * NR];
  for (int r = 0; r < MR; r++) {
    FN(store)(tile + r * NR, lo[r]);
    FN(store)(tile + r * NR + VW, hi[r]);
  }
  for (long r = 0; r < rows; r++) {
    T *row = c + r * ldc;
    for (long j = 0; j < columns; j++) row[j] = overwrite ? tile[r * NR + j] : row[j] + tile[r * NR + j];
  }
}

static long FN(round_up)(long x, long multiple) { return (x + multiple - 1) / multiple * multiple; }

// The packing buffers of each thread, kept between calls and grown when a product needs more: a
// fresh buffer per call would cost a system call and the kernel's zeroing of new pages (11.7% of a
// GPT-2 training step when measured), and small products would pay more for that than for the
// arithmetic. At most (MC + NC) × KC elements per thread and type (4.3 MB in AVX2 single precision).
static _Thread_local T *FN(a_scratch), *FN(b_scratch);
static _Thread_local size_t FN(a_scratch_bytes), FN(b_scratch_bytes);

static T *FN(scratch)(T **buffer, size_t *capacity, size_t bytes) {
  if (*capacity < bytes) {
    free(*buffer);
    *buffer = aligned_alloc(64, bytes);
    if (!*buffer) abort();  // out of memory: nothing sensible to return from a kernel
    *capacity = bytes;
  }
  return *buffer;
}

void FN(wb_gemm)(long m, long n, long k, const T *a, long lda, int transpose_a, const T *b, long ldb,
                 int transpose_b, T *c, long ldc, int accumulate) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate)
      for (long i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * sizeof(T));
    return;
  }
  long depth = FN(min)(k, KC);
  long block_rows = FN(min)(FN(round_up)(m, MR), MC);
  long block_columns = FN(min)(FN(round_up)(n, NR), NC);
  size_t a_bytes = (size_t)FN(round_up)(block_rows * KC * (long)sizeof(T), 64);
  size_t b_bytes = (size_t)FN(round_up)(block_columns * depth * (long)sizeof(T), 64);
  T *a_pack = FN(scratch)(&FN(a_scratch), &FN(a_scratch_bytes), a_bytes);
  T *b_pack = FN(scratch)(&FN(b_scratch), &FN(b_scratch_bytes), b_bytes);
  for (long jc = 0; jc < n; jc += NC) {
    long nc = FN(min)(NC, n - jc);
    for (long pc = 0; pc < k; pc += KC) {
      long kc = FN(min)(KC, k - pc);
      int overwrite = pc == 0 && !accumulate;
      FN(pack_b)(kc, nc, b, ldb, transpose_b, pc, jc, b_pack);
      for (long ic = 0; ic < m; ic += MC) {
        long mc = FN(min)(MC, m - ic);
        FN(pack_a)(mc, kc, a, lda, transpose_a, ic, pc, a_pack);
        for (long jr = 0; jr < nc; jr += NR) {
          long columns = FN(min)(NR, nc - jr);
          for (long ir = 0; ir < mc; ir += MR)
            FN(micro)(kc, a_pack + ir * KC, b_pack + jr * kc, c + (ic + ir) * ldc + jc + jr, ldc,
                      FN(min)(MR, mc - ir), columns, overwrite);
        }
      }
    }
  }
}

/// Horizontal sum of one vector in a fixed order (pairwise halves).
static inline T FN(sum)(V v) {
  T lanes[VW];
  FN(store)(lanes, v);
  for (int width = VW / 2; width >= 1; width /= 2)
    for (int i = 0; i < width; i++) lanes[i] += lanes[i + width];
  return lanes[0];
}

#define GEMV_ROWS 8

void FN(wb_gemv)(long m, long n, long k, const T *a, long lda, int transpose_a, const T *b, long ldb,
                 int transpose_b, T *c, long ldc, int accumulate) {
  if (m <= 0 || n <= 0) return;
  if (m > GEMV_ROWS) abort();  // a caller's bug: the Swift side only sends m ≤ 8 here
  // The rows of op(A), contiguous (op(A) is small: m × k).
  const T *rows = a;
  T *copy = NULL;
  if (transpose_a || lda != k) {
    copy = FN(scratch)(&FN(a_scratch), &FN(a_scratch_bytes), (size_t)FN(round_up)(m * k * (long)sizeof(T), 64));
    for (long i = 0; i < m; i++)
      for (long p = 0; p < k; p++) copy[i * k + p] = transpose_a ? a[p * lda + i] : a[i * lda + p];
    rows = copy;
  }
  if (transpose_b) {
    // c[i, j] = Σp rows[i, p] · b[j·ldb + p]: one pass over each row of storage of B, four
    // vector accumulators per row of A, lanes summed in a fixed order at the end.
    for (long j = 0; j < n; j++) {
      const T *bj = b + j * ldb;
      V acc[GEMV_ROWS][4];
      for (long i = 0; i < m; i++) for (int u = 0; u < 4; u++) acc[i][u] = (V)0;
      long p = 0;
      for (; p + 4 * VW <= k; p += 4 * VW) {
        // 1 KB ahead in the stream of B (rows follow one another): 15% more bandwidth on Zen 3
        // than the hardware prefetcher alone.
#pragma clang loop unroll(full)
        for (long line = 0; line < 4 * VW * (long)sizeof(T); line += 64) __builtin_prefetch(bj + p + (1024 + line) / (long)sizeof(T));
        V y0 = FN(load)(bj + p), y1 = FN(load)(bj + p + VW), y2 = FN(load)(bj + p + 2 * VW),
          y3 = FN(load)(bj + p + 3 * VW);
        for (long i = 0; i < m; i++) {
          const T *x = rows + i * k + p;
          acc[i][0] = WB_MADD(acc[i][0], FN(load)(x), y0);
          acc[i][1] = WB_MADD(acc[i][1], FN(load)(x + VW), y1);
          acc[i][2] = WB_MADD(acc[i][2], FN(load)(x + 2 * VW), y2);
          acc[i][3] = WB_MADD(acc[i][3], FN(load)(x + 3 * VW), y3);
        }
      }
      for (; p + VW <= k; p += VW) {
        V y = FN(load)(bj + p);
        for (long i = 0; i < m; i++) acc[i][0] = WB_MADD(acc[i][0], FN(load)(rows + i * k + p), y);
      }
      for (long i = 0; i < m; i++) {
        T total = FN(sum)((acc[i][0] + acc[i][1]) + (acc[i][2] + acc[i][3]));
        const T *x = rows + i * k;
        for (long q = p; q < k; q++) total += x[q] * bj[q];
        c[i * ldc + j] = accumulate ? c[i * ldc + j] + total : total;
      }
    }
  } else {
    // c[i, j..] += rows[i, p] · b[p, j..] for p = 0, 1, …: B streamed row by row, C's rows
    // (a few KB) stay in the L1 cache; each element is summed in increasing p.
    if (!accumulate)
      for (long i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * sizeof(T));
    const long width = 64 * VW;  // a band of columns whose C values stay in L1
    for (long j0 = 0; j0 < n; j0 += width) {
      long columns = FN(min)(width, n - j0);
      long vectors = columns / VW;
      for (long p = 0; p < k; p++) {
        const T *bp = b + p * ldb + j0;
        for (long i = 0; i < m; i++) {
          T *ci = c + i * ldc + j0;
          T x = rows[i * k + p];
          V xv = (V)x;
          for (long v = 0; v < vectors; v++)
            FN(store)(ci + v * VW, WB_MADD(FN(load)(ci + v * VW), xv, FN(load)(bp + v * VW)));
          for (long j = vectors * VW; j < columns; j++) ci[j] += x * bp[j];
        }
      }
    }
  }
}

#undef GEMV_ROWS
#undef FN
#undef V
#undef NR
#undef KC
#undef MC
#undef NC
