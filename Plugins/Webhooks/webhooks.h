/* TableTalk webhooks plugin: shared declarations. See README.md. */
#ifndef TABLETALK_WEBHOOKS_H
#define TABLETALK_WEBHOOKS_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>

/* Settings, from arguments (--data-dir …) or the environment. */
typedef struct {
    char *data_dir;        /* subscriptions.json and queue/ live here (mode 0700) */
    long gateway_port;     /* loopback URLs on this port are refused (no SSRF into the gateway) */
    int allow_gateway_url; /* --allow-gateway-url: accept them anyway */
    long backoff_ms;       /* first retry delay; doubles per attempt, at most max_backoff_ms */
    long max_backoff_ms;
    long max_attempts;     /* attempts per delivery before it is given up */
    long timeout_ms;       /* whole HTTP exchange */
    long max_queue;        /* queued deliveries per subscription; the oldest is dropped beyond */
    long max_subscriptions;/* per principal */
    int workers;           /* delivery threads (one subscription is served by one at a time: ordering) */
    int aws_targets;       /* --aws-targets: accept sns:/sqs: targets, delivered by the gateway (events.deliver) */
} wh_config;

/* One queued delivery (mirrors a file queue/<seq>.json). */
typedef struct wh_delivery {
    char *id;      /* dlv_… (X-TableTalk-Delivery) */
    char *event;   /* upload.ready … */
    char *body;    /* the exact bytes POSTed */
    unsigned long long seq;
    struct wh_delivery *next;
} wh_delivery;

/* One subscription of one principal. */
typedef struct wh_sub {
    char *id, *principal, *url, *secret;
    char **events;
    size_t nevents;
    long long created;
    long delivered, failures, dropped;
    char last_status[16]; /* none, delivered, retrying, failed, dropped */
    long last_http;
    long long last_at;
    /* queue and delivery state (under wh_lock) */
    wh_delivery *qhead, *qtail;
    long qlen;
    int busy;
    long head_attempts;
    long long next_attempt_ms;
    struct wh_sub *next;
} wh_sub;

extern wh_config wh_cfg;
extern pthread_mutex_t wh_lock;
extern pthread_cond_t wh_wake;
extern wh_sub *wh_subs;
extern int wh_stopping;

/* out.c: one JSON line per message on stdout, whole lines only, from any thread. */
void out_send(json_t *message); /* steals the reference */
void out_result(json_t *id, json_t *result);
void out_error(json_t *id, int code, const char *message);
void out_notify(const char *method, json_t *params);

/* fsutil.c */
long long now_ms(void);
int write_file_atomic(const char *dir, const char *name, const char *data, size_t len);
int ensure_dir(const char *path);
char *path_join(const char *a, const char *b);
void random_hex(char *out, size_t bytes); /* out holds 2*bytes+1 */

/* sign.c: "t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>" into out (>= 96 bytes). */
void sign_payload(const char *secret, long long t, const char *body, char *out, size_t outlen);

/* target.c: NULL when `url` may be subscribed, else why not. */
const char *target_check(const char *url);
int target_is_gateway(const char *ip, long port);

/* store.c (call with wh_lock held) */
int store_load(void);
int store_save(void);
wh_sub *store_find(const char *id);
void sub_free(wh_sub *s);
int queue_load(void);
int queue_push(wh_sub *s, const char *event, const char *body, char **delivery_id);
void queue_pop(wh_sub *s, const char *why);
void queue_clear(wh_sub *s);

/* gateway.c: sns:/sqs: deliveries handed to the gateway (events.deliver) */
int is_gateway_target(const char *url);
long gateway_deliver(const char *target, const char *delivery_id, const char *event, const char *body, char *err,
                     size_t errlen);
int gateway_reply(const char *id, json_t *result, json_t *error); /* 1 when the id was one of ours */
void gateway_abort(void);

/* deliver.c */
int deliver_start(void);
void deliver_stop(void);

/* methods.c */
void handle_line(const char *line, size_t len);
extern int wh_exit_requested; /* set by the exit notification */

#endif
