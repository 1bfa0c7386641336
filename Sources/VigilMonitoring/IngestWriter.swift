import Metrics
import Logging
import ServiceLifecycle
import VigilCore
import VigilStore

/// The group-commit writer: every device message goes through it, and it
/// commits the messages of many devices in one transaction.
///
/// There is no timer: while one transaction commits, new messages queue up,
/// and the next transaction takes all of them (up to a limit). At low load a
/// message commits alone and at once; at high load transactions grow and the
/// cost of each sync to disk is shared. A caller's `submit` returns only
/// after its message is durable, so a device is acknowledged only then.
public final class IngestWriter: Service, Sendable {
    /// Limits of one transaction.
    public struct Configuration: Sendable {
        /// Most messages per transaction. Default 1,000.
        public var maximumMessagesPerCommit: Int
        /// Most readings per transaction (a batch closes once it reaches this). Default 20,000.
        public var maximumReadingsPerCommit: Int

        public init(maximumMessagesPerCommit: Int = 1000, maximumReadingsPerCommit: Int = 20_000) {
            self.maximumMessagesPerCommit = maximumMessagesPerCommit
            self.maximumReadingsPerCommit = maximumReadingsPerCommit
        }
    }

    /// Thrown to callers whose message could not be committed because the writer stopped.
    public struct Stopped: Error, CustomStringConvertible {
        public var description: String { "the ingest writer has stopped" }
    }

    private let store: any IngestStore
    private let queue = PendingQueue()
    private let configuration: Configuration
    private let logger: Logger
    private let observers: [any CommitObserver]
    /// Messages per transaction (`vigil_ingest_commit_batch_messages`).
    private let batchSize: Recorder
    /// Time each transaction took (`vigil_ingest_commit_duration_seconds`).
    private let commitDuration: Timer

    /// - Parameter metrics: where the batch-size and commit-latency histograms
    ///   go. Default: nowhere.
    public init(
        store: any IngestStore, configuration: Configuration = .init(), observers: [any CommitObserver] = [],
        logger: Logger, metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.store = store
        self.configuration = configuration
        self.observers = observers
        self.logger = logger
        batchSize = Recorder(label: "vigil_ingest_commit_batch_messages", factory: metrics)
        commitDuration = Timer(label: "vigil_ingest_commit_duration_seconds", factory: metrics)
    }

    /// Queues a message and returns once it is committed (or found to be a duplicate).
    public func submit(_ message: IngestMessage) async throws -> IngestOutcome {
        try await queue.enqueue(message)
    }

    /// Commits batches until graceful shutdown, then commits what is left and stops.
    public func run() async throws {
        await withGracefulShutdownHandler {
            while let batch = await queue.takeBatch(
                maximumMessages: configuration.maximumMessagesPerCommit,
                maximumReadings: configuration.maximumReadingsPerCommit)
            {
                await commit(batch)
            }
        } onGracefulShutdown: { [queue] in
            Task { await queue.close() }
        }
    }

    private func commit(_ batch: [Pending]) async {
        let messages = batch.map(\.message)
        batchSize.record(messages.count)
        do {
            let started = ContinuousClock.now
            let outcomes = try await store.commit(messages)
            commitDuration.record(duration: ContinuousClock.now - started)
            // Observers hear of a commit before its devices are acknowledged, so
            // whatever a device's acknowledgement causes (an evaluation, an event)
            // is already queued when the device learns its reading is stored.
            // Observers must therefore return quickly.
            let committed = zip(messages, outcomes).filter { $0.1 == .stored }.map(\.0)
            if !committed.isEmpty {
                for observer in observers { await observer.didCommit(committed) }
            }
            for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(returning: outcome) }
        } catch {
            logger.error(
                "Group commit failed", metadata: ["messages": "\(batch.count)", "error": "\(type(of: error))"])
            for pending in batch { pending.continuation.resume(throwing: error) }
        }
    }
}

/// Something that reacts to committed messages (live evaluation, live events).
public protocol CommitObserver: Sendable {
    /// Called after each transaction with the messages it stored (duplicates
    /// left out), before the callers of `submit` are resumed; it must return
    /// quickly (queue work, do not do it), since the commit loop waits for it.
    func didCommit(_ messages: [IngestMessage]) async
}

/// A queued message and the caller waiting for it.
struct Pending: Sendable {
    let message: IngestMessage
    let continuation: CheckedContinuation<IngestOutcome, any Error>
}

/// The queue between callers and the commit loop.
actor PendingQueue {
    private var items: [Pending] = []
    private var waiter: CheckedContinuation<Void, Never>?
    private var isClosed = false

    /// Queues a message and suspends until the commit loop resumes it.
    func enqueue(_ message: IngestMessage) async throws -> IngestOutcome {
        guard !isClosed else { throw IngestWriter.Stopped() }
        return try await withCheckedThrowingContinuation { continuation in
            items.append(Pending(message: message, continuation: continuation))
            waiter?.resume()
            waiter = nil
        }
    }

    /// Stops accepting messages; what is queued is still committed.
    func close() {
        isClosed = true
        waiter?.resume()
        waiter = nil
    }

    /// The next batch, waiting for at least one message; nil once closed and drained.
    func takeBatch(maximumMessages: Int, maximumReadings: Int) async -> [Pending]? {
        while items.isEmpty {
            if isClosed { return nil }
            await withCheckedContinuation { waiter = $0 }
        }
        var count = 0
        var readings = 0
        while count < items.count, count < maximumMessages, readings < maximumReadings {
            readings += items[count].message.readings.count
            count += 1
        }
        let batch = Array(items[..<count])
        items.removeFirst(count)
        return batch
    }
}
