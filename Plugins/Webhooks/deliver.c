/* Delivery threads: POST each queued delivery with libcurl, signed, in order per subscription (one thread serves a
 * subscription at a time), retrying non-2xx and network errors with exponential backoff up to max_attempts. Never
 * touches stdin, so a slow receiver costs only its own queue. */
#include "webhooks.h"
#include <curl/curl.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_t *threads;
static int nthreads;

static size_t discard(char *p, size_t size, size_t n, void *user) {
    (void)p;
    (void)user;
    return size * n;
}

/* Refuses to connect to the gateway's own loopback port whatever the name resolved to (DNS rebinding). */
static curl_socket_t open_socket(void *user, curlsocktype purpose, struct curl_sockaddr *addr) {
    (void)user;
    (void)purpose;
    char ip[64] = "";
    long port = 0;
    if (addr->family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)(void *)&addr->addr;
        inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
        port = ntohs(a->sin_port);
    } else if (addr->family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)(void *)&addr->addr;
        inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
        port = ntohs(a->sin6_port);
    }
    if (*ip && target_is_gateway(ip, port)) return CURL_SOCKET_BAD;
    return socket(addr->family, addr->socktype, addr->protocol);
}

/* One POST; returns the HTTP status (0: no response) and fills err. */
static long post(const char *url, const char *secret, const char *id, const char *event, const char *body, char *err,
                 size_t errlen) {
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, errlen, "curl_easy_init failed");
        return 0;
    }
    char sig[160], h_sig[200], h_id[96], h_event[96];
    sign_payload(secret, (long long)time(NULL), body, sig, sizeof sig);
    snprintf(h_sig, sizeof h_sig, "X-TableTalk-Signature: %s", sig);
    snprintf(h_id, sizeof h_id, "X-TableTalk-Delivery: %s", id);
    snprintf(h_event, sizeof h_event, "X-TableTalk-Event: %.60s", event);
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "User-Agent: TableTalk-Webhooks/1");
    h = curl_slist_append(h, h_sig);
    h = curl_slist_append(h, h_id);
    h = curl_slist_append(h, h_event);
    h = curl_slist_append(h, "Expect:");
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, wh_cfg.timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, wh_cfg.timeout_ms < 5000 ? wh_cfg.timeout_ms : 5000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else snprintf(err, errlen, "%s", *errbuf ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

static long backoff(long attempts) {
    long d = wh_cfg.backoff_ms;
    for (long i = 1; i < attempts && d < wh_cfg.max_backoff_ms; i++) d *= 2;
    return d < wh_cfg.max_backoff_ms ? d : wh_cfg.max_backoff_ms;
}

static void wait_until(long long deadline_ms) {
    struct timespec ts;
    ts.tv_sec = (time_t)(deadline_ms / 1000);
    ts.tv_nsec = (long)(deadline_ms % 1000) * 1000000L;
    pthread_cond_timedwait(&wh_wake, &wh_lock, &ts);
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&wh_lock);
    while (!wh_stopping) {
        long long now = now_ms(), soonest = now + 1000;
        wh_sub *s = NULL;
        for (wh_sub *c = wh_subs; c; c = c->next) {
            if (!c->qhead || c->busy) continue;
            if (c->next_attempt_ms <= now) {
                s = c;
                break;
            }
            if (c->next_attempt_ms < soonest) soonest = c->next_attempt_ms;
        }
        if (!s) {
            wait_until(soonest);
            continue;
        }
        s->busy = 1;
        long attempts = ++s->head_attempts;
        char *sub_id = strdup(s->id), *url = strdup(s->url), *secret = strdup(s->secret);
        char *id = strdup(s->qhead->id), *event = strdup(s->qhead->event), *body = strdup(s->qhead->body);
        pthread_mutex_unlock(&wh_lock);

        char err[CURL_ERROR_SIZE + 32] = "";
        long status = 0;
        if (sub_id && url && secret && id && event && body)
            status = is_gateway_target(url) ? gateway_deliver(url, id, event, body, err, sizeof err)
                                            : post(url, secret, id, event, body, err, sizeof err);

        pthread_mutex_lock(&wh_lock);
        s = sub_id ? store_find(sub_id) : NULL; /* may have been unsubscribed meanwhile */
        if (s && s->qhead && id && !strcmp(s->qhead->id, id)) {
            const char *outcome;
            if (status >= 200 && status < 300) {
                outcome = "delivered";
                s->delivered++;
            } else if (attempts >= wh_cfg.max_attempts) {
                outcome = "failed";
                s->failures++;
            } else {
                outcome = "retrying";
            }
            snprintf(s->last_status, sizeof s->last_status, "%s", outcome);
            s->last_http = status;
            s->last_at = now_ms();
            json_t *note = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:{s:s}}", "id", id, "subscription", s->id, "event",
                                     event, "status", outcome, "attempts", (int)attempts, "httpStatus", (int)status,
                                     "_meta", "principal", s->principal);
            if (note && *err) json_object_set_new(note, "error", json_string(err));
            if (strcmp(outcome, "retrying")) {
                queue_pop(s, outcome);
                s->head_attempts = 0;
                s->next_attempt_ms = 0;
            } else {
                s->next_attempt_ms = now_ms() + backoff(attempts);
            }
            store_save();
            if (note) out_notify("webhooks.delivery", note);
        }
        if (s) s->busy = 0;
        free(sub_id);
        free(url);
        free(secret);
        free(id);
        free(event);
        free(body);
        pthread_cond_broadcast(&wh_wake);
    }
    pthread_mutex_unlock(&wh_lock);
    return NULL;
}

int deliver_start(void) {
    nthreads = wh_cfg.workers;
    threads = calloc((size_t)nthreads, sizeof *threads);
    if (!threads) return -1;
    for (int i = 0; i < nthreads; i++)
        if (pthread_create(&threads[i], NULL, worker, NULL) != 0) {
            nthreads = i;
            return -1;
        }
    return 0;
}

void deliver_stop(void) {
    gateway_abort();
    pthread_mutex_lock(&wh_lock);
    wh_stopping = 1;
    pthread_cond_broadcast(&wh_wake);
    pthread_mutex_unlock(&wh_lock);
    for (int i = 0; i < nthreads; i++) pthread_join(threads[i], NULL);
    free(threads);
    threads = NULL;
    nthreads = 0;
}
