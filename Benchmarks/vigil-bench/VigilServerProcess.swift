import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `vigil serve` process that a benchmark starts on free loopback ports
/// (HTTP, HTTPS and MQTT, so that it clashes with no other server) with its own
/// data folder, as an operator would run it, and stops with SIGTERM.
///
/// Its standard output and error go to `vigil.log` in the data folder's parent.
/// `VIGIL_*` variables of the benchmark's environment are not passed on, so
/// the server runs with its defaults (SQLite, `synchronous=FULL`) and the flags given here.
struct VigilServerProcess: Sendable {
    /// The process id.
    let pid: pid_t
    /// The data folder (`--data-dir`); the database is `vigil.sqlite` in it.
    let dataDirectory: String
    /// Port of the plain-HTTP API (`--http-port`).
    let httpPort: Int
    /// Port of the HTTPS device endpoint (`--https-port`).
    let httpsPort: Int
    /// Where standard output and error go.
    let logPath: String

    /// The SQLite database the server writes.
    var databasePath: String { "\(dataDirectory)/vigil.sqlite" }

    /// Starts `executable serve` and waits until its API answers `/health/ready`
    /// and its HTTPS port accepts connections.
    ///
    /// - Parameters:
    ///   - executable: the `vigil` binary (a release build).
    ///   - scratch: the folder the data folder and the log are created in.
    ///   - adminPassword: the bootstrap administrator's password.
    ///   - extra: further `vigil serve` arguments.
    ///   - name: names the data folder (`<name>-data`) and the log (`<name>.log`).
    /// - Throws: ``BenchmarkError`` with the end of the log when it exits or is not ready within 60 s.
    static func start(
        executable: String, in scratch: ScratchDirectory, adminPassword: String, arguments extra: [String] = [],
        name: String = "vigil"
    ) async throws -> Self {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchmarkError("\(executable) is not an executable; build it with swift build -c release --product vigil")
        }
        let dataDirectory = scratch.file("\(name)-data")
        let logPath = scratch.file("\(name).log")
        var ports: [Int] = []
        while ports.count < 3 {
            let port = try LocalPort.free()
            if !ports.contains(port) { ports.append(port) }
        }
        let (httpPort, httpsPort, mqttPort) = (ports[0], ports[1], ports[2])
        let arguments = [
            "serve", "--data-dir", dataDirectory, "--http-port", "\(httpPort)", "--https-port", "\(httpsPort)",
            "--mqtt-port", "\(mqttPort)", "--http-host", "127.0.0.1",
        ] + extra
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("VIGIL_") }
        environment["VIGIL_BOOTSTRAP_ADMIN_PASSWORD"] = adminPassword
        let pid = try spawn(executable, arguments: arguments, environment: environment, logPath: logPath)
        let server = Self(
            pid: pid, dataDirectory: dataDirectory, httpPort: httpPort, httpsPort: httpsPort, logPath: logPath)
        do {
            try await server.waitUntilReady(timeout: .seconds(60))
        } catch {
            server.killNow()
            throw error
        }
        return server
    }

    /// Sends SIGTERM and waits for a graceful exit (SIGKILL after 60 s).
    ///
    /// - Throws: ``BenchmarkError`` when it had to be killed or exited unsuccessfully.
    func stop() throws {
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(60)
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1, errno != EINTR { throw BenchmarkError("lost track of vigil: errno \(errno)") }
            if ContinuousClock.now > deadline {
                killNow()
                throw BenchmarkError("vigil did not stop within 60 s of SIGTERM; killed it. Log: \(logTail())")
            }
            usleep(50_000)
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw BenchmarkError("vigil exited with status \(status) after SIGTERM. Log: \(logTail())")
        }
    }

    /// SIGKILL and reap: for error paths, where the figures no longer matter.
    func killNow() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    }

    /// The last 3,000 characters of the server's log.
    func logTail() -> String {
        String(((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").suffix(3000))
    }

    private func waitUntilReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        let ready = URL(string: "http://127.0.0.1:\(httpPort)/health/ready")!
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw BenchmarkError("vigil exited during start-up (status \(status)). Log: \(logTail())")
            }
            var request = URLRequest(url: ready)
            request.timeoutInterval = 1
            if let (_, response) = try? await URLSession.shared.data(for: request),
                (response as? HTTPURLResponse)?.statusCode == 200, LocalPort.isListening(httpsPort)
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("vigil was not ready within \(timeout). Log: \(logTail())")
    }

    private static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], logPath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of ours: load generators size their tables by the
        // descriptors they open, and inherited sockets would overflow them.
        closeInheritedDescriptors(in: &actions)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchmarkError("cannot start vigil: \(String(cString: strerror(spawned)))") }
        return pid
    }
}
