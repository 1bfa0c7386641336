import PostgresNIO
import VigilCore
import VigilStore

/// A group commit's messages as column arrays for one statement, without the
/// messages that repeat an earlier one of the same batch (same device and
/// message id, or a replay of the same quarantined item): those are duplicates
/// whatever the database holds, so they are never sent.
struct PostgresIngestBatch {
    /// A device's message id, the deduplication key.
    private struct MessageKey: Hashable {
        var deviceID: String
        var messageID: String
    }

    /// The index in the batch of each message sent that is not a replay.
    var indexes: [Int64] = []
    var deviceIDs: [String] = []
    var messageIDs = PostgresTextArray(elements: [])
    var receivedAt: [Int64] = []
    /// The index in the batch of each replay sent. Replays have arrays of their
    /// own, usually empty, so that the planner looks their items up by id
    /// rather than scanning every pending item.
    var replayIndexes: [Int64] = []
    /// The quarantined item each replay replays.
    var replayedItems: [Int64] = []
    /// The readings of the messages sent, each tagged with its message's index.
    var readings = PostgresReadingColumns()
    /// The quarantine items of the messages sent, each tagged with its message's index.
    var quarantined = PostgresQuarantineColumns()

    /// Splits `messages` into columns, leaving out repeats within the batch.
    init(_ messages: [IngestMessage]) {
        var seenKeys = Set<MessageKey>()
        var seenReplays = Set<Int64>()
        for (index, message) in messages.enumerated() {
            if let item = message.replayOf {
                guard seenReplays.insert(item).inserted else { continue }
                replayIndexes.append(Int64(index))
                replayedItems.append(item)
            } else {
                if let messageID = message.messageID {
                    let key = MessageKey(deviceID: message.deviceID.rawValue, messageID: messageID)
                    guard seenKeys.insert(key).inserted else { continue }
                }
                indexes.append(Int64(index))
                deviceIDs.append(message.deviceID.rawValue)
                messageIDs.elements.append(message.messageID)
                receivedAt.append(message.receivedAt.millisecondsSince1970)
            }
            readings.append(message.readings, owner: index)
            for item in message.quarantined { quarantined.append(item, owner: index) }
        }
    }
}
