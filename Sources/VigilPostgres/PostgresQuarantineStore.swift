import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Refused messages and readings in the `quarantine` table, listed through its `(state, id)` index.
struct PostgresQuarantineStore: QuarantineStore {
    let database: PostgresDatabase

    private static let columns = """
        id, device_id, patient_id, message_id, received_at, reason, vital_type, payload, content_type, state, \
        resolved_at
        """

    /// One statement. Ids are drawn from the sequence before the insert, so
    /// each item gets its own id back whatever order the rows are written in.
    func add(_ items: [QuarantineItem]) async throws -> [QuarantineItem] {
        guard !items.isEmpty else { return [] }
        var columns = PostgresQuarantineColumns()
        for (index, item) in items.enumerated() { columns.append(item, owner: index) }
        let rows = try await database.query(
            """
            WITH item AS (
                SELECT nextval(pg_get_serial_sequence('quarantine', 'id')) AS id, i.*
                FROM unnest(\(columns.owners)::int8[], \(columns.deviceIDs)::text[], \(columns.patientIDs)::text[],
                    \(columns.messageIDs)::text[], \(columns.receivedAt)::int8[], \(columns.reasons)::text[],
                    \(columns.vitalTypes)::text[], \(columns.payloads)::bytea[], \(columns.contentTypes)::text[],
                    \(columns.states)::text[], \(columns.resolvedAt)::int8[])
                    AS i(item_index, device_id, patient_id, message_id, received_at, reason, vital_type, payload,
                         content_type, state, resolved_at)
            ), inserted AS (
                INSERT INTO quarantine (\(unescaped: Self.columns))
                SELECT id, device_id, patient_id, message_id, received_at, reason, vital_type, payload, content_type,
                       state, resolved_at
                FROM item
            )
            SELECT item_index, id FROM item
            """,
            entity: "quarantine item")
        var stored = items
        for row in rows {
            let (index, id) = try row.decode((Int64, Int64).self)
            stored[Int(index)].id = id
        }
        return stored
    }

    func items(state: QuarantineItem.State?, limit: Int) async throws -> [QuarantineItem] {
        guard limit > 0 else { return [] }
        let rows: [PostgresRow]
        if let state {
            rows = try await database.query(
                """
                SELECT \(unescaped: Self.columns) FROM quarantine WHERE state = \(state.rawValue)
                ORDER BY id DESC LIMIT \(limit)
                """,
                entity: "quarantine item")
        } else {
            rows = try await database.query(
                "SELECT \(unescaped: Self.columns) FROM quarantine ORDER BY id DESC LIMIT \(limit)",
                entity: "quarantine item")
        }
        return try rows.map(Self.decode)
    }

    func item(_ id: Int64) async throws -> QuarantineItem? {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM quarantine WHERE id = \(id)", entity: "quarantine item")
        return try rows.first.map(Self.decode)
    }

    /// Marking an item pending again clears its resolution time.
    func resolve(_ id: Int64, as state: QuarantineItem.State, at time: Date) async throws {
        let resolvedAt = state == .pending ? nil : time.millisecondsSince1970
        let rows = try await database.query(
            """
            UPDATE quarantine SET state = \(state.rawValue), resolved_at = \(resolvedAt)
            WHERE id = \(id)
            RETURNING id
            """,
            entity: "quarantine item")
        if rows.isEmpty { throw StoreError(.notFound, entity: "quarantine item") }
    }

    func pendingCountsByReason() async throws -> [String: Int] {
        let rows = try await database.query(
            """
            SELECT reason, count(*) FROM quarantine WHERE state = \(QuarantineItem.State.pending.rawValue)
            GROUP BY reason
            """,
            entity: "quarantine item")
        return try Dictionary(uniqueKeysWithValues: rows.map { try $0.decode((String, Int).self) })
    }

    /// Decodes a row selected as `columns`.
    private static func decode(_ row: PostgresRow) throws -> QuarantineItem {
        let (
            id, deviceID, patientID, messageID, receivedAt, reason, vitalTypeName, payload, contentType, stateName,
            resolvedAt
        ) = try row.decode(
            (Int64, String?, String?, String?, Int64, String, String?, Data, String?, String, Int64?).self)
        guard let state = QuarantineItem.State(rawValue: stateName) else {
            throw StoreError(.unavailable, entity: "quarantine item")
        }
        let vitalType: VitalType?
        if let vitalTypeName {
            guard let known = VitalType(rawValue: vitalTypeName) else {
                throw StoreError(.unavailable, entity: "quarantine item")
            }
            vitalType = known
        } else {
            vitalType = nil
        }
        return QuarantineItem(
            id: id, deviceID: deviceID.map { DeviceID($0) }, patientID: patientID.map { PatientID($0) },
            messageID: messageID, receivedAt: Date(millisecondsSince1970: receivedAt), reason: reason,
            vitalType: vitalType, payload: payload, contentType: contentType, state: state,
            resolvedAt: resolvedAt.map { Date(millisecondsSince1970: $0) })
    }
}
