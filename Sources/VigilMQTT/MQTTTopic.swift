/// Rules for MQTT topic names and topic filters.
///
/// Topics are compared byte by byte on their UTF-8 form, as the standard
/// requires (no Unicode normalization).
public enum MQTTTopic {
    private static let separator = UInt8(ascii: "/")
    private static let singleLevel = UInt8(ascii: "+")
    private static let multiLevel = UInt8(ascii: "#")

    /// Whether `name` may be published to: not empty, no `+` or `#`.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        return !bytes.isEmpty && !bytes.contains(where: { $0 == singleLevel || $0 == multiLevel })
    }

    /// Whether `filter` may be subscribed to: not empty, `+` only as a whole
    /// level, `#` only as the whole last level.
    public static func isValidFilter(_ filter: String) -> Bool {
        let bytes = filter.utf8
        guard !bytes.isEmpty else { return false }
        let levels = bytes.split(separator: separator, omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains(multiLevel) {
                guard level.count == 1, index == levels.count - 1 else { return false }
            } else if level.contains(singleLevel) {
                guard level.count == 1 else { return false }
            }
        }
        return true
    }

    /// Whether a message published to `topic` matches the subscription `filter`.
    ///
    /// Both must be valid. As the standard requires, a filter starting with a
    /// wildcard does not match a topic starting with `$`, and `a/#` also
    /// matches `a`.
    public static func filter(_ filter: String, matches topic: String) -> Bool {
        let filterLevels = filter.utf8.split(separator: separator, omittingEmptySubsequences: false)
        let topicLevels = topic.utf8.split(separator: separator, omittingEmptySubsequences: false)
        if topic.utf8.first == UInt8(ascii: "$"), let first = filterLevels.first,
            first.elementsEqual([singleLevel]) || first.elementsEqual([multiLevel])
        {
            return false
        }
        for (index, level) in filterLevels.enumerated() {
            if level.elementsEqual([multiLevel]) { return true }
            guard index < topicLevels.count else { return false }
            if !level.elementsEqual([singleLevel]) && !level.elementsEqual(topicLevels[index]) { return false }
        }
        return filterLevels.count == topicLevels.count
    }
}
