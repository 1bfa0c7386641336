import Foundation
import GRDB
import VigilCore
import VigilStore

/// Readings in the `readings` table, queried through its
/// `(patient_id, type, measured_at)` index.
struct SQLiteReadingStore: ReadingStore {
    let pool: DatabasePool

    /// The columns a `Reading` is decoded from, in the order `reading(from:)` reads them.
    private static let columns =
        "patient_id, device_id, type, value, original_value, original_unit, measured_at, received_at, message_id"

    private static let insertSQL = "INSERT INTO readings (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// Readings of one type, newest first; ties (same time) newest insert first.
    static let oneTypeSQL = """
        SELECT id, \(columns) FROM readings
        WHERE patient_id = :patient AND type = :type AND measured_at >= :from AND measured_at < :to
        ORDER BY measured_at DESC, id DESC LIMIT :limit
        """

    /// Readings of every type, newest first. One indexed range scan per type,
    /// each stopping after `limit` rows, merged: the index alone cannot order a
    /// patient's readings by time across types, and sorting all of them would
    /// cost as much as the patient's whole history.
    static let allTypesSQL: String = {
        let perType = VitalType.allCases.map { type in
            """
            SELECT * FROM (
                SELECT id, \(columns) FROM readings
                WHERE patient_id = :patient AND type = '\(type.rawValue)' AND measured_at >= :from AND measured_at < :to
                ORDER BY measured_at DESC, id DESC LIMIT :limit)
            """
        }
        return perType.joined(separator: "\nUNION ALL\n") + "\nORDER BY measured_at DESC, id DESC LIMIT :limit"
    }()

    /// The `:count` newest readings of each patient and type given as JSON
    /// arrays (`:patients`, `:types`): one statement whose index probes all
    /// run inside SQLite, ordered by patient and type as given, newest first.
    static let newestSQL = newestSQL(
        matching: "IN (SELECT id FROM readings WHERE patient_id = p.value AND type = t.value ORDER BY measured_at DESC, id DESC LIMIT :count)")

    /// `newestSQL` for the newest reading alone: its row is looked up by id
    /// directly, without the temporary table an `IN` list costs per probe.
    static let newestOneSQL = newestSQL(
        matching: "= (SELECT id FROM readings WHERE patient_id = p.value AND type = t.value ORDER BY measured_at DESC, id DESC LIMIT 1)")

    private static func newestSQL(matching ids: String) -> String {
        """
        SELECT r.id, \(columns.split(separator: ", ").map { "r.\($0)" }.joined(separator: ", "))
        FROM json_each(:patients) AS p CROSS JOIN json_each(:types) AS t
        JOIN readings AS r ON r.id \(ids)
        ORDER BY p.key, t.key, r.measured_at DESC, r.id DESC
        """
    }

    /// Each patient of `:patients` with the newest `measured_at` among the
    /// types of `:types` (JSON arrays): one `max` index probe per patient and
    /// type, and no reading read; `NULL` for a patient with none.
    static let lastMeasuredSQL = """
        SELECT p.value, (
            SELECT max((SELECT max(measured_at) FROM readings WHERE patient_id = p.value AND type = t.value))
            FROM json_each(:types) AS t)
        FROM json_each(:patients) AS p
        """

    /// One type's readings of the range in time order, read from the index
    /// alone; `buckets` folds them (`ReadingBucketFold`). A `GROUP BY` on the
    /// bucket would have SQLite sort every reading of the range first: most of
    /// the cost of a 30-day chart.
    static let bucketsSQL = """
        SELECT measured_at, value FROM readings
        WHERE patient_id = :patient AND type = :type AND measured_at >= :from AND measured_at < :to
        ORDER BY measured_at
        """

    /// One write transaction and one prepared statement for the whole batch.
    /// `execute(arguments:)` binds strings without copying them; binding through
    /// the C API instead saved under 10% of CPU time in measurements, as SQLite's
    /// B-tree work dominates, so the batch stays on GRDB's checked path.
    func insert(_ readings: [Reading]) async throws {
        guard !readings.isEmpty else { return }
        try await SQLiteErrors.translating(entity: "reading") {
            try await pool.write { db in try Self.insert(readings, in: db) }
        }
    }

    /// Inserts readings in the caller's write transaction through one cached
    /// prepared statement; shared with `SQLiteIngestStore`.
    static func insert(_ readings: [Reading], in db: Database) throws {
        guard !readings.isEmpty else { return }
        let statement = try db.cachedStatement(sql: insertSQL)
        for reading in readings {
            try statement.execute(arguments: [
                reading.patientID.rawValue, reading.deviceID?.rawValue, reading.type.rawValue, reading.value,
                reading.originalValue, reading.originalUnit, reading.measuredAt.millisecondsSince1970,
                reading.receivedAt.millisecondsSince1970, reading.messageID,
            ])
        }
    }

