// The declaration in include/fuzzer_driver.h is all this module provides; libFuzzer (linked by
// -sanitize=fuzzer) defines the function.
#include "fuzzer_driver.h"
