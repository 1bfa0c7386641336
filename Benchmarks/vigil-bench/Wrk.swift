import Foundation

/// The `wrk` HTTP load generator (Debian's `wrk` package) driven by a
/// generated Lua script (see ``WrkScript``).
///
/// `wrk` does not verify the server's certificate, so it needs no CA file
/// for Vigil's self-signed one.
struct Wrk: Sendable {
    /// The program.
    let tool: ExternalTool
    /// Where scripts and outputs are written.
    let scratch: ScratchDirectory
    /// `-t`: threads.
    let threads: Int
    /// `-c`: connections, shared among the threads.
    let connections: Int

    /// Finds `wrk` on `PATH`.
    init(scratch: ScratchDirectory, threads: Int, connections: Int) throws {
        tool = try ExternalTool(named: "wrk")
        self.scratch = scratch
        self.threads = threads
        self.connections = connections
    }

    /// The command line of a run, without the script and URL, for the report: `wrk -t2 -c16 -d30s --latency --timeout 10s`.
    func commandLine(seconds: Int) -> String {
        Self.commandLine(threads: threads, connections: connections, seconds: seconds)
    }

    /// `wrk -t{threads} -c{connections} -d{seconds}s --latency --timeout 10s`.
    static func commandLine(threads: Int, connections: Int, seconds: Int) -> String {
        "wrk -t\(threads) -c\(connections) -d\(seconds)s --latency --timeout 10s"
    }

    /// Runs wrk against `url` for `seconds`, sending the plan's requests.
    ///
    /// - Parameters:
    ///   - name: names the script and output files in the scratch folder.
    ///   - delayMilliseconds: pace each connection by this delay per request; `nil` sends as fast as answers come.
    func run(name: String, plan: LoadPlan, url: String, seconds: Int, delayMilliseconds: Double? = nil) throws
        -> WrkResult
    {
        let requestsPath = scratch.file("\(name).requests")
        let scriptPath = scratch.file("\(name).lua")
        let outputPath = scratch.file("\(name).out")
        try WrkScript.writeRequests(plan, to: requestsPath)
        try WrkScript.text(requestsPath: requestsPath, threads: threads, delayMilliseconds: delayMilliseconds)
            .write(toFile: scriptPath, atomically: true, encoding: .utf8)
        try tool.run(
            [
                "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", "--timeout", "10s", "-s", scriptPath,
                url,
            ], output: outputPath)
        let output = try String(contentsOfFile: outputPath, encoding: .utf8)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(WrkScript.resultPrefix) }) else {
            throw BenchmarkError("wrk printed no result line:\n\(output.suffix(2000))")
        }
        var result = try JSONDecoder().decode(
            WrkResult.self, from: Data(line.dropFirst(WrkScript.resultPrefix.count).utf8))
        result.delayMilliseconds = delayMilliseconds
        return result
    }
}
