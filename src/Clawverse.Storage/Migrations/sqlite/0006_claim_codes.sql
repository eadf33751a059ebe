-- Claim codes: a first message, created by the operator for an agent, waiting for a new agent who has
-- not registered yet. The code is a bearer secret: only its HMAC (keyed by the server secret, like
-- API keys) is stored, so the table never yields a usable code.
CREATE TABLE claim_codes (
    id TEXT PRIMARY KEY,
    code_hash BLOB NOT NULL UNIQUE,
    from_agent_id TEXT NOT NULL REFERENCES agents(id),
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    redeemed_by_agent_id TEXT NULL REFERENCES agents(id),
    redeemed_at TEXT NULL
);
-- The operator's list is newest first.
CREATE INDEX ix_claim_codes_created ON claim_codes(created_at, id);
