/* Which URLs a subscription may name: http(s) only, and never the gateway's own loopback port unless allowed. */
#include "webhooks.h"
#include <arpa/inet.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* True for a loopback or unspecified address (127/8, ::1, 0.0.0.0, ::, ::ffff:127.x). */
static int is_loopback_ip(const char *ip) {
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, ip, &a4) == 1) {
        unsigned long h = ntohl(a4.s_addr);
        return (h >> 24) == 127 || h == 0;
    }
    if (inet_pton(AF_INET6, ip, &a6) == 1) {
        static const unsigned char loop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        static const unsigned char any[16] = {0};
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (!memcmp(a6.s6_addr, loop, 16) || !memcmp(a6.s6_addr, any, 16)) return 1;
        return !memcmp(a6.s6_addr, mapped, 12) && a6.s6_addr[12] == 127;
    }
    return 0;
}

int target_is_gateway(const char *ip, long port) {
    return !wh_cfg.allow_gateway_url && port == wh_cfg.gateway_port && is_loopback_ip(ip);
}

const char *target_check(const char *url) {
    if (strlen(url) > 2048) return "url is longer than 2048 characters";
    for (const unsigned char *c = (const unsigned char *)url; *c; c++)
        if (*c <= 0x20 || *c == 0x7f) return "url contains spaces or control characters";
    if (!strncasecmp(url, "sns:", 4) || !strncasecmp(url, "sqs:", 4)) {
        if (!wh_cfg.aws_targets)
            return "sns: and sqs: targets need the gateway's AWS adapter: start the plugin with --aws-targets on the AWS "
                   "deployment";
        if (!strncmp(url, "sns:arn:aws", 11) && strstr(url, ":sns:")) return NULL;
        if (!strncmp(url, "sqs:https://", 12) || !strncmp(url, "sqs:http://", 11)) return NULL;
        return "sns: targets are sns:<topic ARN>, sqs: targets sqs:<queue URL>";
    }
    if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)) return "url must be http:// or https://";
    CURLU *u = curl_url();
    if (!u) return "out of memory";
    const char *why = NULL;
    char *host = NULL, *port = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) why = "url is not a valid URL";
    else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host) why = "url has no host";
    else if (curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK || !port) why = "url has no port";
    else {
        char bare[256];
        size_t n = strlen(host);
        if (n >= sizeof bare) why = "url host is too long";
        else {
            /* [::1] → ::1 */
            if (host[0] == '[' && n > 2) {
                memcpy(bare, host + 1, n - 2);
                bare[n - 2] = 0;
            } else memcpy(bare, host, n + 1);
            int local = !strcasecmp(bare, "localhost") || (strlen(bare) > 10 && !strcasecmp(bare + strlen(bare) - 10, ".localhost"));
            if ((local && !wh_cfg.allow_gateway_url && atol(port) == wh_cfg.gateway_port) || target_is_gateway(bare, atol(port)))
                why = "url points at the gateway itself (its loopback port); refused unless the plugin runs with --allow-gateway-url";
        }
    }
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return why;
}
