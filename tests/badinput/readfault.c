/* LD_PRELOAD shim for tests/test_reliability_faults_read.py: fails reads of the file whose path ends
   with $FAULT_FILE, as SQLite's own tests do with a VFS shim: the $FAULT_AT-th pread only, or every
   one from it on ($FAULT_PERSIST), or each with probability $FAULT_RATE ($FAULT_SEED). No mmap of that
   file, so that SQLite reads every page with pread. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

static unsigned long long state = 0;
static double rate = -1;
static const char *target;
static long at = 0, calls = 0;
static int persist = 0;

static void init(void) {
    if (rate >= 0) return;
    const char *r = getenv("FAULT_RATE"), *s = getenv("FAULT_SEED");
    target = getenv("FAULT_FILE");
    rate = r ? atof(r) : 0;
    at = getenv("FAULT_AT") ? atol(getenv("FAULT_AT")) : 0;
    persist = getenv("FAULT_PERSIST") != 0;
    state = s ? strtoull(s, 0, 10) * 2654435761ULL + 1 : 1;
}

static int is_target(int fd) {
    char link[64], path[4096];
    if (!target) return 0;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    size_t lp = strlen(path), lt = strlen(target);  /* the store itself, not its -wal or -shm */
    return lp >= lt && strcmp(path + lp - lt, target) == 0;
}

static int fail_now(int fd) {
    init();
    if ((rate <= 0 && at <= 0) || !is_target(fd)) return 0;
    calls++;
    if (at > 0) return persist ? calls >= at : calls == at;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) / 9007199254740992.0 < rate;
}

ssize_t pread64(int fd, void *buf, size_t count, off_t offset) {
    static ssize_t (*real)(int, void *, size_t, off_t);
    if (!real) real = dlsym(RTLD_NEXT, "pread64");
    if (fail_now(fd)) { errno = EIO; return -1; }
    return real(fd, buf, count, offset);
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset) {
    static ssize_t (*real)(int, void *, size_t, off_t);
    if (!real) real = dlsym(RTLD_NEXT, "pread");
    if (fail_now(fd)) { errno = EIO; return -1; }
    return real(fd, buf, count, offset);
}

/* No memory map of the store: SQLite then reads every page with pread. */
void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    static void *(*real)(void *, size_t, int, int, int, off_t);
    if (!real) real = dlsym(RTLD_NEXT, "mmap64");
    init();
    if (fd >= 0 && (rate > 0 || at > 0) && is_target(fd)) { errno = ENOMEM; return MAP_FAILED; }
    return real(addr, len, prot, flags, fd, off);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    return mmap64(addr, len, prot, flags, fd, off);
}
