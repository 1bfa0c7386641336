import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process's resident memory and CPU time, read from Linux's `/proc`.
struct MQTTProcessSample: Sendable {
    /// Resident set size (`VmRSS` of `/proc/{pid}/status`), in KiB.
    let residentKiB: Int
    /// User plus system CPU time (`utime` + `stime` of `/proc/{pid}/stat`), in seconds.
    let cpuSeconds: Double

    /// Reads the process `pid` now (this process's own by default).
    ///
    /// - Throws: ``BenchmarkError`` when `/proc` has no such process or its format is unexpected.
    init(pid: pid_t = getpid()) throws {
        let status = try Self.read("/proc/\(pid)/status")
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
        else { throw BenchmarkError("no VmRSS in /proc/\(pid)/status") }
        // The command name in parentheses may hold spaces; the fields after it
        // start with the state (field 3), so utime (14) and stime (15) are at 11 and 12.
        let stat = try Self.read("/proc/\(pid)/stat")
        guard let close = stat.lastIndex(of: ")") else { throw BenchmarkError("unexpected /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchmarkError("unexpected /proc/\(pid)/stat")
        }
        residentKiB = kib
        cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BenchmarkError("cannot read \(path): is the process running, on Linux?")
        }
    }
}
