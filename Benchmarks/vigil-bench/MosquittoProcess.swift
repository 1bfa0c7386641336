import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Debian's `mosquitto` broker, the baseline of the MQTT benchmark: started
/// on a free loopback port with one TLS listener, no persistence and anonymous
/// clients allowed, and stopped with SIGTERM.
///
/// Its configuration is `mosquitto.conf` and its log `mosquitto.log` in the
/// scratch folder. Run as root, it keeps root rather than switching to the
/// `mosquitto` user, so that it can read the key in Vigil's private data folder.
struct MosquittoProcess: Sendable {
    /// The process id.
    let pid: pid_t
    /// The port of the TLS listener.
    let port: Int
    /// Where standard output and error go.
    let logPath: String

    /// Starts `executable -c mosquitto.conf` and waits until the listener accepts connections.
    ///
    /// - Parameters:
    ///   - certificate: the PEM server certificate chain the listener presents.
    ///   - key: its PEM private key.
    /// - Throws: ``BenchmarkError`` with the log when it exits or does not listen within 10 s.
    static func start(executable: String, in scratch: ScratchDirectory, certificate: String, key: String) async throws
        -> Self
    {
        let port = try LocalPort.free()
        let configPath = scratch.file("mosquitto.conf")
        let logPath = scratch.file("mosquitto.log")
        let configuration = """
            # The baseline of vigil-bench mqtt ingest: stores nothing, checks no credentials.
            user root
            persistence false
            allow_anonymous true
            connection_messages false
            log_dest stderr
            log_type error
            log_type warning
            listener \(port) 127.0.0.1
            certfile \(certificate)
            keyfile \(key)

            """
        try configuration.write(toFile: configPath, atomically: true, encoding: .utf8)
        let broker = Self(
            pid: try spawn(executable, arguments: ["-c", configPath], logPath: logPath), port: port, logPath: logPath)
        let deadline = ContinuousClock.now + .seconds(10)
        while !LocalPort.isListening(port) {
            var status: Int32 = 0
            guard waitpid(broker.pid, &status, WNOHANG) == 0, ContinuousClock.now < deadline else {
                broker.terminate()
                throw BenchmarkError("mosquitto did not listen on \(port) within 10 s. Log: \(broker.logTail())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return broker
    }

    /// Sends SIGTERM and waits for it to exit.
    ///
    /// - Throws: ``BenchmarkError`` when it exits unsuccessfully.
    func stop() throws {
        let status = terminate()
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw BenchmarkError("mosquitto exited with status \(status) after SIGTERM. Log: \(logTail())")
        }
    }

    /// Sends SIGTERM and waits for it to exit (already reaped: returns at once).
    ///
    /// - Returns: the wait status.
    @discardableResult
    func terminate() -> Int32 {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return status
    }

    /// The last 3,000 characters of the broker's log.
    func logTail() -> String {
        String(((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").suffix(3000))
    }

    /// Starts the broker with standard output and error appended to `logPath`.
    ///
    /// The signal mask is cleared: a thread of this process may block SIGTERM,
    /// and mosquitto, which restores the mask it started with around each
    /// wait, would then never see it.
    private static func spawn(_ executable: String, arguments: [String], logPath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw BenchmarkError("cannot start mosquitto: \(String(cString: strerror(spawned)))")
        }
        return pid
    }
}
