import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/alerts`: open and acknowledged alerts of the visitor's
/// patients, most severe first, with acknowledge and resolve forms; and the
/// form posts `/dashboard/alerts/{id}/acknowledge` and `/resolve` (with an
/// optional note), which go through `AlertRepository` like the API.
struct AlertsPageController {
    let context: DashboardContext

    private struct Page {
        struct Row {
            let id: String
            let patientName: String
            let patientPath: String
            let title: String
            let severity: String
            let state: String
            let escalationLevel: Int
            let lastFired: DashboardTime.Stamp
            let acknowledgePath: String?
            let resolvePath: String?
            let csrf: String
            let returnPath: String
        }

        let rows: [Row]
        let isEmpty: Bool
    }

    func register(on routes: DashboardRoutes) {
        let context = context
        routes.page("alerts", action: "alert.list", allow: .staff) { _, visitor in
            let alerts = try await AlertRepository(dependencies: context.dependencies, caller: visitor.caller)
                .list(states: [.open, .acknowledged], patient: nil, limit: 500)
            let names = try await Self.patientNames(context: context, visitor: visitor)
            let now = context.dependencies.now()
            let rows = alerts.sorted(by: Self.moreUrgent).compactMap { alert -> Page.Row? in
                // Operational alerts (no patient; admins only) link back to this page.
                let subject: (name: String, path: String)
                if let patient = alert.patientID {
                    guard let name = names[patient] else { return nil }
                    subject = (name, DashboardPaths.patient(patient))
                } else {
                    subject = ("Vigil (operational)", DashboardPaths.alerts)
                }
                return Page.Row(
                    id: alert.id.rawValue, patientName: subject.name, patientPath: subject.path,
                    title: alert.title, severity: alert.severity.rawValue, state: alert.state.rawValue,
                    escalationLevel: alert.escalationLevel, lastFired: DashboardTime.stamp(alert.lastFiredAt, now: now),
                    acknowledgePath: alert.state == .open ? DashboardPaths.acknowledge(alert.id) : nil,
                    resolvePath: DashboardPaths.resolve(alert.id), csrf: visitor.session.csrfToken,
                    returnPath: DashboardPaths.alerts)
            }
            return context.renderer.page(
                "alerts", Page(rows: rows, isEmpty: rows.isEmpty), title: "Alerts", chrome: visitor.chrome)
        }
        routes.form("alerts/:alertId/acknowledge", action: "alert.acknowledge", allow: .staff) { _, visitor, form in
            let id = AlertID(try visitor.parameter("alertId"))
            let alert = try await AlertRepository(dependencies: context.dependencies, caller: visitor.caller)
                .acknowledge(id, note: form["note"])
            return DashboardRenderer.redirect(
                to: DashboardPaths.safeReturn(form["return"], fallback: alert.patientID.map(DashboardPaths.patient) ?? DashboardPaths.alerts))
        }
        routes.form("alerts/:alertId/resolve", action: "alert.resolve", allow: .staff) { _, visitor, form in
            let id = AlertID(try visitor.parameter("alertId"))
            let alert = try await AlertRepository(dependencies: context.dependencies, caller: visitor.caller)
                .resolve(id, note: form["note"])
            return DashboardRenderer.redirect(
                to: DashboardPaths.safeReturn(form["return"], fallback: alert.patientID.map(DashboardPaths.patient) ?? DashboardPaths.alerts))
        }
    }

    /// Open before acknowledged, then most severe, then most escalated, then newest.
    private static func moreUrgent(_ a: Alert, _ b: Alert) -> Bool {
        if a.state != b.state { return a.state == .open }
        if a.severity != b.severity { return a.severity > b.severity }
        if a.escalationLevel != b.escalationLevel { return a.escalationLevel > b.escalationLevel }
        return a.lastFiredAt > b.lastFiredAt
    }

    /// Names of the patients the visitor may see (the list is audited once).
    private static func patientNames(
        context: DashboardContext, visitor: DashboardContext.Visitor
    ) async throws -> [PatientID: String] {
        let patients = try await PatientRepository(store: context.dependencies.store, caller: visitor.caller)
            .visiblePatients()
        return Dictionary(patients.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
    }
}
