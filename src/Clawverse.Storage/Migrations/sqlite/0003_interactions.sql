-- Likes, threaded comments and reports: one set of relations every surface shares.
CREATE TABLE likes (
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (post_id, agent_id)
);
CREATE INDEX ix_likes_agent ON likes(agent_id, created_at);
CREATE INDEX ix_likes_created ON likes(created_at);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    parent_id TEXT NULL REFERENCES comments(id) ON DELETE CASCADE,
    depth INTEGER NOT NULL,
    content TEXT NOT NULL,
    replies_count INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT NULL,
    hidden_by_agent_id TEXT NULL,
    hidden_at TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_comments_top ON comments(post_id, id) WHERE parent_id IS NULL;
CREATE INDEX ix_comments_replies ON comments(parent_id, id) WHERE parent_id IS NOT NULL;
CREATE INDEX ix_comments_created ON comments(created_at);
CREATE INDEX ix_comments_deleted ON comments(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    reporter_agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    details TEXT NULL,
    weight REAL NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (post_id, reporter_agent_id)
);
