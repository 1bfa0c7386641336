import Foundation
import GRDB
import VigilCore
import VigilStore

/// Alerts in `alerts`; at most one active alert per patient (or none, for
/// operational alerts) and rule is enforced by the partial unique index
/// `alerts_one_active`.
struct SQLiteAlertStore: AlertStore {
    let pool: DatabasePool

    /// The columns an alert is decoded from, in the order `alert(from:)` reads them.
    static let columns = """
        id, patient_id, rule_id, title, severity, state, escalation_level, next_escalation_at, first_fired_at, \
        last_fired_at, occurrences, details, created_at, updated_at, acknowledged_by, acknowledged_at, \
        acknowledgement_note, resolved_by, resolved_at, resolution_note, version
        """

    static let insertSQL = "INSERT INTO alerts (\(columns)) VALUES (\(Array(repeating: "?", count: 21).joined(separator: ", ")))"

    /// Updates every mutable column when the stored version is the expected one.
    static let updateSQL = """
        UPDATE alerts SET title = ?, severity = ?, state = ?, escalation_level = ?, next_escalation_at = ?, \
        first_fired_at = ?, last_fired_at = ?, occurrences = ?, details = ?, updated_at = ?, acknowledged_by = ?, \
        acknowledged_at = ?, acknowledgement_note = ?, resolved_by = ?, resolved_at = ?, resolution_note = ?, \
        version = ? WHERE id = ? AND version = ?
        """

    func alert(_ id: AlertID) async throws -> Alert? {
        try await SQLiteErrors.translating(entity: "alert") {
            try await pool.read { db in
                try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT \(Self.columns) FROM alerts WHERE id = ?"), arguments: [id.rawValue])
                    .map(Self.alert(from:))
            }
        }
    }

    func alerts(matching query: AlertQuery) async throws -> [Alert] {
        let limit = min(max(query.limit, 0), AlertQuery.maximumLimit)
        guard limit > 0 else { return [] }
        if let patients = query.patients, patients.isEmpty { return [] }
        var conditions: [String] = []
        var arguments = StatementArguments()
        if !query.states.isEmpty {
            let states = query.states.map(\.rawValue).sorted()
            conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(states)
        }
        if let patients = query.patients {
            conditions.append("patient_id IN (\(patients.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(patients.map(\.rawValue))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        let sql = "SELECT \(Self.columns) FROM alerts \(filter) ORDER BY created_at DESC, id DESC LIMIT ?"
        return try await SQLiteErrors.translating(entity: "alert") { [arguments] in
            try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.alert(from:)) }
        }
    }

    func activeAlerts(of patient: PatientID) async throws -> [Alert] {
        try await SQLiteErrors.translating(entity: "alert") {
            try await pool.read { db in try Self.activeAlerts(of: patient, in: db) }
        }
    }

