import Foundation
import VigilCore

/// Stores and queries readings.
public protocol ReadingStore: Sendable {
    /// Inserts all readings in one transaction: after it returns they are durable;
    /// if it throws, none are stored.
    func insert(_ readings: [Reading]) async throws

    /// Readings of one patient, newest first (by measured time).
    func readings(of patient: PatientID, matching query: ReadingQuery) async throws -> [Reading]

    /// The most recently measured reading of each type the patient has.
    func latest(of patient: PatientID) async throws -> [Reading]

    /// For each of the patients and each of the types, its `count` most
    /// recently measured readings, read in one go: a page of many patients'
    /// latest values costs one query, not one per patient. Ordered by patient
    /// and type as given, then newest first.
    func newest(_ count: Int, of types: [VitalType], for patients: [PatientID]) async throws -> [Reading]

    /// For each of the patients, when its most recent reading of any of the
    /// types was measured, read in one go (index probes only, no readings
    /// decoded); patients without such a reading are left out.
    func lastMeasured(of types: [VitalType], for patients: [PatientID]) async throws -> [PatientID: Date]

    /// Aggregates of one type per time bucket over `[from, to)`, oldest bucket first;
    /// buckets without readings are left out.
    func buckets(
        of patient: PatientID, type: VitalType, from: Date, to: Date, width: BucketWidth
    ) async throws -> [ReadingBucket]
}

/// Which readings of a patient to return.
public struct ReadingQuery: Sendable, Hashable {
    /// Only this type; `nil` for every type.
    public var type: VitalType?
    /// Measured at or after this time.
    public var from: Date?
    /// Measured before this time.
    public var to: Date?
    /// At most this many, newest first.
    public var limit: Int

    /// The default and largest page a caller may ask for.
    public static let defaultLimit = 1000
    public static let maximumLimit = 10_000

    public init(type: VitalType? = nil, from: Date? = nil, to: Date? = nil, limit: Int = Self.defaultLimit) {
        self.type = type
        self.from = from
        self.to = to
        self.limit = limit
    }
}

/// The width of a chart bucket, a whole number of seconds.
public struct BucketWidth: Sendable, Hashable {
    public let seconds: Int64

    /// `nil` unless `seconds` is positive.
    public init?(seconds: Int64) {
        guard seconds > 0 else { return nil }
        self.seconds = seconds
    }

    /// Parses `30s`, `5m`, `1h`, `1d`.
    public init?(_ text: String) {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let multiplier: Int64
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        default: return nil
        }
        self.init(seconds: count * multiplier)
    }

    public static let hour = BucketWidth(seconds: 3600)!
}

/// Min, max, average and count of one type's readings in one time bucket.
public struct ReadingBucket: Codable, Sendable, Hashable {
    /// Start of the bucket: a multiple of the width since 1970.
    public var start: Date
    public var min: Double
    public var max: Double
    public var avg: Double
    public var count: Int

    public init(start: Date, min: Double, max: Double, avg: Double, count: Int) {
        self.start = start
        self.min = min
        self.max = max
        self.avg = avg
        self.count = count
    }
}
