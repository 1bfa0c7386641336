import Foundation

/// A population of virtual patients and devices and everything that decides
/// what they send, so that messages are a pure function of the plan and a
/// time window: the same seed gives the same messages, however a run is cut
/// into windows.
public struct SimulationPlan: Sendable {
    /// Knobs of a plan.
    public struct Options: Sendable, Hashable {
        /// Seeds every random choice. Default 1.
        public var seed: UInt64 = 1
        /// The chance a scheduled device (not a wearable) skips a whole day. Default 0.05.
        public var missedDayProbability: Double = 0.05
        /// The chance a message carries one deliberately bad reading. Default 0.02.
        public var badReadingProbability: Double = 0.02
        /// When the `sepsis` patients deteriorate. Default: from now, over 6 hours.
        public var deterioration = Deterioration(onset: Date(), duration: 6 * 3600)
        /// When slow trends (heart-failure weight gain) begin. Default: 3 days ago.
        public var trendStart = Date().addingTimeInterval(-3 * 86_400)

        public init() {}
    }

    /// The knobs the plan was made with.
    public let options: Options
    /// Every patient, in index order.
    public let patients: [SimulatedPatient]
    /// Every device of every patient, in index order.
    public let devices: [SimulatedDevice]
    private let physiology: [PatientPhysiology]

    /// A plan for the given patients' profiles, in order; device ids are
    /// `{prefix}{patient}-{kind}` (`sim-3-cuff`).
    public init(profiles: [SimulatedProfile], options: Options = Options(), deviceIDPrefix: String = "sim-") {
        self.options = options
        var patients: [SimulatedPatient] = []
        var devices: [SimulatedDevice] = []
        for (patientIndex, profile) in profiles.enumerated() {
            var own: [SimulatedDevice] = []
            for kind in profile.devices {
                own.append(
                    SimulatedDevice(
                        index: devices.count + own.count, deviceID: "\(deviceIDPrefix)\(patientIndex)-\(kind.rawValue)",
                        patientIndex: patientIndex, profile: profile, kind: kind,
                        usesAlternativeUnits: patientIndex % 3 == 2))
            }
            patients.append(
                SimulatedPatient(
                    index: patientIndex, profile: profile, displayName: Self.name(patientIndex), devices: own))
            devices += own
        }
        self.patients = patients
        self.devices = devices
        physiology = patients.map {
            PatientPhysiology(
                profile: $0.profile, personalSeed: options.seed &+ UInt64($0.index) &* 7919,
                deterioration: options.deterioration, trendStart: options.trendStart)
        }
    }

    /// A plan of `patients` patients cycling through every profile, or of
    /// enough patients to have at least `devices` devices (then trimmed to that many).
    public init(patients: Int? = nil, devices: Int? = nil, options: Options = Options(), deviceIDPrefix: String = "sim-") {
        let cycle: [SimulatedProfile] = [.healthy, .hypertensive, .heartFailure, .copd, .diabetic, .sepsis]
        var profiles: [SimulatedProfile] = []
        var deviceCount = 0
        while profiles.count < (patients ?? 0) || deviceCount < (devices ?? 0) {
            let profile = cycle[profiles.count % cycle.count]
            profiles.append(profile)
            deviceCount += profile.devices.count
        }
        let full = SimulationPlan(profiles: profiles, options: options, deviceIDPrefix: deviceIDPrefix)
        guard let devices, devices < full.devices.count else {
            self = full
            return
        }
        self.options = full.options
        self.physiology = full.physiology
        self.patients = full.patients
        self.devices = Array(full.devices.prefix(devices))
    }

    /// Every message the plan's devices send in `[start, end)`, by time.
    public func messages(from start: Date, to end: Date) -> [SimulatedMessage] {
        guard end > start else { return [] }
        var messages: [SimulatedMessage] = []
        for device in devices {
            for time in measurementTimes(of: device, from: start, to: end) {
                messages.append(message(from: device, at: [time], messageID: "\(device.deviceID)-\(Self.slotKey(time))"))
            }
        }
        return messages.sorted { ($0.measuredAt, $0.device.index) < ($1.measuredAt, $1.device.index) }
    }

