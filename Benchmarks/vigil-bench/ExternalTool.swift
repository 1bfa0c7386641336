import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command-line program found on `PATH`, such as `sqlite3` or `psql`, run
/// to completion with its standard streams redirected to files.
///
/// It is started with `posix_spawn` and awaited with `waitpid`, so the time
/// around ``run(_:input:output:)`` is the program's wall-clock time, without
/// the polling delay of Foundation's `Process.waitUntilExit()`.
struct ExternalTool: Sendable {
    /// The name it was looked up by.
    let name: String
    /// Its absolute path.
    let path: String

    /// Finds `name` in the folders listed in `PATH`.
    ///
    /// - Throws: ``BenchmarkError`` naming the program when no folder has it.
    init(named name: String) throws {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":")
        for folder in folders where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                self.name = name
                self.path = candidate
                return
            }
        }
        throw BenchmarkError(
            "\(name) is not on PATH; install it (scripts/install-test-dependencies.sh installs sqlite3 and PostgreSQL)")
    }

    /// Runs the program and waits until it exits.
    ///
    /// - Parameters:
    ///   - arguments: the arguments after the program's name.
    ///   - input: a file to read standard input from; `/dev/null` when `nil`.
    ///   - output: a file to write standard output to (replaced); `/dev/null` when `nil`.
    /// - Throws: ``BenchmarkError`` with the end of its standard error when the
    ///   program cannot start or exits unsuccessfully.
    func run(_ arguments: [String], input: String? = nil, output: String? = nil) throws {
        let errorPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-bench-\(getpid())-\(name).stderr").path
        defer { try? FileManager.default.removeItem(atPath: errorPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else of ours: load generators size their tables by the
        // descriptors they open, and inherited sockets would overflow them.
        closeInheritedDescriptors(in: &actions)

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environment)
        guard spawned == 0 else {
            throw BenchmarkError("cannot start \(name): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw BenchmarkError("lost track of \(name): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitedNormally = status & 0x7F == 0
        let exitCode = (status >> 8) & 0xFF
        guard exitedNormally, exitCode == 0 else {
            let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            let outcome = exitedNormally ? "exited with status \(exitCode)" : "was killed by signal \(status & 0x7F)"
            throw BenchmarkError("\(name) \(outcome): \(errors.suffix(2000))")
        }
    }

    /// Runs the program and returns its standard output, for small results.
    func output(_ arguments: [String], input: String? = nil) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-bench-\(getpid())-\(name).stdout").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        try run(arguments, input: input, output: outputPath)
        return try String(contentsOfFile: outputPath, encoding: .utf8)
    }
}
