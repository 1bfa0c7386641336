import VigilSimulator

/// Sends one simulated message to Vigil and says what became of it.
protocol TelemetrySender: Sendable {
    /// Sends and waits for the answer (HTTP status or PUBACK).
    func send(_ message: SimulatedMessage) async -> SendOutcome
    /// Closes connections.
    func shutdown() async
}

/// What became of one message.
enum SendOutcome: Sendable, Equatable {
    /// Committed: HTTP 204 or PUBACK.
    case acknowledged
    /// Answered with a refusal (HTTP 4xx): quarantined, throttled or unauthorized.
    case refused(status: Int)
    /// No answer: connection error, timeout or server error.
    case failed
}
