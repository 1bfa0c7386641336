import VigilSimulator

extension LoadSummary {
    /// Valid readings per second of the run.
    var readingsPerSecond: Double { seconds > 0 ? Double(readings) / seconds : 0 }

    /// Valid readings per message, on average.
    var readingsPerMessage: Double { sent > 0 ? Double(readings) / Double(sent) : 0 }
}
