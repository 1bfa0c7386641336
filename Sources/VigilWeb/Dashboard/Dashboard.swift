import Hummingbird
import VigilCore

/// The clinician dashboard: server-rendered pages under `/dashboard`.
///
/// Pages read patient data only through the same per-request repositories as
/// the API (`PatientRepository`, `AlertRepository`), so access checks and
/// audit records are the API's. See `docs/architecture.md` for the pages.
struct Dashboard {
    let dependencies: WebDependencies

    func register(on router: Router<VigilRequestContext>) {
        let renderer = DashboardRenderer()
        router.get("/") { _, _ in DashboardRenderer.redirect(to: DashboardPaths.root) }
        let group = router.group("dashboard").add(middleware: DashboardPageMiddleware(renderer: renderer))
        DashboardAssets.register(on: group)
        let context = DashboardContext(dependencies: dependencies, renderer: renderer)
        let routes = DashboardRoutes(group: group, context: context)
        SignInController(context: context).register(on: routes)
        routes.page("", action: "dashboard.home", allow: .everyone) { _, visitor in
            switch visitor.user.role {
            case .admin, .clinician: return DashboardRenderer.redirect(to: DashboardPaths.worklist)
            case .patient:
                guard let patient = visitor.user.patientID else { throw VigilError.notFound("patient") }
                return DashboardRenderer.redirect(to: DashboardPaths.patient(patient))
            }
        }
        WorklistController(context: context).register(on: routes)
        PatientPageController(context: context).register(on: routes)
        RulesPageController(context: context).register(on: routes)
        AlertsPageController(context: context).register(on: routes)
        AdminPagesController(context: context).register(on: routes)
        TwoFactorPage(context: context).register(on: routes)
    }
}
