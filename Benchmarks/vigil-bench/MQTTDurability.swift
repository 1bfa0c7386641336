extension DurabilityCheck.Window {
    /// A run of the MQTT load generator: each PUBACK acknowledges one message
    /// of one reading, received between the run's start and its last PUBACK.
    init(mqtt name: String, _ result: MQTTLoadResult) {
        self.init(
            name: name, acknowledged: result.acknowledged, readingsPerRequest: 1, startedAt: result.startedAt,
            endedAt: result.endedAt)
    }
}
