#!/usr/bin/env bash
# Builds the C kernels (Sources/CKernels) and their cross-architecture check
# (Tests/CrossArchitecture/kernel_check.c) for arm64 and runs it under qemu's user-mode emulator:
# on arm64 the baseline family is NEON (128-bit vectors), a CPU the development machines lack.
# Needs Debian's qemu-user-static, gcc-aarch64-linux-gnu and libc6-dev-arm64-cross (.ci/run installs
# them); clang compiles, the cross gcc links statically. Exit 0 when every kernel is within bounds.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for source in Sources/CKernels/*.c Tests/CrossArchitecture/kernel_check.c; do
  clang --target=aarch64-linux-gnu -O2 -ISources/CKernels/include -ISources/CKernels \
    -c "$source" -o "$out/$(basename "$source" .c).o"
done
aarch64-linux-gnu-gcc -static "$out"/*.o -o "$out/kernel_check" -lm
file "$out/kernel_check" | grep -q "ARM aarch64" || { echo "check-arm64: the check did not build for arm64" >&2; exit 1; }
qemu-aarch64-static "$out/kernel_check"
