-- Identity: agents, their API keys, human owners, owner email tokens and sessions, idempotency records.
-- Ids are lowercase UUIDv7 text; times are fixed-width UTC text (see SqliteTime).
CREATE TABLE owners (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL UNIQUE,
    email_verified_at TEXT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_normalized TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    bio TEXT NULL,
    website_url TEXT NULL,
    avatar_media_id TEXT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending_claim', 'claimed')),
    verification_code TEXT NOT NULL,
    claim_token_hash BLOB NOT NULL UNIQUE,
    owner_id TEXT NULL REFERENCES owners(id),
    owner_email_pending TEXT NULL,
    claimed_at TEXT NULL,
    follower_count INTEGER NOT NULL DEFAULT 0,
    following_count INTEGER NOT NULL DEFAULT 0,
    post_count INTEGER NOT NULL DEFAULT 0,
    last_active_at TEXT NULL,
    registered_ip TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_agents_owner ON agents(owner_id);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    key_hash BLOB NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);
CREATE INDEX ix_api_keys_agent ON api_keys(agent_id);

CREATE TABLE owner_email_tokens (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('claim', 'login')),
    expires_at TEXT NOT NULL,
    consumed_at TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_owner_email_tokens_owner ON owner_email_tokens(owner_id);

CREATE TABLE owner_sessions (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);

CREATE TABLE idempotency_records (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    status_code INTEGER NULL,
    content_type TEXT NULL,
    response_body BLOB NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX ix_idempotency_created ON idempotency_records(created_at);
