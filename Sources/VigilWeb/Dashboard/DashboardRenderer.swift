import Foundation
import Hummingbird
import Mustache
import VigilCore

/// Renders dashboard pages from the Mustache templates in `DashboardTemplates`.
///
/// Templates are compiled once, when the router is built; a template that
/// does not parse is a programming error caught by the tests.
struct DashboardRenderer: Sendable {
    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in DashboardTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("dashboard template \(name) does not parse")
            }
        }
        self.library = library
    }

    /// The layout's view of who is signed in.
    struct Chrome {
        let userName: String
        let roleName: String
        let isStaff: Bool
        let isAdmin: Bool
        let ownPatientPath: String?
        let csrf: String
    }

    /// The layout around a page.
    private struct Layout {
        let title: String
        let chrome: Chrome?
        let content: String
        let live: Bool
        let stylesheet = DashboardPaths.stylesheet
        let script = DashboardPaths.script
        let signOut = DashboardPaths.signOut
    }

    /// `template` rendered with `model`, without the layout (a fragment).
    func fragment(_ template: String, _ model: Any) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    /// A whole HTML page: `template` with `model` inside the layout.
    func page(
        _ template: String, _ model: Any, title: String, chrome: Chrome?, live: Bool = false,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = fragment(template, model)
        let html = library.render(Layout(title: title, chrome: chrome, content: content, live: live), withTemplate: "layout") ?? ""
        return Self.html(html, status: status)
    }

    /// An HTML response that is never cached.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A `303 See Other` to a dashboard address.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}
