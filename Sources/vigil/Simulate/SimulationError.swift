/// A failure of `vigil simulate`, with a message that carries no patient data.
struct SimulationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
