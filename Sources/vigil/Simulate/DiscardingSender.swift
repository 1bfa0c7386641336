import VigilSimulator

/// Acknowledges every message at once without sending it: `--dry-run`
/// measures how fast the simulator itself generates messages.
struct DiscardingSender: TelemetrySender {
    func send(_ message: SimulatedMessage) async -> SendOutcome {
        message.body.isEmpty ? .failed : .acknowledged
    }

    func shutdown() async {}
}
