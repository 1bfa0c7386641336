/// A device the benchmark registered in Vigil, with what a load generator
/// needs to send as it.
struct BenchDevice: Sendable {
    /// The device id, such as `bench-0042`; safe in a URL path as it is.
    let id: String
    /// The patient the device is bound to.
    let patientID: String
    /// A SAS token for the device, signed with its primary key, valid for the whole benchmark.
    let token: String

    /// The telemetry path IoT Hub devices post to.
    var telemetryPath: String { "/devices/\(id)/messages/events?api-version=2021-04-12" }
}
