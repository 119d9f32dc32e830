// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). The include path comes from pkg-config.
#include <cblas.h>

// Exported by OpenBLAS but not declared in cblas.h: read the OPENBLAS_* environment variables again
// (the library read them once when it was loaded), and stop the worker threads, which the next call
// starts again with the values read.
void openblas_read_env(void);
int blas_thread_shutdown_(void);
