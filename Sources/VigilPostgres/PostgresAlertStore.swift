import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Alerts in the `alerts` table; at most one active alert per patient and rule
/// is enforced by the partial unique index `alerts_one_active`, across nodes too.
struct PostgresAlertStore: AlertStore {
    let database: PostgresDatabase

    /// The columns an alert is decoded from, in the order `decode(_:)` reads them.
    private static let columns = """
        id, patient_id, rule_id, title, severity, state, escalation_level, next_escalation_at, first_fired_at, \
        last_fired_at, occurrences, details, created_at, updated_at, acknowledged_by, acknowledged_at, \
        acknowledgement_note, resolved_by, resolved_at, resolution_note, version
        """

    func alert(_ id: AlertID) async throws -> Alert? {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM alerts WHERE id = \(id.rawValue)", entity: "alert")
        return try rows.first.map(Self.decode)
    }

    func alerts(matching query: AlertQuery) async throws -> [Alert] {
        let limit = min(max(query.limit, 0), AlertQuery.maximumLimit)
        guard limit > 0 else { return [] }
        if let patients = query.patients, patients.isEmpty { return [] }
        let states = query.states.map(\.rawValue).sorted()
        let everyPatient = query.patients == nil
        let patients = (query.patients ?? []).map(\.rawValue)
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM alerts
            WHERE (cardinality(\(states)::text[]) = 0 OR state = ANY(\(states)::text[]))
              AND (\(everyPatient) OR patient_id = ANY(\(patients)::text[]))
            ORDER BY created_at DESC, id DESC
            LIMIT \(limit)
            """,
            entity: "alert")
        return try rows.map(Self.decode)
    }

    func activeAlerts(of patient: PatientID) async throws -> [Alert] {
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM alerts WHERE patient_id = \(patient.rawValue) AND state <> 'resolved'
            ORDER BY created_at, id
            """,
            entity: "alert")
        return try rows.map(Self.decode)
    }

    func activeOperationalAlerts() async throws -> [Alert] {
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM alerts WHERE patient_id IS NULL AND state <> 'resolved'
            ORDER BY created_at, id
            """,
            entity: "alert")
        return try rows.map(Self.decode)
    }

    func dueForEscalation(at time: Date, limit: Int) async throws -> [Alert] {
        guard limit > 0 else { return [] }
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM alerts
            WHERE state = 'open' AND next_escalation_at IS NOT NULL
              AND next_escalation_at <= \(time.millisecondsSince1970)
            ORDER BY next_escalation_at, id
            LIMIT \(limit)
            """,
            entity: "alert")
        return try rows.map(Self.decode)
    }

    func save(_ alerts: [Alert], readings: [Reading], events: [OutboxEvent]) async throws -> [Alert] {
        guard !alerts.isEmpty || !readings.isEmpty || !events.isEmpty else { return [] }
        return try await database.transaction(entity: "alert", referencing: "patient") { transaction in
            var saved: [Alert] = []
            for alert in alerts { saved.append(try await Self.save(alert, in: transaction)) }
            if !readings.isEmpty {
                var columns = PostgresReadingColumns()
                columns.append(readings, owner: 0)
                try await transaction.execute(
                    """
                    INSERT INTO readings (patient_id, device_id, type, value, original_value, original_unit,
                                          measured_at, received_at, message_id)
                    SELECT * FROM unnest(\(columns.patientIDs)::text[], \(columns.deviceIDs)::text[],
                        \(columns.types)::text[], \(columns.values)::float8[], \(columns.originalValues)::text[],
                        \(columns.originalUnits)::text[], \(columns.measuredAt)::int8[], \(columns.receivedAt)::int8[],
                        \(columns.messageIDs)::text[])
                    """)
            }
            try await PostgresOutboxStore.enqueue(events, in: transaction)
            return saved
        }
    }

    /// Inserts or version-checks and updates one alert inside the transaction.
    private static func save(_ alert: Alert, in transaction: PostgresTransaction) async throws -> Alert {
        var saved = alert
        saved.version = alert.version + 1
        let details = String(decoding: alert.details, as: UTF8.self)
        if alert.version == 0 {
            try await transaction.execute(
                """
                INSERT INTO alerts (\(unescaped: columns))
                VALUES (\(alert.id.rawValue), \(alert.patientID?.rawValue), \(alert.ruleID), \(alert.title),
                        \(alert.severity.rawValue), \(alert.state.rawValue), \(alert.escalationLevel),
                        \(alert.nextEscalationAt?.millisecondsSince1970), \(alert.firstFiredAt.millisecondsSince1970),
                        \(alert.lastFiredAt.millisecondsSince1970), \(alert.occurrences), \(details),
                        \(alert.createdAt.millisecondsSince1970), \(alert.updatedAt.millisecondsSince1970),
                        \(alert.acknowledgedBy?.rawValue), \(alert.acknowledgedAt?.millisecondsSince1970),
                        \(alert.acknowledgementNote), \(alert.resolvedBy?.rawValue),
                        \(alert.resolvedAt?.millisecondsSince1970), \(alert.resolutionNote), \(saved.version))
                """)
            return saved
        }
        let rows = try await transaction.query(
            """
            UPDATE alerts SET title = \(alert.title), severity = \(alert.severity.rawValue),
                state = \(alert.state.rawValue), escalation_level = \(alert.escalationLevel),
                next_escalation_at = \(alert.nextEscalationAt?.millisecondsSince1970),
                first_fired_at = \(alert.firstFiredAt.millisecondsSince1970),
                last_fired_at = \(alert.lastFiredAt.millisecondsSince1970), occurrences = \(alert.occurrences),
                details = \(details), updated_at = \(alert.updatedAt.millisecondsSince1970),
                acknowledged_by = \(alert.acknowledgedBy?.rawValue),
                acknowledged_at = \(alert.acknowledgedAt?.millisecondsSince1970),
                acknowledgement_note = \(alert.acknowledgementNote), resolved_by = \(alert.resolvedBy?.rawValue),
                resolved_at = \(alert.resolvedAt?.millisecondsSince1970), resolution_note = \(alert.resolutionNote),
                version = \(saved.version)
            WHERE id = \(alert.id.rawValue) AND version = \(alert.version)
            RETURNING id
            """)
        guard rows.isEmpty else { return saved }
        let existing = try await transaction.query("SELECT 1 FROM alerts WHERE id = \(alert.id.rawValue)")
        throw StoreError(existing.isEmpty ? .notFound : .conflict, entity: "alert")
    }

    /// Decodes a row selected as `columns`.
    private static func decode(_ row: PostgresRow) throws -> Alert {
        let cells = row.makeRandomAccess()
        func value<T: PostgresDecodable>(_ index: Int, _ type: T.Type = T.self) throws -> T {
            try cells[index].decode(T.self)
        }
        func date(_ index: Int) throws -> Date? {
            try value(index, Int64?.self).map { Date(millisecondsSince1970: $0) }
        }
        guard let severity = AlertSeverity(rawValue: try value(4)), let state = AlertState(rawValue: try value(5))
        else { throw StoreError(.unavailable, entity: "alert") }
        return Alert(
            id: AlertID(try value(0, String.self)),
            patientID: try value(1, String?.self).map { PatientID($0) },
            ruleID: try value(2),
            title: try value(3),
            severity: severity,
            state: state,
            escalationLevel: try value(6),
            nextEscalationAt: try date(7),
            firstFiredAt: Date(millisecondsSince1970: try value(8)),
            lastFiredAt: Date(millisecondsSince1970: try value(9)),
            occurrences: try value(10),
            details: Data(try value(11, String.self).utf8),
            createdAt: Date(millisecondsSince1970: try value(12)),
            updatedAt: Date(millisecondsSince1970: try value(13)),
            acknowledgedBy: try value(14, String?.self).map { UserID($0) },
            acknowledgedAt: try date(15),
            acknowledgementNote: try value(16),
            resolvedBy: try value(17, String?.self).map { UserID($0) },
            resolvedAt: try date(18),
            resolutionNote: try value(19),
            version: try value(20))
    }
}