    /// A patient's open and acknowledged alerts, read in the caller's transaction.
    static func activeAlerts(of patient: PatientID, in db: Database) throws -> [Alert] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM alerts WHERE patient_id = ? AND state <> 'resolved'
                    ORDER BY created_at, id
                    """),
            arguments: [patient.rawValue]
        ).map(alert(from:))
    }

    func activeOperationalAlerts() async throws -> [Alert] {
        try await SQLiteErrors.translating(entity: "alert") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.columns) FROM alerts WHERE patient_id IS NULL AND state <> 'resolved'
                        ORDER BY created_at, id
                        """
                ).map(Self.alert(from:))
            }
        }
    }

    func dueForEscalation(at time: Date, limit: Int) async throws -> [Alert] {
        guard limit > 0 else { return [] }
        return try await SQLiteErrors.translating(entity: "alert") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.columns) FROM alerts
                        WHERE state = 'open' AND next_escalation_at IS NOT NULL AND next_escalation_at <= ?
                        ORDER BY next_escalation_at, id LIMIT ?
                        """,
                    arguments: [time.millisecondsSince1970, limit]
                ).map(Self.alert(from:))
            }
        }
    }

    func save(_ alerts: [Alert], readings: [Reading], events: [OutboxEvent]) async throws -> [Alert] {
        guard !alerts.isEmpty || !readings.isEmpty || !events.isEmpty else { return [] }
        return try await SQLiteErrors.translating(entity: "alert", referencing: "patient") {
            try await pool.write { db in
                let saved = try alerts.map { try Self.save($0, in: db) }
                try SQLiteReadingStore.insert(readings, in: db)
                try SQLiteOutboxStore.enqueue(events, in: db)
                return saved
            }
        }
    }

    /// Inserts or version-checks and updates one alert in the caller's transaction.
    private static func save(_ alert: Alert, in db: Database) throws -> Alert {
        var saved = alert
        saved.version = alert.version + 1
        let common: [(any DatabaseValueConvertible)?] = [
            alert.title, alert.severity.rawValue, alert.state.rawValue, alert.escalationLevel,
            alert.nextEscalationAt?.millisecondsSince1970, alert.firstFiredAt.millisecondsSince1970,
            alert.lastFiredAt.millisecondsSince1970, alert.occurrences, String(decoding: alert.details, as: UTF8.self),
        ]
        if alert.version == 0 {
            try db.cachedStatement(sql: insertSQL).execute(
                arguments: StatementArguments(
                    [alert.id.rawValue, alert.patientID?.rawValue, alert.ruleID] + common + [
                        alert.createdAt.millisecondsSince1970, alert.updatedAt.millisecondsSince1970,
                        alert.acknowledgedBy?.rawValue, alert.acknowledgedAt?.millisecondsSince1970,
                        alert.acknowledgementNote, alert.resolvedBy?.rawValue, alert.resolvedAt?.millisecondsSince1970,
                        alert.resolutionNote, saved.version,
                    ]))
        } else {
            try db.cachedStatement(sql: updateSQL).execute(
                arguments: StatementArguments(
                    common + [
                        alert.updatedAt.millisecondsSince1970, alert.acknowledgedBy?.rawValue,
                        alert.acknowledgedAt?.millisecondsSince1970, alert.acknowledgementNote,
                        alert.resolvedBy?.rawValue, alert.resolvedAt?.millisecondsSince1970, alert.resolutionNote,
                        saved.version, alert.id.rawValue, alert.version,
                    ]))
            if db.changesCount == 0 {
                let exists = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM alerts WHERE id = ?)", arguments: [alert.id.rawValue])
                throw StoreError(exists == true ? .conflict : .notFound, entity: "alert")
            }
        }
        return saved
    }

    /// Decodes a row selected as `columns`.
    private static func alert(from row: Row) throws -> Alert {
        guard let severity = AlertSeverity(rawValue: try row.decode(atIndex: 4)),
            let state = AlertState(rawValue: try row.decode(atIndex: 5))
        else { throw StoreError(.unavailable, entity: "alert") }
        func date(_ index: Int) throws -> Date? {
            try row.decode(Int64?.self, atIndex: index).map { Date(millisecondsSince1970: $0) }
        }
        return Alert(
            id: AlertID(try row.decode(String.self, atIndex: 0)),
            patientID: try row.decode(String?.self, atIndex: 1).map { PatientID($0) },
            ruleID: try row.decode(atIndex: 2),
            title: try row.decode(atIndex: 3),
            severity: severity,
            state: state,
            escalationLevel: try row.decode(atIndex: 6),
            nextEscalationAt: try date(7),
            firstFiredAt: Date(millisecondsSince1970: try row.decode(atIndex: 8)),
            lastFiredAt: Date(millisecondsSince1970: try row.decode(atIndex: 9)),
            occurrences: try row.decode(atIndex: 10),
            details: Data(try row.decode(String.self, atIndex: 11).utf8),
            createdAt: Date(millisecondsSince1970: try row.decode(atIndex: 12)),
            updatedAt: Date(millisecondsSince1970: try row.decode(atIndex: 13)),
            acknowledgedBy: try row.decode(String?.self, atIndex: 14).map { UserID($0) },
            acknowledgedAt: try date(15),
            acknowledgementNote: try row.decode(atIndex: 16),
            resolvedBy: try row.decode(String?.self, atIndex: 17).map { UserID($0) },
            resolvedAt: try date(18),
            resolutionNote: try row.decode(atIndex: 19),
            version: try row.decode(atIndex: 20))
    }
}
