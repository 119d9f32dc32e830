// libpng 1.6 (Debian: libpng-dev). The include path comes from pkg-config (libpng).
#include <png.h>
