import GRDB

extension SQLiteMigrations {
    /// Users' TOTP second factors: the sealed secret, when enrolment was
    /// confirmed (NULL while pending) and the last time step accepted.
    static func v9TOTP(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE user_totp (
                    user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id),
                    secret TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    confirmed_at INTEGER,
                    last_used_step INTEGER
                );
                """)
    }
}
