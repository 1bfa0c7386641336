import VigilCore

/// The patients waiting for evaluation, each at most once: a patient whose
/// readings are committed again before their evaluation starts is not queued
/// twice, and the evaluation reads the newest state when it runs. Bounded by
/// the number of patients.
actor EvaluationQueue {
    private var pending: [PatientID] = []
    private var queued: Set<PatientID> = []
    private var isBusy = false
    private var isClosed = false
    private var worker: CheckedContinuation<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Queues patients not already waiting.
    func add(_ patients: some Sequence<PatientID>) {
        for patient in patients where queued.insert(patient).inserted { pending.append(patient) }
        if !pending.isEmpty {
            worker?.resume()
            worker = nil
        }
    }

    /// Every waiting patient, oldest first, once there is one; nil once closed and drained.
    func next() async -> [PatientID]? {
        while pending.isEmpty {
            if isClosed { return nil }
            await withCheckedContinuation { worker = $0 }
        }
        let batch = pending
        pending.removeAll()
        queued.removeAll()
        isBusy = true
        return batch
    }

    /// Marks the batch `next()` returned as evaluated.
    func finishBatch() {
        isBusy = false
        resumeIdleWaitersIfIdle()
    }

    /// Returns once nothing is waiting or being evaluated.
    func idle() async {
        if !isBusy && pending.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops waiting for work; what is queued is still handed out.
    func close() {
        isClosed = true
        worker?.resume()
        worker = nil
    }

    private func resumeIdleWaitersIfIdle() {
        guard !isBusy, pending.isEmpty else { return }
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters.removeAll()
    }
}
