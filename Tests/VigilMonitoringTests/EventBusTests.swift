import Foundation
import Testing
import VigilCore
import VigilMonitoring

/// The live event bus: order, resumption, closing.
struct EventBusTests {
    static func event(_ patient: String) -> LiveEvent {
        let alert = Alert(
            patientID: PatientID(patient), ruleID: "news2", title: "t", severity: .high, firstFiredAt: Date(),
            createdAt: Date())
        return LiveEvent(patientID: PatientID(patient), time: Date(), content: .alert(AlertChange(alert: alert, kind: .created)))
    }

    @Test func subscribersReceiveNewEventsInOrderAndResumeAfterTheLastSeen() async throws {
        let bus = EventBus()
        let live = await bus.subscribe(after: nil)
        await bus.publish([Self.event("a"), Self.event("b")])
        await bus.publish([Self.event("c")])
        var iterator = live.makeAsyncIterator()
        var received: [LiveEvent] = []
        for _ in 0..<3 { received.append(try #require(await iterator.next())) }
        #expect(received.map { $0.patientID?.rawValue } == ["a", "b", "c"])
        #expect(received.map(\.sequence) == [1, 2, 3])
        #expect(received.first?.id == "\(bus.epoch)-1" && received.first?.type == "alert.created")

        await bus.close()
        let resumed = await bus.subscribe(after: received[0].id)
        var replay: [String] = []
        for await event in resumed { replay.append(event.patientID?.rawValue ?? "") }
        #expect(replay == ["b", "c"])

        // An id from another epoch (before a restart) replays everything retained.
        var all: [String] = []
        for await event in await bus.subscribe(after: "0") { all.append(event.patientID?.rawValue ?? "") }
        #expect(all == ["a", "b", "c"])
        #expect(await bus.subscriberCount == 0)
    }
}
