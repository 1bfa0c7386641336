import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("AlertStore contract")
struct AlertStoreContractTests {
    /// An open alert for `patient` created at `minute`.
    static func alert(
        _ patient: PatientID, rule: String = "news2", severity: AlertSeverity = .high, minute: Int64 = 0,
        nextEscalationMinutes: Int64? = 15
    ) -> Alert {
        Alert(
            patientID: patient, ruleID: rule, title: "Test alert", severity: severity,
            nextEscalationAt: nextEscalationMinutes.map { Fixtures.minutes(minute + $0) },
            firstFiredAt: Fixtures.minutes(minute), details: Data(#"{"total":7}"#.utf8),
            createdAt: Fixtures.minutes(minute))
    }

    @Test(arguments: StoreBackend.available)
    func savedAlertRoundTripsWithEveryFieldAndANewVersion(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            var alert = Self.alert(patient)
            alert.occurrences = 3
            alert.escalationLevel = 2
            alert.lastFiredAt = Fixtures.minutes(4)
            let saved = try #require(try await store.alerts.save([alert], readings: []).first)
            #expect(saved.version == 1)
            #expect(try await store.alerts.alert(alert.id) == saved)

            var acknowledged = saved
            acknowledged.state = .acknowledged
            acknowledged.acknowledgedBy = UserID("dr-a")
            acknowledged.acknowledgedAt = Fixtures.minutes(5)
            acknowledged.acknowledgementNote = "Calling the patient"
            acknowledged.nextEscalationAt = nil
            acknowledged.updatedAt = Fixtures.minutes(5)
            let second = try #require(try await store.alerts.save([acknowledged], readings: []).first)
            #expect(second.version == 2)
            #expect(try await store.alerts.alert(alert.id) == second)

            var resolved = second
            resolved.state = .resolved
            resolved.resolvedAt = Fixtures.minutes(9)
            resolved.resolutionNote = "Settled"
            let third = try #require(try await store.alerts.save([resolved], readings: []).first)
            #expect(try await store.alerts.alert(alert.id) == third)
            #expect(third.resolvedBy == nil)
            #expect(try await store.alerts.alert(AlertID("missing")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func staleVersionIsRefusedAsConflictAndNothingChanges(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let saved = try #require(try await store.alerts.save([Self.alert(patient)], readings: []).first)
            var first = saved
            first.occurrences = 2
            try await store.alerts.save([first], readings: [])

            var stale = saved
            stale.state = .acknowledged
            await #expect(throws: StoreError(.conflict, entity: "alert")) {
                try await store.alerts.save([stale], readings: [])
            }
            let stored = try #require(try await store.alerts.alert(saved.id))
            #expect(stored.state == .open && stored.occurrences == 2 && stored.version == 2)

            var unknown = Self.alert(patient, rule: "other")
            unknown.version = 4
            await #expect(throws: StoreError(.notFound, entity: "alert")) {
                try await store.alerts.save([unknown], readings: [])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func onlyOneActiveAlertPerPatientAndRule(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let (other, _) = try await Fixtures.seedPatient(in: store, "Other Patient")
            var first = try #require(try await store.alerts.save([Self.alert(patient)], readings: []).first)
            await #expect(throws: StoreError(.conflict, entity: "alert")) {
                try await store.alerts.save([Self.alert(patient)], readings: [])
            }
            // Another rule, or another patient, is fine.
            try await store.alerts.save([Self.alert(patient, rule: "no-data.heartRate"), Self.alert(other)], readings: [])

            // Once resolved, the rule may raise a new alert.
            first.state = .resolved
            first.resolvedAt = Fixtures.minutes(30)
            try await store.alerts.save([first], readings: [])
            try await store.alerts.save([Self.alert(patient, minute: 31)], readings: [])
            let active = try await store.alerts.activeAlerts(of: patient)
            #expect(active.map(\.ruleID).sorted() == ["news2", "no-data.heartRate"])
            #expect(active.allSatisfy { $0.state != .resolved })
        }
    }

    @Test(arguments: StoreBackend.available)
    func operationalAlertsHaveNoPatientAndOneActivePerRule(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            try await store.alerts.save([Self.alert(patient, rule: "webhook.dead-letter.a")], readings: [])
            var operational = try #require(
                try await store.alerts.save([Alert(
                    patientID: nil, ruleID: "webhook.dead-letter.a", title: "Webhook deliveries failed",
                    severity: .high, firstFiredAt: Fixtures.minutes(1), createdAt: Fixtures.minutes(1))], readings: []
                ).first)
            #expect(try await store.alerts.alert(operational.id)?.patientID == nil)
            #expect(try await store.alerts.activeOperationalAlerts().map(\.id) == [operational.id])
            #expect(try await store.alerts.activeAlerts(of: patient).map(\.patientID) == [patient])
            #expect(try await store.alerts.alerts(matching: AlertQuery(patients: [patient])).count == 1)
            #expect(try await store.alerts.alerts(matching: AlertQuery()).count == 2)

            // A second active operational alert for the rule conflicts; another rule is fine.
            await #expect(throws: StoreError(.conflict, entity: "alert")) {
                try await store.alerts.save(
                    [Alert(
                        patientID: nil, ruleID: "webhook.dead-letter.a", title: "Again", severity: .high,
                        firstFiredAt: Fixtures.minutes(2), createdAt: Fixtures.minutes(2))], readings: [])
            }
            operational.state = .resolved
            operational.resolvedAt = Fixtures.minutes(3)
            try await store.alerts.save([operational], readings: [])
            #expect(try await store.alerts.activeOperationalAlerts().isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func alertsAndReadingsAreSavedTogetherOrNotAtAll(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let score = Fixtures.reading(patient, .news2Score, 7, at: Fixtures.minutes(1))
            try await store.alerts.save([Self.alert(patient)], readings: [score])
            #expect(try await store.readings.latest(of: patient).map(\.type) == [.news2Score])

            // A second active news2 alert conflicts: the reading beside it must not be stored.
            let later = Fixtures.reading(patient, .news2Score, 9, at: Fixtures.minutes(2))
            await #expect(throws: StoreError(.conflict, entity: "alert")) {
                try await store.alerts.save([Self.alert(patient, rule: "fresh"), Self.alert(patient)], readings: [later])
            }
            #expect(try await store.readings.latest(of: patient).map(\.value) == [7])
            #expect(try await store.alerts.activeAlerts(of: patient).map(\.ruleID) == ["news2"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func alertForAnUnknownPatientIsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            await #expect(throws: StoreError(.notFound, entity: "patient")) {
                try await store.alerts.save([Self.alert(PatientID("nobody"))], readings: [])
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func listingFiltersByStateAndPatientNewestFirst(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (a, _) = try await Fixtures.seedPatient(in: store, "A")
            let (b, _) = try await Fixtures.seedPatient(in: store, "B")
            var acknowledged = Self.alert(a, rule: "r1", minute: 1)
            acknowledged.state = .acknowledged
            let alerts = [
                Self.alert(a, rule: "r0", minute: 0), acknowledged, Self.alert(b, rule: "r2", minute: 2),
            ]
            try await store.alerts.save(alerts, readings: [])

            #expect(try await store.alerts.alerts(matching: AlertQuery()).map(\.ruleID) == ["r2", "r1", "r0"])
            #expect(try await store.alerts.alerts(matching: AlertQuery(states: [.open])).map(\.ruleID) == ["r2", "r0"])
            #expect(
                try await store.alerts.alerts(matching: AlertQuery(states: [.open, .acknowledged], patients: [a]))
                    .map(\.ruleID) == ["r1", "r0"])
            #expect(try await store.alerts.alerts(matching: AlertQuery(patients: [])).isEmpty)
            #expect(try await store.alerts.alerts(matching: AlertQuery(limit: 1)).map(\.ruleID) == ["r2"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func dueForEscalationListsOnlyOpenAlertsPastTheirDeadline(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            var acknowledged = Self.alert(patient, rule: "acknowledged", nextEscalationMinutes: 1)
            acknowledged.state = .acknowledged
            try await store.alerts.save(
                [
                    Self.alert(patient, rule: "late", nextEscalationMinutes: 10),
                    Self.alert(patient, rule: "early", nextEscalationMinutes: 5),
                    Self.alert(patient, rule: "later", nextEscalationMinutes: 11),
                    Self.alert(patient, rule: "never", nextEscalationMinutes: nil), acknowledged,
                ], readings: [])
            let due = try await store.alerts.dueForEscalation(at: Fixtures.minutes(10), limit: 10)
            #expect(due.map(\.ruleID) == ["early", "late"])
            #expect(try await store.alerts.dueForEscalation(at: Fixtures.minutes(10), limit: 1).map(\.ruleID) == ["early"])
            #expect(try await store.alerts.dueForEscalation(at: Fixtures.minutes(4), limit: 10).isEmpty)
        }
    }
}
