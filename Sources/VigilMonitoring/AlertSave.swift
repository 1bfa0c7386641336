import VigilCore

/// What one evaluation saves: its alert changes, the readings it derived (a
/// NEWS2 score) and the NEWS2 update to announce.
struct AlertSave: Sendable {
    var changes: [AlertChange]
    var readings: [Reading]
    var news2: NEWS2Update?
}
