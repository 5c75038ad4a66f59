#!/usr/bin/env bash
# Builds the fuzz harness (libFuzzer + address sanitizer) and fuzzes one reader.
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags]
#   scripts/fuzz.sh build            (only build)
#   scripts/fuzz.sh list             (the targets)
# The build lives in .build-fuzz/ (never the normal .build/). The committed seed corpus
# Fuzz/Corpus/TARGET/ is only read; new inputs go to .build-fuzz/corpus/TARGET/, crashes to
# .build-fuzz/crashes/. Exits non-zero when libFuzzer finds a crash, a leak-free OOM or a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="safetensors checkpoint training-state hf-config tokenizer-json vocab-merges glossary-entry hardware metrics png"
build() {
  WORKBENCH_FUZZ=1 swift build -c debug --scratch-path .build-fuzz --product WorkbenchFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DWORKBENCH_FUZZ >&2
}
case "${1:-}" in
  list) echo "$targets"; exit 0 ;;
  build) build; exit 0 ;;
  "") echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags] (targets: $targets)" >&2; exit 64 ;;
esac
target=$1
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
case " $targets " in *" $target "*) ;; *) echo "fuzz: unknown target $target (targets: $targets)" >&2; exit 64 ;; esac
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then build; fi
binary=$(WORKBENCH_FUZZ=1 swift build -c debug --scratch-path .build-fuzz --show-bin-path)/WorkbenchFuzz
mkdir -p ".build-fuzz/corpus/$target" .build-fuzz/crashes
SWIFT_BACKTRACE=enable=no WORKBENCH_FUZZ_TARGET=$target exec "$binary" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=20 -max_len=65536 \
  -artifact_prefix=".build-fuzz/crashes/$target-" -print_final_stats=1 "$@" \
  ".build-fuzz/corpus/$target" "Fuzz/Corpus/$target"
