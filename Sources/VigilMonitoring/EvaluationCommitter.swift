import Foundation

/// Group commit for live evaluation: the saves of evaluations that finish
/// while a transaction is being written go together in the next one, so many
/// patients' alerts cost one commit rather than one each.
///
/// When a combined transaction fails (say one alert changed meanwhile), each
/// save is retried alone, so only the evaluations it concerns see the error.
actor EvaluationCommitter {
    private let alerts: AlertManager
    private var waiting: [(save: AlertSave, continuation: CheckedContinuation<[AlertChange], any Error>)] = []
    private var isWriting = false

    init(alerts: AlertManager) {
        self.alerts = alerts
    }

    /// Saves `save` with whatever else is waiting; returns its changes as saved.
    func save(_ save: AlertSave) async throws -> [AlertChange] {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((save, continuation))
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
                let saved = try await alerts.save(batch.map(\.save))
                for (item, changes) in zip(batch, saved) { item.continuation.resume(returning: changes) }
            } catch where batch.count > 1 {
                for item in batch {
                    do {
                        item.continuation.resume(returning: try await alerts.save([item.save])[0])
                    } catch {
                        item.continuation.resume(throwing: error)
                    }
                }
            } catch {
                batch[0].continuation.resume(throwing: error)
            }
        }
        isWriting = false
    }
}
