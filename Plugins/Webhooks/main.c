/* tabletalk-webhooks: a TableTalk external plugin (namespace "webhooks") that delivers the gateway's domain events
 * to HTTP(S) endpoints. Newline-delimited JSON-RPC 2.0 on stdin/stdout; see README.md. */
#include "webhooks.h"
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (4L << 20)

wh_config wh_cfg;
pthread_mutex_t wh_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t wh_wake = PTHREAD_COND_INITIALIZER;
wh_sub *wh_subs;
int wh_stopping;

static long env_long(const char *name, long fallback, long lo, long hi) {
    const char *v = getenv(name);
    if (!v || !*v) return fallback;
    char *end;
    long n = strtol(v, &end, 10);
    return (*end || n < lo || n > hi) ? fallback : n;
}

static int usage(void) {
    fputs("usage: tabletalk-webhooks [--data-dir DIR] [--gateway-port N] [--allow-gateway-url] [--aws-targets]\n"
          "  DIR defaults to $TABLETALK_WEBHOOKS_DIR, else $TABLETALK_DATA_DIR/webhooks; N to $TABLETALK_PORT, else 8080.\n"
          "  Tuning (environment): TABLETALK_WEBHOOKS_BACKOFF_MS, _MAX_BACKOFF_MS, _MAX_ATTEMPTS, _TIMEOUT_MS, _MAX_QUEUE,\n"
          "  _WORKERS.\n",
          stderr);
    return 2;
}

static int configure(int argc, char **argv) {
    const char *dir = getenv("TABLETALK_WEBHOOKS_DIR");
    char *fallback = NULL;
    wh_cfg.gateway_port = env_long("TABLETALK_PORT", 8080, 0, 65535);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data-dir") && i + 1 < argc) dir = argv[++i];
        else if (!strcmp(argv[i], "--gateway-port") && i + 1 < argc) wh_cfg.gateway_port = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--allow-gateway-url")) wh_cfg.allow_gateway_url = 1;
        else if (!strcmp(argv[i], "--aws-targets")) wh_cfg.aws_targets = 1;
        else return usage();
    }
    if (!dir && getenv("TABLETALK_DATA_DIR")) dir = fallback = path_join(getenv("TABLETALK_DATA_DIR"), "webhooks");
    if (!dir) {
        fputs("tabletalk-webhooks: no data directory (--data-dir or TABLETALK_DATA_DIR)\n", stderr);
        return usage();
    }
    wh_cfg.data_dir = strdup(dir);
    free(fallback);
    wh_cfg.backoff_ms = env_long("TABLETALK_WEBHOOKS_BACKOFF_MS", 1000, 1, 3600000);
    wh_cfg.max_backoff_ms = env_long("TABLETALK_WEBHOOKS_MAX_BACKOFF_MS", 300000, 1, 86400000);
    wh_cfg.max_attempts = env_long("TABLETALK_WEBHOOKS_MAX_ATTEMPTS", 8, 1, 100);
    wh_cfg.timeout_ms = env_long("TABLETALK_WEBHOOKS_TIMEOUT_MS", 10000, 100, 600000);
    wh_cfg.max_queue = env_long("TABLETALK_WEBHOOKS_MAX_QUEUE", 1000, 1, 1000000);
    wh_cfg.max_subscriptions = env_long("TABLETALK_WEBHOOKS_MAX_SUBSCRIPTIONS", 50, 1, 100000);
    wh_cfg.workers = (int)env_long("TABLETALK_WEBHOOKS_WORKERS", 4, 1, 64);
    return 0;
}

/* Reads one line of at most MAX_LINE bytes into *buf; longer lines are consumed and reported as too long.
 * Returns -1 at end of input, 0 for a line, 1 for a line that was too long. */
static int read_line(char **buf, size_t *cap, size_t *len) {
    int c, too_long = 0;
    *len = 0;
    while ((c = getc_unlocked(stdin)) != EOF) {
        if (c == '\n') return too_long;
        if (too_long) continue;
        if ((long)*len >= MAX_LINE) {
            too_long = 1;
            continue;
        }
        if (*len + 1 >= *cap) {
            size_t ncap = *cap ? *cap * 2 : 4096;
            char *n = realloc(*buf, ncap);
            if (!n) {
                too_long = 1;
                continue;
            }
            *buf = n;
            *cap = ncap;
        }
        (*buf)[(*len)++] = (char)c;
    }
    return (*len || too_long) ? too_long : -1;
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    if (configure(argc, argv) != 0) return 2;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        fputs("tabletalk-webhooks: curl_global_init failed\n", stderr);
        return 1;
    }
    if (ensure_dir(wh_cfg.data_dir) != 0) {
        fprintf(stderr, "tabletalk-webhooks: cannot create %s\n", wh_cfg.data_dir);
        return 1;
    }
    pthread_mutex_lock(&wh_lock);
    store_load();
    int loaded = queue_load();
    pthread_mutex_unlock(&wh_lock);
    if (loaded != 0 || deliver_start() != 0) {
        fputs("tabletalk-webhooks: cannot start (queue directory or threads)\n", stderr);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, len = 0;
    int rc;
    while (!wh_exit_requested && (rc = read_line(&line, &cap, &len)) >= 0) {
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t')) len--;
        if (rc == 1) out_error(NULL, -32700, "line too long");
        else if (len) handle_line(line, len);
    }
    free(line);
    deliver_stop();
    pthread_mutex_lock(&wh_lock);
    for (wh_sub *s = wh_subs, *n; s; s = n) {
        n = s->next;
        sub_free(s);
    }
    wh_subs = NULL;
    pthread_mutex_unlock(&wh_lock);
    free(wh_cfg.data_dir);
    curl_global_cleanup();
    return 0;
}
