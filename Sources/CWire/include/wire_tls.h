// TLS for the HTTP transport: a thin layer over OpenSSL (loaded on the first connection) whose
// macros Swift cannot call.
#ifndef ANVIL_WIRE_TLS_H
#define ANVIL_WIRE_TLS_H

#include <stddef.h>

typedef struct anvil_tls anvil_tls;

enum {
    ANVIL_TLS_OK = 0,
    ANVIL_TLS_WANT_READ = 1,
    ANVIL_TLS_WANT_WRITE = 2,
    ANVIL_TLS_CLOSED = 3,
    ANVIL_TLS_FAILED = 4,
};

enum {
    ANVIL_TLS_VERIFIED = 0,
    ANVIL_TLS_UNTRUSTED = 1,
    ANVIL_TLS_EXPIRED = 2,
    ANVIL_TLS_NOT_YET_VALID = 3,
    ANVIL_TLS_WRONG_HOST = 4,
};

/// A client connection over the connected socket `fd` to `host` (a name or an IP address),
/// verified against the system's trusted certificates. NULL when OpenSSL cannot make one.
anvil_tls *anvil_tls_open(int fd, const char *host);
/// One step of the handshake: ANVIL_TLS_OK when done, WANT_READ/WANT_WRITE to wait, FAILED.
int anvil_tls_handshake(anvil_tls *tls);
/// Why the peer's certificate was refused (ANVIL_TLS_VERIFIED when it was not).
int anvil_tls_verification(anvil_tls *tls);
/// Reads up to `size` bytes: returns the count (> 0), or 0 with `*status` set.
long anvil_tls_read(anvil_tls *tls, void *buffer, size_t size, int *status);
/// Writes up to `size` bytes: returns the count (> 0), or 0 with `*status` set.
long anvil_tls_write(anvil_tls *tls, const void *buffer, size_t size, int *status);
/// Whether decrypted bytes are waiting (poll on the socket would not see them).
int anvil_tls_pending(anvil_tls *tls);
/// Frees the connection (not the socket).
void anvil_tls_close(anvil_tls *tls);

#endif
