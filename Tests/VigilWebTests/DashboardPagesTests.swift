import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// What dashboard pages show and do: worklist order, alert actions, the
/// patient view, charts, administration; and that pages load nothing
/// inline or from elsewhere.
struct DashboardPagesTests {
    /// Stores an open alert for a patient, as the alert manager would.
    static func raiseAlert(
        for patient: Patient, severity: AlertSeverity, title: String = "Test alert", in world: TestWorld
    ) async throws -> Alert {
        let now = Date()
        let alert = Alert(
            patientID: patient.id, ruleID: "test.\(UUID().uuidString)", title: title, severity: severity,
            firstFiredAt: now, createdAt: now)
        return try #require(try await world.store.alerts.save([alert], readings: []).first)
    }

    /// Stores readings measured `minutesAgo` before now.
    static func record(
        _ values: [(VitalType, Double)], for patient: Patient, minutesAgo: Double = 1, in world: TestWorld
    ) async throws {
        let time = Date().addingTimeInterval(-minutesAgo * 60)
        try await world.store.readings.insert(
            values.map { Reading(patientID: patient.id, deviceID: nil, type: $0.0, value: $0.1, measuredAt: time, receivedAt: time) })
    }

    /// The patient ids of the worklist rows, in order.
    static func rowOrder(_ html: String) -> [String] {
        html.components(separatedBy: "data-patient-id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test
    func worklistPutsOpenAlertSeverityFirstThenNEWS2ThenLongestWithoutReadings() async throws {
        try await TestWorld.with { world, client in
            let c = Patient(displayName: "Carl Gauss")
            let d = Patient(displayName: "Dora Markus")
            try await world.store.patients.create(c)
            try await world.store.patients.create(d)
            // A: NEWS2 6, no alert. B: NEWS2 1 with an open critical alert.
            // C: NEWS2 6 too, but its last reading is older than A's. D: never read.
            try await Self.record([(.news2Score, 6), (.heartRate, 120)], for: world.patientA, minutesAgo: 5, in: world)
            try await Self.record([(.news2Score, 1), (.heartRate, 80)], for: world.patientB, in: world)
            try await Self.record([(.news2Score, 6), (.heartRate, 118)], for: c, minutesAgo: 50, in: world)
            _ = try await Self.raiseAlert(for: world.patientB, severity: .critical, in: world)
            let admin = try await DashboardVisitor.signIn("admin", client)
            let page = try await admin.get("/dashboard/worklist", client)
            #expect(page.status == .ok)
            #expect(Self.rowOrder(page.text) == [world.patientB.id, c.id, world.patientA.id, d.id].map(\.rawValue))
            let fragment = try await admin.get("/dashboard/worklist/fragment", client)
            #expect(Self.rowOrder(fragment.text) == Self.rowOrder(page.text))
            #expect(!fragment.text.contains("<html"))
        }
    }

    @Test
    func worklistShowsSubScoresAsNumbersTrendAndDaysWithReadings() async throws {
        try await TestWorld.with { world, client in
            try await Self.record([(.news2Score, 2)], for: world.patientA, minutesAgo: 30, in: world)
            try await Self.record(
                [(.news2Score, 5), (.heartRate, 135), (.spo2, 97), (.respiratoryRate, 22)], for: world.patientA, in: world)
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let text = try await clinician.get("/dashboard/worklist", client).text
            #expect(text.contains(world.patientA.displayName))
            #expect(!text.contains(world.patientB.displayName))
            // Heart rate 135 scores 3, SpO2 97 scores 0, respiration 22 scores 2: colour and number.
            #expect(text.contains("HR 135/min <span class=\"badge s3\" title=\"NEWS2 sub-score\">3</span>"))
            #expect(text.contains("SpO₂ 97% <span class=\"badge s0\" title=\"NEWS2 sub-score\">0</span>"))
            #expect(text.contains("RR 22/min <span class=\"badge s2\" title=\"NEWS2 sub-score\">2</span>"))
            #expect(text.contains("data-news2>5</span>"))
            #expect(text.contains("rising from 2"))
            #expect(text.contains("<td class=\"num\">1</td>\n</tr>"))
        }
    }

    @Test
    func worklistEscapesWhatPatientsAndAlertsAreCalled() async throws {
        try await TestWorld.with { world, client in
            let sly = Patient(displayName: #"<img src=x onerror="alert(1)"> O'Hara & Co"#)
            try await world.store.patients.create(sly)
            _ = try await Self.raiseAlert(for: sly, severity: .high, title: "<b>bold</b>", in: world)
            let admin = try await DashboardVisitor.signIn("admin", client)
            for path in ["/dashboard/worklist", "/dashboard/worklist/fragment"] {
                let text = try await admin.get(path, client).text
                #expect(text.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; O&#39;Hara &amp; Co"))
                #expect(text.contains("&lt;b&gt;bold&lt;/b&gt; (high, open)"))
                #expect(!text.contains("<img") && !text.contains("<b>"))
            }
        }
    }

    @Test
    func daysWithReadingsCountsANewDayAsSoonAsItsFirstReadingArrives() async throws {
        let clock = TestClock(try #require(ISO8601DateFormatter().date(from: "2026-11-15T12:00:00Z")))
        try await TestWorld.with(now: { clock.now }) { world, client in
            func insert(_ value: Double, daysAgo: Double) async throws {
                let time = clock.now.addingTimeInterval(-daysAgo * 86_400)
                try await world.store.readings.insert([
                    Reading(patientID: world.patientA.id, deviceID: nil, type: .heartRate, value: value, measuredAt: time, receivedAt: time)
                ])
            }
            func days(_ visitor: DashboardVisitor) async throws -> String? {
                let text = try await visitor.get("/dashboard/worklist/fragment", client).text
                return text.components(separatedBy: "<td class=\"num\">").last?.components(separatedBy: "<").first
            }
            try await insert(70, daysAgo: 3)
            try await insert(71, daysAgo: 2)
            try await insert(72, daysAgo: 20)  // last month
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            #expect(try await days(clinician) == "2")
            try await insert(73, daysAgo: 0)
            #expect(try await days(clinician) == "3")
        }
    }

    @Test
    func readingsOfTypesTheRowDoesNotShowCountForLastReadingAndDays() async throws {
        let clock = TestClock(try #require(ISO8601DateFormatter().date(from: "2026-11-15T12:00:00Z")))
        try await TestWorld.with(now: { clock.now }) { world, client in
            func insert(_ type: VitalType, _ value: Double, daysAgo: Double) async throws {
                let time = clock.now.addingTimeInterval(-daysAgo * 86_400)
                try await world.store.readings.insert([
                    Reading(patientID: world.patientA.id, deviceID: nil, type: type, value: value, measuredAt: time, receivedAt: time)
                ])
            }
            try await insert(.heartRate, 70, daysAgo: 3)
            try await insert(.bodyWeight, 81, daysAgo: 2)
            try await insert(.steps, 4000, daysAgo: 1)
            try await insert(.news2Score, 0, daysAgo: 0)  // derived: neither a reading time nor a day
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let text = try await clinician.get("/dashboard/worklist/fragment", client).text
            #expect(text.contains("<time datetime=\"2026-11-14T12:00:00Z\">"))
            #expect(text.contains("<td class=\"num\">3</td>\n</tr>"))
            #expect(!text.contains("Weight") && !text.contains("Steps"))
        }
    }

    @Test
    func clinicianAcknowledgesAndResolvesAnAlertWithANote() async throws {
        try await TestWorld.with { world, client in
            let alert = try await Self.raiseAlert(for: world.patientA, severity: .high, in: world)
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let page = try await clinician.get("/dashboard/patients/\(world.patientA.id)", client)
            #expect(page.text.contains("action=\"/dashboard/alerts/\(alert.id)/acknowledge\""))
            let acknowledged = try await clinician.post(
                "/dashboard/alerts/\(alert.id)/acknowledge",
                ["note": "Called the patient", "return": "/dashboard/alerts"], client)
            #expect(acknowledged.status == .seeOther)
            #expect(acknowledged.headers[.location] == "/dashboard/alerts")
            let stored = try #require(try await world.store.alerts.alert(alert.id))
            #expect(stored.state == .acknowledged)
            #expect(stored.acknowledgementNote == "Called the patient")
            #expect(stored.acknowledgedBy == (try await world.user(.assignedClinician)).id)
            let resolved = try await clinician.post(
                "/dashboard/alerts/\(alert.id)/resolve", ["note": "Better", "return": "https://evil.example/"], client)
            #expect(resolved.headers[.location] == "/dashboard/patients/\(world.patientA.id)")
            #expect(try await world.store.alerts.alert(alert.id)?.state == .resolved)
        }
    }

    @Test
    func clinicianCannotActOnAnotherCareTeamsAlert() async throws {
        try await TestWorld.with { world, client in
            let alert = try await Self.raiseAlert(for: world.patientB, severity: .high, in: world)
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let response = try await clinician.post("/dashboard/alerts/\(alert.id)/acknowledge", client)
            #expect(response.status == .notFound)
            #expect(try await world.store.alerts.alert(alert.id)?.state == .open)
            let inbox = try await clinician.get("/dashboard/alerts", client)
            #expect(!inbox.text.contains(alert.id.rawValue))
        }
    }

    @Test
    func alertsInboxListsOpenBeforeAcknowledgedAndMostSevereFirst() async throws {
        try await TestWorld.with { world, client in
            let low = try await Self.raiseAlert(for: world.patientA, severity: .low, title: "Low one", in: world)
            let critical = try await Self.raiseAlert(for: world.patientA, severity: .critical, title: "Critical one", in: world)
            let acknowledged = try await Self.raiseAlert(for: world.patientA, severity: .critical, title: "Taken one", in: world)
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            _ = try await clinician.post("/dashboard/alerts/\(acknowledged.id)/acknowledge", client)
            let text = try await clinician.get("/dashboard/alerts", client).text
            let order = text.components(separatedBy: "<tr data-alert-id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            #expect(order == [critical.id, low.id, acknowledged.id].map(\.rawValue))
        }
    }

    @Test
    func patientSeesOwnReadingsAndChartsButNoAlertsDevicesOrOthers() async throws {
        try await TestWorld.with { world, client in
            try await Self.record([(.heartRate, 72), (.spo2, 95)], for: world.patientA, minutesAgo: 90, in: world)
            try await Self.record([(.heartRate, 88), (.spo2, 93)], for: world.patientA, in: world)
            try await Self.record([(.heartRate, 61)], for: world.patientB, in: world)
            _ = try await Self.raiseAlert(for: world.patientA, severity: .high, title: "Hidden from patients", in: world)
            let patient = try await DashboardVisitor.signIn("ada", client)
            let own = try await patient.get("/dashboard/patients/\(world.patientA.id)?range=24h", client)
            #expect(own.status == .ok)
            #expect(own.text.contains(world.patientA.displayName))
            #expect(own.text.contains("<svg class=\"chart\""))
            #expect(own.text.contains("Heart rate over 24 hours"))
            #expect(!own.text.contains("Hidden from patients"))
            #expect(!own.text.contains("Devices"))
            #expect(!own.text.contains("Worklist"))
            #expect(!own.text.contains(world.patientB.displayName))
            let other = try await patient.get("/dashboard/patients/\(world.patientB.id)", client)
            #expect(other.status == .notFound)
            #expect(!other.text.contains(world.patientB.displayName))
        }
    }

    @Test
    func chartsDrawBandAverageAndThresholdsCompactly() async throws {
        try await TestWorld.with { world, client in
            for hour in 0..<48 {
                try await Self.record([(.heartRate, 70 + Double(hour % 5))], for: world.patientA, minutesAgo: Double(hour * 60 + 1), in: world)
                try await Self.record([(.heartRate, 95 + Double(hour % 3))], for: world.patientA, minutesAgo: Double(hour * 60 + 31), in: world)
            }
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let text = try await clinician.get("/dashboard/patients/\(world.patientA.id)?range=7d", client).text
            #expect(text.contains("<path class=\"band\""))
            #expect(text.contains("<path class=\"avg\""))
            #expect(text.contains("<path class=\"th-normal\""))
            #expect(text.contains("aria-current=\"page\">7 days"))
            #expect(text.contains("96 readings; lowest 70/min, highest 97/min"))
            #expect(text.utf8.count < 60_000)
        }
    }

    @Test
    func pagesUseNoInlineScriptOrStyleAndNothingFromAnotherOrigin() async throws {
        try await TestWorld.with { world, client in
            try await Self.record([(.heartRate, 72), (.news2Score, 1)], for: world.patientA, in: world)
            _ = try await Self.raiseAlert(for: world.patientA, severity: .high, in: world)
            let admin = try await DashboardVisitor.signIn("admin", client)
            for path in [
                "/dashboard/worklist", "/dashboard/alerts", "/dashboard/patients/\(world.patientA.id)",
                "/dashboard/admin/patients", "/dashboard/admin/devices", "/dashboard/admin/users",
                "/dashboard/admin/quarantine", "/dashboard/admin/audit", "/dashboard/account/two-factor",
                "/dashboard/patients/\(world.patientA.id)/rules",
            ] {
                let page = try await admin.get(path, client)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("style="), "\(path)")
                #expect(!page.text.contains("<style"), "\(path)")
                #expect(!page.text.contains("<script>"), "\(path)")
                #expect(!page.text.contains(#/ on[a-z]+=/#), "\(path) has an inline handler")
                #expect(!page.text.contains("http://") && !page.text.contains("https://"), "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
            let script = try await client.execute(uri: "/dashboard/static/vigil.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("EventSource(\"/api/v1/events\")"))
            let css = try await client.execute(uri: "/dashboard/static/vigil.css", method: .get)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test
    func clinicianSeesPresetRulesAndSavesEditedOnes() async throws {
        try await TestWorld.with { world, client in
            try await world.store.patients.update({
                var patient = world.patientA
                patient.conditions = [.hypertension]
                return patient
            }())
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let page = try await clinician.get("/dashboard/patients/\(world.patientA.id)/rules", client)
            #expect(page.status == .ok)
            #expect(page.text.contains("In effect: presets rules."))
            #expect(page.text.contains("preset.hypertension."))
            let rules = #"{"formatVersion":1,"rules":[{"id":"my-hr","name":"Fast pulse","severity":"high","condition":{"kind":"threshold","type":"heartRate","comparison":">","value":120}}]}"#
            let saved = try await clinician.post("/dashboard/patients/\(world.patientA.id)/rules", ["rules": rules], client)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.text.contains("Rules saved."))
            #expect(saved.text.contains("In effect: stored rules."))
            #expect(saved.text.contains("Fast pulse"))
            let stored = try #require(try await world.store.rules.rules(of: world.patientA.id))
            #expect(stored.updatedBy == (try await world.user(.assignedClinician)).id)
            let broken = try await clinician.post("/dashboard/patients/\(world.patientA.id)/rules", ["rules": "{not json"], client)
            #expect(broken.status == .badRequest)
            #expect(broken.text.contains("{not json"))
            #expect(try await world.store.rules.rules(of: world.patientA.id) == stored)
        }
    }

    @Test
    func adminEditsAPatientAndHandsThemToAnotherClinician() async throws {
        try await TestWorld.with { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            let path = "/dashboard/admin/patients/\(world.patientA.id)"
            let edited = try await admin.post(
                path, ["displayName": "Ada King", "mrn": "", "birthDate": "1955-12-10", "news2Scale": "2"], client)
            #expect(edited.status == .ok, "\(edited.text)")
            let stored = try #require(try await world.store.patients.patient(world.patientA.id))
            #expect(stored.displayName == "Ada King")
            #expect(stored.mrn == nil)
            #expect(stored.news2Scale == .scale2)
            let z = try await world.user(.unassignedClinician)
            let team = try await client.execute(
                uri: path + "/care-team", method: .post,
                headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(admin.csrf)&clinician=\(z.id)"))
            #expect(team.status == .ok, "\(team.text)")
            #expect(try await world.store.patients.careTeam(of: world.patientA.id) == [z.id])
            let clinician = try await DashboardVisitor.signIn("dr-z", client)
            #expect(try await clinician.get("/dashboard/worklist", client).text.contains("Ada King"))
            let refused = try await admin.post(path + "/care-team", ["clinician": (try await world.user(.patientB)).id.rawValue], client)
            #expect(refused.status == .badRequest)
            #expect(try await world.store.patients.careTeam(of: world.patientA.id) == [z.id])
        }
    }

    @Test
    func adminResetsPasswordsAndDisablesUsersButNotThemselves() async throws {
        try await TestWorld.with { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            let z = try await world.user(.unassignedClinician)
            let reset = try await admin.post("/dashboard/admin/users/\(z.id)/password", ["password": "a brand new password"], client)
            #expect(reset.text.contains("Password of dr-z reset."))
            _ = try await DashboardVisitor.signIn("dr-z", password: "a brand new password", client)
            let weak = try await admin.post("/dashboard/admin/users/\(z.id)/password", ["password": "x"], client)
            #expect(weak.text.contains("The password must be"))
            let a = try await world.user(.assignedClinician)
            let session = try await DashboardVisitor.signIn("dr-a", client)
            _ = try await admin.post("/dashboard/admin/users/\(a.id)/disable", client)
            #expect(try await world.store.users.user(a.id)?.isDisabled == true)
            #expect(try await session.get("/dashboard/worklist", client).status == .seeOther)
            #expect(try await DashboardVisitor.submitSignIn("dr-a", password: TestWorld.password, client).status == .unauthorized)
            let me = try await world.user(.admin)
            let selfDisable = try await admin.post("/dashboard/admin/users/\(me.id)/disable", client)
            #expect(selfDisable.text.contains("You cannot disable yourself."))
            #expect(try await world.store.users.user(me.id)?.isDisabled == false)
        }
    }

    @Test
    func adminInspectsQuarantinedMessagesAndTheAuditLog() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            let refused = try await world.send(client, device: device, body: #"{"heartRate":999}"#)
            #expect(refused.status == .badRequest)
            let admin = try await DashboardVisitor.signIn("admin", client)
            let quarantine = try await admin.get("/dashboard/admin/quarantine", client)
            #expect(quarantine.status == .ok)
            #expect(quarantine.text.contains(device.deviceId))
            #expect(quarantine.text.contains("{&quot;heartRate&quot;:999}"))
            #expect(quarantine.text.contains("/replay\""))
            let replay = try await admin.post(quarantine.text.components(separatedBy: "action=\"").first { $0.hasPrefix("/dashboard/admin/quarantine/") }.map { String($0.prefix { $0 != "\"" }) } ?? "", client)
            #expect(replay.text.contains("is still refused"))
            let audit = try await admin.get("/dashboard/admin/audit", client)
            #expect(audit.text.contains("quarantine.replay"))
            #expect(audit.text.contains("auth.login"))
        }
    }

    @Test
    func adminCreatesPatientDeviceAndUserThroughForms() async throws {
        try await TestWorld.with { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            let patient = try await admin.post("/dashboard/admin/patients", ["displayName": "Emmy Noether", "birthDate": "1982-03-23"], client)
            #expect(patient.status == .ok)
            #expect(patient.text.contains("Emmy Noether"))
            let emmy = try #require(try await world.store.patients.all().first { $0.displayName == "Emmy Noether" })
            let device = try await admin.post("/dashboard/admin/devices", ["patientId": emmy.id.rawValue, "deviceId": "cuff-1"], client)
            #expect(device.status == .created)
            #expect(device.text.contains("HostName=localhost;DeviceId=cuff-1;SharedAccessKey="))
            #expect(device.headers[.cacheControl] == "no-store")
            let list = try await admin.get("/dashboard/admin/devices", client)
            #expect(list.text.contains("cuff-1"))
            #expect(!list.text.contains("SharedAccessKey="))
            let firstKey = try #require(device.text.components(separatedBy: "SharedAccessKey=").last?.components(separatedBy: "<").first)
            let rotated = try await admin.post("/dashboard/admin/devices/cuff-1/rotate", ["key": "primary"], client)
            #expect(rotated.text.contains("HostName=localhost;DeviceId=cuff-1;SharedAccessKey="))
            #expect(!rotated.text.contains(firstKey))
            _ = try await admin.post("/dashboard/admin/devices/cuff-1/disable", client)
            #expect(try await world.store.devices.device(DeviceID("cuff-1"))?.isDisabled == true)
            _ = try await admin.post("/dashboard/admin/devices/cuff-1/enable", client)
            #expect(try await world.store.devices.device(DeviceID("cuff-1"))?.isDisabled == false)
            #expect(try await admin.post("/dashboard/admin/devices/no-such/disable", client).status == .notFound)
            let user = try await admin.post(
                "/dashboard/admin/users",
                ["username": "emmy", "password": "a long enough password", "role": "patient", "patientId": emmy.id.rawValue],
                client)
            #expect(user.status == .ok, "\(user.text)")
            #expect(try await world.store.users.user(named: "emmy")?.patientID == emmy.id)
            let weak = try await admin.post(
                "/dashboard/admin/users", ["username": "weak", "password": "x", "role": "clinician"], client)
            #expect(weak.status == .badRequest)
            #expect(try await world.store.users.user(named: "weak") == nil)
        }
    }
}
