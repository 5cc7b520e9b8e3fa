/* Subscriptions (subscriptions.json) and the on-disk delivery queue (queue/<seq>.json, one file per delivery),
 * both written atomically with mode 0600 so that a kill -9 loses nothing that was acknowledged. Callers hold wh_lock. */
#include "webhooks.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long next_seq = 1;

static char *queue_dir(void) { return path_join(wh_cfg.data_dir, "queue"); }

wh_sub *store_find(const char *id) {
    for (wh_sub *s = wh_subs; s; s = s->next)
        if (!strcmp(s->id, id)) return s;
    return NULL;
}

static void delivery_free(wh_delivery *d) {
    if (!d) return;
    free(d->id);
    free(d->event);
    free(d->body);
    free(d);
}

void sub_free(wh_sub *s) {
    if (!s) return;
    for (wh_delivery *d = s->qhead, *n; d; d = n) {
        n = d->next;
        delivery_free(d);
    }
    for (size_t i = 0; i < s->nevents; i++) free(s->events[i]);
    free(s->events);
    free(s->id);
    free(s->principal);
    free(s->url);
    free(s->secret);
    free(s);
}

static char *dup_str(json_t *o, const char *key) {
    const char *v = json_string_value(json_object_get(o, key));
    return v ? strdup(v) : NULL;
}

int store_load(void) {
    char *path = path_join(wh_cfg.data_dir, "subscriptions.json");
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    free(path);
    if (!root) return 0; /* none yet */
    json_t *list = json_object_get(root, "subscriptions"), *item;
    size_t i;
    wh_sub **tail = &wh_subs;
    json_array_foreach(list, i, item) {
        wh_sub *s = calloc(1, sizeof *s);
        if (!s) break;
        s->id = dup_str(item, "id");
        s->principal = dup_str(item, "principal");
        s->url = dup_str(item, "url");
        s->secret = dup_str(item, "secret");
        json_t *events = json_object_get(item, "events"), *e;
        size_t j;
        s->events = calloc(json_array_size(events) + 1, sizeof(char *));
        json_array_foreach(events, j, e) {
            if (json_is_string(e) && s->events) s->events[s->nevents++] = strdup(json_string_value(e));
        }
        s->created = json_integer_value(json_object_get(item, "created"));
        s->delivered = (long)json_integer_value(json_object_get(item, "delivered"));
        s->failures = (long)json_integer_value(json_object_get(item, "failures"));
        s->dropped = (long)json_integer_value(json_object_get(item, "dropped"));
        s->last_http = (long)json_integer_value(json_object_get(item, "lastHttp"));
        s->last_at = json_integer_value(json_object_get(item, "lastAt"));
        const char *st = json_string_value(json_object_get(item, "lastStatus"));
        snprintf(s->last_status, sizeof s->last_status, "%s", st ? st : "none");
        if (!s->id || !s->principal || !s->url || !s->secret || !s->events) {
            sub_free(s);
            continue;
        }
        *tail = s;
        tail = &s->next;
    }
    json_decref(root);
    return 0;
}

int store_save(void) {
    json_t *list = json_array();
    for (wh_sub *s = wh_subs; s; s = s->next) {
        json_t *events = json_array();
        for (size_t i = 0; i < s->nevents; i++) json_array_append_new(events, json_string(s->events[i]));
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o, s:I, s:i, s:i, s:i, s:s, s:i, s:I}", "id", s->id,
                                              "principal", s->principal, "url", s->url, "secret", s->secret, "events",
                                              events, "created", (json_int_t)s->created, "delivered", (int)s->delivered,
                                              "failures", (int)s->failures, "dropped", (int)s->dropped, "lastStatus",
                                              s->last_status, "lastHttp", (int)s->last_http, "lastAt",
                                              (json_int_t)s->last_at));
    }
    json_t *root = json_pack("{s:i, s:o}", "version", 1, "subscriptions", list);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (!text) return -1;
    int rc = write_file_atomic(wh_cfg.data_dir, "subscriptions.json", text, strlen(text));
    free(text);
    return rc;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static int is_queue_file(const struct dirent *d) {
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n == 25 && !strcmp(d->d_name + 20, ".json");
}

