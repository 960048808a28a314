// gzip for the HTTP transport: bodies sent with `Content-Encoding: gzip`, through zlib.
#ifndef ANVIL_WIRE_GZIP_H
#define ANVIL_WIRE_GZIP_H

#include <stddef.h>

typedef struct anvil_gunzip anvil_gunzip;

enum {
    ANVIL_GUNZIP_MORE = 0,
    ANVIL_GUNZIP_END = 1,
    ANVIL_GUNZIP_FAILED = 2,
};

/// A decoder for one gzip (or zlib) stream; NULL when zlib cannot make one.
anvil_gunzip *anvil_gunzip_open(void);
/// Decodes from `input` into `output`: sets how much of each was used, and returns MORE (call again
/// with the rest, or more input), END (the stream is complete) or FAILED (not gzip, or corrupt).
int anvil_gunzip_step(anvil_gunzip *stream, const void *input, size_t input_size, size_t *input_used,
                      void *output, size_t output_size, size_t *output_made);
void anvil_gunzip_close(anvil_gunzip *stream);

#endif
