import ErlintAllocator
import Testing

/// erlint links jemalloc on Linux for large audits (docs/performance.md). Linking is not
/// enough: glibc's malloc, found first, would silently take its place, and an option misspelt in
/// `malloc_conf` is ignored with a warning nobody reads in a nightly run.
@Suite struct AllocatorTests {
    #if os(Linux)
    @Test func jemallocServesMallocWithErlintsOptions() {
        #expect(erlint_allocator_is_jemalloc())
        #expect(erlint_allocator_option_ms("opt.dirty_decay_ms") == 1000)
        #expect(erlint_allocator_option_ms("opt.muzzy_decay_ms") == 0)
        #expect(erlint_allocator_option_ms("opt.no_such_option") == -2)
    }
    #endif
}
