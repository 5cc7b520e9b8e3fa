/* JSON-RPC 2.0 dispatch: initialize, shutdown, webhooks.* (per principal, from params._meta.principal, which the
 * gateway sets) and the gateway's events.publish notification. */
#include "webhooks.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int wh_exit_requested;

#define PARSE_ERROR -32700
#define INVALID_REQUEST -32600
#define METHOD_NOT_FOUND -32601
#define INVALID_PARAMS -32602
#define INTERNAL_ERROR -32603

static const char *const known_events[] = {"upload.ready", "upload.failed", "table.dropped", "chat.answered",
                                           "monitoring.alert", "*"};

static int known_event(const char *name) {
    for (size_t i = 0; i < sizeof known_events / sizeof *known_events; i++)
        if (!strcmp(name, known_events[i])) return 1;
    return 0;
}

/* Event names go into a header (X-TableTalk-Event): lowercase letters, digits, '.', '_' and '-' only, 1-64 long. */
static int plain_name(const char *name) {
    size_t n = strlen(name);
    if (n == 0 || n > 64) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return 0;
    }
    return 1;
}

static int sub_wants(const wh_sub *s, const char *event) {
    for (size_t i = 0; i < s->nevents; i++)
        if (!strcmp(s->events[i], "*") || !strcmp(s->events[i], event)) return 1;
    return 0;
}

static const char *principal_of(json_t *params) {
    return json_string_value(json_object_get(json_object_get(params, "_meta"), "principal"));
}

static json_t *sub_json(const wh_sub *s) {
    json_t *events = json_array();
    for (size_t i = 0; i < s->nevents; i++) json_array_append_new(events, json_string(s->events[i]));
    return json_pack("{s:s, s:s, s:o, s:I, s:i, s:i, s:i, s:i, s:s, s:i, s:I}", "id", s->id, "url", s->url, "events", events,
                     "created", (json_int_t)s->created, "delivered", (int)s->delivered, "failures", (int)s->failures,
                     "dropped", (int)s->dropped, "queued", (int)s->qlen, "lastStatus", s->last_status, "lastHttpStatus",
                     (int)s->last_http, "lastAttemptAt", (json_int_t)s->last_at);
}

static void initialize(json_t *id) {
    json_t *events = json_array();
    for (size_t i = 0; i + 1 < sizeof known_events / sizeof *known_events; i++)
        json_array_append_new(events, json_string(known_events[i]));
    out_result(id, json_pack("{s:s, s:{s:s, s:s}, s:{s:{s:{s:[s,s,s,s], s:[s]}}, s:o}}", "protocolVersion", "1.0",
                             "serverInfo", "name", "tabletalk-webhooks", "version", "1.0.0", "capabilities", "namespaces",
                             "webhooks", "methods", "webhooks.subscribe", "webhooks.list", "webhooks.unsubscribe",
                             "webhooks.test", "notifications", "webhooks.delivery", "events", events));
}

