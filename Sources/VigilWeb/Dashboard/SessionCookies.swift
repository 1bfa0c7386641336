import Foundation
import Hummingbird

/// The dashboard's cookies: the session, the sign-in form's CSRF value, and
/// a sign-in waiting for its second factor.
enum SessionCookies {
    static let session = "vigil_session"
    static let signInCSRF = "vigil_signin_csrf"
    static let pendingSignIn = "vigil_signin_pending"

    /// The session cookie: HttpOnly, SameSite=Lax (a link from a hospital
    /// system opens the dashboard signed in), Secure on TLS, scoped to the site.
    static func session(_ secret: String, settings: DashboardSettings) -> Cookie {
        Cookie(name: session, value: secret, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// The sign-in form's double-submit CSRF cookie: SameSite=Strict, 10 minutes.
    static func signInCSRF(_ value: String, settings: DashboardSettings) -> Cookie {
        Cookie(
            name: signInCSRF, value: value, maxAge: 600, path: DashboardPaths.signIn,
            secure: settings.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The pending sign-in's cookie: sent only to the sign-in pages,
    /// SameSite=Strict, alive as long as the pending sign-in.
    static func pendingSignIn(_ secret: String, settings: DashboardSettings) -> Cookie {
        Cookie(
            name: pendingSignIn, value: secret, maxAge: Int(settings.secondFactorTimeout), path: DashboardPaths.signIn,
            secure: settings.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that makes the browser forget `name`.
    static func expired(_ name: String, path: String, settings: DashboardSettings) -> Cookie {
        Cookie(
            name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: path,
            secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
