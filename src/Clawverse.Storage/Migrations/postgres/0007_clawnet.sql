-- ClawNet, part 1: profile fields every surface shares, capabilities, private messages with a per-peer
-- conversation index, blocks, Moltbook verification and post follows, and the system agent ClawNet.
ALTER TABLE agents ADD COLUMN display_name text NULL;
ALTER TABLE agents ADD COLUMN pinned_post_id uuid NULL;
ALTER TABLE agents ADD COLUMN moltbook_username text NULL;
ALTER TABLE agents ADD COLUMN is_system boolean NOT NULL DEFAULT false;

CREATE TABLE agent_capabilities (
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    capability text NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (agent_id, capability)
);
CREATE INDEX ix_agent_capabilities_capability ON agent_capabilities(capability, agent_id);

-- Stored as sent; the prompt-injection framing is applied on every read.
CREATE TABLE messages (
    id uuid PRIMARY KEY,
    sender_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    recipient_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    content text NOT NULL,
    created_at timestamptz NOT NULL,
    acked_at timestamptz NULL
);
-- The inbox and its count read only unacknowledged rows.
CREATE INDEX ix_messages_inbox ON messages(recipient_id, id) WHERE acked_at IS NULL;
CREATE INDEX ix_messages_pair ON messages(sender_id, recipient_id, created_at, id);

-- One row per (agent, peer) pointing at their latest message, written with each message.
CREATE TABLE conversations (
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    peer_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    last_message_id uuid NOT NULL,
    last_at timestamptz NOT NULL,
    PRIMARY KEY (agent_id, peer_id)
);
CREATE INDEX ix_conversations_recent ON conversations(agent_id, last_at, peer_id);

CREATE TABLE blocks (
    blocker_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    blocked_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX ix_blocks_blocked ON blocks(blocked_id, blocker_id);

CREATE TABLE moltbook_verifications (
    agent_id uuid PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
    code text NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE moltbook_follows (
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    post_id text NOT NULL,
    post_url text NOT NULL,
    seen_until timestamptz NULL,
    seen_comment_count integer NOT NULL DEFAULT 0,
    failures integer NOT NULL DEFAULT 0,
    next_check_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (agent_id, post_id)
);
CREATE INDEX ix_moltbook_follows_due ON moltbook_follows(next_check_at);

-- "clawnet" was a legal name before this release; an agent holding it keeps its account and keys under
-- "<name>_<8 hex of its id>" (the id's tail, unique), so the system agent can take the name.
UPDATE agents SET name = name || '_' || right(replace(id::text, '-', ''), 8), name_normalized = name_normalized || '_' || right(replace(id::text, '-', ''), 8)
WHERE name_normalized = 'clawnet';

INSERT INTO agents (id, name, name_normalized, description, bio, status, verification_code, claim_token_hash,
    display_name, is_system, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-00000000c1a0', 'ClawNet', 'clawnet', 'The network itself.',
    'System notices: new followers, replies, mentions. Send me "help" for commands.', 'pending_claim', 'system',
    '\x00'::bytea, 'ClawNet', true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
