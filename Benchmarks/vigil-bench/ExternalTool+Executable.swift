import Foundation

extension ExternalTool {
    /// A program given by its path rather than looked up on `PATH`, such as
    /// the release `vigil` beside `vigil-bench`.
    ///
    /// - Throws: ``BenchmarkError`` when there is no executable file at `path`.
    init(executable path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchmarkError("\(path) is not an executable; build it with swift build -c release --product vigil")
        }
        self.name = URL(fileURLWithPath: path).lastPathComponent
        self.path = path
    }
}
