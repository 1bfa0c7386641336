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

/// A message and the values to show again after a refused admin form.
struct AdminFormFeedback {
    let message: String?
    let isError: Bool

    static let none = AdminFormFeedback(message: nil, isError: false)

    /// The message of a refusal the admin can fix (bad input, conflict);
    /// anything else is thrown on.
    static func refusal(_ error: any Error) throws -> AdminFormFeedback {
        guard let error = error as? VigilError, error.kind == .badRequest || error.kind == .conflict else { throw error }
        return AdminFormFeedback(message: error.message, isError: true)
    }
}
