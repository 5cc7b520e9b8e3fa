/* The X-TableTalk-Signature header: HMAC-SHA256 of "<t>.<body>" with the subscription's secret (OpenSSL). */
#include "webhooks.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sign_payload(const char *secret, long long t, const char *body, char *out, size_t outlen) {
    char prefix[32];
    int plen = snprintf(prefix, sizeof prefix, "%lld.", t);
    size_t blen = strlen(body);
    unsigned char *msg = malloc((size_t)plen + blen);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    if (!msg) {
        snprintf(out, outlen, "t=%lld,v1=", t);
        return;
    }
    memcpy(msg, prefix, (size_t)plen);
    memcpy(msg + plen, body, blen);
    HMAC(EVP_sha256(), secret, (int)strlen(secret), msg, (size_t)plen + blen, mac, &maclen);
    free(msg);
    int n = snprintf(out, outlen, "t=%lld,v1=", t);
    for (unsigned int i = 0; i < maclen && (size_t)n + 2 < outlen; i++, n += 2) sprintf(out + n, "%02x", mac[i]);
}
