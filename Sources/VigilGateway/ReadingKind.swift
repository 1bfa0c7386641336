import VigilCore

/// What a reading in a message says it is: one vital type, or a blood-pressure
/// panel that becomes a systolic and a diastolic reading.
enum ReadingKind: Equatable {
    case single(VitalType)
    case bloodPressurePanel

    /// The JSON name of the blood-pressure panel.
    static let panelName = "bloodPressure"
    /// The LOINC code of the blood-pressure panel.
    static let panelLOINC = "85354-9"

    /// The kind for a `type` name: a `VitalType` name or `bloodPressure`.
    init?(name: String) {
        if name == Self.panelName {
            self = .bloodPressurePanel
        } else if let type = VitalType(rawValue: name) {
            self = .single(type)
        } else {
            return nil
        }
    }

    /// The kind for a LOINC `code`, including the alternatives accepted on input.
    init?(loinc: String) {
        if loinc == Self.panelLOINC {
            self = .bloodPressurePanel
        } else if let type = VitalType(loinc: loinc) {
            self = .single(type)
        } else {
            return nil
        }
    }
}
