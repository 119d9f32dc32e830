#ifndef VGGC_FUZZER_DRIVER_H
#define VGGC_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver for programs with their own main (libFuzzer's FuzzerInterface.h): parses
/// libFuzzer's flags from argc/argv and calls `callback` once per input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
