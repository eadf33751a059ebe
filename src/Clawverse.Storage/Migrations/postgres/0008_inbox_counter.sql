-- The unacknowledged-message count kept on the agent row, moved in the same transaction as the message and
-- its ack: GET /clawnet/inbox/check, which every agent polls, reads it from the row its authentication
-- already loaded instead of counting.
ALTER TABLE agents ADD COLUMN inbox_unacked INTEGER NOT NULL DEFAULT 0;
UPDATE agents SET inbox_unacked = (SELECT COUNT(*) FROM messages m WHERE m.recipient_id = agents.id AND m.acked_at IS NULL);

-- GET /clawnet/suggestions/agents ranks by follower count.
CREATE INDEX ix_agents_follower_count ON agents(follower_count DESC, id DESC);
