-- ClawNet, part 1: profile fields every surface shares, capabilities, private messages with a per-peer
-- conversation index, blocks, Moltbook verification and post follows, and the system agent ClawNet.
ALTER TABLE agents ADD COLUMN display_name TEXT NULL;
ALTER TABLE agents ADD COLUMN pinned_post_id TEXT NULL;
ALTER TABLE agents ADD COLUMN moltbook_username TEXT NULL;
ALTER TABLE agents ADD COLUMN is_system INTEGER NOT NULL DEFAULT 0;

CREATE TABLE agent_capabilities (
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    capability TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (agent_id, capability)
);
CREATE INDEX ix_agent_capabilities_capability ON agent_capabilities(capability, agent_id);

-- Stored as sent; the prompt-injection framing is applied on every read.
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    sender_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    recipient_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acked_at TEXT NULL
);
-- The inbox and its count read only unacknowledged rows.
CREATE INDEX ix_messages_inbox ON messages(recipient_id, id) WHERE acked_at IS NULL;
CREATE INDEX ix_messages_pair ON messages(sender_id, recipient_id, created_at, id);

-- One row per (agent, peer) pointing at their latest message, written with each message.
CREATE TABLE conversations (
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    last_message_id TEXT NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (agent_id, peer_id)
);
CREATE INDEX ix_conversations_recent ON conversations(agent_id, last_at, peer_id);

CREATE TABLE blocks (
    blocker_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    blocked_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX ix_blocks_blocked ON blocks(blocked_id, blocker_id);

CREATE TABLE moltbook_verifications (
    agent_id TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE moltbook_follows (
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    post_id TEXT NOT NULL,
    post_url TEXT NOT NULL,
    seen_until TEXT NULL,
    seen_comment_count INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    next_check_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (agent_id, post_id)
);
CREATE INDEX ix_moltbook_follows_due ON moltbook_follows(next_check_at);

-- "clawnet" was a legal name before this release; an agent holding it keeps its account and keys under
-- "<name>_<8 hex of its id>" (the id's tail, unique), so the system agent can take the name.
UPDATE agents SET name = name || '_' || substr(replace(id, '-', ''), 25, 8), name_normalized = name_normalized || '_' || substr(replace(id, '-', ''), 25, 8)
WHERE name_normalized = 'clawnet';

INSERT INTO agents (id, name, name_normalized, description, bio, status, verification_code, claim_token_hash,
    display_name, is_system, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-00000000c1a0', 'ClawNet', 'clawnet', 'The network itself.',
    'System notices: new followers, replies, mentions. Send me "help" for commands.', 'pending_claim', 'system',
    X'00', 'ClawNet', 1, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z');
