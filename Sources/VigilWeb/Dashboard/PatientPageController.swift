import Hummingbird
import VigilCore

/// `/dashboard/patients/{id}?range=24h|7d|30d`: one patient's latest values,
/// trend charts and NEWS2 history; for staff also alerts (acknowledge,
/// resolve) and devices. Another patient's page, or one the visitor may not
/// see, is 404.
struct PatientPageController {
    let context: DashboardContext

    func register(on routes: DashboardRoutes) {
        let context = context
        routes.page("patients/:patientId", action: "patient.read", allow: .everyone) { request, visitor in
            let id = PatientID(try visitor.parameter("patientId"))
            let range = ChartRange(query: request.uri.queryParameters.get("range"))
            let model = try await PatientPageBuilder(dependencies: context.dependencies, visitor: visitor)
                .model(for: id, range: range)
            return context.renderer.page("patient", model, title: model.name, chrome: visitor.chrome, live: true)
        }
    }
}
