import Foundation
import GRDB
import Testing
import VigilSQLite
import VigilSecurity

/// SIGKILL during a stream of batch inserts: every batch whose commit returned
/// is there in full, no batch is there in part, and the database opens cleanly.
struct CrashSafetyTests {
    static let batchSize = 500

    @Test func killedWriterLosesNoCommittedBatchAndLeavesAConsistentDatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vigil.sqlite").path
        var acknowledged: Set<String> = []

        for round in 0..<6 {
            let child = try ChildProcess(executable: "vigil-crash-harness", arguments: [path, String(Self.batchSize)])
            let killAfter = 3 + round * 4
            let seen = await Task.detached { () -> [String] in
                var seen: [String] = []
                while seen.count < killAfter, let line = child.readLine() {
                    if line.hasPrefix("committed ") { seen.append(String(line.dropFirst("committed ".count))) }
                }
                return seen
            }.value
            child.kill()
            #expect(seen.count == killAfter, "the harness stopped early in round \(round)")
            acknowledged.formUnion(seen)

            let counts = try Self.batchCounts(path: path)
            for batch in acknowledged {
                #expect(counts[batch] == Self.batchSize, "acknowledged \(batch) lost or partial")
            }
            for (batch, count) in counts {
                #expect(count == Self.batchSize, "\(batch) stored in part: \(count) rows")
            }
        }

        let store = try SQLiteStore(configuration: .init(path: path), sealer: SHA256AuditSealer())
        #expect(try await store.migrate() == [])
        try await store.checkHealth()
        try await store.close()
    }

    /// Rows per message id, after checking the file's integrity.
    private static func batchCounts(path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let rows = try Row.fetchAll(db, sql: "SELECT message_id, count(*) AS n FROM readings GROUP BY message_id")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["message_id"] as String, $0["n"] as Int) })
        }
    }
}
