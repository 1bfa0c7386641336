import Foundation
import VigilCore

/// The dashboard's addresses, in one place so pages and tests agree.
enum DashboardPaths {
    static let root = "/dashboard"
    static let signIn = "/dashboard/signin"
    static let signInCode = "/dashboard/signin/code"
    static let twoFactor = "/dashboard/account/two-factor"
    static let signOut = "/dashboard/signout"
    static let worklist = "/dashboard/worklist"
    static let worklistFragment = "/dashboard/worklist/fragment"
    static let alerts = "/dashboard/alerts"
    static let stylesheet = "/dashboard/static/vigil.css"
    static let script = "/dashboard/static/vigil.js"

    static func patient(_ id: PatientID) -> String { "/dashboard/patients/\(id.rawValue)" }
    static func device(_ id: DeviceID) -> String {
        "/dashboard/admin/devices/" + (id.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
    static func user(_ id: UserID) -> String { "/dashboard/admin/users/\(id.rawValue)" }
    static func acknowledge(_ id: AlertID) -> String { "/dashboard/alerts/\(id.rawValue)/acknowledge" }
    static func resolve(_ id: AlertID) -> String { "/dashboard/alerts/\(id.rawValue)/resolve" }

    /// A local return address from a form, or `fallback` when it is absent or
    /// not a dashboard path (never another site).
    static func safeReturn(_ candidate: String?, fallback: String) -> String {
        guard let candidate, candidate.hasPrefix(root + "/") || candidate == root,
            !candidate.contains("//"), !candidate.contains("\\")
        else { return fallback }
        return candidate
    }
}
