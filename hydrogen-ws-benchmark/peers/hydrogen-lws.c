/*
 * A minimal status broadcaster on libwebsockets, the C peer of the Hydrogen server for the load
 * scenarios (docs/performance.md, "Peers"). It speaks just enough of docs/protocol.md for the load
 * generator: subprotocol hydrogen-protocol, "Authorization: Key <key>" (401 otherwise), and a
 * status message of the same shape and size pushed to every client each interval, and sent to each
 * new client at once (the greeting, like Hydrogen's: the latest tick's seq, counts of that moment).
 *
 * One event loop on one thread. Each tick encodes the message once into a shared buffer and asks
 * lws for a writeable callback on every connection; each callback writes that buffer (lws_write
 * puts the frame header into the LWS_PRE bytes in front of it). A client whose socket is still
 * full gets no callback until it drains and then only the latest tick: conflation, like ours.
 *
 *   usage: hydrogen-lws PORT INTERVAL_MS KEY     (PORT 0: the kernel picks one; printed as ws://...)
 */
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define MAX_JSON 2048

struct pss { unsigned long sent_seq; int greet; }; /* per connection: the last tick it was sent; greeting due */

static struct lws_context *context;
static lws_sorted_usec_list_t tick_timer;
static volatile sig_atomic_t stopping;
static const char *expected_auth;                 /* "Key <key>" */
static long interval_us, active, total, requests;
static unsigned long seq;
static long long next_tick_us;
static char start_time[32], system_json[512];
static unsigned char message[LWS_PRE + MAX_JSON]; /* the shared payload, after LWS_PRE bytes */
static size_t message_len;

