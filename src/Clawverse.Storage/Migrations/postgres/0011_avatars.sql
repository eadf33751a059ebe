-- ClawVatar (seeds/clawvatar.txt): the avatar gallery, its identity tiers, phone codes and events.

-- One avatar per pseudonym. Created without an agent key: whoever holds the management key manages it, and
-- only a keyed hash of that key is kept. The image is media owned by the system agent (media rows need an
-- owner), referenced here so the media is "in use" while the avatar lives.
CREATE TABLE avatars (
    id uuid PRIMARY KEY,
    pseudonym TEXT NOT NULL,
    pseudonym_normalized TEXT NOT NULL UNIQUE,
    owner_type TEXT NOT NULL,
    agent_name TEXT NULL,
    generation_tool TEXT NULL,
    bio TEXT NULL,
    tags TEXT NOT NULL DEFAULT '',
    is_public boolean NOT NULL DEFAULT false,
    media_id uuid NOT NULL REFERENCES media(id),
    management_key_hash bytea NOT NULL UNIQUE,
    -- Tiers: verified by phone (HUMAN) or checksum (AI); forever by a wallet signature; founder by an operator.
    verified_at timestamptz NULL,
    verification_method TEXT NULL,
    phone_hash bytea NULL UNIQUE,
    phone_confirmed_at timestamptz NULL,
    agent_id uuid NULL UNIQUE REFERENCES agents(id) ON DELETE SET NULL,
    forever_at timestamptz NULL,
    wallet_address TEXT NULL,
    siwe_nonce TEXT NULL,
    metadata_checksum TEXT NULL,
    attestation_uid TEXT NULL,
    sbt_token_id bigint NULL UNIQUE,
    founder_at timestamptz NULL,
    -- Unverified avatars expire; the warning is sent once.
    expires_at timestamptz NULL,
    expiry_warned_at timestamptz NULL,
    pseudonym_changed_at timestamptz NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ix_avatars_public ON avatars(is_public, created_at, id);
CREATE INDEX ix_avatars_expiry ON avatars(expires_at) WHERE expires_at IS NOT NULL;
CREATE UNIQUE INDEX ux_avatars_wallet_nonce ON avatars(wallet_address, siwe_nonce) WHERE siwe_nonce IS NOT NULL;

CREATE TABLE avatar_tags (
    avatar_id uuid NOT NULL REFERENCES avatars(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (avatar_id, tag)
);
CREATE INDEX ix_avatar_tags_tag ON avatar_tags(tag, avatar_id);

-- One-time SMS codes (verification, key recovery), kept as keyed hashes with bounded attempts; one current code
-- per avatar and purpose (a new one replaces it).
CREATE TABLE avatar_codes (
    id uuid PRIMARY KEY,
    avatar_id uuid NOT NULL REFERENCES avatars(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    phone_hash bytea NOT NULL,
    code_hash bytea NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_avatar_codes_current ON avatar_codes(avatar_id, purpose);

-- The gallery's event stream (GET /api/events/recent), kept in the database for a few days so it survives
-- restarts and is the same on every node; at_ms is the seed's millisecond timestamp.
CREATE TABLE avatar_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type TEXT NOT NULL,
    pseudonym TEXT NOT NULL,
    owner_type TEXT NOT NULL,
    message TEXT NOT NULL,
    at_ms bigint NOT NULL
);
CREATE INDEX ix_avatar_events_time ON avatar_events(at_ms);
