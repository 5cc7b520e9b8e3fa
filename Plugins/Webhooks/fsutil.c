/* Files written atomically (temp file, fsync, rename, fsync of the directory), mode 0600; clocks; random ids. */
#include "webhooks.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *path_join(const char *a, const char *b) {
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", a, b);
    return p;
}

int ensure_dir(const char *path) {
    if (mkdir(path, 0700) == 0 || errno == EEXIST) return 0;
    return -1;
}

static int fsync_dir(const char *dir) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int write_file_atomic(const char *dir, const char *name, const char *data, size_t len) {
    char tmpname[256];
    snprintf(tmpname, sizeof tmpname, ".%s.tmp", name);
    char *tmp = path_join(dir, tmpname), *final = path_join(dir, name);
    int rc = -1;
    if (!tmp || !final) goto done;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) goto done;
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        off += (size_t)n;
    }
    if (off != len || fsync(fd) != 0) {
        close(fd);
        unlink(tmp);
        goto done;
    }
    close(fd);
    if (rename(tmp, final) != 0) {
        unlink(tmp);
        goto done;
    }
    fsync_dir(dir);
    rc = 0;
done:
    free(tmp);
    free(final);
    return rc;
}

void random_hex(char *out, size_t bytes) {
    unsigned char buf[64];
    if (bytes > sizeof buf) bytes = sizeof buf;
    if (RAND_bytes(buf, (int)bytes) != 1) {
        /* never expected; fall back to time and address bits rather than fail */
        long long t = now_ms();
        for (size_t i = 0; i < bytes; i++) buf[i] = (unsigned char)((t >> (i % 8)) ^ (long long)(size_t)&buf[i]);
    }
    for (size_t i = 0; i < bytes; i++) sprintf(out + 2 * i, "%02x", buf[i]);
    out[2 * bytes] = 0;
}
