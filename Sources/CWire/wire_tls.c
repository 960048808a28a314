#include "wire_tls.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct anvil_tls {
    SSL *ssl;
};

static SSL_CTX *shared_context;
static pthread_once_t context_once = PTHREAD_ONCE_INIT;

static void make_context(void) {
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (!context) return;
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    // The system's trusted certificates (SSL_CERT_FILE / SSL_CERT_DIR override them).
    SSL_CTX_set_default_verify_paths(context);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // A server that closes without a TLS goodbye ends the stream; HTTP's framing tells a cut body.
    SSL_CTX_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    shared_context = context;
}

static int is_address(const char *host) {
    unsigned char buffer[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, host, buffer) == 1 || inet_pton(AF_INET6, host, buffer) == 1;
}

anvil_tls *anvil_tls_open(int fd, const char *host) {
    pthread_once(&context_once, make_context);
    if (!shared_context) return NULL;
    SSL *ssl = SSL_new(shared_context);
    if (!ssl) return NULL;
    int ok = SSL_set_fd(ssl, fd);
    if (ok && is_address(host)) {
        ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
    } else if (ok) {
        ok = SSL_set_tlsext_host_name(ssl, host) && SSL_set1_host(ssl, host);
    }
    if (!ok) {
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_connect_state(ssl);
    anvil_tls *tls = malloc(sizeof *tls);
    if (!tls) {
        SSL_free(ssl);
        return NULL;
    }
    tls->ssl = ssl;
    return tls;
}

static int status_of(SSL *ssl, int result) {
    switch (SSL_get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ: return ANVIL_TLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE: return ANVIL_TLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN: return ANVIL_TLS_CLOSED;
    default:
        ERR_clear_error();
        return ANVIL_TLS_FAILED;
    }
}

int anvil_tls_handshake(anvil_tls *tls) {
    int result = SSL_do_handshake(tls->ssl);
    return result == 1 ? ANVIL_TLS_OK : status_of(tls->ssl, result);
}

int anvil_tls_verification(anvil_tls *tls) {
    switch (SSL_get_verify_result(tls->ssl)) {
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
    int result = SSL_read_ex(tls->ssl, buffer, size, &count);
    if (result == 1) return (long)count;
    *status = status_of(tls->ssl, result);
    return 0;
}

long anvil_tls_write(anvil_tls *tls, const void *buffer, size_t size, int *status) {
    size_t count = 0;
    int result = SSL_write_ex(tls->ssl, buffer, size, &count);
    if (result == 1) return (long)count;
    *status = status_of(tls->ssl, result);
    return 0;
}

int anvil_tls_pending(anvil_tls *tls) { return SSL_pending(tls->ssl) > 0; }

void anvil_tls_close(anvil_tls *tls) {
    if (!tls) return;
    SSL_free(tls->ssl);
    free(tls);
}
