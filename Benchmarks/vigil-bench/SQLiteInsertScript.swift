import Foundation
import VigilCore

/// Writes the SQL the `sqlite3` tool runs as the insert baseline: the session
/// settings, then per batch `BEGIN; INSERT INTO readings (…) VALUES (…),(…),…; COMMIT;`.
///
/// A multi-row `INSERT` is the stronger baseline: SQLite parses each batch once
/// rather than once per row.
enum SQLiteInsertScript {
    /// Writes the script for `batches` to `path`, with `PRAGMA synchronous` set to `synchronous`.
    static func write(_ batches: [[Reading]], synchronous: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchmarkError("cannot create \(path)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        try file.write(contentsOf: Data("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = \(synchronous);\n".utf8))
        for batch in batches {
            var sql = "BEGIN;\nINSERT INTO readings (\(ReadingColumns.list)) VALUES\n"
            sql.reserveCapacity(batch.count * 220)
            for (index, reading) in batch.enumerated() {
                if index > 0 { sql += ",\n" }
                sql += "("
                sql += literal(reading.patientID.rawValue) + ","
                sql += literal(reading.deviceID?.rawValue) + ","
                sql += literal(reading.type.rawValue) + ","
                sql += "\(reading.value),"
                sql += literal(reading.originalValue) + ","
                sql += literal(reading.originalUnit) + ","
                sql += "\(reading.measuredAt.millisecondsSince1970),"
                sql += "\(reading.receivedAt.millisecondsSince1970),"
                sql += literal(reading.messageID) + ")"
            }
            sql += ";\nCOMMIT;\n"
            try file.write(contentsOf: Data(sql.utf8))
        }
    }

    /// A quoted SQL string literal, or `NULL`.
    static func literal(_ text: String?) -> String {
        guard let text else { return "NULL" }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
