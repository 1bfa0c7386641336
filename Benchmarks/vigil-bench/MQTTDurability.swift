extension LoadRun {
    /// A run of the MQTT load generator in the form ``DurabilityCheck`` counts:
    /// each PUBACK acknowledges one message of one reading, received between
    /// the run's start and the last PUBACK.
    init(mqtt name: String, _ result: MQTTLoadResult) {
        self.init(
            name: name, readingsPerRequest: 1,
            result: WrkResult(
                durationSeconds: result.durationSeconds, requests: result.published, acknowledged: result.acknowledged,
                otherStatuses: 0, connectErrors: 0, readErrors: 0, writeErrors: 0, statusErrors: 0, timeouts: 0,
                latency: result.latency, delayMilliseconds: nil),
            startedAt: result.startedAt, endedAt: result.endedAt)
    }
}
