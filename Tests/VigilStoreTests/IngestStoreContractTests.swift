import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("IngestStore contract")
struct IngestStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func commitStoresReadingsAndQuarantinedItemsOfEveryMessage(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let (other, otherDevice) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let refused = Fixtures.quarantineItem(device: device, patient: patient, messageID: "m-1")
            let first = Fixtures.message(patient, device, id: "m-1", readings: 3, quarantined: [refused])
            let second = Fixtures.message(other, otherDevice, id: "m-2", readings: 1, at: Fixtures.minutes(1))
            let third = Fixtures.message(patient, device, id: nil, readings: 0, at: Fixtures.minutes(2))

            #expect(try await store.ingest.commit([first, second, third]) == [.stored, .stored, .stored])

            let readings = try await store.readings.readings(of: patient, matching: ReadingQuery())
            #expect(readings == first.readings)
            #expect(try await store.readings.readings(of: other, matching: ReadingQuery()) == second.readings)
            let items = try await store.quarantine.items(state: nil, limit: 10)
            #expect(items.count == 1)
            var expected = refused
            expected.id = try #require(items.first).id
            #expect(items == [expected])
            #expect(items.first?.payload == Fixtures.binaryPayload)
        }
    }

    @Test(arguments: StoreBackend.available)
    func emptyCommitReturnsNoOutcomes(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let outcomes = try await store.ingest.commit([])
            #expect(outcomes.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func messageIDSeenInEarlierBatchIsDuplicateAndStoresNothing(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let original = Fixtures.message(patient, device, id: "m-1", readings: 2)
            #expect(try await store.ingest.commit([original]) == [.stored])

            let resent = Fixtures.message(
                patient, device, id: "m-1", readings: 5, at: Fixtures.minutes(5),
                quarantined: [Fixtures.quarantineItem(device: device, patient: patient)])
            #expect(try await store.ingest.commit([resent]) == [.duplicate])

            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()) == original.readings)
            #expect(try await store.quarantine.items(state: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func messageIDRepeatedWithinOneBatchStoresOnlyTheFirst(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let first = Fixtures.message(patient, device, id: "m-1", readings: 1)
            let repeated = Fixtures.message(
                patient, device, id: "m-1", readings: 3, at: Fixtures.minutes(1),
                quarantined: [Fixtures.quarantineItem(device: device, patient: patient)])
            let next = Fixtures.message(patient, device, id: "m-2", readings: 1, at: Fixtures.minutes(2))

            let outcomes = try await store.ingest.commit([first, repeated, next, repeated])
            #expect(outcomes == [.stored, .duplicate, .stored, .duplicate])

            let readings = try await store.readings.readings(of: patient, matching: ReadingQuery())
            #expect(readings == next.readings + first.readings)
            #expect(try await store.quarantine.items(state: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func sameMessageIDFromTwoDevicesIsStoredForBoth(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let (other, otherDevice) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let fromFirst = Fixtures.message(patient, device, id: "1")
            let fromSecond = Fixtures.message(other, otherDevice, id: "1")
            #expect(try await store.ingest.commit([fromFirst, fromSecond]) == [.stored, .stored])

            let later = Fixtures.message(patient, otherDevice, id: "2", at: Fixtures.minutes(1))
            let laterFromFirst = Fixtures.message(patient, device, id: "2", at: Fixtures.minutes(2))
            #expect(try await store.ingest.commit([later]) == [.stored])
            #expect(try await store.ingest.commit([laterFromFirst]) == [.stored])

            #expect(try await store.readings.readings(of: other, matching: ReadingQuery()) == fromSecond.readings)
            let readings = try await store.readings.readings(of: patient, matching: ReadingQuery())
            #expect(readings == laterFromFirst.readings + later.readings + fromFirst.readings)
        }
    }

    @Test(arguments: StoreBackend.available)
    func messagesWithoutIDAreNeverDuplicates(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let message = Fixtures.message(patient, device, id: nil, readings: 1)
            #expect(try await store.ingest.commit([message, message]) == [.stored, .stored])
            #expect(try await store.ingest.commit([message]) == [.stored])
            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()).count == 3)
        }
    }

    @Test(arguments: StoreBackend.available)
    func replayMarksItsItemReplayedAndASecondReplayIsDuplicate(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let item = try #require(
                try await store.quarantine.add([Fixtures.quarantineItem(device: device, patient: patient)]).first)
            let replay = Fixtures.message(patient, device, id: "m-q", readings: 1, replayOf: item.id)

            let before = Date().truncatedToMilliseconds
            #expect(try await store.ingest.commit([replay]) == [.stored])
            let replayed = try #require(try await store.quarantine.item(item.id))
            #expect(replayed.state == .replayed)
            let resolvedAt = try #require(replayed.resolvedAt)
            #expect(resolvedAt >= before && resolvedAt <= Date())

            let again = Fixtures.message(
                patient, device, id: "m-q2", readings: 2, at: Fixtures.minutes(1),
                quarantined: [Fixtures.quarantineItem(device: device, patient: patient)], replayOf: item.id)
            #expect(try await store.ingest.commit([again]) == [.duplicate])

            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()) == replay.readings)
            #expect(try await store.quarantine.items(state: nil, limit: 10) == [replayed])
            // The replay's message id was not recorded: the device may still send it.
            #expect(try await store.ingest.commit([Fixtures.message(patient, device, id: "m-q2")]) == [.stored])
        }
    }

    @Test(arguments: StoreBackend.available)
    func replaysOfOneItemInOneBatchStoreOnlyTheFirst(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let items = try await store.quarantine.add([
                Fixtures.quarantineItem(device: device, patient: patient),
                Fixtures.quarantineItem(device: device, patient: patient, reason: "unknown_device"),
            ])
            try await store.quarantine.resolve(items[1].id, as: .discarded, at: Fixtures.minutes(1))
            let first = Fixtures.message(patient, device, id: "r", readings: 1, replayOf: items[0].id)
            let second = Fixtures.message(patient, device, id: "r", readings: 2, replayOf: items[0].id)
            let discarded = Fixtures.message(patient, device, id: "d", readings: 1, replayOf: items[1].id)
            let missing = Fixtures.message(patient, device, id: "x", readings: 1, replayOf: 999_999)

            let outcomes = try await store.ingest.commit([first, second, discarded, missing])
            #expect(outcomes == [.stored, .duplicate, .duplicate, .duplicate])
            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()) == first.readings)
            #expect(try await store.quarantine.item(items[1].id)?.state == .discarded)
        }
    }

    /// A replay is deduplicated by its item, not by message id: the message it
    /// replays may have had other readings stored under the same id.
    @Test(arguments: StoreBackend.available)
    func replayIsStoredEvenWhenItsMessageIDWasSeen(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let refused = Fixtures.quarantineItem(device: device, patient: patient, messageID: "m-1")
            let original = Fixtures.message(patient, device, id: "m-1", readings: 1, quarantined: [refused])
            #expect(try await store.ingest.commit([original]) == [.stored])
            let item = try #require(try await store.quarantine.items(state: .pending, limit: 1).first)

            let replay = Fixtures.message(
                patient, device, id: "m-1", readings: 1, at: Fixtures.minutes(1), replayOf: item.id)
            #expect(try await store.ingest.commit([replay]) == [.stored])
            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()).count == 2)
        }
    }

    @Test(arguments: StoreBackend.available)
    func failedBatchStoresNothingOfAnyMessage(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let pending = try await store.quarantine.add([Fixtures.quarantineItem(device: device, patient: patient)])
            let good = Fixtures.message(
                patient, device, id: "good", readings: 500,
                quarantined: [Fixtures.quarantineItem(device: device, patient: patient, reason: "other")])
            let replay = Fixtures.message(patient, device, id: "replay", readings: 1, replayOf: pending[0].id)
            var poisoned = Fixtures.message(patient, device, id: "poisoned", readings: 10, at: Fixtures.minutes(1))
            poisoned.readings[5] = Fixtures.poisonedReading(patient, device)
            let after = Fixtures.message(patient, device, id: "after", readings: 10, at: Fixtures.minutes(2))

            await #expect(throws: (any Error).self) { try await store.ingest.commit([good, replay, poisoned, after]) }

            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()).isEmpty)
            #expect(try await store.quarantine.items(state: nil, limit: 10) == pending)
            // No message id was remembered: each message is new when sent again.
            #expect(try await store.ingest.commit([good, replay, after]) == [.stored, .stored, .stored])
        }
    }

    @Test(arguments: StoreBackend.available)
    func forgetMessageIDsForgetsOnlyThoseReceivedBeforeTheDate(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let old = Fixtures.message(patient, device, id: "old", at: Fixtures.minutes(0))
            let boundary = Fixtures.message(patient, device, id: "boundary", at: Fixtures.minutes(10))
            let recent = Fixtures.message(patient, device, id: "recent", at: Fixtures.minutes(20))
            _ = try await store.ingest.commit([old, boundary, recent, Fixtures.message(patient, device, id: nil)])

            #expect(try await store.ingest.forgetMessageIDs(receivedBefore: Fixtures.minutes(10)) == 1)
            #expect(try await store.ingest.forgetMessageIDs(receivedBefore: Fixtures.minutes(10)) == 0)
            #expect(try await store.ingest.commit([old, boundary, recent]) == [.stored, .duplicate, .duplicate])
        }
    }

    /// Several writers (tasks, or nodes on PostgreSQL) committing the same
    /// message at once: exactly one of them stores it.
    @Test(arguments: StoreBackend.available)
    func concurrentCommitsOfOneMessageStoreItOnce(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let messages = (0..<20).map { Fixtures.message(patient, device, id: "m-\($0)", readings: 1) }
            let outcomes = try await withThrowingTaskGroup(of: [IngestOutcome].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await store.ingest.commit(messages.shuffled()) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(outcomes.filter { $0 == .stored }.count == messages.count)
            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()).count == messages.count)
        }
    }
}
