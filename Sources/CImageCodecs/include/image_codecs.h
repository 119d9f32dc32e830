// Decodes PNG (libpng) and JPEG (libjpeg-turbo) images held in memory.
//
// Both libraries report errors by longjmp out of a callback, which Swift cannot catch. These two
// functions own the setjmp: every libpng/libjpeg error (and every libjpeg "corrupt data" warning)
// becomes a status code and a message, and nothing is printed.
#ifndef VGGC_IMAGE_CODECS_H
#define VGGC_IMAGE_CODECS_H

#include <stddef.h>
#include <stdint.h>

/// The outcome of a decode call.
typedef enum {
    VGGC_DECODE_OK = 0,
    /// The bytes are not a valid image: truncated, bad checksum, bad marker, ...
    VGGC_DECODE_MALFORMED = 1,
    /// A valid image the decoder does not handle (e.g. a CMYK JPEG).
    VGGC_DECODE_UNSUPPORTED = 2,
    /// The image has more samples than the caller allows.
    VGGC_DECODE_TOO_LARGE = 3,
    /// malloc failed.
    VGGC_DECODE_OUT_OF_MEMORY = 4,
} vggc_decode_status;

/// A decoded image: samples interleaved per pixel, rows top to bottom.
typedef struct {
    uint32_t width;
    uint32_t height;
    /// 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.
    uint32_t channels;
    /// 1 (uint8 samples, full scale 255) or 2 (uint16 in host byte order, full scale 65535).
    uint32_t bytes_per_sample;
    /// width * height * channels samples from malloc; release with vggc_image_free.
    void *samples;
    /// Why decoding failed, when the status is not VGGC_DECODE_OK.
    char message[256];
} vggc_decoded_image;

/// Decodes a PNG of any colour type and bit depth. Palette images become RGB, gray below 8 bits is
/// scaled to 8 bits, a tRNS chunk becomes an alpha channel, 16-bit samples stay 16-bit; no gamma
/// correction. `max_samples` bounds width * height * channels.
vggc_decode_status vggc_decode_png(const uint8_t *data, size_t size, size_t max_samples, vggc_decoded_image *image);

/// Decodes a baseline or progressive JPEG to gray (1 channel) or RGB (3 channels) with libjpeg's
/// default (accurate integer) IDCT. CMYK/YCCK images are VGGC_DECODE_UNSUPPORTED.
vggc_decode_status vggc_decode_jpeg(const uint8_t *data, size_t size, size_t max_samples, vggc_decoded_image *image);

/// Frees the samples of a decoded image (safe on a failed or already freed image).
void vggc_image_free(vggc_decoded_image *image);

#endif
