/// Checks, after the server has stopped, that its database holds every reading
/// it acknowledged, counting with the `sqlite3` tool on the file itself.
enum DurabilityCheck {
    /// Requests a server acknowledged during a time window.
    struct Window: Sendable {
        /// The run's name, for the report.
        var name: String
        /// Requests answered 204.
        var acknowledged: Int
        /// Device readings in each request.
        var readingsPerRequest: Int
        /// The window, milliseconds since 1970, inclusive.
        var startedAt: Int64
        var endedAt: Int64
    }

    /// ``verify(_:databasePath:)-(Window)`` for wrk runs.
    static func verify(_ runs: [LoadRun], databasePath: String) throws -> String {
        try verify(
            runs.map {
                Window(
                    name: $0.name, acknowledged: $0.result.acknowledged, readingsPerRequest: $0.readingsPerRequest,
                    startedAt: $0.startedAt, endedAt: $0.endedAt)
            }, databasePath: databasePath)
    }

    /// For each window, the device readings received during it must be at
    /// least its acknowledged requests times readings per request; nothing
    /// received during it may be quarantined.
    ///
    /// - Returns: what was checked, with the counts.
    /// - Throws: ``BenchmarkError`` when a run's readings are missing or something was quarantined.
    static func verify(_ windows: [Window], databasePath: String) throws -> String {
        let count = { (sql: String) in try Self.count(sql, databasePath: databasePath) }
        var findings: [String] = []
        for window in windows {
            let expected = window.acknowledged * window.readingsPerRequest
            // Derived readings (NEWS2 scores) have no device and are not counted.
            let stored = try count(
                "SELECT count(*) FROM readings WHERE device_id IS NOT NULL "
                    + "AND received_at BETWEEN \(window.startedAt) AND \(window.endedAt)")
            guard stored >= expected else {
                throw BenchmarkError(
                    "\(window.name): the database holds \(stored) device readings received during the run, but "
                        + "\(window.acknowledged) requests × \(window.readingsPerRequest) = \(expected) were acknowledged")
            }
            findings.append(
                "\(window.name) \(Format.thousands(stored)) ≥ \(Format.thousands(window.acknowledged)) × \(window.readingsPerRequest)")
        }
        for window in windows {
            let quarantined = try count(
                "SELECT count(*) FROM quarantine WHERE received_at BETWEEN \(window.startedAt) AND \(window.endedAt)")
            guard quarantined == 0 else {
                throw BenchmarkError("\(window.name): \(quarantined) messages or readings were quarantined")
            }
        }
        return "durability: after SIGTERM, `vigil.sqlite` holds at least every acknowledged reading: device readings "
            + "received during each run ≥ acknowledged requests × readings per request "
            + "(\(findings.joined(separator: "; "))); nothing sent during the runs was quarantined"
    }

    /// How many NEWS2 scores the server derived and stored as readings (those without a device).
    static func derivedScores(databasePath: String) throws -> Int {
        try count("SELECT count(*) FROM readings WHERE device_id IS NULL", databasePath: databasePath)
    }

    /// Device readings (not derived scores) received from `start` to `end`, milliseconds since 1970, inclusive.
    static func deviceReadings(databasePath: String, from start: Int64, to end: Int64) throws -> Int {
        try count(
            "SELECT count(*) FROM readings WHERE device_id IS NOT NULL AND received_at BETWEEN \(start) AND \(end)",
            databasePath: databasePath)
    }

    /// Quarantine entries received from `start` to `end`, milliseconds since 1970, inclusive.
    static func quarantined(databasePath: String, from start: Int64, to end: Int64) throws -> Int {
        try count(
            "SELECT count(*) FROM quarantine WHERE received_at BETWEEN \(start) AND \(end)", databasePath: databasePath)
    }

    /// How many webhook deliveries are still waiting to be made.
    static func pendingDeliveries(databasePath: String) throws -> Int {
        try count("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'", databasePath: databasePath)
    }

    /// The number `sql` (a `SELECT count(*)`) answers on the database file.
    private static func count(_ sql: String, databasePath: String) throws -> Int {
        let text = try ExternalTool(named: "sqlite3").output(["-init", "/dev/null", databasePath, sql])
        guard let value = Int(text.filter { !$0.isWhitespace }) else {
            throw BenchmarkError("sqlite3 answered \(text) to \(sql)")
        }
        return value
    }
}
