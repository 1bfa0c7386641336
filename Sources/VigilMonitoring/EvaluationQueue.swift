import VigilCore

/// The patients waiting for evaluation, each at most once, handed to several
/// workers one patient at a time.
///
/// A patient whose readings are committed again before their evaluation starts
/// is not queued twice, and the evaluation reads the newest state when it runs.
/// A patient being evaluated is never handed to a second worker: new readings
/// committed meanwhile queue the patient again once the running evaluation
/// finishes. Bounded by the number of patients.
actor EvaluationQueue {
    private var pending: [PatientID] = []
    private var head = 0
    private var queued: Set<PatientID> = []
    private var running: Set<PatientID> = []
    private var changedWhileRunning: Set<PatientID> = []
    private var isClosed = false
    private var workers: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Queues patients not already waiting (or marks running ones to run again).
    func add(_ patients: some Sequence<PatientID>) {
        for patient in patients {
            if running.contains(patient) {
                changedWhileRunning.insert(patient)
            } else if queued.insert(patient).inserted {
                pending.append(patient)
            }
        }
        wakeWorkers()
    }

    /// The longest-waiting patient, once there is one, marked as running;
    /// nil once closed and drained.
    func next() async -> PatientID? {
        while head == pending.count {
            if isClosed { return nil }
            await withCheckedContinuation { workers.append($0) }
        }
        let patient = pending[head]
        head += 1
        if head == pending.count {
            pending.removeAll(keepingCapacity: true)
            head = 0
        }
        queued.remove(patient)
        running.insert(patient)
        return patient
    }

    /// Marks `patient`'s evaluation, which `next()` handed out, as done.
    func finish(_ patient: PatientID) {
        running.remove(patient)
        if changedWhileRunning.remove(patient) != nil {
            add([patient])
        }
        guard running.isEmpty, head == pending.count else { return }
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters.removeAll()
    }

    /// Returns once nothing is queued or running.
    func idle() async {
        if running.isEmpty && head == pending.count { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Lets workers drain what is queued, then stop.
    func close() {
        isClosed = true
        wakeWorkers()
    }

    private func wakeWorkers() {
        guard head < pending.count || isClosed else { return }
        for worker in workers { worker.resume() }
        workers.removeAll()
    }
}
