import Foundation
import VigilSecurity

/// Tokens that prove a form was served by Vigil to the same browser.
///
/// Signed-in forms carry a token derived from the session secret (which a
/// page on another origin can neither read nor compute). The sign-in form,
/// which has no session yet, uses a double-submit pair: a random value in a
/// `SameSite=Strict` cookie and the same value in the form.
enum CSRFToken {
    /// The form field every dashboard form carries.
    static let field = "csrf"

    /// The token of a session.
    static func token(forSession secret: String) -> String {
        TokenIssuer.hash(of: "vigil-csrf:" + secret)
    }

    /// A fresh random value for the sign-in form's cookie and field.
    static func fresh() -> String {
        SecureRandom.base64URL(byteCount: 24)
    }

    /// Whether `presented` equals `expected`, compared in constant time.
    static func matches(_ presented: String?, _ expected: String?) -> Bool {
        guard let presented, let expected, !expected.isEmpty else { return false }
        let a = Array(presented.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
