import Foundation
import Logging
import VigilSecurity

extension VigilServer {
    /// Prepares the demo ward and returns the service that simulates it;
    /// prints the dashboard address and the demo logins.
    func demoSimulator(_ demo: DemoConfiguration, assembly: VigilAssembly) async throws -> DemoSimulator {
        let clock = DemoClock(start: now(), scale: demo.timeScale)
        let ward = try await DemoWard.prepare(
            demo, start: clock.start, store: assembly.store, devices: assembly.web.devices,
            passwords: PasswordHasher(configuration: configuration.passwords))
        let host = configuration.hostName
        let banner = """

            Vigil demo: \(ward.plan.patients.count) patients, \(ward.plan.devices.count) simulated devices\
            \(ward.isNew ? ", \(Int(demo.historyDays)) days of history" : "").
              Dashboard and API: http://\(host):\(configuration.httpPort)/
              Logins: admin / \(configuration.bootstrapAdminPassword ?? DemoConfiguration.adminPassword) (when the data folder was fresh)
                      \(DemoConfiguration.clinician.username) / \(DemoConfiguration.clinician.password)
                      \(DemoConfiguration.patient.username) / \(DemoConfiguration.patient.password)
              Patient \(DemoWard.mrn(0)) is deteriorating toward sepsis: watch NEWS2 rise and an alert open.

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        logger.notice("Demo mode", metadata: ["patients": "\(ward.plan.patients.count)", "new": "\(ward.isNew)"])
        return DemoSimulator(
            ward: ward, configuration: demo, ingestor: assembly.ingestor, clock: clock, logger: logger)
    }
}
