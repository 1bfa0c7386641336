import Hummingbird

/// The dashboard's stylesheet and script, served by Vigil itself (the
/// Content-Security-Policy allows nothing else, and nothing inline).
enum DashboardAssets {
    static func register(on group: RouterGroup<VigilRequestContext>) {
        group.get("static/vigil.css") { _, _ in asset(stylesheet, type: "text/css; charset=utf-8") }
        group.get("static/vigil.js") { _, _ in asset(script, type: "text/javascript; charset=utf-8") }
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