static void subscribe(json_t *id, json_t *params, const char *principal) {
    const char *url = json_string_value(json_object_get(params, "url"));
    json_t *events = json_object_get(params, "events"), *secret_v = json_object_get(params, "secret"), *e;
    size_t i;
    if (!url) { out_error(id, INVALID_PARAMS, "field \"url\" is required (a string)"); return; }
    const char *why = target_check(url);
    if (why) { out_error(id, INVALID_PARAMS, why); return; }
    if (!json_is_array(events) || json_array_size(events) == 0 || json_array_size(events) > 16)
        { out_error(id, INVALID_PARAMS, "field \"events\" must be an array of 1 to 16 event names"); return; }
    json_array_foreach(events, i, e) {
        if (!json_is_string(e) || !known_event(json_string_value(e)))
            { out_error(id, INVALID_PARAMS,
                             "unknown event in \"events\" (upload.ready, upload.failed, table.dropped, chat.answered, "
                             "monitoring.alert or *)"); return; }
    }
    const char *secret = NULL;
    if (secret_v && !json_is_null(secret_v)) {
        secret = json_string_value(secret_v);
        if (!secret || strlen(secret) < 8 || strlen(secret) > 256)
            { out_error(id, INVALID_PARAMS, "field \"secret\" must be a string of 8 to 256 characters"); return; }
    }
    long mine = 0;
    for (wh_sub *s = wh_subs; s; s = s->next) mine += !strcmp(s->principal, principal);
    if (mine >= wh_cfg.max_subscriptions) { out_error(id, INVALID_PARAMS, "too many subscriptions for this principal"); return; }

    wh_sub *s = calloc(1, sizeof *s);
    if (!s) { out_error(id, INTERNAL_ERROR, "out of memory"); return; }
    char sid[40] = "wh_", gen[80] = "whsec_";
    random_hex(sid + 3, 8);
    random_hex(gen + 6, 24);
    s->id = strdup(sid);
    s->principal = strdup(principal);
    s->url = strdup(url);
    s->secret = strdup(secret ? secret : gen);
    s->events = calloc(json_array_size(events), sizeof(char *));
    if (!s->id || !s->principal || !s->url || !s->secret || !s->events) {
        sub_free(s);
        { out_error(id, INTERNAL_ERROR, "out of memory"); return; }
    }
    json_array_foreach(events, i, e) s->events[s->nevents++] = strdup(json_string_value(e));
    s->created = now_ms();
    snprintf(s->last_status, sizeof s->last_status, "none");
    s->next = wh_subs;
    wh_subs = s;
    if (store_save() != 0) {
        wh_subs = s->next;
        sub_free(s);
        { out_error(id, INTERNAL_ERROR, "could not save the subscription"); return; }
    }
    json_t *result = sub_json(s);
    json_object_set_new(result, "secret", json_string(s->secret));
    out_result(id, result);
}

static wh_sub *owned(json_t *id, json_t *params, const char *principal) {
    const char *sid = json_string_value(json_object_get(params, "id"));
    if (!sid) {
        out_error(id, INVALID_PARAMS, "field \"id\" is required (a subscription id)");
        return NULL;
    }
    wh_sub *s = store_find(sid);
    if (!s || strcmp(s->principal, principal)) {
        out_error(id, INVALID_PARAMS, "no subscription with this id");
        return NULL;
    }
    return s;
}

static void unsubscribe(json_t *id, json_t *params, const char *principal) {
    wh_sub *s = owned(id, params, principal);
    if (!s) return;
    for (wh_sub **p = &wh_subs; *p; p = &(*p)->next)
        if (*p == s) {
            *p = s->next;
            break;
        }
    out_result(id, json_pack("{s:s, s:b, s:i}", "id", s->id, "removed", 1, "discarded", (int)s->qlen));
    queue_clear(s);
    sub_free(s);
    store_save();
}

static void list(json_t *id, const char *principal) {
    json_t *subs = json_array();
    for (wh_sub *s = wh_subs; s; s = s->next)
        if (!strcmp(s->principal, principal)) json_array_append_new(subs, sub_json(s));
    out_result(id, json_pack("{s:o}", "subscriptions", subs));
}

static char *envelope(const char *event, const char *event_id, const char *time_s, const char *principal, json_t *data) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:O}", "event", event, "id", event_id, "time", time_s, "principal",
                          principal ? json_string(principal) : json_null(), "data", data ? data : json_null());
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return text;
}

static void test(json_t *id, json_t *params, const char *principal) {
    wh_sub *s = owned(id, params, principal);
    if (!s) return;
    char eid[40] = "evt_", when[32];
    random_hex(eid + 4, 16);
    time_t t = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    json_t *data = json_pack("{s:s}", "subscription", s->id);
    char *body = envelope("webhooks.test", eid, when, principal, data);
    json_decref(data);
    char *did = NULL;
    if (!body || queue_push(s, "webhooks.test", body, &did) != 0) {
        free(body);
        { out_error(id, INTERNAL_ERROR, "could not queue the test delivery"); return; }
    }
    free(body);
    pthread_cond_broadcast(&wh_wake);
    out_result(id, json_pack("{s:s, s:s}", "deliveryId", did, "subscription", s->id));
    free(did);
}

