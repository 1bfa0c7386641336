import Foundation
import VigilCore

/// What the patient template shows; every value already text or markup Vigil made.
struct PatientPageModel {
    struct RangeLink {
        let label: String
        let path: String
        let current: Bool
    }

    struct Chart {
        let title: String
        let svg: String
        let summary: String
    }

    struct LatestValue {
        let name: String
        let value: String
        let score: String?
        let scoreClass: String
        let time: DashboardTime.Stamp
    }

    struct AlertRow {
        let id: String
        let title: String
        let severity: String
        let state: String
        let firstFired: DashboardTime.Stamp
        let occurrences: Int
        let note: String?
        let acknowledgePath: String?
        let resolvePath: String?
        let csrf: String
        let returnPath: String
    }

    struct DeviceRow {
        let id: String
        let status: String
        let lastReading: DashboardTime.Stamp?
    }

    let patientID: String
    let name: String
    let news2: String
    let news2Class: String
    let isStaff: Bool
    let rulesPath: String
    let ranges: [RangeLink]
    let rangeLabel: String
    let latest: [LatestValue]
    let charts: [Chart]
    let news2Chart: Chart?
    let alerts: [AlertRow]
    let hasAlerts: Bool
    let devices: [DeviceRow]
    let hasDevices: Bool
}
