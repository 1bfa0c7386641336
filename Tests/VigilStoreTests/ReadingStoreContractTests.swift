import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("ReadingStore contract")
struct ReadingStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func insertedBatchComesBackNewestFirstAndUnchanged(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let (other, _) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let readings = [
                Reading(
                    patientID: patient, deviceID: device, type: .bodyTemperature, value: 37.277777777777779,
                    originalValue: "99.1", originalUnit: "[degF]", measuredAt: Fixtures.milliseconds(1234),
                    receivedAt: Fixtures.milliseconds(5678), messageID: "message-1"),
                Fixtures.reading(patient, .heartRate, 72, at: Fixtures.minutes(3), device: device),
                Fixtures.reading(patient, .spo2, 97, at: Fixtures.minutes(2)),
                Fixtures.reading(other, .heartRate, 60, at: Fixtures.minutes(4)),
                Fixtures.reading(patient, .heartRate, 75, at: Fixtures.minutes(1), device: device),
            ]
            try await store.readings.insert(readings)

            let stored = try await store.readings.readings(of: patient, matching: ReadingQuery())
            #expect(stored == [readings[1], readings[2], readings[4], readings[0]])
            #expect(try await store.readings.readings(of: other, matching: ReadingQuery()) == [readings[3]])
            #expect(try await store.readings.readings(of: PatientID("nobody"), matching: ReadingQuery()).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func queryFiltersByType(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let readings = (0..<6).map { minute in
                Fixtures.reading(
                    patient, minute.isMultiple(of: 2) ? .heartRate : .respiratoryRate, Double(60 + minute),
                    at: Fixtures.minutes(Int64(minute)))
            }
            try await store.readings.insert(readings)

            let heartRates = try await store.readings.readings(of: patient, matching: ReadingQuery(type: .heartRate))
            #expect(heartRates == [readings[4], readings[2], readings[0]])
            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery(type: .spo2)).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func queryBoundsIncludeFromAndExcludeTo(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let readings = (0..<5).map {
                Fixtures.reading(patient, .heartRate, Double(70 + $0), at: Fixtures.minutes(Int64($0)))
            }
            try await store.readings.insert(readings)

            for type in [VitalType.heartRate, nil] {
                let bounded = try await store.readings.readings(
                    of: patient, matching: ReadingQuery(type: type, from: Fixtures.minutes(1), to: Fixtures.minutes(3)))
                #expect(bounded == [readings[2], readings[1]])
                let fromOnly = try await store.readings.readings(
                    of: patient, matching: ReadingQuery(type: type, from: Fixtures.minutes(3)))
                #expect(fromOnly == [readings[4], readings[3]])
                let toOnly = try await store.readings.readings(
                    of: patient, matching: ReadingQuery(type: type, to: Fixtures.minutes(1)))
                #expect(toOnly == [readings[0]])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func limitKeepsTheNewest(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let types: [VitalType] = [.heartRate, .spo2, .systolic, .diastolic]
            let readings = (0..<12).map { index in
                Fixtures.reading(
                    patient, types[index % types.count], Double(80 + index), at: Fixtures.minutes(Int64(index)))
            }
            try await store.readings.insert(readings.shuffled())

            let newestThree = try await store.readings.readings(of: patient, matching: ReadingQuery(limit: 3))
            #expect(newestThree == [readings[11], readings[10], readings[9]])
            let newestSpO2 = try await store.readings.readings(
                of: patient, matching: ReadingQuery(type: .spo2, limit: 2))
            #expect(newestSpO2 == [readings[9], readings[5]])
            let bounded = try await store.readings.readings(
                of: patient, matching: ReadingQuery(to: Fixtures.minutes(6), limit: 2))
            #expect(bounded == [readings[5], readings[4]])
        }
    }

    /// The poisoned reading is one no backend can store: SQLite keeps NaN as
    /// NULL (refused by `value NOT NULL`) and PostgreSQL refuses a NUL character
    /// in text. It sits in the middle so that the rows before it were written.
    @Test(arguments: StoreBackend.available)
    func failedBatchStoresNothing(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, device) = try await Fixtures.seedPatient(in: store)
            let earlier = Fixtures.reading(patient, .heartRate, 64, at: Fixtures.minutes(-10), device: device)
            try await store.readings.insert([earlier])

            var batch = (0..<1000).map { index in
                Fixtures.reading(patient, .heartRate, 70, at: Fixtures.milliseconds(Int64(index)), device: device)
            }
            batch[500] = Reading(
                patientID: patient, deviceID: device, type: .spo2, value: .nan, originalValue: "not\u{0}a number",
                measuredAt: Fixtures.minutes(1), receivedAt: Fixtures.minutes(1))
            await #expect(throws: (any Error).self) { try await store.readings.insert(batch) }

            #expect(try await store.readings.readings(of: patient, matching: ReadingQuery()) == [earlier])
            #expect(try await store.readings.latest(of: patient) == [earlier])
        }
    }

    @Test(arguments: StoreBackend.available)
    func emptyBatchIsAccepted(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.readings.insert([])
        }
    }

    @Test(arguments: StoreBackend.available)
    func latestHoldsTheNewestReadingOfEachType(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let (other, _) = try await Fixtures.seedPatient(in: store, "Other Patient")
            #expect(try await store.readings.latest(of: patient).isEmpty)

            let newestHeartRate = Fixtures.reading(patient, .heartRate, 88, at: Fixtures.minutes(30))
            let newestSpO2 = Fixtures.reading(patient, .spo2, 94, at: Fixtures.minutes(5))
            let onlyWeight = Fixtures.reading(patient, .bodyWeight, 81.5, at: Fixtures.minutes(-600))
            // The newest heart rate is inserted first: latest means measured last, not inserted last.
            try await store.readings.insert([
                newestHeartRate, Fixtures.reading(patient, .spo2, 97, at: Fixtures.minutes(1)),
            ])
            try await store.readings.insert([
                Fixtures.reading(patient, .heartRate, 70, at: Fixtures.minutes(10)), newestSpO2, onlyWeight,
                Fixtures.reading(other, .heartRate, 120, at: Fixtures.minutes(60)),
            ])

            let latest = try await store.readings.latest(of: patient)
            #expect(latest.count == 3)
            #expect(Set(latest) == [newestHeartRate, newestSpO2, onlyWeight])
        }
    }

    @Test(arguments: StoreBackend.available)
    func newestGivesEachPatientsNewestReadingsOfEachTypeAtOnce(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (first, _) = try await Fixtures.seedPatient(in: store)
            let (second, _) = try await Fixtures.seedPatient(in: store, "Second Patient")
            let (third, _) = try await Fixtures.seedPatient(in: store, "Third Patient")
            let scores = (0..<4).map { Fixtures.reading(first, .news2Score, Double($0), at: Fixtures.minutes(Int64($0))) }
            let pulse = Fixtures.reading(second, .heartRate, 88, at: Fixtures.minutes(3))
            try await store.readings.insert(
                scores + [
                    pulse, Fixtures.reading(second, .heartRate, 80, at: Fixtures.minutes(1)),
                    Fixtures.reading(third, .heartRate, 60, at: Fixtures.minutes(9)),
                ])

            let newest = try await store.readings.newest(2, of: [.news2Score, .heartRate], for: [first, second])
            #expect(Set(newest) == [scores[3], scores[2], pulse, Fixtures.reading(second, .heartRate, 80, at: Fixtures.minutes(1))])
            #expect(newest.filter { $0.patientID == first }.map(\.value) == [3, 2])
            let latest = try await store.readings.newest(1, of: VitalType.allCases, for: [first, second, third])
            #expect(Set(latest.map(\.value)) == [3, 88, 60])
            #expect(try await store.readings.newest(1, of: [.spo2], for: [first]).isEmpty)
            #expect(try await store.readings.newest(0, of: [.heartRate], for: [second]).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func lastMeasuredGivesEachPatientsNewestTimeAmongTheTypesAtOnce(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (first, _) = try await Fixtures.seedPatient(in: store)
            let (second, _) = try await Fixtures.seedPatient(in: store, "Second Patient")
            let (third, _) = try await Fixtures.seedPatient(in: store, "Third Patient")
            let (unread, _) = try await Fixtures.seedPatient(in: store, "Unread Patient")
            try await store.readings.insert([
                // Measured last, inserted first: the newest time counts, not the newest insert.
                Fixtures.reading(first, .bodyWeight, 80, at: Fixtures.minutes(40)),
                Fixtures.reading(first, .bodyWeight, 81, at: Fixtures.minutes(10)),
                Fixtures.reading(first, .steps, 500, at: Fixtures.minutes(20)),
                Fixtures.reading(first, .heartRate, 70, at: Fixtures.minutes(90)),  // a type not asked for
                Fixtures.reading(second, .steps, 900, at: Fixtures.minutes(5)),
                Fixtures.reading(third, .heartRate, 60, at: Fixtures.minutes(9)),
            ])

            let last = try await store.readings.lastMeasured(of: [.bodyWeight, .steps], for: [first, second, third, unread])
            #expect(last == [first: Fixtures.minutes(40), second: Fixtures.minutes(5)])
            #expect(try await store.readings.lastMeasured(of: [], for: [first]).isEmpty)
            #expect(try await store.readings.lastMeasured(of: [.steps], for: []).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func newestAndLastMeasuredFindPatientsWhateverTheirIdentifiersHold(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let odd = PatientID("quote\" backslash\\ tab\t é")
            let reading = Fixtures.reading(odd, .heartRate, 70, at: Fixtures.minutes(1))
            try await store.readings.insert([reading])

            #expect(try await store.readings.newest(1, of: [.heartRate], for: [odd]) == [reading])
            #expect(try await store.readings.lastMeasured(of: [.heartRate], for: [odd]) == [odd: Fixtures.minutes(1)])
        }
    }

    @Test(arguments: StoreBackend.available)
    func bucketsAggregateExactlyAndLeaveOutEmptyOnes(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let hour: Int64 = 60
            try await store.readings.insert([
                Fixtures.reading(patient, .heartRate, 10, at: Fixtures.minutes(0)),  // before `from`
                Fixtures.reading(patient, .heartRate, 60, at: Fixtures.minutes(1)),
                Fixtures.reading(patient, .heartRate, 80, at: Fixtures.minutes(10)),
                Fixtures.reading(patient, .heartRate, 70, at: Fixtures.milliseconds(hour * 60_000 - 1)),
                Fixtures.reading(patient, .spo2, 99, at: Fixtures.minutes(20)),  // another type
                // nothing in the second hour
                Fixtures.reading(patient, .heartRate, 90, at: Fixtures.minutes(2 * hour)),
                Fixtures.reading(patient, .heartRate, 100, at: Fixtures.minutes(3 * hour)),
                Fixtures.reading(patient, .heartRate, 200, at: Fixtures.minutes(3 * hour + 5)),  // at `to`
            ])

            let buckets = try await store.readings.buckets(
                of: patient, type: .heartRate, from: Fixtures.minutes(1), to: Fixtures.minutes(3 * hour + 5),
                width: .hour)
            #expect(
                buckets == [
                    ReadingBucket(start: Fixtures.base, min: 60, max: 80, avg: 70, count: 3),
                    ReadingBucket(start: Fixtures.minutes(2 * hour), min: 90, max: 90, avg: 90, count: 1),
                    ReadingBucket(start: Fixtures.minutes(3 * hour), min: 100, max: 100, avg: 100, count: 1),
                ])
        }
    }

    @Test(arguments: StoreBackend.available)
    func bucketStartsAreMultiplesOfTheWidthSince1970(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let times = stride(from: Int64(7), to: 200, by: 13).map { Fixtures.minutes($0) }
            try await store.readings.insert(times.map { Fixtures.reading(patient, .steps, 100, at: $0) })

            let width = try #require(BucketWidth("25m"))
            let buckets = try await store.readings.buckets(
                of: patient, type: .steps, from: Fixtures.minutes(3), to: Fixtures.minutes(500), width: width)
            let widthMilliseconds = width.seconds * 1000
            for bucket in buckets {
                #expect(bucket.start.millisecondsSince1970 % widthMilliseconds == 0)
            }
            #expect(buckets.map(\.start) == buckets.map(\.start).sorted())
            #expect(buckets.map(\.count).reduce(0, +) == times.count)
            let expectedStarts = Set(times.map { $0.millisecondsSince1970 / widthMilliseconds * widthMilliseconds })
            #expect(Set(buckets.map(\.start.millisecondsSince1970)) == expectedStarts)
        }
    }
}
