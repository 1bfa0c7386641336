#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The limit on open files (`ulimit -n`), which thousands of connections
/// exceed; processes started afterwards (Vigil, mosquitto) inherit it.
enum MQTTFileLimit {
    /// Raises this process's limit to at least `count` open files, the hard
    /// limit too if need be (which only root may).
    ///
    /// - Throws: ``BenchmarkError`` when the limit cannot be raised.
    static func raise(toAtLeast count: Int) throws {
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { throw BenchmarkError("cannot read the open-file limit") }
        let wanted = rlim_t(count)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = wanted
        limit.rlim_max = max(limit.rlim_max, wanted)
        guard setrlimit(resource, &limit) == 0 else {
            throw BenchmarkError("cannot raise the open-file limit to \(count); run as root or raise `ulimit -n` first")
        }
    }
}