    /// A message of `device` holding one measurement at each of `times`
    /// (several make a batch, each reading with its own time).
    public func message(from device: SimulatedDevice, at times: [Date], messageID: String) -> SimulatedMessage {
        let last = times.max() ?? Date()
        var random = SimulationRandom(seed: options.seed, device: device.index, slot: Self.slotKey(last), stream: 1)
        var readings: [String] = []
        var count = 0
        let synthesizer = ReadingSynthesizer(device: device)
        for time in times {
            let vitals = physiology[device.patientIndex].vitals(at: time)
            let made = synthesizer.readings(vitals, at: times.count > 1 ? time : nil, random: &random)
            readings += made.json
            count += made.count
        }
        var faults: [InjectedFault] = []
        if random.unit() < options.badReadingProbability {
            let fault = InjectedFault.allCases[Int(random.next() % UInt64(InjectedFault.allCases.count))]
            faults.append(fault)
            readings.append(ReadingSynthesizer.faulty(fault, measuredAt: last))
        }
        let body =
            #"{"messageId":"\#(messageID)","time":"\#(ReadingSynthesizer.timestamp(last))","readings":[\#(readings.joined(separator: ","))]}"#
        return SimulatedMessage(
            device: device, measuredAt: last, messageID: messageID, body: Data(body.utf8), validReadings: count,
            faults: faults)
    }

    /// The expected vital signs of a patient at a moment (what the readings scatter around).
    public func vitals(ofPatient index: Int, at time: Date) -> PatientPhysiology.Vitals {
        physiology[index].vitals(at: time)
    }

    /// Messages for `[start, end)` as a device that was offline sends them when
    /// it reconnects: its measurements stored and forwarded up to `batch` per
    /// message, each reading with its own time.
    public func storedAndForwarded(from start: Date, to end: Date, batch: Int) -> [SimulatedMessage] {
        var messages: [SimulatedMessage] = []
        for device in devices {
            let times = measurementTimes(of: device, from: start, to: end)
            for first in stride(from: 0, to: times.count, by: max(1, batch)) {
                let chunk = Array(times[first..<min(times.count, first + max(1, batch))])
                messages.append(
                    message(from: device, at: chunk, messageID: "\(device.deviceID)-\(Self.slotKey(chunk[0]))-\(chunk.count)"))
            }
        }
        return messages.sorted { ($0.measuredAt, $0.device.index) < ($1.measuredAt, $1.device.index) }
    }

    /// When `device` measures in `[start, end)`, in order.
    public func measurementTimes(of device: SimulatedDevice, from start: Date, to end: Date) -> [Date] {
        switch device.kind.habit {
        case .every(let seconds):
            // Devices are spread over the interval so they do not all send at once.
            let offset = Double((device.index * 7919) % seconds)
            let first = ((start.timeIntervalSince1970 - offset) / Double(seconds)).rounded(.up)
            var times: [Date] = []
            var slot = first
            while true {
                let time = Date(timeIntervalSince1970: slot * Double(seconds) + offset)
                guard time < end else { break }
                times.append(time)
                slot += 1
            }
            return times
        case .timesOfDay(let minutes):
            let jitter: TimeInterval = 15 * 60
            let firstDay = Int(((start.timeIntervalSince1970 - jitter) / 86_400).rounded(.down))
            let lastDay = Int(((end.timeIntervalSince1970 + jitter) / 86_400).rounded(.down))
            var times: [Date] = []
            for day in firstDay...lastDay {
                var dayRandom = SimulationRandom(seed: options.seed, device: device.index, slot: Int64(day), stream: 2)
                if dayRandom.unit() < options.missedDayProbability { continue }
                for minute in minutes {
                    var random = SimulationRandom(
                        seed: options.seed, device: device.index, slot: Int64(day) * 1440 + Int64(minute), stream: 3)
                    let nominal = Double(day) * 86_400 + Double(minute) * 60
                    let time = Date(timeIntervalSince1970: (nominal + (random.unit() * 2 - 1) * 10 * 60).rounded())
                    if time >= start && time < end { times.append(time) }
                }
            }
            return times
        }
    }

    /// Whole seconds since 1970: a measurement's slot.
    static func slotKey(_ time: Date) -> Int64 { Int64(time.timeIntervalSince1970.rounded(.down)) }

    /// A made-up name for the demo ward.
    static func name(_ index: Int) -> String {
        let given = ["Ada", "Bram", "Cleo", "Dmitri", "Edith", "Farid", "Greta", "Hugo", "Ines", "Jonah", "Kira", "Lars"]
        let family = ["Marsh", "Okafor", "Lindqvist", "Petrov", "Quill", "Haddad", "Novak", "Brandt", "Moreau", "Sato"]
        return "\(given[index % given.count]) \(family[(index / given.count + index) % family.count]) (demo)"
    }
}
