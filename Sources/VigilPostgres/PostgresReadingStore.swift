import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Readings in the `readings` table.
struct PostgresReadingStore: ReadingStore {
    let database: PostgresDatabase

    /// Sends the batch as one `COPY … FROM STDIN`: a single statement, so a
    /// transaction of its own (all rows or none), and PostgreSQL's bulk path,
    /// which writes a page of rows at a time instead of one row after another.
    func insert(_ readings: [Reading]) async throws {
        guard !readings.isEmpty else { return }
        var data = ByteBuffer()
        PostgresCopyText.write(readings, to: &data)
        do {
            try await database.client.withConnection { connection in
                try await connection.copyFrom(
                    table: "readings", columns: PostgresCopyText.readingColumns, logger: database.driverLogger
                ) { writer in
                    try await writer.write(data)
                }
            }
        } catch {
            throw PostgresErrorMapping.storeError(
                from: error, entity: "reading", referencing: nil, logger: database.logger)
        }
    }

    func readings(of patient: PatientID, matching query: ReadingQuery) async throws -> [Reading] {
        let limit = min(query.limit, ReadingQuery.maximumLimit)
        guard limit > 0 else { return [] }
        // One index range scan per type, each stopping after `limit` rows, then
        // merged: the index cannot order a patient's readings by time across
        // types, and sorting them all would cost the patient's whole history.
        let types = query.type.map { [$0.rawValue] } ?? VitalType.allCases.map(\.rawValue)
        let from = query.from?.millisecondsSince1970 ?? Int64.min
        let to = query.to?.millisecondsSince1970 ?? Int64.max
        let rows = try await database.query(
            """
            SELECT r.patient_id, r.device_id, r.type, r.value, r.original_value, r.original_unit, r.measured_at,
                   r.received_at, r.message_id
            FROM unnest(\(types)::text[]) AS t(type)
            CROSS JOIN LATERAL (
                SELECT * FROM readings
                WHERE patient_id = \(patient.rawValue) AND type = t.type
                  AND measured_at >= \(from) AND measured_at < \(to)
                ORDER BY measured_at DESC, id DESC
                LIMIT \(limit)
            ) AS r
            ORDER BY r.measured_at DESC, r.id DESC
            LIMIT \(limit)
            """,
            entity: "reading")
        return try rows.compactMap(Self.decode)
    }

    func latest(of patient: PatientID) async throws -> [Reading] {
        // One index probe per known type rather than a scan of all the patient's readings.
        let types = VitalType.allCases.map(\.rawValue)
        let rows = try await database.query(
            """
            SELECT r.patient_id, r.device_id, r.type, r.value, r.original_value, r.original_unit, r.measured_at,
                   r.received_at, r.message_id
            FROM unnest(\(types)::text[]) WITH ORDINALITY AS t(type, position)
            CROSS JOIN LATERAL (
                SELECT * FROM readings
                WHERE patient_id = \(patient.rawValue) AND type = t.type
                ORDER BY measured_at DESC, id DESC
                LIMIT 1
            ) AS r
            ORDER BY t.position
            """,
            entity: "reading")
        return try rows.compactMap(Self.decode)
    }

    func newest(_ count: Int, of types: [VitalType], for patients: [PatientID]) async throws -> [Reading] {
        guard count > 0, !types.isEmpty, !patients.isEmpty else { return [] }
        // One index probe per patient and type.
        let rows = try await database.query(
            """
            SELECT r.patient_id, r.device_id, r.type, r.value, r.original_value, r.original_unit, r.measured_at,
                   r.received_at, r.message_id
            FROM unnest(\(patients.map(\.rawValue))::text[]) WITH ORDINALITY AS p(id, position)
            CROSS JOIN unnest(\(types.map(\.rawValue))::text[]) WITH ORDINALITY AS t(type, position)
            CROSS JOIN LATERAL (
                SELECT * FROM readings
                WHERE patient_id = p.id AND type = t.type
                ORDER BY measured_at DESC, id DESC
                LIMIT \(count)
            ) AS r
            ORDER BY p.position, t.position, r.measured_at DESC, r.id DESC
            """,
            entity: "reading")
        return try rows.compactMap(Self.decode)
    }

    func lastMeasured(of types: [VitalType], for patients: [PatientID]) async throws -> [PatientID: Date] {
        guard !types.isEmpty, !patients.isEmpty else { return [:] }
        // One index probe per patient and type; patients without a reading have no row.
        let rows = try await database.query(
            """
            SELECT p.id, max(r.measured_at)
            FROM unnest(\(patients.map(\.rawValue))::text[]) AS p(id)
            CROSS JOIN unnest(\(types.map(\.rawValue))::text[]) AS t(type)
            CROSS JOIN LATERAL (
                SELECT measured_at FROM readings
                WHERE patient_id = p.id AND type = t.type
                ORDER BY measured_at DESC
                LIMIT 1
            ) AS r
            GROUP BY p.id
            """,
            entity: "reading")
        var result: [PatientID: Date] = [:]
        for row in rows {
            let (patient, measuredAt) = try row.decode((String, Int64).self)
            result[PatientID(patient)] = Date(millisecondsSince1970: measuredAt)
        }
        return result
    }

    func buckets(
        of patient: PatientID, type: VitalType, from: Date, to: Date, width: BucketWidth
    ) async throws -> [ReadingBucket] {
        let widthMilliseconds = width.seconds * 1000
        // Floor division, so buckets before 1970 start at a multiple of the width too.
        let rows = try await database.query(
            """
            SELECT measured_at - (((measured_at % \(widthMilliseconds)) + \(widthMilliseconds)) % \(widthMilliseconds))
                       AS start,
                   min(value), max(value), avg(value), count(*)
            FROM readings
            WHERE patient_id = \(patient.rawValue) AND type = \(type.rawValue)
              AND measured_at >= \(from.millisecondsSince1970) AND measured_at < \(to.millisecondsSince1970)
            GROUP BY 1
            ORDER BY 1
            """,
            entity: "reading")
        return try rows.map { row in
            let (start, min, max, avg, count) = try row.decode((Int64, Double, Double, Double, Int).self)
            return ReadingBucket(
                start: Date(millisecondsSince1970: start), min: min, max: max, avg: avg, count: count)
        }
    }

    /// The reading in a row, or `nil` for a type this build does not know.
    private static func decode(_ row: PostgresRow) throws -> Reading? {
        let (patientID, deviceID, typeName, value, originalValue, originalUnit, measuredAt, receivedAt, messageID) =
            try row.decode((String, String?, String, Double, String, String?, Int64, Int64, String?).self)
        guard let type = VitalType(rawValue: typeName) else { return nil }
        return Reading(
            patientID: PatientID(patientID), deviceID: deviceID.map { DeviceID($0) }, type: type, value: value,
            originalValue: originalValue, originalUnit: originalUnit,
            measuredAt: Date(millisecondsSince1970: measuredAt), receivedAt: Date(millisecondsSince1970: receivedAt),
            messageID: messageID)
    }
}
