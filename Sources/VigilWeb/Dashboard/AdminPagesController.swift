import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/admin/…` (admins only): patients, devices, users, quarantine
/// and the audit log. Each page lists and, where it makes sense, creates,
/// through the same checks and audit records as the API.
struct AdminPagesController {
    let context: DashboardContext

    func register(on routes: DashboardRoutes) {
        AdminPatientsPage(context: routes.context).register(on: routes)
        AdminPatientPage(context: routes.context).register(on: routes)
        AdminDevicesPage(context: routes.context).register(on: routes)
        AdminUsersPage(context: routes.context).register(on: routes)
        AdminRecordsPages(context: routes.context).register(on: routes)
    }
}
