// libFuzzer's entry for programs that have a main of their own. SwiftPM gives every executable
// target a main (its top-level code), so libFuzzer's own main is never linked; each target's
// main.swift hands control to libFuzzer through this instead.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