/* events.publish {event, id, time, principal, data}: queue one delivery per matching subscription (an event with a
 * principal goes to that principal's subscriptions only; one without, such as monitoring.alert, to every one). */
static void publish(json_t *params) {
    const char *event = json_string_value(json_object_get(params, "event"));
    const char *eid = json_string_value(json_object_get(params, "id"));
    const char *when = json_string_value(json_object_get(params, "time"));
    json_t *pv = json_object_get(params, "principal");
    const char *principal = json_string_value(pv);
    if (!event || !eid || !when || (pv && !json_is_null(pv) && !principal) || !plain_name(event)) return;
    char *body = NULL;
    int queued = 0;
    for (wh_sub *s = wh_subs; s; s = s->next) {
        if (!sub_wants(s, event) || (principal && strcmp(principal, s->principal))) continue;
        if (!body) body = envelope(event, eid, when, principal, json_object_get(params, "data"));
        if (body && queue_push(s, event, body, NULL) == 0) queued++;
    }
    free(body);
    if (queued) pthread_cond_broadcast(&wh_wake);
}

void handle_line(const char *line, size_t len) {
    json_error_t err;
    json_t *msg = json_loadb(line, len, 0, &err);
    if (!msg) { out_error(NULL, PARSE_ERROR, "not valid JSON"); return; }
    if (!json_is_object(msg)) {
        json_decref(msg);
        { out_error(NULL, INVALID_REQUEST, "not a JSON-RPC request object (batches are not accepted)"); return; }
    }
    json_t *id = json_object_get(msg, "id");
    json_t *method_v = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    const char *method = json_string_value(method_v);
    int is_request = id != NULL;
    if (id && !json_is_string(id) && !json_is_integer(id) && !json_is_null(id)) {
        json_decref(msg);
        { out_error(NULL, INVALID_REQUEST, "id must be a string or an integer"); return; }
    }
    if (!method) {
        /* the gateway's reply to events.deliver; otherwise a reply to nothing we asked, or junk */
        if (!method_v && json_is_string(id))
            gateway_reply(json_string_value(id), json_object_get(msg, "result"), json_object_get(msg, "error"));
        else if (is_request && method_v) out_error(id, INVALID_REQUEST, "method must be a string");
        json_decref(msg);
        return;
    }
    if (!is_request) {
        if (!strcmp(method, "events.publish") && json_is_object(params)) {
            pthread_mutex_lock(&wh_lock);
            publish(params);
            pthread_mutex_unlock(&wh_lock);
        } else if (!strcmp(method, "exit")) {
            wh_exit_requested = 1;
        }
        json_decref(msg); /* $/cancelRequest and the rest: nothing to do */
        return;
    }
    if (!strcmp(method, "initialize")) initialize(id);
    else if (!strcmp(method, "shutdown")) out_result(id, json_object());
    else if (!strncmp(method, "webhooks.", 9)) {
        const char *principal = params && json_is_object(params) ? principal_of(params) : NULL;
        if (params && !json_is_object(params)) out_error(id, INVALID_PARAMS, "params must be an object");
        else if (!principal)
            out_error(id, INVALID_PARAMS, "params._meta.principal is missing (requests come through the gateway)");
        else {
            pthread_mutex_lock(&wh_lock);
            if (!strcmp(method, "webhooks.subscribe")) subscribe(id, params, principal);
            else if (!strcmp(method, "webhooks.list")) list(id, principal);
            else if (!strcmp(method, "webhooks.unsubscribe")) unsubscribe(id, params, principal);
            else if (!strcmp(method, "webhooks.test")) test(id, params, principal);
            else out_error(id, METHOD_NOT_FOUND, "no such method");
            pthread_mutex_unlock(&wh_lock);
        }
    } else out_error(id, METHOD_NOT_FOUND, "no such method");
    json_decref(msg);
}
