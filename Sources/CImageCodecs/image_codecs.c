// PNG and JPEG decoding with the libraries' longjmp-based errors turned into status codes.
// See include/image_codecs.h for the contract. Variables written after setjmp and read after a
// longjmp are volatile, as C requires.
#include "image_codecs.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

static void set_message(vggc_decoded_image *image, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(image->message, sizeof image->message, format, arguments);
    va_end(arguments);
}

/// Whether width * height * channels exceeds max_samples (checked without overflow).
static int exceeds(size_t width, size_t height, size_t channels, size_t max_samples) {
    return width == 0 || height == 0 || width > max_samples / height / channels;
}

void vggc_image_free(vggc_decoded_image *image) {
    free(image->samples);
    image->samples = NULL;
}

// MARK: PNG

/// The bytes libpng reads from, and how far it has read.
typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} png_memory_source;

static void png_read_memory(png_structp png, png_bytep destination, png_size_t length) {
    png_memory_source *source = png_get_io_ptr(png);
    if (length > source->size - source->offset) {
        png_error(png, "file is truncated");
    }
    memcpy(destination, source->data + source->offset, length);
    source->offset += length;
}

static void png_record_error(png_structp png, png_const_charp message) {
    set_message(png_get_error_ptr(png), "%s", message);
    png_longjmp(png, 1);
}

static void png_ignore_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static int host_is_little_endian(void) {
    const uint16_t probe = 1;
    return *(const uint8_t *)&probe == 1;
}

vggc_decode_status vggc_decode_png(const uint8_t *data, size_t size, size_t max_samples, vggc_decoded_image *image) {
    memset(image, 0, sizeof *image);
    png_memory_source source = {data, size, 0};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, image, png_record_error, png_ignore_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        set_message(image, "cannot allocate the PNG decoder");
        return VGGC_DECODE_OUT_OF_MEMORY;
    }
    uint8_t *volatile samples = NULL;
    png_bytep *volatile rows = NULL;
    volatile vggc_decode_status failure = VGGC_DECODE_MALFORMED;
    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        free(samples);
        png_destroy_read_struct(&png, &info, NULL);
        return failure;
    }
    png_set_read_fn(png, &source, png_read_memory);
    png_read_info(png, info);
    png_set_expand(png);  // palette -> RGB, gray 1/2/4 -> 8 bits, tRNS -> alpha
    if (png_get_bit_depth(png, info) == 16 && host_is_little_endian()) {
        png_set_swap(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    png_byte channels = png_get_channels(png, info);
    size_t bytes_per_sample = png_get_bit_depth(png, info) == 16 ? 2 : 1;
    if (exceeds(width, height, channels, max_samples)) {
        failure = VGGC_DECODE_TOO_LARGE;
        char reason[160];
        snprintf(reason, sizeof reason, "%u x %u pixels with %u channels is more than %zu samples",
                 (unsigned)width, (unsigned)height, (unsigned)channels, max_samples);
        png_error(png, reason);
    }
    size_t row_bytes = png_get_rowbytes(png, info);
    failure = VGGC_DECODE_OUT_OF_MEMORY;
    samples = malloc(row_bytes * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (!samples || !rows) {
        png_error(png, "cannot allocate the decoded image");
    }
    failure = VGGC_DECODE_MALFORMED;
    for (png_uint_32 y = 0; y < height; y++) {
        rows[y] = samples + y * row_bytes;
    }
    png_read_image(png, rows);
    png_read_end(png, NULL);  // checks the chunks after the image data, through IEND

    image->width = width;
    image->height = height;
    image->channels = channels;
    image->bytes_per_sample = (uint32_t)bytes_per_sample;
    image->samples = samples;
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return VGGC_DECODE_OK;
}

// MARK: JPEG

/// libjpeg's error manager extended with the jump target and the image that receives the message.
typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    vggc_decoded_image *image;
} jpeg_failure;

static void jpeg_record_error(j_common_ptr info) {
    jpeg_failure *failure = (jpeg_failure *)info->err;
    char message[JMSG_LENGTH_MAX];
    info->err->format_message(info, message);
    set_message(failure->image, "%s", message);
    longjmp(failure->jump, 1);
}

/// Level -1 messages are "corrupt data" warnings (including a premature end of file, after which
/// libjpeg would silently fill the rest of the image): they are errors here. Trace messages are dropped.
static void jpeg_warning_is_error(j_common_ptr info, int level) {
    if (level < 0) {
        jpeg_record_error(info);
    }
}

vggc_decode_status vggc_decode_jpeg(const uint8_t *data, size_t size, size_t max_samples, vggc_decoded_image *image) {
    memset(image, 0, sizeof *image);
    struct jpeg_decompress_struct info;
    memset(&info, 0, sizeof info);  // so that jpeg_destroy_decompress is safe even before creation
    jpeg_failure failure;
    info.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_record_error;
    failure.manager.emit_message = jpeg_warning_is_error;
    failure.image = image;
    uint8_t *volatile samples = NULL;
    volatile vggc_decode_status status = VGGC_DECODE_MALFORMED;
    if (setjmp(failure.jump)) {
        free(samples);
        jpeg_destroy_decompress(&info);
        return status;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    switch (info.jpeg_color_space) {
    case JCS_GRAYSCALE:
        info.out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        info.out_color_space = JCS_RGB;
        break;
    default:
        status = VGGC_DECODE_UNSUPPORTED;
        set_message(image, "JPEG colour space %d with %d components (CMYK/YCCK are not supported)",
                    (int)info.jpeg_color_space, info.num_components);
        longjmp(failure.jump, 1);
    }
    jpeg_calc_output_dimensions(&info);
    size_t width = info.output_width, height = info.output_height, channels = info.output_components;
    if (exceeds(width, height, channels, max_samples)) {
        status = VGGC_DECODE_TOO_LARGE;
        set_message(image, "%zu x %zu pixels with %zu channels is more than %zu samples",
                    width, height, channels, max_samples);
        longjmp(failure.jump, 1);
    }
    samples = malloc(width * height * channels);
    if (!samples) {
        status = VGGC_DECODE_OUT_OF_MEMORY;
        set_message(image, "cannot allocate the decoded image");
        longjmp(failure.jump, 1);
    }
    jpeg_start_decompress(&info);
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = samples + (size_t)info.output_scanline * width * channels;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);

    image->width = (uint32_t)width;
    image->height = (uint32_t)height;
    image->channels = (uint32_t)channels;
    image->bytes_per_sample = 1;
    image->samples = samples;
    return VGGC_DECODE_OK;
}
