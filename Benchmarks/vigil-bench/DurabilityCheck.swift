/// Checks, after the server has stopped, that its database holds every reading
/// it acknowledged, counting with the `sqlite3` tool on the file itself.
enum DurabilityCheck {
    /// For each run, the device readings received during its window must be at
    /// least its acknowledged requests times readings per request; nothing may
    /// be quarantined.
    ///
    /// - Returns: what was checked, with the counts.
    /// - Throws: ``BenchmarkError`` when a run's readings are missing or something was quarantined.
    static func verify(_ runs: [LoadRun], databasePath: String) throws -> String {
        let sqlite3 = try ExternalTool(named: "sqlite3")
        func count(_ sql: String) throws -> Int {
            let text = try sqlite3.output(["-init", "/dev/null", databasePath, sql])
            guard let value = Int(text.filter { !$0.isWhitespace }) else {
                throw BenchmarkError("sqlite3 answered \(text) to \(sql)")
            }
            return value
        }
        var findings: [String] = []
        for run in runs {
            // Derived readings (NEWS2 scores) have no device and are not counted.
            let stored = try count(
                "SELECT count(*) FROM readings WHERE device_id IS NOT NULL "
                    + "AND received_at BETWEEN \(run.startedAt) AND \(run.endedAt)")
            guard stored >= run.acknowledgedReadings else {
                throw BenchmarkError(
                    "\(run.name): the database holds \(stored) device readings received during the run, but "
                        + "\(run.result.acknowledged) requests × \(run.readingsPerRequest) = \(run.acknowledgedReadings) were acknowledged")
            }
            findings.append(
                "\(run.name) \(Format.thousands(stored)) ≥ \(Format.thousands(run.result.acknowledged)) × \(run.readingsPerRequest)")
        }
        let quarantined = try count("SELECT count(*) FROM quarantine")
        guard quarantined == 0 else { throw BenchmarkError("\(quarantined) messages or readings were quarantined") }
        return "durability: after SIGTERM, `vigil.sqlite` holds at least every acknowledged reading: device readings "
            + "received during each run ≥ acknowledged requests × readings per request "
            + "(\(findings.joined(separator: "; "))); the quarantine is empty"
    }
}
