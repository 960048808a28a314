#include "wire_gzip.h"

#include <stdlib.h>
#include <zlib.h>

struct anvil_gunzip {
    z_stream z;
};

anvil_gunzip *anvil_gunzip_open(void) {
    anvil_gunzip *stream = calloc(1, sizeof *stream);
    if (!stream) return NULL;
    // 15 + 32: the largest window, with the gzip or zlib header detected.
    if (inflateInit2(&stream->z, 15 + 32) != Z_OK) {
        free(stream);
        return NULL;
    }
    return stream;
}

int anvil_gunzip_step(anvil_gunzip *stream, const void *input, size_t input_size, size_t *input_used,
                      void *output, size_t output_size, size_t *output_made) {
    stream->z.next_in = (Bytef *)input;
    stream->z.avail_in = (uInt)input_size;
    stream->z.next_out = (Bytef *)output;
    stream->z.avail_out = (uInt)output_size;
    int result = inflate(&stream->z, Z_NO_FLUSH);
    *input_used = input_size - stream->z.avail_in;
    *output_made = output_size - stream->z.avail_out;
    if (result == Z_STREAM_END) return ANVIL_GUNZIP_END;
    if (result == Z_OK || result == Z_BUF_ERROR) return ANVIL_GUNZIP_MORE;
    return ANVIL_GUNZIP_FAILED;
}

void anvil_gunzip_close(anvil_gunzip *stream) {
    if (!stream) return;
    inflateEnd(&stream->z);
    free(stream);
}
