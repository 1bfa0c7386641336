import AsyncHTTPClient
import NIOCore

extension BenchDevice {
    /// A telemetry POST of `body` as this device to the HTTPS endpoint at `baseURL`, with its SAS token.
    func telemetryRequest(baseURL: String, body: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + telemetryPath)
        request.method = .POST
        request.headers.add(name: "Authorization", value: token)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }
}
