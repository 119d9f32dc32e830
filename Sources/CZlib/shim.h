// zlib (Debian: zlib1g-dev): crc32() for the .bin container's section checksums.
#include <zlib.h>
