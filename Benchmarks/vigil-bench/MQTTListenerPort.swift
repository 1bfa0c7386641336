import Foundation

/// The port of a running Vigil's MQTT-over-TLS listener, as the server
/// announces it in its JSON log (``VigilServerProcess`` chooses it but keeps
/// only the HTTP ports).
enum MQTTListenerPort {
    /// The log message that carries the port, as `mqtt.port`.
    private static let message = "Vigil is serving MQTT over TLS for devices"

    /// Waits up to 30 s for the announcement in `server`'s log and returns the port.
    ///
    /// - Throws: ``BenchmarkError`` with the end of the log when none comes.
    static func of(_ server: VigilServerProcess) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
            for line in log.split(separator: "\n") where line.contains(message) {
                let fields = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let port = (fields?["mqtt.port"] as? String).flatMap(Int.init) { return port }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("vigil did not announce its MQTT listener within 30 s. Log: \(server.logTail())")
    }
}
