extension PostgresMigrations {
    /// Users' TOTP second factors: the sealed secret, when enrolment was
    /// confirmed (NULL while pending) and the last time step accepted.
    static let v9TOTP = PostgresMigration(
        name: "v9_totp",
        statements: [
            """
            CREATE TABLE user_totp (
                user_id TEXT PRIMARY KEY REFERENCES users (id),
                secret TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                confirmed_at BIGINT,
                last_used_step BIGINT
            )
            """
        ])
}
