/// Counts of a run in progress, shared by the sending tasks and the progress line.
actor LoadTally {
    private(set) var sent = 0
    private(set) var acknowledged = 0
    private(set) var refused = 0
    private(set) var failed = 0
    private(set) var injectedFaults = 0
    /// Injected bad readings by the quarantine reason Vigil must give them.
    private(set) var faultsByReason: [String: Int] = [:]
    private(set) var readings = 0
    private(set) var latencies: [Double] = []

    /// Records one message's outcome and, when acknowledged, its latency.
    func record(_ outcome: SendOutcome, milliseconds: Double, readings count: Int, faults: [String]) {
        sent += 1
        injectedFaults += faults.count
        for reason in faults { faultsByReason[reason, default: 0] += 1 }
        readings += count
        switch outcome {
        case .acknowledged:
            acknowledged += 1
            latencies.append(milliseconds)
        case .refused:
            refused += 1
        case .failed:
            failed += 1
        }
    }

    /// `12.0 s  sent 1200  acked 1195  refused 0  failed 0  99.6/s`.
    func progressLine(elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(acknowledged) / elapsed : 0
        return "\(Self.format(elapsed)) s  sent \(sent)  acked \(acknowledged)  refused \(refused)  failed \(failed)  "
            + "\(Self.format(rate))/s"
    }

    private static func format(_ value: Double) -> String { String((value * 10).rounded() / 10) }
}
