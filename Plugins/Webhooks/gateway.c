/* Deliveries the gateway makes itself (sns:, sqs: targets, through its AWS adapter): a delivery thread sends the
 * gateway the request events.deliver {target, event, deliveryId, body} and waits for the reply, which the stdin
 * reader hands over here. Ids are "gw-<n>", so they never meet the gateway's own request ids. */
#include "webhooks.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct pending {
    long long n;
    int done;
    char *error; /* NULL: delivered */
    struct pending *next;
} pending;

static pthread_mutex_t gw_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gw_cond = PTHREAD_COND_INITIALIZER;
static pending *waiting;
static long long next_n;
static int aborted;

int is_gateway_target(const char *url) { return !strncmp(url, "sns:", 4) || !strncmp(url, "sqs:", 4); }

long gateway_deliver(const char *target, const char *delivery_id, const char *event, const char *body, char *err,
                     size_t errlen) {
    pending me = {0};
    pthread_mutex_lock(&gw_lock);
    if (aborted) {
        pthread_mutex_unlock(&gw_lock);
        snprintf(err, errlen, "stopping");
        return 0;
    }
    me.n = ++next_n;
    me.next = waiting;
    waiting = &me;
    pthread_mutex_unlock(&gw_lock);

    char id[32];
    snprintf(id, sizeof id, "gw-%lld", me.n);
    out_send(json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "jsonrpc", "2.0", "id", id, "method", "events.deliver",
                       "params", "target", target, "event", event, "deliveryId", delivery_id, "body", body));

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    long long ms = wh_cfg.timeout_ms + 1000; /* the gateway bounds its own call by the same timeout */
    deadline.tv_sec += (time_t)(ms / 1000);
    deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&gw_lock);
    int timed_out = 0;
    while (!me.done && !aborted && !timed_out) timed_out = pthread_cond_timedwait(&gw_cond, &gw_lock, &deadline) != 0;
    for (pending **p = &waiting; *p; p = &(*p)->next)
        if (*p == &me) {
            *p = me.next;
            break;
        }
    pthread_mutex_unlock(&gw_lock);
    if (!me.done) {
        snprintf(err, errlen, "%s", aborted ? "stopping" : "the gateway did not answer events.deliver in time");
        return 0;
    }
    if (me.error) {
        snprintf(err, errlen, "%s", me.error);
        free(me.error);
        return 502;
    }
    return 200;
}

int gateway_reply(const char *id, json_t *result, json_t *error) {
    if (strncmp(id, "gw-", 3)) return 0;
    long long n = strtoll(id + 3, NULL, 10);
    pthread_mutex_lock(&gw_lock);
    for (pending *p = waiting; p; p = p->next)
        if (p->n == n && !p->done) {
            p->done = 1;
            if (!result) {
                const char *m = json_string_value(json_object_get(error, "message"));
                p->error = strdup(m ? m : "the gateway refused the delivery");
            }
            pthread_cond_broadcast(&gw_cond);
            break;
        }
    pthread_mutex_unlock(&gw_lock);
    return 1;
}

void gateway_abort(void) {
    pthread_mutex_lock(&gw_lock);
    aborted = 1;
    pthread_cond_broadcast(&gw_cond);
    pthread_mutex_unlock(&gw_lock);
}
