#ifndef ERLINT_ALLOCATOR_H
#define ERLINT_ALLOCATOR_H

#include <stdbool.h>

/// Whether malloc is jemalloc with erlint's options (docs/performance.md, "The allocator").
bool erlint_allocator_is_jemalloc(void);

/// jemalloc's value of an `opt.*` setting that is a number of milliseconds (e.g.
/// "opt.dirty_decay_ms"), or -2 when jemalloc is not in use or has no such setting.
long erlint_allocator_option_ms(const char *name);

#endif
