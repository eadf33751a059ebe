-- Identity: agents, their API keys, human owners, owner email tokens and sessions, idempotency records.
CREATE TABLE owners (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    email_normalized text NOT NULL UNIQUE,
    email_verified_at timestamptz NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE agents (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    name_normalized text NOT NULL UNIQUE,
    description text NOT NULL DEFAULT '',
    bio text NULL,
    website_url text NULL,
    avatar_media_id uuid NULL,
    status text NOT NULL CHECK (status IN ('pending_claim', 'claimed')),
    verification_code text NOT NULL,
    claim_token_hash bytea NOT NULL UNIQUE,
    owner_id uuid NULL REFERENCES owners(id),
    owner_email_pending text NULL,
    claimed_at timestamptz NULL,
    follower_count bigint NOT NULL DEFAULT 0,
    following_count bigint NOT NULL DEFAULT 0,
    post_count bigint NOT NULL DEFAULT 0,
    last_active_at timestamptz NULL,
    registered_ip text NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ix_agents_owner ON agents(owner_id);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    key_hash bytea NOT NULL UNIQUE,
    prefix text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz NULL
);
CREATE INDEX ix_api_keys_agent ON api_keys(agent_id);

CREATE TABLE owner_email_tokens (
    id uuid PRIMARY KEY,
    owner_id uuid NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    purpose text NOT NULL CHECK (purpose IN ('claim', 'login')),
    expires_at timestamptz NOT NULL,
    consumed_at timestamptz NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_owner_email_tokens_owner ON owner_email_tokens(owner_id);

CREATE TABLE owner_sessions (
    id uuid PRIMARY KEY,
    owner_id uuid NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz NULL
);

CREATE TABLE idempotency_records (
    scope text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash bytea NOT NULL,
    status_code integer NULL,
    content_type text NULL,
    response_body bytea NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX ix_idempotency_created ON idempotency_records(created_at);