    func readings(of patient: PatientID, matching query: ReadingQuery) async throws -> [Reading] {
        let limit = min(max(query.limit, 0), ReadingQuery.maximumLimit)
        guard limit > 0 else { return [] }
        var arguments: StatementArguments = [
            "patient": patient.rawValue,
            "from": query.from?.millisecondsSince1970 ?? Int64.min,
            "to": query.to?.millisecondsSince1970 ?? Int64.max,
            "limit": limit,
        ]
        let sql: String
        if let type = query.type {
            sql = Self.oneTypeSQL
            arguments += ["type": type.rawValue]
        } else {
            sql = Self.allTypesSQL
        }
        return try await SQLiteErrors.translating(entity: "reading") { [arguments] in
            try await pool.read { db in
                try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(Self.reading(from:))
            }
        }
    }

    func latest(of patient: PatientID) async throws -> [Reading] {
        try await newest(1, of: VitalType.allCases, for: [patient])
    }

    func newest(_ count: Int, of types: [VitalType], for patients: [PatientID]) async throws -> [Reading] {
        guard count > 0, !types.isEmpty, !patients.isEmpty else { return [] }
        return try await SQLiteErrors.translating(entity: "reading") {
            try await pool.read { db in try Self.newest(count, of: types, for: patients, in: db) }
        }
    }

    /// `newest(_:of:for:)`, read in the caller's transaction.
    static func newest(_ count: Int, of types: [VitalType], for patients: [PatientID], in db: Database) throws
        -> [Reading]
    {
        var arguments: StatementArguments = [
            "patients": try JSONColumn.encode(patients.map(\.rawValue)),
            "types": try JSONColumn.encode(types.map(\.rawValue)),
        ]
        if count > 1 { arguments += ["count": count] }
        let statement = try db.cachedStatement(sql: count == 1 ? newestOneSQL : newestSQL)
        return try Array(Row.fetchCursor(statement, arguments: arguments).map(reading(from:)))
    }

    func lastMeasured(of types: [VitalType], for patients: [PatientID]) async throws -> [PatientID: Date] {
        guard !types.isEmpty, !patients.isEmpty else { return [:] }
        let arguments: StatementArguments = [
            "patients": try JSONColumn.encode(patients.map(\.rawValue)),
            "types": try JSONColumn.encode(types.map(\.rawValue)),
        ]
        return try await SQLiteErrors.translating(entity: "reading") {
            try await pool.read { db in
                var result: [PatientID: Date] = [:]
                let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.lastMeasuredSQL), arguments: arguments)
                while let row = try rows.next() {
                    guard let time = try row.decode(Int64?.self, atIndex: 1) else { continue }
                    result[PatientID(try row.decode(String.self, atIndex: 0))] = Date(millisecondsSince1970: time)
                }
                return result
            }
        }
    }

    func buckets(
        of patient: PatientID, type: VitalType, from: Date, to: Date, width: BucketWidth
    ) async throws -> [ReadingBucket] {
        let arguments: StatementArguments = [
            "patient": patient.rawValue, "type": type.rawValue, "from": from.millisecondsSince1970,
            "to": to.millisecondsSince1970,
        ]
        return try await SQLiteErrors.translating(entity: "reading") {
            try await pool.read { db in
                var fold = ReadingBucketFold(width: width)
                let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.bucketsSQL), arguments: arguments)
                while let row = try rows.next() {
                    fold.add(measuredAt: try row.decode(atIndex: 0), value: try row.decode(atIndex: 1))
                }
                return fold.buckets()
            }
        }
    }

    /// Decodes a row selected as `id, <columns>`.
    private static func reading(from row: Row) throws -> Reading {
        guard let type = VitalType(rawValue: try row.decode(atIndex: 3)) else {
            throw StoreError(.unavailable, entity: "reading")
        }
        return Reading(
            patientID: PatientID(try row.decode(String.self, atIndex: 1)),
            deviceID: try row.decode(String?.self, atIndex: 2).map { DeviceID($0) },
            type: type,
            value: try row.decode(atIndex: 4),
            originalValue: try row.decode(String.self, atIndex: 5),
            originalUnit: try row.decode(atIndex: 6),
            measuredAt: Date(millisecondsSince1970: try row.decode(atIndex: 7)),
            receivedAt: Date(millisecondsSince1970: try row.decode(atIndex: 8)),
            messageID: try row.decode(atIndex: 9))
    }
}
