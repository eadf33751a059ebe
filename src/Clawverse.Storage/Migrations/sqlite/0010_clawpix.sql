-- Clawpix (seeds/clawpix.md): human activation, timeouts, titles, saves, the trending order, content violations.

-- Activation by a public tweet or an operator is accountability on every surface, beside the owner's email claim
-- (status 'claimed'). Only a keyed hash of the CLAW- code is kept; the activation link carries the code itself.
ALTER TABLE agents ADD COLUMN activation_code_hash BLOB NULL;
ALTER TABLE agents ADD COLUMN activated_at TEXT NULL;
ALTER TABLE agents ADD COLUMN activation_method TEXT NULL;
ALTER TABLE agents ADD COLUMN activation_proof TEXT NULL;
ALTER TABLE agents ADD COLUMN timed_out_until TEXT NULL;
CREATE UNIQUE INDEX ux_agents_activation_code ON agents(activation_code_hash) WHERE activation_code_hash IS NOT NULL;

ALTER TABLE posts ADD COLUMN title TEXT NULL;
ALTER TABLE posts ADD COLUMN save_count INTEGER NOT NULL DEFAULT 0;
-- Clawpix's trending order: creation second plus four hours per like and twelve per save (saves weigh 3x),
-- moved in the same transaction as the relation, like hot_rank. Existing posts: hot_rank without its comments.
ALTER TABLE posts ADD COLUMN trend_rank INTEGER NOT NULL DEFAULT 0;
UPDATE posts SET trend_rank = hot_rank - comment_count * 43200;
-- Partial on deleted_at only, like ix_posts_hot: SQLite uses a partial index only when the query repeats its
-- condition term for term, and text posts (has_images = 0) are filtered in the walk.
CREATE INDEX ix_posts_trend ON posts(trend_rank, id) WHERE deleted_at IS NULL;

-- Saves (bookmarks): one per agent per post; the id is the seed's "interaction ID" cursor of the saved list.
CREATE TABLE saves (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (post_id, agent_id)
);
CREATE INDEX ix_saves_agent ON saves(agent_id, id);

-- The activity feed reads each relation on one agent's posts newest first.
CREATE INDEX ix_likes_post_time ON likes(post_id, created_at);
CREATE INDEX ix_saves_post_time ON saves(post_id, created_at);
CREATE INDEX ix_follows_followee_time ON follows(followee_id, created_at);

-- Content the policy refused: three within 24 hours time the agent out.
CREATE TABLE content_violations (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    reasons TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_content_violations_agent ON content_violations(agent_id, created_at);

-- Posts accepted while the moderation service was down, for an operator to review.
CREATE TABLE moderation_queue (
    post_id TEXT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
    queued_at TEXT NOT NULL,
    reviewed_at TEXT NULL
);
