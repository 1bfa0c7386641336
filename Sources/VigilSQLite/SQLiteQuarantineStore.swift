import Foundation
import GRDB
import VigilCore
import VigilStore

/// Refused messages and readings in `quarantine`, listed through its `(state, id)` index.
struct SQLiteQuarantineStore: QuarantineStore {
    let pool: DatabasePool

    /// The columns an item is decoded from, in the order `item(from:)` reads them.
    private static let columns = """
        id, device_id, patient_id, message_id, received_at, reason, vital_type, payload, content_type, state, \
        resolved_at
        """

    /// `coalesce`: SQLite binds an empty `Data` as NULL, but an empty body is a payload too.
    private static let insertSQL = """
        INSERT INTO quarantine (\
        device_id, patient_id, message_id, received_at, reason, vital_type, payload, content_type, state, resolved_at)
        VALUES (?, ?, ?, ?, ?, ?, coalesce(?, X''), ?, ?, ?)
        """

    func add(_ items: [QuarantineItem]) async throws -> [QuarantineItem] {
        guard !items.isEmpty else { return [] }
        return try await SQLiteErrors.translating(entity: "quarantine item") {
            try await pool.write { db in try Self.insert(items, in: db) }
        }
    }

    func items(state: QuarantineItem.State?, limit: Int) async throws -> [QuarantineItem] {
        guard limit > 0 else { return [] }
        return try await SQLiteErrors.translating(entity: "quarantine item") {
            try await pool.read { db in
                if let state {
                    try Row.fetchAll(
                        db, sql: "SELECT \(Self.columns) FROM quarantine WHERE state = ? ORDER BY id DESC LIMIT ?",
                        arguments: [state.rawValue, limit]
                    ).map(Self.item(from:))
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT \(Self.columns) FROM quarantine ORDER BY id DESC LIMIT ?", arguments: [limit]
                    ).map(Self.item(from:))
                }
            }
        }
    }

    func item(_ id: Int64) async throws -> QuarantineItem? {
        try await SQLiteErrors.translating(entity: "quarantine item") {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM quarantine WHERE id = ?", arguments: [id])
                    .map(Self.item(from:))
            }
        }
    }

    /// Marking an item pending again clears its resolution time.
    func resolve(_ id: Int64, as state: QuarantineItem.State, at time: Date) async throws {
        let resolvedAt = state == .pending ? nil : time.millisecondsSince1970
        try await SQLiteErrors.translating(entity: "quarantine item") {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE quarantine SET state = ?, resolved_at = ? WHERE id = ?",
                    arguments: [state.rawValue, resolvedAt, id])
                if db.changesCount == 0 { throw StoreError(.notFound, entity: "quarantine item") }
            }
        }
    }

    func pendingCountsByReason() async throws -> [String: Int] {
        try await SQLiteErrors.translating(entity: "quarantine item") {
            try await pool.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT reason, count(*) FROM quarantine WHERE state = ? GROUP BY reason",
                    arguments: [QuarantineItem.State.pending.rawValue])
                return try Dictionary(
                    uniqueKeysWithValues: rows.map { row in
                        (try row.decode(String.self, atIndex: 0), try row.decode(Int.self, atIndex: 1))
                    })
            }
        }
    }

    /// Inserts items in the caller's write transaction through one cached
    /// statement and returns them with their ids; shared with `SQLiteIngestStore`.
    static func insert(_ items: [QuarantineItem], in db: Database) throws -> [QuarantineItem] {
        guard !items.isEmpty else { return [] }
        let statement = try db.cachedStatement(sql: insertSQL)
        return try items.map { item in
            try statement.execute(arguments: [
                item.deviceID?.rawValue, item.patientID?.rawValue, item.messageID,
                item.receivedAt.millisecondsSince1970, item.reason, item.vitalType?.rawValue, item.payload,
                item.contentType, item.state.rawValue, item.resolvedAt?.millisecondsSince1970,
            ])
            var stored = item
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Decodes a row selected as `columns`.
    private static func item(from row: Row) throws -> QuarantineItem {
        guard let state = QuarantineItem.State(rawValue: try row.decode(atIndex: 9)) else {
            throw StoreError(.unavailable, entity: "quarantine item")
        }
        let vitalType: VitalType?
        if let name = try row.decode(String?.self, atIndex: 6) {
            guard let known = VitalType(rawValue: name) else {
                throw StoreError(.unavailable, entity: "quarantine item")
            }
            vitalType = known
        } else {
            vitalType = nil
        }
        return QuarantineItem(
            id: try row.decode(atIndex: 0),
            deviceID: try row.decode(String?.self, atIndex: 1).map { DeviceID($0) },
            patientID: try row.decode(String?.self, atIndex: 2).map { PatientID($0) },
            messageID: try row.decode(atIndex: 3),
            receivedAt: Date(millisecondsSince1970: try row.decode(atIndex: 4)),
            reason: try row.decode(atIndex: 5),
            vitalType: vitalType,
            payload: try row.decode(atIndex: 7),
            contentType: try row.decode(atIndex: 8),
            state: state,
            resolvedAt: try row.decode(Int64?.self, atIndex: 10).map { Date(millisecondsSince1970: $0) })
    }
}
