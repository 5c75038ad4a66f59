#ifndef WORKBENCH_CLIBPNG_SHIM_H
#define WORKBENCH_CLIBPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Macros Swift cannot import, exported as constants. */
static const uint32_t WORKBENCH_PNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const uint32_t WORKBENCH_PNG_IMAGE_VERSION = PNG_IMAGE_VERSION;

/* ---- Encoding with the full libpng API (needed for text chunks). ----
 * libpng reports errors by longjmp; every setjmp/longjmp stays inside this file,
 * and Swift only sees a status code plus a message. */

/* A growable memory buffer that libpng writes the encoded file into. */
typedef struct {
  uint8_t *data;
  size_t size;
  size_t capacity;
  int failed;
} workbench_png_buffer;

/* Error state shared by the libpng callbacks and the encoder. */
typedef struct {
  jmp_buf jump;
  char message[256];
} workbench_png_error_state;

static inline void workbench_png_on_error(png_structp png, png_const_charp message) {
  workbench_png_error_state *state = (workbench_png_error_state *)png_get_error_ptr(png);
  strncpy(state->message, message ? message : "unknown libpng error", sizeof(state->message) - 1);
  state->message[sizeof(state->message) - 1] = 0;
  longjmp(state->jump, 1);
}

static inline void workbench_png_on_warning(png_structp png, png_const_charp message) {
  (void)png;
  (void)message;
}

static inline void workbench_png_write_bytes(png_structp png, png_bytep bytes, png_size_t length) {
  workbench_png_buffer *buffer = (workbench_png_buffer *)png_get_io_ptr(png);
  if (buffer->failed) return;
  if (buffer->size + length > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 65536;
    while (capacity < buffer->size + length) capacity *= 2;
    uint8_t *grown = (uint8_t *)realloc(buffer->data, capacity);
    if (!grown) {
      buffer->failed = 1;
      png_error(png, "out of memory while encoding PNG");
      return;
    }
    buffer->data = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->data + buffer->size, bytes, length);
  buffer->size += length;
}

static inline void workbench_png_flush(png_structp png) { (void)png; }

/* Encodes an 8-bit RGBA image (rows top to bottom, `width * 4` bytes each) as a PNG file in memory,
 * with `text_count` text chunks (`keys[i]`, `values[i]`; `international[i]` != 0 selects UTF-8 iTXt,
 * otherwise Latin-1 tEXt). `compression_level` is zlib's 0...9.
 * On success returns 0 and sets `*out_data` (free it with `free`) and `*out_size`.
 * On failure returns 1 and writes a message into `message` (capacity `message_capacity`). */
static inline int workbench_png_encode_rgba(const uint8_t *pixels, uint32_t width, uint32_t height,
                                            const char *const *keys, const char *const *values,
                                            const int *international, int text_count,
                                            int compression_level,
                                            uint8_t **out_data, size_t *out_size,
                                            char *message, size_t message_capacity) {
  /* Everything the longjmp may return into is volatile or lives outside the jump scope. */
  workbench_png_error_state state;
  workbench_png_buffer buffer = {0, 0, 0, 0};
  png_structp volatile png = NULL;
  png_infop volatile info = NULL;
  png_textp volatile text = NULL;
  png_bytep *volatile rows = NULL;
  state.message[0] = 0;
  *out_data = NULL;
  *out_size = 0;

  png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, workbench_png_on_error, workbench_png_on_warning);
  if (!png) {
    strncpy(message, "libpng could not create a write structure", message_capacity - 1);
    message[message_capacity - 1] = 0;
    return 1;
  }
  info = png_create_info_struct(png);
  if (!info) {
    png_structp p = png;
    png_destroy_write_struct(&p, NULL);
    strncpy(message, "libpng could not create an info structure", message_capacity - 1);
    message[message_capacity - 1] = 0;
    return 1;
  }
  if (setjmp(state.jump)) {
    png_structp p = png;
    png_infop i = info;
    png_destroy_write_struct(&p, &i);
    free(text);
    free(rows);
    free(buffer.data);
    strncpy(message, state.message, message_capacity - 1);
    message[message_capacity - 1] = 0;
    return 1;
  }
  png_set_write_fn(png, &buffer, workbench_png_write_bytes, workbench_png_flush);
  png_set_compression_level(png, compression_level);
  /* No per-row filter search: charts are mostly flat colour, where filtering gains little
   * and the adaptive search costs more than the compression itself. */
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (text_count > 0) {
    text = (png_textp)calloc((size_t)text_count, sizeof(png_text));
    if (!text) png_error(png, "out of memory for PNG text chunks");
    for (int k = 0; k < text_count; k++) {
      text[k].key = (png_charp)keys[k];
      text[k].text = (png_charp)values[k];
      text[k].text_length = strlen(values[k]);
      if (international && international[k]) {
        text[k].compression = PNG_ITXT_COMPRESSION_NONE;
        text[k].itxt_length = strlen(values[k]);
        text[k].text_length = 0;
        text[k].lang = NULL;
        text[k].lang_key = NULL;
      } else {
        text[k].compression = PNG_TEXT_COMPRESSION_NONE;
      }
    }
    png_set_text(png, info, text, text_count);
  }
  rows = (png_bytep *)malloc(sizeof(png_bytep) * (height ? height : 1));
  if (!rows) png_error(png, "out of memory for PNG rows");
  for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * width * 4);
  png_set_rows(png, info, rows);
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);

  {
    png_structp p = png;
    png_infop i = info;
    png_destroy_write_struct(&p, &i);
  }
  free(text);
  free(rows);
  *out_data = buffer.data;
  *out_size = buffer.size;
  return 0;
}

#endif
