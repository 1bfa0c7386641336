import Foundation
import VigilCore

/// Writes readings in PostgreSQL's `COPY … FROM STDIN` text format (tab-separated,
/// `\N` for NULL), the input of the `psql` baseline.
enum CopyTextFile {
    /// Writes one line per reading, columns in ``ReadingColumns`` order, to `path`.
    static func write(_ readings: [Reading], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchmarkError("cannot create \(path)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var chunk = ""
        chunk.reserveCapacity(1 << 20)
        for reading in readings {
            chunk += field(reading.patientID.rawValue) + "\t"
            chunk += field(reading.deviceID?.rawValue) + "\t"
            chunk += field(reading.type.rawValue) + "\t"
            chunk += "\(reading.value)\t"
            chunk += field(reading.originalValue) + "\t"
            chunk += field(reading.originalUnit) + "\t"
            chunk += "\(reading.measuredAt.millisecondsSince1970)\t"
            chunk += "\(reading.receivedAt.millisecondsSince1970)\t"
            chunk += field(reading.messageID) + "\n"
            if chunk.utf8.count >= 1 << 20 {
                try file.write(contentsOf: Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: Data(chunk.utf8))
    }

    /// A text field with backslash, tab, newline and carriage return escaped, or `\N`.
    static func field(_ text: String?) -> String {
        guard let text else { return "\\N" }
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}
