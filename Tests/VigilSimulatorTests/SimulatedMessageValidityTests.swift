import Foundation
import Testing
import VigilCore
import VigilGateway
import VigilSimulator

/// Every simulated message passes Vigil's device message parser, except the
/// bad readings injected on purpose, which are refused with their reason.
struct SimulatedMessageValidityTests {
    static let start = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-27T00:00:00Z

    static func plan(badReadingProbability: Double = 0.05, seed: UInt64 = 42) -> SimulationPlan {
        var options = SimulationPlan.Options()
        options.seed = seed
        options.badReadingProbability = badReadingProbability
        options.deterioration = Deterioration(onset: start.addingTimeInterval(6 * 3600), duration: 6 * 3600)
        options.trendStart = start
        return SimulationPlan(patients: 12, options: options)
    }

    @Test func everyGoodReadingIsStoredAndEveryFaultIsRefusedWithItsReason() throws {
        let messages = Self.plan().messages(from: Self.start, to: Self.start.addingTimeInterval(2 * 86_400))
        #expect(messages.count > 1000)
        let parser = DeviceMessageParser()
        var faults = 0
        for message in messages {
            let outcome = parser.parse(
                message.body, deviceID: DeviceID(message.device.deviceID), patientID: PatientID("p"),
                transportMessageID: nil, receivedAt: message.measuredAt.addingTimeInterval(1))
            guard case .parsed(let parsed) = outcome else {
                Issue.record("unparseable: \(String(decoding: message.body, as: UTF8.self))")
                continue
            }
            #expect(parsed.readings.count == message.validReadings, "\(String(decoding: message.body, as: UTF8.self))")
            #expect(parsed.rejected.map(\.rejection.reason) == message.faults.map(\.expectedReason))
            #expect(parsed.messageID == message.messageID)
            faults += message.faults.count
        }
        #expect(faults > 20)
    }

    @Test func storedAndForwardedBatchesHoldEveryMeasurementWithItsOwnTime() throws {
        let plan = Self.plan(badReadingProbability: 0)
        let end = Self.start.addingTimeInterval(86_400)
        let single = plan.messages(from: Self.start, to: end)
        let batched = plan.storedAndForwarded(from: Self.start, to: end, batch: 60)
        #expect(batched.count < single.count / 10)
        #expect(batched.map(\.validReadings).reduce(0, +) == single.map(\.validReadings).reduce(0, +))
        let parser = DeviceMessageParser()
        for message in batched {
            guard
                case .parsed(let parsed) = parser.parse(
                    message.body, deviceID: DeviceID(message.device.deviceID), patientID: PatientID("p"),
                    transportMessageID: nil, receivedAt: end)
            else {
                Issue.record("unparseable batch")
                continue
            }
            #expect(parsed.readings.count == message.validReadings)
            #expect(parsed.rejected.isEmpty)
            #expect(parsed.readings.allSatisfy { $0.measuredAt <= message.measuredAt })
        }
    }

    @Test func withoutFaultsNothingIsRefused() {
        let messages = Self.plan(badReadingProbability: 0).messages(
            from: Self.start, to: Self.start.addingTimeInterval(86_400))
        #expect(messages.allSatisfy { $0.faults.isEmpty })
        #expect(!messages.isEmpty)
    }

    @Test func everyKindOfFaultIsInjected() {
        let messages = Self.plan(badReadingProbability: 0.5).messages(
            from: Self.start, to: Self.start.addingTimeInterval(86_400))
        #expect(Set(messages.flatMap(\.faults)) == Set(InjectedFault.allCases))
    }
}
