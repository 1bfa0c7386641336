import VigilCore

/// The message shown after an admin form: a confirmation, or a refusal the admin can fix.
struct AdminFormFeedback {
    let message: String?
    let isError: Bool

    static let none = AdminFormFeedback(message: nil, isError: false)

    /// A confirmation.
    static func notice(_ message: String) -> AdminFormFeedback { AdminFormFeedback(message: message, isError: false) }

    /// A refusal the admin can fix.
    static func error(_ message: String) -> AdminFormFeedback { AdminFormFeedback(message: message, isError: true) }

    /// The message of a refusal the admin can fix (bad input, conflict);
    /// anything else is thrown on.
    static func refusal(_ error: any Error) throws -> AdminFormFeedback {
        guard let error = error as? VigilError, error.kind == .badRequest || error.kind == .conflict else { throw error }
        return AdminFormFeedback(message: error.message, isError: true)
    }
}
