import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files that hold keys: created with their final permissions from the
/// first byte (never widened and then narrowed), fully written and synced
/// before they appear under their name.
enum SecureFile {
    /// A failed file operation: what was being done and the system's reason.
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let fileName: String
        let reason: String

        init(_ operation: String, _ url: URL, errno code: Int32) {
            self.operation = operation
            self.fileName = url.lastPathComponent
            self.reason = String(cString: strerror(code))
        }

        var description: String { "\(operation) \(fileName): \(reason)" }
    }

    /// Replaces (or creates) `url` with `data`: writes a temporary file with
    /// `mode` in the same folder, syncs it, renames it over `url` and syncs the folder.
    static func replace(_ url: URL, with data: Data, mode: mode_t) throws {
        let temporary = try writeTemporary(data, besides: url, mode: mode)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw Failure("rename to", url, errno: code)
        }
        syncFolder(of: url)
    }

    /// Creates `url` with `data` only if nothing is there yet, atomically.
    ///
    /// - Returns: false if the file already existed (it is left untouched).
    static func createIfAbsent(_ url: URL, with data: Data, mode: mode_t) throws -> Bool {
        let temporary = try writeTemporary(data, besides: url, mode: mode)
        defer { unlink(temporary.path) }
        // link(2) fails with EEXIST instead of replacing, unlike rename(2).
        guard link(temporary.path, url.path) == 0 else {
            let code = errno
            if code == EEXIST { return false }
            throw Failure("create", url, errno: code)
        }
        syncFolder(of: url)
        return true
    }

    /// The permission bits of a file, or nil if it cannot be examined.
    static func permissions(of url: URL) -> mode_t? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    /// Creates a folder (and its parents) if missing, readable only by the owner.
    static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    private static func writeTemporary(_ data: Data, besides url: URL, mode: mode_t) throws -> URL {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(SecureRandom.base64URL(byteCount: 9)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure("create", temporary, errno: errno) }
        do {
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Failure("write", temporary, errno: errno)
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw Failure("sync", temporary, errno: errno) }
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        close(descriptor)
        return temporary
    }

    private static func syncFolder(of url: URL) {
        let descriptor = open(url.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
