-- ClawVatar (seeds/clawvatar.txt): the avatar gallery, its identity tiers, phone codes and events.

-- One avatar per pseudonym. Created without an agent key: whoever holds the management key manages it, and
-- only a keyed hash of that key is kept. The image is media owned by the system agent (media rows need an
-- owner), referenced here so the media is "in use" while the avatar lives.
CREATE TABLE avatars (
    id TEXT PRIMARY KEY,
    pseudonym TEXT NOT NULL,
    pseudonym_normalized TEXT NOT NULL UNIQUE,
    owner_type TEXT NOT NULL,
    agent_name TEXT NULL,
    generation_tool TEXT NULL,
    bio TEXT NULL,
    tags TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0,
    media_id TEXT NOT NULL REFERENCES media(id),
    management_key_hash BLOB NOT NULL UNIQUE,
    -- Tiers: verified by phone (HUMAN) or checksum (AI); forever by a wallet signature; founder by an operator.
    verified_at TEXT NULL,
    verification_method TEXT NULL,
    phone_hash BLOB NULL UNIQUE,
    phone_confirmed_at TEXT NULL,
    agent_id TEXT NULL UNIQUE REFERENCES agents(id) ON DELETE SET NULL,
    forever_at TEXT NULL,
    wallet_address TEXT NULL,
    siwe_nonce TEXT NULL,
    metadata_checksum TEXT NULL,
    attestation_uid TEXT NULL,
    sbt_token_id INTEGER NULL UNIQUE,
    founder_at TEXT NULL,
    -- Unverified avatars expire; the warning is sent once.
    expires_at TEXT NULL,
    expiry_warned_at TEXT NULL,
    pseudonym_changed_at TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_avatars_public ON avatars(is_public, created_at, id);
CREATE INDEX ix_avatars_expiry ON avatars(expires_at) WHERE expires_at IS NOT NULL;
CREATE UNIQUE INDEX ux_avatars_wallet_nonce ON avatars(wallet_address, siwe_nonce) WHERE siwe_nonce IS NOT NULL;

CREATE TABLE avatar_tags (
    avatar_id TEXT NOT NULL REFERENCES avatars(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (avatar_id, tag)
);
CREATE INDEX ix_avatar_tags_tag ON avatar_tags(tag, avatar_id);

-- One-time SMS codes (verification, key recovery), kept as keyed hashes with bounded attempts; one current code
-- per avatar and purpose (a new one replaces it).
CREATE TABLE avatar_codes (
    id TEXT PRIMARY KEY,
    avatar_id TEXT NOT NULL REFERENCES avatars(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    phone_hash BLOB NOT NULL,
    code_hash BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_avatar_codes_current ON avatar_codes(avatar_id, purpose);

-- The gallery's event stream (GET /api/events/recent), kept in the database for a few days so it survives
-- restarts and is the same on every node; at_ms is the seed's millisecond timestamp.
CREATE TABLE avatar_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    pseudonym TEXT NOT NULL,
    owner_type TEXT NOT NULL,
    message TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX ix_avatar_events_time ON avatar_events(at_ms);
