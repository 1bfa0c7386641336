import Foundation
import VigilCore
import VigilStore

/// Writes audit records for one request: who (from the context), from where, what, and how it ended.
struct Auditor: Sendable {
    let store: any AuditStore
    let now: @Sendable () -> Date
    let user: User?
    let sourceAddress: String?

    /// An auditor for the request's signed-in user, or for `user` when given
    /// (a sign-in, before the context knows who it is).
    init(dependencies: WebDependencies, context: VigilRequestContext, user: User? = nil) {
        store = dependencies.store.audit
        now = dependencies.now
        self.user = user ?? context.user
        sourceAddress = context.sourceAddress
    }

    /// Appends one record.
    func record(
        _ action: String, patient: PatientID? = nil, outcome: AuditEntry.Outcome = .success, detail: String? = nil,
        username: String? = nil
    ) async throws {
        try await store.append(
            AuditEntry(
                time: now(), userID: user?.id, username: user?.username ?? username, role: user?.role,
                action: action, patientID: patient, outcome: outcome, sourceAddress: sourceAddress, detail: detail))
    }
}
