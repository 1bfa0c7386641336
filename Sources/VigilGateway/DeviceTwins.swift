import Foundation
import VigilCore
import VigilStore

/// Reads and patches device twins for the MQTT gateway and the REST API.
///
/// A patch is a JSON merge patch (RFC 7396: `null` deletes) applied to one
/// side and written with compare-and-set on that side's version, retried when
/// another writer got there first, so concurrent patches from several nodes
/// all land.
public struct DeviceTwins: Sendable {
    /// The deepest nesting of objects a document may have (IoT Hub's limit).
    public static let maximumDepth = 10
    /// The largest document one side may hold, in UTF-8 bytes (IoT Hub's 32 KiB).
    public static let maximumDocumentBytes = 32_768
    /// How many times a patch is retried when the version moved on under it.
    static let maximumAttempts = 16

    private let store: any DeviceTwinStore

    /// Twins kept in `store`.
    public init(store: any DeviceTwinStore) {
        self.store = store
    }

    /// The twin of a device (empty at version 1 if never written).
    public func twin(of device: DeviceID) async throws -> DeviceTwin {
        try await store.twin(of: device)
    }

    /// Applies a merge patch to one side.
    ///
    /// A top-level `$version` in the patch is ignored (IoT Hub clients may echo it).
    /// - Returns: the twin after the change, and the patch as applied (without `$version`).
    /// - Throws: ``TwinPatchError`` when the patch is refused; store errors as they come.
    public func patch(
        _ side: DeviceTwin.Side, of device: DeviceID, with body: Data, at time: Date
    ) async throws -> (twin: DeviceTwin, patch: [String: AnyJSON]) {
        let patch = try Self.readPatch(body)
        for _ in 0..<Self.maximumAttempts {
            let current = try await store.twin(of: device)
            let merged = Self.decodeDocument(current.document(side)).merging(.object(patch))
            guard merged.depth <= Self.maximumDepth else { throw TwinPatchError(.tooDeep) }
            let text = try Self.encode(merged)
            guard text.utf8.count <= Self.maximumDocumentBytes else { throw TwinPatchError(.tooLarge) }
            if let updated = try await store.replace(
                side, of: device, with: text, expectedVersion: current.version(side), at: time)
            {
                return (updated, patch)
            }
        }
        throw TwinPatchError(.contention)
    }

    /// `{"desired": {…, "$version": N}, "reported": {…, "$version": M}}`: the
    /// body of IoT Hub's twin GET response.
    public static func deviceDocument(_ twin: DeviceTwin) throws -> Data {
        try CompactJSONEncoder().encode([
            "desired": withVersion(twin.desired, twin.desiredVersion),
            "reported": withVersion(twin.reported, twin.reportedVersion),
        ])
    }

    /// A patch as pushed to a device: its members and `$version`.
    public static func patchDocument(_ patch: [String: AnyJSON], version: Int64) throws -> Data {
        var members = patch
        members["$version"] = .integer(version)
        return try CompactJSONEncoder().encode(members)
    }

    /// A stored document with `$version` added.
    public static func withVersion(_ document: String, _ version: Int64) -> AnyJSON {
        var members = decodeDocument(document).objectValue ?? [:]
        members["$version"] = .integer(version)
        return .object(members)
    }

    /// Reads a patch body: a JSON object without `$` names (a top-level `$version` is dropped).
    static func readPatch(_ body: Data) throws(TwinPatchError) -> [String: AnyJSON] {
        let value: AnyJSON
        do {
            value = try JSONDecoder().decode(AnyJSON.self, from: body)
        } catch {
            throw TwinPatchError(.invalidJSON)
        }
        guard var members = value.objectValue else { throw TwinPatchError(.notAnObject) }
        members["$version"] = nil
        guard !hasReservedName(.object(members)) else { throw TwinPatchError(.reservedName) }
        return members
    }

    private static func hasReservedName(_ value: AnyJSON) -> Bool {
        switch value {
        case .object(let members): members.contains { $0.key.hasPrefix("$") || hasReservedName($0.value) }
        case .array(let elements): elements.contains(where: hasReservedName)
        default: false
        }
    }

    /// A stored document; one that does not read (it never should) counts as empty.
    private static func decodeDocument(_ text: String) -> AnyJSON {
        (try? JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))) ?? .object([:])
    }

    private static func encode(_ value: AnyJSON) throws -> String {
        try CompactJSONEncoder().encodeString(value)
    }
}
