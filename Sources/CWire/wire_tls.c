#include "wire_tls.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct anvil_tls {
    SSL *ssl;
};

// OpenSSL is loaded on the first secure connection, not at start-up: a forge over plain HTTP, the
// demo and offline reading never map it (about 1.7 MB of the process, and the loader's work on
// libcrypto's relocations). The library is the one whose headers this file is built against.
#define ANVIL_TEXT(x) #x
#define ANVIL_NUMBER_TEXT(x) ANVIL_TEXT(x)
#if defined(OPENSSL_SHLIB_VERSION)
#define ANVIL_SSL_NAME "libssl.so." ANVIL_NUMBER_TEXT(OPENSSL_SHLIB_VERSION)
#elif defined(SHLIB_VERSION_NUMBER)
#define ANVIL_SSL_NAME "libssl.so." SHLIB_VERSION_NUMBER
#else
#define ANVIL_SSL_NAME "libssl.so"
#endif

// Each function used, as a pointer of the header's own type, filled by `load_library`.
#define ANVIL_SSL_FUNCTIONS(X) \
    X(TLS_client_method) X(SSL_CTX_new) X(SSL_CTX_ctrl) X(SSL_CTX_set_options) X(SSL_CTX_set_verify) \
    X(SSL_CTX_set_default_verify_paths) X(SSL_new) X(SSL_free) X(SSL_set_fd) X(SSL_ctrl) X(SSL_set1_host) \
    X(SSL_get0_param) X(X509_VERIFY_PARAM_set1_ip_asc) X(SSL_set_connect_state) X(SSL_do_handshake) \
    X(SSL_get_error) X(ERR_clear_error) X(SSL_get_verify_result) X(SSL_read_ex) X(SSL_write_ex) \
    X(SSL_pending)

#define ANVIL_DECLARE(name) static __typeof__(&name) call_##name;
ANVIL_SSL_FUNCTIONS(ANVIL_DECLARE)

static int load_library(void) {
    void *library = dlopen(ANVIL_SSL_NAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) return 0;
#define ANVIL_FIND(name) \
    if (!(call_##name = (__typeof__(&name))dlsym(library, #name))) return 0;
    ANVIL_SSL_FUNCTIONS(ANVIL_FIND)
    return 1;
}

static SSL_CTX *shared_context;
static pthread_once_t context_once = PTHREAD_ONCE_INIT;

static void make_context(void) {
    if (!load_library()) return;
    SSL_CTX *context = call_SSL_CTX_new(call_TLS_client_method());
    if (!context) return;
    call_SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL);
    call_SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    // The system's trusted certificates (SSL_CERT_FILE / SSL_CERT_DIR override them).
    call_SSL_CTX_set_default_verify_paths(context);
    call_SSL_CTX_ctrl(context, SSL_CTRL_MODE, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER,
                      NULL);
    // A server that closes without a TLS goodbye ends the stream; HTTP's framing tells a cut body.
    call_SSL_CTX_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    shared_context = context;
}

static int is_address(const char *host) {
    unsigned char buffer[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, host, buffer) == 1 || inet_pton(AF_INET6, host, buffer) == 1;
}

anvil_tls *anvil_tls_open(int fd, const char *host) {
    pthread_once(&context_once, make_context);
    if (!shared_context) return NULL;
    SSL *ssl = call_SSL_new(shared_context);
    if (!ssl) return NULL;
    int ok = call_SSL_set_fd(ssl, fd);
    if (ok && is_address(host)) {
        ok = call_X509_VERIFY_PARAM_set1_ip_asc(call_SSL_get0_param(ssl), host);
    } else if (ok) {
        ok = call_SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)host) &&
             call_SSL_set1_host(ssl, host);
    }
    if (!ok) {
        call_SSL_free(ssl);
        return NULL;
    }
    call_SSL_set_connect_state(ssl);
    anvil_tls *tls = malloc(sizeof *tls);
    if (!tls) {
        call_SSL_free(ssl);
        return NULL;
    }
    tls->ssl = ssl;
    return tls;
}

static int status_of(SSL *ssl, int result) {
    switch (call_SSL_get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ: return ANVIL_TLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE: return ANVIL_TLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN: return ANVIL_TLS_CLOSED;
    default:
        call_ERR_clear_error();
        return ANVIL_TLS_FAILED;
    }
}

int anvil_tls_handshake(anvil_tls *tls) {
    int result = call_SSL_do_handshake(tls->ssl);
    return result == 1 ? ANVIL_TLS_OK : status_of(tls->ssl, result);
}

int anvil_tls_verification(anvil_tls *tls) {
    switch (call_SSL_get_verify_result(tls->ssl)) {
    case X509_V_OK: return ANVIL_TLS_VERIFIED;
    case X509_V_ERR_CERT_HAS_EXPIRED: return ANVIL_TLS_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID: return ANVIL_TLS_NOT_YET_VALID;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: return ANVIL_TLS_WRONG_HOST;
    default: return ANVIL_TLS_UNTRUSTED;
    }
}

long anvil_tls_read(anvil_tls *tls, void *buffer, size_t size, int *status) {
    size_t count = 0;
    int result = call_SSL_read_ex(tls->ssl, buffer, size, &count);
    if (result == 1) return (long)count;
    *status = status_of(tls->ssl, result);
    return 0;
}

long anvil_tls_write(anvil_tls *tls, const void *buffer, size_t size, int *status) {
    size_t count = 0;
    int result = call_SSL_write_ex(tls->ssl, buffer, size, &count);
    if (result == 1) return (long)count;
    *status = status_of(tls->ssl, result);
    return 0;
}

int anvil_tls_pending(anvil_tls *tls) { return call_SSL_pending(tls->ssl) > 0; }

void anvil_tls_close(anvil_tls *tls) {
    if (!tls) return;
    call_SSL_free(tls->ssl);
    free(tls);
}
