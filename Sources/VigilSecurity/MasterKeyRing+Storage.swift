import Foundation

extension MasterKeyRing {
    /// The environment variable that may hold the master keys: base64 of 32
    /// bytes, or several separated by commas, active first.
    public static let environmentVariable = "VIGIL_MASTER_KEY"
    /// The key file's name in the data folder: one base64 key per line, active first.
    public static let fileName = "master.keys"
    /// The key file's permissions: read and write for the owner only.
    public static let filePermissions = 0o600

    /// A ring as loaded at start-up, with where it came from.
    public struct Loaded: Sendable {
        /// Where the keys were found.
        public enum Source: Sendable, Hashable {
            /// From ``MasterKeyRing/environmentVariable``.
            case environment
            /// From an existing key file.
            case file
            /// Neither existed, so a key file with one fresh key was created;
            /// the caller should warn that it must be backed up.
            case createdFile
        }

        /// The keys.
        public let ring: MasterKeyRing
        /// Where they came from.
        public let source: Source
        /// True when the key file may be read or written by users other than
        /// its owner (permissions wider than 0600); the caller should warn.
        public let fileIsExposed: Bool
    }

    /// The key file's location in a data folder.
    public static func keyFileURL(in folder: URL) -> URL {
        folder.appendingPathComponent(fileName)
    }

    /// Loads the master keys: from the environment variable if it is set,
    /// else from `master.keys` in the data folder, else by creating that file
    /// (mode 0600, written atomically) with one fresh random key.
    ///
    /// - Parameters:
    ///   - folder: the data folder; created (mode 0700) if missing and a key file is needed.
    ///   - environment: the process environment.
    /// - Throws: ``KeyVaultError``.
    public static func load(
        dataFolder folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Loaded {
        if let value = environment[environmentVariable], !value.allSatisfy(\.isWhitespace) {
            return Loaded(ring: try parse(environmentValue: value), source: .environment, fileIsExposed: false)
        }
        let url = keyFileURL(in: folder)
        if FileManager.default.fileExists(atPath: url.path) {
            return Loaded(ring: try read(fileAt: url), source: .file, fileIsExposed: isExposed(url))
        }
        let key = MasterKey.generate()
        let created: Bool
        do {
            try SecureFile.makeFolder(folder)
            created = try SecureFile.createIfAbsent(url, with: fileContents([key]), mode: mode_t(filePermissions))
        } catch {
            throw KeyVaultError.keyFileWriteFailed(String(describing: error))
        }
        // Another process may have created the file first: use that one.
        guard created else { return Loaded(ring: try read(fileAt: url), source: .file, fileIsExposed: isExposed(url)) }
        return Loaded(
            ring: try MasterKeyRing(keys: [key], origin: .file(url)), source: .createdFile, fileIsExposed: false)
    }

    /// The keys in a ``environmentVariable`` value: base64 keys separated by commas, active first.
    ///
    /// - Throws: ``KeyVaultError`` `invalid_master_key` or `no_master_key`.
    public static func parse(environmentValue value: String) throws -> MasterKeyRing {
        let keys = try parseKeys(value.split(separator: ","), source: environmentVariable)
        guard !keys.isEmpty else { throw KeyVaultError.noMasterKey(environmentVariable) }
        return try MasterKeyRing(keys: keys, origin: .environment)
    }

    /// The keys in a key file: one base64 key per line, active first. Blank
    /// lines and lines starting with `#` are ignored.
    ///
    /// - Throws: ``KeyVaultError`` `key_file_unreadable`, `invalid_master_key` or `no_master_key`.
    public static func read(fileAt url: URL) throws -> MasterKeyRing {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw KeyVaultError.keyFileUnreadable("\(url.lastPathComponent) could not be opened")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        let keys = try parseKeys(lines, source: url.lastPathComponent)
        guard !keys.isEmpty else { throw KeyVaultError.noMasterKey(url.lastPathComponent) }
        return try MasterKeyRing(keys: keys, origin: .file(url))
    }

    /// Re-reads the keys from where they came from, so that a rotation done
    /// by another process is picked up. Keys from the environment or from
    /// memory stay as they are.
    ///
    /// - Throws: ``KeyVaultError`` if the file can no longer be read; the ring is then unchanged.
    public mutating func reload() throws {
        guard case .file(let url) = origin else { return }
        self = try Self.read(fileAt: url)
    }

    /// Rotates the key file in a data folder: a new random key becomes active
    /// and the previous keys follow it, so secrets sealed under any of them
    /// still open. Re-wrap the stored secrets next, then
    /// ``retire(keysOtherThanActiveIn:)``.
    ///
    /// - Returns: the new ring.
    /// - Throws: ``KeyVaultError`` if the key file is missing or unreadable.
    @discardableResult
    public static func rotate(in folder: URL) throws -> MasterKeyRing {
        let url = keyFileURL(in: folder)
        let current = try read(fileAt: url)
        let rotated = try MasterKeyRing(keys: [MasterKey.generate()] + current.keys, origin: .file(url))
        try write(rotated, to: url)
        return rotated
    }

    /// Rewrites the key file in a data folder with only its active key.
    /// Secrets still wrapped under the dropped keys no longer open, so
    /// re-wrap every stored secret first.
    ///
    /// - Returns: the new ring.
    /// - Throws: ``KeyVaultError`` if the key file is missing or unreadable.
    @discardableResult
    public static func retire(keysOtherThanActiveIn folder: URL) throws -> MasterKeyRing {
        let url = keyFileURL(in: folder)
        let current = try read(fileAt: url)
        let retired = try MasterKeyRing(keys: [current.active], origin: .file(url))
        try write(retired, to: url)
        return retired
    }

    private static func write(_ ring: MasterKeyRing, to url: URL) throws {
        do {
            try SecureFile.replace(url, with: fileContents(ring.keys), mode: mode_t(filePermissions))
        } catch {
            throw KeyVaultError.keyFileWriteFailed(String(describing: error))
        }
    }

    private static func fileContents(_ keys: [MasterKey]) -> Data {
        Data(keys.map { $0.base64 + "\n" }.joined().utf8)
    }

    private static func parseKeys(_ items: [Substring], source: String) throws -> [MasterKey] {
        try items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { text in
            guard let key = MasterKey(base64: text) else { throw KeyVaultError.invalidMasterKey(source) }
            return key
        }
    }

    private static func isExposed(_ url: URL) -> Bool {
        guard let mode = SecureFile.permissions(of: url) else { return false }
        return mode & 0o077 != 0
    }
}
