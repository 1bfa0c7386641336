import Foundation
import VigilCore
import VigilStore

/// A compact SVG trend chart drawn on the server: the min–max band of each
/// time bucket, the average line, and threshold lines.
///
/// Buckets come from the database already aggregated, so a chart costs the
/// same whatever the reading rate. Coordinates are rounded to one decimal
/// and there is no inline style (the Content-Security-Policy forbids it):
/// classes are styled by the dashboard's stylesheet.
struct TrendChart {
    let title: String
    let buckets: [ReadingBucket]
    let from: Date
    let to: Date
    let width: BucketWidth
    let thresholds: [VitalThreshold]

    static let viewWidth = 360.0
    static let viewHeight = 150.0
    private static let left = 34.0
    private static let right = 354.0
    private static let top = 8.0
    private static let bottom = 128.0

    /// The SVG element, labelled by `id` for assistive technology.
    func svg(id: String) -> String {
        let range = valueRange()
        let x = { (date: Date) -> Double in
            let span = max(to.timeIntervalSince(from), 1)
            return Self.left + (Self.right - Self.left) * date.timeIntervalSince(from) / span
        }
        let y = { (value: Double) -> Double in
            Self.bottom - (Self.bottom - Self.top) * (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        }
        let half = Double(width.seconds) / 2
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(Self.viewWidth)) \(Int(Self.viewHeight))\" role=\"img\" aria-labelledby=\"\(id)\">"
        svg += "<title id=\"\(id)\">\(HTMLText.escape(title))</title>"
        svg += "<path class=\"axis\" d=\"M\(f(Self.left)) \(f(Self.top))V\(f(Self.bottom))H\(f(Self.right))\"/>"
        for threshold in thresholds where range.contains(threshold.value) {
            let kind = threshold.kind == .red ? "th" : "th-normal"
            svg += "<path class=\"\(kind)\" d=\"M\(f(Self.left)) \(f(y(threshold.value)))H\(f(Self.right))\"/>"
        }
        for segment in segments() {
            let centres = segment.map { x($0.start.addingTimeInterval(half)) }
            var band = ""
            for (index, bucket) in segment.enumerated() {
                band += (index == 0 ? "M" : "L") + "\(f(centres[index])) \(f(y(bucket.max)))"
            }
            for (index, bucket) in segment.enumerated().reversed() {
                band += "L\(f(centres[index])) \(f(y(bucket.min)))"
            }
            svg += "<path class=\"band\" d=\"\(band)Z\"/>"
            var line = ""
            for (index, bucket) in segment.enumerated() {
                line += (index == 0 ? "M" : "L") + "\(f(centres[index])) \(f(y(bucket.avg)))"
            }
            if segment.count == 1, let only = segment.first {
                svg += "<circle class=\"dot\" cx=\"\(f(centres[0]))\" cy=\"\(f(y(only.avg)))\" r=\"2.5\"/>"
            } else {
                svg += "<path class=\"avg\" d=\"\(line)\"/>"
            }
        }
        svg += label(VitalDisplay.number(range.upperBound), x: 2, y: Self.top + 8)
        svg += label(VitalDisplay.number(range.lowerBound), x: 2, y: Self.bottom)
        svg += label(DashboardTime.text(from), x: Self.left, y: Self.viewHeight - 6)
        svg += label(DashboardTime.text(to), x: Self.right - 118, y: Self.viewHeight - 6)
        return svg + "</svg>"
    }

    /// Runs of buckets without gaps; a missing bucket breaks the band and the line.
    private func segments() -> [[ReadingBucket]] {
        var result: [[ReadingBucket]] = []
        var current: [ReadingBucket] = []
        for bucket in buckets {
            if let last = current.last, bucket.start.timeIntervalSince(last.start) > Double(width.seconds) * 1.5 {
                result.append(current)
                current = []
            }
            current.append(bucket)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The values the y axis spans: the data and the thresholds near it, padded.
    private func valueRange() -> ClosedRange<Double> {
        var low = buckets.map(\.min).min() ?? 0
        var high = buckets.map(\.max).max() ?? 1
        let span = max(high - low, 1)
        for threshold in thresholds where threshold.value >= low - span && threshold.value <= high + span {
            low = min(low, threshold.value)
            high = max(high, threshold.value)
        }
        let pad = max((high - low) * 0.08, 0.5)
        return (low - pad)...(high + pad)
    }

    private func label(_ text: String, x: Double, y: Double) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\">\(HTMLText.escape(text))</text>"
    }

    private func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

}
