import Foundation
import Testing
import VigilIntegrations

@Suite struct WebhookSigningTests {
    /// The Standard Webhooks / Svix reference vector.
    let secret = WebhookSecret(text: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!
    let body = Data(#"{"test": 2432232314}"#.utf8)

    @Test func signsTheReferenceVector() {
        let signature = WebhookSigner.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, secret: secret)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func sendsBothSignaturesDuringRotationAndEachVerifies() {
        let next = WebhookSecret.generate()
        let header = WebhookSigner.header(id: "evt_1", timestamp: 10, body: body, secrets: [next, secret])
        #expect(header.split(separator: " ").count == 2)
        #expect(WebhookSigner.verify(header: header, id: "evt_1", timestamp: 10, body: body, secret: secret))
        #expect(WebhookSigner.verify(header: header, id: "evt_1", timestamp: 10, body: body, secret: next))
        #expect(!WebhookSigner.verify(header: header, id: "evt_1", timestamp: 11, body: body, secret: secret))
    }

    @Test func generatedSecretRoundTripsThroughItsText() {
        let secret = WebhookSecret.generate()
        #expect(secret.text.hasPrefix("whsec_"))
        #expect(WebhookSecret(text: secret.text) == secret)
        #expect(WebhookSecret(text: "whsec_c2hvcnQ=") == nil)
    }
}

@Suite struct RetryScheduleTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func followsTheSvixLikeDefaultWithoutJitterAtTheMidpoint() {
        let delays = (1...7).map { attempts in
            RetrySchedule.standard.nextAttempt(afterAttempts: attempts, now: now, random: 0.5)!.timeIntervalSince(now)
        }
        #expect(delays == [5, 300, 1800, 7200, 18000, 36000, 36000])
        #expect(RetrySchedule.standard.nextAttempt(afterAttempts: 8, now: now, random: 0.5) == nil)
    }

    @Test func jitterStaysWithinItsFraction() {
        let low = RetrySchedule.standard.nextAttempt(afterAttempts: 2, now: now, random: 0)!.timeIntervalSince(now)
        let high = RetrySchedule.standard.nextAttempt(afterAttempts: 2, now: now, random: 1)!.timeIntervalSince(now)
        #expect(abs(low - 270) < 0.001 && abs(high - 330) < 0.001)
    }

    @Test func parsesAShortenedScheduleAndRefusesGarbage() {
        #expect(RetrySchedule(parsing: "0,1,1,2")?.delays == [0, 1, 1, 2])
        #expect(RetrySchedule(parsing: "0,x") == nil)
        #expect(RetrySchedule(parsing: "-1") == nil)
    }
}

@Suite struct WebhookURLPolicyTests {
    @Test func allowsHTTPSAnywhere() throws {
        try WebhookURLPolicy().check("https://hooks.example.org/vigil")
    }

    @Test func refusesPlainHTTPUnlessLoopbackAndEnabled() throws {
        #expect(throws: (any Error).self) { try WebhookURLPolicy().check("http://127.0.0.1:9000/") }
        let development = WebhookURLPolicy(allowInsecureLoopback: true)
        try development.check("http://127.0.0.1:9000/")
        try development.check("http://localhost:9000/")
        try development.check("http://[::1]:9000/")
        #expect(throws: (any Error).self) { try development.check("http://10.0.0.1/") }
        #expect(throws: (any Error).self) { try development.check("http://127.0.0.1.evil.example/") }
        #expect(throws: (any Error).self) { try development.check("ftp://example.org/") }
        #expect(throws: (any Error).self) { try development.check("https://user:pw@example.org/") }
    }
}
