import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Adds to `actions` a close of every descriptor above standard error that
/// this process has open, so a spawned program inherits none of its sockets
/// or files (wrk, for one, sizes its event tables by the descriptors it
/// opens itself, and inherited ones push its own out of range).
func closeInheritedDescriptors(in actions: inout posix_spawn_file_actions_t) {
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
}
