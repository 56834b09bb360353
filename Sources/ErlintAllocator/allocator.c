// erlint's memory allocator: jemalloc on Linux, with the options below.
//
// An audit of a large estate builds and drops one batch's graph after another (millions of
// small objects each) while the findings, JUnit subjects and pictures of earlier batches stay.
// glibc's malloc fragments under that pattern: at 10,000 customers its own functions took a
// sixth of the run, and freeing a batch cost nearly twice as much per resource as at 1,000.
// With jemalloc the 10,000-customer audit took a sixth less time, 79.3 s -> 65.7 s
// (docs/performance.md, "The allocator").
#include "ErlintAllocator.h"

#if defined(__linux__)
#include <jemalloc/jemalloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Read by jemalloc when it starts. One arena per CPU, so the audit's worker threads (one per
// core) do not contend; freed pages kept a second for the next batches to reuse, then given
// back to the system at once (no lazily freed "muzzy" stage), so the peak RSS is what is used.
const char *malloc_conf = "percpu_arena:percpu,dirty_decay_ms:1000,muzzy_decay_ms:0";

long erlint_allocator_option_ms(const char *name) {
    ssize_t value = 0;
    size_t size = sizeof value;
    if (mallctl(name, &value, &size, NULL, 0) != 0) return -2;
    return (long)value;
}

bool erlint_allocator_is_jemalloc(void) {
    // In use, not only linked: a block from malloc shows in jemalloc's count of this thread's
    // allocations (were glibc's malloc found first, the count would not move).
    uint64_t before = 0, after = 0;
    size_t size = sizeof before;
    if (mallctl("thread.allocated", &before, &size, NULL, 0) != 0) return false;
    void *volatile block = malloc(1 << 20);
    size = sizeof after;
    mallctl("thread.allocated", &after, &size, NULL, 0);
    free(block);
    return after - before >= (1 << 20) && erlint_allocator_option_ms("opt.dirty_decay_ms") == 1000;
}

#else
long erlint_allocator_option_ms(const char *name) { (void)name; return -2; }
bool erlint_allocator_is_jemalloc(void) { return false; }
#endif