static char *queue_path(unsigned long long seq) {
    char name[40];
    snprintf(name, sizeof name, "%020llu.json", seq);
    char *dir = queue_dir(), *p = dir ? path_join(dir, name) : NULL;
    free(dir);
    return p;
}

static void append(wh_sub *s, wh_delivery *d) {
    if (s->qtail) s->qtail->next = d;
    else s->qhead = d;
    s->qtail = d;
    s->qlen++;
}

int queue_load(void) {
    char *dir = queue_dir();
    if (!dir || ensure_dir(dir) != 0) {
        free(dir);
        return -1;
    }
    struct dirent **names = NULL;
    int n = scandir(dir, &names, is_queue_file, by_name);
    for (int i = 0; i < n; i++) {
        unsigned long long seq = strtoull(names[i]->d_name, NULL, 10);
        if (seq >= next_seq) next_seq = seq + 1;
        char *path = path_join(dir, names[i]->d_name);
        json_error_t err;
        json_t *o = path ? json_load_file(path, 0, &err) : NULL;
        wh_sub *s = o ? store_find(json_string_value(json_object_get(o, "sub")) ? json_string_value(json_object_get(o, "sub")) : "") : NULL;
        if (s && json_is_string(json_object_get(o, "body")) && json_is_string(json_object_get(o, "id"))) {
            wh_delivery *d = calloc(1, sizeof *d);
            if (d) {
                d->id = dup_str(o, "id");
                d->event = dup_str(o, "event");
                d->body = dup_str(o, "body");
                d->seq = seq;
                if (!d->event) d->event = strdup("");
                append(s, d);
            }
        } else if (path) {
            unlink(path); /* its subscription is gone, or the file is damaged */
        }
        json_decref(o);
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir);
    return 0;
}

int queue_push(wh_sub *s, const char *event, const char *body, char **delivery_id) {
    char id[40] = "dlv_";
    random_hex(id + 4, 12);
    unsigned long long seq = next_seq++;
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "sub", s->id, "event", event, "body", body);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    char name[40], *dir = queue_dir();
    snprintf(name, sizeof name, "%020llu.json", seq);
    int rc = (text && dir) ? write_file_atomic(dir, name, text, strlen(text)) : -1;
    free(text);
    free(dir);
    if (rc != 0) return -1;
    wh_delivery *d = calloc(1, sizeof *d);
    if (!d) return -1;
    d->id = strdup(id);
    d->event = strdup(event);
    d->body = strdup(body);
    d->seq = seq;
    append(s, d);
    if (delivery_id) *delivery_id = strdup(id);
    /* Bounded: drop the oldest that is not being delivered right now. */
    while (s->qlen > wh_cfg.max_queue) {
        wh_delivery **victim = s->busy ? &s->qhead->next : &s->qhead;
        wh_delivery *v = *victim;
        if (!v) break;
        *victim = v->next;
        if (s->qtail == v) s->qtail = s->busy ? s->qhead : NULL;
        if (!s->qhead) s->qtail = NULL;
        s->qlen--;
        s->dropped++;
        char *p = queue_path(v->seq);
        if (p) unlink(p);
        free(p);
        out_notify("webhooks.delivery", json_pack("{s:s, s:s, s:s, s:s, s:i, s:{s:s}}", "id", v->id, "subscription", s->id,
                                                  "event", v->event, "status", "dropped", "attempts", 0, "_meta",
                                                  "principal", s->principal));
        delivery_free(v);
    }
    return 0;
}

void queue_pop(wh_sub *s, const char *why) {
    (void)why;
    wh_delivery *d = s->qhead;
    if (!d) return;
    s->qhead = d->next;
    if (!s->qhead) s->qtail = NULL;
    s->qlen--;
    char *p = queue_path(d->seq);
    if (p) unlink(p);
    free(p);
    delivery_free(d);
}

void queue_clear(wh_sub *s) {
    while (s->qhead) queue_pop(s, "unsubscribed");
}
