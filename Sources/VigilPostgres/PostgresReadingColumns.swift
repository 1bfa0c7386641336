import PostgresNIO
import VigilCore

/// Readings as one array per column, for an `INSERT … SELECT FROM unnest(…)`
/// that writes a whole batch in one statement, each row tagged with the index
/// of the message it came in.
struct PostgresReadingColumns {
    var owners: [Int64] = []
    var patientIDs: [String] = []
    var deviceIDs = PostgresTextArray(elements: [])
    var types: [String] = []
    var values: [Double] = []
    var originalValues: [String] = []
    var originalUnits = PostgresTextArray(elements: [])
    var measuredAt: [Int64] = []
    var receivedAt: [Int64] = []
    var messageIDs = PostgresTextArray(elements: [])

    /// Adds the readings of the message at index `owner`.
    mutating func append(_ readings: [Reading], owner: Int) {
        for reading in readings {
            owners.append(Int64(owner))
            patientIDs.append(reading.patientID.rawValue)
            deviceIDs.elements.append(reading.deviceID?.rawValue)
            types.append(reading.type.rawValue)
            values.append(reading.value)
            originalValues.append(reading.originalValue)
            originalUnits.elements.append(reading.originalUnit)
            measuredAt.append(reading.measuredAt.millisecondsSince1970)
            receivedAt.append(reading.receivedAt.millisecondsSince1970)
            messageIDs.elements.append(reading.messageID)
        }
    }
}
