import VigilCore
import VigilStore

/// Twins for the gateway's tests.
enum DeviceTwinFixture {
    static func twin(desired: String, desiredVersion: Int64, reported: String, reportedVersion: Int64) -> DeviceTwin {
        DeviceTwin(
            deviceID: DeviceID("cuff-1"), desired: desired, desiredVersion: desiredVersion, reported: reported,
            reportedVersion: reportedVersion)
    }
}
