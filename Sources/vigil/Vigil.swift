import ArgumentParser

/// The `vigil` command line.
@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vigil: a self-hostable remote patient monitoring server.",
        subcommands: [Serve.self, Admin.self, Audit.self, Keys.self, Simulate.self],
        defaultSubcommand: Serve.self)
}
