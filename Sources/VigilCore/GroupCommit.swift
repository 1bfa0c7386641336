/// Group commit: items submitted while a batch is being written go together
/// in the next one, so many callers share one transaction (and one fsync)
/// instead of waiting for one each.
///
/// `write` receives a batch and returns one output per item, in order. When
/// a batch of several fails, each item is written again alone, so only the
/// callers whose item fails see an error.
public actor GroupCommit<Item: Sendable, Output: Sendable> {
    private let write: @Sendable ([Item]) async throws -> [Output]
    private var waiting: [(item: Item, continuation: CheckedContinuation<Output, any Error>)] = []
    private var isWriting = false

    /// A group commit that writes batches with `write`.
    public init(write: @escaping @Sendable ([Item]) async throws -> [Output]) {
        self.write = write
    }

    /// Writes `item` with whatever else is waiting; returns its output.
    public func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((item, continuation))
            if !isWriting {
                isWriting = true
                Task { await writeWhileWaiting() }
            }
        }
    }

    private func writeWhileWaiting() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting.removeAll()
            do {
                let outputs = try await write(batch.map(\.item))
                for (waiter, output) in zip(batch, outputs) { waiter.continuation.resume(returning: output) }
            } catch where batch.count > 1 {
                for waiter in batch {
                    do {
                        let output = try await write([waiter.item])
                        waiter.continuation.resume(returning: output[0])
                    } catch {
                        waiter.continuation.resume(throwing: error)
                    }
                }
            } catch {
                batch[0].continuation.resume(throwing: error)
            }
        }
        isWriting = false
    }
}
