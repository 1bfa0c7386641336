import Foundation

/// Debian's `mosquitto` broker, the baseline of the MQTT benchmark: started
/// on a free loopback port with one TLS listener, no persistence and anonymous
/// clients allowed, and stopped with SIGTERM.
///
/// Its configuration is `mosquitto.conf` and its log `mosquitto.log` in the
/// scratch folder. Run as root, it keeps root rather than switching to the
/// `mosquitto` user, so that it can read the key in the private scratch folder.
struct MosquittoProcess {
    /// The port of the TLS listener.
    let port: Int
    /// Where standard output and error go.
    let logPath: String
    private let process: Process

    /// The process id.
    var pid: pid_t { process.processIdentifier }

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
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
            let log = FileHandle(forWritingAtPath: logPath)
        else { throw BenchmarkError("cannot create \(logPath)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", configPath]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
        let broker = Self(port: port, logPath: logPath, process: process)
        let deadline = ContinuousClock.now + .seconds(10)
        while !LocalPort.isListening(port) {
            guard process.isRunning, ContinuousClock.now < deadline else {
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
        terminate()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw BenchmarkError("mosquitto exited with status \(process.terminationStatus). Log: \(logTail())")
        }
    }

    /// Sends SIGTERM, if still running, and waits for it to exit.
    func terminate() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The last 3,000 characters of the broker's log.
    func logTail() -> String {
        String(((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").suffix(3000))
    }
}
