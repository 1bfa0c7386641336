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

    /// The kind for a `type` name: a `VitalType` name or `bloodPressure`. Types
    /// Vigil derives itself (the NEWS2 score) are unknown to devices.
    init?(name: String) {
        if name == Self.panelName {
            self = .bloodPressurePanel
        } else if let type = VitalType(rawValue: name), !type.isDerived {
            self = .single(type)
        } else {
            return nil
        }
    }

    /// The kind for a LOINC `code`, including the alternatives accepted on input.
    init?(loinc: String) {
        if loinc == Self.panelLOINC {
            self = .bloodPressurePanel
        } else if let type = VitalType(loinc: loinc), !type.isDerived {
            self = .single(type)
        } else {
            return nil
        }
    }
}
