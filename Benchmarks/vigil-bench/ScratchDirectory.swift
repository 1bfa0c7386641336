import Foundation

/// A new, private temporary folder for one benchmark's files, removed when the benchmark ends.
struct ScratchDirectory: Sendable {
    /// The folder's absolute path.
    let path: String

    /// Creates a uniquely named folder in the system's temporary folder (`TMPDIR` or `/tmp`).
    init() throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/vigil-bench.XXXXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw BenchmarkError("cannot create a temporary folder in \(base)")
        }
        path = String(cString: created)
    }

    /// The path of a file called `name` in the folder.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
