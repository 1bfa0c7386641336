import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// The admin pages' per-record forms: rebinding devices and rotating either
/// key, changing users' roles, removing a lost second factor.
struct DashboardAdminFormsTests {
    @Test
    func adminRebindsADeviceToAnotherPatientAndBothAreAudited() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client, id: "cuff-1")
            let admin = try await DashboardVisitor.signIn("admin", client)
            let page = try await admin.get("/dashboard/admin/devices", client)
            #expect(page.text.contains("<label for=\"rebind-0\">"))
            #expect(page.text.contains("<option value=\"\(world.patientA.id)\" selected>"))
            let rebound = try await admin.post(
                "/dashboard/admin/devices/cuff-1/rebind", ["patientId": world.patientB.id.rawValue], client)
            #expect(rebound.status == .ok, "\(rebound.text)")
            #expect(rebound.text.contains("Device cuff-1 is bound to another patient."))
            #expect(try await world.store.devices.device(DeviceID("cuff-1"))?.patientID == world.patientB.id)
            let records = try await world.store.audit.recent(limit: 20, patient: nil).map(\.entry)
                .filter { $0.action == "device.rebind" }
            #expect(Set(records.compactMap(\.patientID)) == [world.patientA.id, world.patientB.id])
            // Readings sent after the rebind belong to the new patient.
            #expect(try await world.send(client, device: device, body: #"{"heartRate":71}"#).status == .noContent)
            #expect(try await world.store.readings.latest(of: world.patientB.id).contains { $0.type == .heartRate })
            let nowhere = try await admin.post(
                "/dashboard/admin/devices/cuff-1/rebind", ["patientId": PatientID.random().rawValue], client)
            #expect(nowhere.status == .notFound)
            #expect(try await world.store.devices.device(DeviceID("cuff-1"))?.patientID == world.patientB.id)
        }
    }

    @Test
    func rotatingTheSecondaryKeyShowsItsConnectionStringOnceAndKeepsThePrimary() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client, id: "cuff-1")
            let admin = try await DashboardVisitor.signIn("admin", client)
            let rotated = try await admin.post("/dashboard/admin/devices/cuff-1/rotate", ["key": "secondary"], client)
            #expect(rotated.status == .created)
            #expect(rotated.text.contains("New secondary connection string for cuff-1"))
            let key = try #require(rotated.text.components(separatedBy: "SharedAccessKey=").last?.components(separatedBy: "<").first)
            #expect(key != device.secondaryKey && key != device.primaryKey)
            #expect(try await world.send(client, device: device, body: #"{"heartRate":70}"#, token: device.token(key: key)).status == .noContent)
            #expect(try await world.send(client, device: device, body: #"{"heartRate":72}"#).status == .noContent)
            #expect(try await world.send(client, device: device, body: #"{"heartRate":73}"#, token: device.token(key: device.secondaryKey)).status == .unauthorized)
            #expect(!(try await admin.get("/dashboard/admin/devices", client)).text.contains(key))
            let unknown = try await admin.post("/dashboard/admin/devices/cuff-1/rotate", ["key": "tertiary"], client)
            #expect(unknown.status == .badRequest)
        }
    }

    @Test
    func adminChangesOtherUsersRolesWithTheSameChecksAsANewUser() async throws {
        try await TestWorld.with { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            let z = try await world.user(.unassignedClinician)
            let path = "/dashboard/admin/users/\(z.id)/role"
            let promoted = try await admin.post(path, ["role": "admin"], client)
            #expect(promoted.status == .ok)
            #expect(promoted.text.contains("The role of dr-z is now admin."))
            #expect(try await world.store.users.user(z.id)?.role == .admin)
            let promotedSession = try await DashboardVisitor.signIn("dr-z", client)
            #expect(try await promotedSession.get("/dashboard/admin/users", client).status == .ok)

            let unlinked = try await admin.post(path, ["role": "patient"], client)
            #expect(unlinked.status == .badRequest)
            #expect(unlinked.text.contains("A patient user needs a patientId."))
            #expect(try await world.store.users.user(z.id)?.role == .admin)

            let patient = try await admin.post(path, ["role": "patient", "patientId": world.patientB.id.rawValue], client)
            #expect(patient.status == .ok)
            let stored = try #require(try await world.store.users.user(z.id))
            #expect(stored.role == .patient && stored.patientID == world.patientB.id)
            #expect(try await promotedSession.get("/dashboard/admin/users", client).status == .forbidden)
            let back = try await admin.post(path, ["role": "clinician", "patientId": world.patientB.id.rawValue], client)
            #expect(back.status == .ok)
            #expect(try await world.store.users.user(z.id)?.patientID == nil)

            let me = try await world.user(.admin)
            let own = try await admin.post("/dashboard/admin/users/\(me.id)/role", ["role": "clinician"], client)
            #expect(own.status == .badRequest)
            #expect(own.text.contains("You cannot change your own role."))
            #expect(try await world.store.users.user(me.id)?.role == .admin)
            let records = try await world.store.audit.recent(limit: 30, patient: nil).map(\.entry)
            #expect(records.contains { $0.action == "user.role.update" && $0.detail == "user=\(z.id) role=admin" })
            #expect(try await admin.post("/dashboard/admin/users/\(UserID.random())/role", ["role": "admin"], client).status == .notFound)
        }
    }

    @Test
    func adminRemovesAnotherAdminsLostSecondFactorButNotTheirOwn() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            let z = try await world.user(.unassignedClinician)
            _ = try await admin.post("/dashboard/admin/users/\(z.id)/role", ["role": "admin"], client)
            let other = try await DashboardVisitor.signIn("dr-z", client)
            _ = try await DashboardTwoFactorTests.enrol(other, clock: clock, client)
            _ = try await DashboardTwoFactorTests.enrol(admin, clock: clock, client)
            let list = try await admin.get("/dashboard/admin/users", client)
            #expect(list.text.contains("action=\"/dashboard/admin/users/\(z.id)/two-factor/remove\""))

            let removed = try await admin.post("/dashboard/admin/users/\(z.id)/two-factor/remove", client)
            #expect(removed.status == .ok)
            #expect(try await world.store.totp.enrolment(of: z.id) == nil)
            #expect(try await DashboardVisitor.submitSignIn("dr-z", password: TestWorld.password, client).headers[.location] == "/dashboard")
            let me = try await world.user(.admin)
            let own = try await admin.post("/dashboard/admin/users/\(me.id)/two-factor/remove", client)
            #expect(own.status == .badRequest)
            #expect(try await world.store.totp.enrolment(of: me.id)?.isConfirmed == true)
        }
    }
}