static long long now_us(int clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* Writes a status message after the LWS_PRE bytes of buf; returns its length. */
static size_t encode_status(unsigned char *buf) {
    long pages_total = 0, pages_resident = 0, page = sysconf(_SC_PAGESIZE);
    FILE *statm = fopen("/proc/self/statm", "r");
    if (statm) {
        if (fscanf(statm, "%ld %ld", &pages_total, &pages_resident) != 2) pages_total = pages_resident = 0;
        fclose(statm);
    }
    int n = snprintf((char *)buf + LWS_PRE, MAX_JSON,
        "{\"type\":\"status\",\"seq\":%lu,\"timestamp\":%lld,\"server_start_time\":\"%s\","
        "\"active_connections\":%ld,\"total_connections\":%ld,\"total_requests\":%ld,\"system\":%s,"
        "\"status\":{\"running\":true,\"shutting_down\":false,\"totalThreads\":1,"
        "\"totalVirtualMemoryBytes\":%ld,\"totalResidentMemoryBytes\":%ld}}",
        seq, now_us(CLOCK_REALTIME) / 1000, start_time, active, total, requests, system_json,
        pages_total * page, pages_resident * page);
    return n < MAX_JSON ? (size_t)n : MAX_JSON - 1;
}

static const struct lws_protocols protocols[];

static void tick(lws_sorted_usec_list_t *sul) {
    seq++;
    message_len = encode_status(message);
    lws_callback_on_writable_all_protocol(context, &protocols[0]);
    /* fixed rate: the next deadline counts from the last one, not from now */
    next_tick_us += interval_us;
    long long delay = next_tick_us - now_us(CLOCK_MONOTONIC);
    lws_sul_schedule(context, 0, sul, tick, delay > 0 ? delay : 0);
}

static int reject(struct lws *wsi, unsigned int code) {
    unsigned char buf[LWS_PRE + 256], *start = buf + LWS_PRE, *p = start, *end = buf + sizeof(buf) - 1;
    if (lws_add_http_header_status(wsi, code, &p, end)) return -1;
    if (code == HTTP_STATUS_UNAUTHORIZED && lws_add_http_header_by_token(wsi,
            WSI_TOKEN_HTTP_WWW_AUTHENTICATE, (const unsigned char *)"Key realm=\"hydrogen\"", 20, &p, end))
        return -1;
    if (lws_add_http_header_content_length(wsi, 0, &p, end) || lws_finalize_write_http_header(wsi, start, &p, end))
        return -1;
    return 1; /* rejected with our own response; lws completes the transaction */
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    struct pss *pss = user;
    char header[512];
    switch (reason) {
    case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:       /* headers parsed, nothing sent yet */
        if (lws_hdr_copy(wsi, header, sizeof(header), WSI_TOKEN_HTTP_AUTHORIZATION) <= 0
                || strcmp(header, expected_auth) != 0)
            return reject(wsi, HTTP_STATUS_UNAUTHORIZED);
        if (lws_hdr_total_length(wsi, WSI_TOKEN_PROTOCOL) <= 0) /* an unknown one lws refuses itself */
            return reject(wsi, HTTP_STATUS_BAD_REQUEST);
        return 0;
    case LWS_CALLBACK_ESTABLISHED:
        pss->sent_seq = seq;                       /* the greeting carries the latest tick */
        pss->greet = 1;
        active++;
        total++;
        lws_callback_on_writable(wsi);
        return 0;
    case LWS_CALLBACK_CLOSED:
        active--;
        return 0;
    case LWS_CALLBACK_RECEIVE:
        requests++;
        return 0;
    case LWS_CALLBACK_SERVER_WRITEABLE:
        if (pss->greet) {                          /* encoded for this client, at this moment */
            unsigned char greeting[LWS_PRE + MAX_JSON];
            size_t greeting_len = encode_status(greeting);
            pss->greet = 0;
            if (lws_write(wsi, greeting + LWS_PRE, greeting_len, LWS_WRITE_TEXT) < (int)greeting_len) return -1;
            if (pss->sent_seq != seq) lws_callback_on_writable(wsi); /* a tick came meanwhile */
            return 0;
        }
        if (pss->sent_seq == seq) return 0;
        pss->sent_seq = seq;
        if (lws_write(wsi, message + LWS_PRE, message_len, LWS_WRITE_TEXT) < (int)message_len) return -1;
        return 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols protocols[] = {
    { "hydrogen-protocol", callback, sizeof(struct pss), 0, 0, NULL, 0 },
    { NULL, NULL, 0, 0, 0, NULL, 0 }
};

static void on_signal(int sig) {
    (void)sig;
    stopping = 1;
    lws_cancel_service(context);
}

int main(int argc, char **argv) {
    if (argc != 4 || atoi(argv[1]) < 0 || atoi(argv[1]) > 65535 || atol(argv[2]) < 1 || !*argv[3]) {
        fprintf(stderr, "usage: %s PORT INTERVAL_MS KEY   (PORT 0..65535, 0 = any; INTERVAL_MS >= 1)\n", argv[0]);
        return 2;
    }
    interval_us = atol(argv[2]) * 1000;
    static char auth[512];
    snprintf(auth, sizeof(auth), "Key %s", argv[3]);
    expected_auth = auth;

    time_t started = time(NULL);
    strftime(start_time, sizeof(start_time), "%Y-%m-%dT%H:%M:%S.000Z", gmtime(&started));
    struct utsname u;
    uname(&u);
    snprintf(system_json, sizeof(system_json),
        "{\"sysname\":\"%s\",\"nodename\":\"%s\",\"release\":\"%s\",\"version\":\"%s\",\"machine\":\"%s\"}",
        u.sysname, u.nodename, u.release, u.version, u.machine);

    lws_set_log_level(LLL_ERR | LLL_WARN, NULL);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof(info));
    info.port = atoi(argv[1]);
    info.iface = "127.0.0.1";
    info.protocols = protocols;
    info.options = LWS_SERVER_OPTION_DISABLE_IPV6;
    context = lws_create_context(&info);
    if (!context) {
        fprintf(stderr, "hydrogen-lws: cannot listen on 127.0.0.1:%s\n", argv[1]);
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    printf("hydrogen-lws %s: status every %s ms on ws://127.0.0.1:%d/\n", lws_get_library_version(), argv[2],
           lws_get_vhost_listen_port(lws_get_vhost_by_name(context, "default")));
    fflush(stdout);

    next_tick_us = now_us(CLOCK_MONOTONIC) + interval_us;
    lws_sul_schedule(context, 0, &tick_timer, tick, interval_us);
    while (!stopping && lws_service(context, 0) >= 0) {
    }
    lws_context_destroy(context);                  /* closes every connection */
    printf("hydrogen-lws: stopped\n");
    return 0;
}
