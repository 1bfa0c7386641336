/// A kind of home device that sends readings, and how often it does compared with the others.
enum DeviceKind: String, CaseIterable, Sendable {
    /// A wrist wearable: heart rate, respiratory rate and steps, many times a day.
    case wearable
    /// A pulse oximeter: heart rate and oxygen saturation.
    case pulseOximeter = "pulse-ox"
    /// A blood-pressure cuff: systolic, diastolic and heart rate.
    case bloodPressureCuff = "bp-cuff"
    /// A thermometer.
    case thermometer
    /// A bathroom scale.
    case scale
    /// A glucometer.
    case glucometer

    /// The share of all device messages that come from this kind, in percent.
    var share: Int {
        switch self {
        case .wearable: 40
        case .pulseOximeter: 25
        case .bloodPressureCuff: 15
        case .thermometer: 8
        case .scale: 6
        case .glucometer: 6
        }
    }

    /// How many readings one message from this kind carries.
    var readingsPerMessage: Int {
        switch self {
        case .wearable, .bloodPressureCuff: 3
        case .pulseOximeter: 2
        case .thermometer, .scale, .glucometer: 1
        }
    }

    /// A kind drawn with the probabilities given by `share`.
    static func random(using generator: inout SeededGenerator) -> DeviceKind {
        var draw = Int.random(in: 0..<100, using: &generator)
        for kind in allCases {
            if draw < kind.share { return kind }
            draw -= kind.share
        }
        return .wearable
    }
}
