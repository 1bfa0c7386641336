import Foundation

/// A benchmark's results as it prints them: a line for people, then the JSON
/// line that `vigil-bench report` reads back.
protocol BenchmarkOutput: Encodable {
    /// One line for people.
    var humanLine: String { get }
}

extension BenchmarkOutput {
    /// The results as one JSON line, keys sorted.
    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Prints the human line and the JSON line.
    func print() throws {
        Swift.print(humanLine)
        Swift.print(try jsonLine())
    }
}
