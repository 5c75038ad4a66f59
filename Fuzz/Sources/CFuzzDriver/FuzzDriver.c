// The entry point of the fuzz harness. SwiftPM links an executable target with its entry point
// renamed to `<module>_main` (`--defsym main=WorkbenchFuzz_main`), so libFuzzer's own `main` is never
// used; this one hands the arguments to libFuzzer's driver, with the Swift callback
// `LLVMFuzzerTestOneInput` (Fuzz/Sources/WorkbenchFuzz/FuzzEntry.swift).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int WorkbenchFuzz_main(int argc, char **argv) {
  return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
