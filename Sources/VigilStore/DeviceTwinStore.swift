import Foundation
import VigilCore

/// Keeps each device's twin: the desired properties the cloud sets and the
/// reported properties the device sends, each a JSON object with its own version.
///
/// The store treats documents as opaque JSON text; merging patches is the
/// caller's job. Writes are compare-and-set on the version, so two writers
/// (two requests, or two nodes) never lose each other's changes.
public protocol DeviceTwinStore: Sendable {
    /// The twin of a device. A device whose twin was never written has empty
    /// documents (`{}`) at version 1 on both sides; the device's existence is not checked.
    func twin(of device: DeviceID) async throws -> DeviceTwin

    /// Replaces one side's document if that side's version is still
    /// `expectedVersion`, and increments the version.
    ///
    /// - Returns: the twin as stored after the change, or nil when the version
    ///   had moved on (read the twin again and retry).
    /// - Throws: `StoreError.notFound` (entity `device`) if the device does not exist.
    func replace(
        _ side: DeviceTwin.Side, of device: DeviceID, with document: String, expectedVersion: Int64, at time: Date
    ) async throws -> DeviceTwin?
}

/// A device twin as stored: two JSON object documents with their versions.
public struct DeviceTwin: Sendable, Hashable {
    /// One of the two documents of a twin.
    public enum Side: String, Sendable, Hashable, CaseIterable {
        /// Set by the cloud (REST API); pushed to the device.
        case desired
        /// Set by the device.
        case reported
    }

    /// The version of a twin document never written.
    public static let initialVersion: Int64 = 1

    /// The device the twin belongs to.
    public var deviceID: DeviceID
    /// The desired properties: a JSON object's text, without `$version`.
    public var desired: String
    /// The desired document's version, from 1, bumped by every write.
    public var desiredVersion: Int64
    /// The reported properties: a JSON object's text, without `$version`.
    public var reported: String
    /// The reported document's version, from 1, bumped by every write.
    public var reportedVersion: Int64

    /// A twin with the given documents and versions.
    public init(deviceID: DeviceID, desired: String, desiredVersion: Int64, reported: String, reportedVersion: Int64) {
        self.deviceID = deviceID
        self.desired = desired
        self.desiredVersion = desiredVersion
        self.reported = reported
        self.reportedVersion = reportedVersion
    }

    /// The twin of a device never written: empty documents at version 1.
    public static func empty(_ device: DeviceID) -> DeviceTwin {
        DeviceTwin(
            deviceID: device, desired: "{}", desiredVersion: initialVersion, reported: "{}",
            reportedVersion: initialVersion)
    }

    /// One side's document text.
    public func document(_ side: Side) -> String {
        side == .desired ? desired : reported
    }

    /// One side's version.
    public func version(_ side: Side) -> Int64 {
        side == .desired ? desiredVersion : reportedVersion
    }
}
