import Foundation

/// Writes a progress note to standard error, leaving standard output to the results.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("vigil-bench: \(message)\n".utf8))
}
