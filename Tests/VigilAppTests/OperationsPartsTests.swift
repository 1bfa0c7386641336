import Foundation
import Testing
import VigilApp
import Prometheus
import VigilCore
import VigilSimulator

/// The small parts behind readiness, metrics and demo mode.
struct OperationsPartsTests {
    @Test func listenersAreMissingUntilBound() async {
        let status = ListenerStatus()
        #expect(await status.missing.isEmpty)
        await status.expect("http")
        await status.expect("mqtt")
        await status.markBound("http")
        #expect(await status.missing == ["mqtt"])
        await status.markBound("mqtt")
        #expect(await status.missing.isEmpty)
        #expect(await status.boundNames == ["http", "mqtt"])
    }

    @Test func demoClockRunsScaledFromItsStart() async throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let began = ContinuousClock.now
        let clock = DemoClock(start: start, scale: 100)
        try await Task.sleep(for: .milliseconds(200))
        let elapsed = clock.now().timeIntervalSince(start)
        let real = ContinuousClock.now - began
        let realSeconds = Double(real.components.seconds) + Double(real.components.attoseconds) / 1e18
        #expect(elapsed >= 20 && elapsed <= 100 * realSeconds)
    }

    @Test func pausedDemoClockStaysAtItsStartUntilResumed() async throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let clock = DemoClock(start: start, scale: 100, paused: true)
        try await Task.sleep(for: .milliseconds(100))
        #expect(clock.now() == start)
        clock.resume()
        try await Task.sleep(for: .milliseconds(100))
        #expect(clock.now() > start.addingTimeInterval(5))
    }

    @Test func demoPlanPutsTheDeterioratingPatientFirstAndWorsensWithinTwoMinutes() {
        let start = Date()
        let plan = DemoWard.plan(DemoConfiguration(), start: start)
        #expect(plan.patients.count == 8)
        #expect(plan.patients[0].profile == .sepsis)
        let atStart = plan.vitals(ofPatient: 0, at: start)
        let later = plan.vitals(ofPatient: 0, at: start.addingTimeInterval(120))
        #expect(later.respiratoryRate >= atStart.respiratoryRate + 5)
        #expect(later.spo2 <= atStart.spo2 - 2.5)
    }

    @Test func metricsRenderInTheTextFormat() async throws {
        let metrics = VigilMetrics()
        metrics.registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "vigil_test", unitName: "total", helpText: "A test counter."),
            labels: [("outcome", "ok")]
        ).increment()
        let text = metrics.registry.emitToString()
        #expect(text.contains("# TYPE vigil_test_total counter"))
        #expect(text.contains(#"vigil_test_total{outcome="ok"} 1"#))
    }
}
