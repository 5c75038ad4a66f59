// The kernels' own worker threads: one per extra core, started on first use, which spin for a
// short while after each job before they sleep, so that the many small parallel sections of one
// training step (a GEMM, then an activation, then another GEMM, microseconds apart) start in well
// under a microsecond instead of the several microseconds a futex wake-up and a context switch cost.
// (OpenMP runtimes, and so PyTorch on Linux, wait the same way.)
//
// One job at a time: a caller that finds the pool busy, or that is itself one of its workers, is
// told so (the return value 0) and splits its work another way. A job's parts are claimed through
// one 64-bit word, generation | parts | next part, by compare-and-swap, so a worker that wakes late
// can never claim a part of a job that has already ended or run a part of a later job twice.
#include "CKernels.h"

#if defined(__linux__)
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum {
  MAX_WORKERS = 63,
  MAX_PARTS = 0xffff,
  SPIN_NANOSECONDS = 100000, // a worker sleeps after 100 µs without a job
};

static struct {
  pthread_once_t once;
  long workers;
  atomic_int busy;              // 1 while one caller owns the pool
  _Atomic uint64_t claim;       // generation (32 bits) | parts (16) | next part (16)
  atomic_uint signal;           // futex word: bumped once per job
  atomic_int sleepers;          // workers blocked on `signal`
  atomic_long remaining;        // parts of the current job not yet finished
  wb_part_function function;
  void *context;
} pool = {.once = PTHREAD_ONCE_INIT};

static _Thread_local int is_pool_worker;

static inline void relax(void) {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

static inline long now_nanoseconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

// Claims and runs parts of whichever job is current until none is left unclaimed.
static void run_parts(void) {
  uint64_t word = atomic_load_explicit(&pool.claim, memory_order_acquire);
  for (;;) {
    uint64_t parts = (word >> 16) & 0xffff, next = word & 0xffff;
    if (next >= parts) return;
    if (!atomic_compare_exchange_weak_explicit(&pool.claim, &word, word + 1, memory_order_acq_rel,
                                               memory_order_acquire))
      continue; // `word` now holds the current value
    // The part is claimed and not yet finished, so the job (and its function) is still current.
    pool.function(pool.context, (long)next);
    atomic_fetch_sub_explicit(&pool.remaining, 1, memory_order_release);
    word = atomic_load_explicit(&pool.claim, memory_order_acquire);
  }
}

static void *worker_main(void *unused) {
  (void)unused;
  is_pool_worker = 1;
  // The signal starts at 0 and counts jobs: a worker that starts after the first job was signalled
  // (the pool starts on that job's call) joins it instead of waiting for the next.
  unsigned seen = 0;
  for (;;) {
    long deadline = now_nanoseconds() + SPIN_NANOSECONDS;
    unsigned spins = 0, current;
    while ((current = atomic_load_explicit(&pool.signal, memory_order_acquire)) == seen) {
      relax();
      if ((++spins & 255) == 0 && now_nanoseconds() > deadline) {
        atomic_fetch_add(&pool.sleepers, 1);
        if (atomic_load(&pool.signal) == seen)
          syscall(SYS_futex, &pool.signal, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
        atomic_fetch_sub(&pool.sleepers, 1);
        deadline = now_nanoseconds() + SPIN_NANOSECONDS;
      }
    }
    seen = current;
    run_parts();
  }
  return NULL;
}

static void start_workers(void) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  long wanted = cores > 1 ? cores - 1 : 0;
  if (wanted > MAX_WORKERS) wanted = MAX_WORKERS;
  for (long i = 0; i < wanted; i++) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&thread, &attributes, worker_main, NULL) == 0) pool.workers++;
    pthread_attr_destroy(&attributes);
  }
}

long wb_pool_workers(void) {
  pthread_once(&pool.once, start_workers);
  return pool.workers;
}

int wb_pool_run(long parts, wb_part_function function, void *context) {
  if (parts < 2 || parts > MAX_PARTS || is_pool_worker) return 0;
  if (wb_pool_workers() == 0) return 0;
  int idle = 0;
  if (!atomic_compare_exchange_strong(&pool.busy, &idle, 1)) return 0;
  pool.function = function;
  pool.context = context;
  atomic_store_explicit(&pool.remaining, parts, memory_order_relaxed);
  uint64_t generation = (atomic_load_explicit(&pool.claim, memory_order_relaxed) >> 32) + 1;
  atomic_store_explicit(&pool.claim, (generation << 32) | ((uint64_t)parts << 16), memory_order_release);
  atomic_fetch_add(&pool.signal, 1);
  if (atomic_load(&pool.sleepers) > 0)
    syscall(SYS_futex, &pool.signal, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
  run_parts();
  // The last parts run on workers: wait for them (yielding the core if one is not running).
  for (unsigned spins = 0; atomic_load_explicit(&pool.remaining, memory_order_acquire) > 0; spins++) {
    if (spins < 4096) relax();
    else sched_yield();
  }
  atomic_store_explicit(&pool.busy, 0, memory_order_release);
  return 1;
}

#else
long wb_pool_workers(void) { return 0; }
int wb_pool_run(long parts, wb_part_function function, void *context) {
  (void)parts, (void)function, (void)context;
  return 0;
}
#endif
