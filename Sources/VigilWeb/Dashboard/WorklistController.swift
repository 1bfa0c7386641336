import Hummingbird
import VigilCore

/// `/dashboard/worklist`: the clinician's patients, most urgent first, kept
/// live by the page script, which reloads `/dashboard/worklist/fragment`
/// (the table rows only, written by `WorklistRowsHTML`) when an event arrives.
struct WorklistController {
    let context: DashboardContext

    private struct Page {
        let rows: String
        let fragment = DashboardPaths.worklistFragment
        let count: Int
    }

    func register(on routes: DashboardRoutes) {
        let context = context
        routes.page("worklist", action: "worklist.read", allow: .staff) { _, visitor in
            let rows = try await Self.rows(context: context, visitor: visitor)
            return context.renderer.page(
                "worklist", Page(rows: WorklistRowsHTML.render(rows), count: rows.count),
                title: "Worklist", chrome: visitor.chrome, live: true)
        }
        routes.page("worklist/fragment", action: "worklist.read", allow: .staff, touch: false) { _, visitor in
            let rows = try await Self.rows(context: context, visitor: visitor)
            return DashboardRenderer.html(WorklistRowsHTML.render(rows))
        }
    }

    private static func rows(context: DashboardContext, visitor: DashboardContext.Visitor) async throws -> [WorklistRowView] {
        let entries = try await WorklistBuilder(dependencies: context.dependencies, caller: visitor.caller).entries()
        let now = context.dependencies.now()
        let rows = entries.enumerated().map { WorklistRowView($0.element, rank: $0.offset + 1, now: now) }
        return rows
    }
}
